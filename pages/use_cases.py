"""Overzicht use cases: every use case the user works on in one sortable, filterable table
(stage, days in stage, owner, next step); a click on a row opens the use case."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from funnel import queries, rights, settings
from funnel.models import FUNNEL_ORDER, Stage, Theme
from ui import date_column, get_db, keep, kept_key, n, plural, require_actor, show_flash, t
from ui.tables import record_table

actor = require_actor()
db = get_db()
today = dt.date.today()
ALL = "all"
sees_all = rights.can_all(actor, "use_case.edit")
STAGES = [*(s.value for s in FUNNEL_ORDER), Stage.ON_HOLD.value, Stage.DROPPED.value]

st.title(t("list.title") if sees_all else t("list.title_coach"))
st.caption(t("list.intro"))
show_flash()

# --- filters (kept while moving between pages) -------------------------------------------------
owners = {u["id"]: u["label"] for u in queries.assignable_users(db)}
themes = [ALL, *(th.value for th in Theme)]
# two rows: the filters stay readable at 1024 px with the sidebar open
col_search, col_stage = st.columns([3, 2])
col_owner, col_theme, col_stuck = st.columns([1, 1, 2], vertical_alignment="bottom")
search = col_search.text_input(
    t("common.search"),
    placeholder=t("board.search_placeholder"),
    key=kept_key("list_search"),
)
# labels made now, in the session's language (not looked up whenever the widget formats one)
stage_names = {s: t(f"stage.{s}") for s in STAGES}
owner_labels = {ALL: t("board.all_owners"), **owners}
theme_labels = {ALL: t("board.all_themes"), **{th: th for th in themes[1:]}}
stages = col_stage.multiselect(
    t("common.stage"),
    STAGES,
    format_func=stage_names.__getitem__,
    placeholder=t("list.all_stages"),
    key=kept_key("list_stages"),
)
owner_id = col_owner.selectbox(
    t("common.owner"),
    [ALL, *owners],
    format_func=owner_labels.__getitem__,
    key=kept_key("list_owner", [ALL, *owners]),
)
theme = col_theme.selectbox(
    t("common.theme"),
    themes,
    format_func=theme_labels.__getitem__,
    key=kept_key("list_theme", themes),
)
only_stuck = col_stuck.toggle(
    t("list.only_stuck"),
    help=t("list.only_stuck_help", days=settings.get(db, "stuck_days")),
    key=kept_key("list_stuck"),
)
for name, value in (
    ("list_search", search),
    ("list_stages", stages),
    ("list_owner", owner_id),
    ("list_theme", theme),
    ("list_stuck", only_stuck),
):
    keep(name, value)

cases = queries.editable_use_cases(
    db,
    actor,
    today=today,
    owner_id=None if owner_id == ALL else owner_id,
    theme=None if theme == ALL else theme,
    search=search,
)
total = len(cases)
if stages:
    cases = [c for c in cases if c["stage"] in stages]
if only_stuck:
    cases = [c for c in cases if c["stuck"]]
# funnel order, then the longest waiting first: what needs attention is at the top
cases.sort(
    key=lambda c: (
        STAGES.index(c["stage"]) if c["stage"] in STAGES else len(STAGES),
        -(c["days_in_stage"] or 0),
    )
)

if not total and not search.strip() and owner_id == ALL and theme == ALL:
    st.info(t("uc.empty") if sees_all else t("uc.empty_coach"), icon=":material/lightbulb:")
    st.stop()
if not cases:
    st.info(t("board.no_match"), icon=":material/filter_alt_off:")
    st.stop()

cols = {  # in this order: what needs attention first, visible at 1024 px too
    "title": t("uc.field_title"),
    "stage": t("common.stage"),
    "days": t("list.col_days"),
    "stuck": t("list.col_stuck"),
    "next_step": t("uc.col_next_step"),
    "due": t("uc.field_next_step_due"),
    "owner": t("common.owner"),
    "asset_owner": t("uc.field_asset_owner"),
    "since": t("list.col_since"),
    "coach": t("uc.col_coach"),
    "theme": t("common.theme"),
    "fieldlab": t("common.fieldlab"),
    "ref": t("list.col_ref"),
}
frame = pd.DataFrame(
    [
        {
            cols["title"]: c["title"],
            cols["stage"]: stage_names.get(c["stage"] or "", "–"),
            cols["days"]: c["days_in_stage"],
            cols["stuck"]: bool(c["stuck"]),
            cols["next_step"]: c["next_step"] or "",
            cols["due"]: c["next_step_due"],
            cols["owner"]: c["owner_label"] or "",
            cols["asset_owner"]: c["asset_owner_name"] or "",
            cols["since"]: c["stage_since"],
            cols["coach"]: c["coach_label"] or "",
            cols["theme"]: c["theme"] or "",
            cols["fieldlab"]: c["fieldlab"] or "",
            cols["ref"]: c["ref"] or "",
        }
        for c in cases
    ]
)
stuck_count = sum(1 for c in cases if c["stuck"])
st.caption(
    t("list.count", shown=n(len(cases)), total=n(total))
    + (" · " + plural("list.stuck_count", stuck_count) if stuck_count else "")
    + " · "
    + t("list.open_hint")
)
picked = record_table(
    "list_table",
    frame,
    [c["id"] for c in cases],
    width="stretch",
    height=min(640, 38 + 35 * len(cases)),
    column_config={
        # a long title is cut off in its cell and shown whole on hover
        cols["title"]: st.column_config.TextColumn(width=240),
        cols["stage"]: st.column_config.TextColumn(width=130),
        cols["days"]: st.column_config.NumberColumn(
            format="%d", width=95, help=t("list.days_help")
        ),
        cols["since"]: date_column(),
        cols["due"]: date_column(width=100),
        cols["stuck"]: st.column_config.CheckboxColumn(width=90, help=t("list.stuck_help")),
        cols["next_step"]: st.column_config.TextColumn(width=220),
    },
)
if picked is not None:
    st.session_state["use_case_id"] = picked
    st.switch_page("pages/use_case.py", query_params={"use_case": str(picked)})

"""Funnelbord: the use cases as cards in a column per stage, with filters and the move dialog."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from funnel import metrics, queries, rights
from funnel.models import FUNNEL_ORDER, Stage, Theme
from ui import (
    d,
    drag_board,
    get_db,
    hyphenate,
    keep,
    kept_key,
    md,
    reminders,
    require_actor,
    show_flash,
    t,
)
from ui.move import days_in_stage_text, move_button, show_move_dialog

actor = require_actor()
db = get_db()
today = dt.date.today()
ALL = "all"  # each filter's "Alle ..." option (a None value would show a useless clear button)
COLUMN_HEIGHT = 760  # pixels; a column with more cards scrolls
#: The board's own layout: the five funnel columns fit the main area at 1024 px with the sidebar
#: open (about 130 px each) as at 1400 px: less page padding and gap, compact cards with smaller
#: text, and words broken only between them or at the soft hyphens of a long title word
#: (ui.hyphenate: "Conditie-|monitoring"), never inside a syllable. A header that wraps in a
#: narrow column keeps two lines, so that the cards of every column start at the same height.
#: Should a column still be too narrow, the row scrolls sideways, headers and cards together.
BOARD_STYLE = """
<style>
[data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
.st-key-board [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; overflow-x: auto; gap: 0.5rem; }
.st-key-board [data-testid="stColumn"] { min-width: 112px; container-type: inline-size; }
.st-key-board [class*="st-key-card_"] { padding: 0.45rem; }
.st-key-board, .st-key-board * { word-break: normal !important; overflow-wrap: normal !important; }
.st-key-board [data-testid="stColumn"] strong { font-size: 0.85rem; }
.st-key-board button p { font-size: 0.8rem; text-align: left; }
.st-key-board [class*="st-key-move_"] button { padding-left: 0.3rem; padding-right: 0.3rem; }
.st-key-board [data-testid="stCaptionContainer"] p { font-size: 0.75rem; }
.st-key-board .stMarkdownBadge { white-space: normal !important; font-size: 0.75rem !important; }
@container (max-width: 170px) {
  .st-key-board [data-testid="stElementContainer"]:first-child strong {
    display: block; min-height: 2lh;
  }
}
</style>
"""
MAX_CARDS = 40  # per column: a card is a dozen elements; thousands would take seconds to draw

st.title(t("board.title"))
st.caption(t("board.intro"))
show_flash()
reminders.show(db, actor)  # the programme leader's own next steps and stuck use cases

# --- filters ---------------------------------------------------------------------------------
years = metrics.years_with_data(db, today)
owners = {u["id"]: u["label"] for u in queries.assignable_users(db)}
# the filters' words made in this run, in its language (a format_func that looked them up when
# called could be called outside the run, where the language is not known)
all_years, all_themes = t("board.all_years"), t("board.all_themes")
all_fieldlabs, all_owners = t("board.all_fieldlabs"), t("board.all_owners")
col_search, col_year, col_theme, col_fieldlab, col_owner = st.columns([2, 1, 1, 1, 1])
search = col_search.text_input(
    t("common.search"),
    placeholder=t("board.search_placeholder"),
    key=kept_key("board_search"),
)
year = col_year.selectbox(
    t("common.year"),
    [*reversed(years), ALL],
    format_func=lambda y: all_years if y == ALL else str(y),
    help=t("board.year_help"),
    key=kept_key("board_year", [*reversed(years), ALL]),
)
theme = col_theme.selectbox(
    t("common.theme"),
    [ALL, *(th.value for th in Theme)],
    format_func=lambda v: all_themes if v == ALL else v,
    key=kept_key("board_theme", [ALL, *(th.value for th in Theme)]),
)
fieldlab = col_fieldlab.selectbox(
    t("common.fieldlab"),
    [ALL, *(th.value for th in Theme)],
    format_func=lambda v: all_fieldlabs if v == ALL else v,
    key=kept_key("board_fieldlab", [ALL, *(th.value for th in Theme)]),
)
owner_id = col_owner.selectbox(
    t("common.owner"),
    [ALL, *owners],
    format_func=lambda v: all_owners if v == ALL else owners[v],
    key=kept_key("board_owner", [ALL, *owners]),
)

for name, value in (
    ("board_search", search),
    ("board_year", year),
    ("board_theme", theme),
    ("board_fieldlab", fieldlab),
    ("board_owner", owner_id),
):
    keep(name, value)

cases = queries.list_use_cases(
    db,
    today=today,
    year=None if year == ALL else int(year),
    theme=None if theme == ALL else theme,
    fieldlab=None if fieldlab == ALL else fieldlab,
    owner_id=None if owner_id == ALL else owner_id,
    search=search,
)
by_stage: dict[str, list[dict]] = {}
# the most recently moved first: what just changed is at the top of its column
for case in sorted(cases, key=lambda c: c["days_in_stage"] or 0):
    by_stage.setdefault(case["stage"], []).append(case)


def open_use_case(case_id: int) -> None:
    st.session_state["use_case_id"] = case_id
    st.switch_page("pages/use_case.py")


def topics(case: dict) -> str:
    """Theme and Fieldlab in one short line ("Smart Energy · Fieldlab Smart Maintenance")."""
    parts = []
    if case["theme"] and case["theme"] != case["fieldlab"]:
        parts.append(case["theme"])
    if case["fieldlab"]:
        parts.append(f"{t('common.fieldlab')} {case['fieldlab']}")
    return " · ".join(parts)


def details(case: dict) -> str:
    """What a compact card leaves out, shown on hover over its title: topics, owner, next step."""
    lines = []
    if topics(case):
        lines.append(f":material/category: {md(topics(case))}")
    lines.append(f":material/person: {md(case['owner_label'] or t('board.no_owner'))}")
    due = reminders.due_text({**case, "due_state": queries.due_state(case["next_step_due"], today)})
    lines.append(
        ":material/arrow_forward: "
        + (
            t("board.next_step", step=md(case["next_step"])) + (f" · {due}" if due else "")
            if case["next_step"]
            else f"_{t('board.no_next_step')}_"
        )
    )
    lines.append(t("board.open_help"))
    return "  \n".join(lines)


def card(case: dict) -> None:
    """One use case as a compact card: title (opens it; the rest on hover), asset owner, days in
    stage (orange when stuck), and the move button."""
    days = case["days_in_stage"]
    stuck = case["stuck"]  # the analytics' rule, marked by list_use_cases
    with st.container(border=True, key=f"card_{case['id']}", gap="small"):
        if st.button(
            f"**{md(hyphenate(case['title']))}**",
            key=f"open_{case['id']}",
            help=details(case),
            type="tertiary",
        ):
            open_use_case(case["id"])
        st.caption(f":material/factory: {md(case['asset_owner_name'] or '–')}")
        st.badge(
            t("board.stuck", days=days) if stuck else days_in_stage_text(days),
            icon=":material/warning:" if stuck else ":material/schedule:",
            color="orange" if stuck else "gray",
            help=t("board.stage_since", date=d(case["stage_since"])),
        )
        move_button(case["id"], key=f"move_{case['id']}", type="secondary", width="stretch")


def board_row(stages: list[Stage], width: int) -> None:
    """A column per stage: its header (stage and count) above its cards, so that a board wider
    than the window scrolls sideways as one."""
    tallest = max(len(by_stage.get(stage.value, [])) for stage in stages)
    height = (
        COLUMN_HEIGHT if tallest > 5 else "content"
    )  # long columns scroll, the page stays short
    for stage, column in zip(stages, st.columns(width, gap="small"), strict=False):
        items = by_stage.get(stage.value, [])
        column.markdown(
            f"**{t('board.column_count', stage=t(f'stage.{stage.value}'), count=len(items))}**"
        )
        with column.container(height=height, border=False):
            if not items:
                st.caption(t("board.column_empty"))
            for case in items[:MAX_CARDS]:
                card(case)
            if len(items) > MAX_CARDS:
                st.caption(t("board.more_cards", count=len(items) - MAX_CARDS))


def cards_board() -> None:
    """The funnel's columns of cards, and the side states in an expander below."""
    with st.container(key="board"):
        board_row(list(FUNNEL_ORDER), len(FUNNEL_ORDER))
        on_hold = by_stage.get(Stage.ON_HOLD.value, [])
        dropped = by_stage.get(Stage.DROPPED.value, [])
        with st.expander(
            t("board.side_states", on_hold=len(on_hold), dropped=len(dropped)),
            icon=":material/pause_circle:",
            expanded=bool(on_hold),
        ):
            board_row([Stage.ON_HOLD, Stage.DROPPED], len(FUNNEL_ORDER))


if not cases:
    st.divider()
    if not queries.list_use_cases(db, today=today):
        st.info(t("board.empty"), icon=":material/lightbulb:")
        st.page_link("pages/use_case.py", label=t("board.to_use_cases"), icon=":material/add:")
    else:
        st.info(t("board.no_match"), icon=":material/filter_alt_off:")
else:
    st.html(BOARD_STYLE)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(t("board.total", count=len(cases)))
        st.space("stretch")
        drag = rights.can(actor, "use_case.move") and st.toggle(
            t("board.drag"), help=t("board.drag_help"), key=kept_key("board_drag")
        )
    keep("board_drag", drag)
    if drag:
        drag_board.show(db, actor, by_stage, {case["id"]: case["title"] for case in cases})
    else:
        cards_board()


show_move_dialog(db, actor)

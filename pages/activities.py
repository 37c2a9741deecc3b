"""Activiteiten: workshops, meetups and Fieldlab sessions with their attendance (by hand or upload)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from funnel import queries, services
from funnel.i18n import CATALOGUE
from funnel.models import ActivityType, OrgKind, Theme
from ui import (
    attempt,
    d,
    date_column,
    day,
    flash,
    get_db,
    keep,
    kept_key,
    links,
    md,
    n,
    option_label,
    pick_record,
    require_actor,
    set_kept,
    show_flash,
    t,
)
from ui.import_flow import column_guide, import_flow
from ui.tables import record_table

actor = require_actor()
db = get_db()
MAX_SHOWN = 500
ALL = (
    "all"  # the year filter's "Alle jaren" (a real option: a None value would show a clear button)
)


def type_label(value: str | None) -> str:
    """An activity type as a label; an imported free text that is no known type is shown as is."""
    if not value:
        return ""
    key = "act.type." + value.strip().casefold().replace(" ", "_").replace("-", "_")
    return t(key) if key in CATALOGUE else value


def org_label(org: dict) -> str:
    return f"{org['name']} ({org['kvk']})" if org["kvk"] else org["name"]


# a just-created activity is selected (set before the widgets exist)
pending = st.session_state.pop("_act_select", None)
if pending is not None:
    set_kept("act_search", "")
    set_kept("act_year", ALL)
    st.session_state["act_pick"] = pending

st.title(t("act.page_title"))
st.caption(t("act.page_intro"))

activities = queries.list_activities(db)

# --- new activity ------------------------------------------------------------------------------
with st.expander(t("act.new_heading"), icon=":material/add:", expanded=not activities):
    # a new generation of widget keys after a save: the form starts empty again
    generation = st.session_state.setdefault("act_new__generation", 0)
    keys = f"act_new_{generation}"
    with st.form("act_new", border=False, enter_to_submit=False):
        col_title, col_day, col_type, col_lab = st.columns([3, 1, 1, 1])
        title = col_title.text_input(
            t("act.field_title"), placeholder=t("act.title_placeholder"), key=f"{keys}_title"
        )
        when = col_day.date_input(
            t("common.date"), value=dt.date.today(), format="DD-MM-YYYY", key=f"{keys}_date"
        )
        activity_type = col_type.selectbox(
            t("act.col_type"),
            [x.value for x in ActivityType],
            format_func=type_label,
            key=f"{keys}_type",
        )
        fieldlab = col_lab.selectbox(
            t("common.fieldlab"),
            [None, *[x.value for x in Theme]],
            format_func=lambda v: v or t("act.no_fieldlab"),
            key=f"{keys}_fieldlab",
        )
        create = st.form_submit_button(t("act.create"), type="primary", icon=":material/add:")
    if create:
        new_id = attempt(services.create_activity, db, actor, title, when, activity_type, fieldlab)
        if new_id:
            flash(t("act.created", title=md(title.strip()), date=d(when)))
            st.session_state["_act_select"] = new_id
            st.session_state["act_new__generation"] = generation + 1
            st.rerun()

# --- the list -----------------------------------------------------------------------------------
st.subheader(t("act.list_heading"))
years = sorted({a["activity_date"][:4] for a in activities}, reverse=True)
col_search, col_year = st.columns([3, 1])
search = col_search.text_input(
    t("common.search"), placeholder=t("act.search_placeholder"), key=kept_key("act_search")
)
# kept between pages, and per language: the browser sends the option's words back
# the labels made now, in the session's language (a format_func that looks them up when called
# may be called outside this run, where the language is not known)
year_labels = {ALL: t("act.all_years"), **{y: y for y in years}}
year = col_year.selectbox(
    t("common.year"),
    [ALL, *years],
    format_func=year_labels.__getitem__,
    key=kept_key("act_year", [ALL, *years]),
)
keep("act_search", search)
keep("act_year", year)
needle = search.strip().casefold()
shown = [
    a
    for a in activities
    if (year == ALL or a["activity_date"].startswith(year))
    and (
        not needle
        or needle
        in " ".join(
            str(v or "") for v in (a["title"], type_label(a["activity_type"]), a["fieldlab"])
        ).casefold()
    )
]
matches = len(shown)
# a table and a picker of tens of thousands take seconds to draw: the newest MAX_SHOWN (and the
# activity picked), the filters find the rest
open_id = st.session_state.get("act_pick")
shown = shown[:MAX_SHOWN] + [a for a in shown[MAX_SHOWN:] if a["id"] == open_id]
if not activities:
    st.info(t("act.empty"))
elif not shown:
    st.info(t("act.none_found"))
else:
    # labels looked up once, not per row: t() reads the session state on every call
    types = {value: type_label(value) for value in {a["activity_type"] for a in shown}}
    clicked = record_table(
        "act_table",
        pd.DataFrame(
            [
                (
                    day(a["activity_date"]),
                    a["title"],
                    types[a["activity_type"]],
                    a["fieldlab"] or "",
                    a["attendees"],
                )
                for a in shown
            ],
            columns=[
                t("common.date"),
                t("act.col_title"),
                t("act.col_type"),
                t("common.fieldlab"),
                t("act.col_attendees"),
            ],
        ),  # fmt: skip
        [a["id"] for a in shown],
        width="stretch",
        height=min(400, 38 + 35 * len(shown)),
        column_config={
            t("common.date"): date_column(width="small"),
            t("act.col_title"): st.column_config.TextColumn(width="large"),
            t("act.col_attendees"): st.column_config.NumberColumn(width="small"),
        },
    )
    st.caption(
        t("act.count", shown=n(len(shown)), total=n(len(activities)))
        + " · "
        + t("act.attendees_total", count=n(sum(a["attendees"] for a in shown)))
    )
    if matches > len(shown):
        st.caption(t("common.more_found", count=n(matches - len(shown))))
    if clicked is not None:  # a click on a row opens that activity below
        st.session_state["act_pick"] = clicked

# --- one activity: its attendance --------------------------------------------------------------
st.divider()
st.subheader(t("act.detail_heading"))
st.caption(t("act.detail_intro"))
ids = [a["id"] for a in shown]
by_id = {a["id"]: a for a in activities}
picked = pick_record(
    t("act.pick"),
    {i: f"{d(by_id[i]['activity_date'])} — {by_id[i]['title']}" for i in ids},
    key="act_pick",
    placeholder=t("act.pick_placeholder"),
    disabled=not ids,
)
show_flash()
links.show("activity", picked)  # the address of the open record
if picked is not None:
    activity = queries.get_activity(db, picked)
    facts = [d(activity["activity_date"], long=True), md(type_label(activity["activity_type"]))]
    if activity["fieldlab"]:
        facts.append(f"Fieldlab {md(activity['fieldlab'])}")
    st.markdown(f"#### {md(activity['title'])}")
    st.caption(" · ".join(f for f in facts if f))
    attendance = activity["attendance"]
    col_table, col_form = st.columns([3, 2], gap="large")
    with col_table:
        st.markdown(f"**{t('act.attendance_heading', count=n(len(attendance)))}**")
        if not attendance:
            st.info(t("act.no_attendance"))
        else:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("act.col_organisation"): a["organisation_name"] or "",
                            t("common.kind"): t(f"kind.{a['organisation_kind']}")
                            if a["organisation_kind"]
                            else "",
                            t("act.col_person"): a["person_name"] or "",
                            t("common.email"): a["email"] or "",
                        }
                        for a in attendance
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
            labels = {
                a["id"]: " — ".join(x for x in (a["organisation_name"], a["person_name"]) if x)
                or t("per.erased")
                for a in attendance
            }
            col_pick, col_button = st.columns([3, 1], vertical_alignment="bottom")
            remove = col_pick.selectbox(
                t("act.remove_pick"),
                list(labels),
                index=None,
                format_func=labels.get,
                placeholder=t("act.remove_placeholder"),
                key=f"act_remove_{picked}",
            )
            if col_button.button(
                t("act.remove"),
                icon=":material/person_remove:",
                disabled=remove is None,
                key=f"act_remove_button_{picked}",
            ) and attempt(services.remove_attendance, db, actor, remove):
                flash(t("act.removed", who=md(labels[remove])))
                st.rerun()
    with col_form, st.container(border=True):
        st.markdown(f"**{t('act.add_heading')}**")
        st.caption(t("act.add_intro"))
        organisations = queries.list_organisations(db)
        orgs = {o["id"]: o for o in organisations}
        with st.form(f"act_add_{picked}", border=False, enter_to_submit=False):
            org_id = st.selectbox(
                t("act.field_existing_org"),
                list(orgs),
                index=None,
                format_func=lambda i: org_label(orgs[i]),
                placeholder=t("act.existing_org_placeholder"),
            )
            new_org = st.text_input(t("act.field_new_org"))
            col_kvk, col_kind = st.columns(2)
            kvk = col_kvk.text_input(t("common.kvk"), placeholder="12345678")
            kind = col_kind.selectbox(
                t("common.kind"),
                [None, *[k.value for k in OrgKind if k != OrgKind.UNKNOWN]],
                format_func=option_label("kind"),
            )
            person = st.text_input(t("act.field_person"))
            email = st.text_input(t("common.email"), placeholder="naam@bedrijf.nl")
            add = st.form_submit_button(t("act.add"), type="primary", icon=":material/person_add:")
        if add:
            status = attempt(
                services.add_attendance,
                db,
                actor,
                picked,
                organisation_id=org_id,
                organisation_name=None if org_id else new_org,
                organisation_kvk=None if org_id else kvk,
                organisation_kind=None if org_id else kind,
                person_name=person,
                person_email=email,
            )
            if status == "new":
                flash(t("act.attendee_added"))
                st.rerun()
            elif status == "unchanged":
                st.info(t("act.attendee_known"), icon=":material/info:")

    # --- a sign-up list for this activity -------------------------------------------------------
    with st.container(border=True, key="signup_upload"):
        st.markdown(f"**{t('act.signup_heading')}**")
        st.caption(t("act.signup_intro", title=md(activity["title"])))
        with st.expander(t("imp.guide_heading"), icon=":material/table_view:"):
            column_guide("signups")
        import_flow("signups", activity_id=picked)

# --- upload an attendance list ---------------------------------------------------------------
st.divider()
st.subheader(t("act.upload_heading"))
st.caption(t("act.upload_intro"))
with st.expander(t("imp.guide_heading"), icon=":material/table_view:"):
    column_guide("participants")
import_flow("participants")

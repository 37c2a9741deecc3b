"""Mijn intakes: the coach's intakes (the programme leader sees all), filtered, and edited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from funnel import queries, rights
from funnel.errors import FunnelError
from funnel.identity import normal_org_name
from funnel.models import IntakeOutcome
from ui import d, date_column, day, get_db, option_label, require_actor, show_error, show_flash, t
from ui.intake_form import intake_form
from ui.tables import record_table

actor = require_actor()
db = get_db()
sees_all = rights.can_all(actor, "intake.edit")  # the title and the coach column
ALL = "all"  # the filters' "Alle" option (a None value would show a clear button)

st.title(t("myint.page_title_all" if sees_all else "myint.page_title"))
st.caption(t("myint.page_intro_all" if sees_all else "myint.page_intro"))
show_flash()

intakes = queries.visible_intakes(db, actor)
if not intakes:
    st.info(t("myint.empty"), icon=":material/info:")
    st.stop()

years = sorted({int(i["intake_date"][:4]) for i in intakes}, reverse=True)
col_year, col_outcome, col_search = st.columns([1, 1, 2])
year = col_year.selectbox(
    t("myint.filter_year"),
    [ALL, *years],
    format_func={ALL: t("common.all"), **{y: str(y) for y in years}}.get,
    key="myint_year",
)
outcome = col_outcome.selectbox(
    t("myint.filter_outcome"),
    [ALL, *IntakeOutcome],
    format_func={ALL: t("common.all"), **{o: t(f"outcome.{o}") for o in IntakeOutcome}}.get,
    key="myint_outcome",
)
search = col_search.text_input(
    t("myint.filter_search"),
    placeholder=t("myint.filter_search_placeholder"),
    key="myint_search",
)
needle = normal_org_name(search) if search.strip() else ""
shown = [
    i
    for i in intakes
    if (year == ALL or i["intake_date"].startswith(str(year)))
    and (outcome == ALL or i["outcome"] == outcome)
    and (not needle or needle in normal_org_name(i["organisation_name"] or ""))
]

if not shown:
    st.info(t("myint.none_match"), icon=":material/filter_alt_off:")
else:
    need_label = option_label("need")
    table = pd.DataFrame(
        [
            {
                t("myint.col_date"): day(i["intake_date"]),
                t("myint.col_company"): i["organisation_name"] or "",
                t("myint.col_contact"): i["person_name"] or "",
                t("myint.col_use_case"): i["use_case_title"] or "–",
                t("myint.col_needs"): ", ".join(need_label(n) for n in i["needs"]),
                t("myint.col_outcome"): t(f"outcome.{i['outcome']}"),
                t("myint.col_next_step"): i["next_step"] or "",
                **({t("myint.col_coach"): i["coach_label"]} if sees_all else {}),
            }
            for i in shown
        ]
    )
    st.caption(t("myint.count_one") if len(shown) == 1 else t("myint.count", count=len(shown)))
    # widths (px) that fit the page at 1440 px; a long text is cut off in its cell and shown whole
    # on hover (and in the form below)
    widths = {
        "myint.col_date": 90,
        "myint.col_company": 160 if sees_all else 165,
        "myint.col_contact": 120 if sees_all else 130,
        "myint.col_use_case": 150 if sees_all else 160,
        "myint.col_needs": 100 if sees_all else 105,
        "myint.col_outcome": 140,
        "myint.col_next_step": 120 if sees_all else 170,
        "myint.col_coach": 80,
    }
    clicked = record_table(
        "myint_table",
        table,
        [i["id"] for i in shown],
        width="stretch",
        column_config={
            t(key): date_column(width=px)
            if key == "myint.col_date"
            else st.column_config.TextColumn(width=px)
            for key, px in widths.items()
        },
    )
    if clicked is not None:  # a click on a row opens that intake in the form below
        st.session_state["myint_pick"] = clicked

st.subheader(t("myint.edit_heading"))
by_id = {i["id"]: i for i in shown}
pick_labels = {
    i["id"]: " · ".join(
        part for part in (d(i["intake_date"]), i["organisation_name"], i["use_case_title"]) if part
    )
    for i in shown
}
picked = st.selectbox(
    t("myint.pick"),
    list(by_id),
    index=None,
    format_func=pick_labels.get,
    placeholder=t("myint.pick_placeholder"),
    key="myint_pick",
)
if picked is not None:
    try:
        intake = queries.get_intake(db, actor, picked)
    except FunnelError as error:
        show_error(error)
    else:
        intake_form(db, actor, prefix=f"myint_edit_{picked}", intake=intake)

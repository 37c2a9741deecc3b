"""Mijn intakes: the coach's intakes (the programme leader sees all), filtered, and edited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from funnel import services
from funnel.identity import normal_org_name
from funnel.models import IntakeOutcome, Role
from ui import d, get_db, option_label, require_actor, show_flash, t
from ui.intake_form import intake_form

actor = require_actor()
db = get_db()
sees_all = actor.role == Role.PROGRAMME_LEADER

st.title(t("myint.page_title_all" if sees_all else "myint.page_title"))
st.caption(t("myint.page_intro_all" if sees_all else "myint.page_intro"))
show_flash()

intakes = services.list_intakes(db) if sees_all else services.list_intakes(db, coach_id=actor.id)
if not intakes:
    st.info(t("myint.empty"), icon=":material/info:")
    st.stop()

years = sorted({int(i["intake_date"][:4]) for i in intakes}, reverse=True)
col_year, col_outcome, col_search = st.columns([1, 1, 2])
year = col_year.selectbox(
    t("myint.filter_year"),
    [None, *years],
    format_func={None: t("common.all"), **{y: str(y) for y in years}}.get,
    key="myint_year",
)
outcome = col_outcome.selectbox(
    t("myint.filter_outcome"),
    [None, *IntakeOutcome],
    format_func={None: t("common.all"), **{o: t(f"outcome.{o}") for o in IntakeOutcome}}.get,
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
    if (year is None or i["intake_date"].startswith(str(year)))
    and (outcome is None or i["outcome"] == outcome)
    and (not needle or needle in normal_org_name(i["organisation_name"] or ""))
]

if not shown:
    st.info(t("myint.none_match"), icon=":material/filter_alt_off:")
else:
    need_label = option_label("need")
    table = pd.DataFrame(
        [
            {
                t("myint.col_date"): d(i["intake_date"]),
                t("myint.col_company"): i["organisation_name"] or "",
                t("myint.col_contact"): i["person_name"] or "",
                t("myint.col_use_case"): i["use_case_title"] or "–",
                t("myint.col_needs"): ", ".join(need_label(n) for n in i["needs"]),
                t("myint.col_outcome"): t(f"outcome.{i['outcome']}"),
                t("myint.col_next_step"): i["next_step"] or "",
                **({t("myint.col_coach"): i["coach_name"] or i["coach_user"]} if sees_all else {}),
            }
            for i in shown
        ]
    )
    st.caption(t("myint.count_one") if len(shown) == 1 else t("myint.count", count=len(shown)))
    st.dataframe(table, hide_index=True, width="stretch")

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
    intake_form(db, actor, prefix=f"myint_edit_{picked}", intake=by_id[picked])

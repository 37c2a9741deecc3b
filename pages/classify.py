"""Indelen: the classification queue, organisations of kind unknown with their participations,
classified one by one (KvK and BRIN checked) or several at once."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from funnel import queries, services
from funnel.models import EducationLevel, OrgKind, Region
from ui import attempt, flash, get_db, md, option_label, plural, require_actor, show_flash, t

actor = require_actor()
db = get_db()
today = dt.date.today()

KINDS = [k.value for k in OrgKind if k != OrgKind.UNKNOWN]
LEVELS = [None, *[x.value for x in EducationLevel]]
REGIONS = [None, *[x.value for x in Region]]


def region_label(value: str | None) -> str:
    return t(f"org.region.{value}") if value else "–"


def suggestion(org: dict) -> str:
    if not org["suggested_kind"]:
        return ""
    text = t(f"kind.{org['suggested_kind']}")
    return f"{text} ({t('level.' + org['suggested_level'])})" if org["suggested_level"] else text


# an organisation picked on another page (the completeness list) is selected
pending = st.session_state.pop("_cls_select", None)
if pending is not None:
    st.session_state["cls_pick"] = pending

st.title(t("cls.page_title"))
st.caption(t("cls.page_intro"))
show_flash()

queue = queries.classification_queue(db, today)
if not queue:
    st.success(t("cls.empty"), icon=":material/check_circle:")
    st.stop()

by_id = {o["id"]: o for o in queue}
# the words looked up once, not once per row (tens of thousands of rows at scale)
name_col, suggestion_col, count_col, years_col, domains_col = (
    t(k)
    for k in (
        "common.name", "cls.col_suggestion", "org.col_participations", "cls.col_years",
        "dup.domains",
    )
)  # fmt: skip
suggested = {
    (kind, level): suggestion({"suggested_kind": kind, "suggested_level": level})
    for kind, level in {(o["suggested_kind"], o["suggested_level"]) for o in queue}
}
st.dataframe(
    pd.DataFrame(
        [
            {
                name_col: o["name"],
                suggestion_col: suggested[(o["suggested_kind"], o["suggested_level"])],
                count_col: o["participations"],
                years_col: ", ".join(str(y) for y in o["years"]),
                domains_col: ", ".join(o["email_domains"]),
            }
            for o in queue
        ]
    ),
    hide_index=True,
    width="stretch",
    height=min(400, 38 + 35 * len(queue)),
)
st.caption(plural("cls.count", len(queue)))

# --- one organisation ----------------------------------------------------------------------------
st.subheader(t("cls.one_heading"))
if st.session_state.get("cls_pick") not in by_id:
    st.session_state["cls_pick"] = queue[0]["id"]
picked = st.selectbox(
    t("cls.pick"), list(by_id), format_func=lambda i: by_id[i]["name"], key="cls_pick"
)
org = by_id[picked]
facts = [plural("dq.participations", org["participations"])]
if org["email_domains"]:
    facts.append(", ".join(md(x) for x in org["email_domains"]))
if org["suggested_kind"]:
    facts.append(t("cls.suggested", kind=suggestion(org)))
st.caption(" · ".join(facts))
with st.form(f"cls_one_{picked}", enter_to_submit=False):
    col_kind, col_level, col_region = st.columns(3)
    suggested = org["suggested_kind"] if org["suggested_kind"] in KINDS else "company"
    kind = col_kind.selectbox(
        t("common.kind"), KINDS, index=KINDS.index(suggested), format_func=option_label("kind")
    )
    level = col_level.selectbox(
        t("org.field_level"),
        LEVELS,
        index=LEVELS.index(org["suggested_level"]),
        format_func=option_label("level"),
        help=t("org.level_help"),
    )
    region = col_region.selectbox(t("org.field_region"), REGIONS, format_func=region_label)
    col_kvk, col_brin, col_partner = st.columns(3, vertical_alignment="bottom")
    kvk = col_kvk.text_input(t("common.kvk"), value=org["kvk"] or "", placeholder="12345678")
    brin = col_brin.text_input(
        t("org.field_brin"), value=org["brin"] or "", help=t("org.brin_help")
    )
    partner = col_partner.checkbox(t("org.field_partner"), value=bool(org["is_partner"]))
    save = st.form_submit_button(t("cls.save_one"), type="primary", icon=":material/label:")
if save and attempt(
    services.classify_organisation,
    db,
    actor,
    picked,
    kind,
    level,
    region,
    is_partner=partner,
    kvk=kvk,
    brin=brin,
):
    st.session_state.pop("cls_pick", None)
    flash(t("cls.classified_one", name=md(org["name"]), kind=t(f"kind.{kind}")))
    st.rerun()

# --- several at once ------------------------------------------------------------------------------
st.subheader(t("cls.bulk_heading"))
st.caption(t("cls.bulk_intro"))
with st.form("cls_bulk", enter_to_submit=False):
    chosen = st.multiselect(
        t("cls.bulk_pick"),
        list(by_id),
        format_func=lambda i: by_id[i]["name"],
        placeholder=t("cls.bulk_placeholder"),
    )
    col_kind, col_level, col_region, col_partner = st.columns(4, vertical_alignment="bottom")
    bulk_kind = col_kind.selectbox(t("common.kind"), KINDS, format_func=option_label("kind"))
    bulk_level = col_level.selectbox(
        t("org.field_level"), LEVELS, format_func=option_label("level")
    )
    bulk_region = col_region.selectbox(t("org.field_region"), REGIONS, format_func=region_label)
    bulk_partner = col_partner.checkbox(t("org.field_partner"))
    bulk = st.form_submit_button(t("cls.save_bulk"), icon=":material/done_all:")
if bulk:
    changed = attempt(
        services.classify_organisations,
        db,
        actor,
        chosen,
        bulk_kind,
        bulk_level,
        bulk_region,
        True if bulk_partner else None,
    )
    if changed:
        flash(plural("cls.classified_bulk", changed, kind=t(f"kind.{bulk_kind}")))
        st.rerun()

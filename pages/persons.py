"""Personen: search the people in the network, see their participations by year, erase on request."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pandas as pd
import streamlit as st

from funnel import queries, rights, services
from ui import (
    attempt,
    d,
    date_column,
    flash,
    get_db,
    keep,
    kept_key,
    links,
    md,
    n,
    pick_record,
    plural,
    require_actor,
    set_kept,
    show_flash,
    t,
)
from ui.history import history_section
from ui.tables import record_table

actor = require_actor()
db = get_db()
today = dt.date.today()
MAX_SHOWN = 500


def privacy_export(person_id: int) -> bytes:
    """The person's data as JSON (AVG/GDPR export), as the privacy page offers it."""
    data = queries.export_person(db, actor, person_id, today)
    return json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")


def person_label(person: dict) -> str:
    name = person["name"] or t("per.erased")
    return f"{name} ({person['organisation_name']})" if person["organisation_name"] else name


# a person picked on another page (the completeness list) is selected
pending = st.session_state.pop("_per_select", None)
if pending is not None:
    set_kept("per_search", "")
    st.session_state["per_pick"] = pending

st.title(t("per.page_title"))
st.caption(t("per.page_intro"))

total = queries.count_persons(db)
part_counts = queries.participation_counts(db, today)["persons"]

search = keep(
    "per_search",
    st.text_input(
        t("common.search"), placeholder=t("per.search_placeholder"), key=kept_key("per_search")
    ),
)
# a table and a picker of tens of thousands take seconds to draw: the first MAX_SHOWN (and the
# person picked), the search finds the rest; SQLite finds and counts them
found = queries.list_persons(db, search, limit=MAX_SHOWN)
matches = queries.count_persons(db, search) if len(found) == MAX_SHOWN else len(found)
open_id = st.session_state.get("per_pick")
if isinstance(open_id, int) and open_id not in {p["id"] for p in found}:
    found += queries.list_persons(db, search, only_id=open_id)

if not total:
    st.info(t("per.empty"))
elif not found:
    st.info(t("per.none_found"))
else:
    clicked = record_table(
        "per_table",
        pd.DataFrame(
            [
                {
                    t("common.name"): p["name"] or t("per.erased"),
                    t("common.email"): p["email"] or "",
                    t("per.col_organisation"): p["organisation_name"] or "",
                    t("per.col_participations"): part_counts.get(p["id"], 0),
                }
                for p in found
            ]
        ),
        [p["id"] for p in found],
        width="stretch",
        height=min(400, 38 + 35 * len(found)),
    )
    if clicked is not None:  # a click on a row opens that person below
        st.session_state["per_pick"] = clicked
    st.caption(t("per.count", shown=n(len(found)), total=n(total)))
    if matches > len(found):
        st.caption(t("common.more_found", count=n(matches - len(found))))

st.divider()
by_id = {p["id"]: p for p in found}
picked = pick_record(
    t("per.pick"),
    {i: person_label(p) for i, p in by_id.items()},
    key="per_pick",
    placeholder=t("per.pick_placeholder"),
    disabled=not by_id,
)
show_flash()
links.show("person", picked)  # the address of the open record

if picked is not None:
    person = queries.get_person(db, picked, today)
    erased = bool(person["erased_at"])
    st.subheader(t("per.erased") if erased else md(person["name"]) or t("per.no_name"))
    if erased:
        st.info(t("per.erased_note", date=d(person["erased_at"])), icon=":material/shield_person:")
    else:
        col_org, col_mail = st.columns(2)
        organisation = md(person["organisation_name"]) or "–"
        col_org.markdown(f"**{t('per.col_organisation')}**  \n{organisation}")
        col_mail.markdown(f"**{t('common.email')}**  \n{md(person['email']) or '–'}")

    participations = person["participations"]
    st.markdown(f"**{t('per.participations_heading')}**")
    if not participations:
        st.info(t("per.no_participations"))
    else:
        per_year = Counter(p["year"] for p in participations)
        for number, year in enumerate(sorted(per_year, reverse=True)):
            with st.expander(
                plural("org.year_heading", per_year[year], year=year), expanded=number == 0
            ):
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                t("org.col_via"): t(f"via.{p['via']}"),
                                t("org.col_title"): p["title"],
                                t("org.col_start"): p["start"],
                                t("org.col_end"): p["end"],
                            }
                            for p in participations
                            if p["year"] == year
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                    column_config={
                        t("org.col_start"): date_column(),
                        t("org.col_end"): date_column(),
                    },
                    placeholder=t("org.open"),  # an open participation has no end
                )

    if not erased:
        st.download_button(
            t("prv.export"),
            privacy_export(picked),
            file_name=f"persoon-{picked}.json",
            mime="application/json",
            icon=":material/download:",
            key=f"per_export_{picked}",
        )
        st.markdown(f"**{t('per.erase_heading')}**")
        st.caption(t("per.erase_intro"))
        confirm_key = f"per_confirm_{picked}"
        if not st.session_state.get(confirm_key):
            if st.button(
                t("per.erase"), icon=":material/delete_forever:", key=f"per_erase_{picked}"
            ):
                st.session_state[confirm_key] = True
                st.rerun()
        else:
            st.warning(t("per.erase_confirm", name=md(person["name"])), icon=":material/warning:")
            col_yes, col_no, _ = st.columns([1, 1, 3])
            if col_yes.button(t("per.erase_yes"), type="primary", key=f"per_erase_yes_{picked}"):
                st.session_state.pop(confirm_key, None)
                if attempt(services.erase_person, db, actor, picked):
                    flash(t("per.erased_done"))
                    st.rerun()
            if col_no.button(t("common.cancel"), key=f"per_erase_no_{picked}"):
                st.session_state.pop(confirm_key, None)
                st.rerun()

if picked is not None and rights.can(actor, "audit.read"):
    with st.expander(t("audit.heading"), icon=":material/history:"):
        history_section(db, actor, "person", picked)

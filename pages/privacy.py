"""Privacy (AVG): a person's data exported or erased on request, the retention setting and the
persons it lists for erasure, and the log of erasures (without what was erased)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from funnel import queries, services, settings
from funnel.auth import user_label
from ui import attempt, date_column, day, flash, get_db, md, n, plural, require_actor, show_flash, t

actor = require_actor()
db = get_db()
today = dt.date.today()


def person_label(person: dict) -> str:
    name = person["name"] or person["email"] or f"#{person['id']}"
    return f"{name} ({person['organisation_name']})" if person["organisation_name"] else name


def erased_message(results: list) -> None:
    if all(r.wal_cleared for r in results):
        flash(plural("prv.erased", len(results)))
    else:
        flash(plural("prv.erased", len(results)) + " " + t("dq.wal_not_cleared"), "warning")


st.title(t("prv.page_title"))
st.caption(t("prv.page_intro"))
show_flash()

# --- one person on request -------------------------------------------------------------------------
st.subheader(t("prv.request_heading"))
search = st.text_input(
    t("common.search"), placeholder=t("per.search_placeholder"), key="prv_search"
)
found = queries.list_persons(db, search) if search.strip() else []
by_id = {p["id"]: p for p in found if not p["erased_at"]}
if search.strip() and not by_id:
    st.info(t("per.none_found"))
if by_id:
    picked = st.selectbox(
        t("per.pick"), list(by_id), format_func=lambda i: person_label(by_id[i]), key="prv_pick"
    )
    data = queries.export_person(db, actor, picked, today)
    col_export, col_erase = st.columns(2, gap="large")
    with col_export:
        st.markdown(f"**{t('prv.export_heading')}**")
        st.caption(
            t(
                "prv.export_summary",
                participations=n(len(data["participations"])),
                intakes=n(len(data["intakes"])),
                records=n(1 + len(data["merged_records"])),
            )
        )
        st.download_button(
            t("prv.export"),
            json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8"),
            file_name=f"persoon-{picked}.json",
            mime="application/json",
            icon=":material/download:",
            key=f"prv_export_{picked}",
        )
    with col_erase:
        st.markdown(f"**{t('per.erase_heading')}**")
        st.caption(t("per.erase_intro"))
        sure = st.checkbox(
            t("prv.erase_sure", name=md(person_label(by_id[picked]))), key=f"prv_sure_{picked}"
        )
        if st.button(
            t("per.erase_yes"),
            type="primary",
            icon=":material/delete_forever:",
            disabled=not sure,
            key=f"prv_erase_{picked}",
        ):
            result = attempt(services.erase_person, db, actor, picked)
            if result:
                st.session_state.pop("prv_search", None)
                erased_message([result])
                st.rerun()
else:
    st.caption(t("prv.request_hint"))

# --- retention ---------------------------------------------------------------------------------------
st.subheader(t("prv.retention_heading"))
years = settings.get(db, "retention_years")
col_setting, col_save = st.columns([1, 3], vertical_alignment="bottom")
new_years = col_setting.number_input(
    t("prv.retention_years"),
    min_value=settings.SETTINGS["retention_years"].minimum,
    max_value=settings.SETTINGS["retention_years"].maximum,
    value=years,
    step=1,
    key="prv_years",
)
if (
    col_save.button(t("common.save"), icon=":material/save:", key="prv_years_save")
    and new_years != years
    and attempt(services.set_setting, db, actor, "retention_years", int(new_years))
):
    flash(t("prv.retention_saved", years=n(int(new_years))))
    st.rerun()
# kept until the next write (an erasure, a new retention period, an import): a click reruns the
# page, and at scale the list groups every attendance row per person (seconds)
due = queries.cached(
    db, f"persons due for erasure {today}", lambda: queries.persons_due_for_erasure(db, today)
)
if not due:
    st.success(t("prv.none_due", years=n(years)), icon=":material/check_circle:")
else:
    st.caption(plural("prv.due_intro", len(due), years=n(years)))
    # the words looked up once, not once per row
    name_col, email_col, org_col, seen_col = (
        t(k) for k in ("common.name", "common.email", "per.col_organisation", "prv.col_last_seen")
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    name_col: p["name"] or "",
                    email_col: p["email"] or "",
                    org_col: p["organisation_name"] or "",
                    seen_col: day(p["last_seen"]),
                }
                for p in due
            ]
        ),
        hide_index=True,
        width="stretch",
        height=min(320, 38 + 35 * len(due)),
        column_config={t("prv.col_last_seen"): date_column()},
    )
    sure_all = st.checkbox(plural("prv.erase_due_sure", len(due)), key="prv_sure_due")
    if st.button(
        t("prv.erase_due", count=n(len(due))),
        icon=":material/delete_sweep:",
        disabled=not sure_all,
        key="prv_erase_due",
    ):
        results = attempt(services.erase_persons, db, actor, [p["id"] for p in due])
        if results:
            erased_message(results)
            st.rerun()

# --- the log -----------------------------------------------------------------------------------------
st.subheader(t("prv.log_heading"))
log = queries.erasure_log(db)
if not log:
    st.info(t("prv.log_empty"))
else:
    st.caption(t("prv.log_intro"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("prv.col_when"): day(e["erased_at"]),
                    t("prv.col_person"): f"#{e['person_id']}",
                    t("prv.col_records"): e["records"],
                    t("prv.col_by"): user_label(e["display_name"], e["username"]),
                }
                for e in log
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={t("prv.col_when"): date_column()},
    )

"""The "Wijzigingen" of a use case, organisation or person: its audit trail as a table and as CSV.

Only for the roles that may read the trail (``audit.read``); the rows come from
``queries.history``, which checks that right again.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from funnel import audit, queries, rights
from funnel.auth import Actor, user_label
from funnel.i18n import CATALOGUE
from ui import d, t

#: The newest rows the table shows; the CSV has them all.
SHOWN = 500


def _field(name: str | None) -> str:
    if not name:
        return ""
    return t(f"field.{name}") if f"field.{name}" in CATALOGUE else name


def _record(row: dict) -> str:
    """What a trail row is about: "Use case #12", or "Instelling: <the setting's label>"."""
    if row["entity"] == "setting":
        return f"{t('audit.entity.setting')}: {t('setting.' + row['field'])}"
    return f"{t('audit.entity.' + row['entity'])} #{row['entity_id']}"


def _when(value: str) -> str:
    moment = dt.datetime.fromisoformat(value)
    return f"{d(moment.date())} {moment.strftime('%H:%M')}"


def history_section(db, actor: Actor, subject: audit.Subject, subject_id: int = 0) -> None:
    """The trail of one record (or of the settings), newest first, with a CSV download of all
    of it."""
    if not rights.can(actor, "audit.read"):
        return
    trail = queries.history(db, actor, subject, subject_id)
    st.caption(t("audit.intro"))
    if not trail:
        st.caption(t("audit.empty"))
        return
    table = pd.DataFrame(
        [
            {
                t("audit.col_at"): _when(r["at"]),
                t("audit.col_user"): user_label(r["display_name"], r["username"])
                or t("audit.nobody"),
                t("audit.col_record"): _record(r),
                t("audit.col_action"): t("audit.action." + r["action"]),
                t("audit.col_field"): "" if r["entity"] == "setting" else _field(r["field"]),
                t("audit.col_before"): r["before"] or "",
                t("audit.col_after"): r["after"] or "",
                t("audit.col_source"): r["source"],
            }
            for r in reversed(trail[-SHOWN:])
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        t("audit.download"),
        audit.to_csv(trail),
        file_name="wijzigingen-instellingen.csv"
        if subject == "setting"
        else f"wijzigingen-{subject}-{subject_id}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"audit_csv_{subject}_{subject_id}",
    )

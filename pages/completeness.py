"""Volledigheid: one list of what is incomplete, each item with a button that opens the screen to
fix it. What counts as incomplete is funnel.queries.completeness."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import streamlit as st

from funnel import queries, settings
from ui import d, get_db, md, n, require_actor, t

require_actor()
db = get_db()
today = dt.date.today()
MAX_SHOWN = 15

#: where each kind of record is fixed: the page, and the session key that selects the record there
FIX: dict[str, tuple[str, str]] = {
    "use_case": ("pages/use_case.py", "use_case_id"),
    "activity": ("pages/activities.py", "_act_select"),
    "person": ("pages/persons.py", "_per_select"),
    "organisation": ("pages/classify.py", "_cls_select"),
}

st.title(t("cmp.page_title"))
st.caption(t("cmp.page_intro", days=n(settings.get(db, "stuck_days"))))

items = queries.completeness(db, today)
groups: dict[str, list[dict]] = defaultdict(list)
for item in items:
    groups[item["check"]].append(item)

if not items:
    st.success(t("cmp.all_complete"), icon=":material/check_circle:")
    st.stop()

checks = queries.COMPLETENESS_CHECKS
for row in (checks[:4], checks[4:]):
    for column, check in zip(st.columns(4), row, strict=False):
        column.metric(t(f"cmp.short.{check}"), n(len(groups[check])))


def detail(item: dict) -> str:
    if item["check"] == "gate":
        return "; ".join(t(f"err.{code}") for code in item["detail"])
    if item["check"] == "stuck":
        return t("cmp.days_in_stage", days=n(item["detail"]))
    if item["check"] == "no_attendance":
        return d(item["detail"])
    return ""


for check in queries.COMPLETENESS_CHECKS:
    found = groups[check]
    if not found:
        continue
    st.subheader(f"{t(f'cmp.check.{check}')} · {n(len(found))}")
    for item in found[:MAX_SHOWN]:
        col_label, col_detail, col_fix = st.columns([4, 3, 2], vertical_alignment="center")
        col_label.markdown(md(item["label"]))
        col_detail.caption(md(detail(item)))
        page, key = FIX[item["entity"]]
        if col_fix.button(
            t(f"cmp.fix.{item['entity']}"),
            icon=":material/edit:",
            key=f"cmp_fix_{check}_{item['id']}",
            width="stretch",
        ):
            st.session_state[key] = item["id"]
            st.switch_page(page)
    if len(found) > MAX_SHOWN:
        st.caption(t("cmp.more", count=n(len(found) - MAX_SHOWN)))

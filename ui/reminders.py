"""The signed-in user's reminders on the first page they see: their use cases' next steps (what
is due or overdue first) and the ones stuck in their care (queries.reminders decides what is
listed and in which order)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from funnel import queries
from funnel.auth import Actor
from ui import d, md, plural, t


def due_text(case: dict) -> str:
    """A next step's due date as the list shows it: ":red[te laat (uiterlijk 3 december 2026)]",
    "vandaag", "uiterlijk 10 december 2026"; empty without a date."""
    due, state = case.get("next_step_due"), case.get("due_state")
    if due is None:
        return ""
    if state == "overdue":
        return f":red[:material/alarm: {t('rem.overdue', date=d(due, long=True))}]"
    if state == "today":
        return f":orange[:material/today: {t('rem.due_today')}]"
    return t("rem.due", date=d(due, long=True))


def show(db, actor: Actor) -> None:
    found = queries.reminders(db, actor, today=dt.date.today())
    steps, stuck = found["next_steps"], found["stuck"]
    if not steps and not stuck:
        return
    overdue = sum(1 for case in steps if case["due_state"] == "overdue")
    heading = (
        t("rem.heading_overdue", steps=len(steps), overdue=overdue, stuck=len(stuck))
        if overdue
        else t("rem.heading", steps=len(steps), stuck=len(stuck))
    )
    with st.expander(
        heading,
        icon=":material/notifications:",
        # closed: the heading has the counts, and an open list pushed the board out of sight
        expanded=False,
    ):
        if steps:
            # first: what is due (overdue, today, later by date), then the steps without a date
            st.markdown(f"**{plural('rem.steps', len(steps))}**")
            for case in steps:
                due = due_text(case)
                st.markdown(
                    f"- {md(case['title'])}: {md(case['next_step'])}" + (f" · {due}" if due else "")
                )
        if stuck:
            st.markdown(f"**{plural('rem.stuck', len(stuck))}**")
            for case in stuck:
                st.markdown(
                    f"- {md(case['title'])} · "
                    + t("board.stuck", days=case["days_in_stage"])
                    + f" · {t('stage.' + case['stage'])}"
                )

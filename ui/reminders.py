"""The signed-in user's reminders on the first page they see: their use cases' next steps and
the ones stuck in their care (queries.reminders decides what is listed)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from funnel import queries
from funnel.auth import Actor
from ui import md, plural, t


def show(db, actor: Actor) -> None:
    found = queries.reminders(db, actor, today=dt.date.today())
    steps, stuck = found["next_steps"], found["stuck"]
    if not steps and not stuck:
        return
    with st.expander(
        t("rem.heading", steps=len(steps), stuck=len(stuck)),
        icon=":material/notifications:",
        # closed: the heading has the counts, and an open list pushed the board out of sight
        expanded=False,
    ):
        if stuck:
            st.markdown(f"**{plural('rem.stuck', len(stuck))}**")
            for case in stuck:
                st.markdown(
                    f"- {md(case['title'])} · "
                    + t("board.stuck", days=case["days_in_stage"])
                    + f" · {t('stage.' + case['stage'])}"
                )
        if steps:
            st.markdown(f"**{plural('rem.steps', len(steps))}**")
            for case in steps:
                st.markdown(f"- {md(case['title'])}: {md(case['next_step'])}")

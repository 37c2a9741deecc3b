"""Intake vastleggen: the Green Incubator coach logs a One Stop Shop conversation with a company."""

from __future__ import annotations

import streamlit as st

from ui import get_db, reminders, require_actor, show_flash, t
from ui.intake_form import intake_form

actor = require_actor()
db = get_db()

st.title(t("intake.page_title"))
st.caption(t("intake.page_intro"))
show_flash()
reminders.show(db, actor)  # the coach's own next steps and stuck use cases
intake_form(db, actor, prefix="intake_new")

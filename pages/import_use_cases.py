"""Use cases importeren: the programme leader's spreadsheet, one row per use case, with a preview."""

from __future__ import annotations

import streamlit as st

from ui import require_actor, t
from ui.import_flow import column_guide, import_flow

require_actor()

st.title(t("imp.page_title"))
st.caption(t("imp.page_intro"))

st.markdown(t("imp.use_cases_rules"))
with st.expander(t("imp.guide_heading"), icon=":material/table_view:"):
    column_guide("use-cases")

st.subheader(t("imp.upload_heading"))
import_flow("use-cases")

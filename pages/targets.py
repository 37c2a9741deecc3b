"""Doelstellingen: the programme leader keeps the stuurgroep's yearly targets in an editable table."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import streamlit as st

from funnel import metrics, queries, services
from funnel.errors import FunnelError
from funnel.models import DEFAULT_TARGETS, PERCENT_TARGETS
from ui import flash, get_db, lang, md, plural, require_actor, show_flash, t

FRAME_KEY = "targets_frame"
GEN_KEY = "targets_generation"

actor = require_actor()
db = get_db()
today = dt.date.today()

st.title(t("targets.page_title"))
st.caption(t("targets.page_intro"))
show_flash()


def _editor_key() -> str:
    # A new editor key after every save or undo: the browser would otherwise send old edits again.
    return f"targets_editor_{st.session_state.setdefault(GEN_KEY, 0)}"


def _reset() -> None:
    """Forget the table and its edits; the next run rebuilds it from the database."""
    st.session_state.pop(FRAME_KEY, None)
    st.session_state.pop(_editor_key(), None)
    st.session_state[GEN_KEY] += 1


years = [*metrics.years_with_data(db, today), today.year + 1]
# The editor keeps its edits only while its input frame stays the same object: build it once.
stored = st.session_state.get(FRAME_KEY)
if stored is not None and list(stored["year"]) != years:
    _reset()
    stored = None
if stored is None:
    stored = pd.DataFrame(queries.targets_table(db, years), columns=["year", *DEFAULT_TARGETS])
    st.session_state[FRAME_KEY] = stored

column_config: dict[str, Any] = {
    "year": st.column_config.NumberColumn(t("common.year"), format="%d", width="small"),
    **{
        key: st.column_config.NumberColumn(
            t(f"kpi.{key}"),
            # no min_value/max_value: the browser's cell would drop a typed minus (-5 saved as 5)
            # or clamp without a word; the domain refuses an invalid target and says why
            step=1,
            format="%d %%" if key in PERCENT_TARGETS else "%d",
            help=t(f"rule.{key}"),
        )
        for key in DEFAULT_TARGETS
    },
}
edited = st.data_editor(
    stored,
    column_config=column_config,
    disabled=["year"],
    hide_index=True,
    width="stretch",
    key=_editor_key(),
)
st.caption(t("targets.editor_hint"))


def _as_target(value: Any) -> Any:
    """A cell as the domain expects it: whole numbers as int; anything else as given."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (int, float)) or hasattr(value, "item"):
        number = value.item() if hasattr(value, "item") else value
        if isinstance(number, float) and number.is_integer():
            return int(number)
        return number
    return value


def _refusal(error: FunnelError, year: int, key: str) -> str:
    """The domain's refusal of one cell, named by its year and target."""
    where = f"{year}, {t(f'kpi.{key}')}"
    return t("targets.refused", where=where, message=md(error.message(lang())))


changes = [
    (int(stored.at[row, "year"]), key, _as_target(edited.at[row, key]))
    for row in stored.index
    for key in DEFAULT_TARGETS
    if _as_target(edited.at[row, key]) != _as_target(stored.at[row, key])
]

save_col, undo_col, _ = st.columns([1, 2, 4])
save = save_col.button(
    t("targets.save"), type="primary", icon=":material/save:", disabled=not changes
)
if undo_col.button(t("targets.undo"), icon=":material/undo:", disabled=not changes):
    _reset()
    st.rerun()

if save:
    saved, refused = 0, []
    for year, key, value in changes:
        try:
            services.set_target(db, actor, year, key, value)
        except FunnelError as error:
            refused.append(_refusal(error, year, key))
        else:
            saved += 1
    if refused:
        if saved:
            st.warning(plural("targets.partly_saved", saved))
        for message in refused:
            st.error(message, icon=":material/error:")
    else:
        flash(plural("targets.saved", saved))
        _reset()
        st.rerun()

"""A table of records whose rows open the record: click a row, and its page (or its form below)
shows it. The table still sorts by any column in the browser (dates as dates)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

#: the session key under which the last row acted on is kept, per table
_ACTED = "_table_acted::"


def table_key(name: str, ids: Sequence[int]) -> str:
    """The widget key of a record table showing ``ids``: other rows (a new search, a new
    filter) make a new table with no row selected, so a row number never points at a record
    it did not show."""
    digest = zlib.crc32(",".join(map(str, ids)).encode())
    return f"{name}.{digest:08x}"


def record_table(
    name: str, frame: pd.DataFrame, ids: Sequence[int], opens: bool = True, **kwargs: Any
) -> int | None:
    """Draw ``frame`` (one row per id in ``ids``, in that order) with single-row selection;
    return the id of the row the user has just clicked, once (None on every other run).
    ``opens=False``: a plain table (for a role that has no record to open).

    Row positions are those of ``frame`` whatever the user's sorting in the browser
    (Streamlit's selection state), so the id is the one of the row clicked."""
    if not opens:
        st.dataframe(frame, hide_index=True, **kwargs)
        return None
    key = table_key(name, ids)
    event = st.dataframe(
        frame,
        key=key,
        on_select="rerun",
        # a click on any cell opens the row (a click on the box at the row's start too)
        selection_mode=["single-row", "single-cell"],
        hide_index=True,
        **kwargs,
    )
    selection = event.selection if event is not None else None
    rows = list(selection.rows) if selection is not None else []
    cells = list(selection.cells) if selection is not None else []
    row = rows[0] if rows else cells[0][0] if cells else None
    picked = ids[row] if row is not None and 0 <= row < len(ids) else None
    acted = _ACTED + name
    if picked == st.session_state.get(acted):
        return None
    st.session_state[acted] = picked
    return picked

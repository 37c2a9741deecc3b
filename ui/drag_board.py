"""The board's drag view: the use cases as titles in a column per stage, and dropping one in
another column moves it through the domain (services.move_use_case: the same rights and gates as
the move dialog), effective today and without a note. A refused move shows the reason and puts
the card back; a back-dated move or one that needs a note goes through the dialog.

The columns are streamlit-sortables (dnd-kit in a component frame): it returns the titles per
column after a drop; this module finds what moved. Its value is read from the session state
before the component is drawn, so a refused drop is drawn again from the database at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import streamlit as st
from streamlit_sortables import sort_items

from funnel import services
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.models import FUNNEL_ORDER, Stage
from ui import d, flash, hyphenate, md, show_error, t
from ui.move import move_button

#: The stages a card can be dropped in: the funnel on the first row, the side states below.
STAGES = [*FUNNEL_ORDER, Stage.ON_HOLD, Stage.DROPPED]
GENERATION_KEY = "_drag_board_generation"  # a new component after every drop: it starts anew
REFUSED_KEY = "_drag_board_refused"
#: The component's own frame: five columns in a row at 1024 px with the sidebar open (the two
#: side states wrap below), cards in the app's look, words broken only at soft hyphens.
STYLE = """
.sortable-component.vertical { flex-wrap: wrap !important; gap: 0.5rem; }
.sortable-component.vertical .sortable-container {
  flex: 1 1 17% !important; min-width: 0 !important; padding: 0 !important;
}
.sortable-component.vertical .sortable-container:nth-of-type(n + 6) { flex-basis: 40% !important; }
.sortable-container-header {
  font-size: 0.8rem; font-weight: 600; padding: 0.25rem 0; min-height: 2.6em;
}
.sortable-container-body { padding: 0.25rem; min-height: 4rem; }
.sortable-item, .sortable-item:hover {
  background-color: var(--background-color); color: var(--text-color);
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  font-size: 0.8rem; line-height: 1.35; text-align: left;
  margin: 0.25rem 0; padding: 0.4rem 0.5rem;
  word-break: normal; overflow-wrap: normal; hyphens: manual;
}
.sortable-item:hover { border-color: var(--primary-color); }
"""


#: The page's own rule for the component's frame. The session cookie's former CookieManager
#: (extra-streamlit-components) hid every element whose iframe has height 0 — and each
#: component frame has height 0 until it has drawn and measured itself. Hidden, the frame lays
#: nothing out and measures 0 again: the drag view stayed invisible in about half the page loads.
#: The cookie no longer uses it; the rule stays, against any other rule of that kind.
FRAME_STYLE = """
<style>
.st-key-drag_board .element-container:has(iframe) { display: block !important; }
</style>
"""


def columns(by_stage: dict[str, list[dict]]) -> tuple[list[dict], dict[str, int]]:
    """The component's columns (a header and the card labels per stage, in STAGES order) and
    which use case each label is. A label is the title with soft hyphens (ui.hyphenate); a
    title that two use cases share gets the use case's number, so every label is one card."""
    titles = [case["title"] for stage in STAGES for case in by_stage.get(stage.value, [])]
    shared = {title for title in titles if titles.count(title) > 1}
    result, ids = [], {}
    for stage in STAGES:
        items = []
        for case in by_stage.get(stage.value, []):
            label = hyphenate(case["title"])
            if case["title"] in shared:
                label = f"{label} (#{case['id']})"
            items.append(label)
            ids[label] = case["id"]
        header = t("board.column_count", stage=t(f"stage.{stage.value}"), count=len(items))
        result.append({"header": header, "items": items})
    return result, ids


def dropped(before: list[dict], after: list[dict] | None) -> list[tuple[str, Stage]]:
    """The labels that ``after`` (the component's value) has in another column than ``before``,
    with the stage of the column they were dropped in."""
    if not after or len(after) != len(before):
        return []
    was = {label: i for i, column in enumerate(before) for label in column["items"]}
    return [
        (label, STAGES[i])
        for i, column in enumerate(after)
        for label in column.get("items", [])
        if label in was and was[label] != i
    ]


def _key(layout: list[dict]) -> str:
    """The component's key: new when the cards change (a filter, someone else's move) or after a
    drop, so that it always starts from what the database says."""
    digest = hashlib.sha1(json.dumps(layout, sort_keys=True).encode()).hexdigest()[:12]
    return f"drag_board_{st.session_state.get(GENERATION_KEY, 0)}_{digest}"


def show(db, actor: Actor, by_stage: dict[str, list[dict]], titles: dict[int, str]) -> None:
    """Draw the drag view; a drop since the last run is applied (or refused) first."""
    today = dt.date.today()
    layout, ids = columns(by_stage)
    key = _key(layout)
    moves = dropped(layout, st.session_state.get(key))
    if moves:
        st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
        label, stage = moves[0]  # one drop per run; anything else is drawn back from the database
        case_id = ids[label]
        try:
            services.move_use_case(db, actor, case_id, stage, today)
        except FunnelError as error:
            st.session_state[REFUSED_KEY] = (case_id, error)
        else:
            st.session_state.pop(REFUSED_KEY, None)
            flash(
                t("move.done", title=md(titles[case_id]), stage=t(f"stage.{stage}"), date=d(today)),
                kind="toast",
            )
        st.rerun()
    refused = st.session_state.pop(REFUSED_KEY, None)
    if refused:
        case_id, error = refused
        st.markdown(t("board.drag_refused", title=md(titles.get(case_id, ""))))
        show_error(error)
        # the dialog takes what a drop cannot: a note, an earlier date
        move_button(case_id, key="drag_refused_move", type="primary")
    st.caption(t("board.drag_intro"))
    st.html(FRAME_STYLE)
    with st.container(key="drag_board"):
        sort_items(layout, multi_containers=True, direction="vertical", custom_style=STYLE, key=key)

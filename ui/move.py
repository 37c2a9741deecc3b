"""The move dialog shared by the funnel board and the use case page.

A "Verplaatsen" button remembers which use case to move; the page then opens the one dialog of
the run with ``show_move_dialog``. The dialog asks the target stage, the effect date and a note,
and calls ``services.move_use_case``; a refused move shows the gate's message in the dialog.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from funnel import queries, services
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.models import ALL_STAGES
from funnel.stages import DATA_GATES, next_stage
from ui import d, flash, md, option_label, show_error, t

__all__ = ["days_in_stage_text", "md", "move_button", "request_move", "show_move_dialog"]

MOVE_KEY = "_move_use_case_id"


def days_in_stage_text(days: int | None) -> str:
    """ "12 dagen in fase" (with the singular and today's wording)."""
    if not days:
        return t("board.days_today")
    return t("board.days_one") if days == 1 else t("board.days_many", days=days)


def request_move(case_id: int) -> None:
    """Remember the use case to move (the dialog opens on this run)."""
    st.session_state[MOVE_KEY] = case_id


GATE_KEY = "move_refused_by_gate"


def forget_move() -> None:
    st.session_state.pop(MOVE_KEY, None)
    st.session_state.pop(GATE_KEY, None)


def _open_use_case_button(case_id: int) -> None:
    if st.button(t("move.open_use_case"), icon=":material/arrow_forward:", key="move_open_case"):
        forget_move()
        st.session_state["use_case_id"] = case_id
        st.switch_page("pages/use_case.py")


def move_button(case_id: int, key: str, **kwargs) -> None:
    """The "Verplaatsen" button of a card or a use case header."""
    st.button(
        t("move.button"),
        key=key,
        icon=":material/swap_horiz:",
        help=t("move.button_help"),
        on_click=request_move,
        args=(case_id,),
        **kwargs,
    )


def show_move_dialog(db, actor: Actor) -> None:
    """Open the move dialog when a move was requested (call once, at the end of the page)."""
    case_id = st.session_state.get(MOVE_KEY)
    if case_id is None:
        return
    st.dialog(t("move.title"), on_dismiss=forget_move)(_move_form)(db, actor, case_id)


def _move_form(db, actor: Actor, case_id: int) -> None:
    today = dt.date.today()
    try:
        case = queries.get_use_case(db, case_id, today=today)
    except FunnelError:
        st.warning(t("move.gone"))
        forget_move()
        return
    st.markdown(f"**{md(case['title'])}**")
    if case["stage"]:
        st.markdown(
            t("move.current", stage=t(f"stage.{case['stage']}"), date=d(case["stage_since"]))
        )
    targets = [s.value for s in ALL_STAGES if s.value != case["stage"]]
    default = next_stage(case["stage"], case["last_funnel_stage"])
    with st.form(f"move_form_{case_id}", border=False, enter_to_submit=False):
        to_stage = st.selectbox(
            t("move.to_stage"),
            targets,
            index=targets.index(default.value) if default.value in targets else 0,
            format_func=option_label("stage"),
            key=f"move_to_{case_id}",
        )
        effective_on = st.date_input(
            t("move.effective_on"),
            value=today,
            max_value=today,
            format="DD-MM-YYYY",
            help=t("move.effective_help"),
            key=f"move_date_{case_id}",
        )
        note = st.text_area(
            t("move.note"), help=t("move.note_help"), height=90, key=f"move_note_{case_id}"
        )
        st.caption(t("move.gates"))
        with st.container(horizontal=True, horizontal_alignment="right"):
            cancelled = st.form_submit_button(t("common.cancel"))
            submitted = st.form_submit_button(t("move.submit"), type="primary")
    if cancelled:
        forget_move()
        st.rerun()
    if not submitted and st.session_state.get(GATE_KEY):
        _open_use_case_button(case_id)
    if submitted:
        try:
            services.move_use_case(db, actor, case_id, to_stage, effective_on, note or "")
        except FunnelError as error:
            show_error(error)
            # the way forward: complete the use case where partners and the summary are kept
            st.session_state[GATE_KEY] = error.code in DATA_GATES
            if st.session_state[GATE_KEY]:
                _open_use_case_button(case_id)
            return
        forget_move()
        done = t(
            "move.done", title=md(case["title"]), stage=t(f"stage.{to_stage}"), date=d(effective_on)
        )
        flash(done, kind="toast")
        st.rerun()

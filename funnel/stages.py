"""The stage machine: allowed moves, gates, and the current stage derived from stage events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from funnel.errors import FunnelError
from funnel.models import FUNNEL_ORDER, TERMINAL, Stage, stage_rank


@dataclass(frozen=True)
class Event:
    """A stage event as the rules need it: recorded order ``seq``, effect date, target stage."""

    seq: int
    to_stage: Stage
    effective_on: dt.date
    from_stage: Stage | None = None


def ordered(events: Iterable[Event]) -> list[Event]:
    """Events in effect order: by effect date, then recording order."""
    return sorted(events, key=lambda e: (e.effective_on, e.seq))


def current_stage(events: Iterable[Event], as_of: dt.date | None = None) -> Stage | None:
    """The stage of the latest event with effect date <= ``as_of`` (ties: the later recorded)."""
    event = current_event(events, as_of)
    return event.to_stage if event else None


def current_event(events: Iterable[Event], as_of: dt.date | None = None) -> Event | None:
    """The event that set the current stage as of ``as_of``."""
    chosen = None
    for event in ordered(events):
        if as_of is not None and event.effective_on > as_of:
            break
        chosen = event
    return chosen


def last_funnel_stage(events: Iterable[Event], as_of: dt.date | None = None) -> Stage | None:
    """The furthest-along funnel stage the use case was last in (ignoring on_hold/dropped)."""
    last = None
    for event in ordered(events):
        if as_of is not None and event.effective_on > as_of:
            break
        if event.to_stage in FUNNEL_ORDER:
            last = event.to_stage
    return last


def passed_stages(before: Stage | None, to_stage: Stage) -> list[Stage]:
    """The funnel stages a move from funnel stage ``before`` to ``to_stage`` reaches or skips.

    Skipped stages count as passed: ``detected`` -> ``definition`` passes intake and definition.
    """
    to_rank = stage_rank(to_stage)
    if to_rank < 0:
        return []
    from_rank = stage_rank(before)
    return [s for s in FUNNEL_ORDER if from_rank < stage_rank(s) <= to_rank]


def annotate(events: Sequence[Event]) -> list[tuple[Event, Stage | None]]:
    """Each event with the funnel stage the use case was in before it (effect order)."""
    result = []
    last: Stage | None = None
    for event in ordered(events):
        result.append((event, last))
        if event.to_stage in FUNNEL_ORDER:
            last = event.to_stage
    return result


def open_intervals(
    events: Iterable[Event], as_of: dt.date | None = None
) -> list[tuple[dt.date, dt.date | None]]:
    """The periods a use case was open (neither realised nor dropped), as (start, end or None)."""
    intervals: list[tuple[dt.date, dt.date | None]] = []
    start: dt.date | None = None
    for event in ordered(events):
        if as_of is not None and event.effective_on > as_of:
            break
        is_open = event.to_stage not in TERMINAL
        if is_open and start is None:
            start = event.effective_on
        elif not is_open and start is not None:
            intervals.append((start, event.effective_on))
            start = None
    if start is not None:
        intervals.append((start, None))
    return intervals


def first_terminal_after(
    events: Iterable[Event], start: dt.date, as_of: dt.date | None = None
) -> dt.date | None:
    """The first date on/after ``start`` on which the use case became realised or dropped.

    A use case that is already realised or dropped on ``start`` ends there (a one-day period).
    """
    if current_stage(events, start) in TERMINAL:
        return start
    for event in ordered(events):
        if as_of is not None and event.effective_on > as_of:
            break
        if event.effective_on >= start and event.to_stage in TERMINAL:
            return event.effective_on
    return None


@dataclass(frozen=True)
class MoveContext:
    """What the gates need to know about a use case."""

    has_partner: bool
    result_summary: str
    detected_on: dt.date | None
    current_since: dt.date | None


def is_backward(current: Stage | None, last_funnel: Stage | None, to_stage: Stage) -> bool:
    """A move back in funnel order, or out of realised or dropped."""
    if current in TERMINAL:
        return True
    if to_stage in (Stage.ON_HOLD, Stage.DROPPED):
        return False
    reference = last_funnel if current == Stage.ON_HOLD else current
    return stage_rank(to_stage) < stage_rank(reference)


def check_move(
    current: Stage | None,
    last_funnel: Stage | None,
    to_stage: Stage,
    effective_on: dt.date,
    note: str,
    context: MoveContext,
    today: dt.date | None = None,
) -> None:
    """Refuse a move made in the app that breaks a rule; the error names the gate that failed."""
    today = today or dt.date.today()
    note = (note or "").strip()
    if current is None:
        raise FunnelError("move_no_stage", field="to_stage")
    if to_stage == current:
        raise FunnelError("move_same_stage", field="to_stage", stage=to_stage.value)
    if effective_on > today:
        raise FunnelError("date_in_future", field="effective_on", value=effective_on.isoformat())
    if context.detected_on and effective_on < context.detected_on:
        raise FunnelError(
            "move_before_detection", field="effective_on", detected=context.detected_on.isoformat()
        )
    if context.current_since and effective_on < context.current_since:
        raise FunnelError(
            "move_before_current", field="effective_on", since=context.current_since.isoformat()
        )
    if is_backward(current, last_funnel, to_stage) and not note:
        raise FunnelError("gate_backward_note", field="note")
    if to_stage == Stage.DROPPED and not note:
        raise FunnelError("gate_dropped_reason", field="note")
    reaches = passed_stages(last_funnel if current == Stage.ON_HOLD else current, to_stage)
    if (Stage.EXECUTION in reaches or to_stage == Stage.EXECUTION) and not context.has_partner:
        raise FunnelError("gate_execution_partner", field="to_stage")
    if to_stage == Stage.REALISED and not context.result_summary.strip():
        raise FunnelError("gate_realised_summary", field="result_summary")


def next_stage(current: Stage | str | None, last_funnel: Stage | str | None) -> Stage:
    """The natural next move: the funnel stage after the current one (after the last one when
    parked or dropped); a realised use case is proposed to be parked."""
    reference = last_funnel if current in (Stage.ON_HOLD, Stage.DROPPED) else current
    rank = stage_rank(reference)
    if 0 <= rank + 1 < len(FUNNEL_ORDER):
        return FUNNEL_ORDER[rank + 1]
    return Stage.ON_HOLD if current != Stage.ON_HOLD else FUNNEL_ORDER[0]

"""The stage machine: allowed moves, gates, and the current stage derived from stage events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from funnel.errors import FunnelError
from funnel.models import ALL_STAGES, FUNNEL_ORDER, TERMINAL, Stage, stage_rank


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
class GateFacts:
    """What the data gates need to know about a use case: its links and its result summary."""

    has_partner: bool
    result_summary: str


@dataclass(frozen=True)
class MoveContext(GateFacts):
    """What a move in the app needs to know about a use case: the gate facts and its dates."""

    detected_on: dt.date | None
    current_since: dt.date | None


#: The gates that ask for data kept on the use case, in the order they are checked: the error
#: code of each refusal and the field it is about. The move, the use-case import's list of data
#: to complete and the move dialog all use :func:`unmet_gates` and this table.
DATA_GATES: dict[str, str] = {
    # to execution: a company other than the asset owner, or an education institution, is linked
    "gate_execution_partner": "to_stage",
    # to realised: a result summary
    "gate_realised_summary": "result_summary",
}


def unmet_gates(reached: Collection[Stage], facts: GateFacts) -> list[str]:
    """The data gates (error codes, in check order) that reaching the stages ``reached`` needs
    and the use case does not meet."""
    missing = []
    if Stage.EXECUTION in reached and not facts.has_partner:
        missing.append("gate_execution_partner")
    if Stage.REALISED in reached and not facts.result_summary.strip():
        missing.append("gate_realised_summary")
    return missing


def reached_by_move(
    current: Stage | None, last_funnel: Stage | None, to_stage: Stage
) -> set[Stage]:
    """The stages a move reaches: its target and the funnel stages it passes (skipped count)."""
    reference = last_funnel if current == Stage.ON_HOLD else current
    return {to_stage, *passed_stages(reference, to_stage)}


def reached_by_history(events: Sequence[Event]) -> set[Stage]:
    """Every stage a recorded history reached or passed."""
    reached: set[Stage] = set()
    for event, before in annotate(events):
        reached |= {event.to_stage, *passed_stages(before, event.to_stage)}
    return reached


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
        raise FunnelError("date_in_future", field="effective_on", value=effective_on)
    if context.detected_on and effective_on < context.detected_on:
        raise FunnelError(
            "move_before_detection", field="effective_on", detected=context.detected_on
        )
    if context.current_since and effective_on < context.current_since:
        raise FunnelError("move_before_current", field="effective_on", since=context.current_since)
    if is_backward(current, last_funnel, to_stage) and not note:
        raise FunnelError("gate_backward_note", field="note")
    if to_stage == Stage.DROPPED and not note:
        raise FunnelError("gate_dropped_reason", field="note")
    missing = unmet_gates(reached_by_move(current, last_funnel, to_stage), context)
    if missing:
        raise FunnelError(missing[0], field=DATA_GATES[missing[0]])


def next_stage(current: Stage | str | None, last_funnel: Stage | str | None) -> Stage:
    """The natural next move: the funnel stage after the current one (after the last one when
    parked or dropped); a realised use case is proposed to be parked."""
    reference = last_funnel if current in (Stage.ON_HOLD, Stage.DROPPED) else current
    rank = stage_rank(reference)
    if 0 <= rank + 1 < len(FUNNEL_ORDER):
        return FUNNEL_ORDER[rank + 1]
    return Stage.ON_HOLD if current != Stage.ON_HOLD else FUNNEL_ORDER[0]


def sort_key(stage: Stage | str | None) -> int:
    """Funnel order for sorting: the five stages, then on hold, then dropped, then none."""
    value = stage.value if isinstance(stage, Stage) else stage
    return _ORDER.get(value, len(_ORDER)) if value is not None else len(_ORDER)


_ORDER = {s.value: i for i, s in enumerate(ALL_STAGES)}  # sort_key runs once per use case listed

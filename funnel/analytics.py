"""Funnel analytics: conversion between stages, time in each stage, stuck use cases, drop reasons,
per theme and per Fieldlab, and the trend of every figure over the strategy years.

The rules (README, "Funnel analytics"):

- the use cases looked at are those of a year's funnel (:func:`funnel.metrics.funnel_cases`), or,
  for all strategy years, those of the funnel from 1 January of the first strategy year on;
- a stage is reached when the use case entered it or skipped past it by the as-of date (skipped
  stages count as passed, as in the snapshot); conversion from a stage is the share of the use
  cases that reached it which also reached the next stage (and realised);
- a stay in a stage runs from the move into it to the move out of it; only stays that ended in
  the period count for the median and the 90th percentile (linear interpolation between ranks);
- a use case is stuck when, on the as-of date, it has been in detected, intake, definition or
  execution for longer than the ``stuck_days`` setting;
- a drop reason is the note of the move to dropped (the last such move in the period per use case).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from funnel import goals, metrics, settings
from funnel.db import rows
from funnel.models import FUNNEL_ORDER, STRATEGY_FIRST_YEAR, Stage, stage_rank
from funnel.stages import Event, annotate, current_event, ordered, passed_stages

#: The stages a use case can stay in (realised and dropped are where it ends).
STAY_STAGES: tuple[Stage, ...] = (*FUNNEL_ORDER[:-1], Stage.ON_HOLD)
#: The stages in which a long stay means the use case is stuck (a parked one is parked on
#: purpose), in funnel order.
STUCK_STAGES: tuple[Stage, ...] = FUNNEL_ORDER[:-1]
#: How use cases can be grouped: by their theme or by their Fieldlab.
GROUPINGS = ("theme", "fieldlab")


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0..100) with linear interpolation between the closest ranks
    (numpy's default); the 50th is the median. None for no values."""
    if not values:
        return None
    ordered_values = sorted(values)
    position = (len(ordered_values) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    fraction = position - low
    return ordered_values[low] + (ordered_values[high] - ordered_values[low]) * fraction


# --- the pure rules over stage events ------------------------------------------------------------


@dataclass(frozen=True)
class StageConversion:
    """How many use cases reached a funnel stage, and which share of them went on."""

    stage: Stage
    reached: int
    next_reached: int | None  # None for realised (there is no next stage)
    to_next: float | None
    to_realised: float | None


def reached_stages(events: Sequence[Event], as_of: dt.date) -> set[Stage]:
    """The funnel stages a use case entered or skipped past by ``as_of``."""
    reached: set[Stage] = set()
    for event, before in annotate(events):
        if event.effective_on > as_of:
            break
        reached |= set(passed_stages(before, event.to_stage))
    return reached


def conversion(
    events_by_case: Mapping[int, Sequence[Event]], as_of: dt.date
) -> list[StageConversion]:
    """Conversion from each funnel stage to the next and to realised, over these use cases."""
    reached = {stage: 0 for stage in FUNNEL_ORDER}
    for events in events_by_case.values():
        for stage in reached_stages(events, as_of):
            reached[stage] += 1
    realised = reached[Stage.REALISED]
    result = []
    for index, stage in enumerate(FUNNEL_ORDER):
        following = FUNNEL_ORDER[index + 1] if index + 1 < len(FUNNEL_ORDER) else None
        count = reached[stage]
        next_count = reached[following] if following else None
        result.append(
            StageConversion(
                stage=stage,
                reached=count,
                next_reached=next_count,
                to_next=next_count / count if next_count is not None and count else None,
                to_realised=realised / count if count and following else None,
            )
        )
    return result


def stays(
    events: Sequence[Event], as_of: dt.date, first: dt.date | None = None
) -> list[tuple[Stage, int]]:
    """The finished stays of one use case: (stage, days) for each stay that ended in
    [``first``, ``as_of``] (``first`` None: any time up to ``as_of``)."""
    result = []
    previous: Event | None = None
    for event in ordered(events):
        if event.effective_on > as_of:
            break
        ended_in_period = first is None or event.effective_on >= first
        if previous is not None and previous.to_stage in STAY_STAGES and ended_in_period:
            result.append((previous.to_stage, (event.effective_on - previous.effective_on).days))
        previous = event
    return result


@dataclass(frozen=True)
class StageTime:
    """The finished stays in one stage: how many, the median and the 90th percentile in days."""

    stage: Stage
    stays: int
    median: float | None
    p90: float | None
    days: tuple[int, ...]  # every stay's length, for the distribution chart


def stage_times(
    events_by_case: Mapping[int, Sequence[Event]], as_of: dt.date, first: dt.date | None = None
) -> list[StageTime]:
    """Median and 90th percentile of the days spent in each stage (finished stays only)."""
    found: dict[Stage, list[int]] = {stage: [] for stage in STAY_STAGES}
    for events in events_by_case.values():
        for stage, days in stays(events, as_of, first):
            found[stage].append(days)
    return [
        StageTime(stage, len(d), percentile(d, 50), percentile(d, 90), tuple(sorted(d)))
        for stage, d in found.items()
    ]


@dataclass(frozen=True)
class StuckCase:
    """A use case that has been in its stage for longer than the setting allows."""

    use_case_id: int
    title: str
    stage: Stage
    since: dt.date
    days: int


def is_stuck(stage: str | Stage | None, days_in_stage: int | None, days: int) -> bool:
    """The stuck rule for one use case: longer than ``days`` days in detected, intake,
    definition or execution (on hold is parked on purpose; realised and dropped have ended)."""
    if stage is None or days_in_stage is None:
        return False
    return Stage(stage) in STUCK_STAGES and days_in_stage > days


def stuck(
    events_by_case: Mapping[int, Sequence[Event]],
    titles: Mapping[int, str],
    as_of: dt.date,
    days: int,
) -> list[StuckCase]:
    """The use cases longer than ``days`` days in detected, intake, definition or execution on
    ``as_of``, longest first."""
    result = []
    for case_id, events in events_by_case.items():
        current = current_event(events, as_of)
        if current is None or current.to_stage not in STUCK_STAGES:
            continue
        waited = (as_of - current.effective_on).days
        if is_stuck(current.to_stage, waited, days):
            result.append(
                StuckCase(
                    case_id, titles.get(case_id, ""), current.to_stage, current.effective_on, waited
                )
            )
    return sorted(result, key=lambda s: (-s.days, stage_rank(s.stage), s.title))


# --- the reads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DropReason:
    """One reason use cases were dropped for, with those use cases."""

    reason: str
    count: int
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    """The funnel analytics of one scope (a year or all strategy years; all use cases or one
    theme's or Fieldlab's)."""

    year: int | None
    as_of: dt.date
    cases: int
    conversion: list[StageConversion]
    stage_times: list[StageTime]
    stuck: list[StuckCase]
    stuck_days: int
    drop_reasons: list[DropReason]

    def to_json(self) -> dict[str, Any]:
        """Plain values (dates as ISO text) for JSON: what a frozen snapshot keeps."""

        def plain(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        return plain(asdict(self))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Analysis:
        """The analysis a frozen snapshot kept (see :meth:`to_json`)."""
        return cls(
            year=data["year"],
            as_of=dt.date.fromisoformat(data["as_of"]),
            cases=data["cases"],
            conversion=[
                StageConversion(**{**c, "stage": Stage(c["stage"])}) for c in data["conversion"]
            ],
            stage_times=[
                StageTime(**{**s, "stage": Stage(s["stage"]), "days": tuple(s["days"])})
                for s in data["stage_times"]
            ],
            stuck=[
                StuckCase(
                    **{
                        **s,
                        "stage": Stage(s["stage"]),
                        "since": dt.date.fromisoformat(s["since"]),
                    }
                )
                for s in data["stuck"]
            ],
            stuck_days=data["stuck_days"],
            drop_reasons=[
                DropReason(**{**d, "titles": tuple(d["titles"])}) for d in data["drop_reasons"]
            ],
        )


def _case_facts(db: sqlite_utils.Database) -> dict[int, dict[str, Any]]:
    return {
        r["id"]: r for r in rows(db, "SELECT id, title, theme, fieldlab FROM use_cases ORDER BY id")
    }


def scope_cases(
    events: dict[int, list[Event]],
    facts: Mapping[int, Mapping[str, Any]],
    year: int | None,
    as_of: dt.date,
    theme: str | None = None,
    fieldlab: str | None = None,
) -> dict[int, list[Event]]:
    """The use cases of a scope with their events: the year's funnel (all strategy years: the
    funnel from the first strategy year on), optionally of one theme or one Fieldlab."""
    in_funnel = metrics.funnel_cases(events, year or STRATEGY_FIRST_YEAR, as_of)
    result = {}
    for case_id in in_funnel:
        fact = facts.get(case_id, {})
        if theme is not None and fact.get("theme") != (theme or None):
            continue
        if fieldlab is not None and fact.get("fieldlab") != (fieldlab or None):
            continue
        result[case_id] = events[case_id]
    return result


def _period_start(year: int | None) -> dt.date:
    """The first day of the scope: 1 January of the year, or of the first strategy year."""
    return dt.date(year or STRATEGY_FIRST_YEAR, 1, 1)


def drop_reasons(
    db: sqlite_utils.Database, case_ids: Iterable[int], first: dt.date, as_of: dt.date
) -> list[DropReason]:
    """Why use cases were dropped in [``first``, ``as_of``]: the same reason (ignoring case and
    surrounding spaces) once, with its use cases; most frequent first."""
    wanted = set(case_ids)
    last_drop: dict[int, dict[str, Any]] = {}
    for r in rows(
        db,
        "SELECT e.use_case_id, e.note, u.title FROM stage_events e "
        "JOIN use_cases u ON u.id = e.use_case_id "
        "WHERE e.to_stage = 'dropped' AND e.effective_on BETWEEN ? AND ? "
        "ORDER BY e.effective_on, e.id",
        [first.isoformat(), as_of.isoformat()],
    ):
        if r["use_case_id"] in wanted:
            last_drop[r["use_case_id"]] = r
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in last_drop.values():
        grouped[" ".join((r["note"] or "").split()).casefold()].append(r)
    result = [
        DropReason(
            reason=" ".join((found[0]["note"] or "").split()),
            count=len(found),
            titles=tuple(sorted(r["title"] for r in found)),
        )
        for found in grouped.values()
    ]
    return sorted(result, key=lambda d: (-d.count, d.reason.casefold()))


def analyse(
    db: sqlite_utils.Database,
    year: int | None,
    as_of: dt.date | None = None,
    theme: str | None = None,
    fieldlab: str | None = None,
    stuck_days: int | None = None,
    today: dt.date | None = None,
) -> Analysis:
    """The analytics of ``year`` (None: all strategy years) as of ``as_of`` (default: the end
    of the year, or today), for one theme or Fieldlab or (None) for every use case."""
    today = today or dt.date.today()
    as_of = as_of or (metrics.default_as_of(year, today) if year else today)
    stuck_days = stuck_days if stuck_days is not None else settings.get(db, "stuck_days")
    facts = _case_facts(db)
    events = metrics.load_events(db)
    return _analyse(db, events, facts, year, as_of, theme, fieldlab, stuck_days)


def _analyse(
    db: sqlite_utils.Database,
    events: dict[int, list[Event]],
    facts: Mapping[int, Mapping[str, Any]],
    year: int | None,
    as_of: dt.date,
    theme: str | None,
    fieldlab: str | None,
    stuck_days: int,
) -> Analysis:
    cases = scope_cases(events, facts, year, as_of, theme, fieldlab)
    first = _period_start(year)
    titles = {case_id: facts.get(case_id, {}).get("title", "") for case_id in cases}
    return Analysis(
        year=year,
        as_of=as_of,
        cases=len(cases),
        conversion=conversion(cases, as_of),
        stage_times=stage_times(cases, as_of, first),
        stuck=stuck(cases, titles, as_of, stuck_days),
        stuck_days=stuck_days,
        drop_reasons=drop_reasons(db, cases, first, as_of),
    )


def breakdown(
    db: sqlite_utils.Database,
    year: int | None,
    by: str,
    as_of: dt.date | None = None,
    stuck_days: int | None = None,
    today: dt.date | None = None,
) -> list[tuple[str, Analysis]]:
    """The analytics per theme or per Fieldlab (``by``), every value in SPEC order, then the use
    cases without one (group name ""); groups without use cases are left out."""
    if by not in GROUPINGS:
        raise ValueError(f"group by theme or fieldlab, not {by!r}")
    today = today or dt.date.today()
    as_of = as_of or (metrics.default_as_of(year, today) if year else today)
    stuck_days = stuck_days if stuck_days is not None else settings.get(db, "stuck_days")
    facts = _case_facts(db)
    events = metrics.load_events(db)
    result = []
    for group in (*goals.FIELDLABS, ""):
        theme, fieldlab = (group, None) if by == "theme" else (None, group)
        found = _analyse(db, events, facts, year, as_of, theme, fieldlab, stuck_days)
        if found.cases:
            result.append((group, found))
    return result


def trend(
    db: sqlite_utils.Database,
    last_year: int | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    known: Mapping[int, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Every figure of each year from the first strategy year (or the first year with data, if
    later) up to ``last_year``: earlier years as of 31 December, ``last_year`` as of ``as_of``.
    ``known``: figures of ``last_year`` already counted for ``as_of`` (goals.snapshot's)."""
    today = today or dt.date.today()
    last_year = last_year or today.year
    as_of = as_of or metrics.default_as_of(last_year, today)
    with_data = metrics.years_with_data(db, today)
    first_year = max(STRATEGY_FIRST_YEAR, with_data[0] if with_data else last_year)
    known = known or {}
    return [
        dict(known[year])
        if year == last_year and year in known
        else goals.snapshot(db, year, as_of if year == last_year else dt.date(year, 12, 31), today)
        for year in range(min(first_year, last_year), last_year + 1)
    ]

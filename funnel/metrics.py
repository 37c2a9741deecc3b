"""The counting rules: participations, unique participants per year, the snapshot, conversion."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from funnel.db import rows
from funnel.models import (
    ALL_STAGES,
    DEFAULT_TARGETS,
    EDUCATION_KINDS,
    FUNNEL_ORDER,
    TERMINAL,
    OrgKind,
    Stage,
)
from funnel.stages import (
    Event,
    annotate,
    current_stage,
    first_terminal_after,
    open_intervals,
    passed_stages,
)


def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The end of ``year``, or today when that is earlier."""
    today = today or dt.date.today()
    return min(dt.date(year, 12, 31), today)


def load_events(db: sqlite_utils.Database, case_id: int | None = None) -> dict[int, list[Event]]:
    """All stage events (or one use case's), per use case."""
    events: dict[int, list[Event]] = defaultdict(list)
    sql = "SELECT id, use_case_id, from_stage, to_stage, effective_on FROM stage_events"
    for r in rows(
        db,
        sql + (" WHERE use_case_id = ?" if case_id is not None else ""),
        [case_id] if case_id is not None else [],
    ):
        events[r["use_case_id"]].append(
            Event(
                seq=r["id"],
                to_stage=Stage(r["to_stage"]),
                effective_on=dt.date.fromisoformat(r["effective_on"]),
                from_stage=Stage(r["from_stage"]) if r["from_stage"] else None,
            )
        )
    return events


@dataclass(frozen=True)
class Participation:
    """An organisation and/or person taking part over [start, end] (end None: still open)."""

    org_id: int | None
    person_id: int | None
    start: dt.date
    end: dt.date | None
    via: str  # how it takes part: activity | intake | asset_owner | involvement
    ref_id: int

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def participations(db: sqlite_utils.Database, as_of: dt.date) -> list[Participation]:
    """Every participation known on ``as_of``; organisations and persons as they are after merges."""
    org_map = {
        r["id"]: r["canonical_id"] for r in rows(db, "SELECT id, canonical_id FROM organisations")
    }
    person_map = {
        r["id"]: r["canonical_id"] for r in rows(db, "SELECT id, canonical_id FROM persons")
    }

    def org(value: int | None) -> int | None:
        return org_map.get(value, value) if value is not None else None

    def person(value: int | None) -> int | None:
        return person_map.get(value, value) if value is not None else None

    result: list[Participation] = []
    for r in rows(
        db,
        "SELECT a.id, a.organisation_id, a.person_id, v.activity_date FROM attendance a "
        "JOIN activities v ON v.id = a.activity_id WHERE v.activity_date <= ?",
        [as_of.isoformat()],
    ):
        day = dt.date.fromisoformat(r["activity_date"])
        result.append(
            Participation(
                org(r["organisation_id"]), person(r["person_id"]), day, day, "activity", r["id"]
            )
        )
    for r in rows(
        db,
        "SELECT id, organisation_id, person_id, intake_date FROM intakes WHERE intake_date <= ?",
        [as_of.isoformat()],
    ):
        day = dt.date.fromisoformat(r["intake_date"])
        result.append(
            Participation(
                org(r["organisation_id"]), person(r["person_id"]), day, day, "intake", r["id"]
            )
        )
    events = load_events(db)
    for r in rows(db, "SELECT id, asset_owner_id FROM use_cases WHERE asset_owner_id IS NOT NULL"):
        for start, end in open_intervals(events.get(r["id"], []), as_of):
            result.append(
                Participation(org(r["asset_owner_id"]), None, start, end, "asset_owner", r["id"])
            )
    for r in rows(
        db,
        "SELECT id, use_case_id, organisation_id, person_id, start_date, end_date FROM involvements "
        "WHERE start_date <= ?",
        [as_of.isoformat()],
    ):
        start = dt.date.fromisoformat(r["start_date"])
        end = dt.date.fromisoformat(r["end_date"]) if r["end_date"] else None
        if end is None:
            end = first_terminal_after(events.get(r["use_case_id"], []), start, as_of)
        result.append(
            Participation(
                org(r["organisation_id"]),
                person(r["person_id"]),
                start,
                end,
                "involvement",
                r["id"],
            )
        )
    return result


@dataclass
class UniqueCounts:
    companies: set[int]
    education: set[int]
    unclassified: set[int]
    other_orgs: set[int]
    persons: set[int]


def unique_participants(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None
) -> UniqueCounts:
    """Distinct organisations (by kind) and persons taking part in ``year`` up to ``as_of``."""
    as_of = as_of or default_as_of(year)
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), as_of)
    kinds = {r["id"]: r["kind"] for r in rows(db, "SELECT id, kind FROM organisations")}
    counts = UniqueCounts(set(), set(), set(), set(), set())
    if last < first:
        return counts
    for p in participations(db, last):
        if not p.overlaps(first, last):
            continue
        if p.person_id is not None:
            counts.persons.add(p.person_id)
        if p.org_id is not None:
            kind = kinds.get(p.org_id, OrgKind.UNKNOWN.value)
            if kind == OrgKind.COMPANY.value:
                counts.companies.add(p.org_id)
            elif kind in {k.value for k in EDUCATION_KINDS}:
                counts.education.add(p.org_id)
            elif kind == OrgKind.UNKNOWN.value:
                counts.unclassified.add(p.org_id)
            else:
                counts.other_orgs.add(p.org_id)
    return counts


def targets_for(db: sqlite_utils.Database, year: int) -> dict[str, int]:
    """The yearly targets: the stuurgroep's values for ``year``, else the defaults."""
    values = dict(DEFAULT_TARGETS)
    for r in rows(db, "SELECT key, value FROM targets WHERE year = ?", [year]):
        values[r["key"]] = int(r["value"])
    return values


def stage_counts(
    events_by_case: dict[int, list[Event]], first: dt.date, last: dt.date
) -> dict[str, set[int]]:
    """Use cases per KPI whose event took effect in [first, last] (a use case counts once per key)."""
    found: dict[str, set[int]] = {
        "use_cases_detected": set(),
        "intakes": set(),
        "projects_started": set(),
        "projects_realised": set(),
        "use_cases_dropped": set(),
    }
    for case_id, events in events_by_case.items():
        for event, before in annotate(events):
            if not first <= event.effective_on <= last:
                continue
            if event.from_stage is None and event.to_stage == Stage.DETECTED:
                found["use_cases_detected"].add(case_id)
            if event.to_stage == Stage.INTAKE:
                found["intakes"].add(case_id)
            reached = passed_stages(before, event.to_stage)
            if event.to_stage == Stage.EXECUTION or Stage.EXECUTION in reached:
                found["projects_started"].add(case_id)
            if event.to_stage == Stage.REALISED:
                found["projects_realised"].add(case_id)
            if event.to_stage == Stage.DROPPED:
                found["use_cases_dropped"].add(case_id)
    return found


def funnel_cases(
    events_by_case: dict[int, list[Event]], year: int, as_of: dt.date
) -> dict[int, Stage]:
    """The use cases in the year's funnel with their stage on ``as_of``.

    Every use case detected on or before ``as_of``, except those already realised or dropped
    before 1 January (unless they moved again this year).
    """
    first = dt.date(year, 1, 1)
    before_year = first - dt.timedelta(days=1)
    result: dict[int, Stage] = {}
    for case_id, events in events_by_case.items():
        stage = current_stage(events, as_of)
        if stage is None:
            continue
        if current_stage(events, before_year) in TERMINAL and not any(
            first <= e.effective_on <= as_of for e in events
        ):
            continue
        result[case_id] = stage
    return result


def snapshot(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The steering committee's snapshot for ``year`` as of ``as_of`` (SPEC: The snapshot)."""
    as_of = as_of or default_as_of(year, today)
    first = dt.date(year, 1, 1)
    events = load_events(db)
    # SPEC: stage events with an effect date in [1 January Y, as_of], and the funnel as of
    # as_of (also when as_of lies after the year); unique participants stop at 31 December
    counted = stage_counts(events, first, as_of)
    unique = unique_participants(db, year, as_of)
    funnel = {stage.value: 0 for stage in ALL_STAGES}
    for stage in funnel_cases(events, year, as_of).values():
        funnel[stage.value] += 1
    targets = targets_for(db, year)
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "use_cases_detected": len(counted["use_cases_detected"]),
        "intakes": len(counted["intakes"]),
        "projects_started": len(counted["projects_started"]),
        "projects_realised": len(counted["projects_realised"]),
        "use_cases_dropped": len(counted["use_cases_dropped"]),
        "unique_companies": len(unique.companies),
        "unique_persons": len(unique.persons),
        "unique_education_institutions": len(unique.education),
        "unclassified_organisations": len(unique.unclassified),
        "funnel": funnel,
        "targets": {key: targets[key] for key in DEFAULT_TARGETS},
    }


def conversion(db: sqlite_utils.Database, as_of: dt.date | None = None) -> dict[str, int]:
    """How many use cases ever reached (or skipped past) each funnel stage by ``as_of``."""
    reached: dict[str, set[int]] = {s.value: set() for s in FUNNEL_ORDER}
    for case_id, events in load_events(db).items():
        for event, before in annotate(events):
            if as_of and event.effective_on > as_of:
                break
            for stage in passed_stages(before, event.to_stage):
                reached[stage.value].add(case_id)
    return {key: len(ids) for key, ids in reached.items()}


def years_with_data(db: sqlite_utils.Database, today: dt.date | None = None) -> list[int]:
    """The years from the first recorded date to this year, for year pickers."""
    today = today or dt.date.today()
    found = rows(
        db,
        "SELECT MIN(d) AS first FROM (SELECT MIN(effective_on) AS d FROM stage_events "
        "UNION ALL SELECT MIN(activity_date) FROM activities UNION ALL SELECT MIN(intake_date) FROM intakes)",
    )
    first = found[0]["first"] if found and found[0]["first"] else None
    start = int(first[:4]) if first else today.year
    return list(range(min(start, today.year), today.year + 1))


def year_participations(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None
) -> list[Participation]:
    """The participations that count in ``year`` up to ``as_of``: those overlapping
    [1 January, min(31 December, as_of)], with organisations and persons as they are after
    merges (the same ones :func:`unique_participants` counts)."""
    as_of = as_of or default_as_of(year)
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), as_of)
    if last < first:
        return []
    return [p for p in participations(db, last) if p.overlaps(first, last)]

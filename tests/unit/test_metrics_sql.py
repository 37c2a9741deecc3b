"""The counting in SQL equals the counting rules as they were verified in Python (a frozen copy in
tests/unit/reference_metrics.py), on random small histories, years and as-of dates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from funnel import analytics, metrics, queries
from funnel import db as storage
from funnel import settings as settings_module
from funnel.models import ALL_STAGES, OrgKind
from tests.unit import reference_metrics as reference

D = dt.date
START = D(2023, 6, 1)
SPAN = 3 * 365  # every date lies in mid 2023 .. mid 2026
KINDS = [k.value for k in OrgKind]

dates = st.integers(0, SPAN).map(lambda n: START + dt.timedelta(days=n))
org_ids = st.integers(0, 5)
person_ids = st.integers(0, 5)

attendance = st.tuples(st.integers(0, 5), st.none() | org_ids, st.none() | person_ids)
activities = st.tuples(dates, st.integers(0, 2))
# a use case: its asset owner (or none) and its stage events (any stage, in any order; the id
# order of equal dates is the recording order)
events = st.lists(st.tuples(st.sampled_from([s.value for s in ALL_STAGES]), dates), max_size=6)
cases = st.tuples(st.none() | org_ids, events, st.booleans())
involvements = st.tuples(
    st.integers(0, 5), st.none() | org_ids, st.none() | person_ids, dates,
    st.none() | st.integers(-5, 400), st.booleans(),
)  # fmt: skip
intakes = st.tuples(org_ids, st.none() | person_ids, dates, st.none() | st.integers(0, 5))
merges = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=2)


def build(data: dict[str, Any]) -> sqlite_utils.Database:
    """A database holding exactly the generated history, written straight into the tables."""
    db = storage.connect(":memory:")
    metrics.ensure_indexes(db)
    now = storage.now_iso()
    with storage.transaction(db):
        for number, kind in enumerate(data["kinds"]):
            storage.insert_row(db, "organisations", {
                "id": number + 1, "name": f"Org {number}", "normal_name": f"org {number}",
                "kind": kind, "created_at": now,
            })  # fmt: skip
        for number in range(6):
            storage.insert_row(db, "persons", {
                "id": number + 1, "name": f"P {number}", "normal_name": f"p {number}",
                "organisation_id": number % 3 + 1, "created_at": now,
            })  # fmt: skip
        for number, (day, title) in enumerate(data["activities"]):
            storage.insert_row(db, "activities", {
                "id": number + 1, "title": f"Act {title}", "normal_title": f"act {title} {number}",
                "activity_date": day.isoformat(), "created_at": now,
            })  # fmt: skip
        seen = set()
        for activity, org, person in data["attendance"] if data["activities"] else []:
            activity_id = activity % len(data["activities"]) + 1
            if org is None and person is None:
                org = 0
            key = (activity_id, person) if person is not None else (activity_id, "org", org)
            if key in seen:
                continue
            seen.add(key)
            storage.insert_row(db, "attendance", {
                "activity_id": activity_id,
                "organisation_id": org + 1 if org is not None else None,
                "person_id": person + 1 if person is not None else None, "created_at": now,
            })  # fmt: skip
        # stage events are recorded in an order of their own, not in date order
        recorded = []
        for number, (owner, case_events, shuffle) in enumerate(data["cases"]):
            storage.insert_row(db, "use_cases", {
                "id": number + 1, "title": f"Case {number}",
                "asset_owner_id": owner + 1 if owner is not None else None, "created_at": now,
            })  # fmt: skip
            previous = None
            for to_stage, day in case_events:
                recorded.append((number + 1, previous, to_stage, day))
                previous = to_stage
            if shuffle:
                recorded.reverse()
        for case_id, from_stage, to_stage, day in recorded:
            storage.insert_row(db, "stage_events", {
                "use_case_id": case_id, "from_stage": from_stage, "to_stage": to_stage,
                "effective_on": day.isoformat(), "recorded_at": now,
            })  # fmt: skip
        case_count = len(data["cases"])
        for pick, org, person, start, length, blank in data["involvements"] if case_count else []:
            if org is None and person is None:
                person = 0
            end = "" if blank else None
            if length is not None:
                end = (start + dt.timedelta(days=length)).isoformat()
            storage.insert_row(db, "involvements", {
                "use_case_id": pick % case_count + 1,
                "organisation_id": org + 1 if org is not None else None,
                "person_id": person + 1 if person is not None else None,
                "start_date": start.isoformat(), "end_date": end, "created_at": now,
            })  # fmt: skip
        for org, person, day, case in data["intakes"]:
            storage.insert_row(db, "intakes", {
                "organisation_id": org + 1, "person_id": person + 1 if person is not None else None,
                "intake_date": day.isoformat(),
                "use_case_id": case % case_count + 1 if case is not None and case_count else None,
                "created_at": now,
            })  # fmt: skip
        for source, target in data["org_merges"]:
            if source != target:
                db.execute(
                    "UPDATE organisations SET merged_into = ? WHERE id = ? AND merged_into IS NULL",
                    [target + 1, source + 1],
                )
        for source, target in data["person_merges"]:
            if source != target:
                db.execute(
                    "UPDATE persons SET merged_into = ? WHERE id = ? AND merged_into IS NULL",
                    [target + 1, source + 1],
                )
        if data["erased"] is not None:
            db.execute(
                "UPDATE persons SET name = NULL, normal_name = NULL, email = NULL, "
                "erased_at = ? WHERE id = ?",
                [now, data["erased"] + 1],
            )
    return db


histories = st.fixed_dictionaries(
    {
        "kinds": st.lists(st.sampled_from(KINDS), min_size=6, max_size=6),
        "activities": st.lists(activities, max_size=5),
        "attendance": st.lists(attendance, max_size=15),
        "cases": st.lists(cases, max_size=5),
        "involvements": st.lists(involvements, max_size=5),
        "intakes": st.lists(intakes, max_size=3),
        "org_merges": merges,
        "person_merges": merges,
        "erased": st.none() | person_ids,
    }
)
# a year and an as-of date: mostly in the year, also after 31 December and before 1 January
checks = st.lists(st.tuples(st.integers(2023, 2026), st.integers(-40, 500)), min_size=1, max_size=4)


def as_of_in(year: int, offset: int) -> D:
    return D(year, 1, 1) + dt.timedelta(days=offset)


def key(p: Any) -> tuple[Any, ...]:
    return (p.org_id, p.person_id, p.start, p.end, p.via, p.ref_id)


@settings(max_examples=250, deadline=None)
@given(history=histories, checks=checks)
def test_the_sql_snapshot_equals_the_reference_rules(history: dict[str, Any], checks: list) -> None:
    db = build(history)
    for year, offset in checks:
        as_of = as_of_in(year, offset)
        assert metrics.snapshot(db, year, as_of) == reference.snapshot(db, year, as_of), (
            year,
            as_of,
        )
        assert vars(metrics.unique_participants(db, year, as_of)) == vars(
            reference.unique_participants(db, year, as_of)
        )
        # the default as-of date (end of the year, or today when that is earlier)
        assert metrics.snapshot(db, year, today=as_of) == reference.snapshot(db, year, today=as_of)
    db.conn.close()


@settings(max_examples=200, deadline=None)
@given(history=histories, checks=checks)
def test_the_sql_participations_equal_the_reference_rules(
    history: dict[str, Any], checks: list
) -> None:
    db = build(history)
    for year, offset in checks:
        as_of = as_of_in(year, offset)
        expected = reference.participations(db, as_of)
        found = metrics.participations(db, as_of)
        assert Counter(map(key, found)) == Counter(map(key, expected))
        for org in {p.org_id for p in expected if p.org_id is not None} | {1}:
            assert Counter(map(key, metrics.participations(db, as_of, org_id=org))) == Counter(
                key(p) for p in expected if p.org_id == org
            )
        for person in {p.person_id for p in expected if p.person_id is not None} | {1}:
            assert Counter(
                map(key, metrics.participations(db, as_of, person_id=person))
            ) == Counter(key(p) for p in expected if p.person_id == person)
        counts = queries.participation_counts(db, as_of)
        assert counts["organisations"] == dict(
            Counter(p.org_id for p in expected if p.org_id is not None)
        )
        assert counts["persons"] == dict(
            Counter(p.person_id for p in expected if p.person_id is not None)
        )
    db.conn.close()


@settings(max_examples=200, deadline=None)
@given(history=histories, checks=checks)
def test_the_sql_stage_rules_equal_the_reference_on_the_database_and_on_given_events(
    history: dict[str, Any], checks: list
) -> None:
    db = build(history)
    events = reference.load_events(db)
    assert metrics.load_events(db) == events
    for year, offset in checks:
        as_of = as_of_in(year, offset)
        first = D(year, 1, 1)
        expected = reference.stage_counts(events, first, as_of)
        assert metrics.stage_counts(db, first, as_of) == expected
        assert metrics.stage_counts(events, first, as_of) == expected
        expected_funnel = reference.funnel_cases(events, year, as_of)
        assert metrics.funnel_cases(db, year, as_of) == expected_funnel
        assert metrics.funnel_cases(events, year, as_of) == expected_funnel
        assert metrics.conversion(db, as_of) == reference.conversion(db, as_of)
    assert metrics.conversion(db) == reference.conversion(db)
    db.conn.close()


@settings(max_examples=150, deadline=None)
@given(
    history=histories, checks=checks, themes=st.lists(st.sampled_from(["a", "b", None]), max_size=5)
)
def test_the_board_list_equals_the_reference(
    history: dict[str, Any], checks: list, themes: list[str | None]
) -> None:
    db = build(history)
    for number, theme in enumerate(themes):
        db.execute("UPDATE use_cases SET theme = ? WHERE id = ?", [theme, number + 1])
    for year, offset in checks:
        today = as_of_in(year, offset)
        for options in ({}, {"year": year}, {"year": year - 1, "theme": "a"}, {"theme": "b"}):
            found = queries.list_use_cases(db, today=today, **options)
            # stuck: the analytics' rule on the case's stage and days (the reference predates it)
            for case in found:
                assert case.pop("stuck") == analytics.is_stuck(
                    case["stage"], case["days_in_stage"], settings_module.get(db, "stuck_days")
                )
            assert found == reference.list_use_cases(db, today=today, **options), options
    db.conn.close()


def test_the_indexes_apply_twice_and_the_year_counts_never_scan_the_attendance(db) -> None:
    metrics.ensure_indexes(db)
    metrics.ensure_indexes(db)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"attendance_activity_org", "stage_events_effective", "intakes_date"} <= names
    params = {"first": "2025-01-01", "last": "2025-12-31"}
    for sql in (metrics._ORGS_IN_PERIOD, metrics._PERSONS_IN_PERIOD):
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params)]
        attendance = [step for step in plan if "attendance" in step]
        assert attendance and all(step.startswith("SEARCH") for step in attendance), plan
        assert any("activity_date>" in step for step in plan), plan  # bounded by the year


def _reference_fieldlabs(db: sqlite_utils.Database, year: int, as_of: D) -> dict[str, Any]:
    """The Fieldlab goal as goals.goals counted it in Python over year_participations (before
    SQLite counted it): the reference for the SQL."""
    from funnel.goals import _EDUCATION, FIELDLABS

    kinds = dict(db.execute("SELECT id, kind FROM organisations WHERE merged_into IS NULL"))
    activity_fieldlab = dict(
        db.execute(
            "SELECT a.id, v.fieldlab FROM attendance a JOIN activities v ON v.id = a.activity_id "
            "WHERE v.fieldlab IS NOT NULL"
        )
    )
    case_fieldlab = dict(
        db.execute("SELECT id, fieldlab FROM use_cases WHERE fieldlab IS NOT NULL")
    )
    involvement_case = dict(db.execute("SELECT id, use_case_id FROM involvements"))
    found: dict[str, Any] = {name: (set(), set(), set(), set()) for name in FIELDLABS}
    for p in metrics.year_participations(db, year, as_of):
        if p.via == "activity":
            name = activity_fieldlab.get(p.ref_id)
        elif p.via == "asset_owner":
            name = case_fieldlab.get(p.ref_id)
        elif p.via == "involvement":
            name = case_fieldlab.get(involvement_case.get(p.ref_id, -1))
        else:
            name = None
        if name not in found:
            continue
        companies, education, others, persons = found[name]
        if p.person_id is not None:
            persons.add(p.person_id)
        if p.org_id is not None:
            kind = kinds.get(p.org_id, OrgKind.UNKNOWN.value)
            if kind == OrgKind.COMPANY.value:
                companies.add(p.org_id)
            elif kind in _EDUCATION:
                education.add(p.org_id)
            else:
                others.add(p.org_id)
    return found


@settings(max_examples=200, deadline=None)
@given(
    history=histories,
    checks=checks,
    labs=st.lists(st.none() | st.sampled_from(["Smart Energy", "Smart Maintenance", "Elders"]),
                  min_size=10, max_size=10),
)  # fmt: skip
def test_the_fieldlab_goal_in_sql_equals_the_python_count(history, checks, labs) -> None:
    from funnel import goals

    db = build(history)
    for number, lab in enumerate(labs):
        table = "activities" if number < 5 else "use_cases"
        db.execute(f"UPDATE {table} SET fieldlab = ? WHERE id = ?", [lab, number % 5 + 1])
    for year, offset in checks:
        as_of = as_of_in(year, offset)
        sql = goals.fieldlab_participants(db, year, as_of)
        assert {
            name: (f.companies, f.education, f.others, f.persons) for name, f in sql.items()
        } == _reference_fieldlabs(db, year, as_of)


@given(history=histories, checks=checks)
def test_the_participation_spans_in_sql_equal_the_python_loop(history, checks) -> None:
    """The classification queue's counts and years (issue 7: 8 s at 1M rows when they were
    counted in Python over every participation of everyone)."""
    db = build(history)
    every = [r[0] for r in db.execute("SELECT id FROM organisations")]
    for year, offset in checks:
        as_of = as_of_in(year, offset)
        expected: dict[int, tuple[int, set[int]]] = {}
        for p in metrics.participations(db, as_of):
            if p.org_id is None:
                continue
            count, years = expected.get(p.org_id, (0, set()))
            expected[p.org_id] = (
                count + 1, years | set(range(p.start.year, (p.end or as_of).year + 1))
            )  # fmt: skip
        assert metrics.participation_spans(db, as_of, every) == expected
        some = every[::2]
        assert metrics.participation_spans(db, as_of, some) == {
            k: v for k, v in expected.items() if k in some
        }


@given(history=histories, checks=checks)
def test_the_last_seen_day_in_sql_equals_the_python_loop(history, checks) -> None:
    """The privacy page's persons due for erasure (issue 7: 8 s at 1M rows in Python)."""
    db = build(history)
    for year, offset in checks:
        as_of = as_of_in(year, offset)
        expected: dict[int, D] = {}
        for p in metrics.participations(db, as_of):
            if p.person_id is not None:
                seen = min(p.end or as_of, as_of)
                expected[p.person_id] = max(seen, expected.get(p.person_id, D.min))
        assert metrics.last_seen(db, as_of) == expected

"""Funnel analytics on hand-made histories with known answers: conversion, time in stage
(median, 90th percentile), stuck use cases, drop reasons, per theme and Fieldlab, the trend."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlite_utils

from funnel import analytics, goals, services
from funnel.analytics import percentile, stays
from funnel.auth import Actor
from funnel.models import Stage
from funnel.stages import Event

D = dt.date
S = Stage


def history(*moves: tuple[Stage, dt.date]) -> list[Event]:
    """Stage events in recording order; the first is the detection."""
    result, before = [], None
    for seq, (stage, day) in enumerate(moves, start=1):
        result.append(Event(seq, stage, day, before))
        before = stage
    return result


# --- the pure rules ------------------------------------------------------------------------------


def test_percentile_interpolates_between_ranks_and_the_50th_is_the_median() -> None:
    ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile(ten, 50) == 55
    assert percentile(ten, 90) == pytest.approx(91)
    assert percentile([7, 1, 4], 50) == 4
    assert percentile([5], 90) == 5
    assert percentile([], 50) is None
    assert percentile([0, 100], 90) == pytest.approx(90)


def test_stays_are_the_days_between_the_move_in_and_the_move_out() -> None:
    events = history(
        (S.DETECTED, D(2025, 1, 1)),
        (S.INTAKE, D(2025, 1, 11)),  # 10 days detected
        (S.ON_HOLD, D(2025, 2, 10)),  # 30 days intake
        (S.DEFINITION, D(2025, 3, 12)),  # 30 days on hold
        (S.EXECUTION, D(2025, 6, 10)),  # 90 days definition; still in execution
    )
    assert stays(events, D(2025, 12, 31)) == [
        (S.DETECTED, 10),
        (S.INTAKE, 30),
        (S.ON_HOLD, 30),
        (S.DEFINITION, 90),
    ]
    # a stay counts in the period it ended in, and only once it ended by the as-of date
    assert stays(events, D(2025, 3, 1)) == [(S.DETECTED, 10), (S.INTAKE, 30)]
    assert stays(events, D(2025, 12, 31), first=D(2025, 2, 1)) == [
        (S.INTAKE, 30),
        (S.ON_HOLD, 30),
        (S.DEFINITION, 90),
    ]


def test_events_on_one_day_give_a_stay_of_zero_days_and_realised_never_ends() -> None:
    events = history(
        (S.DETECTED, D(2025, 1, 1)),
        (S.INTAKE, D(2025, 1, 1)),
        (S.REALISED, D(2025, 5, 1)),
        (S.DEFINITION, D(2025, 6, 1)),  # reopened: the realised "stay" is not a stage stay
    )
    assert stays(events, D(2025, 12, 31)) == [(S.DETECTED, 0), (S.INTAKE, 120)]


# A hand-made funnel of five use cases (known answers below):
#   1: detected -> intake -> definition -> execution -> realised
#   2: detected -> definition (skips intake) -> execution, still running
#   3: detected -> intake -> dropped
#   4: detected -> intake, still in intake
#   5: detected, still detected
FIVE = {
    1: history(
        (S.DETECTED, D(2025, 1, 1)),
        (S.INTAKE, D(2025, 1, 21)),
        (S.DEFINITION, D(2025, 3, 1)),
        (S.EXECUTION, D(2025, 4, 1)),
        (S.REALISED, D(2025, 10, 1)),
    ),
    2: history(
        (S.DETECTED, D(2025, 1, 1)),
        (S.DEFINITION, D(2025, 2, 1)),
        (S.EXECUTION, D(2025, 5, 1)),
    ),
    3: history((S.DETECTED, D(2025, 2, 1)), (S.INTAKE, D(2025, 2, 11)), (S.DROPPED, D(2025, 4, 1))),
    4: history((S.DETECTED, D(2025, 3, 1)), (S.INTAKE, D(2025, 3, 31))),
    5: history((S.DETECTED, D(2025, 6, 1))),
}
AS_OF = D(2025, 12, 31)


def test_conversion_from_each_stage_to_the_next_and_to_realised() -> None:
    found = {c.stage: c for c in analytics.conversion(FIVE, AS_OF)}
    # reached: all five detected; 1, 2 (skipped), 3, 4 intake; 1, 2 definition and execution
    assert [found[s].reached for s in (S.DETECTED, S.INTAKE, S.DEFINITION, S.EXECUTION)] == [
        5,
        4,
        2,
        2,
    ]
    assert found[S.REALISED].reached == 1
    assert found[S.DETECTED].to_next == pytest.approx(4 / 5)
    assert found[S.INTAKE].to_next == pytest.approx(2 / 4)
    assert found[S.DEFINITION].to_next == pytest.approx(1.0)
    assert found[S.EXECUTION].to_next == pytest.approx(1 / 2)
    assert found[S.DETECTED].to_realised == pytest.approx(1 / 5)
    assert found[S.EXECUTION].to_realised == pytest.approx(1 / 2)
    assert found[S.REALISED].to_next is None and found[S.REALISED].to_realised is None


def test_conversion_counts_only_what_was_reached_by_the_as_of_date() -> None:
    found = {c.stage: c for c in analytics.conversion(FIVE, D(2025, 3, 15))}
    # on 15 March: 5 not detected yet; 1 in definition, 2 in definition, 3 in intake, 4 detected
    assert found[S.DETECTED].reached == 4
    assert found[S.INTAKE].reached == 3
    assert found[S.DEFINITION].reached == 2
    assert found[S.EXECUTION].reached == 0
    assert found[S.EXECUTION].to_next is None


def test_median_and_90th_percentile_of_the_days_in_each_stage() -> None:
    times = {t.stage: t for t in analytics.stage_times(FIVE, AS_OF)}
    # detected stays: 20 (1), 31 (2), 10 (3), 30 (4); 5 is still detected
    assert times[S.DETECTED].days == (10, 20, 30, 31)
    assert times[S.DETECTED].median == 25
    assert times[S.DETECTED].p90 == pytest.approx(30.7)
    # intake: 39 (1), 49 (3); 4 still in intake
    assert (times[S.INTAKE].stays, times[S.INTAKE].median) == (2, 44)
    # definition: 31 (1), 89 (2); execution: 183 (1); 2 still in execution
    assert times[S.DEFINITION].days == (31, 89)
    assert times[S.EXECUTION].days == (183,)
    assert times[S.EXECUTION].p90 == 183
    assert times[S.ON_HOLD].stays == 0 and times[S.ON_HOLD].median is None


def test_stuck_lists_the_use_cases_longer_than_n_days_in_an_open_stage() -> None:
    titles = {i: f"Use case {i}" for i in FIVE}
    # on 31 December: 2 in execution since 1 May (244 days), 4 in intake since 31 March (275),
    # 5 detected since 1 June (213); 1 is realised and 3 dropped: never stuck
    found = analytics.stuck(FIVE, titles, AS_OF, 213)
    assert [(s.use_case_id, s.stage, s.days) for s in found] == [
        (4, S.INTAKE, 275),
        (2, S.EXECUTION, 244),
    ]
    assert [s.use_case_id for s in analytics.stuck(FIVE, titles, AS_OF, 212)] == [4, 2, 5]
    assert analytics.stuck(FIVE, titles, AS_OF, 275) == []
    parked = {6: history((S.DETECTED, D(2024, 1, 1)), (S.ON_HOLD, D(2024, 2, 1)))}
    assert analytics.stuck(parked, {}, AS_OF, 30) == []


# --- through the database ------------------------------------------------------------------------


@pytest.fixture
def recorded(db: sqlite_utils.Database, leader: Actor) -> dict[str, int]:
    """Four use cases over two themes and Fieldlabs, two of them dropped for the same reason."""
    owner = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    school = services.create_organisation(db, leader, "ROC Nova College", kind="education").id

    def case(title: str, day: dt.date, theme: str, fieldlab: str | None) -> int:
        return services.create_use_case(
            db, leader, title, day, asset_owner_id=owner, theme=theme, fieldlab=fieldlab
        )

    a = case("Restwarmte", D(2025, 1, 6), "Smart Energy", "Smart Energy")
    services.move_use_case(db, leader, a, "intake", D(2025, 2, 5))
    services.link_involvement(
        db, leader, a, "education_partner", D(2025, 2, 5), organisation_id=school
    )
    services.move_use_case(db, leader, a, "execution", D(2025, 3, 7))
    b = case("Drones", D(2025, 1, 10), "Smart Maintenance", "Smart Maintenance")
    services.move_use_case(db, leader, b, "dropped", D(2025, 3, 1), note="Geen budget ")
    c = case("Zon", D(2025, 2, 1), "Smart Energy", None)
    services.move_use_case(db, leader, c, "dropped", D(2025, 4, 1), note="geen  budget")
    d = case("Oud", D(2024, 5, 1), "Smart Maintenance", "Smart Maintenance")
    services.move_use_case(db, leader, d, "dropped", D(2024, 6, 1), note="Te duur")
    return {"a": a, "b": b, "c": c, "d": d}


def test_analyse_a_year_counts_the_years_funnel_and_its_drop_reasons(
    db: sqlite_utils.Database, recorded: dict[str, int]
) -> None:
    found = analytics.analyse(db, 2025, D(2025, 12, 31), stuck_days=200)
    # "Oud" was dropped in 2024: not in the funnel of 2025
    assert found.cases == 3
    assert [(r.reason, r.count, r.titles) for r in found.drop_reasons] == [
        ("Geen budget", 2, ("Drones", "Zon"))
    ]
    # Restwarmte: in execution since 7 March, 299 days on 31 December
    assert [(s.title, s.days) for s in found.stuck] == [("Restwarmte", 299)]
    assert found.stuck_days == 200
    detected = next(s for s in found.stage_times if s.stage == S.DETECTED)
    assert detected.days == (30, 50, 59)  # 6 Jan-5 Feb, 10 Jan-1 Mar, 1 Feb-1 Apr


def test_analyse_all_strategy_years_and_the_stuck_setting(
    db: sqlite_utils.Database, leader: Actor, recorded: dict[str, int]
) -> None:
    services.set_setting(db, leader, "stuck_days", 365)
    found = analytics.analyse(db, None, D(2025, 12, 31))
    assert found.cases == 4
    assert found.stuck == [] and found.stuck_days == 365
    assert {r.reason for r in found.drop_reasons} == {"Geen budget", "Te duur"}


def test_breakdown_per_theme_and_per_fieldlab(
    db: sqlite_utils.Database, recorded: dict[str, int]
) -> None:
    per_theme = dict(analytics.breakdown(db, 2025, "theme", D(2025, 12, 31)))
    assert set(per_theme) == {"Smart Energy", "Smart Maintenance"}
    assert per_theme["Smart Energy"].cases == 2
    energy = {c.stage: c for c in per_theme["Smart Energy"].conversion}
    assert energy[S.EXECUTION].reached == 1
    per_fieldlab = dict(analytics.breakdown(db, 2025, "fieldlab", D(2025, 12, 31)))
    # "Zon" has no Fieldlab: the group "" holds it
    assert {name: part.cases for name, part in per_fieldlab.items()} == {
        "Smart Maintenance": 1,
        "Smart Energy": 1,
        "": 1,
    }
    with pytest.raises(ValueError):
        analytics.breakdown(db, 2025, "owner")


def test_trend_gives_every_figure_per_year_from_the_strategy_start(
    db: sqlite_utils.Database, recorded: dict[str, int]
) -> None:
    rows = analytics.trend(db, 2025, D(2025, 6, 30), today=D(2026, 1, 15))
    # the data starts in 2024 (after the strategy's 2023): the trend starts there
    assert [(r["year"], r["as_of"]) for r in rows] == [(2024, "2024-12-31"), (2025, "2025-06-30")]
    assert rows[0] == goals.snapshot(db, 2024, D(2024, 12, 31))
    assert [r["use_cases_detected"] for r in rows] == [1, 3]


def test_an_analysis_survives_json_unchanged(
    db: sqlite_utils.Database, recorded: dict[str, int]
) -> None:
    found = analytics.analyse(db, 2025, D(2025, 12, 31))
    assert analytics.Analysis.from_json(found.to_json()) == found

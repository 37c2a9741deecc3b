"""The stage machine: current stage from events, allowed moves, gates, future dates, and rights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnel import auth, demo, metrics, queries, rights, services
from funnel.auth import Actor
from funnel.errors import FunnelError, PermissionDenied
from funnel.models import ALL_STAGES, FUNNEL_ORDER, TERMINAL, OrgKind, Role, Stage
from funnel.stages import Event, current_stage

BASE = dt.date(2025, 1, 6)
D = dt.date
TODAY = dt.date.today()


def day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


# --- current stage ------------------------------------------------------------------------------

event_specs = st.lists(
    st.tuples(st.integers(0, 15), st.sampled_from(ALL_STAGES)), min_size=0, max_size=10
)


@given(specs=event_specs, as_of=st.integers(-1, 16), data=st.data())
def test_current_stage_is_the_latest_effect_date_on_or_before_d_ties_by_recording_order(
    specs: list[tuple[int, Stage]], as_of: int, data: st.DataObject
) -> None:
    events = [Event(seq, stage, day(offset)) for seq, (offset, stage) in enumerate(specs)]
    given_order = data.draw(st.permutations(events))
    eligible = [e for e in events if e.effective_on <= day(as_of)]
    expected = max(eligible, key=lambda e: (e.effective_on, e.seq)).to_stage if eligible else None
    assert current_stage(given_order, day(as_of)) == expected


def test_current_stage_without_a_date_is_the_latest_event() -> None:
    events = [Event(2, Stage.INTAKE, day(5)), Event(1, Stage.DETECTED, day(1))]
    assert current_stage(events) == Stage.INTAKE
    assert current_stage(events, day(4)) == Stage.DETECTED
    assert current_stage(events, day(0)) is None


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def case(db: sqlite_utils.Database, leader: Actor) -> int:
    """A use case of the programme leader, detected on BASE, source 'Staal Eigenaar'."""
    return services.create_use_case(
        db,
        leader,
        "Restwarmte",
        BASE,
        asset_owner_name="Staal Eigenaar",
        asset_owner_kvk="16480894",
    )


def stage_of(db: sqlite_utils.Database, case_id: int, as_of: dt.date | None = None) -> str | None:
    return queries.get_use_case(db, case_id, today=as_of)["stage"]


def events_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM stage_events").fetchone()[0]


def refusal(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> FunnelError:
    with pytest.raises(FunnelError) as caught:
        fn(*args, **kwargs)
    return caught.value


def link_partner(
    db: sqlite_utils.Database, leader: Actor, case_id: int, kind: OrgKind = OrgKind.COMPANY
) -> None:
    services.link_involvement(
        db,
        leader,
        case_id,
        "solution_provider",
        BASE,
        organisation_name=f"Partner {kind.value}",
        organisation_kind=kind,
    )


# --- current stage through the services ---------------------------------------------------------


def test_equal_effect_dates_make_the_later_recorded_move_current(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.INTAKE, BASE)
    assert stage_of(db, case) == "intake"
    services.move_use_case(db, leader, case, Stage.DEFINITION, BASE)
    assert stage_of(db, case) == "definition"


def test_the_stage_as_of_a_date_ignores_later_moves(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.INTAKE, day(10))
    services.move_use_case(db, leader, case, Stage.DEFINITION, day(20))
    assert stage_of(db, case, day(9)) == "detected"
    assert stage_of(db, case, day(10)) == "intake"
    assert stage_of(db, case, day(19)) == "intake"
    assert stage_of(db, case, day(20)) == "definition"


#: The only columns that hold a stage: a move's from and to.
STAGE_EVENT_COLUMNS = {("stage_events", "from_stage"), ("stage_events", "to_stage")}
#: Words in a column name that say it keeps a stage or a status under another name.
STAGE_WORDS = ("stage", "status", "state", "phase")
#: Text people write, which may name a stage (the move an intake makes has the note "intake").
FREE_TEXT = {("stage_events", "note")}
#: A meeting's frozen snapshot records the stages of that day, as a record of the past that never
#: changes (issue 9); it is no second source of the current stage, which nothing reads from it.
FROZEN_RECORD = {
    ("frozen_use_cases", "stage"),
    ("frozen_use_cases", "stage_since"),
    ("frozen_use_cases", "last_funnel_stage"),
}


def table_columns(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """Every (table, column) of the database, as SQLite itself reports them."""
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return [
        (table, info[1]) for table in tables for info in db.execute(f'PRAGMA table_info("{table}")')
    ]


def test_the_stage_is_stored_only_as_stage_events(db: sqlite_utils.Database) -> None:
    demo.fill(
        db, today=TODAY
    )  # a demo takes no database with accounts of its own: act as its leader
    leader = auth.actor_by_username(db, "leider")
    case_id = services.create_use_case(db, leader, "Restwarmte", BASE, asset_owner_name="Staal BV")
    link_partner(db, leader, case_id)
    services.update_use_case(db, leader, case_id, result_summary="Geleverd")
    for offset, stage in enumerate(FUNNEL_ORDER[1:], start=1):
        services.move_use_case(db, leader, case_id, stage, day(offset))
    services.move_use_case(db, leader, case_id, Stage.ON_HOLD, day(5), note="heropend")
    services.move_use_case(db, leader, case_id, Stage.DROPPED, day(6), note="geen budget")
    stage_keys = {stage.value for stage in ALL_STAGES}
    columns = table_columns(db)
    assert set(columns) >= STAGE_EVENT_COLUMNS
    assert {row[0] for row in db.execute("SELECT to_stage FROM stage_events")} == stage_keys
    for table, column in columns:
        # the audit trail records what happened (a stage event is one), it stores no stage
        if (table, column) in STAGE_EVENT_COLUMNS | FROZEN_RECORD or table == "audit":
            continue
        named = [word for word in STAGE_WORDS if word in column.lower()]
        assert not named, f"{table}.{column} is named like a second stage store ({named[0]})"
        if (table, column) in FREE_TEXT:
            continue
        values = {row[0] for row in db.execute(f'SELECT DISTINCT "{column}" FROM "{table}"')}
        assert not values & stage_keys, f"{table}.{column} holds stages: {values & stage_keys}"


def test_a_move_records_a_stage_event_with_who_when_and_note(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.ON_HOLD, day(3), note="wacht op budget")
    event = db.execute(
        "SELECT from_stage, to_stage, effective_on, user_id, note, recorded_at FROM stage_events "
        "WHERE use_case_id = ? ORDER BY id DESC LIMIT 1",
        [case],
    ).fetchone()
    assert event[:5] == ("detected", "on_hold", day(3).isoformat(), leader.id, "wacht op budget")
    assert event[5]


# --- moves --------------------------------------------------------------------------------------


@pytest.mark.parametrize("to_stage", [Stage.INTAKE, Stage.DEFINITION, Stage.ON_HOLD])
def test_any_forward_move_is_allowed_without_a_note_including_skips(
    db: sqlite_utils.Database, leader: Actor, case: int, to_stage: Stage
) -> None:
    services.move_use_case(db, leader, case, to_stage, day(1))
    assert stage_of(db, case) == to_stage.value


def test_skipped_stages_count_as_passed(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.DEFINITION, day(1))
    reached = metrics.conversion(db)
    assert reached == {"detected": 1, "intake": 1, "definition": 1, "execution": 0, "realised": 0}


def test_skipping_to_execution_is_allowed_once_a_partner_is_linked(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    link_partner(db, leader, case)
    services.move_use_case(db, leader, case, Stage.EXECUTION, day(2))
    assert stage_of(db, case) == "execution"


def test_a_backward_move_needs_a_note(db: sqlite_utils.Database, leader: Actor, case: int) -> None:
    services.move_use_case(db, leader, case, Stage.DEFINITION, day(1))
    before = events_count(db)
    error = refusal(services.move_use_case, db, leader, case, Stage.INTAKE, day(2))
    assert error.code == "gate_backward_note"
    error = refusal(services.move_use_case, db, leader, case, Stage.INTAKE, day(2), note="   ")
    assert error.code == "gate_backward_note"
    assert events_count(db) == before
    services.move_use_case(db, leader, case, Stage.INTAKE, day(2), note="scope opnieuw")
    assert stage_of(db, case) == "intake"


@pytest.mark.parametrize("terminal", [Stage.REALISED, Stage.DROPPED])
@pytest.mark.parametrize("to_stage", [Stage.DETECTED, Stage.EXECUTION, Stage.ON_HOLD])
def test_a_move_out_of_realised_or_dropped_needs_a_note(
    db: sqlite_utils.Database, leader: Actor, case: int, terminal: Stage, to_stage: Stage
) -> None:
    link_partner(db, leader, case)
    services.update_use_case(db, leader, case, result_summary="Pomp draait")
    services.move_use_case(db, leader, case, terminal, day(1), note="klaar")
    error = refusal(services.move_use_case, db, leader, case, to_stage, day(2))
    assert error.code == "gate_backward_note"
    assert stage_of(db, case) == terminal.value
    services.move_use_case(db, leader, case, to_stage, day(2), note="heropend")
    assert stage_of(db, case) == to_stage.value


def test_moving_between_realised_and_dropped_needs_a_note(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    link_partner(db, leader, case)
    services.update_use_case(db, leader, case, result_summary="Pomp draait")
    services.move_use_case(db, leader, case, Stage.REALISED, day(1))
    error = refusal(services.move_use_case, db, leader, case, Stage.DROPPED, day(2))
    assert error.code in {"gate_backward_note", "gate_dropped_reason"}
    assert stage_of(db, case) == "realised"


def test_resuming_from_on_hold_at_the_parked_stage_needs_no_note(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.DEFINITION, day(1))
    services.move_use_case(db, leader, case, Stage.ON_HOLD, day(2))
    services.move_use_case(db, leader, case, Stage.DEFINITION, day(3))
    assert stage_of(db, case) == "definition"
    services.move_use_case(db, leader, case, Stage.ON_HOLD, day(4))
    # Code's choice (SPEC is silent on on_hold): back past the parked stage is a backward move.
    error = refusal(services.move_use_case, db, leader, case, Stage.INTAKE, day(5))
    assert error.code == "gate_backward_note"


def test_a_move_to_the_current_stage_is_refused(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    error = refusal(services.move_use_case, db, leader, case, Stage.DETECTED, day(1))
    assert error.code == "move_same_stage"


def test_backfilling_a_move_with_a_past_effect_date_is_allowed(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.INTAKE, day(1), today=day(300))
    assert stage_of(db, case, day(1)) == "intake"
    assert stage_of(db, case, day(0)) == "detected"


def test_a_move_cannot_take_effect_before_the_current_stage_began_or_before_detection(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    # Code's choice (SPEC only forbids future dates): back-filling stops at the current stage.
    services.move_use_case(db, leader, case, Stage.INTAKE, day(10))
    error = refusal(services.move_use_case, db, leader, case, Stage.DEFINITION, day(9))
    assert error.code == "move_before_current"
    error = refusal(services.move_use_case, db, leader, case, Stage.DEFINITION, day(-1))
    assert error.code in {"move_before_detection", "move_before_current"}
    assert stage_of(db, case) == "intake"


def test_a_move_with_an_effect_date_in_the_future_is_refused(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    before = events_count(db)
    tomorrow = TODAY + dt.timedelta(days=1)
    error = refusal(services.move_use_case, db, leader, case, Stage.INTAKE, tomorrow)
    assert error.code == "date_in_future"
    assert events_count(db) == before
    services.move_use_case(db, leader, case, Stage.INTAKE, TODAY)
    assert stage_of(db, case) == "intake"


def test_creating_a_use_case_detected_in_the_future_is_refused(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    error = refusal(
        services.create_use_case, db, leader, "Later", tomorrow, asset_owner_name="Acme"
    )
    assert error.code == "date_in_future"
    assert db.execute("SELECT COUNT(*) FROM use_cases").fetchone()[0] == 0


# --- gates --------------------------------------------------------------------------------------


def test_gate_to_execution_refuses_without_a_partner_and_names_the_gate(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.move_use_case(db, leader, case, Stage.DEFINITION, day(1))
    before = events_count(db)
    error = refusal(services.move_use_case, db, leader, case, Stage.EXECUTION, day(2))
    assert error.code == "gate_execution_partner"
    assert "gate" in error.message("en").lower() and "execution" in error.message("en").lower()
    assert "poort" in error.message("nl").lower()
    assert events_count(db) == before


def test_gate_to_execution_is_not_passed_by_the_asset_owner_itself(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    owner = queries.get_use_case(db, case)["asset_owner_id"]
    services.link_involvement(db, leader, case, "asset_owner_contact", BASE, organisation_id=owner)
    services.link_involvement(db, leader, case, "other", BASE, person_name="Losse Persoon")
    services.link_involvement(
        db,
        leader,
        case,
        "other",
        BASE,
        organisation_name="Gemeente Velsen",
        organisation_kind=OrgKind.GOVERNMENT,
    )
    error = refusal(services.move_use_case, db, leader, case, Stage.EXECUTION, day(2))
    assert error.code == "gate_execution_partner"


def test_gate_to_execution_is_not_passed_by_the_asset_owner_under_another_spelling(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.link_involvement(
        db, leader, case, "asset_owner_contact", BASE, organisation_name="STAAL EIGENAAR B.V."
    )
    error = refusal(services.move_use_case, db, leader, case, Stage.EXECUTION, day(2))
    assert error.code == "gate_execution_partner"


@pytest.mark.parametrize(
    "kind", [OrgKind.COMPANY, OrgKind.EDUCATION, OrgKind.KNOWLEDGE_INSTITUTION]
)
def test_gate_to_execution_passes_with_another_company_or_an_education_institution(
    db: sqlite_utils.Database, leader: Actor, case: int, kind: OrgKind
) -> None:
    link_partner(db, leader, case, kind)
    services.move_use_case(db, leader, case, Stage.EXECUTION, day(2))
    assert stage_of(db, case) == "execution"


def test_skipping_past_execution_to_realised_also_needs_the_execution_gate(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    services.update_use_case(db, leader, case, result_summary="Geleverd")
    error = refusal(services.move_use_case, db, leader, case, Stage.REALISED, day(2))
    assert error.code == "gate_execution_partner"


def test_gate_to_realised_needs_a_result_summary(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    link_partner(db, leader, case, OrgKind.EDUCATION)
    services.move_use_case(db, leader, case, Stage.EXECUTION, day(1))
    error = refusal(services.move_use_case, db, leader, case, Stage.REALISED, day(2))
    assert error.code == "gate_realised_summary"
    services.update_use_case(db, leader, case, result_summary="   ")
    error = refusal(services.move_use_case, db, leader, case, Stage.REALISED, day(2))
    assert error.code == "gate_realised_summary"
    services.update_use_case(db, leader, case, result_summary="Besparing 12 % energie")
    services.move_use_case(db, leader, case, Stage.REALISED, day(2))
    assert stage_of(db, case) == "realised"


def test_gate_to_dropped_needs_a_reason(
    db: sqlite_utils.Database, leader: Actor, case: int
) -> None:
    error = refusal(services.move_use_case, db, leader, case, Stage.DROPPED, day(2))
    assert error.code == "gate_dropped_reason"
    error = refusal(services.move_use_case, db, leader, case, Stage.DROPPED, day(2), note="  ")
    assert error.code == "gate_dropped_reason"
    services.move_use_case(db, leader, case, Stage.DROPPED, day(2), note="Geen match gevonden")
    history = queries.get_use_case(db, case)["history"]
    assert (history[-1]["to_stage"], history[-1]["note"]) == ("dropped", "Geen match gevonden")


# --- a random walk through the stage machine ----------------------------------------------------


def expected_refusal(current: Stage, last_funnel: Stage, to: Stage, note: str) -> str | None:
    """The rules of SPEC (partner linked, summary filled, dates in order)."""
    if to == current:
        return "move_same_stage"
    reference = last_funnel if current == Stage.ON_HOLD else current
    backward = current in TERMINAL or (
        to in FUNNEL_ORDER and FUNNEL_ORDER.index(to) < FUNNEL_ORDER.index(reference)
    )
    if backward and not note:
        return "gate_backward_note"
    if to == Stage.DROPPED and not note:
        return "gate_dropped_reason"
    return None


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moves=st.lists(
        st.tuples(st.sampled_from(ALL_STAGES), st.integers(0, 3), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_random_moves_follow_the_rules_and_the_last_accepted_move_is_current(
    db: sqlite_utils.Database, leader: Actor, moves: list[tuple[Stage, int, bool]]
) -> None:
    case_id = services.create_use_case(db, leader, "Wandeling", BASE, asset_owner_name="Eigenaar")
    link_partner(db, leader, case_id, OrgKind.EDUCATION)
    services.update_use_case(db, leader, case_id, result_summary="Resultaat")
    current, last_funnel, offset = Stage.DETECTED, Stage.DETECTED, 0
    for to, step, with_note in moves:
        offset += step
        note = "reden" if with_note else ""
        expected = expected_refusal(current, last_funnel, to, note)
        if expected:
            error = refusal(services.move_use_case, db, leader, case_id, to, day(offset), note)
            assert error.code == expected
        else:
            services.move_use_case(db, leader, case_id, to, day(offset), note)
            current = to
            if to in FUNNEL_ORDER:
                last_funnel = to
        assert stage_of(db, case_id) == current.value


# --- rights -------------------------------------------------------------------------------------


@pytest.fixture
def other_coach(make_actor: Callable[[str, Role], Actor]) -> Actor:
    return make_actor("coach2", Role.COACH)


WRITES: dict[str, Callable[[sqlite_utils.Database, Actor, int], Any]] = {
    "create_use_case": lambda db, a, c: services.create_use_case(
        db, a, "Nieuw", BASE, asset_owner_name="Acme"
    ),
    "update_use_case": lambda db, a, c: services.update_use_case(db, a, c, title="Anders"),
    "move_use_case": lambda db, a, c: services.move_use_case(db, a, c, Stage.INTAKE, day(1)),
    "link_involvement": lambda db, a, c: services.link_involvement(
        db,
        a,
        c,
        "solution_provider",
        BASE,
        organisation_name="Partner",
        organisation_kind=OrgKind.COMPANY,
    ),
    "save_intake": lambda db, a, c: services.save_intake(
        db, a, day(1), organisation_name="Acme", use_case_id=c
    ),
    "create_organisation": lambda db, a, c: services.create_organisation(db, a, "Nieuwe Org"),
    "update_organisation": lambda db, a, c: services.update_organisation(
        db, a, queries.get_use_case(db, c)["asset_owner_id"], name="Hernoemd"
    ),
    "create_activity": lambda db, a, c: services.create_activity(db, a, "Meetup", BASE),
    "import_file": lambda db, a, c: services.import_file(
        db, a, "participants", b"Datum;Activiteit;Naam\n2025-01-06;Meetup;Jan\n", "x.csv"
    ),
    "set_target": lambda db, a, c: services.set_target(db, a, 2025, "unique_companies", 1),
    "merge_organisations": lambda db, a, c: services.merge_organisations(db, a, 1, 2),
    "erase_person": lambda db, a, c: services.erase_person(db, a, 1),
    "add_user": lambda db, a, c: services.add_user(db, a, "nieuw", "a-long-password", "coach"),
    "remove_involvement": lambda db, a, c: services.remove_involvement(db, a, 1),
    "merge_persons": lambda db, a, c: services.merge_persons(db, a, 1, 2),
    "keep_apart": lambda db, a, c: services.keep_apart(db, a, 1, 2),
    "reset_password": lambda db, a, c: services.reset_password(db, a, "leader", "another-password"),
    "set_user_active": lambda db, a, c: services.set_user_active(db, a, 1, False),
}
PROGRAMME_LEADER_ONLY = [
    "link_involvement",
    "create_organisation",
    "update_organisation",
    "create_activity",
    "import_file",
    "set_target",
    "merge_organisations",
    "erase_person",
    "add_user",
    "remove_involvement",
    "merge_persons",
    "keep_apart",
    "reset_password",
    "set_user_active",
]


@pytest.fixture
def populated(db: sqlite_utils.Database, leader: Actor, case: int) -> int:
    """The leader's use case plus a second organisation and a person, so every write has a target."""
    services.link_involvement(
        db, leader, case, "other", BASE, organisation_name="Tweede Org", person_name="Piet Pers"
    )
    services.link_involvement(db, leader, case, "other", BASE, person_name="Truus Tweede")
    return case


@pytest.mark.parametrize("action", WRITES.keys())
def test_steering_cannot_create_move_or_change_anything(
    db: sqlite_utils.Database,
    steering: Actor,
    populated: int,
    dump: Callable[[sqlite_utils.Database], Any],
    action: str,
) -> None:
    before = dump(db)
    with pytest.raises(PermissionDenied):
        WRITES[action](db, steering, populated)
    assert dump(db) == before


@pytest.mark.parametrize("action", PROGRAMME_LEADER_ONLY)
def test_a_coach_cannot_do_what_only_the_programme_leader_does(
    db: sqlite_utils.Database,
    coach: Actor,
    populated: int,
    dump: Callable[[sqlite_utils.Database], Any],
    action: str,
) -> None:
    before = dump(db)
    with pytest.raises(PermissionDenied):
        WRITES[action](db, coach, populated)
    assert dump(db) == before


@pytest.mark.parametrize("action", ["update_use_case", "move_use_case"])
def test_a_coach_cannot_edit_or_move_a_use_case_it_does_not_coach(
    db: sqlite_utils.Database,
    coach: Actor,
    case: int,
    dump: Callable[[sqlite_utils.Database], Any],
    action: str,
) -> None:
    before = dump(db)
    with pytest.raises(PermissionDenied):
        WRITES[action](db, coach, case)
    assert dump(db) == before


def test_a_coach_can_edit_and_move_a_use_case_it_created(
    db: sqlite_utils.Database, coach: Actor
) -> None:
    case_id = services.create_use_case(db, coach, "Eigen vraag", BASE, asset_owner_name="MKB BV")
    services.update_use_case(db, coach, case_id, next_step="Bellen")
    services.move_use_case(db, coach, case_id, Stage.INTAKE, day(1))
    found = queries.get_use_case(db, case_id)
    assert (found["next_step"], found["stage"]) == ("Bellen", "intake")


def test_a_coach_can_edit_a_use_case_the_leader_assigned_to_it(
    db: sqlite_utils.Database, leader: Actor, coach: Actor, case: int
) -> None:
    services.update_use_case(db, leader, case, coach_id=coach.id)
    services.update_use_case(db, coach, case, description="Aangevuld door coach")
    services.move_use_case(db, coach, case, Stage.DEFINITION, day(1))
    found = queries.get_use_case(db, case)
    assert (found["description"], found["stage"]) == ("Aangevuld door coach", "definition")


def test_a_coach_cannot_reassign_a_use_case_it_coaches(
    db: sqlite_utils.Database, coach: Actor, other_coach: Actor
) -> None:
    case_id = services.create_use_case(db, coach, "Eigen vraag", BASE, asset_owner_name="MKB BV")
    with pytest.raises(PermissionDenied):
        services.update_use_case(db, coach, case_id, coach_id=other_coach.id)
    assert queries.get_use_case(db, case_id)["coach_id"] == coach.id


def test_a_coach_can_edit_its_own_intake_but_not_another_coachs(
    db: sqlite_utils.Database,
    coach: Actor,
    other_coach: Actor,
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    intake_id = services.save_intake(
        db, coach, day(1), organisation_name="MKB BV", new_use_case_title="Vraag van MKB"
    ).id
    services.save_intake(
        db, coach, day(1), organisation_name="MKB BV", notes="Tweede gesprek", intake_id=intake_id
    )
    assert queries.list_intakes(db, coach_id=coach.id)[0]["notes"] == "Tweede gesprek"
    before = dump(db)
    with pytest.raises(PermissionDenied):
        services.save_intake(
            db, other_coach, day(1), organisation_name="MKB BV", notes="Overschreven",
            intake_id=intake_id,
        )  # fmt: skip
    assert dump(db) == before


def test_a_coach_who_holds_an_intake_coaches_its_new_use_case(
    db: sqlite_utils.Database, coach: Actor
) -> None:
    services.save_intake(
        db, coach, day(1), organisation_name="MKB BV", new_use_case_title="Vraag van MKB"
    )
    case_id = queries.list_use_cases(db)[0]["id"]
    assert queries.get_use_case(db, case_id)["stage"] == "intake"
    services.move_use_case(db, coach, case_id, Stage.DEFINITION, day(2))
    assert queries.get_use_case(db, case_id)["stage"] == "definition"


def test_an_intake_on_another_coachs_use_case_gives_no_rights_to_it(db, make_actor):
    first, second = make_actor("coach1", Role.COACH), make_actor("coach2", Role.COACH)
    theirs = services.save_intake(
        db, second, D(2025, 3, 1), organisation_name="Acme", new_use_case_title="Restwarmte"
    )
    case_id = queries.list_intakes(db)[0]["use_case_id"]
    assert theirs and rights.coaches_use_case(db, second, case_id)
    services.save_intake(db, first, D(2025, 3, 2), organisation_name="Beta", use_case_id=case_id)
    assert not rights.coaches_use_case(db, first, case_id)
    with pytest.raises(PermissionDenied):
        services.update_use_case(db, first, case_id, title="Overgenomen")
    with pytest.raises(PermissionDenied):
        services.move_use_case(db, first, case_id, Stage.DROPPED, D(2025, 3, 3), note="weg")


def test_an_intake_on_a_use_case_without_coach_gives_the_coach_no_rights_to_it(db, leader, coach):
    """Issue 8: the coach became its coach (and could then edit and drop it); assigning a coach
    is the programme leader's. The intake is linked; the use case stays as it was."""
    case_id = services.create_use_case(
        db, leader, "Vraag", D(2025, 1, 5), asset_owner_name="Tata Steel"
    )
    services.save_intake(db, coach, D(2025, 2, 1), organisation_name="Acme", use_case_id=case_id)
    assert not rights.coaches_use_case(db, coach, case_id)
    assert queries.get_use_case(db, case_id)["stage"] == "detected"
    assert queries.list_intakes(db, use_case_id=case_id)[0]["coach_id"] == coach.id


def test_an_intake_on_the_use_case_a_coach_was_assigned_moves_it_to_intake(db, leader, coach):
    case_id = services.create_use_case(
        db, leader, "Vraag", D(2025, 1, 5), asset_owner_name="Tata Steel"
    )
    services.update_use_case(db, leader, case_id, coach_id=coach.id)
    services.save_intake(db, coach, D(2025, 2, 1), organisation_name="Acme", use_case_id=case_id)
    assert queries.get_use_case(db, case_id)["stage"] == "intake"

"""Who may do what, read in one place: every action of ``funnel.rights.RIGHTS``, for every role,
through the real operations of ``funnel.services`` (and the scoped reads of ``funnel.queries``).

Each row of :data:`TABLE` is one operation and what each role gets: ``OK`` (it succeeds and has its
effect) or the code of the refusal (a :class:`~funnel.errors.PermissionDenied` that leaves every
row of every table as it was). The coach acting here is ``World.coach``; "coach's" means the use
case it coaches or the intake it logged, "other coach's" those of a second coach, "leader's" a use
case the programme leader owns and nobody coaches.

A row marked :class:`Hole` is a right the domain does not enforce yet (SPEC says the role may not
do it): it is a strict xfail, so fixing the hole makes it pass and the mark must then go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import sqlite_utils

from funnel import auth, queries, rights, services, settings
from funnel.auth import Actor
from funnel.errors import PermissionDenied
from funnel.models import Role
from tests.conftest import dump_tables

D = dt.date
PL, COACH, STEERING = Role.PROGRAMME_LEADER, Role.COACH, Role.STEERING
ROLES = (PL, COACH, STEERING)

#: it succeeds and has its effect
OK = "ok"
#: refusals, by their error code
NOT_ALLOWED = "not_allowed"
NOT_YOUR_USE_CASE = "not_your_use_case"
NOT_YOUR_INTAKE = "not_your_intake"


@dataclass(frozen=True)
class Hole:
    """SPEC refuses this, the domain lets it through: a strict xfail until it is fixed."""

    expected: str
    reason: str


# --- the prepared database -----------------------------------------------------------------------


@dataclass
class World:
    """A small database with one record of every kind each operation needs as its target."""

    db: sqlite_utils.Database
    leader: Actor
    coach: Actor
    other_coach: Actor
    steering: Actor
    tata: int
    acme: int
    acme_nl: int
    leader_case: int
    coach_case: int
    other_case: int
    coach_intake: int
    other_intake: int
    involvement: int
    activity: int
    attendance: int
    piet: int
    piet_again: int
    eva: int
    merge: int

    def actor(self, role: Role) -> Actor:
        return {PL: self.leader, COACH: self.coach, STEERING: self.steering}[role]

    def value(self, sql: str, params: list[Any] | None = None) -> Any:
        found = self.db.execute(sql, params or []).fetchone()
        return found[0] if found else None

    def use_case(self, case_id: int, column: str) -> Any:
        return self.value(f"SELECT {column} FROM use_cases WHERE id = ?", [case_id])

    def person_id(self, email: str) -> int:
        return int(self.value("SELECT id FROM persons WHERE email = ?", [email]))


@pytest.fixture
def world(
    db: sqlite_utils.Database,
    leader: Actor,
    coach: Actor,
    steering: Actor,
    make_actor: Callable[[str, Role], Actor],
) -> World:
    other_coach = make_actor("coach2", COACH)
    org = lambda name: services.create_organisation(db, leader, name, kind="company").id  # noqa: E731
    tata, acme, acme_nl = org("Tata Steel"), org("Acme"), org("Acme Nederland")
    merged_from, merged_into = org("Oud Bedrijf"), org("Nieuw Bedrijf")
    leader_case = services.create_use_case(db, leader, "Restwarmte", D(2025, 1, 6), tata)
    coach_case = services.create_use_case(db, coach, "Waterstof", D(2025, 1, 7), tata)
    other_case = services.create_use_case(db, other_coach, "Zonnepark", D(2025, 1, 8), tata)
    on = D(2025, 2, 3)
    coach_intake = services.save_intake(db, coach, on, acme, use_case_id=coach_case).id
    other_intake = services.save_intake(db, other_coach, on, acme, use_case_id=other_case).id
    involvement = services.link_involvement(
        db, leader, leader_case, "solution_provider", on, organisation_id=acme
    )
    activity = services.create_activity(db, leader, "Workshop", D(2025, 2, 10))
    for name, email in (
        ("Piet Jansen", "piet@acme.example"),
        ("P. Jansen", "pjansen@acme.example"),
        ("Eva Erasmus", "eva@tata.example"),
    ):
        services.add_attendance(
            db, leader, activity, organisation_id=acme, person_name=name, person_email=email
        )
    world = World(
        db, leader, coach, other_coach, steering, tata, acme, acme_nl,
        leader_case, coach_case, other_case, coach_intake, other_intake, involvement, activity,
        attendance=0, piet=0, piet_again=0, eva=0,
        merge=services.merge_organisations(db, leader, merged_from, merged_into),
    )  # fmt: skip
    world.attendance = int(world.value("SELECT MIN(id) FROM attendance"))
    world.piet = world.person_id("piet@acme.example")
    world.piet_again = world.person_id("pjansen@acme.example")
    world.eva = world.person_id("eva@tata.example")
    return world


# --- the operations: what to call, and the effect it must have when allowed ----------------------


@dataclass(frozen=True)
class Operation:
    run: Callable[[World, Actor], Any]
    #: true when the allowed call had its effect (given the world, the actor and what run returned)
    effect: Callable[[World, Actor, Any], bool]


def _scope_of_new_case(w: World, a: Actor, case_id: int) -> bool:
    """A coach who creates a use case coaches it; the programme leader owns it."""
    expected = (None, a.id) if a.role == COACH else (a.id, None)
    return (w.use_case(case_id, "owner_id"), w.use_case(case_id, "coach_id")) == expected


def _retitled(case: str) -> Operation:
    return Operation(
        lambda w, a: services.update_use_case(w.db, a, getattr(w, case), title="Nieuwe titel"),
        lambda w, a, _: w.use_case(getattr(w, case), "title") == "Nieuwe titel",
    )


def _moved(case: str) -> Operation:
    return Operation(
        lambda w, a: services.move_use_case(w.db, a, getattr(w, case), "definition", D(2025, 3, 3)),
        lambda w, a, _: queries.get_use_case(w.db, getattr(w, case))["stage"] == "definition",
    )


def _intake_edited(intake: str, case: str) -> Operation:
    return Operation(
        lambda w, a: services.save_intake(
            w.db,
            a,
            D(2025, 2, 3),
            w.acme,
            use_case_id=getattr(w, case),
            notes="Bijgewerkt",
            intake_id=getattr(w, intake),
        ),
        lambda w, a, _: (
            w.value("SELECT notes FROM intakes WHERE id = ?", [getattr(w, intake)]) == "Bijgewerkt"
        ),
    )


def _intake_read(intake: str) -> Operation:
    return Operation(
        lambda w, a: queries.get_intake(w.db, a, getattr(w, intake)),
        lambda w, a, found: found["id"] == getattr(w, intake),
    )


PARTICIPANTS_CSV = (
    "Datum;Activiteit;Organisatie;Naam;E-mail\n"
    "05-03-2025;Importsessie;Import BV;Ilse Import;ilse@import.example\n"
)
USE_CASES_CSV = "Titel;Asset owner;Gesignaleerd\nGeïmporteerde vraag;Tata Steel;04-03-2025\n"

OPERATIONS: dict[str, Operation] = {
    "rights.require(read)": Operation(
        lambda w, a: rights.require(a, "read"), lambda w, a, found: found == a
    ),
    # use cases
    "create_use_case": Operation(
        lambda w, a: services.create_use_case(w.db, a, "Nieuwe vraag", D(2025, 3, 1), w.tata),
        _scope_of_new_case,
    ),
    "update_use_case(title, coach's use case)": _retitled("coach_case"),
    "update_use_case(title, other coach's use case)": _retitled("other_case"),
    "update_use_case(title, leader's use case)": _retitled("leader_case"),
    "update_use_case(unchanged owner_id and coach_id, coach's use case)": Operation(
        lambda w, a: services.update_use_case(
            w.db, a, w.coach_case, owner_id=None, coach_id=w.coach.id, next_step="Bellen"
        ),
        lambda w, a, _: w.use_case(w.coach_case, "next_step") == "Bellen",
    ),
    "queries.editable_use_cases": Operation(
        lambda w, a: queries.editable_use_cases(w.db, a),
        lambda w, a, found: (
            {c["id"] for c in found}
            == ({w.coach_case} if a.role == COACH else {w.leader_case, w.coach_case, w.other_case})
        ),
    ),
    "move_use_case(coach's use case)": _moved("coach_case"),
    "move_use_case(other coach's use case)": _moved("other_case"),
    "move_use_case(leader's use case)": _moved("leader_case"),
    "update_use_case(owner_id)": Operation(
        lambda w, a: services.update_use_case(w.db, a, w.coach_case, owner_id=w.leader.id),
        lambda w, a, _: w.use_case(w.coach_case, "owner_id") == w.leader.id,
    ),
    "update_use_case(coach_id)": Operation(
        lambda w, a: services.update_use_case(w.db, a, w.coach_case, coach_id=w.other_coach.id),
        lambda w, a, _: w.use_case(w.coach_case, "coach_id") == w.other_coach.id,
    ),
    "create_use_case(owner_id)": Operation(
        lambda w, a: services.create_use_case(
            w.db, a, "Nieuwe vraag", D(2025, 3, 1), w.tata, owner_id=w.other_coach.id
        ),
        lambda w, a, case_id: w.use_case(case_id, "owner_id") == w.other_coach.id,
    ),
    "update_use_case(asset_owner_id)": Operation(
        lambda w, a: services.update_use_case(w.db, a, w.coach_case, asset_owner_id=w.acme),
        lambda w, a, _: w.use_case(w.coach_case, "asset_owner_id") == w.acme,
    ),
    "update_use_case(asset_owner_id=None)": Operation(
        lambda w, a: services.update_use_case(w.db, a, w.coach_case, asset_owner_id=None),
        lambda w, a, _: w.use_case(w.coach_case, "asset_owner_id") is None,
    ),
    "link_involvement": Operation(
        lambda w, a: services.link_involvement(
            w.db, a, w.coach_case, "solution_provider", D(2025, 3, 1), organisation_id=w.acme
        ),
        lambda w, a, link_id: (
            w.value("SELECT use_case_id FROM involvements WHERE id = ?", [link_id]) == w.coach_case
        ),
    ),
    "remove_involvement": Operation(
        lambda w, a: services.remove_involvement(w.db, a, w.involvement),
        lambda w, a, _: (
            w.value("SELECT id FROM involvements WHERE id = ?", [w.involvement]) is None
        ),
    ),
    # intakes
    "save_intake(new intake and use case)": Operation(
        lambda w, a: services.save_intake(
            w.db,
            a,
            D(2025, 3, 2),
            organisation_name="Nieuwkomer BV",
            new_use_case_title="Nieuwe vraag",
        ),
        lambda w, a, saved: (
            w.value("SELECT coach_id FROM intakes WHERE id = ?", [saved.id]) == a.id
            and _scope_of_new_case(w, a, saved.use_case_id)
        ),
    ),
    # picking a use case another coach coaches gives no rights to it
    "save_intake(new intake, picks other coach's use case)": Operation(
        lambda w, a: services.save_intake(w.db, a, D(2025, 3, 2), w.acme, use_case_id=w.other_case),
        lambda w, a, saved: (
            saved.use_case_id == w.other_case
            and w.use_case(w.other_case, "coach_id") == w.other_coach.id
        ),
    ),
    # an intake is linked to any use case, but a coach does not take over one it does not coach
    # (issue 8: it became the coach, then could edit and drop it) nor moves it to intake
    "save_intake(new intake, picks leader's use case)": Operation(
        lambda w, a: services.save_intake(
            w.db, a, D(2025, 3, 2), w.acme, use_case_id=w.leader_case
        ),
        lambda w, a, saved: (
            saved.use_case_id == w.leader_case
            and w.use_case(w.leader_case, "coach_id") is None
            and saved.moved_to_intake == (a.role == PL)
        ),
    ),
    "save_intake(edit coach's intake)": _intake_edited("coach_intake", "coach_case"),
    "save_intake(edit other coach's intake)": _intake_edited("other_intake", "other_case"),
    "queries.get_intake(coach's intake)": _intake_read("coach_intake"),
    "queries.get_intake(other coach's intake)": _intake_read("other_intake"),
    "queries.history(use case)": Operation(
        lambda w, a: queries.history(w.db, a, "use_case", w.coach_case),
        lambda w, a, found: bool(found) and {r["use_case_id"] for r in found} == {w.coach_case},
    ),
    "queries.visible_intakes": Operation(
        lambda w, a: queries.visible_intakes(w.db, a),
        lambda w, a, found: (
            {i["id"] for i in found}
            == ({w.coach_intake} if a.role == COACH else {w.coach_intake, w.other_intake})
        ),
    ),
    # organisations, persons, activities
    "create_organisation": Operation(
        lambda w, a: services.create_organisation(w.db, a, "Nieuwe Organisatie BV"),
        lambda w, a, found: found.status == "new",
    ),
    "update_organisation": Operation(
        lambda w, a: services.update_organisation(w.db, a, w.acme, name="Acme Industries"),
        lambda w, a, _: (
            w.value("SELECT name FROM organisations WHERE id = ?", [w.acme]) == "Acme Industries"
        ),
    ),
    "erase_person": Operation(
        lambda w, a: services.erase_person(w.db, a, w.eva),
        lambda w, a, _: w.value("SELECT erased_at FROM persons WHERE id = ?", [w.eva]) is not None,
    ),
    "erase_persons": Operation(
        lambda w, a: services.erase_persons(w.db, a, [w.eva]),
        lambda w, a, _: w.value("SELECT erased_at FROM persons WHERE id = ?", [w.eva]) is not None,
    ),
    "queries.export_person": Operation(
        lambda w, a: queries.export_person(w.db, a, w.piet),
        lambda w, a, found: found["person"]["email"] == "piet@acme.example",
    ),
    "classify_organisation": Operation(
        lambda w, a: services.classify_organisation(w.db, a, w.acme_nl, "company", kvk="87654321"),
        lambda w, a, _: (
            w.value("SELECT kvk FROM organisations WHERE id = ?", [w.acme_nl]) == "87654321"
        ),
    ),
    "classify_organisations": Operation(
        lambda w, a: services.classify_organisations(w.db, a, [w.acme_nl], "government"),
        lambda w, a, _: (
            w.value("SELECT kind FROM organisations WHERE id = ?", [w.acme_nl]) == "government"
        ),
    ),
    "create_activity": Operation(
        lambda w, a: services.create_activity(w.db, a, "Meetup", D(2025, 3, 4)),
        lambda w, a, activity_id: (
            w.value("SELECT title FROM activities WHERE id = ?", [activity_id]) == "Meetup"
        ),
    ),
    "add_attendance": Operation(
        lambda w, a: services.add_attendance(w.db, a, w.activity, organisation_id=w.tata),
        lambda w, a, status: status == "new",
    ),
    "remove_attendance": Operation(
        lambda w, a: services.remove_attendance(w.db, a, w.attendance),
        lambda w, a, _: w.value("SELECT id FROM attendance WHERE id = ?", [w.attendance]) is None,
    ),
    "import_file(participants)": Operation(
        lambda w, a: services.import_file(
            w.db, a, "participants", PARTICIPANTS_CSV.encode(), "deelnemers.csv"
        ),
        lambda w, a, report: (
            report.committed
            and w.value("SELECT id FROM activities WHERE title = 'Importsessie'") is not None
        ),
    ),
    "import_file(use-cases)": Operation(
        lambda w, a: services.import_file(
            w.db, a, "use-cases", USE_CASES_CSV.encode(), "vraagstukken.csv"
        ),
        lambda w, a, report: (
            report.committed
            and w.value("SELECT id FROM use_cases WHERE title = 'Geïmporteerde vraag'") is not None
        ),
    ),
    # duplicates
    "merge_organisations": Operation(
        lambda w, a: services.merge_organisations(w.db, a, w.acme_nl, w.acme),
        lambda w, a, _: (
            w.value("SELECT merged_into FROM organisations WHERE id = ?", [w.acme_nl]) == w.acme
        ),
    ),
    "merge_persons": Operation(
        lambda w, a: services.merge_persons(w.db, a, w.piet_again, w.piet),
        lambda w, a, _: (
            w.value("SELECT merged_into FROM persons WHERE id = ?", [w.piet_again]) == w.piet
        ),
    ),
    "undo_merge": Operation(
        lambda w, a: services.undo_merge(w.db, a, w.merge),
        lambda w, a, _: w.value("SELECT undone_at FROM merges WHERE id = ?", [w.merge]) is not None,
    ),
    "keep_apart": Operation(
        lambda w, a: services.keep_apart(w.db, a, w.acme_nl, w.acme),
        lambda w, a, _: w.value("SELECT COUNT(*) FROM kept_apart") == 1,
    ),
    "keep_apart(persons)": Operation(
        lambda w, a: services.keep_apart(w.db, a, w.piet, w.piet_again, "person"),
        lambda w, a, _: w.value("SELECT COUNT(*) FROM kept_apart WHERE entity = 'person'") == 1,
    ),
    # targets, accounts
    "set_target": Operation(
        lambda w, a: services.set_target(w.db, a, 2025, "use_cases_detected", 12),
        lambda w, a, _: w.value("SELECT value FROM targets WHERE year = 2025") == 12,
    ),
    "freeze_snapshot": Operation(
        lambda w, a: services.freeze_snapshot(w.db, a, "Stuurgroep maart", 2025, D(2025, 3, 31)),
        lambda w, a, snapshot_id: (
            w.value("SELECT label FROM frozen_snapshots WHERE id = ?", [snapshot_id])
            == "Stuurgroep maart"
        ),
    ),
    "set_setting": Operation(
        lambda w, a: services.set_setting(w.db, a, "stuck_days", 30),
        lambda w, a, _: settings.get(w.db, "stuck_days") == 30,
    ),
    "add_user": Operation(
        lambda w, a: services.add_user(w.db, a, "nieuw", "a-long-password", COACH, "Nieuw"),
        lambda w, a, user_id: (
            w.value("SELECT username FROM users WHERE id = ?", [user_id]) == "nieuw"
        ),
    ),
    "reset_password": Operation(
        lambda w, a: services.reset_password(w.db, a, "coach2", "another-long-password"),
        lambda w, a, _: (
            auth.authenticate(w.db, "coach2", "another-long-password").id == w.other_coach.id
        ),
    ),
    "set_user_active": Operation(
        lambda w, a: services.set_user_active(w.db, a, w.other_coach.id, False),
        lambda w, a, _: w.value("SELECT active FROM users WHERE id = ?", [w.other_coach.id]) == 0,
    ),
}

# --- the table -----------------------------------------------------------------------------------

Expected = str | Hole
#: action, operation, then what the programme leader, the coach and the steering member get
TABLE: list[tuple[str, str, Expected, Expected, Expected]] = [
    # the snapshot, the board, the lists, the exports: nothing asks for "read" but rights.require
    ("read", "rights.require(read)", OK, OK, OK),
    ("use_case.create", "create_use_case", OK, OK, NOT_ALLOWED),
    ("use_case.edit", "update_use_case(title, coach's use case)", OK, OK, NOT_ALLOWED),
    ("use_case.edit", "update_use_case(title, other coach's use case)", OK, NOT_YOUR_USE_CASE, NOT_ALLOWED),
    ("use_case.edit", "update_use_case(title, leader's use case)", OK, NOT_YOUR_USE_CASE, NOT_ALLOWED),
    ("use_case.edit", "update_use_case(unchanged owner_id and coach_id, coach's use case)", OK, OK, NOT_ALLOWED),
    ("use_case.edit", "queries.editable_use_cases", OK, OK, NOT_ALLOWED),
    ("use_case.move", "move_use_case(coach's use case)", OK, OK, NOT_ALLOWED),
    ("use_case.move", "move_use_case(other coach's use case)", OK, NOT_YOUR_USE_CASE, NOT_ALLOWED),
    ("use_case.move", "move_use_case(leader's use case)", OK, NOT_YOUR_USE_CASE, NOT_ALLOWED),
    ("use_case.assign", "update_use_case(owner_id)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("use_case.assign", "update_use_case(coach_id)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("use_case.assign", "create_use_case(owner_id)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("use_case.asset_owner", "update_use_case(asset_owner_id)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("use_case.asset_owner", "update_use_case(asset_owner_id=None)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("use_case.link", "link_involvement", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("use_case.link", "remove_involvement", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("intake.create", "save_intake(new intake and use case)", OK, OK, NOT_ALLOWED),
    ("intake.create", "save_intake(new intake, picks other coach's use case)", OK, OK, NOT_ALLOWED),
    ("intake.create", "save_intake(new intake, picks leader's use case)", OK, OK, NOT_ALLOWED),
    ("intake.edit", "save_intake(edit coach's intake)", OK, OK, NOT_ALLOWED),
    ("intake.edit", "save_intake(edit other coach's intake)", OK, NOT_YOUR_INTAKE, NOT_ALLOWED),
    ("intake.edit", "queries.get_intake(coach's intake)", OK, OK, NOT_ALLOWED),
    ("intake.edit", "queries.get_intake(other coach's intake)", OK, NOT_YOUR_INTAKE, NOT_ALLOWED),
    ("intake.edit", "queries.visible_intakes", OK, OK, NOT_ALLOWED),
    ("organisation.edit", "create_organisation", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("organisation.edit", "update_organisation", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("organisation.classify", "classify_organisation", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("organisation.classify", "classify_organisations", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("person.export", "queries.export_person", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("person.erase", "erase_person", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("person.erase", "erase_persons", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("activity.edit", "create_activity", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("activity.edit", "add_attendance", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("activity.edit", "remove_attendance", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("import", "import_file(participants)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("import", "import_file(use-cases)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("merge", "merge_organisations", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("merge", "merge_persons", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("merge", "undo_merge", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("merge", "keep_apart", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("merge", "keep_apart(persons)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("targets.edit", "set_target", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("audit.read", "queries.history(use case)", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("snapshot.freeze", "freeze_snapshot", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("settings.edit", "set_setting", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("users.manage", "add_user", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("users.manage", "reset_password", OK, NOT_ALLOWED, NOT_ALLOWED),
    ("users.manage", "set_user_active", OK, NOT_ALLOWED, NOT_ALLOWED),
]  # fmt: skip


def _cases() -> list[Any]:
    """One case per (action, operation, role), with a readable id."""
    cases = []
    for action, operation, *expectations in TABLE:
        for role, expected in zip(ROLES, expectations, strict=True):
            marks = []
            if isinstance(expected, Hole):
                marks.append(pytest.mark.xfail(strict=True, reason=expected.reason))
                expected = expected.expected
            cases.append(
                pytest.param(
                    action,
                    operation,
                    role,
                    expected,
                    id=f"{action}-{operation}-{role.value}-{expected}",
                    marks=marks,
                )
            )
    return cases


@pytest.mark.parametrize(("action", "operation", "role", "expected"), _cases())
def test_each_role_may_do_what_the_rights_table_says(
    world: World, action: str, operation: str, role: Role, expected: str
) -> None:
    actor = world.actor(role)
    op = OPERATIONS[operation]
    if expected == OK:
        result = op.run(world, actor)
        assert op.effect(world, actor, result), f"{operation} by {role.value} had no effect"
        return
    before = dump_tables(world.db)
    with pytest.raises(PermissionDenied) as refused:
        op.run(world, actor)
    assert refused.value.code == expected
    assert dump_tables(world.db) == before


# --- the table itself ----------------------------------------------------------------------------


def test_every_action_in_rights_has_a_row_in_the_table() -> None:
    assert {action for action, *_ in TABLE} == set(rights.RIGHTS)


def test_every_operation_is_in_the_table_once_and_every_row_names_a_known_operation() -> None:
    operations = [operation for _, operation, *_ in TABLE]
    assert sorted(operations) == sorted(OPERATIONS)


@pytest.mark.parametrize(("action", "operation", "pl", "coach", "steering"), TABLE)
def test_the_table_agrees_with_the_scopes_in_rights(
    action: str, operation: str, pl: Expected, coach: Expected, steering: Expected
) -> None:
    """OK: the role has the action; a refusal of someone else's record: the role has it for its
    own only; a plain refusal: the role does not have the action at all."""
    for role, expected in zip(ROLES, (pl, coach, steering), strict=True):
        expected = expected.expected if isinstance(expected, Hole) else expected
        scope = rights.RIGHTS[action].get(role)
        if expected == OK:
            assert scope is not None, (operation, role)
        elif expected == NOT_ALLOWED:
            assert scope is None, (operation, role)
        else:
            assert scope == rights.Scope.OWN, (operation, role)


def test_an_unknown_action_is_a_programming_error_not_a_refusal(leader: Actor) -> None:
    with pytest.raises(KeyError, match="no.such.action"):
        rights.can(leader, "no.such.action")


# --- issue 8: no takeover through an intake ------------------------------------------------------


def test_a_coach_cannot_take_over_a_use_case_by_logging_an_intake_on_it(db, leader, make_actor):
    coach = make_actor("coach", COACH)
    other = make_actor("other", COACH)
    leaders = services.create_use_case(
        db, leader, "Restwarmte", D(2025, 1, 6), asset_owner_name="Tata"
    )
    others = services.create_use_case(
        db, other, "Zonnepark", D(2025, 1, 8), asset_owner_name="Tata"
    )
    for case_id in (leaders, others):
        saved = services.save_intake(
            db, coach, D(2025, 3, 2), organisation_name="Acme", use_case_id=case_id
        )
        assert saved.use_case_id == case_id and not saved.moved_to_intake
        case = queries.get_use_case(db, case_id)
        # the use case keeps its coach and its stage (another coach's detected one stays detected)
        assert (case["coach_id"], case["stage"]) == (
            None if case_id == leaders else other.id,
            "detected",
        )
        with pytest.raises(PermissionDenied):
            services.update_use_case(db, coach, case_id, title="Overgenomen")
        with pytest.raises(PermissionDenied):
            services.move_use_case(db, coach, case_id, "dropped", D(2025, 3, 3), "weg")
    # the programme leader's intake on its own use case still moves it to intake
    assert services.save_intake(
        db, leader, D(2025, 3, 2), organisation_name="Acme", use_case_id=leaders
    ).moved_to_intake

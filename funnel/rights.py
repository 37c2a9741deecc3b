"""Who may do what: the one rights table, and the coach's scope (its own intakes and use cases).

Every operation in :mod:`funnel.services` and every read in :mod:`funnel.queries` that a role
may do only in part asks this module; pages ask :func:`can` to decide what to show, but the
refusal itself always happens here, whichever screen or command calls.
"""

from __future__ import annotations

from enum import StrEnum

import sqlite_utils

from funnel.auth import Actor
from funnel.db import one
from funnel.errors import FunnelError, PermissionDenied
from funnel.models import Role


class Scope(StrEnum):
    """How far a right reaches: every record, or only the actor's own."""

    ALL = "all"
    #: a coach's own: the intakes it logged, the use cases it coaches
    OWN = "own"


PL = Role.PROGRAMME_LEADER
COACH = Role.COACH
STEERING = Role.STEERING
ALL, OWN = Scope.ALL, Scope.OWN

#: Every action a page or the CLI can trigger, and how far each role may do it (absent: not at all).
RIGHTS: dict[str, dict[Role, Scope]] = {
    # the snapshot, the board and the lists, the report exports
    "read": {PL: ALL, COACH: ALL, STEERING: ALL},
    "use_case.create": {PL: ALL, COACH: ALL},
    "use_case.edit": {PL: ALL, COACH: OWN},
    "use_case.move": {PL: ALL, COACH: OWN},
    # choose a use case's owner or coach
    "use_case.assign": {PL: ALL},
    # change the asset owner of an existing use case
    "use_case.asset_owner": {PL: ALL},
    # link organisations and persons (involvements)
    "use_case.link": {PL: ALL},
    "intake.create": {PL: ALL, COACH: ALL},
    "intake.edit": {PL: ALL, COACH: OWN},
    "organisation.edit": {PL: ALL},
    # the classification queue: kind, level, region, partner for several organisations at once
    "organisation.classify": {PL: ALL},
    # a person's data on request (AVG/GDPR): everything the database holds about them, as JSON
    "person.export": {PL: ALL},
    # erase a person on request: name, e-mail and free text gone for good, the counts stay
    "person.erase": {PL: ALL},
    # activities and their attendance
    "activity.edit": {PL: ALL},
    "import": {PL: ALL},
    # merge, undo a merge, keep apart
    "merge": {PL: ALL},
    "targets.edit": {PL: ALL},
    # the audit trail: who changed what, when (per use case, organisation, person; CSV)
    "audit.read": {PL: ALL},
    # freeze the snapshot for a stuurgroep meeting (reading frozen snapshots is "read")
    "snapshot.freeze": {PL: ALL},
    # the installation's settings (funnel.settings)
    "settings.edit": {PL: ALL},
    "users.manage": {PL: ALL},
}


def scope(actor: Actor | None, action: str) -> Scope | None:
    """How far the actor may do ``action``: all, only its own, or not at all (None)."""
    if actor is None:
        return None
    if action not in RIGHTS:
        raise KeyError(f"unknown action {action!r}: add it to funnel.rights.RIGHTS")
    return RIGHTS[action].get(actor.role)


def can(actor: Actor | None, action: str) -> bool:
    """Whether the actor's role may perform ``action`` at all (on at least its own records)."""
    return scope(actor, action) is not None


def can_all(actor: Actor | None, action: str) -> bool:
    """Whether the actor may perform ``action`` on every record, not only its own."""
    return scope(actor, action) == Scope.ALL


def roles_that_can(action: str) -> frozenset[Role]:
    """The roles that may perform ``action`` (on at least their own records)."""
    return frozenset(RIGHTS[action])


def require(actor: Actor | None, action: str) -> Actor:
    """The actor, if its role may perform ``action``; else a refusal."""
    if actor is None or not can(actor, action):
        raise PermissionDenied("not_allowed", action=action)
    return actor


def own_filter(actor: Actor, action: str) -> int | None:
    """The user id to limit a list to when the actor may see only its own records, else None."""
    require(actor, action)
    return actor.id if scope(actor, action) == Scope.OWN else None


def coaches_use_case(db: sqlite_utils.Database, actor: Actor, case_id: int) -> bool:
    """A coach coaches a use case when it is assigned to them (or they took it on at an intake)."""
    found = one(
        db, "SELECT 1 AS x FROM use_cases WHERE id = ? AND coach_id = ?", [case_id, actor.id]
    )
    return found is not None


def require_use_case(db: sqlite_utils.Database, actor: Actor, action: str, case_id: int) -> None:
    """Refuse ``action`` on this use case unless the actor may do it to every use case, or the
    use case is its own (a coach: the use cases it coaches)."""
    require(actor, action)
    if not one(db, "SELECT id FROM use_cases WHERE id = ?", [case_id]):
        raise FunnelError("not_found", what="use case")
    if scope(actor, action) == Scope.OWN and not coaches_use_case(db, actor, case_id):
        raise PermissionDenied("not_your_use_case")


def may_use_case(db: sqlite_utils.Database, actor: Actor, action: str, case_id: int) -> bool:
    """Whether :func:`require_use_case` would let the actor do ``action`` to this use case."""
    try:
        require_use_case(db, actor, action, case_id)
    except FunnelError:
        return False
    return True


def require_intake(
    db: sqlite_utils.Database, actor: Actor, action: str, intake_id: int
) -> dict[str, object]:
    """The intake row, if the actor may do ``action`` to it (a coach: the intakes it logged)."""
    require(actor, action)
    found = one(db, "SELECT * FROM intakes WHERE id = ?", [intake_id])
    if not found:
        raise FunnelError("not_found", what="intake")
    if scope(actor, action) == Scope.OWN and found["coach_id"] != actor.id:
        raise PermissionDenied("not_your_intake")
    return found


def new_use_case_assignment(actor: Actor) -> dict[str, int | None]:
    """Who a new use case belongs to: a coach who creates one coaches it (so it is in the coach's
    scope); someone who may edit every use case owns it."""
    if scope(actor, "use_case.edit") == Scope.OWN:
        return {"owner_id": None, "coach_id": actor.id}
    return {"owner_id": actor.id, "coach_id": None}

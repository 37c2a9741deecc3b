"""The writes: every operation a user can perform, each taking the acting user.

Each operation first asks :mod:`funnel.rights` whether the actor may do it, then writes in one
:func:`funnel.db.transaction`. The reads for screens live in :mod:`funnel.queries`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from funnel import (
    audit,
    auth,
    directory,
    imports,
    meetings,
    privacy,
    queries,
    rights,
    settings,
    store,
)
from funnel import db as storage
from funnel.auth import Actor
from funnel.db import AUDITED, acting, insert_row, now_iso, one, scrub, set_meta, transaction
from funnel.errors import FunnelError
from funnel.identity import (
    check_texts,
    clean_text,
    normal_org_name,
    normal_text,
    normalize_brin,
    normalize_email,
    normalize_kvk,
)
from funnel.models import (
    DEFAULT_TARGETS,
    EDUCATION_KINDS,
    PERCENT_TARGETS,
    EducationLevel,
    IntakeNeed,
    IntakeOutcome,
    InvolvementRole,
    OrgKind,
    Role,
    Stage,
    Theme,
    default_involvement_role,
)
from funnel.records import Intake, Organisation, Target, UseCase, validated
from funnel.rights import new_use_case_assignment, require, require_intake, require_use_case
from funnel.stages import MoveContext, check_move, current_event, last_funnel_stage

# --- use cases ------------------------------------------------------------------------------


def _org_from_input(
    db: sqlite_utils.Database,
    org_id: int | None,
    name: str | None,
    kvk: Any = None,
    kind: OrgKind | str | None = None,
    level: EducationLevel | None = None,
    field_name: str = "organisation",
) -> int | None:
    """An organisation picked from a list (id) or typed in (name, KvK), by the identity rules."""
    kind = validated(Organisation, name="?", kind=kind).kind if kind else None
    if org_id and (clean_text(name) or clean_text(kvk)):
        raise FunnelError("org_pick_or_new", field=field_name)
    if org_id:
        return directory.canonical_org(db, org_id)
    if not clean_text(name) and not kvk:
        return None
    return directory.resolve_org(
        db, clean_text(name), normalize_kvk(kvk, field="kvk"), kind, level, field_name=field_name
    ).id


def create_use_case(
    db: sqlite_utils.Database,
    actor: Actor,
    title: str,
    detected_on: dt.date,
    asset_owner_id: int | None = None,
    asset_owner_name: str | None = None,
    asset_owner_kvk: str | None = None,
    description: str = "",
    theme: str | None = None,
    fieldlab: str | None = None,
    effect: str | None = None,
    owner_id: int | None = None,
    next_step: str = "",
    today: dt.date | None = None,
    next_step_due: dt.date | None = None,
) -> int:
    """Record a detected use case; a coach who creates one coaches it."""
    require(actor, "use_case.create")
    check_texts(
        title=title,
        asset_owner_name=asset_owner_name,
        description=description,
        next_step=next_step,
        kvk=asset_owner_kvk,
    )
    today = today or dt.date.today()
    title = clean_text(title)
    if not title:
        raise FunnelError("value_missing", field="title")
    validated(UseCase, title=title, description=description or "", next_step=next_step or "")
    due = _due_date(next_step_due)
    if due and not (next_step or "").strip():
        raise FunnelError("next_step_due_without_step", field="next_step")
    if detected_on > today:
        raise FunnelError("date_in_future", field="detected_on", value=detected_on)
    _check_theme(theme, "theme")
    _check_theme(fieldlab, "fieldlab")
    assignment = new_use_case_assignment(actor)
    if owner_id and owner_id != assignment["owner_id"]:
        require(actor, "use_case.assign")  # choosing another owner is assigning
        assignment["owner_id"] = owner_id
    with transaction(db, by=actor):
        asset_owner = _org_from_input(
            db,
            asset_owner_id,
            asset_owner_name,
            asset_owner_kvk,
            OrgKind.COMPANY,
            field_name="asset_owner",
        )
        if asset_owner is None:
            raise FunnelError("value_missing", field="asset_owner")
        case_id = store.insert_use_case(
            db,
            {
                "title": title,
                "description": description or "",
                "asset_owner_id": asset_owner,
                "theme": theme or None,
                "fieldlab": fieldlab or None,
                "effect": effect or None,
                **assignment,
                "next_step": next_step or "",
                "next_step_due": due,
                "created_at": now_iso(),
            },
        )
        _record_event(db, case_id, None, Stage.DETECTED, detected_on, actor, "")
    return case_id


def _check_theme(value: str | None, field_name: str) -> None:
    if value and value not in {t.value for t in Theme}:
        raise FunnelError(
            "theme_invalid",
            field=field_name,
            value=value,
            accepted=", ".join(t.value for t in Theme),
        )


EDITABLE_USE_CASE_FIELDS = (
    "title",
    "description",
    "theme",
    "fieldlab",
    "effect",
    "owner_id",
    "coach_id",
    "next_step",
    "next_step_due",
    "result_summary",
    "asset_owner_id",
)


def _shown(db: sqlite_utils.Database, field: str, value: Any) -> Any:
    """A field's value as a person recognises it in a conflict message (a name, not an id)."""
    if value is None:
        return None
    if field in ("owner_id", "coach_id"):
        found = one(db, "SELECT display_name, username FROM users WHERE id = ?", [value])
        return auth.user_label(found["display_name"], found["username"]) if found else value
    if field in ("asset_owner_id", "organisation_id"):
        found = one(db, "SELECT name FROM organisations WHERE id = ?", [value])
        return found["name"] if found else value
    if field == "person_id":
        found = one(db, "SELECT name, email FROM persons WHERE id = ?", [value])
        return (found["name"] or found["email"]) if found else value
    return value


def check_version(
    db: sqlite_utils.Database,
    table: str,
    record_id: int,
    version: int | None,
    yours: dict[str, Any],
) -> None:
    """Refuse a save over a newer version (call inside the write transaction).

    ``version`` is the version the user's form was loaded with (None: no check, e.g. a script).
    When someone else saved since, every field they changed whose value now differs from the
    user's is listed (theirs and yours); fields only one of them changed, or both changed to the
    same value, lose nothing and the save goes through.
    """
    if version is None:
        return
    current = one(db, f"SELECT * FROM {table} WHERE id = ?", [record_id])
    if current is None or current["version"] == version:
        return
    changed = audit.changed_since(db, AUDITED[table], record_id, version)
    conflicts = [
        (name, _shown(db, name, current[name]), _shown(db, name, yours[name]))
        for name in changed
        if name in yours and _same(yours[name]) != _same(current[name])
    ]
    if conflicts:
        last = changed[conflicts[-1][0]]
        raise FunnelError(
            "edit_conflict",
            field=conflicts[0][0],
            who=last.user_label or "?",
            when=last.at,
            conflicts=conflicts,
            version=current["version"],
        )


def _same(value: Any) -> Any:
    """Values as the database compares them: '' and None alike, numbers as text."""
    return None if value in ("", None) else str(value)


def update_use_case(
    db: sqlite_utils.Database,
    actor: Actor,
    case_id: int,
    version: int | None = None,
    **changes: Any,
) -> None:
    """Edit a use case's fields (programme leader, or the coach who coaches it).

    ``version``: the version the form was loaded with; a save over a newer one that would undo
    someone else's change is refused (:func:`check_version`)."""
    require_use_case(db, actor, "use_case.edit", case_id)
    check_texts(**changes)
    unknown = set(changes) - set(EDITABLE_USE_CASE_FIELDS)
    if unknown:
        raise FunnelError("field_unknown", names=", ".join(sorted(unknown)))
    current = (
        one(db, "SELECT owner_id, coach_id, asset_owner_id FROM use_cases WHERE id = ?", [case_id])
        or {}
    )
    if any(changes[k] != current.get(k) for k in ("coach_id", "owner_id") if k in changes):
        require(actor, "use_case.assign")
    if "title" in changes:
        changes["title"] = clean_text(changes["title"])
        if not changes["title"]:
            raise FunnelError("value_missing", field="title")
    _check_theme(changes.get("theme"), "theme")
    _check_theme(changes.get("fieldlab"), "fieldlab")
    if changes.get("effect"):
        effect = validated(UseCase, title="-", effect=changes["effect"]).effect
        changes["effect"] = effect.value if effect else None
    if "asset_owner_id" in changes and changes["asset_owner_id"] != current.get("asset_owner_id"):
        require(actor, "use_case.asset_owner")  # also clearing it (None)
    if "next_step_due" in changes:
        changes["next_step_due"] = _due_date(changes["next_step_due"])
    with transaction(db, by=actor):
        if "next_step" in changes or "next_step_due" in changes:
            _check_next_step_due(db, case_id, changes)
        if changes.get("asset_owner_id"):
            if not one(
                db, "SELECT id FROM organisations WHERE id = ?", [changes["asset_owner_id"]]
            ):
                raise FunnelError("not_found", field="asset_owner", what="organisation")
            changes["asset_owner_id"] = directory.canonical_org(db, changes["asset_owner_id"])
        final = {
            k: (v if v != "" or k in ("description", "next_step", "result_summary") else None)
            for k, v in changes.items()
        }
        check_version(db, "use_cases", case_id, version, final)
        store.update_use_case(db, case_id, final)


def _due_date(value: Any) -> str | None:
    """A next step's due date as stored (an ISO day), from a date or an ISO text; any day,
    also one in the past (a step that was due last week is overdue, not wrong)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise FunnelError("date_invalid", field="next_step_due", value=value) from None
    if not isinstance(value, dt.date):
        raise FunnelError("date_invalid", field="next_step_due", value=value)
    return value.isoformat()


def _check_next_step_due(db: sqlite_utils.Database, case_id: int, changes: dict[str, Any]) -> None:
    """A due date belongs to a next step: a use case whose next step is (or becomes) blank
    cannot keep or get one."""
    current = one(db, "SELECT next_step, next_step_due FROM use_cases WHERE id = ?", [case_id])
    if current is None:
        return  # the version check and the update report a use case that is gone
    step = changes.get("next_step", current["next_step"])
    due = changes.get("next_step_due", current["next_step_due"])
    if due and not (step or "").strip():
        raise FunnelError("next_step_due_without_step", field="next_step")


def _record_event(
    db: sqlite_utils.Database,
    case_id: int,
    from_stage: Stage | None,
    to_stage: Stage,
    effective_on: dt.date,
    actor: Actor | None,
    note: str,
) -> None:
    store.record_stage_event(
        db,
        case_id,
        from_stage.value if from_stage else None,
        to_stage.value,
        effective_on.isoformat(),
        actor.id if actor else None,
        (note or "").strip(),
    )


def move_use_case(
    db: sqlite_utils.Database,
    actor: Actor,
    case_id: int,
    to_stage: Stage | str,
    effective_on: dt.date,
    note: str = "",
    today: dt.date | None = None,
) -> None:
    """Move a use case to another stage, if the gates allow; the refusal names the gate."""
    require_use_case(db, actor, "use_case.move", case_id)
    check_texts(note=note)
    to_stage = Stage(to_stage)
    today = today or dt.date.today()
    with transaction(db, by=actor):
        events = queries.events_of(db, case_id)
        current = current_event(events, today)
        facts = queries.gate_facts(db, case_id)
        context = MoveContext(
            has_partner=facts.has_partner,
            result_summary=facts.result_summary,
            detected_on=min((e.effective_on for e in events), default=None),
            current_since=current.effective_on if current else None,
        )
        check_move(
            current.to_stage if current else None,
            last_funnel_stage(events, today),
            to_stage,
            effective_on,
            note,
            context,
            today,
        )
        _record_event(
            db, case_id, current.to_stage if current else None, to_stage, effective_on, actor, note
        )


def link_involvement(
    db: sqlite_utils.Database,
    actor: Actor,
    case_id: int,
    role: InvolvementRole | str | None,
    start_date: dt.date,
    end_date: dt.date | None = None,
    organisation_id: int | None = None,
    organisation_name: str | None = None,
    organisation_kvk: str | None = None,
    organisation_kind: OrgKind | None = None,
    person_id: int | None = None,
    person_name: str | None = None,
    person_email: str | None = None,
) -> int:
    """Link an organisation and/or person to a use case with a role and a period.

    Without a role, the organisation's kind decides it (:func:`models.default_involvement_role`).
    The same organisation and person in the same role over an overlapping period is refused:
    that link exists already.
    """
    require(actor, "use_case.link")
    check_texts(
        organisation_name=organisation_name,
        kvk=organisation_kvk,
        person_name=person_name,
        email=person_email,
    )
    role = InvolvementRole(role) if role else None
    if end_date and end_date < start_date:
        raise FunnelError("end_before_start", field="end_date")
    with transaction(db, by=actor):
        if not one(db, "SELECT id FROM use_cases WHERE id = ?", [case_id]):
            raise FunnelError("not_found", what="use case")
        org = _org_from_input(
            db, organisation_id, organisation_name, organisation_kvk, organisation_kind
        )
        if person_id and (clean_text(person_name) or clean_text(person_email)):
            raise FunnelError("person_pick_or_new", field="person")
        person = directory.canonical_person(db, person_id) if person_id else None
        if person is None and (clean_text(person_name) or person_email):
            found = directory.resolve_person(
                db, clean_text(person_name), normalize_email(person_email), org
            )
            person = found.id if found else None
        if org is None and person is None:
            raise FunnelError("attendee_missing", field="organisation")
        if role is None:
            kind = one(db, "SELECT kind FROM organisations WHERE id = ?", [org]) if org else None
            role = default_involvement_role(kind["kind"] if kind else None)
        _refuse_double_link(db, case_id, org, person, role, start_date, end_date)
        return insert_row(
            db,
            "involvements",
            {
                "use_case_id": case_id,
                "organisation_id": org,
                "person_id": person,
                "role": role.value,
                "start_date": start_date.isoformat(),
                "end_date": end_date.isoformat() if end_date else None,
                "created_at": now_iso(),
            },
        )


def _refuse_double_link(
    db: sqlite_utils.Database,
    case_id: int,
    org: int | None,
    person: int | None,
    role: InvolvementRole,
    start: dt.date,
    end: dt.date | None,
) -> None:
    """Refuse a link that is already there: the same (canonical) organisation and person, the
    same role, and a period that overlaps the new one (an open period runs on)."""
    found = one(
        db,
        "SELECT i.start_date, o.name AS organisation_name, p.name AS person_name "
        "FROM involvements i LEFT JOIN organisations io ON io.id = i.organisation_id "
        "LEFT JOIN organisations o ON o.id = io.canonical_id "
        "LEFT JOIN persons ip ON ip.id = i.person_id LEFT JOIN persons p ON p.id = ip.canonical_id "
        "WHERE i.use_case_id = :case AND i.role = :role "
        "AND o.id IS :org AND p.id IS :person "
        "AND (i.end_date IS NULL OR i.end_date >= :start) "
        "AND (:end IS NULL OR i.start_date <= :end) ORDER BY i.start_date LIMIT 1",
        {
            "case": case_id,
            "role": role.value,
            "org": org,
            "person": person,
            "start": start.isoformat(),
            "end": end.isoformat() if end else None,
        },
    )
    if found:
        raise FunnelError(
            "involvement_exists",
            field="organisation" if org else "person",
            name=found["organisation_name"] or found["person_name"] or "",
            role=role.value,
            since=dt.date.fromisoformat(found["start_date"]),
        )


def remove_involvement(db: sqlite_utils.Database, actor: Actor, involvement_id: int) -> None:
    require(actor, "use_case.link")
    with transaction(db, by=actor):
        db.execute("DELETE FROM involvements WHERE id = ?", [involvement_id])


# --- intakes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedIntake:
    """What saving an intake did: the intake, its use case, and whether that use case moved from
    detected to intake because of it."""

    id: int
    use_case_id: int | None
    moved_to_intake: bool


def save_intake(
    db: sqlite_utils.Database,
    actor: Actor,
    intake_date: dt.date,
    organisation_id: int | None = None,
    organisation_name: str | None = None,
    organisation_kvk: str | None = None,
    person_name: str | None = None,
    person_email: str | None = None,
    use_case_id: int | None = None,
    new_use_case_title: str | None = None,
    theme: str | None = None,
    needs: Sequence[IntakeNeed | str] | None = None,
    outcome: IntakeOutcome | str = IntakeOutcome.OPEN,
    notes: str = "",
    next_step: str = "",
    intake_id: int | None = None,
    today: dt.date | None = None,
    version: int | None = None,
) -> SavedIntake:
    """Log (or, with ``intake_id``, edit) a Green Incubator intake.

    The company is picked or created by the identity rules; the use case is picked or created
    (the company as its asset owner). Saving moves a ``detected`` use case to ``intake``.
    """
    today = today or dt.date.today()
    require(actor, "intake.edit" if intake_id else "intake.create")
    check_texts(
        organisation_name=organisation_name,
        kvk=organisation_kvk,
        person_name=person_name,
        person_email=person_email,
        new_use_case_title=new_use_case_title,
        notes=notes,
        next_step=next_step,
    )
    if intake_date > today:
        raise FunnelError("date_in_future", field="intake_date", value=intake_date)
    checked = validated(
        Intake, organisation_id=0, intake_date=intake_date, needs=needs or [], outcome=outcome
    )
    needs_values = [need.value for need in checked.needs]
    outcome = checked.outcome
    with transaction(db, by=actor):
        if intake_id:
            require_intake(db, actor, "intake.edit", intake_id)
        org = _org_from_input(
            db,
            organisation_id,
            organisation_name,
            organisation_kvk,
            OrgKind.COMPANY,
            field_name="organisation",
        )
        if org is None:
            raise FunnelError("value_missing", field="organisation")
        person = None
        if clean_text(person_name) or person_email:
            found = directory.resolve_person(
                db,
                clean_text(person_name),
                normalize_email(person_email, field="person_email"),
                org,
            )
            person = found.id if found else None
        if use_case_id is not None:
            picked = one(db, "SELECT id, coach_id FROM use_cases WHERE id = ?", [use_case_id])
            if picked is None:
                raise FunnelError("not_found", field="use_case_id", what="use case")
            # an intake is linked to any use case, but changes only one the actor may edit: a
            # coach never takes over a use case by logging an intake on it (assigning a coach
            # is the programme leader's, use_case.assign)
        if use_case_id is None and clean_text(new_use_case_title):
            _check_theme(theme, "theme")
            use_case_id = store.insert_use_case(
                db,
                {
                    "title": clean_text(new_use_case_title),
                    "asset_owner_id": org,
                    "theme": theme or None,
                    **new_use_case_assignment(actor),
                    "next_step": next_step or "",
                    "created_at": now_iso(),
                },
            )
            _record_event(db, use_case_id, None, Stage.DETECTED, intake_date, actor, "")
        record = {
            "use_case_id": use_case_id,
            "organisation_id": org,
            "person_id": person,
            "intake_date": intake_date.isoformat(),
            "needs": json.dumps(needs_values),
            "outcome": outcome.value,
            "notes": notes or "",
            "next_step": next_step or "",
        }
        if intake_id:
            check_version(db, "intakes", intake_id, version, record)
            store.update_intake(db, intake_id, record)
        else:
            intake_id = store.insert_intake(
                db, {**record, "coach_id": actor.id, "created_at": now_iso()}
            )
        moved = False
        if use_case_id and rights.may_use_case(db, actor, "use_case.move", use_case_id):
            events = queries.events_of(db, use_case_id)
            current = current_event(events, today)
            if current and current.to_stage == Stage.DETECTED:
                day = max(intake_date, current.effective_on)
                _record_event(db, use_case_id, Stage.DETECTED, Stage.INTAKE, day, actor, "intake")
                moved = True
    return SavedIntake(intake_id, use_case_id, moved)


# --- organisations, persons, activities -------------------------------------------------------


def create_organisation(
    db: sqlite_utils.Database,
    actor: Actor,
    name: str,
    kvk: str | None = None,
    kind: OrgKind | str | None = None,
    level: EducationLevel | str | None = None,
    region: str | None = None,
    is_partner: bool = False,
    brin: str | None = None,
) -> directory.Resolved:
    """Add an organisation by the identity rules (an existing one is found, not doubled)."""
    require(actor, "organisation.edit")
    check_texts(name=name, kvk=kvk, brin=brin)
    brin = normalize_brin(brin)
    validated(
        Organisation,
        name=clean_text(name) or "?",
        kind=kind or OrgKind.UNKNOWN,
        education_level=level or None,
        region=region or None,
        brin=brin or None,
    )
    with transaction(db, by=actor):
        found = directory.resolve_org(
            db,
            name,
            normalize_kvk(kvk),
            OrgKind(kind) if kind else None,
            EducationLevel(level) if level else None,
        )
        current = one(
            db, "SELECT region, brin, is_partner FROM organisations WHERE id = ?", [found.id]
        )
        assert current is not None  # resolve_org found or made it
        # fill what is empty; an existing organisation's known facts are not overwritten silently
        extra: dict[str, Any] = {
            k: v for k, v in {"region": region, "brin": brin}.items() if v and not current[k]
        }
        if is_partner and not current["is_partner"]:
            extra["is_partner"] = 1
        if extra:
            directory.update_organisation(db, found.id, extra)
            if found.status == "unchanged":
                found.status = "updated"
        return found


def update_organisation(
    db: sqlite_utils.Database,
    actor: Actor,
    org_id: int,
    version: int | None = None,
    **changes: Any,
) -> None:
    """Edit an organisation's facts; ``version`` as in :func:`update_use_case`."""
    require(actor, "organisation.edit")
    check_texts(**changes)
    allowed = {"name", "kind", "kvk", "brin", "education_level", "region", "is_partner"}
    if set(changes) - allowed:
        raise FunnelError("field_unknown", names=", ".join(sorted(set(changes) - allowed)))
    if "name" in changes:
        changes["name"] = clean_text(changes["name"])
        if not changes["name"]:
            raise FunnelError("value_missing", field="name")
        changes["normal_name"] = normal_org_name(changes["name"])
    if "kvk" in changes:
        changes["kvk"] = normalize_kvk(changes["kvk"])
    if "brin" in changes:
        changes["brin"] = normalize_brin(changes["brin"])
    current = one(db, "SELECT * FROM organisations WHERE id = ?", [org_id])
    if current is None:
        raise FunnelError("not_found", what="organisation")
    merged = {k: current[k] for k in allowed} | changes
    checked = validated(
        Organisation,
        name=merged["name"],
        kind=merged["kind"] or OrgKind.UNKNOWN,
        kvk=merged["kvk"] or None,
        brin=merged["brin"] or None,
        education_level=merged["education_level"] or None,
        region=merged["region"] or None,
        is_partner=bool(merged["is_partner"]),
    )
    for key in changes.keys() & {"kind", "education_level", "region", "is_partner", "brin"}:
        value = getattr(checked, key)
        changes[key] = int(value) if key == "is_partner" else getattr(value, "value", value)
    with transaction(db, by=actor):
        if changes.get("kvk"):
            other = one(
                db,
                "SELECT id, name FROM organisations WHERE kvk = ? AND id != ?",
                [changes["kvk"], org_id],
            )
            if other:
                raise FunnelError(
                    "kvk_taken", field="kvk", value=changes["kvk"], name=other["name"]
                )
        check_version(db, "organisations", org_id, version, changes)
        directory.update_organisation(db, org_id, changes)


def _classification(
    kind: OrgKind | str, level: EducationLevel | str | None, region: str | None
) -> Organisation:
    """A classification's values checked: a known kind, a level only for schools, a region."""
    checked = validated(
        Organisation,
        name="?",
        kind=kind,
        education_level=level or None,
        region=region or None,
    )
    if checked.kind == OrgKind.UNKNOWN:
        raise FunnelError("classify_kind_missing", field="kind")
    if checked.education_level and checked.kind not in EDUCATION_KINDS:
        raise FunnelError("level_not_school", field="education_level")
    return checked


def classify_organisation(
    db: sqlite_utils.Database,
    actor: Actor,
    org_id: int,
    kind: OrgKind | str,
    level: EducationLevel | str | None = None,
    region: str | None = None,
    is_partner: bool = False,
    kvk: str | None = None,
    brin: str | None = None,
) -> None:
    """Classify one organisation of the queue: its kind, level (schools), region, partnership,
    and its KvK number and BRIN code (both checked) in one go."""
    require(actor, "organisation.classify")
    checked = _classification(kind, level, region)
    if clean_text(brin) and checked.kind not in EDUCATION_KINDS:
        raise FunnelError("brin_not_school", field="brin")
    with transaction(db, by=actor):
        update_organisation(
            db,
            actor,
            org_id,
            kind=checked.kind.value,
            education_level=checked.education_level.value if checked.education_level else None,
            region=checked.region.value if checked.region else None,
            is_partner=int(is_partner),
            kvk=kvk,
            brin=brin,
        )


def classify_organisations(
    db: sqlite_utils.Database,
    actor: Actor,
    org_ids: Sequence[int],
    kind: OrgKind | str,
    level: EducationLevel | str | None = None,
    region: str | None = None,
    is_partner: bool | None = None,
) -> int:
    """Give several organisations (the classification queue) one kind, and optionally an
    education level (schools only), a region and whether they are a Techport partner; returns
    how many changed. ``None`` leaves a field as it is."""
    require(actor, "organisation.classify")
    checked = _classification(kind, level, region)
    if not org_ids:
        raise FunnelError("classify_none_chosen", field="organisations")
    changes: dict[str, Any] = {"kind": checked.kind.value}
    if checked.education_level:
        changes["education_level"] = checked.education_level.value
    if checked.region:
        changes["region"] = checked.region.value
    if is_partner is not None:
        changes["is_partner"] = int(is_partner)
    with transaction(db, by=actor):
        for org_id in dict.fromkeys(org_ids):
            found = one(db, "SELECT merged_into FROM organisations WHERE id = ?", [org_id])
            if found is None:
                raise FunnelError("not_found", what="organisation")
            if found["merged_into"]:
                raise FunnelError("merge_already_merged")
            directory.update_organisation(db, org_id, changes)
    return len(dict.fromkeys(org_ids))


def create_activity(
    db: sqlite_utils.Database,
    actor: Actor,
    title: str,
    activity_date: dt.date,
    activity_type: str | None = None,
    fieldlab: str | None = None,
) -> int:
    """Add an activity; the same title on the same day is the same activity."""
    require(actor, "activity.edit")
    check_texts(title=title)
    title = clean_text(title)
    if not title:
        raise FunnelError("value_missing", field="title")
    _check_theme(fieldlab, "fieldlab")
    with transaction(db, by=actor):
        existing = one(
            db,
            "SELECT id FROM activities WHERE activity_date = ? AND normal_title = ?",
            [activity_date.isoformat(), normal_text(title)],
        )
        if existing:
            raise FunnelError("activity_exists", field="title", title=title, date=activity_date)
        return store.insert_activity(
            db,
            {
                "title": title,
                "normal_title": normal_text(title),
                "activity_date": activity_date.isoformat(),
                "activity_type": activity_type or None,
                "fieldlab": fieldlab or None,
                "created_at": now_iso(),
            },
        )


def add_attendance(
    db: sqlite_utils.Database,
    actor: Actor,
    activity_id: int,
    organisation_id: int | None = None,
    organisation_name: str | None = None,
    organisation_kvk: str | None = None,
    organisation_kind: OrgKind | str | None = None,
    person_name: str | None = None,
    person_email: str | None = None,
) -> str:
    """Record one attendee by hand (same identity rules as the import); 'new' or 'unchanged'."""
    require(actor, "activity.edit")
    check_texts(
        organisation_name=organisation_name,
        kvk=organisation_kvk,
        person_name=person_name,
        email=person_email,
    )
    with transaction(db, by=actor):
        if not one(db, "SELECT id FROM activities WHERE id = ?", [activity_id]):
            raise FunnelError("not_found", what="activity")
        org = _org_from_input(
            db,
            organisation_id,
            organisation_name,
            organisation_kvk,
            OrgKind(organisation_kind) if organisation_kind else None,
        )
        person = None
        if clean_text(person_name) or person_email:
            found = directory.resolve_person(
                db, clean_text(person_name), normalize_email(person_email), org
            )
            person = found.id if found else None
        if org is None and person is None:
            raise FunnelError("attendee_missing", field="organisation")
        if person:
            existing = one(
                db,
                "SELECT id FROM attendance WHERE activity_id = ? AND person_id = ?",
                [activity_id, person],
            )
        else:
            existing = one(
                db,
                "SELECT id FROM attendance WHERE activity_id = ? AND person_id IS NULL AND organisation_id = ?",
                [activity_id, org],
            )
        if existing:
            return "unchanged"
        store.insert_attendance(
            db,
            {
                "activity_id": activity_id,
                "organisation_id": org,
                "person_id": person,
                "created_at": now_iso(),
            },
        )
        return "new"


def remove_attendance(db: sqlite_utils.Database, actor: Actor, attendance_id: int) -> None:
    require(actor, "activity.edit")
    with transaction(db, by=actor):
        store.delete_attendance(db, attendance_id)


def erase_person(db: sqlite_utils.Database, actor: Actor, person_id: int) -> privacy.Erased:
    """Privacy request: the person still counts where they took part, but nothing about them is
    kept: not in the rows (:func:`funnel.privacy.erase`), not in free space, not in the WAL."""
    require(actor, "person.erase")
    with transaction(db, by=actor):
        erased = privacy.erase(db, person_id, actor.id)
    # the old pages: rebuilt without the erased data, and the WAL emptied (after the commit)
    scrubbed = scrub(db)
    return dataclasses.replace(erased, wal_cleared=scrubbed.wal_cleared)


def erase_persons(
    db: sqlite_utils.Database, actor: Actor, person_ids: Sequence[int]
) -> list[privacy.Erased]:
    """Erase several persons at once (the retention list): one transaction, one scrub."""
    require(actor, "person.erase")
    with transaction(db, by=actor):
        erased = [privacy.erase(db, person_id, actor.id) for person_id in person_ids]
    scrubbed = scrub(db)
    return [dataclasses.replace(e, wal_cleared=scrubbed.wal_cleared) for e in erased]


def merge_organisations(
    db: sqlite_utils.Database, actor: Actor, source_id: int, target_id: int
) -> int:
    require(actor, "merge")
    with acting(db, actor.id):
        return directory.merge(db, "organisation", source_id, target_id, actor.id)


def merge_persons(db: sqlite_utils.Database, actor: Actor, source_id: int, target_id: int) -> int:
    require(actor, "merge")
    with acting(db, actor.id):
        return directory.merge(db, "person", source_id, target_id, actor.id)


def undo_merge(db: sqlite_utils.Database, actor: Actor, merge_id: int) -> None:
    require(actor, "merge")
    with acting(db, actor.id):
        directory.undo_merge(db, merge_id)


def keep_apart(
    db: sqlite_utils.Database,
    actor: Actor,
    a_id: int,
    b_id: int,
    entity: Literal["organisation", "person"] = "organisation",
) -> None:
    """Two organisations (or persons) are not the same: they are not proposed again."""
    require(actor, "merge")
    with acting(db, actor.id):
        directory.keep_apart(db, a_id, b_id, actor.id, entity)


def import_file(
    db: sqlite_utils.Database,
    actor: Actor,
    kind: str,
    data: bytes | str | Path,
    name: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    sheet: str | None = None,
    progress: Any = None,
    activity_id: int | None = None,
    tick: Any = None,
) -> imports.ImportReport:
    """Run an import on behalf of the programme leader (``kind``: participants, use-cases, or
    signups: a sign-up list for the activity ``activity_id``), within the upload limits of the
    settings (size, rows, what a workbook unpacks to). A dry run (the screen's preview) keeps
    the row results of an attendance import. ``tick`` (:data:`funnel.tables.Tick`): called
    while the file is read, checked and planned; what it raises stops the import unwritten."""
    require(actor, "import")
    importer: Callable[..., imports.ImportReport]
    if kind == "signups":
        if activity_id is None:
            raise FunnelError("value_missing", field="activity")
        importer = partial(imports.import_signups, activity_id=activity_id)
    elif kind in imports.IMPORTERS:
        importer = imports.IMPORTERS[kind]
    else:
        raise FunnelError("import_kind_unknown", value=kind)
    with acting(db, actor.id, f"import {kind} {name}"):
        return importer(
            db,
            data,
            name=name,
            sheet=sheet,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
            limits=settings.upload_limits(db),
            explain=dry_run,
            tick=tick,
        )


def set_target(
    db: sqlite_utils.Database, actor: Actor, year: int, key: str, value: int | float
) -> None:
    require(actor, "targets.edit")
    if key not in DEFAULT_TARGETS:
        raise FunnelError("target_unknown", field="key", value=key)
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise FunnelError("target_invalid", field=key, value=value)
    target = validated(Target, year=year, key=key, value=value)
    year, value = target.year, target.value
    if key in PERCENT_TARGETS and value > 100:
        raise FunnelError("target_percent", field=key, value=value)
    with transaction(db, by=actor):
        db.execute(
            "INSERT INTO targets (year, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT(year, key) DO UPDATE SET value = excluded.value",
            [int(year), key, int(value)],
        )


def freeze_snapshot(
    db: sqlite_utils.Database,
    actor: Actor,
    label: str,
    year: int,
    as_of: dt.date | None = None,
    meeting_date: dt.date | None = None,
    today: dt.date | None = None,
) -> int:
    """Freeze the snapshot for a stuurgroep meeting (programme leader); returns its id."""
    require(actor, "snapshot.freeze")
    with acting(db, actor.id):
        return meetings.freeze(db, label, year, as_of, meeting_date, actor.id, today)


def set_setting(db: sqlite_utils.Database, actor: Actor, name: str, value: object) -> int:
    """Change one of the installation's settings (:mod:`funnel.settings`); returns the new value.

    The one write path of the settings: the change goes into the audit trail (entity
    ``setting``, the setting's name as the field, the value before and after)."""
    require(actor, "settings.edit")
    number = settings.checked(name, value)
    with transaction(db, by=actor):
        before = settings.get(db, name)
        if before != number:
            set_meta(db, settings.meta_key(name), str(number))
            # in the trail as any change, in the same transaction (id 0: the field names it)
            storage.record_change(db, "setting", 0, name, str(before), str(number))
    return number


def set_language(db: sqlite_utils.Database, actor: Actor, lang: str) -> None:
    """The language the signed-in account sees the app in, from now on (its own choice: no
    right needed; a preference, so not in the audit trail)."""
    with acting(db, actor.id):
        auth.set_language(db, actor.id, lang)


def add_user(
    db: sqlite_utils.Database,
    actor: Actor,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    email: str | None = None,
) -> int:

    require(actor, "users.manage")
    with acting(db, actor.id):
        return auth.create_user(db, username, password, role, display_name, email)


def set_user_email(
    db: sqlite_utils.Database, actor: Actor, user_id: int, email: str | None
) -> None:
    """The address an account signs in with by single sign-on (``auth.set_email``)."""
    require(actor, "users.manage")
    with acting(db, actor.id):
        auth.set_email(db, user_id, email)


def reset_password(db: sqlite_utils.Database, actor: Actor, username: str, password: str) -> None:

    require(actor, "users.manage")
    with acting(db, actor.id):
        auth.set_password(db, username, password)


def end_demo(db: sqlite_utils.Database, actor: Actor) -> list[str]:
    """Turn the demo database into a real one: the demo accounts go (``auth.end_demo``)."""
    require(actor, "users.manage")
    with acting(db, actor.id):
        return auth.end_demo(db)


def set_user_active(db: sqlite_utils.Database, actor: Actor, user_id: int, active: bool) -> None:

    require(actor, "users.manage")
    if user_id == actor.id and not active:
        raise FunnelError("cannot_disable_self")
    with acting(db, actor.id):
        auth.set_active(db, user_id, active)

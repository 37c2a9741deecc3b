"""The operations a user can perform, each taking the acting user; rights are checked here."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import sqlite_utils

from funnel import directory, imports, metrics
from funnel.auth import Actor
from funnel.db import now_iso, one, rows, transaction
from funnel.errors import FunnelError, PermissionDenied
from funnel.identity import clean_text, normal_org_name, normalize_email, normalize_kvk
from funnel.models import (
    DEFAULT_TARGETS,
    FUNNEL_ORDER,
    EducationLevel,
    Intake,
    IntakeNeed,
    IntakeOutcome,
    InvolvementRole,
    Organisation,
    OrgKind,
    Role,
    Stage,
    Target,
    Theme,
    UseCase,
    validated,
)
from funnel.stages import Event, MoveContext, check_move, current_event, last_funnel_stage

PL = Role.PROGRAMME_LEADER
COACH = Role.COACH

#: Who may do what. Coaches are further limited to their own intakes and the use cases they coach.
RIGHTS: dict[str, frozenset[Role]] = {
    "read": frozenset(Role),
    "use_case.create": frozenset({PL, COACH}),
    "use_case.edit": frozenset({PL, COACH}),
    "use_case.move": frozenset({PL, COACH}),
    "use_case.link": frozenset({PL}),
    "intake.create": frozenset({PL, COACH}),
    "intake.edit": frozenset({PL, COACH}),
    "organisation.edit": frozenset({PL}),
    "person.edit": frozenset({PL}),
    "activity.edit": frozenset({PL}),
    "import": frozenset({PL}),
    "merge": frozenset({PL}),
    "targets.edit": frozenset({PL}),
    "users.manage": frozenset({PL}),
}


def can(actor: Actor | None, action: str) -> bool:
    """Whether the actor's role may perform ``action`` at all."""
    return actor is not None and actor.role in RIGHTS.get(action, frozenset())


def require(actor: Actor | None, action: str) -> Actor:
    if actor is None or not can(actor, action):
        raise PermissionDenied("not_allowed", action=action)
    return actor


def coaches_use_case(db: sqlite_utils.Database, actor: Actor, case_id: int) -> bool:
    """A coach coaches a use case when it is assigned to them (or they took it on at an intake).

    Logging an intake on a use case that has no coach yet makes the coach its coach; an intake
    on another coach's use case gives no rights to the use case itself.
    """
    found = one(
        db, "SELECT 1 AS x FROM use_cases WHERE id = ? AND coach_id = ?", [case_id, actor.id]
    )
    return found is not None


def require_use_case(db: sqlite_utils.Database, actor: Actor, action: str, case_id: int) -> None:
    require(actor, action)
    if not one(db, "SELECT id FROM use_cases WHERE id = ?", [case_id]):
        raise FunnelError("not_found", what="use case")
    if actor.role == COACH and not coaches_use_case(db, actor, case_id):
        raise PermissionDenied("not_your_use_case")


# --- reading ----------------------------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def events_of(db: sqlite_utils.Database, case_id: int) -> list[Event]:
    """The stage events of one use case."""
    return metrics.load_events(db, case_id).get(case_id, [])


def list_use_cases(
    db: sqlite_utils.Database,
    today: dt.date | None = None,
    year: int | None = None,
    theme: str | None = None,
    fieldlab: str | None = None,
    owner_id: int | None = None,
    coach_id: int | None = None,
) -> list[dict[str, Any]]:
    """Use cases with their current stage, since when, and days in that stage (board and lists)."""
    today = today or dt.date.today()
    events = metrics.load_events(db)
    result = []
    for r in rows(
        db,
        "SELECT u.*, o.name AS source_name, ow.display_name AS owner_name, ow.username AS owner_user, "
        "c.display_name AS coach_name FROM use_cases u "
        "LEFT JOIN organisations o ON o.id = u.source_org_id "
        "LEFT JOIN users ow ON ow.id = u.owner_id LEFT JOIN users c ON c.id = u.coach_id "
        "ORDER BY u.id",
    ):
        case_events = events.get(r["id"], [])
        current = current_event(case_events, today)
        detected = min((e.effective_on for e in case_events), default=None)
        if theme and r["theme"] != theme:
            continue
        if fieldlab and r["fieldlab"] != fieldlab:
            continue
        if owner_id and r["owner_id"] != owner_id:
            continue
        if coach_id and r["coach_id"] != coach_id:
            continue
        if year and current:
            in_year = metrics.funnel_cases(
                {r["id"]: case_events}, year, metrics.default_as_of(year, today)
            )
            if r["id"] not in in_year:
                continue
        r["stage"] = current.to_stage.value if current else None
        r["stage_since"] = current.effective_on if current else None
        r["days_in_stage"] = (today - current.effective_on).days if current else None
        r["detected_on"] = detected
        r["owner_label"] = r["owner_name"] or r["owner_user"] or ""
        result.append(r)
    return result


def get_use_case(
    db: sqlite_utils.Database, case_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    """A use case with its stage history, links (involvements) and intakes."""
    case = one(
        db,
        "SELECT u.*, o.name AS source_name FROM use_cases u "
        "LEFT JOIN organisations o ON o.id = u.source_org_id WHERE u.id = ?",
        [case_id],
    )
    if not case:
        raise FunnelError("not_found", what="use case")
    events = events_of(db, case_id)
    current = current_event(events, today or dt.date.today())
    case["stage"] = current.to_stage.value if current else None
    case["stage_since"] = current.effective_on if current else None
    case["last_funnel_stage"] = last_funnel_stage(events, today)
    case["history"] = rows(
        db,
        "SELECT e.*, u.username, u.display_name FROM stage_events e "
        "LEFT JOIN users u ON u.id = e.user_id WHERE e.use_case_id = ? "
        "ORDER BY e.effective_on, e.id",
        [case_id],
    )
    case["involvements"] = rows(
        db,
        "SELECT i.*, o.name AS organisation_name, o.kind AS organisation_kind, p.name AS person_name "
        "FROM involvements i LEFT JOIN organisations o ON o.id = i.organisation_id "
        "LEFT JOIN persons p ON p.id = i.person_id WHERE i.use_case_id = ? ORDER BY i.start_date, i.id",
        [case_id],
    )
    case["intakes"] = list_intakes(db, use_case_id=case_id)
    case["detected_on"] = min((e.effective_on for e in events), default=None)
    return case


def has_partner(db: sqlite_utils.Database, case_id: int) -> bool:
    """Gate to execution: a company other than the asset owner, or a school, is linked."""
    found = one(
        db,
        "SELECT 1 AS x FROM involvements i "
        "JOIN organisations o ON o.id = i.organisation_id "
        "JOIN organisations c ON c.id = COALESCE(o.merged_into, o.id) "
        "JOIN use_cases u ON u.id = i.use_case_id "
        "LEFT JOIN organisations s ON s.id = u.source_org_id "
        "WHERE i.use_case_id = ? AND (c.kind IN ('education', 'knowledge_institution') "
        "OR (c.kind = 'company' AND c.id IS NOT COALESCE(s.merged_into, s.id))) LIMIT 1",
        [case_id],
    )
    return found is not None


def list_organisations(
    db: sqlite_utils.Database, search: str = "", include_merged: bool = False
) -> list[dict[str, Any]]:
    """Organisations whose name (normal form) contains ``search``, or whose KvK number does when
    ``search`` is only digits, spaces and dots."""
    needle = normal_org_name(search) if search else ""
    looks_like_kvk = bool(search) and all(c.isdigit() or c in " ." for c in search.strip())
    digits = "".join(c for c in search if c.isdigit()) if looks_like_kvk else ""
    result = []
    for r in rows(db, "SELECT * FROM organisations ORDER BY name COLLATE NOCASE"):
        if r["merged_into"] and not include_merged:
            continue
        if (
            needle
            and needle not in r["normal_name"]
            and not (digits and digits in (r["kvk"] or ""))
        ):
            continue
        result.append(r)
    return result


def get_organisation(
    db: sqlite_utils.Database, org_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    """An organisation with its people and its participations by year (merged ones included)."""
    org = one(db, "SELECT * FROM organisations WHERE id = ?", [org_id])
    if not org:
        raise FunnelError("not_found", what="organisation")
    canonical = org["merged_into"] or org_id
    members = {
        r["id"] for r in rows(db, "SELECT id FROM organisations WHERE merged_into = ?", [canonical])
    } | {canonical}
    today = today or dt.date.today()
    parts = [p for p in metrics.participations(db, today) if p.org_id == canonical]
    org["participations"] = _describe(db, parts)
    org["persons"] = rows(
        db,
        f"SELECT id, name, email FROM persons WHERE merged_into IS NULL AND erased_at IS NULL "
        f"AND organisation_id IN ({','.join('?' * len(members))}) ORDER BY name",
        list(members),
    )
    org["merged_from"] = rows(
        db, "SELECT id, name, kvk FROM organisations WHERE merged_into = ?", [canonical]
    )
    return org


def _describe(
    db: sqlite_utils.Database, parts: list[metrics.Participation]
) -> list[dict[str, Any]]:
    titles: dict[str, dict[int, str]] = defaultdict(dict)
    for r in rows(
        db, "SELECT a.id, v.title FROM attendance a JOIN activities v ON v.id = a.activity_id"
    ):
        titles["activity"][r["id"]] = r["title"]
    for r in rows(
        db, "SELECT i.id, u.title FROM intakes i LEFT JOIN use_cases u ON u.id = i.use_case_id"
    ):
        titles["intake"][r["id"]] = r["title"] or ""
    for r in rows(db, "SELECT id, title FROM use_cases"):
        titles["use_case_source"][r["id"]] = r["title"]
    for r in rows(
        db, "SELECT i.id, u.title FROM involvements i JOIN use_cases u ON u.id = i.use_case_id"
    ):
        titles["involvement"][r["id"]] = r["title"]
    out = []
    last_year = dt.date.today().year
    for p in sorted(parts, key=lambda p: (p.start, p.source)):
        # a participation counts in every year it overlaps, so it is listed under each of them
        for year in range(p.start.year, (p.end.year if p.end else last_year) + 1):
            out.append(
                {
                    "year": year,
                    "source": p.source,
                    "title": titles[p.source].get(p.ref_id, ""),
                    "start": p.start,
                    "end": p.end,
                    "person_id": p.person_id,
                }
            )
    return sorted(out, key=lambda item: (item["year"], item["start"]))


def list_persons(db: sqlite_utils.Database, search: str = "") -> list[dict[str, Any]]:
    needle = (search or "").strip().casefold()
    result = []
    for r in rows(
        db,
        "SELECT p.*, o.name AS organisation_name FROM persons p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id "
        "WHERE p.merged_into IS NULL ORDER BY p.name COLLATE NOCASE",
    ):
        if r["erased_at"]:
            r["name"], r["email"] = None, None
        hay = " ".join(str(r[k] or "") for k in ("name", "email", "organisation_name")).casefold()
        if needle and needle not in hay:
            continue
        result.append(r)
    return result


def get_person(
    db: sqlite_utils.Database, person_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    person = one(
        db,
        "SELECT p.*, o.name AS organisation_name FROM persons p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?",
        [person_id],
    )
    if not person:
        raise FunnelError("not_found", what="person")
    if person["erased_at"]:
        # erased on request: still counted, but nothing about the person can be read
        person.update(name=None, email=None, normal_name=None, organisation_name=None)
        person["organisation_id"] = None
        person["participations"] = []
        return person
    canonical = person["merged_into"] or person_id
    parts = [
        p for p in metrics.participations(db, today or dt.date.today()) if p.person_id == canonical
    ]
    person["participations"] = _describe(db, parts)
    return person


def list_activities(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return rows(
        db,
        "SELECT v.*, COUNT(a.id) AS attendees FROM activities v "
        "LEFT JOIN attendance a ON a.activity_id = v.id GROUP BY v.id "
        "ORDER BY v.activity_date DESC, v.title",
    )


def get_activity(db: sqlite_utils.Database, activity_id: int) -> dict[str, Any]:
    activity = one(db, "SELECT * FROM activities WHERE id = ?", [activity_id])
    if not activity:
        raise FunnelError("not_found", what="activity")
    activity["attendance"] = rows(
        db,
        "SELECT a.id, o.name AS organisation_name, o.kind AS organisation_kind, "
        "CASE WHEN p.erased_at IS NULL THEN p.name END AS person_name, "
        "CASE WHEN p.erased_at IS NULL THEN p.email END AS email "
        "FROM attendance a LEFT JOIN organisations o ON o.id = a.organisation_id "
        "LEFT JOIN persons p ON p.id = a.person_id WHERE a.activity_id = ? ORDER BY o.name, p.name",
        [activity_id],
    )
    return activity


def list_intakes(
    db: sqlite_utils.Database, coach_id: int | None = None, use_case_id: int | None = None
) -> list[dict[str, Any]]:
    sql = (
        "SELECT i.*, o.name AS organisation_name, CASE WHEN p.erased_at IS NULL THEN p.name END "
        "AS person_name, u.title AS use_case_title, c.display_name AS coach_name, c.username AS coach_user "
        "FROM intakes i JOIN organisations o ON o.id = i.organisation_id "
        "LEFT JOIN persons p ON p.id = i.person_id LEFT JOIN use_cases u ON u.id = i.use_case_id "
        "LEFT JOIN users c ON c.id = i.coach_id WHERE 1=1"
    )
    params: list[Any] = []
    if coach_id is not None:
        sql += " AND i.coach_id = ?"
        params.append(coach_id)
    if use_case_id is not None:
        sql += " AND i.use_case_id = ?"
        params.append(use_case_id)
    result = rows(db, sql + " ORDER BY i.intake_date DESC, i.id DESC", params)
    for r in result:
        r["needs"] = json.loads(r["needs"] or "[]")
    return result


def users_for_select(db: sqlite_utils.Database, role: Role | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, username, display_name, role FROM users WHERE active = 1"
    params: list[Any] = []
    if role:
        sql += " AND role = ?"
        params.append(role.value)
    return rows(db, sql + " ORDER BY display_name, username", params)


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
    source_org_id: int | None = None,
    source_name: str | None = None,
    source_kvk: str | None = None,
    description: str = "",
    theme: str | None = None,
    fieldlab: str | None = None,
    effect: str | None = None,
    owner_id: int | None = None,
    next_step: str = "",
    today: dt.date | None = None,
) -> int:
    """Record a detected use case; a coach who creates one coaches it."""
    require(actor, "use_case.create")
    today = today or dt.date.today()
    title = clean_text(title)
    if not title:
        raise FunnelError("value_missing", field="title")
    validated(UseCase, title=title, description=description or "", next_step=next_step or "")
    if detected_on > today:
        raise FunnelError("date_in_future", field="detected_on", value=detected_on.isoformat())
    _check_theme(theme, "theme")
    _check_theme(fieldlab, "fieldlab")
    with transaction(db):
        source = _org_from_input(
            db, source_org_id, source_name, source_kvk, OrgKind.COMPANY, field_name="source"
        )
        if source is None:
            raise FunnelError("value_missing", field="source")
        case_id = int(
            db.table("use_cases")
            .insert(
                {
                    "title": title,
                    "description": description or "",
                    "source_org_id": source,
                    "theme": theme or None,
                    "fieldlab": fieldlab or None,
                    "effect": effect or None,
                    "owner_id": owner_id or (actor.id if actor.role == PL else None),
                    "coach_id": actor.id if actor.role == COACH else None,
                    "next_step": next_step or "",
                    "created_at": now_iso(),
                }
            )
            .last_pk
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
    "result_summary",
    "source_org_id",
)


def update_use_case(db: sqlite_utils.Database, actor: Actor, case_id: int, **changes: Any) -> None:
    """Edit a use case's fields (programme leader, or the coach who coaches it)."""
    require_use_case(db, actor, "use_case.edit", case_id)
    unknown = set(changes) - set(EDITABLE_USE_CASE_FIELDS)
    if unknown:
        raise FunnelError("field_unknown", field=", ".join(sorted(unknown)))
    if actor.role == COACH:
        current = one(db, "SELECT owner_id, coach_id FROM use_cases WHERE id = ?", [case_id]) or {}
        if any(changes[k] != current.get(k) for k in ("coach_id", "owner_id") if k in changes):
            raise PermissionDenied("not_allowed", action="use_case.assign")
    if "title" in changes:
        changes["title"] = clean_text(changes["title"])
        if not changes["title"]:
            raise FunnelError("value_missing", field="title")
    _check_theme(changes.get("theme"), "theme")
    _check_theme(changes.get("fieldlab"), "fieldlab")
    if changes.get("effect"):
        changes["effect"] = validated(UseCase, title="-", effect=changes["effect"]).effect.value
    with transaction(db):
        if changes.get("source_org_id"):
            if actor.role == COACH:
                raise PermissionDenied("not_allowed", action="use_case.source")
            if not one(db, "SELECT id FROM organisations WHERE id = ?", [changes["source_org_id"]]):
                raise FunnelError("not_found", field="source", what="organisation")
            changes["source_org_id"] = directory.canonical_org(db, changes["source_org_id"])
        db.table("use_cases").update(
            case_id,
            {
                k: (v if v != "" or k in ("description", "next_step", "result_summary") else None)
                for k, v in changes.items()
            },
        )


def _record_event(
    db: sqlite_utils.Database,
    case_id: int,
    from_stage: Stage | None,
    to_stage: Stage,
    effective_on: dt.date,
    actor: Actor | None,
    note: str,
) -> None:
    db.table("stage_events").insert(
        {
            "use_case_id": case_id,
            "from_stage": from_stage.value if from_stage else None,
            "to_stage": to_stage.value,
            "effective_on": effective_on.isoformat(),
            "user_id": actor.id if actor else None,
            "note": (note or "").strip(),
            "recorded_at": now_iso(),
        }
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
    to_stage = Stage(to_stage)
    today = today or dt.date.today()
    with transaction(db):
        events = events_of(db, case_id)
        current = current_event(events, today)
        case = one(db, "SELECT result_summary FROM use_cases WHERE id = ?", [case_id])
        if case is None:
            raise FunnelError("not_found", what="use case")
        context = MoveContext(
            has_partner=has_partner(db, case_id),
            result_summary=case["result_summary"] or "",
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
    role: InvolvementRole | str,
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
    """Link an organisation and/or person to a use case with a role and a period."""
    require(actor, "use_case.link")
    role = InvolvementRole(role)
    if end_date and end_date < start_date:
        raise FunnelError("end_before_start", field="end_date")
    with transaction(db):
        if not one(db, "SELECT id FROM use_cases WHERE id = ?", [case_id]):
            raise FunnelError("not_found", what="use case")
        org = _org_from_input(
            db, organisation_id, organisation_name, organisation_kvk, organisation_kind
        )
        person = directory.canonical_person(db, person_id) if person_id else None
        if person is None and (clean_text(person_name) or person_email):
            found = directory.resolve_person(
                db, clean_text(person_name), normalize_email(person_email), org
            )
            person = found.id if found else None
        if org is None and person is None:
            raise FunnelError("attendee_missing", field="organisation")
        return int(
            db.table("involvements")
            .insert(
                {
                    "use_case_id": case_id,
                    "organisation_id": org,
                    "person_id": person,
                    "role": role.value,
                    "start_date": start_date.isoformat(),
                    "end_date": end_date.isoformat() if end_date else None,
                    "created_at": now_iso(),
                }
            )
            .last_pk
        )


def remove_involvement(db: sqlite_utils.Database, actor: Actor, involvement_id: int) -> None:
    require(actor, "use_case.link")
    with transaction(db):
        db.execute("DELETE FROM involvements WHERE id = ?", [involvement_id])


# --- intakes -----------------------------------------------------------------------------------


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
    needs: list[IntakeNeed | str] | None = None,
    outcome: IntakeOutcome | str = IntakeOutcome.OPEN,
    notes: str = "",
    next_step: str = "",
    intake_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Log (or, with ``intake_id``, edit) a Green Incubator intake.

    The company is picked or created by the identity rules; the use case is picked or created
    (the company as its source). Saving moves a ``detected`` use case to ``intake``.
    """
    today = today or dt.date.today()
    require(actor, "intake.edit" if intake_id else "intake.create")
    if intake_date > today:
        raise FunnelError("date_in_future", field="intake_date", value=intake_date.isoformat())
    checked = validated(
        Intake, organisation_id=0, intake_date=intake_date, needs=needs or [], outcome=outcome
    )
    needs_values = [need.value for need in checked.needs]
    outcome = checked.outcome
    with transaction(db):
        if intake_id:
            existing = one(db, "SELECT * FROM intakes WHERE id = ?", [intake_id])
            if not existing:
                raise FunnelError("not_found", what="intake")
            if actor.role == COACH and existing["coach_id"] != actor.id:
                raise PermissionDenied("not_your_intake")
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
            if actor.role == COACH and picked["coach_id"] is None:
                db.table("use_cases").update(use_case_id, {"coach_id": actor.id})
        if use_case_id is None and clean_text(new_use_case_title):
            _check_theme(theme, "theme")
            use_case_id = int(
                db.table("use_cases")
                .insert(
                    {
                        "title": clean_text(new_use_case_title),
                        "source_org_id": org,
                        "theme": theme or None,
                        "coach_id": actor.id if actor.role == COACH else None,
                        "owner_id": actor.id if actor.role == PL else None,
                        "next_step": next_step or "",
                        "created_at": now_iso(),
                    }
                )
                .last_pk
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
            db.table("intakes").update(intake_id, {**record, "updated_at": now_iso()})
        else:
            intake_id = int(
                db.table("intakes")
                .insert({**record, "coach_id": actor.id, "created_at": now_iso()})
                .last_pk
            )
        if use_case_id:
            events = events_of(db, use_case_id)
            current = current_event(events, today)
            if current and current.to_stage == Stage.DETECTED:
                day = max(intake_date, current.effective_on)
                _record_event(db, use_case_id, Stage.DETECTED, Stage.INTAKE, day, actor, "intake")
    return intake_id


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
    validated(
        Organisation,
        name=clean_text(name) or "?",
        kind=kind or OrgKind.UNKNOWN,
        education_level=level or None,
        region=region or None,
        brin=brin or None,
    )
    with transaction(db):
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
        # fill what is empty; an existing organisation's known facts are not overwritten silently
        extra = {k: v for k, v in {"region": region, "brin": brin}.items() if v and not current[k]}
        if is_partner and not current["is_partner"]:
            extra["is_partner"] = 1
        if extra:
            db.table("organisations").update(found.id, extra)
            if found.status == "unchanged":
                found.status = "updated"
        return found


def update_organisation(
    db: sqlite_utils.Database, actor: Actor, org_id: int, **changes: Any
) -> None:
    require(actor, "organisation.edit")
    allowed = {"name", "kind", "kvk", "brin", "education_level", "region", "is_partner"}
    if set(changes) - allowed:
        raise FunnelError("field_unknown", field=", ".join(sorted(set(changes) - allowed)))
    if "name" in changes:
        changes["name"] = clean_text(changes["name"])
        if not changes["name"]:
            raise FunnelError("value_missing", field="name")
        changes["normal_name"] = normal_org_name(changes["name"])
    if "kvk" in changes:
        changes["kvk"] = normalize_kvk(changes["kvk"])
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
    with transaction(db):
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
        db.table("organisations").update(org_id, changes)


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
    title = clean_text(title)
    if not title:
        raise FunnelError("value_missing", field="title")
    _check_theme(fieldlab, "fieldlab")
    from funnel.identity import normal_person_name

    with transaction(db):
        existing = one(
            db,
            "SELECT id FROM activities WHERE activity_date = ? AND normal_title = ?",
            [activity_date.isoformat(), normal_person_name(title)],
        )
        if existing:
            raise FunnelError(
                "activity_exists", field="title", title=title, date=activity_date.isoformat()
            )
        return int(
            db.table("activities")
            .insert(
                {
                    "title": title,
                    "normal_title": normal_person_name(title),
                    "activity_date": activity_date.isoformat(),
                    "activity_type": activity_type or None,
                    "fieldlab": fieldlab or None,
                    "created_at": now_iso(),
                }
            )
            .last_pk
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
    with transaction(db):
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
        db.table("attendance").insert(
            {
                "activity_id": activity_id,
                "organisation_id": org,
                "person_id": person,
                "created_at": now_iso(),
            }
        )
        return "new"


def remove_attendance(db: sqlite_utils.Database, actor: Actor, attendance_id: int) -> None:
    require(actor, "activity.edit")
    with transaction(db):
        db.execute("DELETE FROM attendance WHERE id = ?", [attendance_id])


def erase_person(db: sqlite_utils.Database, actor: Actor, person_id: int) -> None:
    """Privacy request: the person still counts where they took part, but nothing about them is kept."""
    require(actor, "person.edit")
    with transaction(db):
        if not one(db, "SELECT id FROM persons WHERE id = ?", [person_id]):
            raise FunnelError("not_found", what="person")
        db.execute(
            "UPDATE persons SET name = NULL, normal_name = NULL, email = NULL, organisation_id = NULL, "
            "erased_at = ? WHERE id = ?",
            [now_iso(), person_id],
        )


def merge_organisations(
    db: sqlite_utils.Database, actor: Actor, source_id: int, target_id: int
) -> int:
    require(actor, "merge")
    return directory.merge(db, "organisation", source_id, target_id, actor.id)


def merge_persons(db: sqlite_utils.Database, actor: Actor, source_id: int, target_id: int) -> int:
    require(actor, "merge")
    return directory.merge(db, "person", source_id, target_id, actor.id)


def undo_merge(db: sqlite_utils.Database, actor: Actor, merge_id: int) -> None:
    require(actor, "merge")
    directory.undo_merge(db, merge_id)


def keep_apart(db: sqlite_utils.Database, actor: Actor, a_id: int, b_id: int) -> None:
    require(actor, "merge")
    directory.keep_apart(db, a_id, b_id, actor.id)


def merge_history(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return rows(
        db,
        "SELECT m.*, COALESCE(s.name, CASE WHEN ps.erased_at IS NULL THEN ps.name END) AS source_name, "
        "COALESCE(t.name, CASE WHEN pt.erased_at IS NULL THEN pt.name END) AS target_name, u.username "
        "FROM merges m "
        "LEFT JOIN organisations s ON s.id = m.source_id AND m.entity = 'organisation' "
        "LEFT JOIN organisations t ON t.id = m.target_id AND m.entity = 'organisation' "
        "LEFT JOIN persons ps ON ps.id = m.source_id AND m.entity = 'person' "
        "LEFT JOIN persons pt ON pt.id = m.target_id AND m.entity = 'person' "
        "LEFT JOIN users u ON u.id = m.user_id ORDER BY m.id DESC",
    )


# --- imports, targets, users --------------------------------------------------------------------


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
) -> imports.ImportReport:
    """Run an import on behalf of the programme leader (``kind``: participants or use-cases)."""
    require(actor, "import")
    if kind not in imports.IMPORTERS:
        raise FunnelError("import_kind_unknown", value=kind)
    return imports.IMPORTERS[kind](
        db,
        data,
        name=name,
        sheet=sheet,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        progress=progress,
    )


def targets_table(db: sqlite_utils.Database, years: list[int]) -> list[dict[str, Any]]:
    """One row per year with every target (the stuurgroep's value, else the default)."""
    return [{"year": year, **metrics.targets_for(db, year)} for year in years]


def set_target(db: sqlite_utils.Database, actor: Actor, year: int, key: str, value: int) -> None:
    require(actor, "targets.edit")
    if key not in DEFAULT_TARGETS:
        raise FunnelError("target_unknown", field="key", value=key)
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise FunnelError("target_invalid", field=key, value=value)
    target = validated(Target, year=year, key=key, value=value)
    year, value = target.year, target.value
    with transaction(db):
        db.execute(
            "INSERT INTO targets (year, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT(year, key) DO UPDATE SET value = excluded.value",
            [int(year), key, int(value)],
        )


def add_user(
    db: sqlite_utils.Database,
    actor: Actor,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
) -> int:
    from funnel import auth

    require(actor, "users.manage")
    return auth.create_user(db, username, password, role, display_name)


def reset_password(db: sqlite_utils.Database, actor: Actor, username: str, password: str) -> None:
    from funnel import auth

    require(actor, "users.manage")
    auth.set_password(db, username, password)


def set_user_active(db: sqlite_utils.Database, actor: Actor, user_id: int, active: bool) -> None:
    from funnel import auth

    require(actor, "users.manage")
    if user_id == actor.id and not active:
        raise FunnelError("cannot_disable_self")
    auth.set_active(db, user_id, active)


def stage_sort_key(stage: str | None) -> int:
    """Funnel order for sorting: the five stages, then on hold, then dropped."""
    order = [s.value for s in (*FUNNEL_ORDER, Stage.ON_HOLD, Stage.DROPPED)]
    return order.index(stage) if stage in order else len(order)


# --- for the screens: the same rules, asked for by the pages ------------------------------------


def visible_intakes(db: sqlite_utils.Database, actor: Actor) -> list[dict[str, Any]]:
    """The intakes this actor works with: a coach its own, the programme leader all."""
    require(actor, "intake.edit")
    return list_intakes(db, coach_id=actor.id if actor.role == COACH else None)


def get_intake(db: sqlite_utils.Database, actor: Actor, intake_id: int) -> dict[str, Any]:
    """One intake (with the contact's e-mail), if the actor may see it."""
    require(actor, "intake.edit")
    found = [i for i in list_intakes(db) if i["id"] == intake_id]
    if not found:
        raise FunnelError("not_found", what="intake")
    intake = found[0]
    if actor.role == COACH and intake["coach_id"] != actor.id:
        raise PermissionDenied("not_your_intake")
    person = one(
        db, "SELECT email FROM persons WHERE id = ? AND erased_at IS NULL", [intake["person_id"]]
    )
    intake["person_email"] = person["email"] if person else None
    return intake


def editable_use_cases(
    db: sqlite_utils.Database, actor: Actor, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """The use cases this actor may edit: all for the programme leader, a coach's own."""
    require(actor, "use_case.edit")
    return list_use_cases(db, today=today, coach_id=actor.id if actor.role == COACH else None)


def assignable_users(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Accounts that can own or coach a use case (programme leaders and coaches, active)."""
    return [u for u in users_for_select(db) if u["role"] != Role.STEERING.value]


def participation_counts(
    db: sqlite_utils.Database, today: dt.date | None = None
) -> dict[str, dict[int, int]]:
    """How many participations each organisation and person has (after merges)."""
    organisations: dict[int, int] = defaultdict(int)
    persons: dict[int, int] = defaultdict(int)
    for p in metrics.participations(db, today or dt.date.today()):
        if p.org_id is not None:
            organisations[p.org_id] += 1
        if p.person_id is not None:
            persons[p.person_id] += 1
    return {"organisations": dict(organisations), "persons": dict(persons)}


def unclassified_count(db: sqlite_utils.Database) -> int:
    """Organisations whose kind is not known yet (for the programme leader to classify)."""
    row = one(
        db,
        "SELECT COUNT(*) AS n FROM organisations WHERE kind = 'unknown' AND merged_into IS NULL",
    )
    return int(row["n"]) if row else 0

"""Reads for the screens and the exports: lists and records, with the actor's scope applied.

Nothing here writes. Where a role may see only part of a list (a coach: its own intakes and the
use cases it coaches), the function takes the acting user and asks :mod:`funnel.rights`.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

import sqlite_utils

from funnel import analytics, audit, metrics, privacy, rights, settings
from funnel.auth import Actor, user_label
from funnel.db import file_of, one, rows
from funnel.errors import FunnelError
from funnel.identity import normal_org_name, suggest_kind
from funnel.models import TERMINAL, Role
from funnel.stages import (
    Event,
    GateFacts,
    current_event,
    last_funnel_stage,
    reached_by_history,
    unmet_gates,
)

TERMINAL_VALUES = frozenset(stage.value for stage in TERMINAL)


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
    search: str = "",
) -> list[dict[str, Any]]:
    """Use cases with their current stage, since when, days in that stage and whether that
    makes them stuck (board and lists).

    ``search`` finds a use case by (part of) its title, ref, asset owner, or an organisation or
    person linked to it, ignoring case."""
    today = today or dt.date.today()
    where = ""
    params: dict[str, Any] = {"today": today.isoformat()}
    needle = " ".join((search or "").split()).casefold()
    if needle:
        params["needle"] = f"%{needle}%"
        where += (
            " AND (lower(u.title) LIKE :needle OR lower(COALESCE(u.ref, '')) LIKE :needle "
            "OR lower(COALESCE(o.name, '')) LIKE :needle OR EXISTS (SELECT 1 FROM involvements i "
            "LEFT JOIN organisations io ON io.id = i.organisation_id "
            "LEFT JOIN persons ip ON ip.id = i.person_id WHERE i.use_case_id = u.id "
            "AND (lower(COALESCE(io.name, '')) LIKE :needle "
            "OR lower(COALESCE(ip.name, '')) LIKE :needle)))"
        )
    for column, value in (
        ("theme", theme), ("fieldlab", fieldlab), ("owner_id", owner_id), ("coach_id", coach_id),
    ):  # fmt: skip
        if value:
            where += f" AND u.{column} = :{column}"
            params[column] = value
    in_year = metrics.funnel_cases(db, year, metrics.default_as_of(year, today)) if year else None
    stuck_days = settings.get(db, "stuck_days")
    result = []
    for r in rows(
        db,
        "SELECT u.*, o.name AS asset_owner_name, ow.display_name AS owner_name, ow.username AS owner_user, "
        "c.display_name AS coach_name, c.username AS coach_user, "
        "cur.to_stage AS cur_stage, cur.effective_on AS cur_since, "
        "(SELECT MIN(effective_on) FROM stage_events WHERE use_case_id = u.id) AS first_on "
        "FROM use_cases u "
        "LEFT JOIN organisations o ON o.id = u.asset_owner_id "
        "LEFT JOIN users ow ON ow.id = u.owner_id LEFT JOIN users c ON c.id = u.coach_id "
        # the event that set the stage as of today: the latest, on equal dates the later recorded
        "LEFT JOIN (SELECT use_case_id, to_stage, effective_on, ROW_NUMBER() OVER "
        "(PARTITION BY use_case_id ORDER BY effective_on DESC, id DESC) AS n "
        "FROM stage_events WHERE effective_on <= :today) cur ON cur.use_case_id = u.id AND cur.n = 1 "
        f"WHERE 1 = 1{where} ORDER BY u.id",
        params,
    ):
        stage, since, first_on = r.pop("cur_stage"), r.pop("cur_since"), r.pop("first_on")
        if in_year is not None and stage is not None and r["id"] not in in_year:
            continue
        since_day = dt.date.fromisoformat(since) if since else None
        r["stage"] = stage
        r["stage_since"] = since_day
        r["days_in_stage"] = (today - since_day).days if since_day else None
        r["stuck"] = analytics.is_stuck(stage, r["days_in_stage"], stuck_days)
        r["detected_on"] = dt.date.fromisoformat(first_on) if first_on else None
        r["next_step_due"] = _day(r["next_step_due"])
        r["owner_label"] = user_label(r.pop("owner_name"), r.pop("owner_user"))
        r["coach_label"] = user_label(r.pop("coach_name"), r.pop("coach_user"))
        result.append(r)
    return result


def get_use_case(
    db: sqlite_utils.Database, case_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    """A use case with its stage history, links (involvements) and intakes."""
    case = one(
        db,
        "SELECT u.*, o.name AS asset_owner_name FROM use_cases u "
        "LEFT JOIN organisations o ON o.id = u.asset_owner_id WHERE u.id = ?",
        [case_id],
    )
    if not case:
        raise FunnelError("not_found", what="use case")
    case["next_step_due"] = _day(case["next_step_due"])
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
    for event in case["history"]:
        # an event without a user was recorded by the use-case import
        event["user_label"] = user_label(event.pop("display_name"), event.pop("username"))
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


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def due_state(due: dt.date | None, today: dt.date) -> str | None:
    """Where a next step's due date stands on ``today``: ``overdue`` (before today), ``today``,
    ``upcoming`` (later), or None without a date."""
    if due is None:
        return None
    if due < today:
        return "overdue"
    return "today" if due == today else "upcoming"


def reminders(
    db: sqlite_utils.Database, actor: Actor, today: dt.date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The actor's own open work: ``next_steps`` (use cases in its care, as owner or coach,
    with a next step written down) and ``stuck`` (those longer than the stuck_days setting in
    an open stage, longest first).

    Next steps with a due date come first, the earliest first (so the overdue ones, then the
    ones due today, then the later ones), each with its ``due_state``; then those without a
    date, longest waiting in their stage first."""
    today = today or dt.date.today()
    mine = [
        case
        for case in list_use_cases(db, today=today)
        if actor.id in (case["owner_id"], case["coach_id"])
        and case["stage"] is not None
        and case["stage"] not in TERMINAL_VALUES
    ]
    mine.sort(key=lambda c: -(c["days_in_stage"] or 0))
    steps = [c for c in mine if (c["next_step"] or "").strip()]
    for case in steps:
        case["due_state"] = due_state(case["next_step_due"], today)
    dated = sorted((c for c in steps if c["next_step_due"]), key=lambda c: c["next_step_due"])
    return {
        "next_steps": dated + [c for c in steps if not c["next_step_due"]],
        "stuck": [c for c in mine if c["stuck"]],  # the analytics' rule (not on hold)
    }


def has_partner(db: sqlite_utils.Database, case_id: int) -> bool:
    """Gate to execution: a company other than the asset owner, or a school, is linked."""
    found = one(
        db,
        "SELECT 1 AS x FROM involvements i "
        "JOIN organisations o ON o.id = i.organisation_id "
        "JOIN organisations c ON c.id = o.canonical_id "
        "JOIN use_cases u ON u.id = i.use_case_id "
        "LEFT JOIN organisations s ON s.id = u.asset_owner_id "
        "WHERE i.use_case_id = ? AND (c.kind IN ('education', 'knowledge_institution') "
        "OR (c.kind = 'company' AND c.id IS NOT s.canonical_id)) LIMIT 1",
        [case_id],
    )
    return found is not None


def gate_facts(db: sqlite_utils.Database, case_id: int) -> GateFacts:
    """What the data gates need to know about this use case."""
    case = one(db, "SELECT result_summary FROM use_cases WHERE id = ?", [case_id])
    if case is None:
        raise FunnelError("not_found", what="use case")
    return GateFacts(has_partner(db, case_id), case["result_summary"] or "")


T = TypeVar("T")


def cached(db: sqlite_utils.Database, name: str, build: Callable[[], T]) -> T:
    """``build()``, kept on this connection until anything is written to the database (by this
    connection: its ``total_changes``; by another: ``PRAGMA data_version``), so that a page's
    rerun does not rebuild a list of tens of thousands of options. Kept per connection (one per
    browser session): it goes when the session's connection goes."""
    conn = db.conn
    version = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
    store: dict[str, tuple[tuple[int, int], Any]] = db.__dict__.setdefault("_funnel_cache", {})
    hit = store.get(name)
    if hit is not None and hit[0] == version:
        return cast(T, hit[1])
    value = build()
    store[name] = (version, value)
    return value


#: reports shared by every session of this process: (database file, name) -> (stamp, value)
_SHARED: dict[tuple[str, str], tuple[int, Any]] = {}
#: how many shared reports are kept (the oldest goes first)
SHARED_KEPT = 16
_SHARED_LOCK = threading.Lock()


def shared(db: sqlite_utils.Database, name: str, build: Callable[[], T]) -> T:
    """``build()``, kept for every connection to the same database file in this process (every
    browser session) until any record changes: the stamp is the audit trail's last row, and
    every change to a record, by any connection or process, adds one in the same transaction.
    For what costs seconds at scale and is the same for everyone who may see it (the steering
    committee's live report); ``build`` must not depend on who asks. An in-memory database
    keeps it per connection (:func:`cached`)."""
    path = file_of(db)
    if not path:
        return cached(db, name, build)
    stamp = int(db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0])
    key = (path, name)
    hit = _SHARED.get(key)
    if hit is not None and hit[0] == stamp:
        return cast(T, hit[1])
    value = build()
    with _SHARED_LOCK:  # sessions run in threads of one process
        _SHARED.pop(key, None)
        _SHARED[key] = (stamp, value)
        while len(_SHARED) > SHARED_KEPT:
            del _SHARED[next(iter(_SHARED))]
    return value


def list_organisations(
    db: sqlite_utils.Database,
    search: str = "",
    include_merged: bool = False,
    kind: str | None = None,
    limit: int | None = None,
    only_id: int | None = None,
) -> list[dict[str, Any]]:
    """Organisations whose name (normal form) contains ``search``, or whose KvK number does when
    ``search`` is only digits, spaces and dots; of one ``kind``; by name, at most ``limit``
    (``only_id``: that one organisation, if it matches)."""
    where, params = _organisation_filter(search, include_merged, kind)
    if only_id is not None:
        where += " AND id = :only_id"
        params["only_id"] = only_id
    sql = f"SELECT * FROM organisations WHERE {where} ORDER BY name COLLATE NOCASE, id"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return rows(db, sql, params)


def count_organisations(
    db: sqlite_utils.Database, search: str = "", kind: str | None = None
) -> int:
    """How many organisations :func:`list_organisations` finds without a limit."""
    where, params = _organisation_filter(search, False, kind)
    found = one(db, f"SELECT COUNT(*) AS n FROM organisations WHERE {where}", params)
    return int(found["n"]) if found else 0


def _organisation_filter(
    search: str, include_merged: bool, kind: str | None
) -> tuple[str, dict[str, Any]]:
    needle = normal_org_name(search) if search else ""
    looks_like_kvk = bool(search) and all(c.isdigit() or c in " ." for c in search.strip())
    digits = "".join(c for c in search if c.isdigit()) if looks_like_kvk else ""
    where = ["1 = 1"] if include_merged else ["merged_into IS NULL"]
    params: dict[str, Any] = {}
    if needle:
        match = "instr(normal_name, :needle) > 0"
        params["needle"] = needle
        if digits:
            match = f"({match} OR instr(COALESCE(kvk, ''), :digits) > 0)"
            params["digits"] = digits
        where.append(match)
    if kind:
        where.append("kind = :kind")
        params["kind"] = kind
    return " AND ".join(where), params


def get_organisation(
    db: sqlite_utils.Database, org_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    """An organisation with its people and its participations by year (merged ones included)."""
    org = one(db, "SELECT * FROM organisations WHERE id = ?", [org_id])
    if not org:
        raise FunnelError("not_found", what="organisation")
    canonical = org["canonical_id"]
    members = {
        r["id"] for r in rows(db, "SELECT id FROM organisations WHERE merged_into = ?", [canonical])
    } | {canonical}
    today = today or dt.date.today()
    org["participations"] = _describe(metrics.participations(db, today, org_id=canonical))
    org["persons"] = rows(
        db,
        f"SELECT id, name, email FROM persons WHERE merged_into IS NULL "
        f"AND organisation_id IN ({','.join('?' * len(members))}) ORDER BY name",
        list(members),
    )
    org["merged_from"] = rows(
        db, "SELECT id, name, kvk FROM organisations WHERE merged_into = ?", [canonical]
    )
    return org


def _describe(parts: list[metrics.Participation]) -> list[dict[str, Any]]:
    out = []
    last_year = dt.date.today().year
    for p in sorted(parts, key=lambda p: (p.start, p.via)):
        # a participation counts in every year it overlaps, so it is listed under each of them
        for year in range(p.start.year, (p.end.year if p.end else last_year) + 1):
            out.append(
                {
                    "year": year,
                    "via": p.via,
                    "title": p.title,
                    "start": p.start,
                    "end": p.end,
                    "person_id": p.person_id,
                }
            )
    return sorted(out, key=lambda item: (item["year"], item["start"]))


def list_persons(
    db: sqlite_utils.Database,
    search: str = "",
    limit: int | None = None,
    only_id: int | None = None,
) -> list[dict[str, Any]]:
    """Persons (not merged away) whose name, e-mail or organisation holds ``search`` (any case),
    by name, at most ``limit`` (``only_id``: that one person, if it matches)."""
    where, params = _person_filter(search)
    if only_id is not None:
        where += " AND p.id = :only_id"
        params["only_id"] = only_id
    sql = (
        "SELECT p.*, o.name AS organisation_name FROM persons p "
        f"LEFT JOIN organisations o ON o.id = p.organisation_id WHERE {where} "
        "ORDER BY p.name COLLATE NOCASE, p.id"
    )
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return rows(db, sql, params)


def count_persons(db: sqlite_utils.Database, search: str = "") -> int:
    """How many persons :func:`list_persons` finds without a limit."""
    where, params = _person_filter(search)
    found = one(
        db,
        "SELECT COUNT(*) AS n FROM persons p "
        f"LEFT JOIN organisations o ON o.id = p.organisation_id WHERE {where}",
        params,
    )
    return int(found["n"]) if found else 0


def _person_filter(search: str) -> tuple[str, dict[str, Any]]:
    needle = (search or "").strip().casefold()
    if not needle:
        return "p.merged_into IS NULL", {}
    return (
        "p.merged_into IS NULL AND instr(casefold(COALESCE(p.name, '') || ' ' || "
        "COALESCE(p.email, '') || ' ' || COALESCE(o.name, '')), :needle) > 0",
        {"needle": needle},
    )


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
        # erased on request (services.erase_person blanked its fields): still counted, but
        # nothing about the person can be read, not even where it took part
        person["participations"] = []
        return person
    canonical = person["canonical_id"]
    person["participations"] = _describe(
        metrics.participations(db, today or dt.date.today(), person_id=canonical)
    )
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
        "p.name AS person_name, p.email AS email "
        "FROM attendance a LEFT JOIN organisations o ON o.id = a.organisation_id "
        "LEFT JOIN persons p ON p.id = a.person_id WHERE a.activity_id = ? ORDER BY o.name, p.name",
        [activity_id],
    )
    return activity


def list_intakes(
    db: sqlite_utils.Database,
    coach_id: int | None = None,
    use_case_id: int | None = None,
    intake_id: int | None = None,
) -> list[dict[str, Any]]:
    """Intakes with their company, contact, use case and coach, newest first."""
    sql = (
        "SELECT i.*, o.name AS organisation_name, p.name "
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
    if intake_id is not None:
        sql += " AND i.id = ?"
        params.append(intake_id)
    result = rows(db, sql + " ORDER BY i.intake_date DESC, i.id DESC", params)
    for r in result:
        r["needs"] = json.loads(r["needs"] or "[]")
        r["coach_label"] = user_label(r.pop("coach_name"), r.pop("coach_user"))
    return result


def users_for_select(db: sqlite_utils.Database, role: Role | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, username, display_name, role FROM users WHERE active = 1"
    params: list[Any] = []
    if role:
        sql += " AND role = ?"
        params.append(role.value)
    users = rows(db, sql + " ORDER BY display_name, username", params)
    for u in users:
        u["label"] = user_label(u["display_name"], u["username"])
    return users


def merge_history(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every merge, newest first, with the names on both sides and who merged (``user_label``:
    the person's name, as the other pages show a user)."""
    history = rows(
        db,
        "SELECT m.*, COALESCE(s.name, ps.name) AS source_name, "
        "COALESCE(t.name, pt.name) AS target_name, u.username, u.display_name "
        "FROM merges m "
        "LEFT JOIN organisations s ON s.id = m.source_id AND m.entity = 'organisation' "
        "LEFT JOIN organisations t ON t.id = m.target_id AND m.entity = 'organisation' "
        "LEFT JOIN persons ps ON ps.id = m.source_id AND m.entity = 'person' "
        "LEFT JOIN persons pt ON pt.id = m.target_id AND m.entity = 'person' "
        "LEFT JOIN users u ON u.id = m.user_id ORDER BY m.id DESC",
    )
    for record in history:
        record["user_label"] = user_label(record["display_name"], record["username"])
    return history


# --- imports, targets, users --------------------------------------------------------------------


def targets_table(db: sqlite_utils.Database, years: list[int]) -> list[dict[str, Any]]:
    """One row per year with every target (the stuurgroep's value, else the default)."""
    return [{"year": year, **metrics.targets_for(db, year)} for year in years]


def visible_intakes(db: sqlite_utils.Database, actor: Actor) -> list[dict[str, Any]]:
    """The intakes this actor works with: a coach its own, the programme leader all."""
    return list_intakes(db, coach_id=rights.own_filter(actor, "intake.edit"))


def get_intake(db: sqlite_utils.Database, actor: Actor, intake_id: int) -> dict[str, Any]:
    """One intake (with the contact's e-mail), if the actor may see it."""
    rights.require_intake(db, actor, "intake.edit", intake_id)
    intake = list_intakes(db, intake_id=intake_id)[0]
    person = one(db, "SELECT email FROM persons WHERE id = ?", [intake["person_id"]])
    intake["person_email"] = person["email"] if person else None
    return intake


def editable_use_cases(
    db: sqlite_utils.Database,
    actor: Actor,
    today: dt.date | None = None,
    **filters: Any,
) -> list[dict[str, Any]]:
    """The use cases this actor may edit: all for the programme leader, a coach's own;
    ``filters`` as :func:`list_use_cases` takes them (year, theme, owner_id, search, ...)."""
    own = rights.own_filter(actor, "use_case.edit")
    if own is not None:
        filters["coach_id"] = own
    return list_use_cases(db, today=today, **filters)


def assignable_users(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Accounts that can own or coach a use case (active, with a role that may edit use cases)."""
    roles = rights.roles_that_can("use_case.edit")
    return [u for u in users_for_select(db) if Role(u["role"]) in roles]


def participation_counts(
    db: sqlite_utils.Database, today: dt.date | None = None
) -> dict[str, dict[int, int]]:
    """How many participations each organisation and person has (after merges)."""
    return metrics.participation_counts(db, today or dt.date.today())


def unclassified_count(db: sqlite_utils.Database) -> int:
    """Organisations whose kind is not known yet (for the programme leader to classify)."""
    row = one(
        db,
        "SELECT COUNT(*) AS n FROM organisations WHERE kind = 'unknown' AND merged_into IS NULL",
    )
    return int(row["n"]) if row else 0


# --- personal data (AVG/GDPR) ---------------------------------------------------------------------


def export_person(
    db: sqlite_utils.Database, actor: Actor, person_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    """Everything the database holds about a person (and the records merged into it), as JSON-ready
    data: the records, their participations, intakes, involvements, merges, kept-apart decisions
    and erasures. An erased person's export holds only that it was erased."""
    rights.require(actor, "person.export")
    today = today or dt.date.today()
    members = privacy.records_of(db, person_id)
    marks = ",".join("?" * len(members))
    records = rows(
        db,
        "SELECT p.id, p.name, p.email, p.organisation_id, o.name AS organisation_name, "
        f"p.created_at, p.merged_into, p.erased_at FROM persons p "
        f"LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id IN ({marks}) "
        "ORDER BY p.id",
        members,
    )
    canonical = next(r for r in records if r["merged_into"] is None)
    data: dict[str, Any] = {
        "exported_at": today.isoformat(),
        "person": canonical,
        "merged_records": [r for r in records if r["merged_into"] is not None],
        "erasures": rows(
            db,
            "SELECT e.erased_at, e.records, u.username AS erased_by FROM erasures e "
            "LEFT JOIN users u ON u.id = e.user_id WHERE e.person_id = ? ORDER BY e.id",
            [canonical["id"]],
        ),
    }
    if canonical["erased_at"]:
        return data
    parts = metrics.participations(db, today, person_id=canonical["id"])
    org_names = {r["id"]: r["name"] for r in rows(db, "SELECT id, name FROM organisations")}
    described = [
        {
            "via": p.via,
            "title": p.title,
            "start": p.start.isoformat(),
            "end": p.end.isoformat() if p.end else None,
            "organisation": org_names.get(p.org_id) if p.org_id else None,
        }
        for p in sorted(parts, key=lambda p: (p.start, p.via, p.ref_id))
    ]
    data["participations"] = described
    data["activities"] = rows(
        db,
        "SELECT v.activity_date AS date, v.title, v.activity_type, o.name AS organisation "
        "FROM attendance a JOIN activities v ON v.id = a.activity_id "
        f"LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.person_id IN ({marks}) "
        "ORDER BY v.activity_date, v.id",
        members,
    )
    data["intakes"] = [
        {
            "date": r["intake_date"],
            "organisation": r["organisation_name"],
            "use_case": r["use_case_title"],
            "coach": r["coach_label"],
            "needs": r["needs"],
            "outcome": r["outcome"],
            "notes": r["notes"],
            "next_step": r["next_step"],
        }
        for r in list_intakes(db)
        if r["person_id"] in members
    ]
    data["involvements"] = rows(
        db,
        "SELECT u.title AS use_case, i.role, i.start_date, i.end_date, o.name AS organisation "
        "FROM involvements i JOIN use_cases u ON u.id = i.use_case_id "
        f"LEFT JOIN organisations o ON o.id = i.organisation_id WHERE i.person_id IN ({marks}) "
        "ORDER BY i.start_date, i.id",
        members,
    )
    data["merges"] = rows(
        db,
        "SELECT id, source_id, target_id, merged_at, undone_at FROM merges "
        f"WHERE entity = 'person' AND (source_id IN ({marks}) OR target_id IN ({marks})) "
        "ORDER BY id",
        [*members, *members],
    )
    data["kept_apart"] = rows(
        db,
        "SELECT a_id, b_id, decided_at FROM kept_apart "
        f"WHERE entity = 'person' AND (a_id IN ({marks}) OR b_id IN ({marks}))",
        [*members, *members],
    )
    return data


def persons_due_for_erasure(
    db: sqlite_utils.Database, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Persons not seen (no participation, else not recorded) for the retention setting's years,
    oldest first: the list the programme leader erases from."""
    today = today or dt.date.today()
    years = settings.get(db, "retention_years")
    cutoff = _years_before(today, years)
    last_seen = metrics.last_seen(db, today)
    due = []
    for r in rows(
        db,
        "SELECT p.id, p.name, p.email, p.created_at, o.name AS organisation_name FROM persons p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id "
        "WHERE p.merged_into IS NULL AND p.erased_at IS NULL",
    ):
        seen = last_seen.get(r["id"]) or dt.date.fromisoformat(r["created_at"][:10])
        if seen < cutoff:
            due.append({**r, "last_seen": seen})
    return sorted(due, key=lambda r: (r["last_seen"], r["id"]))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def erasure_log(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """That erasures happened: when, by whom, how many records (never what was erased)."""
    return rows(
        db,
        "SELECT e.id, e.person_id, e.records, e.erased_at, u.username, u.display_name "
        "FROM erasures e LEFT JOIN users u ON u.id = e.user_id ORDER BY e.id DESC",
    )


# --- data quality: classification queue, completeness ---------------------------------------------


def classification_queue(
    db: sqlite_utils.Database, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Organisations of kind ``unknown`` (not merged), most participations first, each with its
    participations, the years it took part, the e-mail domains of its people, and a suggested
    kind read from its name (:func:`funnel.identity.suggest_kind`)."""
    today = today or dt.date.today()
    queue = {
        r["id"]: r
        for r in rows(
            db, "SELECT * FROM organisations WHERE kind = 'unknown' AND merged_into IS NULL"
        )
    }
    for org in queue.values():
        kind, level = suggest_kind(org["name"])
        org.update(
            participations=0,
            years=set(),
            email_domains=set(),
            suggested_kind=kind.value if kind else None,
            suggested_level=level.value if level else None,
        )
    for org_id, (count, years) in metrics.participation_spans(db, today, queue).items():
        if org_id in queue:
            queue[org_id]["participations"], queue[org_id]["years"] = count, years
    for r in rows(
        db,
        "SELECT o.canonical_id AS org, p.email FROM persons p "
        "JOIN organisations o ON o.id = p.organisation_id WHERE p.email IS NOT NULL",
    ):
        if r["org"] in queue:
            queue[r["org"]]["email_domains"].add(r["email"].rpartition("@")[2])
    result = list(queue.values())
    for org in result:
        org["years"] = sorted(org["years"])
        org["email_domains"] = sorted(org["email_domains"])
    return sorted(result, key=lambda o: (-o["participations"], o["name"].casefold()))


#: The completeness checks, in the order the list shows them.
COMPLETENESS_CHECKS = (
    "gate",
    "no_owner",
    "no_next_step",
    "stuck",
    "no_attendance",
    "person_no_organisation",
    "organisation_no_kind",
)


def completeness(db: sqlite_utils.Database, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Everything that is incomplete, one item each: ``check`` (see :data:`COMPLETENESS_CHECKS`),
    the ``entity`` and ``id`` to fix, a ``label``, and ``detail`` (gate codes, days, a date)."""
    today = today or dt.date.today()
    stuck_days = settings.get(db, "stuck_days")
    items: list[dict[str, Any]] = []

    def add(check: str, entity: str, ident: int, label: str, detail: Any = None) -> None:
        items.append(
            {"check": check, "entity": entity, "id": ident, "label": label, "detail": detail}
        )

    events = metrics.load_events(db)
    for case in list_use_cases(db, today=today):
        case_events = events.get(case["id"], [])
        gaps = unmet_gates(reached_by_history(case_events), gate_facts(db, case["id"]))
        if gaps:
            add("gate", "use_case", case["id"], case["title"], gaps)
        if case["stage"] in TERMINAL_VALUES:
            continue
        if not case["owner_id"]:
            add("no_owner", "use_case", case["id"], case["title"])
        if not (case["next_step"] or "").strip():
            add("no_next_step", "use_case", case["id"], case["title"])
        if case["days_in_stage"] is not None and case["days_in_stage"] > stuck_days:
            add("stuck", "use_case", case["id"], case["title"], case["days_in_stage"])
    for r in rows(
        db,
        "SELECT v.id, v.title, v.activity_date FROM activities v WHERE v.activity_date <= ? "
        "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = v.id) "
        "ORDER BY v.activity_date DESC",
        [today.isoformat()],
    ):
        add("no_attendance", "activity", r["id"], r["title"], r["activity_date"])
    for r in rows(
        db,
        "SELECT id, name, email FROM persons WHERE organisation_id IS NULL "
        "AND merged_into IS NULL AND erased_at IS NULL ORDER BY name COLLATE NOCASE",
    ):
        add("person_no_organisation", "person", r["id"], r["name"] or r["email"] or f"#{r['id']}")
    for r in rows(
        db,
        "SELECT id, name FROM organisations WHERE kind = 'unknown' AND merged_into IS NULL "
        "ORDER BY name COLLATE NOCASE",
    ):
        add("organisation_no_kind", "organisation", r["id"], r["name"])
    order = {check: n for n, check in enumerate(COMPLETENESS_CHECKS)}
    # within a check in the order added; the longest stuck first
    return sorted(
        items,
        key=lambda item: (order[item["check"]], -item["detail"] if item["check"] == "stuck" else 0),
    )


def history(
    db: sqlite_utils.Database,
    actor: Actor,
    subject: audit.Subject | None = None,
    subject_id: int | None = None,
) -> list[dict[str, Any]]:
    """The audit trail of a use case, organisation or person (or all of it): programme leader."""
    rights.require(actor, "audit.read")
    return audit.history(db, subject, subject_id)


def sign_in_failures(db: sqlite_utils.Database, actor: Actor, limit: int = 100) -> list[dict]:
    """The latest failed sign-ins, newest first: user name, why, when (never a password)."""
    rights.require(actor, "users.manage")
    from funnel import auth

    return auth.sign_in_failures(db, limit)

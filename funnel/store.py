"""The one write path of the programme's records: activities, attendance, use cases, stage events
and intakes. The app's services, the imports (row by row and in bulk) and the demo generator (which
imports its files) write these tables through the functions here and nowhere else; organisations
and persons are written by :mod:`funnel.directory`, the other tables by the module named in
:data:`OWNERS`. tests/unit/test_architecture.py reads every module of funnel/ and fails when a
table is written from a module other than its owner.

The functions write; the rules of when (find-or-create, attendance once per activity, which
stage may follow which) stay with their callers' checks and with the database's constraints.
Call them inside :func:`funnel.db.transaction`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from funnel.db import insert_many, insert_row, now_iso

#: Which module writes each table: the only one that may (see the module's docstring).
OWNERS: dict[str, str] = {
    # the programme's records
    "activities": "funnel.store",
    "attendance": "funnel.store",
    "use_cases": "funnel.store",
    "stage_events": "funnel.store",
    "intakes": "funnel.store",
    "involvements": "funnel.services",
    "targets": "funnel.services",
    # who and what: identities, their merges
    "organisations": "funnel.directory",
    "persons": "funnel.directory",
    "kept_apart": "funnel.directory",
    "merges": "funnel.directory",
    # accounts and signing in
    "users": "funnel.auth",
    "sign_in_failures": "funnel.auth",
    "sign_in_successes": "funnel.auth",
    "sessions": "funnel.sessions",
    "sso_identities_used": "funnel.sso",
    # the trail, privacy, meetings, the database itself
    "audit": "funnel.audit",
    "audit_erasing": "funnel.audit",
    "erasures": "funnel.privacy",
    "frozen_snapshots": "funnel.meetings",
    "frozen_use_cases": "funnel.meetings",
    "frozen_counted": "funnel.meetings",
    "meta": "funnel.db",
    "schema_version": "funnel.db",
    "sign_in_failures_new": "funnel.db",  # a migration's rebuilt table
    "_touched": "funnel.plan",  # a TEMP table of the planning copy: the rows the plan touched
}

#: Modules that write tables they do not own, and why (each entry is a known exception, kept
#: small on purpose; tests/unit/test_architecture.py fails on any other).
NOT_OWNER_WRITES: dict[tuple[str, str], str] = {
    ("funnel.plan", "*"): "replays onto the database, row for row, what the owners' functions "
    "wrote in the private in-memory copy the import was planned in (PLANNED_TABLES)",
    ("funnel.metrics", "stage_events"): "a private in-memory database holding given events, "
    "counted by the same SQL (metrics._events_db); never the real database",
    ("funnel.db", "*"): "the generic helpers (insert_row) and the schema's audit triggers",
    ("funnel.auth", "sessions"): "end_sessions and the demo's end: sessions.py imports auth, so "
    "auth cannot call it; to be routed once the sessions work (wt-trust) has landed",
    ("funnel.maintenance", "sessions"): "a restore ends every session; see funnel.auth",
}

#: The free-text columns of the records here that an erasure rewrites.
FREE_TEXT_TABLES = frozenset({"intakes", "use_cases", "stage_events"})


# --- activities and attendance ----------------------------------------------------------------


def insert_activity(db: sqlite_utils.Database, record: dict[str, Any]) -> int:
    """A new activity; its id."""
    return insert_row(db, "activities", record)


def insert_attendance(db: sqlite_utils.Database, record: dict[str, Any]) -> int:
    """A new attendance row (an organisation and/or a person at an activity); its id."""
    return insert_row(db, "attendance", record)


def delete_attendance(db: sqlite_utils.Database, attendance_id: int) -> None:
    db.execute("DELETE FROM attendance WHERE id = ?", [attendance_id])


def write_activities(
    conn: sqlite3.Connection,
    new: Iterable[tuple[Any, ...]],
    changed: Iterable[tuple[Any, ...]],
) -> None:
    """An import's activities at once: ``new`` as (id, title, normal_title, activity_date,
    activity_type, fieldlab, created_at), ``changed`` as (activity_type, fieldlab, id)."""
    conn.executemany(
        "INSERT INTO activities (id, title, normal_title, activity_date, activity_type, "
        "fieldlab, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        new,
    )
    conn.executemany("UPDATE activities SET activity_type = ?, fieldlab = ? WHERE id = ?", changed)


def write_attendance(
    conn: sqlite3.Connection,
    new: Iterable[tuple[Any, ...]],
    changed: Iterable[tuple[Any, ...]],
) -> None:
    """An import's attendance at once: ``new`` as (id, activity_id, organisation_id,
    person_id, created_at) (an iterator is written one at a time), ``changed`` as
    (organisation_id, id)."""
    insert_many(
        conn, "attendance", ("id", "activity_id", "organisation_id", "person_id", "created_at"), new
    )
    conn.executemany("UPDATE attendance SET organisation_id = ? WHERE id = ?", changed)


# --- use cases and their stage events ---------------------------------------------------------


def insert_use_case(db: sqlite_utils.Database, record: dict[str, Any]) -> int:
    return insert_row(db, "use_cases", record)


def update_use_case(db: sqlite_utils.Database, case_id: int, changes: dict[str, Any]) -> None:
    db.table("use_cases").update(case_id, changes)


def record_stage_event(
    db: sqlite_utils.Database,
    case_id: int,
    from_stage: str | None,
    to_stage: str,
    effective_on: str,
    user_id: int | None,
    note: str,
) -> int:
    """A stage event of a use case (by a user in the app, or ``user_id`` None: by an import)."""
    return insert_row(
        db,
        "stage_events",
        {
            "use_case_id": case_id,
            "from_stage": from_stage,
            "to_stage": to_stage,
            "effective_on": effective_on,
            "user_id": user_id,
            "note": note,
            "recorded_at": now_iso(),
        },
    )


def delete_stage_events(db: sqlite_utils.Database, event_ids: list[int]) -> None:
    """Stage events an import recorded and records anew (never those made in the app)."""
    if event_ids:
        marks = ",".join("?" * len(event_ids))
        db.execute(f"DELETE FROM stage_events WHERE id IN ({marks})", event_ids)


# --- intakes ----------------------------------------------------------------------------------


def insert_intake(db: sqlite_utils.Database, record: dict[str, Any]) -> int:
    return insert_row(db, "intakes", record)


def update_intake(db: sqlite_utils.Database, intake_id: int, changes: dict[str, Any]) -> None:
    db.table("intakes").update(intake_id, {**changes, "updated_at": now_iso()})


def delete_imported_intakes(db: sqlite_utils.Database, case_id: int) -> int:
    """The intakes of a use case that an import made (no coach); how many there were."""
    return int(
        db.execute(
            "DELETE FROM intakes WHERE use_case_id = ? AND coach_id IS NULL", [case_id]
        ).rowcount
    )


# --- erasure ----------------------------------------------------------------------------------


def replace_free_text(
    db: sqlite_utils.Database, table: str, column: str, row_id: int, text: str
) -> None:
    """An erasure's rewrite of one free-text cell (:data:`funnel.privacy.FREE_TEXT`)."""
    if table not in FREE_TEXT_TABLES:
        raise ValueError(f"no free text of {table} is rewritten here")
    db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [text, row_id])

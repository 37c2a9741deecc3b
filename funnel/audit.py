"""The audit trail: every change to the records, who made it and when, field by field.

The rows are written by triggers (:func:`funnel.db.install_audit`) in the same statement, and
so the same transaction, as the change itself (an import's many new attendance rows: by one
statement right after them, :func:`funnel.db.insert_many`, with the same content); the table
refuses updates and deletes. This
module reads it (a record's history, what changed since the version a form was loaded with),
writes it as CSV, and is the one place that may blank personal data in it (an erasure).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any, Literal

import sqlite_utils

from funnel.auth import user_label
from funnel.db import rows

#: What a history is of: a record (by its id), or the installation's settings (all of them).
Subject = Literal["use_case", "organisation", "person", "setting"]

#: The columns of the CSV export, in order.
CSV_COLUMNS = (
    "id",
    "at",
    "user",
    "source",
    "entity",
    "entity_id",
    "version",
    "action",
    "field",
    "before",
    "after",
)


@dataclass(frozen=True)
class Change:
    """A field changed by someone else since a version: the last one who changed it, and when."""

    field: str
    user_label: str
    at: str


def history(
    db: sqlite_utils.Database, subject: Subject | None = None, subject_id: int | None = None
) -> list[dict[str, Any]]:
    """The trail of one use case, organisation or person (with the rows about it: stage events,
    involvements, intakes, attendance, merges), oldest first; ``setting``: every change of the
    settings (``subject_id`` is not used); without a subject, everything."""
    where, params = "", []
    if subject == "setting":
        where = "WHERE a.entity = 'setting'"
    elif subject is not None:
        column = f"{subject}_id"
        where = f"WHERE a.{column} = ? OR (a.entity = ? AND a.entity_id = ?)"
        params = [subject_id, subject, subject_id]
    return rows(
        db,
        "SELECT a.*, u.display_name, u.username FROM audit a "
        f"LEFT JOIN users u ON u.id = a.user_id {where} ORDER BY a.id",
        params,
    )


def changed_since(
    db: sqlite_utils.Database, entity: str, entity_id: int, version: int
) -> dict[str, Change]:
    """The fields of a record changed after ``version`` (the version a form was loaded with)."""
    found: dict[str, Change] = {}
    for r in rows(
        db,
        "SELECT a.field, a.at, u.display_name, u.username FROM audit a "
        "LEFT JOIN users u ON u.id = a.user_id "
        "WHERE a.entity = ? AND a.entity_id = ? AND a.version > ? AND a.action = 'update' "
        "ORDER BY a.id",
        [entity, entity_id, version],
    ):
        found[r["field"]] = Change(
            r["field"], user_label(r["display_name"], r["username"]), r["at"]
        )
    return found


def to_csv(trail: list[dict[str, Any]]) -> str:
    """The trail as CSV (UTF-8, comma separated, a header row)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in trail:
        label = user_label(r.get("display_name"), r.get("username"))
        writer.writerow(
            [
                *(r[c] for c in CSV_COLUMNS[:2]),
                label,
                *(_safe_cell(r[c]) for c in CSV_COLUMNS[3:]),
            ]
        )
    return out.getvalue()


def _safe_cell(value: Any) -> Any:
    """A value a spreadsheet shows as text: a leading =, +, - or @ would start a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def erase(
    db: sqlite_utils.Database,
    person_ids: list[int],
    general: re.Pattern[str] | None,
    narrow: re.Pattern[str] | None,
    contact_intakes: set[int],
    mark: str,
) -> int:
    """Blank an erased person's data in the trail (inside the erasure's transaction): the
    person's own rows lose every value, other rows lose each occurrence of the name or address
    (``narrow``, also each word of the name, in the intakes it was the contact of). Returns the
    number of rows changed."""
    changed = 0
    db.execute("INSERT INTO audit_erasing (id) VALUES (NULL)")
    try:
        marks = ",".join("?" * len(person_ids))
        cursor = db.execute(
            f"UPDATE audit SET before = CASE WHEN before IS NULL THEN NULL ELSE ? END, "
            f"after = CASE WHEN after IS NULL THEN NULL ELSE ? END "
            f"WHERE entity = 'person' AND entity_id IN ({marks})",
            [mark, mark, *person_ids],
        )
        changed += cursor.rowcount
        for r in rows(
            db,
            "SELECT id, entity, entity_id, before, after FROM audit "
            "WHERE before IS NOT NULL OR after IS NOT NULL",
        ):
            pattern = (
                narrow if r["entity"] == "intake" and r["entity_id"] in contact_intakes else general
            )
            if pattern is None:
                continue
            before, after = _scrub(r["before"], pattern, mark), _scrub(r["after"], pattern, mark)
            if (before, after) != (r["before"], r["after"]):
                db.execute(
                    "UPDATE audit SET before = ?, after = ? WHERE id = ?", [before, after, r["id"]]
                )
                changed += 1
    finally:
        db.execute("DELETE FROM audit_erasing")
    return changed


def _scrub(text: str | None, pattern: re.Pattern[str], mark: str) -> str | None:
    if not text:
        return text
    cleaned = pattern.sub(mark, text)
    if cleaned != text or not text.startswith("{"):
        return cleaned
    # a created or deleted record as JSON: non-ASCII may be escaped there (\u00eb for ë)
    try:
        record = json.loads(text)
    except ValueError:
        return cleaned
    if not isinstance(record, dict):
        return cleaned
    scrubbed = {k: pattern.sub(mark, v) if isinstance(v, str) else v for k, v in record.items()}
    return json.dumps(scrubbed, ensure_ascii=False) if scrubbed != record else text

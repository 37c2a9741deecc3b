"""queries.cached: a long list is built once per state of the database (issue 7: pages at 1M
rows), and any write, by this connection or another, builds it anew."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from funnel import db as storage
from funnel import queries
from funnel.db import now_iso


def _add(db: sqlite_utils.Database, name: str) -> None:
    with storage.transaction(db):
        db.execute(
            "INSERT INTO organisations (name, normal_name, created_at) VALUES (?, ?, ?)",
            [name, name.lower(), now_iso()],
        )


def test_a_list_is_built_once_until_anything_is_written(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    built: list[int] = []

    def build() -> list[str]:
        built.append(1)
        return [o["name"] for o in queries.list_organisations(db)]

    assert queries.cached(db, "names", build) == []
    assert queries.cached(db, "names", build) == []
    assert len(built) == 1
    _add(db, "Tata Steel")  # this connection writes
    assert queries.cached(db, "names", build) == ["Tata Steel"]
    other = storage.connect(db_path)
    _add(other, "Crown van Gelder")  # another connection (another session, an import) writes
    assert queries.cached(db, "names", build) == ["Crown van Gelder", "Tata Steel"]
    assert len(built) == 3
    other.conn.close()


def test_a_report_is_shared_by_every_session_until_anyone_changes_a_record(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    """The steering committee's live report takes seconds at scale: the second session (and
    the third, ...) gets the one the first built, until a change to any record."""
    built: list[int] = []

    def build_with(conn: sqlite_utils.Database) -> object:
        def build() -> list[str]:
            built.append(1)
            return [o["name"] for o in queries.list_organisations(conn)]

        return build

    queries.shared(db, "report", build_with(db))
    other = storage.connect(db_path)  # another browser session
    assert queries.shared(other, "report", build_with(other)) == []
    assert len(built) == 1
    _add(other, "Tata Steel")  # a change, in the audit trail
    assert queries.shared(db, "report", build_with(db)) == ["Tata Steel"]
    assert queries.shared(other, "report", build_with(other)) == ["Tata Steel"]
    assert len(built) == 2
    # another database file never gets this one's report
    third = storage.connect(db_path.with_name("elders.db"))
    assert queries.shared(third, "report", build_with(third)) == []
    assert len(built) == 3


def test_an_in_memory_database_keeps_its_shared_report_to_itself() -> None:
    first, second = storage.connect(":memory:"), storage.connect(":memory:")
    _add(first, "Tata Steel")
    names = lambda conn: lambda: [o["name"] for o in queries.list_organisations(conn)]  # noqa: E731
    assert queries.shared(first, "names", names(first)) == ["Tata Steel"]
    assert queries.shared(second, "names", names(second)) == []

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

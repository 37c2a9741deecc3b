"""Plan a large write outside the write lock, then apply it in one short transaction.

An import resolves every row against the whole database (identities, activities, use cases).
Doing that inside ``BEGIN IMMEDIATE`` would hold the write lock for as long as the file takes,
and every other writer, the app's saves included, would wait. So an import is planned on a
private in-memory copy of the database (its indexes come along, loaded once), by the same
write functions the app uses; triggers on the copy note which rows the plan touched. Applying
the plan is then a few ``executemany`` statements inside one short transaction on the real
database: every touched row is written as it is in the copy (same ids), every row the plan
removed is deleted.

The plan is only valid for the database it was made from. ``PRAGMA data_version`` changes when
another connection commits; the apply step reads it under the write lock and, if anything was
committed since the copy was taken, the import is planned again (never a wrong match). After a
few such rounds the rows are written while holding the lock (and rolled back if the plan is not
to be applied), so a busy database cannot starve an import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import sqlite_utils

from funnel.db import larger_cache, transaction

#: The tables an import may write, parents before children (foreign keys).
PLANNED_TABLES = (
    "organisations",
    "persons",
    "activities",
    "use_cases",
    "attendance",
    "stage_events",
    "intakes",
    "involvements",
)
#: Rounds of planning outside the lock before planning under it.
ROUNDS_OUTSIDE_THE_LOCK = 3


class Stale(Exception):
    """Another connection committed after the plan was made: plan again."""


def data_version(db: sqlite_utils.Database) -> int:
    """SQLite's count of commits by other connections, as this connection sees it now."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


@dataclass
class Plan:
    """A private copy of the database to plan in, and the version of the database it copies."""

    copy: sqlite_utils.Database
    version: int

    @classmethod
    def of(cls, db: sqlite_utils.Database) -> Plan:
        """Copy the database as it is now (a consistent snapshot; SQLite's backup API)."""
        while True:
            before = data_version(db)
            target = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            db.conn.backup(target)
            if data_version(db) == before:
                break
            target.close()  # a commit landed during the copy: copy again
        target.execute("PRAGMA foreign_keys = ON")
        copy = sqlite_utils.Database(target)
        copy.execute("CREATE TEMP TABLE _touched (tbl TEXT NOT NULL, row INTEGER NOT NULL)")
        for table in PLANNED_TABLES:
            for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                copy.execute(
                    f"CREATE TEMP TRIGGER _touch_{table}_{event.lower()} AFTER {event} ON "
                    f"main.{table} BEGIN INSERT INTO _touched VALUES ('{table}', {row}.id); END"
                )
        return cls(copy, before)

    def touched(self) -> dict[str, list[int]]:
        """The ids of the rows the plan inserted, changed or removed, per table."""
        found: dict[str, set[int]] = {}
        for table, row in self.copy.execute("SELECT tbl, row FROM _touched").fetchall():
            found.setdefault(table, set()).add(row)
        return {table: sorted(ids) for table, ids in found.items()}

    def apply(self, db: sqlite_utils.Database) -> None:
        """Write the plan to ``db``: call inside :func:`funnel.db.transaction` on ``db``."""
        if data_version(db) != self.version:
            raise Stale
        touched = self.touched()
        kept: dict[str, list[tuple[object, ...]]] = {}
        gone: dict[str, list[int]] = {}
        columns: dict[str, list[str]] = {}
        for table in PLANNED_TABLES:
            ids = touched.get(table)
            if not ids:
                continue
            # table_info leaves out generated columns (canonical_id), which are never written
            columns[table] = [r[1] for r in self.copy.execute(f"PRAGMA table_info({table})")]
            listed = ",".join(columns[table])
            kept[table] = _in_batches(
                self.copy, f"SELECT {listed} FROM {table} WHERE id IN ({{marks}}) ORDER BY id", ids
            )
            removed = sorted(set(ids) - {row[0] for row in kept[table]})
            if removed:
                gone[table] = removed
        # removals first, children before parents; then every kept row, parents first
        for table in reversed(PLANNED_TABLES):
            if gone.get(table):
                db.conn.executemany(
                    f"DELETE FROM {table} WHERE id = ?", [(i,) for i in gone[table]]
                )
        for table in PLANNED_TABLES:
            if not kept.get(table):
                continue
            names = columns[table]
            updates = ", ".join(f"{c} = excluded.{c}" for c in names if c != "id")
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                kept[table],
            )

    def close(self) -> None:
        self.copy.conn.close()


def _in_batches(
    db: sqlite_utils.Database, sql: str, ids: list[int], size: int = 900
) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        found += db.execute(sql.format(marks=",".join("?" * len(batch))), batch).fetchall()
    return found


def planned_write(
    db: sqlite_utils.Database,
    make: Callable[[sqlite_utils.Database], bool],
) -> bool:
    """Plan with ``make(copy)`` outside the lock, then apply in one short transaction.

    ``make`` writes to the copy it is given and returns whether the plan is to be applied
    (False: a dry run, or a file with errors). It may be called more than once, each time on a
    fresh copy, when another writer committed in between. Returns whether the plan was applied.
    """
    for _round in range(ROUNDS_OUTSIDE_THE_LOCK):
        plan = Plan.of(db)
        try:
            if not make(plan.copy):
                return False
            with transaction(db):
                plan.apply(db)
            return True
        except Stale:
            continue
        finally:
            plan.close()
    # a busy database: write the rows while holding the lock (nobody can commit in between);
    # a plan that is not to be applied is rolled back
    try:
        with transaction(db):
            if not make(db):
                raise _NotApplied
            return True
    except _NotApplied:
        return False


class _NotApplied(Exception):
    pass


State = TypeVar("State")


def read_consistently(
    db: sqlite_utils.Database, load: Callable[[sqlite_utils.Database], State]
) -> tuple[int, State]:
    """``load(db)`` in one read transaction (no write lock: readers never wait), and the
    :func:`data_version` it saw: loaded again if another connection committed meanwhile."""
    while True:
        before = data_version(db)
        if db.conn.in_transaction:
            return before, load(db)
        db.conn.execute("BEGIN")
        try:
            state = load(db)
        finally:
            db.conn.execute("COMMIT")
        if data_version(db) == before:
            return before, state


def planned_in_memory(
    db: sqlite_utils.Database,
    load: Callable[[sqlite_utils.Database], State],
    make: Callable[[State], bool],
    write: Callable[[sqlite_utils.Database, State], None],
) -> bool:
    """As :func:`planned_write`, for a plan made on indexes in memory instead of a copy.

    ``load`` reads what the plan needs (in one read transaction, outside the lock), ``make``
    plans on it and returns whether to apply, ``write`` writes the plan (inside one short
    transaction, after checking that nobody committed since ``load``; else all again).
    """
    for _round in range(ROUNDS_OUTSIDE_THE_LOCK):
        version, state = read_consistently(db, load)
        if not make(state):
            return False
        try:
            with larger_cache(db.conn), transaction(db):
                if data_version(db) != version:
                    raise Stale
                write(db, state)
            return True
        except Stale:
            continue
    # a busy database: read, plan and write while holding the lock
    with larger_cache(db.conn), transaction(db):
        state = load(db)
        if not make(state):
            return False
        write(db, state)
        return True

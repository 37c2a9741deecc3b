"""SQLite storage: the connection (WAL, foreign keys, busy timeout), numbered migrations, writes.

Every write goes through :func:`transaction`, which starts with ``BEGIN IMMEDIATE`` so that
concurrent writers wait for each other instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

DEFAULT_DB = Path("data/funnel.db")
BUSY_TIMEOUT_MS = 10_000

MIGRATIONS: list[str] = [
    # 1: the core schema
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('programme_leader', 'coach', 'steering')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE organisations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        normal_name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'unknown',
        kvk TEXT UNIQUE,
        brin TEXT,
        education_level TEXT,
        region TEXT,
        is_partner INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX organisations_normal_name ON organisations(normal_name);
    CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT,
        normal_name TEXT,
        email TEXT UNIQUE,
        organisation_id INTEGER REFERENCES organisations(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX persons_normal_name ON persons(normal_name, organisation_id);
    CREATE TABLE use_cases (
        id INTEGER PRIMARY KEY,
        ref TEXT UNIQUE,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        source_org_id INTEGER REFERENCES organisations(id),
        theme TEXT,
        fieldlab TEXT,
        effect TEXT,
        owner_id INTEGER REFERENCES users(id),
        coach_id INTEGER REFERENCES users(id),
        next_step TEXT NOT NULL DEFAULT '',
        result_summary TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE stage_events (
        id INTEGER PRIMARY KEY,
        use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        effective_on TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX stage_events_use_case ON stage_events(use_case_id, effective_on, id);
    CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        normal_title TEXT NOT NULL,
        activity_date TEXT NOT NULL,
        activity_type TEXT,
        fieldlab TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (activity_date, normal_title)
    );
    CREATE TABLE attendance (
        id INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        organisation_id INTEGER REFERENCES organisations(id),
        person_id INTEGER REFERENCES persons(id),
        created_at TEXT NOT NULL,
        CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL)
    );
    CREATE UNIQUE INDEX attendance_person ON attendance(activity_id, person_id)
        WHERE person_id IS NOT NULL;
    CREATE UNIQUE INDEX attendance_org_only ON attendance(activity_id, organisation_id)
        WHERE person_id IS NULL;
    CREATE TABLE intakes (
        id INTEGER PRIMARY KEY,
        use_case_id INTEGER REFERENCES use_cases(id),
        organisation_id INTEGER NOT NULL REFERENCES organisations(id),
        person_id INTEGER REFERENCES persons(id),
        intake_date TEXT NOT NULL,
        coach_id INTEGER REFERENCES users(id),
        needs TEXT NOT NULL DEFAULT '[]',
        outcome TEXT NOT NULL DEFAULT 'open',
        notes TEXT NOT NULL DEFAULT '',
        next_step TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT
    );
    CREATE TABLE involvements (
        id INTEGER PRIMARY KEY,
        use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        organisation_id INTEGER REFERENCES organisations(id),
        person_id INTEGER REFERENCES persons(id),
        role TEXT NOT NULL DEFAULT 'other',
        start_date TEXT NOT NULL,
        end_date TEXT,
        created_at TEXT NOT NULL,
        CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL)
    );
    CREATE TABLE targets (
        year INTEGER NOT NULL,
        key TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value >= 0),
        PRIMARY KEY (year, key)
    );
    """,
    # 2: merges of duplicates (undoable), pairs kept apart, privacy erasure, database facts
    """
    ALTER TABLE organisations ADD COLUMN merged_into INTEGER REFERENCES organisations(id);
    ALTER TABLE persons ADD COLUMN merged_into INTEGER REFERENCES persons(id);
    ALTER TABLE persons ADD COLUMN erased_at TEXT;
    CREATE TABLE merges (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL CHECK (entity IN ('organisation', 'person')),
        source_id INTEGER NOT NULL,
        target_id INTEGER NOT NULL,
        moved TEXT NOT NULL DEFAULT '[]',
        user_id INTEGER REFERENCES users(id),
        merged_at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE TABLE kept_apart (
        entity TEXT NOT NULL,
        a_id INTEGER NOT NULL,
        b_id INTEGER NOT NULL,
        user_id INTEGER REFERENCES users(id),
        decided_at TEXT NOT NULL,
        PRIMARY KEY (entity, a_id, b_id)
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: one word per concept (a use case's asset owner), and one way to follow a merge: the
    # record an organisation or person counts as is its canonical_id (itself when not merged)
    """
    ALTER TABLE use_cases RENAME COLUMN source_org_id TO asset_owner_id;
    ALTER TABLE organisations ADD COLUMN canonical_id INTEGER
        GENERATED ALWAYS AS (COALESCE(merged_into, id)) VIRTUAL;
    ALTER TABLE persons ADD COLUMN canonical_id INTEGER
        GENERATED ALWAYS AS (COALESCE(merged_into, id)) VIRTUAL;
    CREATE INDEX organisations_canonical ON organisations(canonical_id);
    CREATE INDEX persons_canonical ON persons(canonical_id);
    CREATE INDEX use_cases_asset_owner ON use_cases(asset_owner_id);
    """,
    # 4: the stuurgroep's meetings: a frozen snapshot per meeting with the lists behind its
    # figures. Nothing refers to the live records (they may be edited, merged or deleted later)
    # and nothing is ever updated or deleted. Persons are kept by id only: no name, no e-mail.
    """
    CREATE TABLE frozen_snapshots (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL CHECK (trim(label) != ''),
        meeting_date TEXT NOT NULL,
        year INTEGER NOT NULL,
        as_of TEXT NOT NULL,
        figures TEXT NOT NULL,
        analytics TEXT NOT NULL DEFAULT '{}',
        user_id INTEGER REFERENCES users(id),
        frozen_at TEXT NOT NULL
    );
    CREATE INDEX frozen_snapshots_meeting ON frozen_snapshots(meeting_date, as_of, id);
    CREATE TABLE frozen_use_cases (
        snapshot_id INTEGER NOT NULL REFERENCES frozen_snapshots(id),
        use_case_id INTEGER NOT NULL,
        ref TEXT,
        title TEXT NOT NULL,
        asset_owner_id INTEGER,
        asset_owner_name TEXT,
        theme TEXT,
        fieldlab TEXT,
        stage TEXT NOT NULL,
        stage_since TEXT NOT NULL,
        last_funnel_stage TEXT,
        in_funnel INTEGER NOT NULL DEFAULT 1,
        core_partners TEXT,
        levels TEXT,
        sectors TEXT,
        PRIMARY KEY (snapshot_id, use_case_id)
    );
    CREATE TABLE frozen_counted (
        snapshot_id INTEGER NOT NULL REFERENCES frozen_snapshots(id),
        kpi TEXT NOT NULL,
        fieldlab TEXT NOT NULL DEFAULT '',
        entity TEXT NOT NULL CHECK (entity IN ('use_case', 'organisation', 'person')),
        entity_id INTEGER NOT NULL,
        name TEXT,
        kind TEXT,
        PRIMARY KEY (snapshot_id, kpi, fieldlab, entity, entity_id),
        CHECK (entity != 'person' OR (name IS NULL AND kind IS NULL))
    );
    CREATE TRIGGER frozen_snapshots_never_change BEFORE UPDATE ON frozen_snapshots
        BEGIN SELECT RAISE(ABORT, 'a frozen snapshot never changes'); END;
    CREATE TRIGGER frozen_snapshots_never_go BEFORE DELETE ON frozen_snapshots
        BEGIN SELECT RAISE(ABORT, 'a frozen snapshot never changes'); END;
    CREATE TRIGGER frozen_use_cases_never_change BEFORE UPDATE ON frozen_use_cases
        BEGIN SELECT RAISE(ABORT, 'a frozen snapshot never changes'); END;
    CREATE TRIGGER frozen_use_cases_never_go BEFORE DELETE ON frozen_use_cases
        BEGIN SELECT RAISE(ABORT, 'a frozen snapshot never changes'); END;
    CREATE TRIGGER frozen_counted_never_change BEFORE UPDATE ON frozen_counted
        BEGIN SELECT RAISE(ABORT, 'a frozen snapshot never changes'); END;
    CREATE TRIGGER frozen_counted_never_go BEFORE DELETE ON frozen_counted
        BEGIN SELECT RAISE(ABORT, 'a frozen snapshot never changes'); END;
    """,
    # 5: that an erasure happened, by whom and when, without the erased data; and an index
    # for the person duplicates (same name in the same organisation)
    """
    CREATE TABLE erasures (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES persons(id),
        records INTEGER NOT NULL DEFAULT 1,
        user_id INTEGER REFERENCES users(id),
        erased_at TEXT NOT NULL
    );
    CREATE INDEX persons_organisation ON persons(organisation_id);
    """,
    # 6: server-side sessions (only a token's sha256 is kept), the log of failed sign-ins
    # (which also decides slowing down and locking), demo accounts that were removed, and no
    # demo password in plain text any more
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
    );
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE TABLE sign_in_failures (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE,
        user_id INTEGER REFERENCES users(id),
        reason TEXT NOT NULL CHECK (reason IN ('password', 'unknown_user', 'disabled', 'locked')),
        at TEXT NOT NULL
    );
    CREATE INDEX sign_in_failures_username ON sign_in_failures(username, at);
    CREATE TABLE sign_in_successes (
        username TEXT PRIMARY KEY COLLATE NOCASE,
        at TEXT NOT NULL
    );
    ALTER TABLE users ADD COLUMN removed_at TEXT;
    DELETE FROM meta WHERE key = 'demo_passwords';
    """,
    # 7: no lost update (a version per
    # editable record, raised by every change) and the audit
    # trail: every change, who and when, field by field, before and after, never updated or
    # deleted (an erasure alone may blank what it erases, while audit_erasing has a row, which
    # only happens inside the erasure's own transaction). The rows are written by triggers
    # that every connection installs (install_audit), so no write path can forget them.
    """
    ALTER TABLE use_cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE intakes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE activities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        source TEXT NOT NULL DEFAULT '',
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        version INTEGER,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        field TEXT,
        before TEXT,
        after TEXT,
        use_case_id INTEGER,
        organisation_id INTEGER,
        person_id INTEGER
    );
    CREATE INDEX audit_entity ON audit(entity, entity_id, id);
    CREATE INDEX audit_use_case ON audit(use_case_id, id) WHERE use_case_id IS NOT NULL;
    CREATE INDEX audit_organisation ON audit(organisation_id, id) WHERE organisation_id IS NOT NULL;
    CREATE INDEX audit_person ON audit(person_id, id) WHERE person_id IS NOT NULL;
    CREATE TABLE audit_erasing (id INTEGER PRIMARY KEY);
    CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit
        WHEN NOT EXISTS (SELECT 1 FROM audit_erasing)
            OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id
            OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
            OR NEW.action IS NOT OLD.action OR NEW.field IS NOT OLD.field
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    """,
    # 8: single sign-on: an account's e-mail address (unique, any case), the refusals of a
    # sign-in by e-mail in the log of failed sign-ins, and the provider identities already
    # used for a sign-in (a hash; each login at the provider gives one session)
    """
    ALTER TABLE users ADD COLUMN email TEXT COLLATE NOCASE;
    CREATE UNIQUE INDEX users_email ON users(email) WHERE email IS NOT NULL;
    CREATE TABLE sign_in_failures_new (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE,
        user_id INTEGER REFERENCES users(id),
        reason TEXT NOT NULL CHECK (reason IN ('password', 'unknown_user', 'disabled', 'locked',
            'sso_unknown', 'sso_unverified', 'sso_no_email')),
        at TEXT NOT NULL
    );
    INSERT INTO sign_in_failures_new (id, username, user_id, reason, at)
        SELECT id, username, user_id, reason, at FROM sign_in_failures;
    DROP TABLE sign_in_failures;
    ALTER TABLE sign_in_failures_new RENAME TO sign_in_failures;
    CREATE INDEX sign_in_failures_username ON sign_in_failures(username, at);
    CREATE TABLE sso_identities_used (
        identity_hash TEXT PRIMARY KEY,
        at TEXT NOT NULL
    );
    """,
    # 9: a use case's next step gets an optional due date (ISO day), for the reminders of what
    # is due or overdue
    """
    ALTER TABLE use_cases ADD COLUMN next_step_due TEXT;
    """,
    # 10: the language an account chose in the app (kept across reloads, tabs and sign-ins)
    """
    ALTER TABLE users ADD COLUMN lang TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

_locks: dict[int, threading.RLock] = {}
_locks_guard = threading.Lock()


def db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file: the given path, else ``$FUNNEL_DB``, else ``data/funnel.db``."""
    if path:
        return Path(path)
    env = os.environ.get("FUNNEL_DB")
    return Path(env) if env else DEFAULT_DB


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def connect(
    path: str | os.PathLike[str] | None = None, migrate: bool = True
) -> sqlite_utils.Database:
    """Open (and create or upgrade) the database, with WAL, foreign keys and a busy timeout."""
    target = db_path(path)
    if str(target) != ":memory:":
        target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        str(target), check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # deleted and overwritten content is zeroed on disk, not left in free space (erasure)
    conn.execute("PRAGMA secure_delete = ON")
    if str(target) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    # searches that ignore case the way Python does (SQLite's lower() knows only A-Z)
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    db = sqlite_utils.Database(conn)
    if migrate:
        upgrade(db)
    install_audit(db)
    return db


def file_of(db: sqlite_utils.Database) -> str:
    """The file ``db`` is kept in ("" for an in-memory database)."""
    return next((r[2] for r in db.conn.execute("PRAGMA database_list") if r[1] == "main"), "")


# --- the audit trail ---------------------------------------------------------------------------

#: The tables whose every change goes into the audit trail, and the entity name it is kept under.
AUDITED: dict[str, str] = {
    "use_cases": "use_case",
    "stage_events": "stage_event",
    "intakes": "intake",
    "involvements": "involvement",
    "organisations": "organisation",
    "persons": "person",
    "activities": "activity",
    "attendance": "attendance",
    "targets": "target",
    "users": "user",
    "merges": "merge",
    "kept_apart": "kept_apart",
}
#: Columns the trail leaves out: normal forms (derived), bookkeeping, the version itself.
NOT_AUDITED = frozenset(
    {"id", "normal_name", "normal_title", "version", "created_at", "updated_at", "recorded_at"}
    # an account's chosen language: a preference, no change to a record
    | {"lang"}
)
#: Columns whose change is recorded without the values.
SECRET = frozenset({"password_hash"})
#: Where a row of each table says which use case, organisation and person it is about.
_ABOUT: dict[str, dict[str, str]] = {
    "use_cases": {"use_case_id": "id", "organisation_id": "asset_owner_id"},
    "organisations": {"organisation_id": "id"},
    "persons": {"person_id": "id", "organisation_id": "organisation_id"},
    "merges": {
        "organisation_id": "CASE WHEN {row}.entity = 'organisation' THEN {row}.target_id END",
        "person_id": "CASE WHEN {row}.entity = 'person' THEN {row}.target_id END",
    },
    "kept_apart": {
        "organisation_id": "CASE WHEN {row}.entity = 'organisation' THEN {row}.a_id END",
        "person_id": "CASE WHEN {row}.entity = 'person' THEN {row}.a_id END",
    },
}
#: Tables whose rows carry a version (raised by every change; see services' conflict check).
VERSIONED = ("use_cases", "intakes", "organisations", "persons", "activities")

_acting: dict[int, tuple[int | None, str]] = {}


@contextlib.contextmanager
def acting(db: sqlite_utils.Database, user_id: int | None, source: str = "app") -> Iterator[None]:
    """Changes made on this connection inside the block are recorded as made by ``user_id``
    (``source``: "app", "import FILE", "cli", ...); nested blocks keep the outer actor."""
    key = id(db.conn)
    previous = _acting.get(key)
    if previous is None or previous[0] is None:
        _acting[key] = (user_id, source)
    try:
        yield
    finally:
        if previous is None:
            _acting.pop(key, None)
        else:
            _acting[key] = previous


def _about(table: str, columns: list[str], row: str) -> list[str]:
    """The use case, organisation and person a row is about, as SQL over ``NEW``/``OLD``."""
    given = _ABOUT.get(table, {})
    found = []
    for name in ("use_case_id", "organisation_id", "person_id"):
        if name in given:
            expression = given[name]
            found.append(
                expression.format(row=row) if "{row}" in expression else f"{row}.{expression}"
            )
        elif name in columns:
            found.append(f"{row}.{name}")
        else:
            found.append("NULL")
    return found


def _audit_triggers(table: str, columns: list[str], bulk: bool = False) -> list[str]:
    """The three triggers that write ``table``'s changes into the trail; ``bulk``: instead, the
    one statement that writes the trail of every row inserted after a rowid (the first ``?``;
    when, who and the source are the other three), as the insert trigger would have."""
    entity = AUDITED[table]
    actor = "?, ?, ?" if bulk else "audit_now(), audit_user(), audit_source()"
    kept = [c for c in columns if c not in NOT_AUDITED]
    versioned = "version" in columns
    head = (
        "INSERT INTO audit (at, user_id, source, entity, entity_id, version, action, field, "
        "before, after, use_case_id, organisation_id, person_id) "
    )

    def record(row: str) -> str:
        pairs = ", ".join(f"'{c}', {row}.{c}" for c in kept if c not in SECRET)
        # json_patch onto {} leaves out the empty (NULL) columns: a created row says what it got
        return f"json_patch('{{}}', json_object({pairs}))"

    def who(row: str, version: str, action: str, field: str, before: str, after: str) -> str:
        about = ", ".join(_about(table, columns, row))
        return (
            f"{actor}, '{entity}', {row}.rowid, {version}, "
            f"'{action}', {field}, {before}, {after}, {about}"
        )

    def value(row: str, column: str) -> str:
        return "'***'" if column in SECRET else f"{row}.{column}"

    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in kept)
    fields = " UNION ALL ".join(
        f"SELECT '{c}' AS f, {value('OLD', c)} AS b, {value('NEW', c)} AS a "
        f"WHERE OLD.{c} IS NOT NEW.{c}"
        for c in kept
    )
    bump = (
        f"UPDATE {table} SET version = OLD.version + 1 "
        "WHERE rowid = NEW.rowid AND NEW.version IS OLD.version; "
        if versioned
        else ""
    )
    new_version = "OLD.version + 1" if versioned else "NULL"
    created = who(
        "NEW", "NEW.version" if versioned else "NULL", "create", "NULL", "NULL", record("NEW")
    )
    if bulk:
        return [
            f"{head} SELECT {created} FROM main.{table} AS NEW WHERE NEW.rowid > ? "
            "ORDER BY NEW.rowid"
        ]
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS _audit_{table}_insert AFTER INSERT ON main.{table} "
        f"BEGIN {head} VALUES ({created}); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS _audit_{table}_update AFTER UPDATE ON main.{table} "
        f"WHEN {changed} BEGIN {bump}"
        f"{head} SELECT {who('NEW', new_version, 'update', 'f', 'b', 'a')} FROM ({fields}); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS _audit_{table}_delete AFTER DELETE ON main.{table} "
        f"BEGIN {head} VALUES ({who('OLD', 'OLD.version' if versioned else 'NULL', 'delete', 'NULL', record('OLD'), 'NULL')}); END",
    ]


def install_audit(db: sqlite_utils.Database) -> None:
    """Put this connection's audit triggers in place (temporary ones: generated from the tables'
    columns as they are now, so a new column is audited without a new trigger)."""
    # by the table, not a migration number (migrations may be renumbered when branches merge)
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
    ).fetchone():
        return
    conn = db.conn
    key = id(conn)
    conn.create_function("audit_now", 0, now_iso)
    conn.create_function("audit_user", 0, lambda: _acting.get(key, (None, ""))[0])
    conn.create_function("audit_source", 0, lambda: _acting.get(key, (None, "app"))[1])
    for table in AUDITED:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for statement in _audit_triggers(table, columns):
            conn.execute(statement)


#: The page cache of a connection while it writes an import's plan (KiB; SQLite's default is
#: 2 MiB): a million attendance rows update eight indexes (attendance's and the trail's) in
#: random order, and with the default most of those pages are read again from the file.
WRITE_CACHE_KIB = 131072


@contextlib.contextmanager
def larger_cache(conn: sqlite3.Connection, kib: int = WRITE_CACHE_KIB) -> Iterator[None]:
    """A larger page cache for one large write (SQLite only takes the memory it uses)."""
    (previous,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


def insert_many(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...], values: Iterable[Any]
) -> int:
    """Insert many new rows into an audited table (inside a :func:`transaction`), with the
    same trail the insert trigger writes, but as one statement after the rows instead of one
    trigger run per row (an import's tens of thousands of attendance rows: the trigger was
    most of the write's time). The rows must come after every existing row (ids from
    ``MAX(id) + 1``, or none); returns the number inserted."""
    (top,) = conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM main.{table}").fetchone()
    trigger = f"_audit_{table}_insert"
    audited = conn.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger' AND name = ?", [trigger]
    ).fetchone()
    marks = ", ".join("?" * len(columns))
    statement = f"INSERT INTO main.{table} ({', '.join(columns)}) VALUES ({marks})"
    if not audited:
        return conn.executemany(statement, values).rowcount
    table_columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    # dropped and put back inside the caller's transaction: a rollback puts it back as well
    conn.execute(f"DROP TRIGGER temp.{trigger}")
    try:
        inserted = conn.executemany(statement, values).rowcount
        user_id, source = _acting.get(id(conn), (None, "app"))
        (trail,) = _audit_triggers(table, table_columns, bulk=True)
        written = conn.execute(trail, [now_iso(), user_id, source, top]).rowcount
    finally:
        for created in _audit_triggers(table, table_columns):
            conn.execute(created)
    if written != inserted:  # a row slotted in below the top: its trail would be missing
        raise RuntimeError(f"{table}: {inserted} rows inserted, {written} in the trail")
    return int(inserted)


def record_change(
    db: sqlite_utils.Database,
    entity: str,
    entity_id: int,
    field: str,
    before: str | None,
    after: str | None,
) -> None:
    """One changed field of something that is not a table row the triggers watch (a setting),
    into the audit trail; call it inside the change's :func:`transaction` (who and the source
    come from there, as for the triggers)."""
    user_id, source = _acting.get(id(db.conn), (None, "app"))
    db.execute(
        "INSERT INTO audit (at, user_id, source, entity, entity_id, action, field, before, after) "
        "VALUES (?, ?, ?, ?, ?, 'update', ?, ?, ?)",
        [now_iso(), user_id, source, entity, entity_id, field, before, after],
    )


def _lock(db: sqlite_utils.Database) -> threading.RLock:
    with _locks_guard:
        return _locks.setdefault(id(db.conn), threading.RLock())


def transaction_lock(db: sqlite_utils.Database) -> threading.RLock:
    """The lock that keeps this connection's threads from writing at once (for work that is no
    :func:`transaction`, such as a restore through the backup API)."""
    return _lock(db)


#: How long one attempt to take the write lock waits before the writer is told it is waiting.
FIRST_WAIT_S = 2.0
#: How long a writer waits for its turn in all, before giving up with a message (not a traceback).
MAX_WAIT_S = 30 * 60.0

Waiter = Callable[[float], None]
_waiters: dict[int, Waiter] = {}


def on_wait(db: sqlite_utils.Database, waiter: Waiter | None) -> None:
    """Tell this connection whom to tell when it must wait for another writer (the CLI prints
    "wacht op een andere import ...", the app shows a note); ``waiter`` gets the seconds waited."""
    if waiter is None:
        _waiters.pop(id(db.conn), None)
    else:
        _waiters[id(db.conn)] = waiter


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _begin_immediate(db: sqlite_utils.Database) -> None:
    """Take the write lock, waiting for other writers as long as it takes (up to MAX_WAIT_S).

    SQLite's busy timeout makes one attempt wait FIRST_WAIT_S; after that the connection's
    waiter is told (once, then every minute) and the attempt repeats, so a second import or a
    save in the app waits its turn instead of failing with "database is locked".
    """
    conn = db.conn
    started = time.monotonic()
    told_at: float | None = None
    conn.execute(f"PRAGMA busy_timeout = {int(FIRST_WAIT_S * 1000)}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
                waited = time.monotonic() - started
                if waited >= MAX_WAIT_S:
                    from funnel.errors import FunnelError

                    raise FunnelError("database_busy", minutes=int(MAX_WAIT_S // 60)) from error
                waiter = _waiters.get(id(conn))
                if waiter and (told_at is None or waited - told_at >= 60):
                    waiter(waited)
                    told_at = waited
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextlib.contextmanager
def transaction(
    db: sqlite_utils.Database, by: Any = None, source: str = "app"
) -> Iterator[sqlite_utils.Database]:
    """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints.

    Everything inside commits together or not at all. A writer that finds another one busy
    waits its turn (see :func:`_begin_immediate`); readers never wait (WAL). ``by`` (an actor
    or a user id) is who the audit trail records for the changes inside (see :func:`acting`).
    """
    user_id = getattr(by, "id", by)
    with _lock(db), acting(db, user_id, source) if by is not None else contextlib.nullcontext():
        conn = db.conn
        if conn.in_transaction:
            name = f"sp_{threading.get_ident()}_{id(object())}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield db
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        _begin_immediate(db)
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")


def schema_version(db: sqlite_utils.Database) -> int:
    """The number of migrations applied to this database (0 for a new one)."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def upgrade(db: sqlite_utils.Database, to_version: int | None = None) -> int:
    """Apply the migrations this database lacks, each in its own transaction; returns the version.

    An up-to-date database is only read: opening it takes no write lock, so a reader (the app's
    sign-in page, ``snapshot``, ``backup``) never waits for an import that is writing.
    """
    target = SCHEMA_VERSION if to_version is None else to_version
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this program ({SCHEMA_VERSION})"
        )
    if current >= target:
        return current
    with transaction(db):
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    # another process may have upgraded meanwhile: each migration re-checks under the lock
    for number in range(1, target + 1):
        with transaction(db):
            if schema_version(db) >= number:
                continue
            for statement in _statements(MIGRATIONS[number - 1]):
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                [number, now_iso()],
            )
    install_audit(db)  # a connection opened before the audit trail existed gets it now
    return schema_version(db)


def _statements(script: str) -> list[str]:
    parts, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                parts.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        parts.append(buffer.strip())
    return parts


def now_iso() -> str:
    """The current time, UTC, as ISO text (for ``recorded_at`` and ``created_at`` columns)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def insert_row(db: sqlite_utils.Database, table: str, record: dict[str, Any]) -> int:
    """Insert one row and return its id (call inside :func:`transaction`)."""
    cursor = db.execute(
        f"INSERT INTO {table} ({', '.join(record)}) VALUES ({', '.join('?' * len(record))})",
        list(record.values()),
    )
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def try_write(db: sqlite_utils.Database, sql: str, params: Any = None, wait_ms: int = 200) -> bool:
    """Run one write statement if the database is free within ``wait_ms``; False if it was busy.

    For writes that may be skipped (a session's last-seen time): a page never waits behind an
    import for them. Outside a transaction it commits at once; inside one it is part of it.
    """
    with _lock(db):
        conn = db.conn
        if conn.in_transaction:
            conn.execute(sql, params or [])
            return True
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            conn.execute(sql, params or [])
            return True
        except sqlite3.OperationalError as error:
            if not _is_busy(error):
                raise
            return False
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def rows(db: sqlite_utils.Database, sql: str, params: Any = None) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts."""
    return list(db.query(sql, params or []))


def one(db: sqlite_utils.Database, sql: str, params: Any = None) -> dict[str, Any] | None:
    """The first row of a query as a dict, or None."""
    found = rows(db, sql, params)
    return found[0] if found else None


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = one(db, "SELECT value FROM meta WHERE key = ?", [key])
    return row["value"] if row else None


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def delete_meta(db: sqlite_utils.Database, key: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM meta WHERE key = ?", [key])


@dataclass(frozen=True)
class Scrubbed:
    """What :func:`scrub` did: the main file rebuilt, and whether the WAL is empty again."""

    vacuumed: bool
    wal_cleared: bool


def scrub(db: sqlite_utils.Database, attempts: int = 3) -> Scrubbed:
    """Leave no old copy of deleted or overwritten data in the files (after an erasure).

    ``secure_delete`` zeroes what is deleted from now on, but a database that was ever written
    without it (a stock SQLite build, the sqlite3 shell) keeps old copies in free space: VACUUM
    rebuilds the main file from the live rows. The WAL still holds every page as it was written
    since the last checkpoint; a TRUNCATE checkpoint copies the pages back and empties it. It
    waits for readers (the busy timeout) and is tried again when a reader held on longer. The
    ``-shm`` file holds only the WAL's index (page numbers), no content. Call outside a
    transaction.
    """
    if db.conn.in_transaction:
        raise RuntimeError("scrub() cannot run inside a transaction")
    with _lock(db):
        vacuumed = True
        try:
            db.execute("VACUUM")
        except sqlite3.OperationalError:
            vacuumed = False  # an in-memory or busy database: the checkpoint still runs
        cleared = False
        for _ in range(attempts):
            busy, *_counts = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                cleared = True
                break
        return Scrubbed(vacuumed, cleared)


def backup(db: sqlite_utils.Database, target: str | os.PathLike[str]) -> Path:
    """A consistent copy of the live database (SQLite's online backup), safe while users work.
    The command line's ``backup`` uses :func:`funnel.maintenance.backup_to` (written aside,
    then renamed; owner-only)."""
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(out))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return out

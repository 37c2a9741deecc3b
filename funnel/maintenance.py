"""Running an installation: backups (dated, the newest N kept), restore, and the doctor's checks.

Every copy goes through SQLite's online backup API: a backup reads one consistent state while the
app and imports go on (WAL: a reader never waits for a writer), and a restore writes into the
live database through SQLite itself, so connections the app holds open see the restored data.
Copying a file over a live database whose WAL the app holds gives "database disk image is
malformed"; this module never does that.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from funnel import db as storage
from funnel import settings
from funnel.errors import FunnelError

#: The name of a dated backup in a backup folder (UTC).
BACKUP_NAME = "funnel-%Y%m%d-%H%M%S.db"
_BACKUP_RE = re.compile(r"^funnel-\d{8}-\d{6}(-\d+)?\.db$")
#: The tables a funnel database has from its first schema version on.
CORE_TABLES = ("users", "use_cases", "organisations", "stage_events")
#: A backup older than this is reported by the doctor (a daily cron job plus slack).
DEFAULT_MAX_AGE_HOURS = 26


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file of the main database of a connection (None in memory)."""
    for _seq, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(filename).resolve() if filename else None
    return None


def backup_to(db: sqlite_utils.Database, target: str | os.PathLike[str]) -> Path:
    """A consistent copy of the live database at ``target`` (written aside, then renamed, so a
    half-written backup never carries the name; readable by the owner only: it holds personal
    data). Refuses to write over the live database itself."""
    out = Path(target)
    live = database_file(db)
    if live is not None and out.resolve() == live:
        raise FunnelError("backup_same_file", path=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
        # one self-contained file: the copy says "WAL" like its source, which would give it
        # -wal and -shm files beside it as soon as anything opens it
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    os.chmod(partial, 0o600)
    os.replace(partial, out)
    return out


def backup_into(
    db: sqlite_utils.Database,
    folder: str | os.PathLike[str],
    keep: int | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """A dated backup in ``folder`` (``funnel-YYYYMMDD-HHMMSS.db``); with ``keep``, the dated
    backups beyond the newest ``keep`` are deleted (other files in the folder are left alone)."""
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    target = where / stamp.strftime(BACKUP_NAME)
    number = 1
    while target.exists():
        number += 1
        target = where / stamp.strftime(BACKUP_NAME).replace(".db", f"-{number}.db")
    made = backup_to(db, target)
    if keep is not None:
        for old in dated_backups(where)[:-keep]:
            old.unlink(missing_ok=True)
    return made


def dated_backups(folder: Path) -> list[Path]:
    """The dated backups in a folder, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _BACKUP_RE.match(p.name) and p.is_file())


# --- restore ---------------------------------------------------------------------------------------


def check_backup_file(path: str | os.PathLike[str]) -> int:
    """The schema version of a sound funnel database at ``path``; else a refusal that says why
    (missing, not a funnel database, damaged, or newer than this program)."""
    source = Path(path)
    if not source.is_file():
        raise FunnelError("restore_missing", path=str(source))
    try:
        con = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise FunnelError("restore_not_funnel", path=str(source)) from error
    try:
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error):
                raise FunnelError("restore_not_funnel", path=str(source)) from error
            raise FunnelError("restore_damaged", path=str(source), detail=str(error)) from error
        try:
            verdict = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
        except sqlite3.DatabaseError as error:
            raise FunnelError("restore_damaged", path=str(source), detail=str(error)) from error
        if verdict != ["ok"]:
            raise FunnelError("restore_damaged", path=str(source), detail=verdict[0])
        if "schema_version" not in tables or not set(CORE_TABLES) <= tables:
            raise FunnelError("restore_not_funnel", path=str(source))
        version = int(con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
    finally:
        con.close()
    if version > storage.SCHEMA_VERSION:
        raise FunnelError(
            "restore_newer", path=str(source), version=version, supported=storage.SCHEMA_VERSION
        )
    if version < 1:
        raise FunnelError("restore_not_funnel", path=str(source))
    return version


def restore(
    db: sqlite_utils.Database, source: str | os.PathLike[str], now: dt.datetime | None = None
) -> Path | None:
    """Replace the live database's content by the backup at ``source``; returns where a copy of
    the database as it was before is kept (next to it, ``NAME.before-restore-STAMP``).

    The backup is checked first (:func:`check_backup_file`); then SQLite's backup API writes it
    into the live database (waiting for a writer that is busy), an older backup is upgraded to
    the current schema, and every session is ended (sign in again: a session revoked after the
    backup was made must not come back to life).
    """
    check_backup_file(source)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    live = database_file(db)
    kept = None
    if live is not None:
        kept = backup_to(db, live.with_name(f"{live.name}.before-restore-{stamp:%Y%m%d-%H%M%S}"))
    if db.conn.in_transaction:
        raise RuntimeError("restore() cannot run inside a transaction")
    src = sqlite3.connect(f"file:{Path(source).resolve()}?mode=ro", uri=True)
    try:
        with storage.transaction_lock(db):
            src.backup(db.conn)
    finally:
        src.close()
    if live is not None:
        db.execute("PRAGMA journal_mode = WAL")
    storage.upgrade(db)
    with storage.transaction(db):
        db.execute(
            "UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL",
            [stamp.isoformat(timespec="microseconds")],
        )
    return kept


# --- doctor ----------------------------------------------------------------------------------------


@dataclass
class Check:
    """One finding of the doctor: what was checked, ok/warning/error, and the message's key."""

    check: str
    status: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


def doctor(
    path: str | os.PathLike[str],
    backups: str | os.PathLike[str] | None = None,
    max_age_hours: int = DEFAULT_MAX_AGE_HOURS,
    now: dt.datetime | None = None,
) -> list[Check]:
    """Check a deployment without changing it: the database opens, its schema is current, its
    integrity, WAL, an account that can manage, a demo left in place, the settings, and the age
    and soundness of the newest backup in ``backups``."""
    target = Path(path)
    found: list[Check] = []
    if not target.is_file():
        return [Check("database", "error", "doctor.db_missing", {"path": str(target)})]
    try:
        db = storage.connect(target, migrate=False)
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        return [Check("database", "error", "doctor.db_unreadable", {"path": str(target), "detail": str(error)})]  # fmt: skip
    try:
        size_mb = round(target.stat().st_size / 1e6, 1)
        found.append(Check("database", "ok", "doctor.db_ok", {"path": str(target), "mb": size_mb}))
        found += _schema_checks(db)
        if found[-1].status != "error":
            found += _content_checks(db)
    finally:
        db.conn.close()
    found.append(_backup_check(backups, max_age_hours, now))
    return found


def _schema_checks(db: sqlite_utils.Database) -> list[Check]:
    checks = []
    try:
        verdict = [r[0] for r in db.execute("PRAGMA integrity_check(5)").fetchall()]
    except sqlite3.DatabaseError as error:
        verdict = [str(error)]
    if verdict == ["ok"]:
        checks.append(Check("integrity", "ok", "doctor.integrity_ok"))
    else:
        checks.append(Check("integrity", "error", "doctor.integrity_bad", {"detail": verdict[0]}))
        return checks
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode == "wal":
        checks.append(Check("journal", "ok", "doctor.journal_ok"))
    else:
        checks.append(Check("journal", "warning", "doctor.journal_not_wal", {"mode": mode}))
    version, current = storage.schema_version(db), storage.SCHEMA_VERSION
    if version == current:
        checks.append(Check("schema", "ok", "doctor.schema_ok", {"version": version}))
    elif version < current:
        checks.append(
            Check("schema", "error", "doctor.schema_old", {"version": version, "current": current})
        )
    else:
        checks.append(
            Check(
                "schema", "error", "doctor.schema_newer", {"version": version, "current": current}
            )
        )
    return checks


def _content_checks(db: sqlite_utils.Database) -> list[Check]:
    from funnel import auth

    checks = []
    leaders = db.execute(
        "SELECT COUNT(*) FROM users WHERE role = 'programme_leader' AND active = 1 "
        "AND removed_at IS NULL"
    ).fetchone()[0]
    if leaders:
        checks.append(Check("accounts", "ok", "doctor.leader_ok", {"count": leaders}))
    else:
        checks.append(Check("accounts", "warning", "doctor.no_leader"))
    if auth.is_demo(db):
        checks.append(Check("demo", "warning", "doctor.demo"))
    values, bad = [], []
    for name in settings.SETTINGS:
        stored = storage.get_meta(db, settings.meta_key(name))
        try:
            value = settings.checked(name, stored) if stored is not None else settings.get(db, name)
        except FunnelError:
            bad.append(f"{name}={stored}")
            continue
        values.append(f"{name}={value}")
    if bad:
        checks.append(Check("settings", "error", "doctor.settings_bad", {"values": ", ".join(bad)}))
    else:
        checks.append(Check("settings", "ok", "doctor.settings_ok", {"values": ", ".join(values)}))
    return checks


def _backup_check(
    backups: str | os.PathLike[str] | None, max_age_hours: int, now: dt.datetime | None
) -> Check:
    folder = backups or os.environ.get("FUNNEL_BACKUPS")
    if not folder:
        return Check("backup", "warning", "doctor.backup_unknown")
    where = Path(folder)
    newest = (
        dated_backups(where)[-1:]
        or sorted((p for p in where.glob("*.db") if p.is_file()), key=lambda p: p.stat().st_mtime)[
            -1:
        ]
    )
    if not newest:
        return Check("backup", "error", "doctor.backup_none", {"folder": str(where)})
    last = newest[0]
    moment = (now or dt.datetime.now(dt.UTC)).timestamp()
    hours = int((moment - last.stat().st_mtime) // 3600)
    try:
        check_backup_file(last)
    except FunnelError as error:
        return Check(
            "backup", "error", "doctor.backup_bad", {"name": last.name, "code": error.code}
        )
    params = {"name": last.name, "hours": hours, "max": max_age_hours}
    if hours > max_age_hours:
        return Check("backup", "error", "doctor.backup_old", params)
    return Check("backup", "ok", "doctor.backup_ok", params)

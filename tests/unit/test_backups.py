"""Backups, restore and doctor: a backup restores to identical snapshots and rows, restore checks
the file first and goes through SQLite's backup API into the live database (while the app holds
it open), ``--keep N`` keeps the newest N, and ``doctor`` checks a deployment."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from funnel import auth, demo, maintenance, sessions
from funnel import db as storage
from funnel.cli import cli
from funnel.db import rows, transaction
from funnel.directory import resolve_org
from funnel.models import OrgKind
from tests.conftest import dump_tables

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 6, 30)


def run(db_path: Path, *args: str, lang: str = "nl"):
    return CliRunner().invoke(cli, ["--db", str(db_path), "--lang", lang, *args])


@pytest.fixture
def live(tmp_path: Path) -> Path:
    path = tmp_path / "live" / "funnel.db"
    database = storage.connect(path)
    demo.fill(database, today=TODAY)
    database.conn.close()
    return path


def _snapshots(path: Path) -> list[str]:
    out = []
    for year in (2023, 2024, 2025):
        done = run(path, "snapshot", "--year", str(year), "--as-of", f"{year}-06-30")
        assert done.exit_code == 0, done.output
        out.append(done.output)
    return out


def _canonical(path: Path) -> dict:
    database = storage.connect(path, migrate=False)
    try:
        dump = dump_tables(database)
    finally:
        database.conn.close()
    dump.pop("sessions", None)  # a restore ends every session: signed in again after it
    return dump


def test_a_backup_restores_to_identical_snapshots_and_rows(live: Path, tmp_path: Path) -> None:
    before_snaps, before_rows = _snapshots(live), _canonical(live)
    backup = tmp_path / "b.db"
    assert run(live, "backup", str(backup)).exit_code == 0
    database = storage.connect(live)
    with transaction(database):
        resolve_org(database, "Na de back-up B.V.", "87654321", OrgKind.COMPANY)
        database.execute(
            "DELETE FROM attendance WHERE activity_id IN "
            "(SELECT id FROM activities WHERE activity_date LIKE '2024-0%')"
        )
    database.conn.close()
    assert _snapshots(live) != before_snaps
    restored = run(live, "restore", str(backup), "--yes")
    assert restored.exit_code == 0, restored.output
    assert _snapshots(live) == before_snaps
    assert _canonical(live) == before_rows


def test_restore_while_the_app_holds_the_database_open_leaves_no_damage(
    live: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    assert run(live, "backup", str(backup)).exit_code == 0
    app = storage.connect(live)  # the app's connection, with its WAL and a session
    leader = auth.authenticate(app, "leider", "leider-demo")
    token = sessions.create(app, leader.id)
    with transaction(app):
        resolve_org(app, "Alleen in de live database", None, OrgKind.COMPANY)
    done = subprocess.run(
        [sys.executable, "-m", "funnel", "--db", str(live), "restore", str(backup), "--yes"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the app's own connection reads the restored data, and the file is sound
    assert app.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not rows(app, "SELECT id FROM organisations WHERE name = 'Alleen in de live database'")
    assert sessions.validate(app, token) is None  # a restore signs everybody out
    with transaction(app):
        resolve_org(app, "Na het terugzetten", None, OrgKind.COMPANY)
    app.conn.close()
    # and a copy of the database as it was before the restore is kept beside it
    kept = list(live.parent.glob("funnel.db.before-restore-*"))
    assert len(kept) == 1
    old = sqlite3.connect(kept[0])
    names = [r[0] for r in old.execute("SELECT name FROM organisations")]
    assert "Alleen in de live database" in names


def test_restore_refuses_a_file_that_is_no_sound_funnel_database(
    live: Path, tmp_path: Path
) -> None:
    before = _canonical(live)
    text = tmp_path / "notes.db"
    text.write_text("geen database")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    newer = tmp_path / "newer.db"
    assert run(live, "backup", str(newer)).exit_code == 0
    con = sqlite3.connect(newer)
    con.execute("INSERT INTO schema_version VALUES (999, 'x')")
    con.commit()
    con.close()
    damaged = tmp_path / "damaged.db"
    assert run(live, "backup", str(damaged)).exit_code == 0
    data = bytearray(damaged.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096 * 7):  # scribble over some pages
        data[offset + 100 : offset + 400] = os.urandom(300)
    damaged.write_bytes(bytes(data))
    for path, word in [
        (text, "geen funnel-database"),
        (other, "geen funnel-database"),
        (newer, "nieuwer"),
        (damaged, "beschadigd"),
        (tmp_path / "missing.db", "bestaat niet"),
    ]:
        refused = run(live, "restore", str(path), "--yes")
        assert refused.exit_code == 1, (path, refused.output)
        assert word in refused.output, (path, refused.output)
    assert _canonical(live) == before


def test_backup_keep_writes_dated_files_and_keeps_the_newest(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup: left alone")
    made = []
    for i in range(5):
        stamp = dt.datetime(2026, 3, 1 + i, 2, 0, tzinfo=dt.UTC)
        made.append(maintenance.backup_into(storage.connect(live), folder, keep=3, now=stamp))
    kept = sorted(p.name for p in folder.glob("funnel-*.db"))
    assert kept == sorted(p.name for p in made[-3:])
    assert kept[0].startswith("funnel-20260303-")
    assert (folder / "notes.txt").exists()
    done = run(live, "backup", str(folder), "--keep", "2")
    assert done.exit_code == 0, done.output
    assert len(list(folder.glob("funnel-*.db"))) == 2
    assert run(live, "backup", str(folder), "--keep", "0").exit_code == 2


def test_backup_refuses_to_overwrite_the_live_database(live: Path) -> None:
    done = run(live, "backup", str(live))
    assert done.exit_code == 1
    assert storage.connect(live).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_backup_while_an_import_holds_the_write_lock_finishes(live: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    for i in range(30_000):
        writer.execute("INSERT INTO targets (year, key, value) VALUES (?, ?, 1)", [2100, f"k{i}"])
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "funnel", "--db", str(live), "backup", str(tmp_path / "b.db")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    writer.execute("ROLLBACK")
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30


# --- doctor --------------------------------------------------------------------------------------


def test_doctor_passes_a_sound_deployment_and_says_what_it_checked(
    live: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    database = storage.connect(live)
    auth.create_user(database, "hanna", "een-echt-wachtwoord", "programme_leader")
    auth.end_demo(database)
    maintenance.backup_into(database, folder, keep=14)
    database.conn.close()
    done = run(live, "doctor", "--backups", str(folder))
    assert done.exit_code == 0, done.output
    for word in ("schema", "integriteit", "back-up", "instellingen"):
        assert word in done.output.lower(), done.output
    english = run(live, "doctor", "--backups", str(folder), lang="en")
    assert english.exit_code == 0 and "integrity" in english.output.lower()


def test_doctor_fails_on_a_missing_database_an_old_backup_and_no_backup(
    live: Path, tmp_path: Path
) -> None:
    missing = run(tmp_path / "nothing-here.db", "doctor")
    assert missing.exit_code == 1 and "bestaat niet" in missing.output
    assert not (tmp_path / "nothing-here.db").exists()  # doctor creates nothing
    empty = tmp_path / "empty-backups"
    empty.mkdir()
    none = run(live, "doctor", "--backups", str(empty))
    assert none.exit_code == 1 and "geen back-up" in none.output.lower()
    old = maintenance.backup_into(storage.connect(live), empty, keep=3)
    two_days = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days, two_days))
    stale = run(live, "doctor", "--backups", str(empty))
    assert stale.exit_code == 1 and "48 uur" in stale.output, stale.output


def test_doctor_warns_for_a_demo_database_and_fails_for_an_old_schema(
    live: Path, tmp_path: Path
) -> None:
    done = run(live, "doctor")
    assert "demodatabase" in done.output.lower()
    old = tmp_path / "old.db"
    database = storage.connect(old, migrate=False)
    storage.upgrade(database, to_version=3)
    database.conn.close()
    outdated = run(old, "doctor")
    assert outdated.exit_code == 1 and "schema" in outdated.output.lower()
    assert storage.schema_version(storage.connect(old, migrate=False)) == 3  # not upgraded


def test_doctor_json_lists_every_check(live: Path) -> None:
    done = run(live, "doctor", "--format", "json")
    checks = json.loads(done.output)
    assert {c["check"] for c in checks} >= {"database", "schema", "integrity", "settings"}
    assert all(c["status"] in ("ok", "warning", "error") for c in checks)

"""Storage and command line: migrations keep data, pragmas, transactions, help texts."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import click
import pytest
import sqlite_utils
from click.testing import CliRunner

from funnel import db as storage
from funnel import meetings, metrics
from funnel.cli import cli

REPO = Path(__file__).resolve().parents[2]


def fill_version_1(db: sqlite_utils.Database) -> None:
    """A few rows in the version-1 schema, written as version 1 knew it."""
    now = "2024-05-01T10:00:00+00:00"
    db.execute(
        "INSERT INTO users (id, username, role, password_hash, created_at) "
        "VALUES (1, 'leider', 'programme_leader', 'x', ?)",
        [now],
    )
    db.execute(
        "INSERT INTO organisations (id, name, normal_name, kind, kvk, created_at) "
        "VALUES (1, 'Acme B.V.', 'acme', 'company', '12345678', ?)",
        [now],
    )
    db.execute(
        "INSERT INTO persons (id, name, normal_name, email, organisation_id, created_at) "
        "VALUES (1, 'Jan', 'jan', 'jan@acme.nl', 1, ?)",
        [now],
    )
    db.execute(
        "INSERT INTO use_cases (id, ref, title, source_org_id, owner_id, created_at) "
        "VALUES (1, 'R-1', 'Restwarmte', 1, 1, ?)",
        [now],
    )
    db.execute(
        "INSERT INTO stage_events (use_case_id, from_stage, to_stage, effective_on, user_id, "
        "recorded_at) VALUES (1, NULL, 'detected', '2024-04-01', 1, ?)",
        [now],
    )
    db.execute(
        "INSERT INTO activities (id, title, normal_title, activity_date, created_at) "
        "VALUES (1, 'Meetup', 'meetup', '2024-04-02', ?)",
        [now],
    )
    db.execute(
        "INSERT INTO attendance (activity_id, organisation_id, person_id, created_at) "
        "VALUES (1, 1, 1, ?)",
        [now],
    )
    db.execute("INSERT INTO targets (year, key, value) VALUES (2024, 'unique_companies', 150)")


def test_a_version_1_database_is_upgraded_on_open_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = storage.connect(path, migrate=False)
    assert storage.upgrade(old, to_version=1) == 1
    with storage.transaction(old):
        fill_version_1(old)
    assert "merged_into" not in old.table("organisations").columns_dict
    before = {
        table: old.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in old.table_names()
        if table != "schema_version"
    }
    old.conn.close()

    db = storage.connect(path)
    assert storage.schema_version(db) == storage.SCHEMA_VERSION
    assert storage.SCHEMA_VERSION >= 2
    for table, rows in before.items():
        now = db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        assert [row[: len(old_row)] for row, old_row in zip(now, rows, strict=True)] == rows
    assert db.execute("SELECT merged_into FROM organisations").fetchall() == [(None,)]
    assert db.execute("SELECT erased_at FROM persons").fetchall() == [(None,)]
    assert db.table("merges").exists() and db.table("meta").exists()
    db.conn.close()


def test_the_version_1_data_still_counts_after_the_upgrade(tmp_path: Path) -> None:
    from funnel import metrics

    path = tmp_path / "old.db"
    old = storage.connect(path, migrate=False)
    storage.upgrade(old, to_version=1)
    with storage.transaction(old):
        fill_version_1(old)
    old.conn.close()

    found = metrics.snapshot(storage.connect(path), 2024)
    assert (found["use_cases_detected"], found["unique_companies"], found["unique_persons"]) == (
        1,
        1,
        1,
    )
    assert found["targets"]["unique_companies"] == 150


def test_upgrading_to_version_3_names_the_asset_owner_and_follows_merges_in_one_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    old = storage.connect(path, migrate=False)
    storage.upgrade(old, to_version=2)
    with storage.transaction(old):
        fill_version_1(old)
        old.execute(
            "INSERT INTO organisations (id, name, normal_name, kind, created_at, merged_into) "
            "VALUES (2, 'Acme', 'acme', 'company', 'now', 1)"
        )
    old.conn.close()

    db = storage.connect(path)
    assert "source_org_id" not in db.table("use_cases").columns_dict
    assert db.execute("SELECT asset_owner_id FROM use_cases").fetchall() == [(1,)]
    # a merged organisation counts as the one it was merged into, an unmerged one as itself
    assert db.execute("SELECT id, canonical_id FROM organisations ORDER BY id").fetchall() == [
        (1, 1),
        (2, 1),
    ]
    db.execute("UPDATE organisations SET merged_into = NULL WHERE id = 2")
    assert db.execute("SELECT canonical_id FROM organisations WHERE id = 2").fetchone() == (2,)
    db.conn.close()


def test_upgrading_to_version_4_adds_the_meetings_and_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = storage.connect(path, migrate=False)
    storage.upgrade(old, to_version=1)
    with storage.transaction(old):
        fill_version_1(old)
    assert storage.upgrade(old, to_version=3) == 3
    assert not old.table("frozen_snapshots").exists()
    before = metrics.snapshot(old, 2024, dt.date(2024, 12, 31))
    old.conn.close()

    db = storage.connect(path)
    assert storage.schema_version(db) >= 4
    for table in ("frozen_snapshots", "frozen_use_cases", "frozen_counted"):
        assert db.table(table).exists(), table
    assert metrics.snapshot(db, 2024, dt.date(2024, 12, 31)) == before
    # the first meeting of an upgraded database freezes its old data
    snapshot_id = meetings.freeze(db, "Eerste stuurgroep", 2024, dt.date(2024, 12, 31))
    assert meetings.load(db, snapshot_id).figures["unique_companies"] == before["unique_companies"]
    db.conn.close()


def test_opening_an_up_to_date_database_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    storage.connect(path).conn.close()
    db = storage.connect(path)
    versions = db.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert versions == [(n,) for n in range(1, storage.SCHEMA_VERSION + 1)]


def test_a_database_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    db = storage.connect(path)
    db.execute(
        "INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')",
        [storage.SCHEMA_VERSION + 1],
    )
    db.conn.close()
    with pytest.raises(RuntimeError):
        storage.connect(path)


def test_foreign_keys_are_enforced(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO stage_events (use_case_id, to_stage, effective_on, recorded_at) "
            "VALUES (999, 'detected', '2025-01-01', 'now')"
        )


def test_the_database_uses_wal_and_a_busy_timeout(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_a_write_transaction_rolls_back_completely_on_error(db: sqlite_utils.Database) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), storage.transaction(db):
        db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'a', 1)")
        with storage.transaction(db):
            db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'b', 2)")
        db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'c', 3)")
        raise Boom
    assert db.execute("SELECT COUNT(*) FROM targets").fetchone() == (0,)
    assert not db.conn.in_transaction


def test_a_failed_inner_transaction_rolls_back_only_its_own_writes(
    db: sqlite_utils.Database,
) -> None:
    with storage.transaction(db):
        db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'kept', 1)")
        with pytest.raises(sqlite3.IntegrityError), storage.transaction(db):
            db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'gone', 2)")
            db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'bad', -1)")
    assert db.execute("SELECT key FROM targets").fetchall() == [("kept",)]


def test_a_committed_transaction_is_seen_by_another_connection(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    with storage.transaction(db):
        db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'x', 7)")
    other = storage.connect(db_path)
    assert other.execute("SELECT value FROM targets").fetchall() == [(7,)]
    other.conn.close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    other = storage.connect(db_path)
    started, errors = threading.Event(), []

    def second_writer() -> None:
        started.wait()
        try:
            with storage.transaction(other):
                other.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'second', 2)")
        except sqlite3.OperationalError as error:
            errors.append(error)

    thread = threading.Thread(target=second_writer)
    thread.start()
    with storage.transaction(db):
        db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'first', 1)")
        started.set()
        time.sleep(0.3)
    thread.join(timeout=30)
    assert errors == []
    assert db.execute("SELECT key FROM targets ORDER BY value").fetchall() == [
        ("first",),
        ("second",),
    ]
    other.conn.close()


def test_the_database_path_comes_from_the_option_then_funnel_db_then_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FUNNEL_DB", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["user", "list"]).exit_code == 0
    assert (tmp_path / "data" / "funnel.db").exists()
    monkeypatch.setenv("FUNNEL_DB", str(tmp_path / "env.db"))
    assert runner.invoke(cli, ["user", "list"]).exit_code == 0
    assert (tmp_path / "env.db").exists()
    assert runner.invoke(cli, ["--db", str(tmp_path / "opt.db"), "user", "list"]).exit_code == 0
    assert (tmp_path / "opt.db").exists()


def test_backup_writes_a_consistent_copy(db: sqlite_utils.Database, tmp_path: Path) -> None:
    with storage.transaction(db):
        db.execute("INSERT INTO targets (year, key, value) VALUES (2025, 'x', 7)")
    copy = storage.backup(db, tmp_path / "copy" / "b.db")
    restored = storage.connect(copy)
    assert restored.execute("SELECT value FROM targets").fetchall() == [(7,)]
    restored.conn.close()


# --- the command line ---------------------------------------------------------------------------


def all_commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in group.commands.items():
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*path, name)))
    return found


COMMANDS = all_commands(cli)


def test_the_cli_has_the_commands_of_the_spec() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    expected = {
        "import participants",
        "import use-cases",
        "snapshot",
        "demo",
        "user add",
        "user passwd",
        "user list",
        "backup",
    }
    assert expected <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_cli_command_has_help_text(path: tuple[str, ...]) -> None:
    command = dict(COMMANDS)[path]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    assert (command.get_short_help_str() or "").strip()


def test_python_m_funnel_help_works(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FUNNEL_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "funnel", "--help"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    for name in ("import", "snapshot", "demo", "user", "backup"):
        assert name in done.stdout
    assert not (tmp_path / "data").exists(), "--help must not create a database"


def test_upgrading_to_version_8_adds_the_email_and_keeps_the_failed_sign_ins(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    old = storage.connect(path, migrate=False)
    storage.upgrade(old, to_version=7)
    with storage.transaction(old):
        old.execute(
            "INSERT INTO users (username, role, password_hash, created_at) "
            "VALUES ('piet', 'coach', 'x', '2026-01-01')"
        )
        old.execute(
            "INSERT INTO sign_in_failures (username, user_id, reason, at) "
            "VALUES ('piet', 1, 'password', '2026-01-02')"
        )
    old.conn.close()

    db = storage.connect(path)
    assert storage.schema_version(db) >= 8
    assert [tuple(r) for r in db.execute("SELECT username, reason FROM sign_in_failures")] == [
        ("piet", "password")
    ]
    with storage.transaction(db):  # the new reasons are accepted, the e-mail is unique any case
        db.execute(
            "INSERT INTO sign_in_failures (username, reason, at) VALUES ('x@y.nl', 'sso_unknown', 'n')"
        )
        db.execute("UPDATE users SET email = 'piet@x.nl' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError), storage.transaction(db):
        db.execute(
            "INSERT INTO users (username, role, password_hash, created_at, email) "
            "VALUES ('klaas', 'coach', 'x', 'n', 'PIET@x.nl')"
        )
    db.conn.close()


def test_a_larger_cache_for_a_write_is_given_back_afterwards(db):
    from funnel.db import larger_cache

    before = db.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError), larger_cache(db.conn, 65536):
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -65536
        raise RuntimeError
    assert db.execute("PRAGMA cache_size").fetchone()[0] == before

"""Several writers and readers at once: readers never wait, writers wait their turn and say so,
and "database is locked" never reaches a user (issue 7)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from funnel import db as storage
from funnel import metrics
from funnel.errors import FunnelError

ROOT = Path(__file__).resolve().parents[2]

HOLD_S = 3.5  # longer than one attempt to take the lock (db.FIRST_WAIT_S)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "shared.db"
    storage.connect(target).conn.close()
    return target


class Holder:
    """Another connection that holds the write lock for a while (as a long import would)."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.db = storage.connect(path)
        self.seconds = seconds
        self.taken = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        with storage.transaction(self.db):
            self.db.execute("INSERT INTO meta (key, value) VALUES ('holder', 'yes')")
            self.taken.set()
            time.sleep(self.seconds)

    def __enter__(self) -> Holder:
        self.thread.start()
        assert self.taken.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.thread.join(30)
        self.db.conn.close()


@pytest.fixture
def holder(path: Path) -> Iterator[Holder]:
    with Holder(path, HOLD_S) as held:
        yield held


def test_opening_an_up_to_date_database_takes_no_write_lock(path: Path, holder: Holder) -> None:
    started = time.monotonic()
    reader = storage.connect(path)
    assert time.monotonic() - started < storage.FIRST_WAIT_S
    assert metrics.snapshot(reader, 2025)["use_cases_detected"] == 0
    reader.conn.close()


def test_a_backup_while_another_writer_holds_the_lock_does_not_wait(
    path: Path, holder: Holder, tmp_path: Path
) -> None:
    reader = storage.connect(path)
    started = time.monotonic()
    storage.backup(reader, tmp_path / "copy.db")
    assert time.monotonic() - started < storage.FIRST_WAIT_S
    reader.conn.close()


def test_a_second_writer_waits_its_turn_and_says_so(path: Path, holder: Holder) -> None:
    writer = storage.connect(path)
    told: list[float] = []
    storage.on_wait(writer, told.append)
    with storage.transaction(writer):
        writer.execute("INSERT INTO meta (key, value) VALUES ('second', 'yes')")
    assert told and told[0] >= storage.FIRST_WAIT_S * 0.9
    keys = {r[0] for r in writer.execute("SELECT key FROM meta").fetchall()}
    assert {"holder", "second"} <= keys
    writer.conn.close()


def test_a_writer_that_waits_too_long_gets_a_message_not_database_is_locked(
    path: Path, holder: Holder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "MAX_WAIT_S", 1.0)
    writer = storage.connect(path)
    before = writer.execute("SELECT COUNT(*) FROM meta").fetchone()
    with pytest.raises(FunnelError) as refused, storage.transaction(writer):
        writer.execute("INSERT INTO meta (key, value) VALUES ('late', 'no')")
    assert refused.value.code == "database_busy"
    assert "bezet" in refused.value.message("nl")
    time.sleep(HOLD_S)
    assert writer.execute("SELECT COUNT(*) FROM meta").fetchone() == (before[0] + 1,)
    writer.conn.close()


def _funnel(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FUNNEL_DB": str(path)}
    return subprocess.run(
        [sys.executable, "-m", "funnel", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_cli_waits_for_another_writer_and_says_so(path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "deelnemers.csv"
    sheet.write_text("datum;activiteit;organisatie\n2025-03-01;Meetup;Tata Steel\n", "utf-8")
    with Holder(path, 20.0) as held:
        # the readers first: they must not wait for the writer
        started = time.monotonic()
        backup = _funnel(path, "backup", str(tmp_path / "b.db"))
        snapshot = _funnel(path, "snapshot", "--year", "2025", "--format", "json")
        assert held.thread.is_alive() and time.monotonic() - started < 15
        imported = _funnel(path, "import", "participants", str(sheet))
    assert backup.returncode == 0, backup.stderr
    assert snapshot.returncode == 0, snapshot.stderr
    assert imported.returncode == 0, imported.stderr
    assert "wacht op een andere import" in imported.stderr
    assert "locked" not in imported.stderr + backup.stderr + snapshot.stderr
    assert "Traceback" not in imported.stderr

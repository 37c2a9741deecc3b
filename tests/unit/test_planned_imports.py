"""Imports are planned outside the write lock and applied in one short transaction (issue 7)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from funnel import db as storage
from funnel import imports, metrics, plan, services
from funnel.auth import Actor
from tests.unit.test_concurrency import Holder

ROOT = Path(__file__).resolve().parents[2]
HEADER = "datum;activiteit;organisatie;kvk;naam;e-mail\n"


def sheet(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def canonical(db: sqlite_utils.Database) -> dict[str, Any]:
    """What the database says, without ids and times (which depend on the order of the work)."""
    return {
        "attendance": sorted(
            db.execute(
                "SELECT v.activity_date, v.title, o.name, o.kvk, p.name, p.email FROM attendance a "
                "JOIN activities v ON v.id = a.activity_id "
                "LEFT JOIN organisations o ON o.id = a.organisation_id "
                "LEFT JOIN persons p ON p.id = a.person_id"
            ).fetchall(),
            key=repr,
        ),
        "organisations": sorted(
            db.execute("SELECT name, kvk, kind FROM organisations").fetchall(), key=repr
        ),
        "persons": sorted(db.execute("SELECT name, email FROM persons").fetchall(), key=repr),
        "use_cases": sorted(db.execute("SELECT title FROM use_cases").fetchall()),
        "snapshots": [metrics.snapshot(db, year, dt.date(year, 12, 31)) for year in (2024, 2025)],
    }


def test_a_dry_run_takes_no_write_lock(
    db_path: Path, tmp_path: Path, dump: Callable[[sqlite_utils.Database], Any]
) -> None:
    db = storage.connect(db_path)
    path = sheet(tmp_path, "a.csv", ["2025-03-01;Meetup;Tata Steel;;Anna;anna@tata.nl"])
    before = dump(db)
    with Holder(db_path, 10.0) as held:
        started = time.monotonic()
        report = imports.import_participants(db, path, dry_run=True)
        assert time.monotonic() - started < storage.FIRST_WAIT_S
        assert held.thread.is_alive()
    assert report.counts["attendance"]["new"] == 1 and not report.committed
    assert {k: v for k, v in dump(db).items() if k != "meta"} == {
        k: v for k, v in before.items() if k != "meta"
    }


def test_a_commit_between_plan_and_apply_is_seen_and_the_import_planned_again(
    db: sqlite_utils.Database,
    db_path: Path,
    tmp_path: Path,
    leader: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = sheet(tmp_path, "a.csv", ["2025-03-01;Meetup;Tata Steel;;Anna;"])
    other = storage.connect(db_path)
    real_read, rounds = plan.read_consistently, []

    def read(target: sqlite_utils.Database, load: Any) -> Any:
        made = real_read(target, load)
        rounds.append(1)
        if len(rounds) == 1:
            # after the import read the database, the app adds the same company with its KvK
            services.create_organisation(other, leader, "Tata Steel B.V.", kvk="24297754")
        return made

    monkeypatch.setattr(plan, "read_consistently", read)
    report = imports.import_participants(db, path)
    assert report.committed and len(rounds) == 2
    # the second plan matched the company the app made: no second Tata Steel
    assert db.execute("SELECT name, kvk FROM organisations").fetchall() == [
        ("Tata Steel B.V.", "24297754")
    ]
    other.conn.close()


def test_a_database_that_keeps_changing_is_planned_under_the_lock(
    db: sqlite_utils.Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "ROUNDS_OUTSIDE_THE_LOCK", 0)
    path = sheet(tmp_path, "a.csv", ["2025-03-01;Meetup;Tata Steel;;Anna;anna@tata.nl"])
    assert imports.import_participants(db, path).committed
    assert db.execute("SELECT COUNT(*) FROM attendance").fetchone() == (1,)
    assert not db.conn.in_transaction


KILL_DURING_APPLY = """
import os, signal, sys
from funnel import db as storage, imports, indexes
real = indexes.Index.write
def dying(self, db, now):
    real(self, db, now)  # every row written inside the transaction, then the process dies
    os.kill(os.getpid(), signal.SIGKILL)
indexes.Index.write = dying
imports.import_participants(storage.connect(sys.argv[1]), sys.argv[2])
"""


def test_a_kill_during_the_apply_step_leaves_the_database_as_before(
    db: sqlite_utils.Database,
    db_path: Path,
    samples_dir: Path,
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    imports.import_use_cases(db, samples_dir / "use-cases.csv")
    before = dump(db)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_DURING_APPLY,
            str(db_path),
            str(samples_dir / "participants.csv"),
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr
    assert dump(db) == before
    assert imports.import_participants(db, samples_dir / "participants.csv").committed


def _files(tmp_path: Path) -> list[Path]:
    # three lists that share companies and persons (with and without KvK and e-mail)
    return [
        sheet(
            tmp_path,
            f"lijst{n}.csv",
            [
                f"2025-0{n}-01;Fieldlab sessie {n};Tata Steel;24297754;Anna de Vries;anna@tata.nl",
                f"2025-0{n}-01;Fieldlab sessie {n};Crown van Gelder;;Piet Jansen;",
                f"2025-0{n}-01;Fieldlab sessie {n};Smederij {n} B.V.;;Kees {n};kees{n}@smederij.nl",
                f"2024-1{n - 1}-05;Meetup {n};tata steel;;;ANNA@TATA.NL",
            ],
        )
        for n in (1, 2, 3)
    ]


def _app_writes(db: sqlite_utils.Database, leader: Actor) -> None:
    for n in range(5):
        services.create_use_case(
            db, leader, f"Vraag {n}", dt.date(2025, 2, 1 + n), asset_owner_name="Tata Steel"
        )


def test_several_imports_and_app_writes_at_once_all_finish_and_equal_the_same_work_in_turn(
    tmp_path: Path, leader: Actor, make_actor: Callable[..., Actor]
) -> None:
    files = _files(tmp_path)
    together = tmp_path / "together.db"
    storage.connect(together).conn.close()
    env = {**os.environ, "FUNNEL_DB": str(together)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "funnel", "import", "participants", str(path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    app = storage.connect(together)
    from funnel import auth

    user = auth.create_user(app, "leider2", "a-long-password", "programme_leader")
    app_actor = Actor(user, "leider2", leader.role)
    writer = threading.Thread(target=_app_writes, args=(app, app_actor))
    writer.start()
    outcomes = [(p.wait(timeout=240), p.communicate()) for p in processes]
    writer.join(240)
    for code, (_out, err) in outcomes:
        assert code == 0, err
        assert "locked" not in err and "Traceback" not in err

    in_turn = storage.connect(tmp_path / "in_turn.db")
    user = auth.create_user(in_turn, "leider2", "a-long-password", "programme_leader")
    for path in files:
        assert imports.import_participants(in_turn, path).committed
    _app_writes(in_turn, Actor(user, "leider2", leader.role))
    assert canonical(app) == canonical(in_turn)

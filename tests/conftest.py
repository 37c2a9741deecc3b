"""Shared fixtures of the domain tests: a fresh database, one user per role, the sample files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from argon2 import PasswordHasher
from hypothesis import settings

from funnel import auth, i18n
from funnel import db as storage
from funnel.auth import Actor
from funnel.models import Role

#: t() refuses a missing catalogue key or an unfilled placeholder, here and in the subprocesses
#: the tests start (the CLI, the browser tests' streamlit server); production stays forgiving.
os.environ[i18n.STRICT_ENV] = "1"

# Shared, busy machines: a slow example is not a failure (the rules are checked, not the speed);
# with xdist workers side by side, an example's wall time says more about the machine than the code.
settings.register_profile("funnel", deadline=None, print_blob=True)
settings.load_profile("funnel")

TESTS_DIR = Path(__file__).resolve().parent
#: The samples kept with the tests; the shared originals next to the repository as a fallback.
LOCAL_SAMPLES = TESTS_DIR / "data" / "samples"
SHARED_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SAMPLE_FILES = ("participants.csv", "use-cases.csv", "expected-snapshots.json")

#: argon2 at its cheapest: the accounts are real, but hashing does not dominate the test run.
_CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test in this process hashes and verifies with :data:`_CHEAP_HASHER`.

    Sign-in (also in AppTest, which runs the app in this process) still verifies real hashes;
    a full-cost hash takes about 0.2 s, and the demo data set alone makes four accounts.
    """
    monkeypatch.setattr(auth, "_hasher", _CHEAP_HASHER)


@pytest.fixture(autouse=True)
def _strict_i18n() -> Iterator[None]:
    """Fail the test if strict t() refused a text, also where the app only showed the error."""
    i18n.STRICT_PROBLEMS.clear()
    yield
    problems, i18n.STRICT_PROBLEMS[:] = list(i18n.STRICT_PROBLEMS), []
    assert not problems, "catalogue texts missing or not filled: " + "; ".join(problems)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database lives (for the CLI's ``--db``)."""
    return tmp_path / "t.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A fresh, fully migrated database."""
    database = storage.connect(db_path)
    yield database
    database.conn.close()


def dump_records(database: sqlite_utils.Database) -> dict[str, list[tuple[Any, ...]]]:
    """Like :func:`dump_tables`, without the history: the audit trail and the records' versions
    count every change, also one that was undone (a merge and its undo)."""
    found = {}
    for name, rows in dump_tables(database).items():
        if name in ("audit", "audit_erasing"):
            continue
        columns = [r[1] for r in database.execute(f'PRAGMA table_xinfo("{name}")')]
        if "version" in columns:
            at = columns.index("version")
            rows = [row[:at] + row[at + 1 :] for row in rows]
        found[name] = rows
    return found


@pytest.fixture
def make_actor(db: sqlite_utils.Database) -> Callable[[str, Role], Actor]:
    """Create an account with ``funnel.auth.create_user`` and return it as the acting user."""

    def make(username: str, role: Role) -> Actor:
        user_id = auth.create_user(db, username, "a-long-password", role, username.title())
        return Actor(user_id, username, Role(role), username.title())

    return make


@pytest.fixture
def leader(make_actor: Callable[[str, Role], Actor]) -> Actor:
    return make_actor("leader", Role.PROGRAMME_LEADER)


@pytest.fixture
def coach(make_actor: Callable[[str, Role], Actor]) -> Actor:
    return make_actor("coach", Role.COACH)


@pytest.fixture
def steering(make_actor: Callable[[str, Role], Actor]) -> Actor:
    return make_actor("steering", Role.STEERING)


@pytest.fixture
def samples_dir() -> Path:
    """The sample files: the copies in tests/data/samples, else the shared originals."""
    if all((LOCAL_SAMPLES / name).exists() for name in SAMPLE_FILES):
        return LOCAL_SAMPLES
    return SHARED_SAMPLES


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text to a file under tmp_path; ``bom=True`` prepends a UTF-8 byte order mark."""

    def write(text: str, name: str = "import.csv", bom: bool = False) -> Path:
        path = tmp_path / name
        data = text.encode("utf-8")
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    return write


def dump_tables(database: sqlite_utils.Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in rowid order: compare two dumps to see if anything changed."""
    names = [
        r[0]
        for r in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
    ]
    return {
        name: database.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
        for name in names
    }


@pytest.fixture
def dump() -> Callable[[sqlite_utils.Database], dict[str, list[tuple[Any, ...]]]]:
    """:func:`dump_tables`, as a fixture."""
    return dump_tables

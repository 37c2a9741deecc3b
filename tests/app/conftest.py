"""AppTest fixtures: a fresh database with one account per role, and signing in.

Filling the demo data set and hashing passwords cost about a second per test; both databases are
built once per test session (per xdist worker) as templates, and every test gets its own copy
through SQLite's backup API.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlite_utils
from streamlit.testing.v1 import AppTest

from funnel import auth
from funnel import db as storage
from funnel.auth import Actor
from tests.conftest import _CHEAP_HASHER

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
PASSWORDS = {"leider": "leider-test-pw", "coach": "coach-test-pw", "stuur": "stuur-test-pw"}
ROLES = {"leider": "programme_leader", "coach": "coach", "stuur": "steering"}


def _template(path: Path, fill: Callable[[sqlite_utils.Database], object]) -> Path:
    """Create the database at ``path`` with ``fill``, hashing with the tests' cheap hasher."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", _CHEAP_HASHER)
        db = storage.connect(path)
        fill(db)
        db.conn.close()
    return path


def _copy(template: Path, path: Path) -> sqlite_utils.Database:
    """A copy of ``template`` at ``path`` (SQLite's backup API), opened as the app opens it."""
    source, target = sqlite3.connect(template), sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return storage.connect(path)


def _accounts(db: sqlite_utils.Database) -> None:
    for username, role in ROLES.items():
        auth.create_user(db, username, PASSWORDS[username], role, display_name=username.title())


@pytest.fixture(scope="session")
def app_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database with the three accounts, built once."""
    return _template(tmp_path_factory.mktemp("templates") / "app.db", _accounts)


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data set with its demo accounts, built once."""
    from funnel import demo

    return _template(tmp_path_factory.mktemp("templates") / "demo.db", demo.fill)


@pytest.fixture
def app_db(app_db_template, tmp_path, monkeypatch) -> Iterator[sqlite_utils.Database]:
    """An empty database (with the three accounts) that the app under test uses."""
    path = tmp_path / "app.db"
    monkeypatch.setenv("FUNNEL_DB", str(path))
    db = _copy(app_db_template, path)
    yield db
    db.conn.close()


@pytest.fixture
def demo_db(demo_db_template, tmp_path, monkeypatch) -> Iterator[sqlite_utils.Database]:
    """The demo data set (with its demo accounts) that the app under test uses."""
    path = tmp_path / "demo.db"
    monkeypatch.setenv("FUNNEL_DB", str(path))
    db = _copy(demo_db_template, path)
    yield db
    db.conn.close()


def actor(
    db: sqlite_utils.Database, username: str = "leider", password: str | None = None
) -> Actor:
    """The account ``username`` as the services see it, signed in with its password."""
    return auth.authenticate(db, username, password or PASSWORDS[username])


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def sign_in() -> Callable[..., AppTest]:
    """Start the app and sign in as ``username`` (optionally switching to a page file)."""

    def _sign_in(username: str, password: str | None = None, page: str | None = None) -> AppTest:
        at = new_app().run()
        inputs = {ti.label: ti for ti in at.text_input}
        inputs["Gebruikersnaam"].input(username)
        inputs["Wachtwoord"].input(password or PASSWORDS[username])
        next(b for b in at.button if b.label == "Inloggen").click().run()
        assert not at.exception, at.exception
        if page:
            at.switch_page(page).run()
            assert not at.exception, at.exception
        return at

    return _sign_in

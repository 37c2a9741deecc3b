"""AppTest fixtures: a fresh database with one account per role, and signing in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from funnel import auth
from funnel import db as storage

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
PASSWORDS = {"leider": "leider-test-pw", "coach": "coach-test-pw", "stuur": "stuur-test-pw"}
ROLES = {"leider": "programme_leader", "coach": "coach", "stuur": "steering"}


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """An empty database (with the three accounts) that the app under test uses."""
    path = tmp_path / "app.db"
    monkeypatch.setenv("FUNNEL_DB", str(path))
    db = storage.connect(path)
    for username, role in ROLES.items():
        auth.create_user(db, username, PASSWORDS[username], role, display_name=username.title())
    return db


@pytest.fixture
def demo_db(tmp_path, monkeypatch):
    """The demo data set (with its demo accounts) that the app under test uses."""
    from funnel import demo

    path = tmp_path / "demo.db"
    monkeypatch.setenv("FUNNEL_DB", str(path))
    db = storage.connect(path)
    demo.fill(db)
    return db


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

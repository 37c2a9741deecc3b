"""AppTest fixtures: a fresh database with one account per role, and signing in.

Filling the demo data set and hashing passwords cost about a second per test; both databases are
built once per test session (per xdist worker) as templates, and every test gets its own copy
through SQLite's backup API.
"""

from __future__ import annotations

import ast
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

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
PASSWORDS = {"leider": "leider-test-pw", "coach": "coach-test-pw", "stuur": "stuur-test-pw"}
ROLES = {"leider": "programme_leader", "coach": "coach", "stuur": "steering"}
#: The page files in the navigation of the roles that may not see everything.
ROLE_PAGES = {
    "coach": [
        "pages/intake.py",
        "pages/my_intakes.py",
        "pages/use_case.py",
        "pages/use_cases.py",
        "pages/snapshot.py",
    ],
    "stuur": ["pages/snapshot.py"],
}
#: The kinds of elements whose text or label ``screen`` collects.
HEADINGS = ("title", "header", "subheader")
WIDGETS = (
    "button", "form_submit_button", "download_button", "text_input", "text_area", "number_input",
    "date_input", "selectbox", "multiselect", "radio", "checkbox", "toggle", "file_uploader",
)  # fmt: skip


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


def screen(block) -> set[str]:
    """What a run shows in ``block`` (an AppTest or its ``main``): its headings, and the labels
    of its buttons and inputs."""
    shown = {f"{kind}: {element.value}" for kind in HEADINGS for element in getattr(block, kind)}
    return shown | {f"{kind}: {item.label}" for kind in WIDGETS for item in getattr(block, kind)}


def page_screen(at: AppTest, page: str) -> set[str]:
    """What ``page`` shows in the main area to the user signed in to ``at``."""
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return screen(at.main)


def try_switch_page(at: AppTest, page: str) -> str:
    """Switch to ``page`` and run: the refusal AppTest raises ('' when it switched).

    AppTest switches only to a page that the last run's ``st.navigation`` registered; for any
    other page it raises ValueError naming the pages it knows, and the run that follows stays
    on the page it was on. (AppTest starts every run of a page straight from its file, as
    Streamlit's old pages-folder app; ``ui.require_actor`` runs the router in its place, so the
    pages known are always the role's own.)
    """
    try:
        at.switch_page(page)
    except ValueError as refusal:
        message = str(refusal)
    else:
        message = ""
    at.run()
    return message


def assert_out_of_reach(sign_in, username: str, pages: dict[str, str]) -> None:
    """Each page (file -> title) is out of ``username``'s reach: switching to it is refused
    with the role's own navigation as the known pages, and the screen stays the role's page
    with nothing of what that page shows the programme leader."""
    leader = sign_in("leider")
    leader_screens = {page: page_screen(leader, page) for page in pages}
    for page, title in pages.items():
        at = sign_in(username)  # a fresh session per page: see try_switch_page
        home = screen(at.main)
        own = leader_screens[page] - home  # what only that page shows
        assert f"title: {title}" in own, page
        refusal = try_switch_page(at, page)
        assert not at.exception, at.exception
        assert not own & screen(at.main), f"{page} is shown to {username}"
        assert screen(at.main) == home, f"{username} left their own page for {page}"
        assert refusal.startswith("Could not find a navigation page"), refusal
        assert known_pages(refusal) == ROLE_PAGES[username]


def known_pages(refusal: str) -> list[str]:
    """The page files (relative to the app) that a refused switch lists as registered."""
    listed = ast.literal_eval(refusal.rsplit("Known pages: ", 1)[1].removesuffix("."))
    # the refusal pages under other roles' addresses are functions, not files: not listed here
    return [Path(path).relative_to(ROOT).as_posix() for path in listed if Path(path).is_absolute()]

"""Browser fixtures: `streamlit run` on a free local port, driven by Playwright in Debian's chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from funnel import auth, demo
from funnel import db as storage
from funnel.i18n import t
from funnel.models import FUNNEL_ORDER
from tests.conftest import _CHEAP_HASHER

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "tests" / "browser" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
READY = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(db_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FUNNEL_DB": str(db_path),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    """The demo database the app under test runs on (a test may read it to check a write)."""
    db_path = tmp_path_factory.mktemp("browser") / "demo.db"
    # what `python -m funnel demo` does, in this process with the cheap hasher: the server then
    # verifies cheap (but real) argon2 hashes at every sign-in (the CLI has its own unit test)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", _CHEAP_HASHER)
        database = storage.connect(db_path)
        demo.fill(database)
        database.conn.close()
    return db_path


@contextmanager
def running_app(db_path: Path, *extra: str) -> Iterator[str]:
    """``streamlit run`` on ``db_path`` on a free port (``extra``: more options, such as
    ``--secrets.files``); yields its base URL, and fails if strict t() missed a text."""
    with running_server(db_path, *extra) as (url, _proc):
        yield url


@contextmanager
def running_server(db_path: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`running_app`, yielding the server's process too (to watch what it costs)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
        )
    env = _env(db_path)
    log_path = db_path.parent / "streamlit.log"
    port = _free_port()
    log = log_path.open("wb")  # a file, not a pipe: a long session cannot fill and block it
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
            "--server.headless", "true", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.fileWatcherType", "none",
            *(arg.replace("{port}", str(port)) for arg in extra),
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        log.close()
        raise RuntimeError("streamlit did not become healthy: " + log_path.read_text()[-2000:])
    yield url, proc
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    # the server runs with strict t() (FUNNEL_STRICT_I18N from tests/conftest.py): a missing
    # catalogue text is an uncaught exception that streamlit logs
    output = log_path.read_text(errors="replace")
    assert "MissingText" not in output, output[-4000:]


@pytest.fixture(scope="session")
def demo_server(demo_db_path):
    """A running app on the demo database; yields its base URL."""
    with running_app(demo_db_path) as url:
        yield url


@pytest.fixture
def chosen_languages_reset(demo_db_path):
    """A test that chooses a language: the demo accounts keep it (a later test in the same
    server expects Dutch), so every account's choice is forgotten after the test."""
    yield
    database = storage.connect(demo_db_path)
    try:
        with storage.transaction(database):
            database.execute("UPDATE users SET lang = NULL")
    finally:
        database.conn.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test's report shows what the page showed (a CI log has no screenshot)."""
    outcome = yield
    report = outcome.get_result()
    tab = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when != "call" or not report.failed or tab is None:
        return
    try:
        text = f"{tab.url}\n" + tab.locator("body").inner_text(timeout=5_000)[:4000]
    except Exception as error:  # noqa: BLE001  # the tab may be gone: say so, keep the failure
        text = f"(the page could not be read: {error})"
    report.sections.append(("what the page showed", text))


def wait_ready(tab) -> None:
    """Wait until the script has finished and the app is connected."""
    tab.wait_for_selector(READY, timeout=30_000)
    tab.wait_for_timeout(300)
    tab.wait_for_selector(READY, timeout=30_000)


#: Screenshots are for people to look at (`make screenshots`); a plain test run skips them.
TAKE_SCREENSHOTS = os.environ.get("FUNNEL_SCREENSHOTS") == "1"


def screenshot(tab, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    if not TAKE_SCREENSHOTS:
        return path
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.wait_for_timeout(800)  # tables and charts paint a moment after the script finishes
    tab.screenshot(path=str(path), full_page=True)
    return path


# --- the funnel board ---------------------------------------------------------------------------

STAGE_NAMES = [t(f"stage.{stage.value}", "nl") for stage in FUNNEL_ORDER]


def pick_option(page, combobox, option: str) -> None:
    """Choose an option of a Streamlit selectbox (a combobox with a listbox of options)."""
    combobox.click()
    page.get_by_role("option", name=option, exact=True).click()


def wait_for_cookie(page) -> None:
    """The cookie is written by a component a moment after the first signed-in page is drawn
    (its frame loads first: on a busy machine that can take many seconds)."""
    for _ in range(150):
        if any(c["name"] == "funnel_session" for c in page.context.cookies()):
            return
        page.wait_for_timeout(200)
    raise AssertionError("no session cookie was set")


def eventually(check, timeout: float = 15.0) -> None:
    """Retry ``check`` (a function that asserts) until it passes or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def board_card(page, title: str):
    """The card of the use case with this title (a long title word on a card carries soft
    hyphens between its syllables, ui.hyphenate)."""
    shown = re.compile("\u00ad?".join(re.escape(letter) for letter in title))
    return page.locator('[class*="st-key-card_"]').filter(has_text=shown)


def card_column(page, card) -> str:
    """The funnel stage whose column on the board holds ``card`` (a locator of one card)."""
    assert card.count() == 1, f"{card.count()} cards match {card}"
    box = card.bounding_box()
    assert box is not None, f"card {card} is not laid out yet"
    middle = box["x"] + box["width"] / 2
    for name in STAGE_NAMES:
        header = page.locator("strong").filter(has_text=re.compile(rf"^{re.escape(name)} · \d+$"))
        head = header.first.bounding_box()
        assert head is not None, f"column header {name!r} is not laid out yet"
        if head["x"] <= middle <= head["x"] + max(head["width"], box["width"]):
            return name
    raise AssertionError(f"no stage column above the card {card}")


def board_column(page, title: str) -> str:
    """The funnel stage whose column on the board holds the card with this title."""
    return card_column(page, board_card(page, title))


def assert_column(page, title: str, stage: str) -> None:
    assert board_column(page, title) == stage

"""Browser fixtures: `streamlit run` on a free local port, driven by Playwright in Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from funnel import auth, demo
from funnel import db as storage
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


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """A running app on the demo database; yields its base URL."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
        )
    folder = tmp_path_factory.mktemp("browser")
    db_path, log_path = folder / "demo.db", folder / "streamlit.log"
    env = {**os.environ, "FUNNEL_DB": str(db_path), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    # what `python -m funnel demo` does, in this process with the cheap hasher: the server then
    # verifies cheap (but real) argon2 hashes at every sign-in (the CLI has its own unit test)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", _CHEAP_HASHER)
        database = storage.connect(db_path)
        demo.fill(database)
        database.conn.close()
    port = _free_port()
    log = log_path.open("wb")  # a file, not a pipe: a long session cannot fill and block it
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
            "--server.headless", "true", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.fileWatcherType", "none",
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
    yield url
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


def wait_ready(tab) -> None:
    """Wait until the script has finished and the app is connected."""
    tab.wait_for_selector(READY, timeout=30_000)
    tab.wait_for_timeout(300)
    tab.wait_for_selector(READY, timeout=30_000)


def screenshot(tab, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.wait_for_timeout(800)  # tables and charts paint a moment after the script finishes
    tab.screenshot(path=str(path), full_page=True)
    return path

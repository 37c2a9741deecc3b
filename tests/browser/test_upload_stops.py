"""A long upload preview stops when the user leaves: closing the tab while a large list is read
and checked frees the server within a moment (it kept a core busy for minutes before). A server
of its own, on a database whose row limit lets a large list in."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from tests.browser.conftest import running_server, wait_ready
from tests.browser.test_click_through import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROWS = 300_000


def cpu_seconds(pid: int) -> float:
    """The processor time the process has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def big_list(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("datum;activiteit;organisatie;naam\n")
        for i in range(ROWS):
            out.write(f"{1 + i % 28:02d}-03-2025;Meetup {i % 40};Bedrijf {i % 50_000};P {i}\n")
    return path


def test_closing_the_tab_during_a_long_preview_frees_the_server(demo_db_path, browser, tmp_path):
    db_path = tmp_path / "groot.db"
    with sqlite3.connect(demo_db_path) as source, sqlite3.connect(db_path) as target:
        source.backup(target)
        target.execute(
            "INSERT INTO meta (key, value) VALUES ('setting:import_max_rows', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [str(ROWS)],
        )
    csv = big_list(tmp_path / "jaarlijst.csv")
    assert csv.stat().st_size < 20 * 1024 * 1024  # within the upload limit
    with running_server(db_path) as (url, server):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(60_000)
        sign_in(page, url, "leider")
        page.locator('[data-testid="stSidebarNav"] a', has_text="Activiteiten").first.click()
        wait_ready(page)
        page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(
            str(csv)
        )
        page.get_by_text("wordt gecontroleerd").first.wait_for()  # the preview is under way
        busy = cpu_seconds(server.pid)
        time.sleep(2)
        assert cpu_seconds(server.pid) - busy > 0.5, "the preview was not running"
        context.close()  # the user leaves
        time.sleep(2)  # the run ends at its next tick; the session is put away
        after = cpu_seconds(server.pid)
        time.sleep(4)
        spent = cpu_seconds(server.pid) - after
        assert spent < 1.0, f"the server kept working {spent:.1f} s of 4 s after the tab closed"

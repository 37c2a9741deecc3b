"""Real browser: a plain sign-up list uploaded for the open activity, previewed row by row, saved."""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from tests.browser.conftest import screenshot, wait_ready
from tests.browser.test_click_through import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-flows")]


def grid_rows(grid) -> list[list[str]]:
    """The cells of a dataframe's accessible table, row by row."""
    return [
        [cell.strip() for cell in row.locator("td").all_text_contents()]
        for row in grid.locator("tbody tr").all()
    ]


def test_a_plain_list_for_the_open_activity_shows_each_row_then_saves(
    demo_server, demo_db_path, page, tmp_path
):
    with sqlite3.connect(demo_db_path) as conn:
        known, kvk = conn.execute(
            "SELECT name, kvk FROM organisations WHERE kvk IS NOT NULL AND merged_into IS NULL "
            "AND kind = 'company' ORDER BY id LIMIT 1"
        ).fetchone()
    token = uuid.uuid4().hex[:8]
    title = f"Aanmeldingen waterstofdag {token}"
    csv = tmp_path / f"aanmeldlijst-{token}.csv"
    csv.write_text(
        "organisatie;kvk;naam;e-mail\n"
        f"{known.upper()};{kvk};Sanne Bakker;sanne.{token}@example.nl\n"
        f"Kotterbouw {token} B.V.;;Anouk Smit;anouk.{token}@kotter.example\n",
        encoding="utf-8",
    )
    sign_in(page, demo_server, "leider")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Activiteiten").first.click()
    wait_ready(page)

    # a new activity: once made, it is the open one
    new = page.locator('[data-testid="stExpander"]', has_text="Nieuwe activiteit aanmaken")
    new.locator("summary").click()
    new.locator('input[aria-label="Titel"]').fill(title)
    page.get_by_role("button", name="Activiteit aanmaken").click()
    wait_ready(page)
    page.get_by_text("Deelnemers (0)").wait_for()

    section = page.locator(".st-key-signup_upload")
    section.get_by_text("Aanmeldlijst uploaden").wait_for()
    section.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(csv))
    wait_ready(page)
    section.get_by_text(f"Voorbeeld: {csv.name}").wait_for()
    grid = section.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th", has_text="Organisatie gevonden op")
    )
    grid.locator("tbody td").first.wait_for(state="attached")
    assert grid.locator("th").all_text_contents() == [
        "Regel", "Organisatie", "Organisatie gevonden op", "Persoon", "Persoon gevonden op",
        "Uitkomst",
    ]  # fmt: skip
    assert grid_rows(grid) == [
        ["2", known, "KvK-nummer", "Sanne Bakker", "nieuw", "nieuwe deelname"],
        ["3", f"Kotterbouw {token} B.V.", "nieuw", "Anouk Smit", "nieuw", "nieuwe deelname"],
    ]
    grid.scroll_into_view_if_needed()
    screenshot(page, "signup-preview")  # page.screenshot, with FUNNEL_SCREENSHOTS=1

    section.get_by_role("button", name="Opslaan", exact=True).click()
    wait_ready(page)
    page.locator('[data-testid="stAlert"]', has_text="is opgeslagen").wait_for()
    page.get_by_text("Deelnemers (2)").wait_for()
    with sqlite3.connect(demo_db_path) as conn:
        names = conn.execute(
            "SELECT p.name FROM attendance a JOIN activities v ON v.id = a.activity_id "
            "JOIN persons p ON p.id = a.person_id WHERE v.title = ? ORDER BY p.name",
            [title],
        ).fetchall()
    assert names == [("Anouk Smit",), ("Sanne Bakker",)]

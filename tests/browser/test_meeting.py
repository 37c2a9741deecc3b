"""Real browser: a steering member opens the latest meeting, sees what moved since the one before,
and downloads the report pack as PDF and as Excel."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import pick_option, screenshot, wait_for_cookie, wait_ready
from tests.browser.test_click_through import sign_in

pytestmark = pytest.mark.browser


def test_steering_member_opens_the_latest_meeting_sees_what_moved_and_downloads_both_files(
    demo_server, page
):
    sign_in(page, demo_server, "stuurgroep")
    page.locator("h1", has_text="Stand van zaken innovatiefunnel").wait_for()
    # the page opens on the latest meeting, compared with the one before
    header = page.get_by_text(re.compile(r"Stuurgroep \w+ \d{4} · vergadering van"))
    header.first.wait_for()
    against = page.get_by_role("combobox", name="Vergelijk met")
    assert against.input_value().endswith("(vorige vergadering)")
    moved = page.locator("h3", has_text="Wat is er veranderd sinds Stuurgroep")
    moved.wait_for()
    items = page.locator('[data-testid="stMarkdownContainer"] li')
    assert items.count() >= 1
    sentences = "\n".join(items.all_inner_texts())
    assert re.search(r"use cases? (ging|gingen|is|zijn|nieuwe)", sentences), sentences
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "stuurgroep-meeting-1400")

    # the sign-in's last reruns (the cookie being written) over: a rerun replaces the buttons
    wait_for_cookie(page)
    wait_ready(page)
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download als PDF").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.startswith("techport-funnel-")
    assert "stuurgroep" in pdf.suggested_filename and pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download als Excel").click()
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename.endswith(".xlsx")
    with open(xlsx.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames[:2] == ["Stand van zaken", "Wat is veranderd"]
    first_move = book["Wat is veranderd"]["B2"].value
    assert first_move and first_move in sentences
    meeting = header.first.inner_text().split(" · ")[0]
    labels = {r[0].value: r[1].value for r in book["Stand van zaken"].iter_rows(max_col=2)}
    assert labels["Vergadering"] == meeting

    # the same page on a laptop screen
    page.set_viewport_size({"width": 1024, "height": 900})
    wait_ready(page)
    moved.scroll_into_view_if_needed()
    screenshot(page, "stuurgroep-meeting-1024")


def test_an_english_download_is_in_english(demo_server, page, chosen_languages_reset):
    """The file is built when its button is clicked, outside the page's run: in the language
    the page was shown in, not the default."""
    sign_in(page, demo_server, "stuurgroep")
    page.locator("h1", has_text="Stand van zaken innovatiefunnel").wait_for()
    pick_option(page, page.get_by_role("combobox", name="Taal / Language"), "English")
    wait_ready(page)
    button = page.get_by_role("button", name="Download as Excel")
    button.wait_for()
    wait_for_cookie(page)
    wait_ready(page)
    with page.expect_download() as xlsx_download:
        button.click()
    with open(xlsx_download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames[:2] == ["Snapshot", "What moved"]

"""Real-browser flows: move a use case, log an intake, upload an attendance list, switch language.

Every test makes its own data (a unique title, company name or e-mail), so the tests do not
depend on each other's effects on the session's shared demo database.
"""

from __future__ import annotations

import random
import re
import uuid

import pytest

from tests.browser.conftest import (
    assert_column,
    board_card,
    eventually,
    pick_option,
    screenshot,
    wait_ready,
)
from tests.browser.test_click_through import PASSWORDS, nav_links, sign_in

#: One xdist worker runs this file's tests (``--dist loadgroup``) against its own server; the
#: click-through and the flows are two groups, so two workers each drive one server at once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-flows")]


def unique() -> str:
    return uuid.uuid4().hex[:8]


def open_page(page, title: str) -> None:
    """Click a page in the sidebar navigation and wait for its heading."""
    # the link of exactly that title ("Use cases" is also part of "Overzicht use cases")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    wait_ready(page)
    page.locator("h1", has_text=title).first.wait_for()


def field(page, label: str):
    """A text, password or text area input by its label (the label's help icon is no field)."""
    return page.locator(f'input[aria-label="{label}"], textarea[aria-label="{label}"]')


def shot(page, name: str, element) -> None:
    """A screenshot with ``element`` scrolled into view (the page scrolls inside the app)."""
    element.first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, name)


# --- 1. the funnel board ------------------------------------------------------------------------


def record_use_case(page, title: str, source: str) -> None:
    """Record a use case on the "Use cases" page with a new asset owner (programme leader)."""
    open_page(page, "Use cases")
    expander = page.locator('[data-testid="stExpander"]', has_text="Nieuwe use case vastleggen")
    expander.locator("summary").click()
    form = expander.locator('[data-testid="stForm"]')
    form.get_by_label("Titel", exact=True).fill(title)
    form.get_by_label("of nieuwe asset owner: naam").fill(source)
    form.get_by_role("button", name="Use case vastleggen").click()
    wait_ready(page)
    page.get_by_text(f"Use case '{title}' vastgelegd als Gesignaleerd.").wait_for()


def move_card(page, title: str, stage: str):
    """Open the card's move dialog, choose ``stage`` and submit; returns the dialog."""
    board_card(page, title).get_by_role("button", name="Verplaatsen").click()
    wait_ready(page)
    dialog = page.get_by_role("dialog")
    dialog.get_by_text(title).first.wait_for()
    pick_option(page, dialog.get_by_role("combobox"), stage)
    dialog.get_by_role("button", name="Verplaatsen").click()
    wait_ready(page)
    return dialog


def test_programme_leader_moves_a_use_case_and_a_gate_refuses_in_execution(demo_server, page):
    title = f"Restwarmte hergebruik {unique()}"
    sign_in(page, demo_server, "leider")
    record_use_case(page, title, f"Warmtenet Velsen {unique()} B.V.")
    open_page(page, "Funnelbord")
    board_card(page, title).wait_for()
    eventually(lambda: assert_column(page, title, "Gesignaleerd"))
    shot(page, "flow-board-before", board_card(page, title))

    dialog = move_card(page, title, "In uitvoering")
    error = dialog.locator('[data-testid="stAlert"]')
    error.wait_for()
    screenshot(page, "flow-board-gate-refused")
    assert re.search(r"[Pp]oort In uitvoering", error.inner_text())
    dialog.get_by_role("button", name="Annuleren").click()
    wait_ready(page)
    dialog.wait_for(state="detached")
    # the board re-renders after the dialog closes: read the column once it has settled
    eventually(lambda: assert_column(page, title, "Gesignaleerd"))

    dialog = move_card(page, title, "Intake Green Incubator")
    dialog.wait_for(state="detached")
    eventually(lambda: assert_column(page, title, "Intake Green Incubator"))
    shot(page, "flow-board-moved", board_card(page, title))


# --- 2. the coach's intake ----------------------------------------------------------------------


def test_coach_logs_an_intake_for_a_new_company_and_sees_it_in_my_intakes(demo_server, page):
    company = f"Zonnedak Heemskerk {unique()} B.V."
    case_title = f"Zonnepanelen op hal 3 {unique()}"
    digits = f"0{random.randint(0, 9_999_999):07d}"  # the demo's KvK numbers start at 10000000
    kvk = f"{digits[:2]}.{digits[2:5]}.{digits[5:]}"
    sign_in(page, demo_server, "coach")
    page.locator("h1", has_text="Intake vastleggen").wait_for()

    page.get_by_text("Nieuw bedrijf", exact=True).click()
    wait_ready(page)
    page.get_by_text("Nieuwe use case", exact=True).click()
    wait_ready(page)
    field(page, "Naam van het bedrijf").fill(company)
    field(page, "KvK-nummer").fill("1234")
    field(page, "Titel van de nieuwe use case").fill(case_title)
    field(page, "Titel van de nieuwe use case").press("Tab")
    wait_ready(page)
    page.get_by_role("button", name="Intake opslaan").click()
    wait_ready(page)
    error = page.locator('[data-testid="stAlert"]', has_text="KvK")
    error.wait_for()
    screenshot(page, "flow-intake-bad-kvk")
    assert "'1234' is geen geldig KvK-nummer" in error.inner_text()
    assert field(page, "Naam van het bedrijf").input_value() == company
    assert field(page, "KvK-nummer").input_value() == "1234"
    assert field(page, "Titel van de nieuwe use case").input_value() == case_title

    field(page, "KvK-nummer").fill(kvk)
    field(page, "KvK-nummer").press("Tab")
    wait_ready(page)
    page.get_by_role("button", name="Intake opslaan").click()
    wait_ready(page)
    saved = page.locator('[data-testid="stAlert"]', has_text="opgeslagen")
    saved.wait_for()
    screenshot(page, "flow-intake-saved")
    assert f"Intake met {company} van" in saved.inner_text()
    assert field(page, "Naam van het bedrijf").count() == 0 or (
        field(page, "Naam van het bedrijf").input_value() == ""
    )

    open_page(page, "Mijn intakes")
    field(page, "Zoek bedrijf").fill(company)
    field(page, "Zoek bedrijf").press("Enter")
    wait_ready(page)
    page.get_by_text("1 intake", exact=True).wait_for()
    row = page.locator('[data-testid="stDataFrame"] tbody tr')
    row.filter(has_text=company).wait_for(state="attached")  # the grid's cells come a moment later

    def only_the_new_intake() -> None:  # under load the unfiltered rows linger a moment
        assert row.count() == 1
        assert case_title in row.locator("td").all_text_contents()

    eventually(only_the_new_intake)
    page.get_by_role("combobox", name="Kies een intake").click()
    option = page.get_by_role("option").filter(has_text=company)
    option.wait_for()
    assert case_title in option.inner_text()
    screenshot(page, "flow-intake-my-intakes")


# --- 3. the attendance list ---------------------------------------------------------------------


def upload(page, path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    wait_ready(page)


def import_counts(page) -> dict[str, tuple[int, int, int]]:
    """The preview's table of counts: records -> (new, updated, unchanged), as the grid's cells."""
    grid = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th", has_text="Ongewijzigd")
    )
    grid.locator("tbody td").first.wait_for(state="attached")
    header = grid.locator("th").all_text_contents()
    assert header == ["Gegevens", "Nieuw", "Bijgewerkt", "Ongewijzigd"]
    counts = {}
    for row in grid.locator("tbody tr").all():
        entity, *numbers = row.locator("td").all_text_contents()
        counts[entity] = tuple(int(number) for number in numbers)
    return counts


def test_attendance_upload_previews_then_saves_and_a_second_upload_is_unchanged(
    demo_server, page, tmp_path
):
    token = unique()
    activity = f"Waterstofcafé {token}"
    csv = tmp_path / f"presentielijst-{token}.csv"
    csv.write_text(
        "datum;activiteit;organisatie;type organisatie;naam;e-mail\n"
        f"12-03-2025;{activity};Kotterbouw {token} B.V.;bedrijf;Anouk Smit;anouk.{token}@kotter.example\n"
        f"12-03-2025;{activity};Kotterbouw {token} B.V.;bedrijf;Ruben de Graaf;ruben.{token}@kotter.example\n"
        f"12-03-2025;{activity};Lasschool IJmond {token};mbo;Fatima El Amrani;fatima.{token}@lasschool.example\n",
        encoding="utf-8",
    )
    sign_in(page, demo_server, "leider")
    open_page(page, "Activiteiten")
    upload(page, csv)
    preview = page.get_by_text(f"Voorbeeld: {csv.name}")
    preview.wait_for()
    counts = import_counts(page)
    shot(page, "flow-upload-preview", preview)
    assert counts == {
        "Activiteiten": (1, 0, 0),
        "Aanwezigheden": (3, 0, 0),
        "Organisaties": (2, 0, 0),
        "Personen": (3, 0, 0),
    }
    rows_read = page.locator('[data-testid="stMetric"]', has_text="Rijen gelezen")
    assert rows_read.locator('[data-testid="stMetricValue"]').inner_text() == "3"

    # a preview saves nothing: the activity is not in the list yet
    field(page, "Zoeken").fill(activity)
    field(page, "Zoeken").press("Enter")
    wait_ready(page)
    page.get_by_text("Geen activiteiten gevonden met deze filters.").wait_for()

    page.get_by_role("button", name="Opslaan", exact=True).click()
    wait_ready(page)
    saved = page.locator('[data-testid="stAlert"]', has_text="is opgeslagen")
    saved.wait_for()
    shot(page, "flow-upload-saved", saved)
    assert f"{csv.name} is opgeslagen: 3 rijen verwerkt." in saved.inner_text()
    page.get_by_text(re.compile(r"^1 van \d+ activiteiten")).wait_for()

    page.get_by_role("button", name="Nog een bestand inlezen").click()
    wait_ready(page)
    # under load the uploader that holds the file lingers a moment next to the new, empty one
    page.locator('[data-testid="stFileUploader"]', has_text=csv.name).wait_for(state="detached")
    wait_ready(page)
    upload(page, csv)
    page.get_by_text(f"Voorbeeld: {csv.name}").wait_for()
    again = import_counts(page)
    shot(page, "flow-upload-again", page.get_by_text(f"Voorbeeld: {csv.name}"))
    assert again == {
        "Activiteiten": (0, 0, 1),
        "Aanwezigheden": (0, 0, 3),
        "Organisaties": (0, 0, 2),
        "Personen": (0, 0, 3),
    }


# --- 4. language ----------------------------------------------------------------------------------


def test_english_changes_the_sign_in_labels_and_the_navigation(
    demo_server, page, chosen_languages_reset
):
    page.goto(demo_server)
    wait_ready(page)
    pick_option(page, page.get_by_role("combobox", name="Taal / Language"), "English")
    wait_ready(page)
    field(page, "Username").wait_for()
    # under load the Dutch form lingers a moment after the English one appears
    field(page, "Gebruikersnaam").wait_for(state="detached")
    assert field(page, "Password").count() == 1
    assert field(page, "Gebruikersnaam").count() == 0
    screenshot(page, "flow-language-sign-in")
    field(page, "Username").fill("leider")
    field(page, "Password").fill(PASSWORDS["leider"])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    wait_ready(page)
    page.locator("h1", has_text="Funnel board").wait_for()
    screenshot(page, "flow-language-board")
    assert nav_links(page) == [
        "Funnel board", "Use case overview", "Use cases", "Snapshot", "Organisations", "Persons", "Activities",
        "Merge duplicates", "Classify organisations", "Completeness", "Privacy (GDPR)",
        "Import use cases", "Targets", "Users",
    ]  # fmt: skip

"""Real-browser tests: each role signs in and clicks through every page of its navigation."""

from __future__ import annotations

import pytest

from funnel.demo import DEMO_ACCOUNTS
from tests.browser.conftest import screenshot, wait_ready

#: One xdist worker runs all browser tests (``--dist loadgroup``), so one server serves them.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORDS = {username: password for username, _role, _name, password in DEMO_ACCOUNTS}
EXPECTED_PAGES = {
    "leider": [
        "Funnelbord", "Use cases", "Stand van zaken", "Organisaties", "Personen",
        "Dubbelen samenvoegen", "Activiteiten", "Use cases importeren", "Doelstellingen", "Gebruikers",
    ],
    "coach": ["Intake vastleggen", "Mijn intakes", "Mijn use cases", "Stand van zaken"],
    "stuurgroep": ["Stand van zaken innovatiefunnel"],
}  # fmt: skip


def sign_in(page, url: str, username: str) -> None:
    page.goto(url)
    wait_ready(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORDS[username])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Uitloggen").wait_for()
    wait_ready(page)


def nav_links(page) -> list[str]:
    """The page titles in the sidebar navigation (a role with one page has none: its title)."""
    if page.locator('[data-testid="stSidebarNav"]').count() == 0:
        return [page.locator("h1").first.inner_text().strip()]
    links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
    # the icon is a ligature whose name is part of the text: keep the label (last line)
    return [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]


@pytest.mark.parametrize("username", ["leider", "coach", "stuurgroep"])
def test_role_clicks_through_every_page_without_an_error(demo_server, page, username):
    page.goto(demo_server)
    wait_ready(page)
    screenshot(page, "00-sign-in")
    sign_in(page, demo_server, username)
    titles = nav_links(page)
    assert titles == EXPECTED_PAGES[username]
    for number, title in enumerate(titles, start=1):
        if len(titles) == 1:
            screenshot(page, f"{username}-01-{title.replace(' ', '_')}")
            break
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        wait_ready(page)
        page.wait_for_selector("h1")
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {title}"
        screenshot(page, f"{username}-{number:02d}-{title.replace(' ', '_')}")


def test_steering_member_cannot_open_a_programme_leader_page_by_url(demo_server, page):
    sign_in(page, demo_server, "stuurgroep")
    page.goto(f"{demo_server}/users")
    wait_ready(page)
    # the users page is not in the steering member's navigation: it is never shown
    assert page.locator("h1", has_text="Gebruikers").count() == 0
    assert page.get_by_role("button", name="Gebruiker toevoegen").count() == 0


def test_wrong_password_shows_an_error_in_dutch(demo_server, page):
    page.goto(demo_server)
    wait_ready(page)
    page.get_by_label("Gebruikersnaam").fill("leider")
    page.get_by_label("Wachtwoord").fill("niet-goed")
    page.get_by_role("button", name="Inloggen").click()
    error = page.locator('[data-testid="stAlert"]', has_text="klopt niet")
    error.wait_for()
    assert "Gebruikersnaam of wachtwoord klopt niet" in error.inner_text()
    assert page.get_by_role("button", name="Uitloggen").count() == 0


def test_programme_leader_moves_a_use_case_through_the_dialog(demo_server, page):
    sign_in(page, demo_server, "leider")
    card_button = page.get_by_role("button", name="Verplaatsen").first
    card_button.click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    screenshot(page, "leider-move-dialog")
    assert dialog.get_by_text("Ingangsdatum").count() >= 1

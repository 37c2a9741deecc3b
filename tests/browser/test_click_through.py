"""Real-browser tests: each role signs in and clicks through every page of its navigation, cannot
open a page outside it, and the programme leader moves a use case with the dialog."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from funnel import db as storage
from funnel import queries
from funnel.demo import DEMO_ACCOUNTS
from funnel.i18n import fmt_date
from tests.browser.conftest import card_column, eventually, pick_option, screenshot, wait_ready

#: One xdist worker runs this file's tests (``--dist loadgroup``) against its own server; the
#: click-through and the flows are two groups, so two workers each drive one server at once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORDS = {username: password for username, _role, _name, password in DEMO_ACCOUNTS}
EXPECTED_PAGES = {
    "leider": [
        "Funnelbord", "Overzicht use cases", "Use cases", "Stand van zaken", "Organisaties",
        "Personen", "Activiteiten", "Dubbelen samenvoegen", "Organisaties indelen", "Volledigheid", "Privacy (AVG)",
        "Use cases importeren", "Doelstellingen", "Gebruikers",
    ],
    "coach": [
        "Intake vastleggen", "Mijn intakes", "Mijn use cases", "Overzicht use cases",
        "Stand van zaken",
    ],
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
        nav = page.locator('[data-testid="stSidebarNav"]')
        nav.get_by_role("link", name=title, exact=True).click()
        wait_ready(page)
        page.wait_for_selector("h1")
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {title}"
        screenshot(page, f"{username}-{number:02d}-{title.replace(' ', '_')}")


def follow_address(page, path: str) -> None:
    """Change the address inside the running session, as the browser's back and forward do.

    Typing an address (``page.goto``) loads the app anew: a new session, signed out. Inside a
    session the app follows the address bar on history navigation (``popstate``).
    """
    page.evaluate(
        "path => { history.pushState({}, '', path);"
        " dispatchEvent(new PopStateEvent('popstate')); }",
        path,
    )
    wait_ready(page)


def assert_no_users_page(page) -> None:
    """Nothing of the programme leader's "Gebruikers" page is on the screen."""
    assert page.locator("h1", has_text="Gebruikers").count() == 0
    assert page.get_by_role("button", name="Account toevoegen").count() == 0
    assert page.get_by_role("button", name="Wachtwoord instellen").count() == 0


def test_steering_member_cannot_open_a_programme_leader_page_by_url(demo_server, page):
    sign_in(page, demo_server, "stuurgroep")
    snapshot = page.locator("h1", has_text="Stand van zaken innovatiefunnel")
    snapshot.wait_for()

    # inside the session: the address of the users page is not in the role's navigation, so the
    # app says in words that the page is not for this role (no English "Page not found")
    follow_address(page, "/users")
    screenshot(page, "stuurgroep-users-by-address")
    assert_refused(page)

    # typed into the address bar: a new connection, still signed in (the session cookie, which
    # a component writes a moment after sign-in), whose navigation does not have the page either
    eventually(
        lambda: assert_true(any(c["name"] == "funnel_session" for c in page.context.cookies())),
        timeout=30,
    )
    page.goto(f"{demo_server}/users")
    wait_ready(page)
    screenshot(page, "stuurgroep-users-typed")
    assert_refused(page)

    # the app's own address leads back to the role's page, still signed in
    page.goto(demo_server)
    wait_ready(page)
    snapshot.wait_for()
    assert_no_users_page(page)


def assert_true(value: bool) -> None:
    assert value


def assert_refused(page) -> None:
    refusal = page.get_by_text("is niet beschikbaar voor uw rol (Lid stuurgroep)")
    refusal.wait_for()
    assert "Gebruikers" in refusal.inner_text()
    assert page.locator("h1").all_inner_texts() == ["Geen toegang"]
    assert page.get_by_role("dialog").count() == 0  # no "Page not found"
    assert page.get_by_role("button", name="Uitloggen").count() == 1
    assert_no_users_page(page)


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


def first_card_in(page, stage: str):
    """The first card on the board in the column of ``stage`` (a Dutch stage name)."""
    for card in page.locator('[class*="st-key-card_"]').all():
        if card_column(page, card) == stage:
            return card
    raise AssertionError(f"no card in the column {stage!r}")


def assert_card_column(page, card, stage: str) -> None:
    assert card_column(page, card) == stage


def test_programme_leader_moves_a_use_case_through_the_dialog(demo_server, demo_db_path, page):
    today = dt.date.today()
    sign_in(page, demo_server, "leider")
    page.locator("h1", has_text="Funnelbord").wait_for()
    page.locator('[class*="st-key-card_"]').first.wait_for()
    card = first_card_in(page, "Gesignaleerd")
    case_id = int(re.search(r"st-key-card_(\d+)", card.get_attribute("class")).group(1))
    card = page.locator(f".st-key-card_{case_id}")
    db = storage.connect(demo_db_path)
    try:
        case = queries.get_use_case(db, case_id, today=today)
        assert case["stage"] == "detected"

        card.get_by_role("button", name="Verplaatsen").click()
        wait_ready(page)
        dialog = page.get_by_role("dialog")
        dialog.get_by_text(case["title"]).first.wait_for()
        # the dialog draws its parts one after the other: wait for each, not count at once
        dialog.get_by_text("Nu in Gesignaleerd sinds").first.wait_for()
        dialog.get_by_text("Ingangsdatum").first.wait_for()
        # a skip forward: allowed without a note, and Projectdefinitie has no gate
        pick_option(page, dialog.get_by_role("combobox"), "Projectdefinitie")
        screenshot(page, "leider-move-dialog")
        dialog.get_by_role("button", name="Verplaatsen").click()
        wait_ready(page)
        dialog.wait_for(state="detached")
        done = f"'{case['title']}' staat nu in Projectdefinitie (per {fmt_date(today)})."
        page.get_by_text(done).wait_for()
        eventually(lambda: assert_card_column(page, card, "Projectdefinitie"))
        screenshot(page, "leider-moved")

        moved = queries.get_use_case(db, case_id, today=today)
        assert (moved["stage"], moved["stage_since"]) == ("definition", today)
        last = moved["history"][-1]
        assert (last["from_stage"], last["to_stage"], last["user_label"], last["note"]) == (
            "detected", "definition", "Sanne de Vries", ""
        )  # fmt: skip
    finally:
        db.conn.close()

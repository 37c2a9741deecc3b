"""Real-browser sessions: a reload, a new tab or a typed address keeps the user signed in and
opens the page it names; sign-out and a disabled account end the session."""

from __future__ import annotations

import pytest

from funnel import auth, services
from funnel import db as storage
from tests.browser.conftest import eventually, screenshot, wait_for_cookie, wait_ready
from tests.browser.test_click_through import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def signed_in(page) -> bool:
    wait_ready(page)
    page.locator("h1").first.wait_for()
    return page.get_by_role("button", name="Uitloggen").count() == 1


def signed_out(page) -> None:
    page.get_by_role("button", name="Inloggen").first.wait_for()
    wait_ready(page)
    eventually(lambda: _one_sign_in_form(page))
    assert page.get_by_role("button", name="Uitloggen").count() == 0


def _one_sign_in_form(page) -> None:
    assert page.get_by_role("button", name="Inloggen").count() == 1


def no_dialog(page) -> bool:
    return page.get_by_role("dialog").count() == 0


def test_a_reload_a_new_tab_and_a_typed_address_keep_the_user_signed_in(demo_server, page):
    sign_in(page, demo_server, "coach")
    wait_for_cookie(page)
    cookie = next(c for c in page.context.cookies() if c["name"] == "funnel_session")
    assert cookie["sameSite"] == "Strict" and len(cookie["value"]) >= 40

    page.reload()
    assert signed_in(page) and no_dialog(page)
    assert page.locator("h1").first.inner_text() == "Intake vastleggen"

    page.goto(f"{demo_server}/my_intakes")  # typed or bookmarked: that page, signed in
    assert signed_in(page) and no_dialog(page)
    assert page.locator("h1").first.inner_text() == "Mijn intakes"
    screenshot(page, "session-typed-address")

    other = page.context.new_page()
    other.goto(f"{demo_server}/snapshot")
    assert signed_in(other) and no_dialog(other)
    assert "Stand van zaken" in other.locator("h1").first.inner_text()
    other.close()


def assert_no_cookie(page) -> None:
    assert not any(c["name"] == "funnel_session" for c in page.context.cookies())


def test_sign_out_ends_the_session_for_every_tab(demo_server, page):
    sign_in(page, demo_server, "coach")
    wait_for_cookie(page)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "funnel_session")
    page.get_by_role("button", name="Uitloggen").click()
    signed_out(page)
    # the browser drops the cookie too (a script in the page expires it)
    eventually(lambda: assert_no_cookie(page))
    page.reload()
    wait_ready(page)
    signed_out(page)
    assert page.get_by_role("button", name="Uitloggen").count() == 0
    # even a copy of the old cookie is worth nothing: the session was revoked on the server
    page.context.add_cookies(
        [{"name": "funnel_session", "value": token, "url": demo_server, "sameSite": "Strict"}]
    )
    page.goto(f"{demo_server}/my_intakes")
    wait_ready(page)
    signed_out(page)
    assert page.get_by_role("button", name="Uitloggen").count() == 0


def test_a_typed_address_while_signed_out_signs_in_to_that_page(demo_server, page):
    # (the same as the very first request of a fresh server: tests/browser/test_first_request.py)
    page.goto(f"{demo_server}/persons")
    wait_ready(page)
    signed_out(page)
    assert no_dialog(page)  # was: an English "Page not found" dialog
    screenshot(page, "session-signed-out-address")
    sign_in_here(page, "leider")
    assert page.locator("h1").first.inner_text() == "Personen"
    assert page.url.rstrip("/").endswith("/persons")


def sign_in_here(page, username: str) -> None:
    from tests.browser.test_click_through import PASSWORDS

    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORDS[username])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Uitloggen").wait_for()
    wait_ready(page)


def test_disabling_the_account_ends_its_session_at_the_next_click(demo_server, demo_db_path, page):
    sign_in(page, demo_server, "coach2")
    wait_for_cookie(page)
    db = storage.connect(demo_db_path)
    leader = auth.actor_by_username(db, "leider")
    coach2 = auth.actor_by_username(db, "coach2")
    services.set_user_active(db, leader, coach2.id, False)
    try:
        page.reload()
        wait_ready(page)
        signed_out(page)
        assert page.get_by_role("button", name="Uitloggen").count() == 0
    finally:
        services.set_user_active(db, leader, coach2.id, True)
        db.conn.close()


def test_the_chosen_language_survives_a_reload_and_a_new_tab(
    demo_server, page, chosen_languages_reset
):
    from tests.browser.conftest import pick_option

    sign_in(page, demo_server, "stuurgroep")
    wait_for_cookie(page)
    pick_option(page, page.get_by_role("combobox", name="Taal / Language"), "English")
    page.get_by_role("button", name="Sign out").wait_for()
    wait_ready(page)
    page.reload()
    wait_ready(page)
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.locator("h1").first.inner_text() == "Innovation funnel snapshot"
    other = page.context.new_page()
    other.goto(demo_server)
    wait_ready(other)
    other.get_by_role("button", name="Sign out").wait_for()
    assert other.locator("h1").first.inner_text() == "Innovation funnel snapshot"
    other.close()
    # back to Dutch: the next reload is Dutch
    pick_option(page, page.get_by_role("combobox", name="Taal / Language"), "Nederlands")
    page.get_by_role("button", name="Uitloggen").wait_for()
    wait_ready(page)
    page.reload()
    assert signed_in(page)
    assert page.locator("h1").first.inner_text() == "Stand van zaken innovatiefunnel"


@pytest.mark.parametrize("path", ["/use_case", "/"])
def test_a_shared_record_link_in_a_new_tab_opens_that_record(demo_server, demo_db_path, page, path):
    """Signed in already (the cookie), a link to a use case opens that use case, not the
    first of the list, and the address keeps naming it."""
    db = storage.connect(demo_db_path)
    try:
        case_id, title = db.execute(
            "SELECT id, title FROM use_cases ORDER BY title COLLATE NOCASE DESC LIMIT 1"
        ).fetchone()
    finally:
        db.conn.close()
    sign_in(page, demo_server, "leider")
    wait_for_cookie(page)
    other = page.context.new_page()
    other.goto(f"{demo_server}{path}?use_case={case_id}")
    assert signed_in(other) and no_dialog(other)
    other.locator("h3", has_text=title).first.wait_for()
    wait_ready(other)
    assert f"use_case={case_id}" in other.url
    other.close()

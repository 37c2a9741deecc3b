"""The very first request a freshly started server gets, if it is a page's address (a bookmark
opened right after a restart), goes through the app's own router: the Dutch sign-in, and after it
the page the address names; never the page file on its own (Streamlit's pages-folder navigation
in English file names, "Log eerst in."). Each test needs a server of its own that has served
nothing before."""

from __future__ import annotations

import pytest

from funnel import auth, sessions
from funnel import db as storage
from funnel.i18n import t
from tests.browser.conftest import running_app, wait_ready
from tests.browser.test_sessions import no_dialog, sign_in_here, signed_in, signed_out

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: What the page file run on its own shows: Streamlit's folder navigation lists the files.
FOLDER_LINKS = ("activities", "board", "import use cases", "my intakes")


def sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text().lower()


def test_a_page_address_as_the_servers_first_request_shows_the_sign_in(demo_db_path, page):
    with running_app(demo_db_path) as url:
        page.goto(f"{url}/persons")
        wait_ready(page)
        signed_out(page)
        assert no_dialog(page)
        assert page.get_by_text("Log eerst in.").count() == 0
        assert page.locator("h1").first.inner_text() == t("signin.title", "nl")
        sign_in_here(page, "leider")
        assert page.locator("h1").first.inner_text() == "Personen"
        assert page.url.rstrip("/").endswith("/persons")
        sidebar = sidebar_text(page)
        assert "organisaties" in sidebar
        assert not any(name in sidebar for name in FOLDER_LINKS), sidebar


def test_a_signed_in_page_address_as_the_servers_first_request_opens_that_page(demo_db_path, page):
    db = storage.connect(demo_db_path)
    try:
        token = sessions.create(db, auth.actor_by_username(db, "leider").id)
    finally:
        db.conn.close()
    with running_app(demo_db_path) as url:
        page.context.add_cookies([{"name": sessions.COOKIE, "value": token, "url": url}])
        page.goto(f"{url}/activities")
        assert signed_in(page) and no_dialog(page)
        assert page.locator("h1").first.inner_text() == "Activiteiten"
        assert page.url.rstrip("/").endswith("/activities")
        sidebar = sidebar_text(page)
        assert "personen" in sidebar and "funnelbord" in sidebar
        assert not any(name in sidebar for name in FOLDER_LINKS), sidebar


def test_a_record_link_as_the_servers_first_request_opens_that_record_after_sign_in(
    demo_db_path, page
):
    import sqlite3

    connection = sqlite3.connect(demo_db_path)
    case_id, title = connection.execute(
        "SELECT id, title FROM use_cases ORDER BY id LIMIT 1"
    ).fetchone()
    connection.close()
    with running_app(demo_db_path) as url:
        page.goto(f"{url}/use_case?use_case={case_id}")
        wait_ready(page)
        signed_out(page)
        sign_in_here(page, "leider")
        page.get_by_role("heading", name=title).first.wait_for()
        assert page.url.split("?")[0].rstrip("/").endswith("/use_case")
        assert f"use_case={case_id}" in page.url

"""The use case page after the move dialog: a save stays on the use case and keeps the input."""

from __future__ import annotations

import pytest

from funnel import db as storage
from tests.browser.conftest import pick_option, screenshot, wait_ready
from tests.browser.test_click_through import sign_in
from tests.browser.test_flows import field, record_use_case, unique

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_next_step_saved_after_a_move_stays_on_the_same_use_case(demo_server, demo_db_path, page):
    title = f"Zzz warmtebuffer {unique()}"
    sign_in(page, demo_server, "leider")
    record_use_case(page, title, f"Buffer Beverwijk {unique()} B.V.")
    page.locator("h3", has_text=title).wait_for()

    page.locator(".st-key-uc_move").get_by_role("button", name="Verplaatsen").click()
    wait_ready(page)
    dialog = page.get_by_role("dialog")
    dialog.get_by_text(title).first.wait_for()
    pick_option(page, dialog.get_by_role("combobox"), "Intake Green Incubator")
    dialog.get_by_role("button", name="Verplaatsen").click()
    wait_ready(page)
    dialog.wait_for(state="detached")
    page.locator("h3", has_text=title).wait_for()

    step = f"Bellen met de buffer {unique()}"
    field(page, "Volgende stap").fill(step)
    page.get_by_role("button", name="Opslaan").click()
    wait_ready(page)
    screenshot(page, "lost-update-after-save")
    assert page.locator("h3", has_text=title).count() == 1, page.locator("h3").all_inner_texts()
    page.get_by_text("Wijzigingen opgeslagen.").wait_for()
    assert field(page, "Volgende stap").input_value() == step
    db = storage.connect(demo_db_path)
    try:
        found = db.execute("SELECT next_step FROM use_cases WHERE title = ?", [title]).fetchone()
    finally:
        db.conn.close()
    assert found[0] == step

    # the move dialog opens for the use case on the page
    page.locator(".st-key-uc_move").get_by_role("button", name="Verplaatsen").click()
    wait_ready(page)
    page.get_by_role("dialog").get_by_text(title).first.wait_for()


def test_a_save_over_someone_elses_change_is_refused_and_the_input_stays(
    demo_server, demo_db_path, page
):
    from funnel import queries, services
    from funnel.auth import actor_by_username

    title = f"Zzz conflict {unique()}"
    sign_in(page, demo_server, "leider")
    record_use_case(page, title, f"Conflict Velsen {unique()} B.V.")
    page.locator("h3", has_text=title).wait_for()

    # another session saves first
    db = storage.connect(demo_db_path)
    try:
        case_id = db.execute("SELECT id FROM use_cases WHERE title = ?", [title]).fetchone()[0]
        other = actor_by_username(db, "leider")
        services.update_use_case(db, other, case_id, version=1, next_step="Offerte opvragen")
    finally:
        db.conn.close()

    mine = f"Workshop plannen {unique()}"
    field(page, "Volgende stap").fill(mine)
    page.get_by_role("button", name="Opslaan").click()
    wait_ready(page)
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="niet opgeslagen")
    alert.wait_for()
    assert f"Volgende stap: 'Offerte opvragen' (uw invoer: '{mine}')" in alert.inner_text()
    screenshot(page, "lost-update-conflict")
    assert field(page, "Volgende stap").input_value() == mine
    assert page.locator("h3", has_text=title).count() == 1

    # saving again, having seen theirs, is the user's decision
    page.get_by_role("button", name="Opslaan").click()
    wait_ready(page)
    page.get_by_text("Wijzigingen opgeslagen.").wait_for()
    db = storage.connect(demo_db_path)
    try:
        assert queries.get_use_case(db, case_id)["next_step"] == mine
    finally:
        db.conn.close()

"""Real-browser tests of the board's drag view (streamlit-sortables): a card dragged to the next
column moves through the domain, a refused drag shows the gate and puts the card back.

Each test makes its own use case (a unique title), so it does not depend on the others' moves
on the session's shared demo database.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from funnel import auth, queries, services
from funnel import db as storage
from tests.browser.conftest import eventually, screenshot, wait_ready
from tests.browser.test_click_through import PASSWORDS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-flows")]

FRAME = 'iframe[title="streamlit_sortables.sortable_items"]'


def new_use_case(db_path, stage: str | None = None) -> tuple[int, str]:
    """A use case detected today with a unique, short title, moved on to ``stage``."""
    title = f"Sleeptest {uuid.uuid4().hex[:6]}"
    db = storage.connect(db_path)
    try:
        leader = auth.authenticate(db, "leider", PASSWORDS["leider"])
        today = dt.date.today()
        case_id = services.create_use_case(
            db, leader, title, today, asset_owner_name="Sleepbedrijf B.V."
        )
        if stage:
            services.move_use_case(db, leader, case_id, stage, today)
    finally:
        db.conn.close()
    return case_id, title


def stage_of(db_path, case_id: int) -> str:
    db = storage.connect(db_path)
    try:
        return queries.get_use_case(db, case_id, today=dt.date.today())["stage"]
    finally:
        db.conn.close()


def open_drag_view(page, url: str, width: int = 1024):
    page.set_viewport_size({"width": width, "height": 1000})
    sign_in(page, url, "leider")
    page.locator('[class*="st-key-card_"]').first.wait_for()
    page.get_by_text("Slepen", exact=True).click()
    wait_ready(page)
    page.locator(FRAME).wait_for()  # visible: the frame has drawn and measured itself
    return page.frame_locator(FRAME)


def column_of(frame, title: str) -> int:
    """The index of the drag view's column that holds the card with ``title``."""
    columns = frame.locator(".sortable-container")
    for index in range(columns.count()):
        if columns.nth(index).locator(".sortable-item", has_text=title).count():
            return index
    raise AssertionError(f"no column holds {title!r}")


def drag(page, frame, title: str, to_column: int) -> None:
    """Drag the card with the mouse, as a person does: press, move a little (dnd-kit starts a
    drag after 10 px), move over the target column, let go."""
    item = frame.locator(".sortable-item", has_text=title)
    item.scroll_into_view_if_needed()
    start = item.bounding_box()
    target = frame.locator(".sortable-container-body").nth(to_column).bounding_box()
    assert start and target
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 12, y + 4, steps=4)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + 20, steps=15)
    page.wait_for_timeout(200)
    page.mouse.up()


def test_a_card_dragged_to_the_next_column_moves_to_that_stage(demo_server, demo_db_path, page):
    case_id, title = new_use_case(demo_db_path)
    frame = open_drag_view(page, demo_server)
    frame.locator(".sortable-item", has_text=title).wait_for()
    assert column_of(frame, title) == 0  # Gesignaleerd
    drag(page, frame, title, 1)
    page.get_by_text(f"'{title}' staat nu in Intake Green Incubator").first.wait_for()

    def moved() -> None:
        assert stage_of(demo_db_path, case_id) == "intake"

    eventually(moved)
    wait_ready(page)
    frame = page.frame_locator(FRAME)
    frame.locator(".sortable-item", has_text=title).wait_for()
    assert column_of(frame, title) == 1
    screenshot(page, "drag-board-moved-1024")


def test_a_refused_drag_shows_the_gate_and_the_card_goes_back(demo_server, demo_db_path, page):
    case_id, title = new_use_case(demo_db_path, stage="intake")
    frame = open_drag_view(page, demo_server)
    frame.locator(".sortable-item", has_text=title).wait_for()
    assert column_of(frame, title) == 1
    drag(page, frame, title, 0)  # a move back needs a note: refused
    page.get_by_text(f"'{title}' is niet verplaatst en staat weer in zijn kolom").wait_for()
    page.get_by_text("vraagt een toelichting").first.wait_for()
    wait_ready(page)
    assert stage_of(demo_db_path, case_id) == "intake"
    frame = page.frame_locator(FRAME)
    frame.locator(".sortable-item", has_text=title).wait_for()
    assert column_of(frame, title) == 1  # back in its column
    screenshot(page, "drag-board-refused-1024")
    # the way on: the move dialog, which takes a note
    page.get_by_role("button", name="Verplaatsen").first.click()
    page.get_by_role("dialog").get_by_text(title).first.wait_for()


def test_a_card_moves_with_the_keyboard_as_the_caption_says(demo_server, demo_db_path, page):
    """Tab to a title, space to pick it up, an arrow key to the next column, space to drop."""
    case_id, title = new_use_case(demo_db_path)
    frame = open_drag_view(page, demo_server)
    item = frame.locator(".sortable-item", has_text=title)
    item.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    page.keyboard.press("Space")
    page.get_by_text(f"'{title}' staat nu in Intake Green Incubator").first.wait_for()

    def moved() -> None:
        assert stage_of(demo_db_path, case_id) == "intake"

    eventually(moved)

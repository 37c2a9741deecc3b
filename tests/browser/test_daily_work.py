"""Real-browser tests of the programme leader's daily screens: tables sort by date, the board at
1024 px breaks no word, and a language switch redraws the board's filters."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tests.browser.conftest import eventually, pick_option, screenshot, wait_ready
from tests.browser.test_click_through import PASSWORDS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def open_page(page, title: str) -> None:
    # the link of exactly that title ("Use cases" is also part of "Overzicht use cases")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title).first.wait_for()
    wait_ready(page)


def as_date(text: str) -> dt.date:
    """A table cell's date, as the grid's accessible table gives it (ISO, or Dutch text)."""
    if text[4] == "-":
        return dt.date.fromisoformat(text[:10])
    return dt.datetime.strptime(text, "%d-%m-%Y").date()


def first_column(page) -> list[str]:
    cells = page.locator('[data-testid="stDataFrame"]').first.locator(
        'td[aria-colindex="1"][role="gridcell"]'
    )
    return [c.strip() for c in cells.all_text_contents() if c.strip()]


def test_activities_sort_by_date_when_the_date_header_is_clicked(demo_server, page):
    sign_in(page, demo_server, "leider")
    open_page(page, "Activiteiten")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    eventually(lambda: first_column(page) or (_ for _ in ()).throw(AssertionError("no cells")))
    box = grid.bounding_box()
    assert box is not None
    # the Datum header, right of the column of row boxes (a click on a row opens it): sort ascending
    page.mouse.click(box["x"] + 80, box["y"] + 17)
    page.wait_for_timeout(500)

    def ascending() -> None:
        days = [as_date(text) for text in first_column(page)]
        assert len(days) > 5
        assert days == sorted(days), days[:6]

    eventually(ascending)
    screenshot(page, "daily-activities-sorted")


#: What a card or column header shows in text: titles, the asset owner, the days badge, the move
#: button, the column headers.
BOARD_TEXT = (
    '[class*="st-key-card_"] button p, [class*="st-key-card_"] [data-testid="stCaptionContainer"] p,'
    ' [class*="st-key-card_"] .stMarkdownBadge, [data-testid="stMain"] strong'
)


def title_overflows(page) -> list[str]:
    """Card texts and column headers on the board whose text is wider than their box (a word
    that does not fit its column), as 'text: scrollWidth > clientWidth'."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.textContent}: ${e.scrollWidth} > ${e.clientWidth}`)""",
        BOARD_TEXT,
    )


def words_split_over_lines(page) -> list[str]:
    """Words of card texts and headers that the browser broke over two lines (a break after the
    hyphen of "IoT-sensoren", or at a soft hyphen between syllables, "Conditie-|monitoring", is
    where Dutch breaks such a word; inside a syllable it is not)."""
    return page.evaluate(
        """selector => {
            const split = [];
            for (const e of document.querySelectorAll(selector)) {
                if (e.offsetParent === null) continue;
                const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const re = /[^\\s\u00ad-]+/g;
                    let m;
                    while ((m = re.exec(node.textContent))) {
                        // the line of each letter: the last box with ink of its range (the
                        // hyphen a soft hyphen shows at a break is drawn in the next letter's range)
                        const tops = new Set();
                        for (let i = m.index; i < m.index + m[0].length; i++) {
                            const range = document.createRange();
                            range.setStart(node, i);
                            range.setEnd(node, i + 1);
                            const boxes = [...range.getClientRects()].filter(r => r.width > 0.5);
                            if (boxes.length) tops.add(Math.round(boxes[boxes.length - 1].top));
                        }
                        if (tops.size > 1) split.push(m[0]);
                    }
                }
            }
            return split;
        }""",
        BOARD_TEXT,
    )


def board_layout(page) -> dict:
    """How the board sits in the main area: the sidebar's width on screen, the funnel row's
    scrollWidth and clientWidth, and the boxes (left, right) of the main area, the columns and
    the cards that stick out of their column."""
    return page.evaluate(
        """() => {
            const box = e => { const r = e.getBoundingClientRect();
                               return [Math.round(r.left), Math.round(r.right)]; };
            const sidebar = document.querySelector('[data-testid="stSidebar"]');
            const row = document.querySelector('.st-key-board [data-testid="stHorizontalBlock"]');
            const columns = [...row.querySelectorAll(':scope > [data-testid="stColumn"]')];
            const outside = [];
            for (const column of columns) {
                const [left, right] = box(column);
                for (const card of column.querySelectorAll('[class*="st-key-card_"]')) {
                    const [l, r] = box(card);
                    if (l < left - 1 || r > right + 1) outside.push(card.textContent.slice(0, 40));
                }
            }
            const sidebarBox = sidebar ? sidebar.getBoundingClientRect() : null;
            return {
                sidebar: sidebarBox && sidebarBox.right > 0 ? Math.round(sidebarBox.width) : 0,
                scroll: [row.scrollWidth, row.clientWidth],
                main: box(document.querySelector('[data-testid="stMainBlockContainer"]')),
                columns: columns.map(box),
                outside,
            };
        }"""
    )


@pytest.mark.parametrize("width", [1400, 1024])
def test_the_board_breaks_no_word_at_either_width(demo_server, browser, width):
    """With the sidebar open (as it is at both widths), the five funnel columns fit the main
    area: the board does not scroll sideways, no card sticks out of its column, and no text is
    wider than its box."""
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        sign_in(tab, demo_server, "leider")
        tab.locator('[class*="st-key-card_"]').first.wait_for()
        tab.wait_for_timeout(500)
        assert tab.locator('[class*="st-key-card_"] button p').count() > 20
        layout = board_layout(tab)
        assert layout["sidebar"] > 200, layout  # the sidebar is open
        scroll_width, client_width = layout["scroll"]
        assert scroll_width <= client_width, layout  # no sideways scroll
        assert len(layout["columns"]) == 5
        left, right = layout["main"]
        assert all(left <= a and b <= right for a, b in layout["columns"]), layout
        assert layout["outside"] == []
        assert title_overflows(tab) == []
        assert words_split_over_lines(tab) == []
        screenshot(tab, f"daily-board-{width}")
    finally:
        context.close()


def test_a_language_switch_redraws_the_board_filters_in_that_language(
    demo_server, page, chosen_languages_reset
):
    sign_in(page, demo_server, "leider")
    page.locator('[class*="st-key-card_"]').first.wait_for()
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first
    pick_option(page, sidebar, "English")
    page.get_by_role("heading", name="Funnel board").wait_for()
    wait_ready(page)

    def shown() -> None:
        values = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input')
        texts = [v.input_value() for v in values.all()]
        assert "All themes" in texts and "Alle thema's" not in texts, texts

    eventually(shown)
    pick_option(page, sidebar, "Nederlands")
    wait_ready(page)


def test_a_use_case_opens_from_its_link_after_sign_in(demo_server, demo_db_path, page):
    connection = sqlite3.connect(demo_db_path)
    case_id, title = connection.execute(
        "SELECT id, title FROM use_cases ORDER BY id DESC LIMIT 1"
    ).fetchone()
    connection.close()
    page.goto(f"{demo_server}/?use_case={case_id}")
    wait_ready(page)
    page.get_by_label("Gebruikersnaam").fill("leider")
    page.get_by_label("Wachtwoord").fill(PASSWORDS["leider"])
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name=title).first.wait_for()
    wait_ready(page)
    assert f"use_case={case_id}" in page.url
    screenshot(page, "daily-use-case-link")


def test_searching_the_board(demo_server, demo_db_path, page):
    connection = sqlite3.connect(demo_db_path)
    [(owner,)] = connection.execute(
        "SELECT o.name FROM use_cases u JOIN organisations o ON o.id = u.asset_owner_id "
        "GROUP BY o.id ORDER BY COUNT(*) LIMIT 1"
    ).fetchall()
    connection.close()
    sign_in(page, demo_server, "leider")
    cards = page.locator('[class*="st-key-card_"]')
    cards.first.wait_for()
    before = cards.count()
    box = page.get_by_label("Zoeken")
    box.fill(owner)
    box.press("Enter")
    wait_ready(page)

    def narrowed() -> None:
        shown = cards.all_inner_texts()
        assert 0 < len(shown) < before, (len(shown), before)
        assert all(owner in text for text in shown), shown

    eventually(narrowed)
    screenshot(page, "daily-board-search")
    box.fill("")
    box.press("Enter")
    wait_ready(page)


def test_a_click_on_a_row_of_the_use_case_overview_opens_that_use_case(demo_server, page):
    sign_in(page, demo_server, "leider")
    open_page(page, "Overzicht use cases")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    eventually(lambda: first_column(page) or (_ for _ in ()).throw(AssertionError("no cells")))
    screenshot(page, "daily-use-case-list")
    titles = first_column(page)
    box = grid.bounding_box()
    assert box is not None
    # the third row's title cell (the header is one row of about 35 px)
    page.mouse.click(box["x"] + 120, box["y"] + 35 + 2 * 35 + 17)
    page.get_by_role("heading", name=titles[2]).first.wait_for()
    wait_ready(page)
    assert "use_case=" in page.url
    screenshot(page, "daily-use-case-list-opened")


def test_an_empty_date_field_asks_for_the_year_in_dutch(demo_server, page):
    sign_in(page, demo_server, "leider")
    page.locator('[data-testid="stSidebarNav"]').get_by_role(
        "link", name="Use cases", exact=True
    ).click()
    wait_ready(page)
    page.get_by_role("tab").nth(1).click()  # Betrokkenen: its end date starts empty
    wait_ready(page)
    year = page.locator(
        '[data-testid="stDateInputField"] [data-type="year"][data-placeholder="true"]'
    )
    year.first.wait_for()
    shown = year.first.evaluate(
        """e => ({own: getComputedStyle(e).fontSize,
                  after: getComputedStyle(e, '::after').content})"""
    )
    assert shown == {"own": "0px", "after": '"jjjj"'}, shown


def test_the_move_button_of_a_use_case_keeps_its_word_at_1024_px(demo_server, browser):
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        sign_in(tab, demo_server, "leider")
        open_page(tab, "Use cases")
        button = tab.locator(".st-key-uc_move button").first
        button.wait_for()
        assert button.inner_text().strip().endswith("Verplaatsen")  # after its icon
        # the label's box cut short ("Ver…"): an element narrower than its text
        cut = button.evaluate(
            """b => [b, ...b.querySelectorAll("*")]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.tagName}: ${e.scrollWidth} > ${e.clientWidth}`)"""
        )
        assert cut == [], cut
    finally:
        context.close()

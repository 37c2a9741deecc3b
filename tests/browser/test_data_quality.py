"""Real browser: the programme leader merges a proposed duplicate with the evidence in view,
undoes the merge, and classifies an unknown organisation (screenshots at 1400 and 1024 px)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_ready
from tests.browser.test_click_through import sign_in
from tests.browser.test_flows import open_page, pick_option

pytestmark = pytest.mark.browser

#: a near-duplicate of the demo data set: typed on an attendance list, without KvK or kind
TYPED, ORIGINAL = "IJmuiden Robotica", "IJmuiden Robotics"


def both_widths(page, name: str) -> None:
    for width in (1400, 1024):
        page.set_viewport_size({"width": width, "height": 1000})
        page.wait_for_timeout(300)
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_programme_leader_merges_with_evidence_undoes_and_classifies(demo_server, page):
    sign_in(page, demo_server, "leider")
    open_page(page, "Dubbelen samenvoegen")
    card = page.locator('[class*="st-key-dup_card_"]').filter(has_text=TYPED)
    card.first.wait_for()
    assert card.count() == 1
    # the evidence: both names with what differs marked, the KvK number, the shared domain,
    # the participations, and what the unique counts become
    text = card.inner_text()
    for expected in (ORIGINAL, TYPED, "KvK-nummer", "Zelfde e-maildomein", "deelname"):
        assert expected in text, expected
    assert "Na samenvoegen" in text and "→" in text
    card.scroll_into_view_if_needed()
    both_widths(page, "quality-duplicate-evidence")

    card.get_by_role("button", name="Samenvoegen").click()
    wait_ready(page)
    page.get_by_text(f"{TYPED} is samengevoegd met {ORIGINAL}.").wait_for()
    assert page.locator('[class*="st-key-dup_card_"]').filter(has_text=TYPED).count() == 0

    page.get_by_role("tab", name="Eerdere samenvoegingen").click()
    line = page.get_by_text(f"{TYPED} → {ORIGINAL}")
    line.first.wait_for()
    screenshot(page, "quality-merge-history")
    page.get_by_role("button", name="Ongedaan maken").first.click()
    wait_ready(page)
    page.get_by_text(f"Samenvoeging ongedaan gemaakt: {TYPED} telt weer apart.").wait_for()
    page.get_by_role("tab", name="Organisaties").click()
    page.locator('[class*="st-key-dup_card_"]').filter(has_text=TYPED).first.wait_for()

    open_page(page, "Organisaties indelen")
    pick_option(page, page.get_by_role("combobox", name="Organisatie", exact=True), TYPED)
    wait_ready(page)
    form = page.locator('[data-testid="stForm"]').first
    pick_option(page, form.get_by_role("combobox", name="Soort"), "Bedrijf")
    pick_option(page, form.get_by_role("combobox", name="Regio"), "IJmond")
    form.get_by_label("KvK-nummer").fill("1234")
    form.get_by_role("button", name="Indelen").click()
    wait_ready(page)
    page.get_by_text("is geen geldig KvK-nummer", exact=False).first.wait_for()
    form.get_by_label("KvK-nummer").fill("")
    form.get_by_role("button", name="Indelen").click()
    wait_ready(page)
    page.get_by_text(f"{TYPED} is ingedeeld als Bedrijf.").wait_for()
    both_widths(page, "quality-classified")

"""Long lists stay quick to draw: the board shows at most MAX_CARDS cards a column, the
organisation and person lists the first MAX_SHOWN, and each says how many more there are."""

from __future__ import annotations

import datetime as dt

from funnel import db as storage

TODAY = dt.date.today()


def test_a_long_board_column_says_how_many_more_there_are(app_db, sign_in):
    now = storage.now_iso()
    with storage.transaction(app_db):
        for number in range(45):
            case_id = storage.insert_row(
                app_db, "use_cases", {"title": f"Vraag {number:02d}", "created_at": now}
            )
            storage.insert_row(app_db, "stage_events", {
                "use_case_id": case_id, "to_stage": "detected",
                "effective_on": (TODAY - dt.timedelta(days=number)).isoformat(), "recorded_at": now,
            })  # fmt: skip
    at = sign_in("leider", page="pages/board.py")
    cards = [b for b in at.button if b.key and b.key.startswith("open_")]
    assert len(cards) == 40
    assert "Vraag 00" in cards[0].label  # the most recently moved first
    assert any("En nog 5" in c.value for c in at.caption)


def test_the_organisation_and_person_lists_show_the_first_500_and_search_finds_the_rest(
    app_db, sign_in
):
    now = storage.now_iso()
    with storage.transaction(app_db):
        for number in range(503):
            org = storage.insert_row(app_db, "organisations", {
                "name": f"Bedrijf {number:03d}", "normal_name": f"bedrijf {number:03d}",
                "kind": "company", "created_at": now,
            })  # fmt: skip
            storage.insert_row(app_db, "persons", {
                "name": f"Persoon {number:03d}", "normal_name": f"persoon {number:03d}",
                "organisation_id": org, "created_at": now,
            })  # fmt: skip
    at = sign_in("leider", page="pages/organisations.py")
    assert any("En nog 3" in c.value for c in at.caption)
    assert len(at.selectbox(key="org_pick").options) == 500
    at.text_input(key="org_search.nl").input("Bedrijf 502").run()
    assert [o for o in at.selectbox(key="org_pick").options] == ["Bedrijf 502"]
    at.switch_page("pages/persons.py").run()
    assert not at.exception, at.exception
    assert any("En nog 3" in c.value for c in at.caption)
    assert len(at.selectbox(key="per_pick").options) == 500


def test_an_organisation_with_many_participations_lists_the_latest_500_of_a_year(app_db, sign_in):
    now = storage.now_iso()
    year = TODAY.year - 1
    with storage.transaction(app_db):
        org = storage.insert_row(app_db, "organisations", {
            "name": "Groot Bedrijf", "normal_name": "groot bedrijf", "kind": "company",
            "created_at": now,
        })  # fmt: skip
        for number in range(502):
            day = dt.date(year, 1, 1) + dt.timedelta(days=number % 365)
            activity = storage.insert_row(app_db, "activities", {
                "title": f"Sessie {number}", "normal_title": f"sessie {number}",
                "activity_date": day.isoformat(), "created_at": now,
            })  # fmt: skip
            storage.insert_row(app_db, "attendance", {
                "activity_id": activity, "organisation_id": org, "created_at": now,
            })  # fmt: skip
    at = sign_in("leider", page="pages/organisations.py")
    at.selectbox(key="org_pick").set_value(org).run()
    assert not at.exception, at.exception
    assert any("502 deelname" in e.label for e in at.expander)  # the count has them all
    assert any("De laatste 500" in c.value for c in at.caption)

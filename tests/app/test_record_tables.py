"""The lists of organisations, persons and activities: a click on a table row opens that record
below the table; the search and the filters are kept while moving between pages and survive a
switch of language."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import services
from tests.app.conftest import actor


def click_row(at, table: str, title_column: str, title: str) -> None:
    """Click the cell of ``title``'s row in ``title_column`` (as the browser sends a cell click)."""
    [key] = [k for k in at.session_state.keys() if str(k).startswith(f"{table}.")]  # noqa: SIM118
    [frame] = [df.value for df in at.dataframe if title_column in df.value.columns][:1]
    row = list(frame[title_column]).index(title)
    at.session_state[key] = {
        "selection": {"rows": [], "columns": [], "cells": [[row, title_column]]}
    }
    at.run()
    assert not at.exception, at.exception


@pytest.fixture
def network(app_db):
    leader = actor(app_db)
    for day, title in ((dt.date(2024, 6, 1), "Meetup Smart Energy"),
                       (dt.date(2025, 2, 3), "Workshop waterstof"),
                       (dt.date(2025, 9, 9), "Fieldlab-sessie warmte")):  # fmt: skip
        services.create_activity(app_db, leader, title, day, "meetup")
    return app_db


def test_a_click_on_an_activity_row_opens_that_activity(network, sign_in):
    at = sign_in("leider", page="pages/activities.py")
    assert at.selectbox(key="act_pick").value is None
    click_row(at, "act_table", "Activiteit", "Workshop waterstof")
    picked = at.selectbox(key="act_pick").value
    assert (
        picked
        == network.execute(
            "SELECT id FROM activities WHERE title = 'Workshop waterstof'"
        ).fetchone()[0]
    )
    assert "Workshop waterstof" in [m.value for m in at.markdown if m.value.startswith("####")][0]
    assert at.query_params.get("activity") == str(picked)
    # another record picked in the picker stays picked on the next runs (the click is used once)
    other = network.execute("SELECT id FROM activities WHERE title LIKE 'Meetup%'").fetchone()[0]
    at.selectbox(key="act_pick").set_value(other).run()
    at.run()
    assert at.selectbox(key="act_pick").value == other


def test_a_click_on_an_organisation_or_person_row_opens_it(app_db, sign_in):
    leader = actor(app_db)
    services.create_organisation(app_db, leader, "Crown van Gelder B.V.", kind="company")
    services.create_organisation(app_db, leader, "ROC Nova College", kind="education")
    at = sign_in("leider", page="pages/organisations.py")
    click_row(at, "org_table", "Naam", "ROC Nova College")
    assert at.subheader[0].value == "ROC Nova College"


def test_search_and_year_are_kept_between_pages(network, sign_in):
    at = sign_in("leider", page="pages/activities.py")
    at.selectbox(key="act_year.nl").select("2025").run()
    at.text_input(key="act_search.nl").input("waterstof").run()
    at.switch_page("pages/organisations.py").run()
    at.text_input(key="org_search.nl").input("crown").run()
    at.switch_page("pages/activities.py").run()
    assert at.selectbox(key="act_year.nl").value == "2025"
    assert at.text_input(key="act_search.nl").value == "waterstof"
    at.switch_page("pages/organisations.py").run()
    assert at.text_input(key="org_search.nl").value == "crown"


def test_the_year_filter_works_after_a_switch_to_english(network, sign_in):
    at = sign_in("leider", page="pages/activities.py")
    at.selectbox(key="act_year.nl").select("2025").run()
    # (AppTest reruns a page file without the router's picker: the picker's two keys, as it sets them)
    at.session_state["lang"] = "en"
    at.session_state["lang_picker"] = "en"
    at.run()
    assert not at.exception, at.exception
    year = at.selectbox(key="act_year.en")
    assert year.value == "2025"  # the choice is kept, in the new language's widget
    year.select("all").run()
    assert not at.exception, at.exception
    titles = [df.value for df in at.dataframe][0].iloc[:, 1].tolist()
    assert sorted(titles) == ["Fieldlab-sessie warmte", "Meetup Smart Energy", "Workshop waterstof"]


def test_a_click_on_an_intake_row_opens_it_in_the_form(app_db, sign_in):
    coach = actor(app_db, "coach")
    services.save_intake(app_db, coach, dt.date(2026, 3, 2), organisation_name="Hydroliq Solutions")
    services.save_intake(
        app_db, coach, dt.date(2026, 4, 9), organisation_name="Bos Verspaning B.V."
    )
    at = sign_in("coach", page="pages/my_intakes.py")
    assert at.selectbox(key="myint_pick").value is None
    click_row(at, "myint_table", "Bedrijf", "Bos Verspaning B.V.")
    picked = at.selectbox(key="myint_pick").value
    assert (
        picked
        == app_db.execute(
            "SELECT i.id FROM intakes i JOIN organisations o ON o.id = i.organisation_id "
            "WHERE o.name = 'Bos Verspaning B.V.'"
        ).fetchone()[0]
    )


def _two_use_cases(app_db):
    leader, coach = actor(app_db), actor(app_db, "coach")
    mine = services.create_use_case(
        app_db, leader, "Warmteterugwinning walsstraat", dt.date(2026, 3, 1),
        asset_owner_name="Tata Steel Nederland B.V.",
    )  # fmt: skip
    services.update_use_case(app_db, leader, mine, coach_id=coach.id)
    other = services.create_use_case(
        app_db, leader, "Corrosiedetectie kademuur", dt.date(2026, 3, 2),
        asset_owner_name="Zeehaven IJmuiden N.V.",
    )  # fmt: skip
    return mine, other


def test_a_click_on_a_snapshot_row_opens_the_use_case_for_the_programme_leader(app_db, sign_in):
    _mine, other = _two_use_cases(app_db)
    at = sign_in("leider", page="pages/snapshot.py")
    click_row(at, "snap_cases", "Use case", "Corrosiedetectie kademuur")
    assert at.subheader[0].value == "Corrosiedetectie kademuur"
    assert at.query_params.get("use_case") == str(other)


def test_the_coach_opens_its_own_use_case_from_the_snapshot_and_not_another(app_db, sign_in):
    mine, _other = _two_use_cases(app_db)
    at = sign_in("coach", page="pages/snapshot.py")
    click_row(at, "snap_cases", "Use case", "Corrosiedetectie kademuur")
    assert any("coacht u niet" in i.value for i in at.info)  # not opened, said why
    assert at.title[0].value != "Mijn use cases"


def test_a_steering_member_gets_a_plain_snapshot_table(app_db, sign_in):
    _two_use_cases(app_db)
    at = sign_in("stuur", page="pages/snapshot.py")
    assert at.dataframe  # the table is there
    assert not [k for k in at.session_state.keys() if str(k).startswith("snap_cases.")]  # noqa: SIM118


def test_a_link_to_a_use_case_the_coach_does_not_coach_opens_no_other_one(app_db, sign_in):
    mine, other = _two_use_cases(app_db)
    at = sign_in("coach")
    at.session_state["use_case_id"] = other
    at.switch_page("pages/use_case.py").run()
    assert not at.exception, at.exception
    assert any("coacht hem niet" in w.value for w in at.warning)
    assert at.selectbox(key="uc_pick").value is None
    assert not [s.value for s in at.subheader if "Warmteterugwinning" in s.value]
    # its own use case is still there to choose
    at.selectbox(key="uc_pick").set_value(mine).run()
    assert at.subheader[0].value == "Warmteterugwinning walsstraat"


def test_the_live_snapshot_is_kept_between_reruns_and_counts_anew_after_a_write(app_db, sign_in):
    """The page keeps its live report (seconds to count at scale) until the database changes:
    a use case someone else adds shows on the next run."""
    _two_use_cases(app_db)
    at = sign_in("leider", page="pages/snapshot.py")

    def titles() -> list[str]:
        frame = next(df.value for df in at.dataframe if "Use case" in df.value.columns)
        return sorted(frame["Use case"])

    assert titles() == ["Corrosiedetectie kademuur", "Warmteterugwinning walsstraat"]
    at.run()  # a rerun with nothing written: the same report, kept
    assert titles() == ["Corrosiedetectie kademuur", "Warmteterugwinning walsstraat"]
    services.create_use_case(
        app_db, actor(app_db), "Waterstofklare branders", dt.date.today(),
        asset_owner_name="Tata Steel Nederland B.V.",
    )  # fmt: skip
    at.run()
    assert "Waterstofklare branders" in titles()

"""The "Wijzigingen" of a use case, organisation and person: the programme leader's only."""

from __future__ import annotations

import datetime as dt

from funnel import services
from tests.app.conftest import actor
from tests.app.test_use_case import open_page

TODAY = dt.date.today()


def test_leader_sees_the_changes_of_a_use_case_with_a_csv_download(app_db, sign_in):
    leider, coach = actor(app_db, "leider"), actor(app_db, "coach")
    case_id = services.create_use_case(
        app_db, leider, "Restwarmte", TODAY, asset_owner_name="Tata Steel"
    )
    services.update_use_case(app_db, leider, case_id, next_step="Offerte opvragen")
    services.update_use_case(app_db, leider, case_id, coach_id=coach.id)
    at = open_page(sign_in, "leider", case_id)
    tab = next(tab for tab in at.tabs if tab.label == "Wijzigingen")
    [table] = tab.dataframe
    rows = table.value.to_dict("records")
    step = next(r for r in rows if r["Veld"] == "Volgende stap")
    assert (step["Wie"], step["Was"], step["Werd"], step["Handeling"]) == (
        "Leider", "", "Offerte opvragen", "gewijzigd"
    )  # fmt: skip
    assert any(r["Wat"].startswith("Fasewijziging") for r in rows)
    assert [b.label for b in tab.get("download_button")] == ["Wijzigingen als CSV"]

    # the coach of the use case sees the use case, not its trail
    at = open_page(sign_in, "coach", case_id)
    assert "Wijzigingen" not in [tab.label for tab in at.tabs]


def test_leader_sees_the_changes_of_an_organisation(app_db, sign_in):
    leider = actor(app_db, "leider")
    org = services.create_organisation(app_db, leider, "Tata Steel")
    services.update_organisation(app_db, leider, org.id, name="Tata Steel Nederland")
    at = sign_in("leider", page="pages/organisations.py")
    at.selectbox(key="org_pick").select(org.id).run()
    assert not at.exception
    expander = next(e for e in at.expander if e.label == "Wijzigingen")
    rows = expander.dataframe[0].value.to_dict("records")
    assert {"Was": "Tata Steel", "Werd": "Tata Steel Nederland"}.items() <= next(
        r for r in rows if r["Veld"] == "Naam"
    ).items()


def test_leader_sees_the_changes_of_the_settings_on_the_users_page(app_db, sign_in):
    at = sign_in("leider", page="pages/users.py")
    at.number_input(key="users_idle_minutes").set_value(45)
    at.button(key="FormSubmitter:users_idle-Opslaan").click().run()
    assert not at.exception, at.exception
    expander = next(e for e in at.expander if e.label == "Wijzigingen van de instellingen")
    rows = expander.dataframe[0].value.to_dict("records")
    assert [(r["Wie"], r["Wat"], r["Was"], r["Werd"]) for r in rows] == [
        ("Leider", "Instelling: Uitloggen na minuten zonder gebruik", "120", "45")
    ]
    assert [b.label for b in expander.get("download_button")] == ["Wijzigingen als CSV"]

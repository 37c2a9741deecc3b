"""Deep links: every use case, organisation, person and activity has its own address
(``?use_case=12``), which opens the record after sign-in and is in the address bar while it is open."""

from __future__ import annotations

import datetime as dt

from funnel import services
from tests.app.conftest import PASSWORDS, actor, new_app

TODAY = dt.date.today()


def sign_in_from(link: dict[str, str], username: str = "leider"):
    at = new_app()
    at.query_params.update(link)
    at.run()
    inputs = {ti.label: ti for ti in at.text_input}
    inputs["Gebruikersnaam"].input(username)
    inputs["Wachtwoord"].input(PASSWORDS[username])
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert not at.exception, at.exception
    return at


def test_a_use_case_link_opens_the_use_case_after_sign_in(app_db):
    leider = actor(app_db)
    services.create_use_case(app_db, leider, "Eerste", TODAY, asset_owner_name="Acme")
    wanted = services.create_use_case(app_db, leider, "Restwarmte", TODAY, asset_owner_name="Acme")
    at = sign_in_from({"use_case": str(wanted)})
    assert at.selectbox(key="uc_pick").value == wanted
    assert at.subheader[0].value == "Restwarmte"
    assert at.query_params["use_case"] == str(wanted)


def test_organisation_person_and_activity_links_open_their_record(app_db):
    leider = actor(app_db)
    activity = services.create_activity(app_db, leider, "Meetup waterstof", TODAY)
    services.add_attendance(
        app_db, leider, activity, organisation_name="Acme", person_name="Jan Jansen"
    )
    org = app_db.execute("SELECT id FROM organisations WHERE name = 'Acme'").fetchone()[0]
    person = app_db.execute("SELECT id FROM persons WHERE name = 'Jan Jansen'").fetchone()[0]
    at = sign_in_from({"organisation": str(org)})
    assert at.selectbox(key="org_pick").value == org
    at = sign_in_from({"person": str(person)})
    assert at.selectbox(key="per_pick").value == person
    at = sign_in_from({"activity": str(activity)})
    assert at.selectbox(key="act_pick").value == activity


def test_a_link_to_a_record_outside_the_role_is_not_followed(app_db):
    leider = actor(app_db)
    case = services.create_use_case(
        app_db, leider, "Niet van de coach", TODAY, asset_owner_name="A"
    )
    at = sign_in_from({"organisation": "1"}, "coach")
    assert at.title[0].value == "Intake vastleggen"  # the coach's own first page
    at = sign_in_from({"use_case": str(case)}, "coach")
    # not a use case the coach coaches: the link opens nothing of it
    assert "Niet van de coach" not in [s.value for s in at.subheader]

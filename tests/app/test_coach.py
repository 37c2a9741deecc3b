"""The Green Incubator coach's pages: logging an intake and editing one's own intakes."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import auth, queries, services
from funnel.errors import FunnelError, PermissionDenied
from funnel.models import IntakeNeed, IntakeOutcome
from tests.app.conftest import actor

TODAY = dt.date.today()


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def key(at, name: str, form: str = "intake_new") -> str:
    """The widget key of an intake form field (the form starts a new generation after a save)."""
    return f"{form}_{at.session_state[form + '__generation']}_{name}"


def stage_of(db, case_id: int) -> str:
    return queries.get_use_case(db, case_id)["stage"]


def test_coach_logs_intake_for_new_company_with_kvk_and_new_use_case(app_db, sign_in):
    at = sign_in("coach", page="pages/intake.py")
    assert at.title[0].value == "Intake vastleggen"
    at.text_input(key=key(at, "org_name")).input("Smederij Jansen B.V.")
    at.text_input(key=key(at, "org_kvk")).input("12.345.678")
    at.text_input(key=key(at, "person_name")).input("Anouk Jansen")
    at.text_input(key=key(at, "person_email")).input("Anouk@Smederij-Jansen.nl")
    at.text_input(key=key(at, "case_title")).input("Restwarmte uit de smeedoven benutten")
    at.selectbox(key=key(at, "theme")).select("Smart Energy")
    at.pills(key=key(at, "needs")).set_value([IntakeNeed.KNOWLEDGE, IntakeNeed.CONNECTIONS])
    at.radio(key=key(at, "outcome")).set_value(IntakeOutcome.START_DEFINITION)
    at.text_input(key=key(at, "next_step")).input("Afspraak met Fieldlab Smart Energy")
    at.button(key=key(at, "save")).click().run()

    assert not at.exception
    assert not at.error
    message = at.success[0].value
    assert "Smederij Jansen" in message
    assert "van Gesignaleerd naar Intake Green Incubator" in message
    coach = actor(app_db, "coach")
    [intake] = queries.list_intakes(app_db, coach_id=coach.id)
    assert intake["organisation_name"] == "Smederij Jansen B.V."
    assert intake["person_name"] == "Anouk Jansen"
    assert intake["needs"] == ["knowledge", "connections"]
    assert intake["outcome"] == "start_definition"
    assert intake["next_step"] == "Afspraak met Fieldlab Smart Energy"
    [org] = queries.list_organisations(app_db, "Smederij Jansen")
    assert org["kvk"] == "12345678"
    assert org["kind"] == "company"
    case = queries.get_use_case(app_db, intake["use_case_id"])
    assert case["title"] == "Restwarmte uit de smeedoven benutten"
    assert case["stage"] == "intake"
    assert case["asset_owner_id"] == org["id"]
    assert case["theme"] == "Smart Energy"
    # the form is empty again for the next conversation
    assert at.selectbox(key=key(at, "org")).value is None
    assert at.text_input(key=key(at, "person_name")).value == ""


def test_intake_on_an_existing_detected_use_case_moves_it_to_intake(app_db, sign_in):
    leader = actor(app_db, "leider")
    case_id = services.create_use_case(
        app_db,
        leader,
        "Predictief onderhoud walsstraat",
        TODAY - dt.timedelta(days=30),
        asset_owner_name="Tata Steel Nederland B.V.",
        asset_owner_kvk="24297754",
    )
    org_id = queries.get_use_case(app_db, case_id)["asset_owner_id"]
    assert stage_of(app_db, case_id) == "detected"
    # the programme leader assigned the coach (an intake alone gives a coach no use case)
    services.update_use_case(app_db, leader, case_id, coach_id=actor(app_db, "coach").id)

    at = sign_in("coach", page="pages/intake.py")
    at.radio(key=key(at, "company_mode")).set_value("existing").run()
    at.selectbox(key=key(at, "org")).select(org_id)
    at.radio(key=key(at, "case_mode")).set_value("existing").run()
    at.selectbox(key=key(at, "case")).select(case_id)
    at.button(key=key(at, "save")).click().run()

    assert not at.exception and not at.error
    assert "van Gesignaleerd naar Intake Green Incubator" in at.success[0].value
    assert stage_of(app_db, case_id) == "intake"
    [intake] = queries.list_intakes(app_db, use_case_id=case_id)
    assert intake["organisation_id"] == org_id
    assert intake["intake_date"] == TODAY.isoformat()


def test_bad_kvk_shows_the_kvk_error_keeps_the_input_and_writes_nothing(app_db, sign_in):
    at = sign_in("coach", page="pages/intake.py")
    at.text_input(key=key(at, "org_name")).input("Installatiebedrijf De Vries")
    at.text_input(key=key(at, "org_kvk")).input("1234")
    at.text_input(key=key(at, "case_title")).input("Waterstof voor de werkplaats")
    at.button(key=key(at, "save")).click().run()

    assert not at.exception
    assert "'1234' is geen geldig KvK-nummer" in at.error[0].value
    assert at.error[0].value.startswith("KvK-nummer:")
    assert not at.success
    assert at.text_input(key=key(at, "org_name")).value == "Installatiebedrijf De Vries"
    assert at.text_input(key=key(at, "org_kvk")).value == "1234"
    for table in ("intakes", "organisations", "use_cases", "persons", "stage_events"):
        assert count(app_db, table) == 0, table


def test_missing_company_bad_email_and_future_date_are_refused(app_db, sign_in):
    at = sign_in("coach", page="pages/intake.py")
    at.button(key=key(at, "save")).click().run()
    assert at.error[0].value == "Bedrijf: dit veld is verplicht"

    at.text_input(key=key(at, "org_name")).input("Smederij Jansen")
    at.text_input(key=key(at, "person_email")).input("anouk@@jansen")
    at.button(key=key(at, "save")).click().run()
    assert "'anouk@@jansen' is geen geldig e-mailadres" in at.error[0].value

    at.text_input(key=key(at, "person_email")).input("anouk@jansen.nl")
    # the picker offers no day after today (it used to, and refused it only on save)
    assert at.date_input(key=key(at, "date")).proto.max == TODAY.isoformat()
    assert at.text_input(key=key(at, "person_email")).value == "anouk@jansen.nl"
    assert count(app_db, "intakes") == 0
    assert count(app_db, "organisations") == 0
    # and the domain still refuses a future date, in Dutch words and a Dutch date
    later = TODAY + dt.timedelta(days=3)
    with pytest.raises(FunnelError) as refused:
        services.save_intake(
            app_db, actor(app_db, "coach"), later, organisation_name="Smederij Jansen"
        )
    assert f"datum {later:%d-%m-%Y} ligt in de toekomst" in refused.value.message("nl")


def test_coach_edits_own_intake_on_my_intakes(app_db, sign_in):
    coach = actor(app_db, "coach")
    intake_id = services.save_intake(
        app_db,
        coach,
        TODAY - dt.timedelta(days=7),
        organisation_name="Crown van Gelder",
        person_name="Pieter de Boer",
        person_email="pieter@cvg.nl",
        new_use_case_title="Stoomverbruik papiermachine omlaag",
        needs=["knowledge"],
    ).id

    at = sign_in("coach", page="pages/my_intakes.py")
    assert at.title[0].value == "Mijn intakes"
    table = at.dataframe[0].value
    assert list(table["Bedrijf"]) == ["Crown van Gelder"]
    at.selectbox(key="myint_pick").select(intake_id).run()
    form = f"myint_edit_{intake_id}"
    # the form shows the saved intake
    assert at.text_input(key=key(at, "person_email", form)).value == "pieter@cvg.nl"
    assert at.radio(key=key(at, "case_mode", form)).value == "existing"
    at.radio(key=key(at, "outcome", form)).set_value(IntakeOutcome.REFER)
    at.text_area(key=key(at, "notes", form)).input("Doorverwezen naar de Energy Academy")
    at.button(key=key(at, "save", form)).click().run()

    assert not at.exception and not at.error
    assert "opgeslagen" in at.success[0].value
    [intake] = queries.list_intakes(app_db, coach_id=coach.id)
    assert intake["id"] == intake_id
    assert intake["outcome"] == "refer"
    assert intake["notes"] == "Doorverwezen naar de Energy Academy"
    assert intake["needs"] == ["knowledge"]
    assert count(app_db, "use_cases") == 1


def test_my_intakes_filters_on_outcome_and_company(app_db, sign_in):
    coach = actor(app_db, "coach")
    for name, outcome in (("Smederij Jansen", "no_fit"), ("Crown van Gelder", "refer")):
        services.save_intake(app_db, coach, TODAY, organisation_name=name, outcome=outcome)

    at = sign_in("coach", page="pages/my_intakes.py")
    assert len(at.dataframe[0].value) == 2
    at.selectbox(key="myint_outcome").select(IntakeOutcome.REFER).run()
    assert list(at.dataframe[0].value["Bedrijf"]) == ["Crown van Gelder"]
    at.selectbox(key="myint_outcome").select("all")
    at.text_input(key="myint_search").input("smederij").run()
    assert list(at.dataframe[0].value["Bedrijf"]) == ["Smederij Jansen"]


def test_another_coachs_intake_is_not_listed_and_editing_it_is_refused(app_db, sign_in):
    auth.create_user(app_db, "coach2", "coach2-test-pw", "coach", display_name="Coach Twee")
    other = actor(app_db, "coach2", "coach2-test-pw")
    intake_id = services.save_intake(app_db, other, TODAY, organisation_name="Smederij Jansen").id

    at = sign_in("coach", page="pages/my_intakes.py")
    assert "nog geen intakes" in at.info[0].value
    assert not at.dataframe
    with pytest.raises(PermissionDenied):
        services.save_intake(
            app_db,
            actor(app_db, "coach"),
            TODAY,
            organisation_name="Overname BV",
            intake_id=intake_id,
        )
    assert queries.list_intakes(app_db)[0]["organisation_name"] == "Smederij Jansen"


def test_steering_has_no_intake_pages_and_cannot_log_an_intake(app_db, sign_in):
    at = sign_in("stuur")
    for page in ("pages/intake.py", "pages/my_intakes.py"):
        # a page left out of the role's navigation cannot be reached at all
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page).run()
        assert not any(t.value in ("Intake vastleggen", "Mijn intakes") for t in at.title)
    with pytest.raises(PermissionDenied):
        services.save_intake(app_db, actor(app_db, "stuur"), TODAY, organisation_name="X")
    assert count(app_db, "intakes") == 0


def test_editing_an_intake_someone_else_changed_is_refused_and_keeps_the_input(app_db, sign_in):
    coach = actor(app_db, "coach")
    saved = services.save_intake(
        app_db, coach, TODAY - dt.timedelta(days=7), organisation_name="Crown van Gelder",
        notes="Eerste gesprek",
    )  # fmt: skip
    at = sign_in("coach", page="pages/my_intakes.py")
    at.selectbox(key="myint_pick").select(saved.id).run()
    form = f"myint_edit_{saved.id}"
    # the same intake saved meanwhile elsewhere (another tab)
    intake = queries.get_intake(app_db, coach, saved.id)
    services.save_intake(
        app_db, coach, TODAY - dt.timedelta(days=7), organisation_id=intake["organisation_id"],
        notes="Offerte gestuurd", intake_id=saved.id, version=intake["version"],
    )  # fmt: skip
    at.text_area(key=key(at, "notes", form)).input("Doorverwezen")
    at.button(key=key(at, "save", form)).click().run()
    assert not at.exception
    assert "Aantekeningen: 'Offerte gestuurd' (uw invoer: 'Doorverwezen')" in at.error[0].value
    assert at.text_area(key=key(at, "notes", form)).value == "Doorverwezen"
    assert queries.get_intake(app_db, coach, saved.id)["notes"] == "Offerte gestuurd"
    # saving again, having seen theirs, goes through
    at.button(key=key(at, "save", form)).click().run()
    assert not at.error
    assert queries.get_intake(app_db, coach, saved.id)["notes"] == "Doorverwezen"

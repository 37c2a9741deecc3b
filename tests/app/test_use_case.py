"""The use case page: edit fields, link involvements, stage history, intakes, and who sees what."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import queries, services
from funnel.db import rows
from funnel.errors import PermissionDenied
from tests.app.conftest import actor

TODAY = dt.date.today()


def widget(elements, label: str, form: str):
    """The widget with this label inside the form ``form``."""
    return next(w for w in elements if w.label == label and w.form_id == form)


def open_page(sign_in, username: str, case_id: int | None = None):
    at = sign_in(username)
    if case_id is not None:
        at.session_state["use_case_id"] = case_id
    at.switch_page("pages/use_case.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def case_id(app_db):
    """A detected use case of Tata Steel (no partners linked yet)."""
    return services.create_use_case(
        app_db,
        actor(app_db, "leider"),
        "Restwarmte hergebruiken",
        TODAY - dt.timedelta(days=30),
        asset_owner_name="Tata Steel Nederland B.V.",
        asset_owner_kvk="12345678",
        theme="Smart Energy",
    )


def test_programme_leader_edits_and_saves_fields(app_db, case_id, sign_in):
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_edit_{case_id}"
    widget(at.text_input, "Volgende stap", form).input("Workshop plannen met HvA")
    widget(at.selectbox, "Fieldlab", form).select("Smart Maintenance")
    widget(at.selectbox, "Duurzaamheidseffect", form).select("co2")
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert not at.exception
    case = queries.get_use_case(app_db, case_id)
    assert case["next_step"] == "Workshop plannen met HvA"
    assert case["fieldlab"] == "Smart Maintenance"
    assert case["effect"] == "co2"
    assert at.toast[0].value == "Wijzigingen opgeslagen."
    # the form shows the saved values after the rerun
    assert widget(at.text_input, "Volgende stap", form).value == "Workshop plannen met HvA"


def test_blank_title_is_refused_and_nothing_changes(app_db, case_id, sign_in):
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_edit_{case_id}"
    widget(at.text_input, "Titel", form).input("   ")
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert at.error[0].value == "Titel: dit veld is verplicht"
    assert queries.get_use_case(app_db, case_id)["title"] == "Restwarmte hergebruiken"


def test_new_use_case_form_records_a_detected_use_case(app_db, case_id, sign_in):
    at = open_page(sign_in, "leider", case_id)
    widget(at.text_input, "Titel", "uc_new").input("Geluidsreductie walstraat")
    widget(at.text_input, "of nieuwe asset owner: naam", "uc_new").input("tata steel nederland bv")
    widget(at.selectbox, "Thema", "uc_new").select("Sustainable Industry")
    widget(at.date_input, "Gesignaleerd op", "uc_new").set_value(TODAY - dt.timedelta(days=5))
    at.button(key="FormSubmitter:uc_new-Use case vastleggen").click().run()
    assert not at.exception
    new = [c for c in queries.list_use_cases(app_db) if c["title"] == "Geluidsreductie walstraat"]
    assert len(new) == 1
    assert new[0]["stage"] == "detected"
    assert new[0]["detected_on"] == TODAY - dt.timedelta(days=5)
    # the typed name is the known organisation (identity rules), not a new one
    assert new[0]["asset_owner_name"] == "Tata Steel Nederland B.V."
    assert at.selectbox(key="uc_pick").value == new[0]["id"]


def test_new_use_case_without_asset_owner_is_refused(app_db, sign_in):
    at = open_page(sign_in, "leider")
    assert "Nog geen use cases" in at.info[0].value
    widget(at.text_input, "Titel", "uc_new").input("Zonder bron")
    at.button(key="FormSubmitter:uc_new-Use case vastleggen").click().run()
    assert at.error[0].value == "Asset owner: dit veld is verplicht"
    assert queries.list_use_cases(app_db) == []


def test_linking_a_new_school_with_kvk_opens_the_gate_to_execution(app_db, case_id, sign_in):
    at = open_page(sign_in, "leider", case_id)
    assert "nog niet voldaan" in at.info[0].value
    form = f"uc_link_{case_id}"
    widget(at.text_input, "of nieuwe organisatie: naam", form).input("Hogeschool Inholland")
    widget(at.text_input, "KvK-nummer", form).input("4123.4567")
    widget(at.selectbox, "Soort", form).select("education")
    widget(at.text_input, "of nieuwe persoon: naam", form).input("Fatima el Amrani")
    widget(at.text_input, "E-mail", form).input("F.elAmrani@inholland.nl")
    widget(at.selectbox, "Rol", form).select("education_partner")
    at.button(key=f"FormSubmitter:{form}-Koppelen").click().run()
    assert not at.exception
    orgs = rows(app_db, "SELECT * FROM organisations WHERE kvk = '41234567'")
    assert [(o["name"], o["kind"]) for o in orgs] == [("Hogeschool Inholland", "education")]
    involvement = queries.get_use_case(app_db, case_id)["involvements"][0]
    assert involvement["role"] == "education_partner"
    assert involvement["person_name"] == "Fatima el Amrani"
    assert at.toast[0].value == "Hogeschool Inholland gekoppeld als onderwijspartner."
    assert at.success[0].value.startswith("Poort naar In uitvoering: voldaan")
    # the gate to execution now lets the move through (via the page's move dialog)
    at.button(key="uc_move").click().run()
    at.selectbox(key=f"move_to_{case_id}").select("execution")
    at.button(key=f"FormSubmitter:move_form_{case_id}-Verplaatsen").click().run()
    assert not at.error
    assert queries.get_use_case(app_db, case_id)["stage"] == "execution"


def test_link_with_a_malformed_kvk_is_refused(app_db, case_id, sign_in):
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_link_{case_id}"
    widget(at.text_input, "of nieuwe organisatie: naam", form).input("ROC Nova College")
    widget(at.text_input, "KvK-nummer", form).input("1234")
    at.button(key=f"FormSubmitter:{form}-Koppelen").click().run()
    assert "KvK" in at.error[0].value
    assert queries.get_use_case(app_db, case_id)["involvements"] == []


def test_remove_button_unlinks_an_involvement(app_db, case_id, sign_in):
    leider = actor(app_db, "leider")
    link = services.link_involvement(
        app_db, leider, case_id, "solution_provider", TODAY, organisation_name="Dutch Robotics"
    )
    at = open_page(sign_in, "leider", case_id)
    at.button(key=f"uc_unlink_{link}").click().run()
    assert queries.get_use_case(app_db, case_id)["involvements"] == []


def test_history_lists_every_stage_event(app_db, case_id, sign_in):
    leider = actor(app_db, "leider")
    services.move_use_case(
        app_db, leider, case_id, "definition", TODAY - dt.timedelta(days=10), note="Scope helder"
    )
    services.move_use_case(app_db, leider, case_id, "on_hold", TODAY - dt.timedelta(days=2))
    at = open_page(sign_in, "leider", case_id)
    history_tab = next(tab for tab in at.tabs if tab.label == "Historie")
    lines = [m.value for m in history_tab.markdown]
    assert len(lines) == 3
    assert (TODAY - dt.timedelta(days=30)).strftime("%d-%m-%Y") in lines[0]
    assert "Gesignaleerd → **Projectdefinitie**" in lines[1]
    assert "Projectdefinitie → **Geparkeerd**" in lines[2]
    assert "Scope helder" in lines[1] and "door Leider" in lines[1]


def test_coach_sees_only_coached_use_cases_and_cannot_link(app_db, case_id, sign_in):
    leider, coach = actor(app_db, "leider"), actor(app_db, "coach")
    other = services.create_use_case(
        app_db,
        leider,
        "Waterstof voor ovens",
        TODAY - dt.timedelta(days=3),
        asset_owner_name="Other",
    )
    services.update_use_case(app_db, leider, case_id, coach_id=coach.id)
    services.save_intake(
        app_db,
        coach,
        TODAY - dt.timedelta(days=1),
        organisation_name="Tata Steel Nederland B.V.",
        person_name="Jan de Vries",
        use_case_id=case_id,
        needs=["knowledge"],
        outcome="start_definition",
    )
    at = open_page(sign_in, "coach")
    assert at.title[0].value == "Mijn use cases"
    assert at.selectbox(key="uc_pick").options == [
        "Restwarmte hergebruiken — Intake Green Incubator"
    ]
    assert not [b for b in at.button if b.label == "Koppelen"]
    intakes_tab = next(tab for tab in at.tabs if tab.label.startswith("Intakes"))
    assert intakes_tab.label == "Intakes (1)"
    assert "Jan de Vries" in intakes_tab.dataframe[0].value.to_string()
    # a coach edits the use case it coaches
    form = f"uc_edit_{case_id}"
    widget(at.text_input, "Volgende stap", form).input("Matchen met Inholland")
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert queries.get_use_case(app_db, case_id)["next_step"] == "Matchen met Inholland"
    # the domain refuses what the page hides
    with pytest.raises(PermissionDenied):
        services.link_involvement(
            app_db, coach, case_id, "solution_provider", TODAY, organisation_name="X"
        )
    with pytest.raises(PermissionDenied):
        services.update_use_case(app_db, coach, other, next_step="niet van mij")


def test_steering_has_no_use_case_page(app_db, case_id, sign_in):
    at = sign_in("stuur")
    # the page is not in the steering member's navigation (AppTest knows only registered pages)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/use_case.py").run()
    with pytest.raises(PermissionDenied):
        services.update_use_case(app_db, actor(app_db, "stuur"), case_id, next_step="x")


def test_linking_twice_is_refused_the_form_clears_and_the_tab_stays(app_db, case_id, sign_in):
    """The issue: after a link the form kept ROC Nova College, a second click linked it again,
    the page jumped back to the first tab, and the role was Oplossingsaanbieder for a school."""
    leider = actor(app_db, "leider")
    roc = services.create_organisation(app_db, leider, "ROC Nova College", kind="education").id
    services.create_organisation(app_db, leider, "Inholland")  # kind unknown
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_link_{case_id}"
    picker = widget(at.selectbox, "Organisatie (bestaand)", form)
    # the picker says what kind each organisation is
    assert "ROC Nova College · Onderwijsinstelling" in picker.options
    assert "Inholland · soort onbekend" in picker.options
    picker.set_value(roc)
    # the role follows the organisation's kind unless one is chosen
    assert widget(at.selectbox, "Rol", form).value is None
    at.button(key=f"FormSubmitter:{form}-Koppelen").click().run()
    assert not at.exception and not at.error
    [link] = queries.get_use_case(app_db, case_id)["involvements"]
    assert link["role"] == "education_partner"
    assert at.toast[0].value == "ROC Nova College gekoppeld als onderwijspartner."
    # the involvements tab stays open, and the form starts empty
    assert at.session_state["uc_tab"] == "Betrokkenen (1)"
    assert widget(at.selectbox, "Organisatie (bestaand)", form).value is None
    # the same link again is refused by the domain
    widget(at.selectbox, "Organisatie (bestaand)", form).set_value(roc)
    at.button(key=f"FormSubmitter:{form}-Koppelen").click().run()
    assert "al gekoppeld als onderwijspartner" in at.error[0].value
    assert len(queries.get_use_case(app_db, case_id)["involvements"]) == 1


def test_with_many_organisations_the_link_picker_asks_for_letters_first(
    app_db, case_id, sign_in, monkeypatch
):
    """Above ui.pickers.LIMIT options the browser would get tens of thousands of them: the
    picker offers the matches of what was typed instead (here with a limit of 3)."""
    from ui import pickers

    monkeypatch.setattr(pickers, "LIMIT", 3)
    leider = actor(app_db, "leider")
    for name in ("Crown van Gelder B.V.", "Bos Verspaning B.V.", "Hydroliq Solutions",
                 "Staalblauw Technology B.V."):  # fmt: skip
        services.create_organisation(app_db, leider, name, kind="company")
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_link_{case_id}"
    picker = widget(at.selectbox, "Organisatie (bestaand)", form)
    assert picker.options == []
    assert any("typ eerst een deel van de naam" in c.value for c in at.caption)
    at.text_input(key=f"uc_link_{case_id}_0_find_org").input("crown").run()
    picker = widget(at.selectbox, "Organisatie (bestaand)", form)
    assert [o.split(" · ")[0] for o in picker.options] == ["Crown van Gelder B.V."]
    crown = app_db.execute("SELECT id FROM organisations WHERE name LIKE 'Crown%'").fetchone()[0]
    picker.set_value(crown)
    at.button(key=f"FormSubmitter:{form}-Koppelen").click().run()
    assert not at.exception, at.exception
    [link] = queries.get_use_case(app_db, case_id)["involvements"]
    assert link["organisation_name"] == "Crown van Gelder B.V."
    # the next link starts with an empty search again
    assert at.text_input(key=f"uc_link_{case_id}_1_find_org").value == ""

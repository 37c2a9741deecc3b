"""No lost update on the use case page: a save over someone else's newer change is refused with
what they changed, and the user's input stays in the form."""

from __future__ import annotations

import datetime as dt

from funnel import queries, services
from tests.app.conftest import actor
from tests.app.test_use_case import open_page, widget

TODAY = dt.date.today()


def test_save_over_a_newer_version_is_refused_with_theirs_and_yours_and_keeps_the_input(
    app_db, sign_in
):
    leider = actor(app_db, "leider")
    case_id = services.create_use_case(
        app_db, leider, "Restwarmte", TODAY, asset_owner_name="Tata Steel"
    )
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_edit_{case_id}"
    # someone else saves first (another session, same account here: the version is what counts)
    services.update_use_case(app_db, leider, case_id, version=1, next_step="Offerte opvragen")

    widget(at.text_input, "Volgende stap", form).input("Workshop plannen")
    widget(at.text_input, "Titel", form).input("Restwarmte benutten")
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "niet opgeslagen" in message
    assert "Volgende stap: 'Offerte opvragen' (uw invoer: 'Workshop plannen')" in message
    case = queries.get_use_case(app_db, case_id)
    assert (case["title"], case["next_step"]) == ("Restwarmte", "Offerte opvragen")
    # the input is still there, on the same use case
    assert at.selectbox(key="uc_pick").value == case_id
    assert widget(at.text_input, "Volgende stap", form).value == "Workshop plannen"
    assert widget(at.text_input, "Titel", form).value == "Restwarmte benutten"

    # having seen their change, saving again is the user's decision: it goes through
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert not at.error
    case = queries.get_use_case(app_db, case_id)
    assert (case["title"], case["next_step"]) == ("Restwarmte benutten", "Workshop plannen")
    assert at.toast[0].value == "Wijzigingen opgeslagen."


def test_a_change_to_a_field_the_user_left_alone_is_not_undone(app_db, sign_in):
    leider = actor(app_db, "leider")
    case_id = services.create_use_case(
        app_db, leider, "Restwarmte", TODAY, asset_owner_name="Tata Steel"
    )
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_edit_{case_id}"
    services.update_use_case(app_db, leider, case_id, version=1, next_step="Offerte opvragen")
    at.run()
    assert any("intussen gewijzigd" in i.value for i in at.info)
    # the form still shows what it loaded; "Nieuwste versie laden" shows theirs
    assert widget(at.text_input, "Volgende stap", form).value == ""
    at.button(key="uc_edit_form_reload").click().run()
    assert widget(at.text_input, "Volgende stap", form).value == "Offerte opvragen"
    widget(at.text_input, "Titel", form).input("Restwarmte benutten")
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert not at.error
    case = queries.get_use_case(app_db, case_id)
    assert (case["title"], case["next_step"]) == ("Restwarmte benutten", "Offerte opvragen")

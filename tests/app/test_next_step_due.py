"""A next step's due date: set in the use case form, listed in "Mijn werk" on the first page
(the board for the programme leader, the intake page for the coach), overdue marked."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import queries, services
from funnel.i18n import fmt_date
from tests.app.conftest import actor

TODAY = dt.date.today()


def widget(elements, label: str, form: str):
    return next(w for w in elements if w.label == label and w.form_id == form)


@pytest.fixture
def case_id(app_db):
    leider = actor(app_db, "leider")
    case_id = services.create_use_case(
        app_db, leider, "Restwarmte hergebruiken", TODAY - dt.timedelta(days=10),
        asset_owner_name="Tata Steel Nederland B.V.",
    )  # fmt: skip
    services.update_use_case(app_db, leider, case_id, owner_id=leider.id)
    return case_id


def reminder_texts(at) -> tuple[str, list[str]]:
    [reminder] = [e for e in at.expander if e.label.startswith("Mijn werk")]
    return reminder.label, [m.value for m in reminder.markdown]


def test_a_due_date_set_in_the_form_shows_in_the_reminders_overdue_marked(app_db, case_id, sign_in):
    at = sign_in("leider")
    at.session_state["use_case_id"] = case_id
    at.switch_page("pages/use_case.py").run()
    form = f"uc_edit_{case_id}"
    widget(at.text_input, "Volgende stap", form).input("Offerte opvragen")
    due = widget(at.date_input, "Streefdatum", form)
    assert due.value is None  # optional: empty until chosen
    last_week = TODAY - dt.timedelta(days=7)
    due.set_value(last_week)  # a past day is allowed: the step is overdue
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert not at.exception and not at.error, at.error
    assert queries.get_use_case(app_db, case_id)["next_step_due"] == last_week
    assert widget(at.date_input, "Streefdatum", form).value == last_week

    at.switch_page("pages/board.py").run()
    label, texts = reminder_texts(at)
    assert label == "Mijn werk — volgende stappen: 1, 1 te laat · vastgelopen: 0"
    long_date = fmt_date(last_week, "nl", long=True)  # "25 november 2026"
    assert texts[1] == (
        "- Restwarmte hergebruiken: Offerte opvragen · "
        f":red[:material/alarm: te laat (uiterlijk {long_date})]"
    )
    # and on the card, on hover
    [hover] = [b.help for b in at.button if b.key == f"open_{case_id}"]
    assert (
        f"Volgende stap: Offerte opvragen · :red[:material/alarm: te laat (uiterlijk {long_date})]"
        in hover
    )


def test_a_due_date_without_a_next_step_is_refused_in_the_form(app_db, case_id, sign_in):
    at = sign_in("leider")
    at.session_state["use_case_id"] = case_id
    at.switch_page("pages/use_case.py").run()
    form = f"uc_edit_{case_id}"
    widget(at.date_input, "Streefdatum", form).set_value(TODAY)
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert [e.value for e in at.error] == [
        "Een streefdatum hoort bij een volgende stap: vul de volgende stap in, of haal de "
        "streefdatum weg"
    ]
    assert queries.get_use_case(app_db, case_id)["next_step_due"] is None


def test_the_coach_sees_a_step_due_today_first_on_its_first_page(app_db, case_id, sign_in):
    leider, coach = actor(app_db, "leider"), actor(app_db, "coach")
    services.update_use_case(app_db, leider, case_id, coach_id=coach.id, next_step="Intake")
    other = services.create_use_case(
        app_db, leider, "Waterstof branders", TODAY - dt.timedelta(days=40),
        asset_owner_name="Crown van Gelder", next_step="Bellen",
    )  # fmt: skip
    services.update_use_case(app_db, leider, other, coach_id=coach.id)
    services.update_use_case(app_db, coach, case_id, next_step_due=TODAY)
    at = sign_in("coach")  # the coach's first page: Intake vastleggen
    label, texts = reminder_texts(at)
    assert label == "Mijn werk — volgende stappen: 2 · vastgelopen: 0"
    steps = [text for text in texts if text.startswith("- ")]
    assert steps == [
        "- Restwarmte hergebruiken: Intake · :orange[:material/today: vandaag]",
        "- Waterstof branders: Bellen",  # no date: after the dated ones, though it waits longer
    ]

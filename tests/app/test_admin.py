"""The programme leader's administration pages: yearly targets and user accounts."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import auth, metrics, services
from funnel.errors import FunnelError, PermissionDenied
from funnel.models import DEFAULT_TARGETS, Role
from tests.app.conftest import PASSWORDS, actor, assert_out_of_reach

THIS_YEAR = dt.date.today().year


def edit_targets(at, row: int, **values):
    """Edit cells of the targets table (AppTest cannot type into a data_editor: set its state)."""
    generation = at.session_state["targets_generation"]
    at.session_state[f"targets_editor_{generation}"] = {
        "edited_rows": {row: values},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def save_targets(at):
    return next(b for b in at.button if b.label == "Opslaan").click().run()


# --- targets ------------------------------------------------------------------------------------


def test_targets_table_shows_this_year_and_next_with_the_spec_defaults(app_db, sign_in):
    at = sign_in("leider", page="pages/targets.py")
    assert at.title[0].value == "Doelstellingen"
    assert "stuurgroep" in at.caption[0].value
    assert (
        "10 use cases, 10 innovatieprojecten, 200 bedrijven en 300 personen" in at.caption[0].value
    )
    table = at.dataframe[0].value
    assert list(table["year"]) == [THIS_YEAR, THIS_YEAR + 1]
    assert list(table["unique_persons"]) == [300, 300]
    assert list(table["use_cases_detected"]) == [10, 10]
    # every goal of the strategy has its target, the core partners' as a percentage
    assert list(table.columns) == ["year", *DEFAULT_TARGETS]
    assert list(table["fieldlab_companies"]) == [50, 50]
    assert list(table["core_partner_share"]) == [100, 100]


def test_programme_leader_changes_a_target_in_the_editor(app_db, sign_in):
    at = sign_in("leider", page="pages/targets.py")
    edit_targets(at, 1, unique_companies=240, projects_realised=12)
    save_targets(at)

    assert not at.exception and not at.error
    assert "2 doelstelling(en) opgeslagen" in at.success[0].value
    assert metrics.targets_for(app_db, THIS_YEAR + 1) == {
        **DEFAULT_TARGETS,
        "projects_realised": 12,
        "unique_companies": 240,
    }
    assert metrics.targets_for(app_db, THIS_YEAR)["unique_companies"] == 200
    # the table is rebuilt from the database after saving
    assert list(at.dataframe[0].value["unique_companies"]) == [200, 240]


def test_a_negative_target_is_refused_with_the_domain_message(app_db, sign_in):
    at = sign_in("leider", page="pages/targets.py")
    edit_targets(at, 0, unique_persons=-5)
    save_targets(at)

    assert not at.exception
    message = at.error[0].value
    assert message.startswith(f"{THIS_YEAR}, Unieke personen: ")
    assert "0 of meer" in message and "-5" in message
    assert metrics.targets_for(app_db, THIS_YEAR)["unique_persons"] == 300


# --- users --------------------------------------------------------------------------------------


def test_users_table_lists_the_accounts_with_their_role(app_db, sign_in):
    at = sign_in("leider", page="pages/users.py")
    assert at.title[0].value == "Gebruikers"
    table = at.dataframe[0].value
    assert list(table["Gebruikersnaam"]) == ["coach", "leider", "stuur"]
    assert "Coach Green Incubator" in list(table["Rol"])
    assert set(table["Status"]) == {"actief"}


def key(at, form: str, name: str) -> str:
    """The widget key of a form field (a form starts a new generation after a save)."""
    return f"{form}_{at.session_state[form + '__generation']}_{name}"


def fill_add_form(at, username: str, password: str, repeat: str | None = None):
    at.text_input(key=key(at, "users_add", "name")).input("Fatima El Amrani")
    at.text_input(key=key(at, "users_add", "username")).input(username)
    at.selectbox(key=key(at, "users_add", "role")).select(Role.COACH)
    at.text_input(key=key(at, "users_add", "password")).input(password)
    at.text_input(key=key(at, "users_add", "repeat")).input(password if repeat is None else repeat)
    return next(b for b in at.button if b.label == "Account toevoegen").click().run()


def test_an_added_account_can_sign_in(app_db, sign_in):
    at = sign_in("leider", page="pages/users.py")
    fill_add_form(at, "fatima", "groene-incubator")

    assert not at.exception and not at.error
    assert "Account fatima (Coach Green Incubator) toegevoegd" in at.success[0].value
    new = auth.authenticate(app_db, "fatima", "groene-incubator")
    assert new.role == Role.COACH
    assert new.display_name == "Fatima El Amrani"
    assert "fatima" in list(at.dataframe[0].value["Gebruikersnaam"])


def test_adding_an_account_refuses_differing_or_short_passwords(app_db, sign_in):
    at = sign_in("leider", page="pages/users.py")
    fill_add_form(at, "fatima", "groene-incubator", repeat="iets-anders-1")
    assert "niet gelijk" in at.error[0].value
    fill_add_form(at, "fatima", "kort")
    assert "minstens 10 tekens" in at.error[0].value
    fill_add_form(at, "fatima", "Welkom2026!")
    assert "te bekend" in at.error[0].value
    fill_add_form(at, "fatima", "fatima-2026")
    assert "niet de gebruikersnaam" in at.error[0].value
    assert at.text_input(key=key(at, "users_add", "username")).value == "fatima"
    assert "fatima" not in [u["username"] for u in auth.list_users(app_db)]


def test_a_disabled_account_cannot_sign_in_and_can_be_enabled_again(app_db, sign_in):
    stuur = actor(app_db, "stuur")
    at = sign_in("leider", page="pages/users.py")
    at.selectbox(key="users_pick").select(stuur.id).run()
    at.button(key="users_toggle").click().run()

    assert not at.exception and not at.error
    assert "uitgeschakeld" in at.success[0].value
    with pytest.raises(FunnelError) as refused:
        auth.authenticate(app_db, "stuur", PASSWORDS["stuur"])
    assert refused.value.code == "account_disabled"
    assert "uitgeschakeld" in list(at.dataframe[0].value["Status"])

    at.button(key="users_toggle").click().run()
    assert auth.authenticate(app_db, "stuur", PASSWORDS["stuur"]).id == stuur.id


def test_disabling_your_own_account_is_refused(app_db, sign_in):
    leider = actor(app_db, "leider")
    at = sign_in("leider", page="pages/users.py")
    at.selectbox(key="users_pick").select(leider.id).run()
    at.button(key="users_toggle").click().run()

    assert "eigen account niet uitschakelen" in at.error[0].value
    assert auth.authenticate(app_db, "leider", PASSWORDS["leider"]).id == leider.id


def test_reset_password_replaces_the_old_one(app_db, sign_in):
    coach = actor(app_db, "coach")
    at = sign_in("leider", page="pages/users.py")
    at.selectbox(key="users_pick").select(coach.id).run()
    at.text_input(key=key(at, "users_reset", "password")).input("nieuw-wachtwoord")
    at.text_input(key=key(at, "users_reset", "repeat")).input("nieuw-wachtwoord")
    next(b for b in at.button if b.label == "Wachtwoord instellen").click().run()

    assert not at.exception and not at.error
    assert "wachtwoord van coach is gewijzigd" in at.success[0].value
    assert auth.authenticate(app_db, "coach", "nieuw-wachtwoord").id == coach.id
    with pytest.raises(FunnelError):
        auth.authenticate(app_db, "coach", PASSWORDS["coach"])


# --- rights -------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["stuur", "coach"])
def test_steering_and_coach_cannot_reach_the_admin_pages_and_the_services_refuse(
    app_db, sign_in, username
):
    # a page left out of the role's navigation cannot be reached at all
    assert_out_of_reach(
        sign_in, username, {"pages/targets.py": "Doelstellingen", "pages/users.py": "Gebruikers"}
    )
    who = actor(app_db, username)
    leider = actor(app_db, "leider")
    with pytest.raises(PermissionDenied):
        services.set_target(app_db, who, THIS_YEAR, "unique_companies", 1)
    with pytest.raises(PermissionDenied):
        services.add_user(app_db, who, "indringer", "lang-genoeg-pw", Role.PROGRAMME_LEADER)
    with pytest.raises(PermissionDenied):
        services.set_user_active(app_db, who, leider.id, False)
    with pytest.raises(PermissionDenied):
        services.reset_password(app_db, who, "leider", "overgenomen-pw")
    assert metrics.targets_for(app_db, THIS_YEAR)["unique_companies"] == 200
    assert auth.authenticate(app_db, "leider", PASSWORDS["leider"]).id == leider.id

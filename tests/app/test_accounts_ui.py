"""The screens of issue 8's accounts: the demo banner, the demo accounts shown only on a demo,
ending the demo from the users page, the failed sign-ins, sessions across a new tab."""

from __future__ import annotations

from funnel import auth, services
from funnel.models import Role
from tests.app.conftest import new_app


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("warning", "info") for e in getattr(at, kind))


def test_a_demo_database_says_so_on_the_sign_in_page_and_every_page(demo_db, sign_in) -> None:
    at = new_app().run()
    assert "Demodatabase" in _texts(at)
    assert "leider-demo" in _texts(at)  # the demo accounts, only on a demo
    # AppTest runs a switched-to page without streamlit_app.py: the browser test sees the
    # banner on other pages; here, the first page after signing in, for each role
    for username in ("leider", "coach", "stuurgroep"):
        at = sign_in(username, password=f"{username}-demo")
        assert any("Demodatabase" in w.value for w in at.warning), username


def test_a_real_database_shows_no_banner_and_no_demo_accounts(app_db, sign_in) -> None:
    at = new_app().run()
    assert "Demodatabase" not in _texts(at) and "demo" not in _texts(at).lower()
    leader = sign_in("leider")
    assert not any("Demodatabase" in w.value for w in leader.warning)


def test_the_programme_leader_ends_the_demo_on_the_users_page(demo_db, sign_in) -> None:
    at = sign_in("leider", password="leider-demo", page="pages/users.py")
    sanne = auth.authenticate(demo_db, "leider", "leider-demo")
    next(b for b in at.button if b.key == "users_end_demo")  # shown on a demo
    at.checkbox(key="users_end_demo_confirm").check().run()
    at.button(key="users_end_demo").click().run()
    assert "programmaleider" in at.error[0].value  # no real leader yet: refused, nothing removed
    assert auth.is_demo(demo_db)
    services.add_user(demo_db, sanne, "hanna", "een-echt-wachtwoord", Role.PROGRAMME_LEADER)
    at.checkbox(key="users_end_demo_confirm").check().run()
    at.button(key="users_end_demo").click().run()
    assert not at.exception, at.exception
    assert not auth.is_demo(demo_db)
    # the demo leader's own account is gone: this tab is signed out; a new tab shows no banner
    assert [b.label for b in at.button if b.label == "Inloggen"] == ["Inloggen"]
    assert auth.actor_by_id(demo_db, sanne.id) is None
    fresh = new_app().run()
    assert "Demodatabase" not in _texts(fresh) and "leider-demo" not in _texts(fresh)
    hanna = new_app().run()
    hanna.text_input[0].input("hanna")
    hanna.text_input[1].input("een-echt-wachtwoord")
    next(b for b in hanna.button if b.label == "Inloggen").click().run()
    hanna.switch_page("pages/users.py").run()
    assert [u["username"] for u in auth.list_users(demo_db)] == ["hanna"]
    assert not any(b.key == "users_end_demo" for b in hanna.button)


def test_failed_sign_ins_are_listed_for_the_programme_leader(app_db, sign_in, monkeypatch) -> None:
    monkeypatch.setattr(auth, "sleep", lambda seconds: None)
    at = new_app().run()
    at.text_input[0].input("coach")
    at.text_input[1].input("niet-het-wachtwoord")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert "klopt niet" in at.error[0].value
    leader = sign_in("leider", page="pages/users.py")
    listed = [df.value for df in leader.dataframe if "Reden" in df.value.columns]
    assert listed and list(listed[0]["Gebruikersnaam"]) == ["coach"]
    assert list(listed[0]["Reden"]) == ["verkeerd wachtwoord"]


def test_a_locked_account_is_refused_on_the_sign_in_page(app_db, monkeypatch) -> None:
    monkeypatch.setattr(auth, "sleep", lambda seconds: None)
    at = new_app().run()
    for password in ["fout-wachtwoord"] * auth.MAX_FAILURES + ["coach-test-pw"]:
        at.text_input[0].input("coach")
        at.text_input[1].input(password)
        next(b for b in at.button if b.label == "Inloggen").click().run()
    assert "tijdelijk geblokkeerd" in at.error[0].value
    assert not any(b.label == "Uitloggen" for b in at.button)


def test_an_upload_over_the_limits_gets_a_clear_message_on_the_import_screen(
    app_db, sign_in
) -> None:
    leader = auth.authenticate(app_db, "leider", "leider-test-pw")
    services.set_setting(app_db, leader, "upload_max_mb", 1)
    at = sign_in("leider", page="pages/activities.py")
    at.file_uploader[0].set_value(
        ("groot.csv", b"datum;activiteit\n" + b"x" * 1_200_000, "text/csv")
    )
    at.run()
    assert not at.exception, at.exception
    assert any("de grens is 1 MB" in e.value for e in at.error), [e.value for e in at.error]
    services.set_setting(app_db, leader, "import_max_rows", 100)
    rows = "".join(f"14-03-2025;Workshop;Bedrijf {i}\n" for i in range(150))
    at.file_uploader[0].set_value(
        ("veel.csv", ("datum;activiteit;organisatie\n" + rows).encode(), "text/csv")
    )
    at.run()
    assert any("meer dan 100 rijen" in e.value for e in at.error), [e.value for e in at.error]


def test_the_programme_leader_gives_an_account_an_email_for_single_sign_on(app_db, sign_in) -> None:
    at = sign_in("leider", page="pages/users.py")
    coach = auth.actor_by_username(app_db, "coach")
    at.selectbox(key="users_pick").set_value(coach.id).run()
    field = next(f for f in at.text_input if f.key and f.key.startswith("users_email_"))
    field.input("Mehmet@Techport.nl")
    next(b for b in at.button if b.label == "E-mailadres opslaan").click().run()
    assert not at.exception, at.exception
    assert auth.actor_for_email(app_db, "mehmet@techport.nl").id == coach.id
    emails = [df.value for df in at.dataframe if "E-mail (single sign-on)" in df.value.columns]
    assert "mehmet@techport.nl" in list(emails[0]["E-mail (single sign-on)"])
    # an address that another account has is refused in words
    leider = auth.actor_by_username(app_db, "leider")
    at.selectbox(key="users_pick").set_value(leider.id).run()
    field = next(f for f in at.text_input if f.key and f.key.startswith("users_email_"))
    field.input("MEHMET@techport.nl")
    next(b for b in at.button if b.label == "E-mailadres opslaan").click().run()
    assert "hoort al bij een ander account" in at.error[0].value

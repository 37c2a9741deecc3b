"""The stuurgroep's page: it opens on the latest frozen snapshot compared with the one before,
says what moved and how the live figures drifted, and the programme leader freezes from it."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import auth, meetings, services, settings
from funnel.auth import Actor

D = dt.date
PAGE = "pages/snapshot.py"


def leader_of(db) -> Actor:
    user = next(u for u in auth.list_users(db) if u["username"] == "leider")
    actor = auth.actor_by_id(db, user["id"])
    assert actor is not None
    return actor


@pytest.fixture
def two_meetings(app_db) -> dict[str, int]:
    leider = leader_of(app_db)
    tata = services.create_organisation(app_db, leider, "Tata Steel", kind="company").id
    school = services.create_organisation(app_db, leider, "ROC Nova College", kind="education").id
    warm = services.create_use_case(
        app_db, leider, "Restwarmte *hergebruiken*", D(2025, 1, 10), asset_owner_id=tata,
        theme="Smart Energy", fieldlab="Smart Energy",
    )  # fmt: skip
    services.move_use_case(app_db, leider, warm, "intake", D(2025, 2, 1))
    parked = services.create_use_case(
        app_db, leider, "Zonnepark", D(2025, 2, 1), asset_owner_id=tata, theme="Smart Energy"
    )
    march = services.freeze_snapshot(
        app_db, leider, "Stuurgroep maart 2025", 2025, D(2025, 2, 28), D(2025, 3, 11)
    )
    services.link_involvement(
        app_db, leider, warm, "education_partner", D(2025, 3, 20), organisation_id=school
    )
    services.move_use_case(app_db, leider, warm, "execution", D(2025, 4, 1))
    services.move_use_case(app_db, leider, parked, "on_hold", D(2025, 4, 2))
    april = services.freeze_snapshot(
        app_db, leider, "Stuurgroep april 2025", 2025, D(2025, 4, 30), D(2025, 5, 13)
    )
    return {"march": march, "april": april, "tata": tata, "warm": warm}


def markdown(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_steering_opens_the_latest_meeting_compared_with_the_previous_one(
    app_db, sign_in, two_meetings
):
    at = sign_in("stuur")
    assert not at.exception
    assert at.selectbox(key="meet_pick").value == two_meetings["april"]
    against = at.selectbox(key=f"meet_against_{two_meetings['april']}")
    assert against.value == two_meetings["march"]
    assert "Stuurgroep maart 2025 (vorige vergadering)" in against.options
    text = markdown(at)
    assert (
        "**Stuurgroep april 2025** · vergadering van 13 mei 2025 · peildatum 30 april 2025" in text
    )
    assert [h.value for h in at.subheader if "veranderd" in h.value] == [
        "Wat is er veranderd sinds Stuurgroep maart 2025"
    ]
    # the title is user text: escaped, so its asterisks show instead of making it italic
    assert "1 use case ging naar In uitvoering: ‘Restwarmte \\*hergebruiken\\*’." in text
    assert "1 use case is geparkeerd: ‘Zonnepark’." in text
    assert "1 nieuwe deelnemende organisatie: ROC Nova College." in text
    assert "De pijltjes tonen het verschil sinds Stuurgroep maart 2025." in [
        c.value for c in at.caption
    ]
    # the steering member reads; only the programme leader freezes
    assert not [e for e in at.expander if e.label == "Stand vastleggen voor een vergadering"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download als PDF", "Download als Excel"]


def test_an_older_meeting_is_compared_with_its_own_previous_one_or_with_now(
    app_db, sign_in, two_meetings
):
    at = sign_in("stuur")
    at.selectbox(key="meet_pick").select(two_meetings["march"]).run()
    against = at.selectbox(key=f"meet_against_{two_meetings['march']}")
    # the first meeting has no previous one: the other meeting comes first
    assert against.value == two_meetings["april"]
    # compared with a later meeting the change is negative, and st.metric shows it going down
    started = next(m for m in at.metric if m.label == "Projecten gestart")
    assert (started.value, started.delta) == ("0", "-1")
    against.select("now").run()
    assert not at.exception
    assert any(
        h.value == "Wat is er veranderd sinds Stuurgroep maart 2025, tot vandaag"
        for h in at.subheader
    )
    at.selectbox(key=f"meet_against_{two_meetings['march']}").select("none").run()
    assert "Kies bij Vergelijk met een stand om te zien wat er veranderde." in [
        c.value for c in at.caption
    ]


def test_drift_after_a_merge_is_shown_with_its_reason(app_db, sign_in, two_meetings):
    leider = leader_of(app_db)
    duplicate = services.create_organisation(app_db, leider, "Tata Steel NL", kind="company").id
    session = services.create_activity(app_db, leider, "Workshop", D(2025, 4, 3))
    services.add_attendance(app_db, leider, session, organisation_id=duplicate)
    april = services.freeze_snapshot(
        app_db, leider, "Stuurgroep mei 2025", 2025, D(2025, 4, 30), D(2025, 5, 20)
    )
    services.merge_organisations(app_db, leider, duplicate, two_meetings["tata"])
    at = sign_in("stuur")
    assert at.selectbox(key="meet_pick").value == april
    assert "De actuele gegevens geven voor dezelfde peildatum inmiddels 1 cijfer anders." in (
        at.warning[0].value
    )
    assert "- Unieke bedrijven: vastgelegd 2, nu 1: 1 organisatie later samengevoegd" in markdown(
        at
    )


def test_the_programme_leader_freezes_the_next_meeting_from_the_page(app_db, sign_in, two_meetings):
    at = sign_in("leider", page=PAGE)
    assert [e for e in at.expander if e.label == "Stand vastleggen voor een vergadering"]
    label = next(ti for ti in at.text_input if ti.label == "Naam van de vergadering")
    label.input("Stuurgroep juni 2025")
    year = at.selectbox(key="freeze_year")
    year.select(2025)
    dates = {d.label: d for d in at.date_input}
    dates["Vergaderdatum"].set_value(D(2025, 6, 10))
    dates["Peildatum"].set_value(D(2025, 5, 31))
    next(b for b in at.button if b.label == "Stand vastleggen").click().run()
    assert not at.exception
    listed = meetings.list_snapshots(app_db)
    assert [s.label for s in listed][-1] == "Stuurgroep juni 2025"
    new = listed[-1]
    assert (new.year, new.as_of, new.meeting_date, new.frozen_by) == (
        2025,
        D(2025, 5, 31),
        D(2025, 6, 10),
        "Leider",
    )
    assert "'Stuurgroep juni 2025' is vastgelegd." in [s.value for s in at.success]
    assert at.selectbox(key="meet_pick").value == new.id
    assert at.selectbox(key=f"meet_against_{new.id}").value == two_meetings["april"]


def test_a_refused_freeze_shows_the_reason(app_db, sign_in, two_meetings):
    at = sign_in("leider", page=PAGE)
    next(ti for ti in at.text_input if ti.label == "Naam van de vergadering").input(" ")
    next(b for b in at.button if b.label == "Stand vastleggen").click().run()
    assert "Naam van de vergadering: dit veld is verplicht" in at.error[0].value
    assert len(meetings.list_snapshots(app_db)) == 2


def test_without_meetings_the_page_shows_the_live_snapshot(app_db, sign_in):
    at = sign_in("stuur")
    assert at.selectbox(key="meet_pick").value == "live"
    assert "nog geen stand vastgelegd" in at.info[0].value
    assert any("**Actuele stand" in m.value for m in at.markdown)


def test_the_analytics_per_theme_and_the_stuck_setting(app_db, sign_in, two_meetings):
    at = sign_in("leider", page=PAGE)
    at.selectbox(key="ana_group").select("theme").run()
    assert not at.exception
    tables = [df.value for df in at.dataframe]
    per_theme = next(t for t in tables if "Thema" in t.columns and "Vastgelopen" in t.columns)
    assert list(per_theme["Thema"]) == ["Smart Energy"]
    assert list(per_theme["Use cases"]) == [2]
    at.number_input(key="ana_stuck_days").set_value(30).run()
    assert settings.get(app_db, "stuck_days") == 30
    assert "Vastgelopen na 30 dagen: opgeslagen." in [s.value for s in at.success]
    # a steering member sees the setting, it cannot change it
    steering = sign_in("stuur")
    assert not [n for n in steering.number_input if n.key == "ana_stuck_days"]
    assert any("langer dan 30 dagen" in c.value for c in steering.caption)


def test_the_page_in_english(app_db, sign_in, two_meetings):
    at = sign_in("stuur")
    at.session_state["lang"] = "en"
    at.session_state["lang_picker"] = "en"
    at.run()
    assert at.title[0].value == "Innovation funnel snapshot"
    assert "1 use case was put on hold: ‘Zonnepark’." in markdown(at)
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download as PDF",
        "Download as Excel",
    ]


def test_the_live_report_is_counted_once_for_every_language_with_its_analysis(
    app_db, sign_in, monkeypatch
):
    """At 1M rows the live report costs seconds: the page's analysis is the report's own (it
    was counted twice), and a steering member reading in English gets the report a Dutch one
    already counted (it was counted again per language)."""
    from funnel import analytics

    captured: list[int] = []
    analysed: list[int] = []
    real_capture, real_analyse = meetings.capture, analytics.analyse

    def capture(*args, **kwargs):
        captured.append(1)
        return real_capture(*args, **kwargs)

    def analyse(*args, **kwargs):
        analysed.append(1)
        return real_analyse(*args, **kwargs)

    monkeypatch.setattr(meetings, "capture", capture)
    monkeypatch.setattr(analytics, "analyse", analyse)
    dutch = sign_in("leider", page=PAGE)  # no meetings yet: the live snapshot
    assert not dutch.exception
    assert any("**Actuele stand" in m.value for m in dutch.markdown)
    assert (len(captured), len(analysed)) == (1, 1)
    steering = next(u for u in auth.list_users(app_db) if u["username"] == "stuur")
    services.set_language(app_db, auth.actor_by_id(app_db, steering["id"]), "en")
    english = sign_in("stuur")  # another session, in English
    assert english.title[0].value == "Innovation funnel snapshot"
    assert (len(captured), len(analysed)) == (1, 1)
    # a change to a record: counted anew, once
    services.set_setting(app_db, leader_of(app_db), "stuck_days", 45)
    dutch.run()
    assert dutch.number_input(key="ana_stuck_days").value == 45
    assert (len(captured), len(analysed)) == (2, 2)


def test_a_stuck_setting_changed_elsewhere_is_not_written_back_over(app_db, sign_in):
    """Found while testing issue 7's shared report: the field kept its old value and the page,
    seeing it differ from the stored one, saved it again, silently undoing the other change."""
    at = sign_in("leider", page=PAGE)
    assert at.number_input(key="ana_stuck_days").value == 90
    services.set_setting(app_db, leader_of(app_db), "stuck_days", 45)  # another session
    at.run()
    assert settings.get(app_db, "stuck_days") == 45
    assert at.number_input(key="ana_stuck_days").value == 45
    assert not [w for w in at.warning if "Vastgelopen na" in w.value]
    # typed here while someone else changed it: theirs stays, and this one is told
    services.set_setting(app_db, leader_of(app_db), "stuck_days", 60)
    at.number_input(key="ana_stuck_days").set_value(30).run()
    assert settings.get(app_db, "stuck_days") == 60
    assert at.number_input(key="ana_stuck_days").value == 60
    assert [w.value for w in at.warning if "Vastgelopen na" in w.value] == [
        "Iemand anders heeft ‘Vastgelopen na’ intussen op 60 dagen gezet; uw 30 is niet "
        "opgeslagen. Vul het opnieuw in om het toch te wijzigen."
    ]
    # entered again: saved
    at.number_input(key="ana_stuck_days").set_value(30).run()
    assert settings.get(app_db, "stuck_days") == 30

"""The programme leader's network screens: activities, organisations, persons and duplicates."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import metrics, queries, services
from funnel.db import one
from funnel.errors import PermissionDenied
from tests.app.conftest import actor, assert_out_of_reach

NETWORK_PAGES = {
    "pages/activities.py": "Activiteiten",
    "pages/organisations.py": "Organisaties",
    "pages/persons.py": "Personen",
    "pages/duplicates.py": "Dubbelen samenvoegen",
    "pages/import_use_cases.py": "Use cases importeren",
}


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def text_input(at, label: str):
    return next(ti for ti in at.text_input if ti.label == label)


def table_column(at, header: str) -> list:
    """All values of a column in the first dataframe that has it."""
    frame = next(df.value for df in at.dataframe if header in df.value.columns)
    return list(frame[header])


# --- activities ---------------------------------------------------------------------------------


def test_programme_leader_creates_an_activity_and_it_is_selected(app_db, sign_in):
    at = sign_in("leider", page="pages/activities.py")
    assert "Nog geen activiteiten" in at.info[0].value
    text_input(at, "Titel").input("Learning Community Smart Energy")
    at.selectbox(key="act_year.nl")  # the filters exist on an empty database
    type_box = next(s for s in at.selectbox if s.label == "Type")
    type_box.select("learning_community")
    button(at, "Activiteit aanmaken").click().run()
    assert not at.exception
    [activity] = queries.list_activities(app_db)
    assert activity["title"] == "Learning Community Smart Energy"
    assert activity["activity_type"] == "learning_community"
    assert activity["activity_date"] == dt.date.today().isoformat()
    assert at.selectbox(key="act_pick").value == activity["id"]
    assert "aangemaakt" in at.success[0].value
    assert table_column(at, "Type") == ["Learning Community"]
    # the form starts empty again: a second click would otherwise try the same activity
    assert text_input(at, "Titel").value == ""


def test_creating_an_activity_without_title_or_twice_is_refused(app_db, sign_in):
    services.create_activity(app_db, actor(app_db), "Meetup waterstof", dt.date.today())
    at = sign_in("leider", page="pages/activities.py")
    button(at, "Activiteit aanmaken").click().run()
    assert "verplicht" in at.error[0].value
    text_input(at, "Titel").input("meetup  Waterstof")
    button(at, "Activiteit aanmaken").click().run()
    assert "bestaat al" in at.error[0].value
    assert len(queries.list_activities(app_db)) == 1


def test_attendee_recorded_by_hand_once_and_again_shown_as_already_recorded(app_db, sign_in):
    activity_id = services.create_activity(
        app_db, actor(app_db), "Workshop predictive maintenance", dt.date(2025, 3, 14), "workshop"
    )
    at = sign_in("leider", page="pages/activities.py")
    at.selectbox(key="act_pick").select(activity_id).run()
    assert "Nog geen deelnemers" in at.info[0].value

    def fill_and_submit(email: str) -> None:
        text_input(at, "of: nieuwe organisatie (naam)").input("Hogeschool Inholland")
        text_input(at, "KvK-nummer").input("41 151 458")
        next(s for s in at.selectbox if s.label == "Soort").select("education")
        text_input(at, "Naam deelnemer").input("Fatima el Amrani")
        text_input(at, "E-mail").input(email)
        button(at, "Deelnemer toevoegen").click().run()
        assert not at.exception

    fill_and_submit("F.elAmrani@inholland.nl")
    attendance = queries.get_activity(app_db, activity_id)["attendance"]
    assert [(a["organisation_name"], a["person_name"]) for a in attendance] == [
        ("Hogeschool Inholland", "Fatima el Amrani")
    ]
    assert attendance[0]["organisation_kind"] == "education"
    assert "Deelnemer toegevoegd" in at.success[0].value
    assert table_column(at, "Persoon") == ["Fatima el Amrani"]

    fill_and_submit("f.elamrani@inholland.nl ")
    assert any("stond al op de lijst" in i.value for i in at.info)
    assert len(queries.get_activity(app_db, activity_id)["attendance"]) == 1

    fill_and_submit("geen-adres")
    assert "geen geldig e-mailadres" in at.error[0].value
    assert len(queries.get_activity(app_db, activity_id)["attendance"]) == 1


def test_attendee_picked_from_known_organisations_and_removed_again(app_db, sign_in):
    leader = actor(app_db)
    activity_id = services.create_activity(app_db, leader, "Fieldlab-dag", dt.date(2025, 5, 1))
    tata = services.create_organisation(app_db, leader, "Tata Steel Nederland B.V.", "12345678")
    at = sign_in("leider", page="pages/activities.py")
    at.selectbox(key="act_pick").select(activity_id).run()
    next(s for s in at.selectbox if s.label == "Bekende organisatie").select(tata.id)
    button(at, "Deelnemer toevoegen").click().run()
    [row] = queries.get_activity(app_db, activity_id)["attendance"]
    assert row["organisation_name"] == "Tata Steel Nederland B.V."
    at.selectbox(key=f"act_remove_{activity_id}").select(row["id"]).run()
    at.button(key=f"act_remove_button_{activity_id}").click().run()
    assert queries.get_activity(app_db, activity_id)["attendance"] == []
    assert "van de deelnemerslijst gehaald" in at.success[0].value


def test_activity_list_filters_by_year_and_search(app_db, sign_in):
    leader = actor(app_db)
    services.create_activity(app_db, leader, "Meetup Smart Energy", dt.date(2024, 6, 1), "meetup")
    services.create_activity(app_db, leader, "Workshop waterstof", dt.date(2025, 2, 3), "workshop")
    at = sign_in("leider", page="pages/activities.py")
    assert table_column(at, "Activiteit") == ["Workshop waterstof", "Meetup Smart Energy"]
    assert table_column(at, "Datum") == [dt.date(2025, 2, 3), dt.date(2024, 6, 1)]
    at.selectbox(key="act_year.nl").select("2024").run()
    assert table_column(at, "Activiteit") == ["Meetup Smart Energy"]
    at.selectbox(key="act_year.nl").select("all").run()
    at.text_input(key="act_search.nl").input("workshop").run()
    assert table_column(at, "Activiteit") == ["Workshop waterstof"]


# --- organisations ----------------------------------------------------------------------------


def test_organisations_search_finds_by_kvk_and_by_name_without_legal_form(app_db, sign_in):
    leader = actor(app_db)
    services.create_organisation(app_db, leader, "Tata Steel Nederland B.V.", "12345678", "company")
    services.create_organisation(app_db, leader, "ROC Nova College", kind="education", level="mbo")
    at = sign_in("leider", page="pages/organisations.py")
    assert sorted(table_column(at, "Naam")) == ["ROC Nova College", "Tata Steel Nederland B.V."]
    at.text_input(key="org_search.nl").input("12.345.678").run()
    assert table_column(at, "Naam") == ["Tata Steel Nederland B.V."]
    at.text_input(key="org_search.nl").input("tata steel nederland").run()
    assert table_column(at, "Naam") == ["Tata Steel Nederland B.V."]
    at.text_input(key="org_search.nl").input("Onbestaand bedrijf").run()
    assert "Geen organisaties gevonden" in at.info[0].value


def test_organisation_detail_shows_participations_by_year(app_db, sign_in):
    leader = actor(app_db)
    org = services.create_organisation(app_db, leader, "Crown van Gelder", kind="company")
    for title, day in [
        ("Meetup 2024", dt.date(2024, 9, 12)),
        ("Workshop 2025", dt.date(2025, 1, 20)),
        ("Fieldlab 2025", dt.date(2025, 4, 2)),
    ]:
        activity_id = services.create_activity(app_db, leader, title, day)
        services.add_attendance(app_db, leader, activity_id, organisation_id=org.id)
    at = sign_in("leider", page="pages/organisations.py")
    assert table_column(at, "Deelnames") == [3]
    at.selectbox(key="org_pick").select(org.id).run()
    assert not at.exception
    assert [e.label for e in at.expander if "deelname" in e.label] == [
        "2025 — 2 deelnames",
        "2024 — 1 deelname",
    ]
    assert table_column(at, "Jaar") == ["2025", "2024"]
    assert sorted(table_column(at, "Waarbij")[:2]) == ["Fieldlab 2025", "Workshop 2025"]


def test_unknown_organisation_is_classified_and_a_bad_kvk_refused(app_db, sign_in):
    leader = actor(app_db)
    activity_id = services.create_activity(app_db, leader, "Meetup", dt.date(2025, 3, 3))
    services.add_attendance(app_db, leader, activity_id, organisation_name="Windpark IJmond")
    org_id = one(app_db, "SELECT id, kind FROM organisations")["id"]
    at = sign_in("leider", page="pages/organisations.py")
    assert "nog niet ingedeeld" in at.info[0].value
    at.selectbox(key="org_kind.nl").select("unknown").run()
    assert table_column(at, "Naam") == ["Windpark IJmond"]
    at.selectbox(key="org_pick").select(org_id).run()
    edit = {ti.label: ti for ti in at.text_input if ti.form_id == f"org_edit_{org_id}"}
    edit["KvK-nummer"].input("1234")
    kind = next(s for s in at.selectbox if s.form_id == f"org_edit_{org_id}" and s.label == "Soort")
    kind.select("company")
    button(at, "Opslaan").click().run()
    assert "geen geldig KvK-nummer" in at.error[0].value
    assert one(app_db, "SELECT kind FROM organisations")["kind"] == "unknown"
    edit = {ti.label: ti for ti in at.text_input if ti.form_id == f"org_edit_{org_id}"}
    edit["KvK-nummer"].input("87654321")
    button(at, "Opslaan").click().run()
    row = one(app_db, "SELECT kind, kvk FROM organisations WHERE id = ?", [org_id])
    assert (row["kind"], row["kvk"]) == ("company", "87654321")
    assert "opgeslagen" in at.success[0].value


def test_adding_an_existing_organisation_finds_it_instead_of_doubling(app_db, sign_in):
    services.create_organisation(app_db, actor(app_db), "Tata Steel Nederland B.V.", "12345678")
    at = sign_in("leider", page="pages/organisations.py")
    form = {ti.label: ti for ti in at.text_input if ti.form_id == "org_add"}
    form["Naam"].input("tata steel nederland bv")
    button(at, "Toevoegen").click().run()
    assert "bestond al" in at.info[0].value
    assert len(queries.list_organisations(app_db)) == 1
    form = {ti.label: ti for ti in at.text_input if ti.form_id == "org_add"}
    form["Naam"].input("Heijmans Infra")
    form["KvK-nummer"].input("11122233")
    button(at, "Toevoegen").click().run()
    assert "is toegevoegd" in at.success[0].value
    assert (
        at.selectbox(key="org_pick").value
        == queries.list_organisations(app_db, "heijmans")[0]["id"]
    )


# --- persons --------------------------------------------------------------------------------------


def test_person_is_erased_after_confirmation_and_still_counts(app_db, sign_in):
    leader = actor(app_db)
    activity_id = services.create_activity(app_db, leader, "Meetup", dt.date(2025, 3, 3))
    services.add_attendance(
        app_db, leader, activity_id, organisation_name="Nova College",
        person_name="Jan de Vries", person_email="jan@nova.nl",
    )  # fmt: skip
    person_id = one(app_db, "SELECT id FROM persons")["id"]
    at = sign_in("leider", page="pages/persons.py")
    at.text_input(key="per_search.nl").input("nova").run()
    assert table_column(at, "Naam") == ["Jan de Vries"]
    at.selectbox(key="per_pick").select(person_id).run()
    assert [e.label for e in at.expander] == ["2025 — 1 deelname", "Wijzigingen"]
    button(at, "Gegevens wissen (AVG)").click().run()
    assert "Weet u zeker" in at.warning[0].value
    assert one(app_db, "SELECT erased_at FROM persons")["erased_at"] is None
    button(at, "Ja, wissen").click().run()
    row = one(app_db, "SELECT name, email, erased_at FROM persons")
    assert row["name"] is None and row["email"] is None and row["erased_at"]
    assert "Gegevens gewist" in at.success[0].value
    assert metrics.snapshot(app_db, 2025, dt.date(2025, 12, 31))["unique_persons"] == 1
    # nothing about the person can be found any more, not even through the organisation
    assert not any("Naam" in df.value.columns for df in at.dataframe)
    at.text_input(key="per_search.nl").input("").run()
    assert table_column(at, "Naam") == ["gewist"]
    at.selectbox(key="per_pick").select(person_id).run()
    assert at.subheader[0].value == "gewist"
    # no participations shown; the changes are, without the name or the address
    assert [e.label for e in at.expander] == ["Wijzigingen"]
    changes = at.expander[0].dataframe[0].value.astype(str)
    assert len(changes) >= 2
    assert not changes.apply(lambda c: c.str.contains("Jan de Vries|jan@nova")).any().any()


# --- duplicates -----------------------------------------------------------------------------------


def test_proposed_pair_is_merged_keeping_the_one_with_kvk_and_undone(app_db, sign_in):
    leader = actor(app_db)
    plain = services.create_organisation(app_db, leader, "Tata Steel", kind="company")
    with_kvk = services.create_organisation(app_db, leader, "Tata Steel Nederland", "12345678")
    activity_id = services.create_activity(app_db, leader, "Meetup", dt.date(2025, 3, 3))
    services.add_attendance(app_db, leader, activity_id, organisation_id=plain.id)
    at = sign_in("leider", page="pages/duplicates.py")
    pair = f"{plain.id}_{with_kvk.id}"
    assert at.radio(key=f"dup_keep_{pair}").value == with_kvk.id
    at.button(key=f"dup_merge_{pair}").click().run()
    assert not at.exception
    merged = one(app_db, "SELECT merged_into FROM organisations WHERE id = ?", [plain.id])
    assert merged["merged_into"] == with_kvk.id
    assert "samengevoegd" in at.success[0].value
    assert "Geen mogelijke dubbele organisaties" in at.success[1].value
    [record] = queries.merge_history(app_db)
    at.session_state["dup_tab"] = "Eerdere samenvoegingen"  # only the chosen tab runs
    at.run()
    # the history names the person who merged (as other pages do), not the account name
    history = " ".join(m.value for m in at.markdown if "→" in m.value)
    assert "(door Leider)" in history and "leider)" not in history
    at.button(key=f"dup_undo_{record['id']}").click().run()
    merged = one(app_db, "SELECT merged_into FROM organisations WHERE id = ?", [plain.id])
    assert merged["merged_into"] is None
    assert "ongedaan gemaakt" in at.success[0].value
    at.session_state["dup_tab"] = "Organisaties"
    at.run()
    assert at.radio(key=f"dup_keep_{pair}")  # proposed again


def test_pair_kept_apart_is_no_longer_proposed_and_manual_merge_refuses_same(app_db, sign_in):
    leader = actor(app_db)
    a = services.create_organisation(app_db, leader, "Nova College", kind="education")
    b = services.create_organisation(app_db, leader, "ROC Nova College", kind="education")
    at = sign_in("leider", page="pages/duplicates.py")
    at.button(key=f"dup_apart_{a.id}_{b.id}").click().run()
    assert "blijven apart" in at.info[0].value
    assert not any(r.key == f"dup_keep_{a.id}_{b.id}" for r in at.radio)
    at.selectbox(key="dup_source").select(a.id)
    at.selectbox(key="dup_target").select(a.id).run()
    at.button(key="dup_manual_merge").click().run()
    assert "twee verschillende" in at.error[0].value
    at.selectbox(key="dup_target").select(b.id).run()
    at.button(key="dup_manual_merge").click().run()
    assert (
        one(app_db, "SELECT merged_into FROM organisations WHERE id = ?", [a.id])["merged_into"]
        == b.id
    )


# --- rights --------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["coach", "stuur"])
def test_coach_and_steering_cannot_reach_the_network_pages(app_db, sign_in, username):
    assert_out_of_reach(sign_in, username, NETWORK_PAGES)


@pytest.mark.parametrize("username", ["coach", "stuur"])
def test_network_services_refuse_coach_and_steering(app_db, username):
    leader = actor(app_db)
    org = services.create_organisation(app_db, leader, "Tata Steel", kind="company")
    other = services.create_organisation(app_db, leader, "Tata Steel Nederland", "12345678")
    activity_id = services.create_activity(app_db, leader, "Meetup", dt.date(2025, 3, 3))
    services.add_attendance(app_db, leader, activity_id, person_name="Piet", person_email="p@x.nl")
    person_id = one(app_db, "SELECT id FROM persons")["id"]
    merge_id = services.merge_organisations(app_db, leader, org.id, other.id)
    someone = actor(app_db, username)
    refused = [
        lambda: services.create_activity(app_db, someone, "Workshop", dt.date(2025, 1, 1)),
        lambda: services.add_attendance(app_db, someone, activity_id, organisation_id=org.id),
        lambda: services.remove_attendance(app_db, someone, 1),
        lambda: services.create_organisation(app_db, someone, "Nieuw BV"),
        lambda: services.update_organisation(app_db, someone, org.id, kind="other"),
        lambda: services.erase_person(app_db, someone, person_id),
        lambda: services.merge_organisations(app_db, someone, other.id, org.id),
        lambda: services.undo_merge(app_db, someone, merge_id),
        lambda: services.keep_apart(app_db, someone, org.id, other.id),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert one(app_db, "SELECT erased_at FROM persons")["erased_at"] is None
    assert len(queries.list_activities(app_db)) == 1


def test_organisations_page_speaks_english_when_chosen(app_db, sign_in):
    services.create_organisation(app_db, actor(app_db), "Gemeente Velsen", kind="government")
    at = sign_in("leider", page="pages/organisations.py")
    at.selectbox(key="lang_picker").select("en").run()  # the router's picker, in the sidebar
    assert at.title[0].value == "Organisations"
    assert table_column(at, "Kind") == ["Government"]

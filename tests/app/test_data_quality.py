"""The data-quality and privacy screens: person duplicates with evidence, the classification
queue, the completeness list and its fix buttons, and the privacy page (export, erasure,
retention). Only the programme leader reaches them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from funnel import imports, metrics, queries
from funnel.db import one
from tests.app.conftest import PASSWORDS
from tests.app.test_network import actor

QUALITY_PAGES = {
    "pages/classify.py": "Organisaties indelen",
    "pages/completeness.py": "Volledigheid",
    "pages/privacy.py": "Privacy (AVG)",
}
HEADER = "Datum;Activiteit;Organisatie;KvK;Type organisatie;Naam;E-mail"


def attend(db, *rows: str) -> None:
    report = imports.import_participants(db, "\n".join([HEADER, *rows]).encode(), name="a.csv")
    assert report.committed


def org_id(db, name: str) -> int:
    return one(db, "SELECT id FROM organisations WHERE name = ?", [name])["id"]


def test_person_duplicates_are_shown_with_evidence_and_merged(app_db, sign_in):
    attend(
        app_db,
        "10-03-2025;Workshop;Acme;;bedrijf;Piet Jansen;piet@acme.example",
        "10-03-2025;Workshop;Acme;;bedrijf;Piet Jansen;pietjansen@mail.example",
    )
    a = one(app_db, "SELECT id FROM persons WHERE email = 'piet@acme.example'")["id"]
    b = one(app_db, "SELECT id FROM persons WHERE email = 'pietjansen@mail.example'")["id"]
    at = sign_in("leider", page="pages/duplicates.py")
    at.session_state["dup_tab"] = "Personen"  # only the chosen tab runs
    at.run()
    evidence = " ".join(c.value for c in at.caption)
    assert "zelfde naam, zelfde organisatie, ander e-mailadres" in evidence
    assert "Samen bij: Workshop (2025-03-10)" in evidence
    assert "2025: Unieke personen 2 → 1" in evidence
    at.button(key=f"dupp_merge_{a}_{b}").click().run()
    assert not at.exception, at.exception
    assert not at.error, at.error
    assert one(app_db, "SELECT merged_into FROM persons WHERE id = ?", [b])["merged_into"] == a
    assert metrics.snapshot(app_db, 2025)["unique_persons"] == 1
    assert "samengevoegd" in at.success[0].value


def test_an_unknown_organisation_is_classified_with_kvk_and_brin_checked(app_db, sign_in):
    attend(
        app_db,
        "10-03-2025;Workshop;Hogeschool Kennemerland;;;;",
        "10-03-2025;Workshop;Duinwerk;;;;",
    )
    school = org_id(app_db, "Hogeschool Kennemerland")
    at = sign_in("leider", page="pages/classify.py")
    at.selectbox(key="cls_pick").select(school).run()
    form_inputs = {ti.label: ti for ti in at.text_input}
    # the suggestion is preset: education, hbo
    assert at.selectbox[1].value == "education" and at.selectbox[2].value == "hbo"
    form_inputs["BRIN-code"].input("12ABC")
    at.button[0].click().run()  # Indelen (the form's submit comes first)
    assert "geen geldige BRIN-code" in at.error[0].value
    assert one(app_db, "SELECT kind FROM organisations WHERE id = ?", [school])["kind"] == "unknown"
    {ti.label: ti for ti in at.text_input}["BRIN-code"].input("00aa")
    at.button[0].click().run()
    assert not at.exception, at.exception
    row = one(
        app_db, "SELECT kind, education_level, brin FROM organisations WHERE id = ?", [school]
    )
    assert (row["kind"], row["education_level"], row["brin"]) == ("education", "hbo", "00AA")
    assert (
        "ingedeeld als Onderwijsinstelling" in at.success[0].value
        or "ingedeeld" in at.success[0].value
    )
    assert [o["name"] for o in queries.classification_queue(app_db)] == ["Duinwerk"]


def test_several_organisations_are_classified_at_once(app_db, sign_in):
    attend(app_db, "10-03-2025;Workshop;Duinwerk;;;;", "10-03-2025;Workshop;Kustwerk;;;;")
    ids = [org_id(app_db, "Duinwerk"), org_id(app_db, "Kustwerk")]
    at = sign_in("leider", page="pages/classify.py")
    at.multiselect[0].set_value(ids)
    form = next(b for b in at.button if b.label == "Alle gekozen indelen")
    form.click().run()
    assert not at.exception, at.exception
    kinds = {r["kind"] for r in queries.list_organisations(app_db)}
    assert kinds == {"company"}
    assert "2 organisaties ingedeeld als Bedrijf" in at.success[0].value
    assert "Alle organisaties zijn ingedeeld" in at.success[1].value


def test_a_completeness_item_opens_the_screen_that_fixes_it(app_db, sign_in):
    attend(
        app_db,
        "10-03-2025;Workshop;Nieuwkomer;;;;",
        "10-03-2025;Workshop;;;;Zwerver Zonder;zw@mail.example",
    )
    at = sign_in("leider", page="pages/completeness.py")
    assert any(h.value.startswith("Organisaties zonder soort · 1") for h in at.subheader)
    person = one(app_db, "SELECT id FROM persons")["id"]
    at.button(key=f"cmp_fix_person_no_organisation_{person}").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Personen"
    assert at.selectbox(key="per_pick").value == person
    at.switch_page("pages/completeness.py").run()
    at.button(key=f"cmp_fix_organisation_no_kind_{org_id(app_db, 'Nieuwkomer')}").click().run()
    assert at.title[0].value == "Organisaties indelen"
    assert at.selectbox(key="cls_pick").value == org_id(app_db, "Nieuwkomer")


def test_the_privacy_page_exports_and_erases_a_person(app_db, sign_in):
    attend(app_db, "10-03-2025;Workshop;Acme;;bedrijf;Zoë Geheim;zoe@acme.example")
    person = one(app_db, "SELECT id FROM persons")["id"]
    at = sign_in("leider", page="pages/privacy.py")
    at.text_input(key="prv_search").input("zoe@acme").run()
    assert at.selectbox(key="prv_pick").value == person
    assert "deelnames: 1" in " ".join(c.value for c in at.caption)
    assert at.button(key=f"prv_erase_{person}").disabled
    at.checkbox(key=f"prv_sure_{person}").check().run()
    at.button(key=f"prv_erase_{person}").click().run()
    assert not at.exception, at.exception
    row = one(app_db, "SELECT name, email, erased_at FROM persons")
    assert row["name"] is None and row["email"] is None and row["erased_at"]
    assert "gewist" in at.success[0].value
    assert metrics.snapshot(app_db, 2025)["unique_persons"] == 1
    log = next(df.value for df in at.dataframe if "Door" in df.value.columns)
    assert list(log["Persoon"]) == [f"#{person}"] and list(log["Door"]) == ["Leider"]


def test_the_export_download_is_the_persons_json(app_db, sign_in):
    attend(app_db, "10-03-2025;Workshop;Acme;;bedrijf;Zoë Geheim;zoe@acme.example")
    person = one(app_db, "SELECT id FROM persons")["id"]
    expected = queries.export_person(app_db, actor(app_db), person)
    assert expected["person"]["name"] == "Zoë Geheim"
    at = sign_in("leider", page="pages/privacy.py")
    at.text_input(key="prv_search").input("Zoë").run()
    download = at.get("download_button")
    assert download, "an export download is offered"


def test_the_retention_list_erases_persons_not_seen_for_years(app_db, sign_in):
    long_ago = dt.date.today().year - 5
    attend(app_db, f"10-03-{long_ago};Meetup;Acme;;bedrijf;Oud Contact;oud@acme.example")
    at = sign_in("leider", page="pages/privacy.py")
    assert "1 persoon niet gezien in 3 jaar" in " ".join(c.value for c in at.caption)
    at.checkbox(key="prv_sure_due").check().run()
    at.button(key="prv_erase_due").click().run()
    assert not at.exception, at.exception
    assert one(app_db, "SELECT erased_at FROM persons")["erased_at"]
    assert queries.persons_due_for_erasure(app_db) == []
    # the page's kept list went with the erasure (a write): the person is no longer listed
    at.run()
    assert not any("niet gezien in" in c.value for c in at.caption)
    assert not any(
        df.value.shape[0] for df in at.dataframe if "Oud Contact" in df.value.to_string()
    )
    at.number_input(key="prv_years").set_value(10).run()
    at.button(key="prv_years_save").click().run()
    assert "Bewaartermijn is nu 10 jaar" in at.success[0].value


@pytest.mark.parametrize("username", ["coach", "stuur"])
def test_coach_and_steering_cannot_reach_the_quality_pages(app_db, sign_in, username):
    at = sign_in(username)
    for page, title in QUALITY_PAGES.items():
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page).run()
        assert not any(t.value == title for t in at.title), page
    assert PASSWORDS[username]


def test_the_exported_json_is_valid_json_with_dates_as_text(app_db):
    attend(app_db, "10-03-2025;Workshop;Acme;;bedrijf;Zoë Geheim;zoe@acme.example")
    person = one(app_db, "SELECT id FROM persons")["id"]
    data = queries.export_person(app_db, actor(app_db), person)
    assert json.loads(json.dumps(data, default=str))["participations"][0]["start"] == "2025-03-10"

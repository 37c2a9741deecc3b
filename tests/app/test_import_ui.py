"""The import screens: upload, preview without writing, commit with progress, refusal of bad rows."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from funnel import auth, queries, services
from funnel.db import one
from funnel.errors import PermissionDenied
from tests.app.conftest import PASSWORDS

ATTENDANCE_CSV = (
    b"Datum;Activiteit;Type activiteit;Organisatie;KvK;Type organisatie;Naam;E-mail\n"
    b"14-03-2025;Learning Community Smart Energy;learning community;Tata Steel Nederland B.V.;"
    b"12345678;asset owner;Sanne Bakker;s.bakker@tatasteel.com\n"
    b"14-03-2025;Learning Community Smart Energy;learning community;ROC Nova College;;mbo;"
    b"Ahmed Yilmaz;a.yilmaz@novacollege.nl\n"
)

BAD_KVK_CSV = (
    b"activity_date,activity,organisation,kvk,person,email\n"
    b"2025-03-14,Meetup waterstof,Heijmans,,Piet Jansen,piet@heijmans.nl\n"
    b"2025-03-14,Meetup waterstof,Dyka BV,1234,Els de Boer,els@dyka.nl\n"
)

USE_CASES_CSV = (
    b"kenmerk;titel;asset owner;thema;gesignaleerd;intake;projectdefinitie;uitvoering\n"
    b"UC-01;Restwarmte hoogovens benutten;Tata Steel Nederland B.V.;Smart Energy;"
    b"10-01-2025;03-02-2025;;\n"
    b"UC-02;Voorspellend onderhoud pompen;Crown van Gelder;Smart Maintenance;"
    b"15-01-2025;;01-03-2025;01-04-2025\n"
)


def counts(db, table: str) -> int:
    return one(db, f"SELECT COUNT(*) AS n FROM {table}")["n"]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def frame_with(at, header: str):
    return next(df.value for df in at.dataframe if header in df.value.columns)


def metrics_shown(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def upload(at, name: str, data: bytes):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_attendance_list_preview_writes_nothing_and_commit_writes(app_db, sign_in):
    at = upload(sign_in("leider", page="pages/activities.py"), "lijst.csv", ATTENDANCE_CSV)
    assert metrics_shown(at) == {"Rijen gelezen": "2", "Geldig": "2", "Ongeldig": "0"}
    table = frame_with(at, "Gegevens").set_index("Gegevens")
    assert table.loc["Organisaties", "Nieuw"] == 2
    assert table.loc["Personen", "Nieuw"] == 2
    assert table.loc["Aanwezigheden", "Nieuw"] == 2
    assert counts(app_db, "activities") == counts(app_db, "organisations") == 0

    button(at, "Opslaan").click().run()
    assert not at.exception
    assert "is opgeslagen" in at.success[0].value
    assert counts(app_db, "activities") == 1
    assert counts(app_db, "attendance") == 2
    tata = one(app_db, "SELECT kind, kvk FROM organisations WHERE name LIKE 'Tata%'")
    assert (tata["kind"], tata["kvk"]) == ("company", "12345678")
    [activity] = queries.list_activities(app_db)
    assert activity["attendees"] == 2

    # the same file again adds nothing; the preview says everything is unchanged
    button(at, "Nog een bestand inlezen").click().run()
    assert not at.success
    upload(at, "lijst.csv", ATTENDANCE_CSV)
    table = frame_with(at, "Gegevens").set_index("Gegevens")
    assert table.loc["Aanwezigheden", "Ongewijzigd"] == 2
    assert table["Nieuw"].sum() == 0
    # nothing to save, so no save button: the page says so instead
    assert "opslaan verandert niets" in at.info[-1].value
    assert not [b for b in at.button if b.label == "Opslaan"]


def test_bad_row_is_shown_as_line_column_message_and_commit_refused_unless_skipped(app_db, sign_in):
    at = upload(sign_in("leider", page="pages/activities.py"), "fout.csv", BAD_KVK_CSV)
    problems = frame_with(at, "Melding")
    assert problems.to_dict("records") == [
        {
            "Regel": 3,
            "Kolom": "kvk",
            "Melding": "'1234' is geen geldig KvK-nummer; een KvK-nummer heeft precies 8 cijfers",
        }
    ]
    assert metrics_shown(at)["Ongeldig"] == "1"
    assert "1 rij met fouten" in at.error[0].value

    button(at, "Opslaan").click().run()
    assert any("Niets opgeslagen" in e.value for e in at.error)
    assert counts(app_db, "activities") == counts(app_db, "persons") == 0

    at.checkbox(key="imp_participants_skip_0").check().run()
    button(at, "Opslaan").click().run()
    assert "1 ongeldige rij overgeslagen" in at.success[0].value
    assert [p["name"] for p in queries.list_persons(app_db)] == ["Piet Jansen"]
    assert counts(app_db, "attendance") == 1


def test_empty_and_headerless_files_show_a_clear_error_not_a_traceback(app_db, sign_in):
    at = upload(sign_in("leider", page="pages/activities.py"), "leeg.csv", b"")
    assert "leeg.csv is leeg" in at.error[0].value
    assert not any(b.label == "Opslaan" for b in at.button)

    # NUL and control bytes: not a CSV file at all (issue 7), said in one message
    upload(at, "rommel.csv", b"\x00\x01garbage;more\n1;2\n")
    assert "dit is geen CSV-bestand" in at.error[0].value
    assert not any(b.label == "Opslaan" for b in at.button)

    upload(at, "rommel.csv", b"garbage;more\n1;2\n")
    assert "controleer de kopregel" in at.error[0].value
    messages = list(frame_with(at, "Melding")["Melding"])
    assert any("Verplichte kolom ontbreekt" in m for m in messages)
    assert not any(b.label == "Opslaan" for b in at.button)

    upload(at, "kapot.xlsx", b"PK\x03\x04 not really a workbook")
    assert "geen leesbaar Excel-bestand" in at.error[0].value
    assert counts(app_db, "activities") == 0


def test_a_file_refused_on_one_row_names_that_row_and_column(app_db, sign_in):
    at = sign_in("leider", page="pages/activities.py")
    quote = b'Datum;Activiteit;Organisatie\n2025-03-01;Meetup;"Tata Steel\n2025-03-02;Meetup;Acme\n'
    upload(at, "aanhalingsteken.csv", quote)
    assert at.error[0].value.startswith(
        "Dit bestand kan niet worden ingelezen: regel 2, kolom Organisatie: het aanhalingsteken"
    )
    upload(at, "nul.csv", b"Datum;Activiteit;Organisatie\n2025-03-01;Meetup;Ac\x00me\n")
    assert at.error[0].value.startswith(
        "Dit bestand kan niet worden ingelezen: regel 2: dit is geen CSV-bestand"
    )
    assert not any(b.label == "Opslaan" for b in at.button)
    assert counts(app_db, "activities") == 0


def test_xlsx_attendance_list_is_read_like_csv(app_db, sign_in):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["activity_date", "activity", "organisation", "person"])
    sheet.append([dt.datetime(2025, 6, 5), "Fieldlab Smart Maintenance", "Dyka", "Els de Boer"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    at = sign_in("leider", page="pages/activities.py")
    at.file_uploader[0].set_value(("lijst.xlsx", buffer.getvalue(), "application/vnd.ms-excel"))
    at.run()
    assert metrics_shown(at)["Geldig"] == "1"
    button(at, "Opslaan").click().run()
    [activity] = queries.list_activities(app_db)
    assert (activity["activity_date"], activity["attendees"]) == ("2025-06-05", 1)


def test_use_case_sheet_preview_lists_cases_to_complete_then_commits(app_db, sign_in):
    at = sign_in("leider", page="pages/import_use_cases.py")
    assert at.title[0].value == "Use cases importeren"
    upload(at, "usecases.csv", USE_CASES_CSV)
    table = frame_with(at, "Gegevens").set_index("Gegevens")
    assert table.loc["Use cases", "Nieuw"] == 2
    assert table.loc["Intakes", "Nieuw"] == 1
    to_complete = frame_with(at, "Wat ontbreekt")
    assert list(to_complete["Kenmerk"]) == ["UC-02"]
    assert "Poort In uitvoering" in to_complete["Wat ontbreekt"][0]
    assert counts(app_db, "use_cases") == 0

    button(at, "Opslaan").click().run()
    assert not at.exception
    cases = {c["ref"]: c for c in queries.list_use_cases(app_db)}
    assert cases["UC-01"]["stage"] == "intake"
    assert cases["UC-02"]["stage"] == "execution"
    assert "is opgeslagen" in at.success[0].value


def test_use_case_sheet_with_missing_required_column_is_refused(app_db, sign_in):
    at = sign_in("leider", page="pages/import_use_cases.py")
    upload(at, "usecases.csv", b"titel;thema\nRestwarmte;Smart Energy\n")
    messages = list(frame_with(at, "Melding")["Melding"])
    assert any("asset_owner / asset owner" in m for m in messages)
    assert not any(b.label == "Opslaan" for b in at.button)
    assert counts(app_db, "use_cases") == 0


@pytest.mark.parametrize("username", ["coach", "stuur"])
def test_import_is_refused_to_coach_and_steering(app_db, username):
    someone = auth.authenticate(app_db, username, PASSWORDS[username])
    for kind, data in (("participants", ATTENDANCE_CSV), ("use-cases", USE_CASES_CSV)):
        with pytest.raises(PermissionDenied):
            services.import_file(app_db, someone, kind, data, "lijst.csv", dry_run=True)
    assert counts(app_db, "activities") == counts(app_db, "use_cases") == 0


def test_a_long_list_shows_the_first_rows_and_says_how_many_there_are(app_db, sign_in):
    lines = [f"14-03-2025;Meetup;Bedrijf {i};Persoon {i}" for i in range(1200)]
    data = "\n".join(["Datum;Activiteit;Organisatie;Naam", *lines]).encode()
    at = upload(sign_in("leider", page="pages/activities.py"), "lang.csv", data)
    assert not at.exception, at.exception
    table = frame_with(at, "Organisatie gevonden op")
    assert len(table) == 1000
    assert "De eerste 1.000 van 1.200 regels" in " ".join(c.value for c in at.caption)

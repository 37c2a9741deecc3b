"""Edge cases real attendance lists and use-case sheets have (found in review)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from funnel import imports, metrics

ROOT = Path(__file__).resolve().parents[2]
UC_HEADER = "kenmerk;titel;asset owner;gesignaleerd;intake;projectdefinitie;uitvoering;gerealiseerd;afgevallen;reden"


def snap(db, year: int) -> dict:
    return metrics.snapshot(db, year, dt.date(year, 12, 31))


def test_title_lines_and_an_excel_sep_line_above_the_header_are_skipped(db, write_csv):
    path = write_csv(
        "sep=;\nPresentielijst Fieldlab Smart Energy;;\n\n"
        "Datum;Activiteit;Organisatie;Naam;E-mail\n"
        "01-05-2025;Fieldlab;Acme;Jan;jan@acme.example\n"
        "01-05-2025;Fieldlab;Acme;Piet;31-02\n"
    )
    report = imports.import_participants(db, path)
    # the bad e-mail is reported with its real line number in the file
    assert [(p.line, p.column) for p in report.errors] == [(6, "E-mail")]
    report = imports.import_participants(db, path, skip_invalid=True)
    assert report.committed
    assert db.execute("SELECT name, email FROM persons").fetchall() == [("Jan", "jan@acme.example")]


def test_a_missing_column_is_reported_on_the_header_line_after_a_sep_line(db, write_csv):
    """The header of a file with Excel's ``sep=;`` line is on line 2: a missing column was
    reported on line 1, the sep line."""
    path = write_csv("sep=;\nDatum;Organisatie;Naam\n01-05-2025;Acme;Jan\n")
    report = imports.import_participants(db, path)
    assert [(p.line, p.error.code) for p in report.errors] == [(2, "column_missing")]
    assert not report.committed


def test_a_missing_column_is_reported_on_the_header_line_of_a_workbook(db, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["Datum", "Organisatie", "Naam"])
    sheet.append(["01-05-2025", "Acme", "Jan"])
    path = tmp_path / "lijst.xlsx"
    book.save(path)
    report = imports.import_participants(db, path)
    assert [(p.line, p.error.code) for p in report.errors] == [(2, "column_missing")]


def test_first_and_last_name_columns_make_the_person_name(db, write_csv):
    path = write_csv(
        "Datum;Activiteit;Organisatie;Voornaam;Tussenvoegsel;Achternaam\n"
        "01-05-2025;Meetup;Acme;Jan;van der;Berg\n"
        "01-05-2025;Meetup;Acme;Jan;van der;Berg\n"
    )
    assert imports.import_participants(db, path).committed
    assert db.execute("SELECT name FROM persons").fetchall() == [("Jan van der Berg",)]
    assert db.execute("SELECT COUNT(*) FROM attendance").fetchone()[0] == 1


def test_a_dash_or_question_mark_as_organisation_is_no_organisation(db, write_csv):
    path = write_csv(
        "Datum;Activiteit;Organisatie;Naam\n"
        "01-05-2025;M;-;Jan\n"
        "01-05-2025;M;?;Piet\n"
        "01-05-2025;M;n.v.t.;Kees\n"
    )
    assert imports.import_participants(db, path).committed
    assert imports.import_participants(db, path).counts["attendance"]["new"] == 0
    assert db.execute("SELECT COUNT(*) FROM organisations").fetchone()[0] == 0
    assert snap(db, 2025)["unique_persons"] == 3
    assert snap(db, 2025)["unclassified_organisations"] == 0


def test_kvk_alone_finds_a_known_organisation(db, write_csv):
    first = write_csv(
        "Datum;Activiteit;Organisatie;KvK\n01-05-2025;M;Acme B.V.;12345678\n", "a.csv"
    )
    imports.import_participants(db, first)
    second = write_csv("Datum;Activiteit;Organisatie;KvK\n02-05-2025;N;;1234 5678\n", "b.csv")
    assert imports.import_participants(db, second).committed
    assert (
        db.execute("SELECT COUNT(*) FROM attendance WHERE organisation_id = 1").fetchone()[0] == 2
    )
    unknown = write_csv("Datum;Activiteit;Organisatie;KvK\n02-05-2025;N;;87654321\n", "c.csv")
    report = imports.import_participants(db, unknown)
    assert [p.error.code for p in report.errors] == ["org_name_missing"]


def test_dutch_theme_names_and_fieldlab_prefixes_are_understood(db, write_csv):
    path = write_csv(
        "Datum;Activiteit;Fieldlab;Organisatie\n"
        "01-05-2025;A;Waterstof;X\n"
        "02-05-2025;B;fieldlab smart-energy;X\n"
        "03-05-2025;C;Smart Maintenance Fieldlab;X\n"
    )
    assert imports.import_participants(db, path).committed
    found = [r[0] for r in db.execute("SELECT fieldlab FROM activities ORDER BY activity_date")]
    assert found == ["Hydrogen", "Smart Energy", "Smart Maintenance"]


def test_reimport_adding_an_earlier_stage_on_the_same_day_keeps_the_later_stage_current(
    db, write_csv
):
    imports.import_use_cases(
        db, write_csv(f"{UC_HEADER}\nUC1;Warmte;Tata Steel;2025-01-10;;2025-03-01;;;;\n", "a.csv")
    )
    report = imports.import_use_cases(
        db,
        write_csv(
            f"{UC_HEADER}\nUC1;Warmte;Tata Steel;2025-01-10;2025-03-01;2025-03-01;;;;\n", "b.csv"
        ),
    )
    assert report.counts["use_cases"]["updated"] == 1
    assert snap(db, 2025)["funnel"]["definition"] == 1
    assert snap(db, 2025)["intakes"] == 1


def test_reimport_removes_stages_and_intakes_the_sheet_no_longer_has(db, write_csv):
    imports.import_use_cases(
        db,
        write_csv(
            f"{UC_HEADER}\nUC3;Geluid;Tata Steel;1 mrt 2025;;;;;5.3.2025;te duur\n"
            "UC2;Waterstof;Crown van Gelder N.V.;10-02-2025;10-02-2025;10-02-2025;;;;\n",
            "a.csv",
        ),
    )
    assert snap(db, 2025)["use_cases_dropped"] == 1
    second = write_csv(
        f"{UC_HEADER}\nUC3;Geluid;Tata Steel;1 mrt 2025;;2025-04-01;;;;\n"
        "UC2;Waterstof;Crown van Gelder N.V.;10-02-2025;;;;;;\n",
        "b.csv",
    )
    imports.import_use_cases(db, second)
    found = snap(db, 2025)
    assert found["use_cases_dropped"] == 0
    assert found["intakes"] == 0
    assert found["funnel"]["detected"] == 1 and found["funnel"]["definition"] == 1
    assert db.execute("SELECT COUNT(*) FROM intakes").fetchone()[0] == 0
    # and the sheet imported again changes nothing
    assert imports.import_use_cases(db, second).counts["use_cases"]["unchanged"] == 2


def test_a_new_intake_company_is_a_company(db, write_csv):
    path = write_csv(
        "ref,title,asset_owner,detected_on,intake_on,intake_company,intake_company_kvk\n"
        "R1,Vraag,Tata Steel,2025-01-10,2025-02-01,Kanaal Energie,52164119\n"
    )
    assert imports.import_use_cases(db, path).committed
    found = metrics.snapshot(db, 2025, dt.date(2025, 2, 1))
    assert found["unique_companies"] == 2
    assert found["unclassified_organisations"] == 0


def test_a_missing_sheet_is_wrong_usage(db_path, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["datum", "activiteit", "organisatie"])
    book.active.append([dt.datetime(2025, 5, 1), "M", "Acme"])
    book.save(tmp_path / "list.xlsx")
    run = subprocess.run(
        [sys.executable, "-m", "funnel", "--db", str(db_path), "import", "participants",
         str(tmp_path / "list.xlsx"), "--sheet", "Blad9"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 2
    assert "Blad9" in run.stderr


def test_an_intake_company_without_intake_date_is_a_warning_not_a_refusal(db, write_csv):
    path = write_csv(
        "ref,title,asset_owner,detected_on,intake_on,intake_company\n"
        "R1,Vraag,Tata Steel,2025-01-10,,Kanaal Energie\n"
    )
    report = imports.import_use_cases(db, path)
    assert report.committed and not report.errors
    assert [(p.line, p.error.code) for p in report.warnings] == [(2, "intake_company_without_date")]
    assert db.execute("SELECT COUNT(*) FROM intakes").fetchone()[0] == 0


def test_as_of_after_the_year_counts_stage_events_up_to_as_of_as_spec_says(db, write_csv):
    path = write_csv(
        "ref,title,asset_owner,detected_on,intake_on\n"
        "R1,Laat,Tata Steel,2025-11-30,2026-01-05\n"
        "R2,Nieuw,Tata Steel,2026-02-01,\n"
    )
    imports.import_use_cases(db, path)
    found = metrics.snapshot(db, 2025, dt.date(2026, 3, 1))
    # events in [1 January 2025, as_of] and the funnel as of as_of ...
    assert found["use_cases_detected"] == 2
    assert found["intakes"] == 1
    assert found["funnel"]["intake"] == 1 and found["funnel"]["detected"] == 1
    # ... while unique participants stop at 31 December
    assert found["unique_companies"] == 1
    assert metrics.snapshot(db, 2025, dt.date(2025, 12, 31))["intakes"] == 0

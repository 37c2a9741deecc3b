"""A sign-up list imported for one chosen activity, and the per-row results of an import's preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from funnel import imports, queries, services
from funnel.auth import Actor
from funnel.cli import cli
from funnel.errors import FunnelError
from funnel.imports import RowResult

SIGNUPS = "\n".join(
    [
        "Organisatie;KvK;Type organisatie;Naam;E-mail",
        # line 2: known by KvK (the file spells the name differently)
        "Tata Steel;12345678;bedrijf;Sanne Bakker;s.bakker@tatasteel.com",
        # line 3: known by name (no KvK in the file), person known by e-mail
        "ROC Nova College;;mbo;Ahmed Yilmaz;A.Yilmaz@novacollege.nl",
        # line 4: a new organisation and a new person
        "Kotterbouw B.V.;87654321;bedrijf;Anouk Smit;anouk@kotter.example",
        # line 5: line 4 again
        "Kotterbouw BV;87654321;bedrijf;Anouk Smit;anouk@kotter.example",
        # line 6: refused (a malformed e-mail address)
        "Lasschool IJmond;;mbo;Fatima El Amrani;geen-adres",
    ]
)


@pytest.fixture
def known(db: sqlite_utils.Database, leader: Actor) -> dict[str, int]:
    """An activity, and the organisations and person the sign-up list should find."""
    activity = services.create_activity(
        db, leader, "Learning Community Smart Energy", dt.date(2025, 3, 14), "learning community"
    )
    tata = services.create_organisation(db, leader, "Tata Steel Nederland B.V.", "12345678")
    nova = services.create_organisation(db, leader, "ROC Nova College", None, "education")
    return {"activity": activity, "tata": tata.id, "nova": nova.id}


def person_id(db: sqlite_utils.Database, email: str) -> int:
    return db.execute("SELECT id FROM persons WHERE email = ?", [email]).fetchone()[0]


def signups(db, known, write_csv, text: str = SIGNUPS, **options) -> imports.ImportReport:
    return imports.import_signups(
        db, write_csv(text, "aanmeldingen.csv"), known["activity"], **options
    )


def by_line(report: imports.ImportReport) -> dict[int, RowResult]:
    assert report.row_results is not None
    return {row.line: row for row in report.row_results}


def test_a_plain_list_goes_to_the_chosen_activity_and_says_per_row_what_it_matched(
    db, known, write_csv, leader
):
    # Ahmed is known by e-mail (at Nova, without that organisation's KvK)
    services.add_attendance(
        db, leader, services.create_activity(db, leader, "Eerdere meetup", dt.date(2025, 1, 9)),
        organisation_id=known["nova"], person_name="Ahmed Yilmaz",
        person_email="a.yilmaz@novacollege.nl",
    )  # fmt: skip
    ahmed = person_id(db, "a.yilmaz@novacollege.nl")
    report = signups(db, known, write_csv, dry_run=True, explain=True)
    rows = by_line(report)
    assert sorted(rows) == [2, 3, 4, 5, 6]

    tata = rows[2]
    assert (tata.organisation_id, tata.organisation) == (known["tata"], "Tata Steel Nederland B.V.")
    # found by its KvK number; the row's "bedrijf" classifies it (its kind was unknown)
    assert (tata.organisation_status, tata.organisation_on) == ("updated", "kvk")
    assert (tata.person_status, tata.person_on) == ("new", None)
    assert tata.outcome == "new"

    nova = rows[3]
    assert (nova.organisation_id, nova.organisation_on) == (known["nova"], "name")
    assert (nova.person_id, nova.person, nova.person_on) == (ahmed, "Ahmed Yilmaz", "email")
    assert nova.person_status == "unchanged"
    assert nova.outcome == "new"

    kotter = rows[4]
    assert (kotter.organisation_status, kotter.organisation_on) == ("new", None)
    assert kotter.organisation == "Kotterbouw B.V."
    assert (kotter.person_status, kotter.person, kotter.person_email) == (
        "new", "Anouk Smit", "anouk@kotter.example"
    )  # fmt: skip
    assert kotter.outcome == "new"

    again = rows[5]  # the same organisation and person as line 4: once on the list
    assert (again.organisation_id, again.person_id) == (kotter.organisation_id, kotter.person_id)
    assert (again.organisation_on, again.person_on) == ("kvk", "email")
    assert (again.outcome, again.first_line) == ("duplicate", 4)

    refused = rows[6]
    assert refused.outcome == "refused"
    assert [error.code for error in refused.reasons] == ["email_invalid"]
    assert refused.organisation_id is None

    # the preview wrote nothing
    assert queries.get_activity(db, known["activity"])["attendance"] == []


def test_a_plain_list_is_written_to_the_chosen_activity_and_a_reimport_is_unchanged(
    db, known, write_csv, dump
):
    refused = signups(db, known, write_csv)
    assert not refused.committed  # line 6 is invalid: nothing is written
    report = signups(db, known, write_csv, skip_invalid=True)
    assert report.committed
    assert report.kind == "signups"
    attendance = queries.get_activity(db, known["activity"])["attendance"]
    assert sorted((a["organisation_name"], a["person_name"]) for a in attendance) == [
        ("Kotterbouw B.V.", "Anouk Smit"),
        ("ROC Nova College", "Ahmed Yilmaz"),
        ("Tata Steel Nederland B.V.", "Sanne Bakker"),
    ]
    assert len(queries.list_activities(db)) == 1  # no activity made from the file
    assert report.counts["activities"] == {"unchanged": 1}

    before = dump(db)
    again = signups(db, known, write_csv, skip_invalid=True, explain=True)
    assert again.committed
    assert dump(db) == before
    assert {row.line: row.outcome for row in again.row_results or []} == {
        2: "known", 3: "known", 4: "known", 5: "duplicate", 6: "refused"
    }  # fmt: skip


def test_a_file_whose_activity_columns_name_another_activity_is_refused_on_those_rows(
    db, known, write_csv
):
    text = "\n".join(
        [
            "Datum;Activiteit;Organisatie;Naam;E-mail",
            "14-03-2025;Learning Community Smart Energy;Heijmans;Piet Jansen;piet@heijmans.nl",
            "15-03-2025;Learning Community Smart Energy;Dyka BV;Els de Boer;els@dyka.nl",
            "14-03-2025;Meetup waterstof;Dyka BV;Jan de Boer;jan@dyka.nl",
            ";;Dyka BV;Kees de Boer;kees@dyka.nl",
        ]
    )
    report = signups(db, known, write_csv, text, explain=True)
    assert not report.committed
    errors = {p.line: (p.column, p.error.code) for p in report.errors}
    assert errors == {
        3: ("Datum", "signup_other_activity"),
        4: ("Activiteit", "signup_other_activity"),
    }
    message = report.errors[0].error.message("nl")
    assert "15-03-2025" in message and "Learning Community Smart Energy" in message
    assert {row.line: row.outcome for row in report.row_results or []} == {
        2: "new", 3: "refused", 4: "refused", 5: "new"
    }  # fmt: skip


def test_a_sign_up_list_without_any_attendee_column_is_refused_at_the_header(db, known, write_csv):
    report = signups(db, known, write_csv, "Datum;Opmerking\n14-03-2025;welkom")
    assert [(p.line, p.error.code) for p in report.errors] == [(1, "column_missing")]
    assert report.rows_read == 0 and not report.committed


def test_a_sign_up_list_for_an_activity_that_is_not_there_is_refused(db, write_csv):
    with pytest.raises(FunnelError) as refused:
        imports.import_signups(db, write_csv(SIGNUPS), 999)
    assert refused.value.code == "not_found"


def test_the_attendance_import_preview_has_row_results_too(db, write_csv):
    text = "\n".join(
        [
            "Datum;Activiteit;Organisatie;KvK;Naam;E-mail",
            "14-03-2025;Meetup waterstof;Heijmans;11111111;Piet Jansen;piet@heijmans.nl",
            "14-03-2025;Meetup waterstof;Heijmans;;Els de Boer;els@heijmans.nl",
        ]
    )
    report = imports.import_participants(db, write_csv(text), dry_run=True, explain=True)
    rows = by_line(report)
    assert (rows[2].activity, rows[2].activity_day, rows[2].activity_status) == (
        "Meetup waterstof", "2025-03-14", "new"
    )  # fmt: skip
    assert (rows[2].organisation_status, rows[3].organisation_status) == ("new", "unchanged")
    assert rows[3].organisation_on == "name"  # the organisation line 2 brought, by its name
    assert rows[3].organisation_id == rows[2].organisation_id
    # without asking, no row results are kept (an import of a million rows needs none)
    assert imports.import_participants(db, write_csv(text), dry_run=True).row_results is None


def test_services_import_a_sign_up_list_for_an_activity_with_the_import_right(
    db, known, write_csv, leader, coach
):
    data = write_csv(SIGNUPS).read_bytes()
    report = services.import_file(
        db, leader, "signups", data, "aanmeldingen.csv", dry_run=True, activity_id=known["activity"]
    )
    assert report.row_results and len(report.row_results) == 5  # a preview explains its rows
    with pytest.raises(FunnelError):
        services.import_file(db, coach, "signups", data, "a.csv", activity_id=known["activity"])
    with pytest.raises(FunnelError) as missing:
        services.import_file(db, leader, "signups", data, "a.csv")
    assert missing.value.code == "value_missing"


def test_cli_imports_a_plain_list_into_an_activity(db, db_path: Path, known, write_csv):
    path = write_csv(SIGNUPS)
    result = CliRunner().invoke(
        cli,
        ["--lang", "en", "--db", str(db_path), "import", "participants", str(path),
         "--activity", str(known["activity"]), "--skip-invalid"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # line 6 is reported
    assert ":6: E-mail: " in result.stderr
    assert len(queries.get_activity(db, known["activity"])["attendance"]) == 3
    missing = CliRunner().invoke(
        cli, ["--db", str(db_path), "import", "participants", str(path), "--activity", "999"]
    )
    assert missing.exit_code == 2


def test_a_preview_keeps_the_results_of_the_rows_it_shows_not_of_every_row(db, write_csv):
    rows = imports.EXPLAIN_KEPT + 500
    lines = [f"14-03-2025;Meetup;Bedrijf {i};Persoon {i};p{i}@example.org" for i in range(rows)]
    lines.insert(700, "32-03-2025;Meetup;Fout;Fout;fout@example.org")  # refused, on line 702
    text = "\n".join(["Datum;Activiteit;Organisatie;Naam;E-mail", *lines])
    report = imports.import_participants(db, write_csv(text), dry_run=True, explain=True)
    assert report.rows_read == rows + 1
    assert report.rows_explained == rows + 1  # what the results were of
    assert report.row_results is not None and len(report.row_results) == imports.EXPLAIN_KEPT
    assert [r.line for r in report.row_results] == list(range(2, imports.EXPLAIN_KEPT + 2))
    assert report.row_results[700].outcome == "refused"  # in line order with the rest
    assert report.attendance_lines == {}  # the plan's bookkeeping is not kept either
    assert len(set(report.invalid_lines)) == 1

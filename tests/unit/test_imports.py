"""Both imports: whole-file validation, error reports, skip/dry runs, idempotency, formats, identity."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlite_utils
from click.testing import CliRunner, Result

from funnel import imports, queries, services
from funnel.cli import cli

REPO = Path(__file__).resolve().parents[2]

P_HEADER = "Datum;Activiteit;Type activiteit;Fieldlab;Organisatie;KvK;Type organisatie;Naam;E-mail"
P_COLUMNS = P_HEADER.split(";")
U_HEADER = (
    "ref,title,asset_owner,asset_owner_kvk,theme,detected_on,intake_on,intake_company,"
    "intake_company_kvk,definition_on,execution_on,realised_on,dropped_on,dropped_reason"
)
U_COLUMNS = U_HEADER.split(",")

#: A valid attendance list and use-case sheet that every refusal test starts from.
SEED_PARTICIPANTS = "\n".join(
    [
        P_HEADER,
        "2025-02-10;Meetup Waterstof;meetup;Hydrogen;Dubbel BV;11111111;bedrijf;Anna Smit;anna@dubbel.nl",
        "2025-02-10;Meetup Waterstof;meetup;Hydrogen;Dubbel;22222222;mkb;Bram Smit;bram@dubbel2.nl",
        "2025-02-10;Meetup Waterstof;meetup;Hydrogen;Nova College;;mbo;Carla de Vries;",
    ]
)
SEED_USE_CASES = "\n".join(
    [
        U_HEADER,
        "S-1,Warmte terugwinnen,Staal Installaties,16480894,Smart Energy,2025-01-05,"
        "2025-02-01,,,2025-03-01,,,,",
    ]
)
GOOD_PARTICIPANT = (
    "2025-03-01;Workshop Sensoren;workshop;;Goed Bedrijf;33333333;bedrijf;Dirk Goed;dirk@goed.nl"
)
GOOD_USE_CASE = "G-1,Goed vraagstuk,Goed Bedrijf,33333333,Smart Energy,2025-01-10,,,,,,,,"


def participant_row(**values: str) -> str:
    defaults = dict(zip(P_COLUMNS, GOOD_PARTICIPANT.split(";"), strict=True))
    return ";".join({**defaults, **values}[column] for column in P_COLUMNS)


def use_case_row(**values: str) -> str:
    defaults = dict(zip(U_COLUMNS, GOOD_USE_CASE.split(","), strict=True))
    defaults.update(ref="B-1", title="Fout vraagstuk")
    return ",".join({**defaults, **values}[column] for column in U_COLUMNS)


def cli_run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--lang", "en", "--db", str(db_path), *args], catch_exceptions=False
    )


def problem_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def seeded(db: sqlite_utils.Database, write_csv: Callable[..., Path]) -> sqlite_utils.Database:
    """A database that already holds the seed attendance list and use-case sheet."""
    for kind, text in (("participants", SEED_PARTICIPANTS), ("use-cases", SEED_USE_CASES)):
        report = imports.IMPORTERS[kind](db, write_csv(text, f"seed-{kind}.csv"))
        assert report.committed and not report.errors
    return db


def count(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# --- refusals: any invalid row refuses the whole file ------------------------------------------

FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()

REFUSALS: dict[str, tuple[str, str, str, str]] = {
    # case: (import kind, invalid row, column named in the message, error code)
    "bad_date": ("participants", participant_row(Datum="gisteren"), "Datum", "date_unreadable"),
    "impossible_date": (
        "participants",
        participant_row(Datum="31-02-2025"),
        "Datum",
        "date_impossible",
    ),
    "bad_kvk": ("participants", participant_row(KvK="1234567X"), "KvK", "kvk_invalid"),
    "short_kvk": ("participants", participant_row(KvK="1234 567"), "KvK", "kvk_invalid"),
    "ambiguous_organisation": (
        "participants",
        participant_row(Organisatie="dubbel", KvK="", Naam="Eva", **{"E-mail": ""}),
        "Organisatie",
        "org_ambiguous",
    ),
    "malformed_email": (
        "participants",
        participant_row(**{"E-mail": "dirk@@goed"}),
        "E-mail",
        "email_invalid",
    ),
    "unknown_kind": (
        "participants",
        participant_row(**{"Type organisatie": "ruimteschip"}),
        "Type organisatie",
        "org_kind_invalid",
    ),
    "stage_dates_out_of_order": (
        "use-cases",
        use_case_row(detected_on="2025-03-01", intake_on="2025-02-01"),
        "intake_on",
        "stage_dates_order",
    ),
    "dropped_before_last_stage": (
        "use-cases",
        use_case_row(
            definition_on="2025-03-01", dropped_on="2025-02-01", dropped_reason="geen budget"
        ),
        "dropped_on",
        "dropped_before_stage",
    ),
    "dropped_without_reason": (
        "use-cases",
        use_case_row(dropped_on="2025-04-01"),
        "dropped_reason",
        "dropped_reason_missing",
    ),
    "realised_and_dropped": (
        "use-cases",
        use_case_row(realised_on="2025-04-01", dropped_on="2025-04-02", dropped_reason="x"),
        "dropped_on",
        "realised_and_dropped",
    ),
    "future_stage_date": (
        "use-cases",
        use_case_row(definition_on=FUTURE),
        "definition_on",
        "date_in_future",
    ),
    "impossible_stage_date": (
        "use-cases",
        use_case_row(intake_on="31-02-2025"),
        "intake_on",
        "date_impossible",
    ),
    "no_attendee": (
        "participants",
        participant_row(Organisatie="", KvK="", Naam="", **{"E-mail": ""}),
        "Organisatie",
        "attendee_missing",
    ),
    "no_activity_title": (
        "participants",
        participant_row(Activiteit=""),
        "Activiteit",
        "value_missing",
    ),
    "no_detection_date": (
        "use-cases",
        use_case_row(detected_on=""),
        "detected_on",
        "date_missing",
    ),
    "ambiguous_asset_owner": (
        "use-cases",
        use_case_row(asset_owner="DUBBEL", asset_owner_kvk=""),
        "asset_owner",
        "org_ambiguous",
    ),
    "bad_asset_owner_kvk": (
        "use-cases",
        use_case_row(asset_owner_kvk="12-34-56-78"),
        "asset_owner_kvk",
        "kvk_invalid",
    ),
}


@pytest.mark.parametrize("case", REFUSALS.keys())
def test_import_refuses_whole_file_on_invalid_row(
    case: str,
    seeded: sqlite_utils.Database,
    db_path: Path,
    write_csv: Callable[..., Path],
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    kind, bad_row, column, code = REFUSALS[case]
    header, good = (
        (P_HEADER, GOOD_PARTICIPANT) if kind == "participants" else (U_HEADER, GOOD_USE_CASE)
    )
    path = write_csv("\n".join([header, good, bad_row, good]) + "\n")
    before = dump(seeded)

    result = cli_run(db_path, "import", kind, str(path))

    assert result.exit_code == 1
    lines = problem_lines(result)
    assert any(line.startswith(f"{path}:3: {column}: ") for line in lines), lines
    for line in lines:
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+: [^:]+: .+", line), line
    assert dump(seeded) == before

    report = imports.IMPORTERS[kind](seeded, path)
    assert [(p.line, p.column, p.error.code) for p in report.errors] == [(3, column, code)]
    assert not report.committed
    assert dump(seeded) == before


def test_import_reports_every_problem_of_every_invalid_row(
    seeded: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                participant_row(Datum="31-02-2025", KvK="12"),
                GOOD_PARTICIPANT,
                participant_row(**{"E-mail": "geen-adres"}),
            ]
        )
    )
    report = imports.import_participants(seeded, path)
    assert sorted((p.line, p.error.code) for p in report.errors) == [
        (2, "date_impossible"),
        (2, "kvk_invalid"),
        (4, "email_invalid"),
    ]
    assert sorted(set(report.invalid_lines)) == [2, 4]


@pytest.mark.parametrize("kind", ["participants", "use-cases"])
def test_import_refuses_file_without_a_required_column(
    kind: str,
    seeded: sqlite_utils.Database,
    db_path: Path,
    write_csv: Callable[..., Path],
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    if kind == "participants":
        text = "Activiteit;Organisatie\nWorkshop;Acme\n"
    else:
        text = "title,asset_owner\nVraag,Acme\n"
    path = write_csv(text)
    before = dump(seeded)
    result = cli_run(db_path, "import", kind, str(path))
    assert result.exit_code == 1
    lines = problem_lines(result)
    assert lines and lines[0].startswith(f"{path}:1: ")
    missing = "activity_date" if kind == "participants" else "detected_on"
    assert any(missing in line for line in lines), lines
    assert dump(seeded) == before


# --- --skip-invalid and --dry-run ---------------------------------------------------------------


def test_skip_invalid_writes_the_valid_rows_and_reports_the_rest(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                participant_row(Naam="Een", **{"E-mail": "een@goed.nl"}),
                participant_row(Datum="31-02-2025", Naam="Twee", **{"E-mail": "twee@goed.nl"}),
                participant_row(Naam="Drie", **{"E-mail": "drie@goed.nl"}),
            ]
        )
    )
    result = cli_run(db_path, "import", "participants", "--skip-invalid", str(path))

    # The code's choice: invalid rows were present, so the exit status is still 1.
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in problem_lines(result)] == [f"{path}:3"]
    assert "3 rows read, 2 valid, 1 invalid" in result.stdout
    emails = sorted(r[0] for r in db.execute("SELECT email FROM persons").fetchall())
    assert emails == ["drie@goed.nl", "een@goed.nl"]
    assert count(db, "attendance") == 2


def test_skip_invalid_also_skips_rows_that_fail_while_writing(
    seeded: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                participant_row(Organisatie="Dubbel", KvK="", Naam="Eva", **{"E-mail": ""}),
                participant_row(Naam="Frank", **{"E-mail": "frank@goed.nl"}),
            ]
        )
    )
    report = imports.import_participants(seeded, path, skip_invalid=True)
    assert report.committed
    assert [(p.line, p.error.code) for p in report.errors] == [(2, "org_ambiguous")]
    names = {r[0] for r in seeded.execute("SELECT name FROM persons").fetchall()}
    assert "Frank" in names and "Eva" not in names


def test_dry_run_writes_nothing_and_reports_new_updated_and_unchanged(
    db: sqlite_utils.Database,
    db_path: Path,
    write_csv: Callable[..., Path],
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    first = write_csv(
        "\n".join(
            [
                P_HEADER,
                participant_row(Organisatie="Onbekend", KvK="", **{"Type organisatie": ""}),
                participant_row(Naam="Els", **{"E-mail": "els@goed.nl"}),
            ]
        ),
        "first.csv",
    )
    before = dump(db)
    result = cli_run(db_path, "import", "participants", "--dry-run", str(first))
    assert result.exit_code == 0, result.stderr
    assert "attendances: 2 new, 0 updated, 0 unchanged" in result.stdout
    assert "organisations: 2 new, 0 updated, 0 unchanged" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert dump(db) == before

    assert cli_run(db_path, "import", "participants", str(first)).exit_code == 0
    after_import = dump(db)
    second = write_csv(
        "\n".join(
            [
                P_HEADER,
                participant_row(Organisatie="Onbekend", KvK="", **{"Type organisatie": "mkb"}),
                participant_row(Naam="Els", **{"E-mail": "els@goed.nl"}),
            ]
        ),
        "second.csv",
    )
    result = cli_run(db_path, "import", "participants", "--dry-run", str(second))
    assert result.exit_code == 0, result.stderr
    assert "attendances: 0 new, 0 updated, 2 unchanged" in result.stdout
    assert "organisations: 0 new, 1 updated, 1 unchanged" in result.stdout
    assert dump(db) == after_import
    kind = db.execute("SELECT kind FROM organisations WHERE name = 'Onbekend'").fetchone()[0]
    assert kind == "unknown"


def test_dry_run_of_use_cases_writes_nothing_and_counts_what_would_be_new(
    seeded: sqlite_utils.Database,
    write_csv: Callable[..., Path],
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    path = write_csv(SEED_USE_CASES + "\n" + GOOD_USE_CASE + "\n")
    before = dump(seeded)
    report = imports.import_use_cases(seeded, path, dry_run=True)
    assert not report.committed and not report.errors
    assert report.counts["use_cases"] == {"new": 1, "unchanged": 1}
    assert dump(seeded) == before


# --- idempotency --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["participants", "use-cases"])
def test_repeating_an_import_changes_nothing(
    kind: str,
    db: sqlite_utils.Database,
    db_path: Path,
    samples_dir: Path,
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    path = samples_dir / ("participants.csv" if kind == "participants" else "use-cases.csv")
    assert cli_run(db_path, "import", kind, str(path)).exit_code == 0
    first = dump(db)
    result = cli_run(db_path, "import", kind, str(path))
    assert result.exit_code == 0, result.stderr
    assert dump(db) == first
    assert re.search(r": 0 new, 0 updated, [1-9]\d* unchanged", result.stdout)
    assert not re.search(r": [1-9]\d* new", result.stdout), result.stdout


def test_an_attendee_appears_once_per_activity(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                "14-03-2025;Fieldlab Sessie 1;;;Acme;;;Jan Jansen;jan@acme.nl",
                "14 maart 2025;FIELDLAB SESSIE 1;;;ACME B.V.;;;Jan Jansen; JAN@ACME.NL ",
                "2025-03-14;fieldlab  sessie 1;;;acme;;;jan jansen;",
                "2025-03-15;Fieldlab Sessie 1;;;Acme;;;Jan Jansen;jan@acme.nl",
                "14/3/2025;Fieldlab Sessie 1;;;Acme;;;;",
                "14.03.2025;Fieldlab Sessie 1;;;Acme;;;;",
            ]
        )
    )
    report = imports.import_participants(db, path)
    assert report.committed and not report.errors
    assert count(db, "activities") == 2
    assert count(db, "persons") == 1
    per_activity = db.execute(
        "SELECT v.activity_date, COUNT(*) FROM attendance a JOIN activities v "
        "ON v.id = a.activity_id WHERE a.person_id IS NOT NULL GROUP BY v.id ORDER BY 1"
    ).fetchall()
    assert per_activity == [("2025-03-14", 1), ("2025-03-15", 1)]
    assert count(db, "attendance") == 3


def test_name_only_row_is_ambiguous_when_the_file_gives_that_name_two_kvk_numbers(
    db: sqlite_utils.Database,
    write_csv: Callable[..., Path],
    dump: Callable[[sqlite_utils.Database], dict],
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                "2025-03-01;Meetup;;;Acme;;;;",
                "2025-03-01;Meetup;;;Acme;11111111;;;",
                "2025-03-01;Meetup;;;Acme;22222222;;;",
            ]
        )
    )
    # whatever the row order, the name-only row could be either organisation: it is refused
    first = imports.import_participants(db, path)
    assert not first.committed
    assert [(p.line, p.error.code) for p in first.errors] == [(2, "org_ambiguous")]
    # with --skip-invalid the rest lands, and repeating it changes nothing and says the same
    kept = imports.import_participants(db, path, skip_invalid=True)
    assert kept.committed and count(db, "organisations") == 2
    before = dump(db)
    again = imports.import_participants(db, path, skip_invalid=True)
    assert [(p.line, p.error.code) for p in again.errors] == [(2, "org_ambiguous")]
    assert dump(db) == before


def test_name_only_person_is_ambiguous_when_the_file_gives_that_name_two_emails(
    db: sqlite_utils.Database,
    write_csv: Callable[..., Path],
    dump: Callable[[sqlite_utils.Database], dict],
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                "2025-03-01;Meetup;;;Acme;;;Jan;",
                "2025-03-01;Meetup;;;Acme;;;Jan;jan@a.nl",
                "2025-03-01;Meetup;;;Acme;;;Jan;jan@b.nl",
            ]
        )
    )
    first = imports.import_participants(db, path)
    assert not first.committed
    assert [(p.line, p.error.code) for p in first.errors] == [(2, "person_ambiguous")]
    kept = imports.import_participants(db, path, skip_invalid=True)
    assert kept.committed and count(db, "persons") == 2
    before = dump(db)
    again = imports.import_participants(db, path, skip_invalid=True)
    assert [(p.line, p.error.code) for p in again.errors] == [(2, "person_ambiguous")]
    assert dump(db) == before


def test_reimporting_a_use_case_with_a_known_ref_updates_it(
    seeded: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    changed = SEED_USE_CASES.replace("Warmte terugwinnen", "Restwarmte benutten").replace(
        "2025-03-01,,,,", "2025-03-01,2025-04-01,,,"
    )
    report = imports.import_use_cases(seeded, write_csv(changed))
    assert report.committed and not report.errors
    assert report.counts["use_cases"] == {"updated": 1}
    titles = [r[0] for r in seeded.execute("SELECT title FROM use_cases").fetchall()]
    assert titles == ["Restwarmte benutten"]
    stages = [r[0] for r in seeded.execute("SELECT to_stage FROM stage_events ORDER BY id")]
    assert stages == ["detected", "intake", "definition", "execution"]


def test_reimport_without_ref_finds_the_use_case_after_its_source_was_merged(db, leader, write_csv):
    sheet = write_csv("title,asset_owner,detected_on\nRestwarmte,Tata Steel,2025-01-10\n")
    imports.import_use_cases(db, sheet)
    other = services.create_organisation(db, leader, "Tata Steel Nederland", kvk="12345678").id
    tata = queries.list_organisations(db, "Tata Steel")[0]["id"]
    services.merge_organisations(db, leader, tata, other)
    imports.import_use_cases(db, sheet)
    assert db.execute("SELECT COUNT(*) FROM use_cases").fetchone()[0] == 1


# --- use-case sheet ------------------------------------------------------------------------------


def stage_history(db: sqlite_utils.Database, title: str) -> list[tuple[str, str]]:
    return db.execute(
        "SELECT e.to_stage, e.effective_on FROM stage_events e JOIN use_cases u "
        "ON u.id = e.use_case_id WHERE u.title = ? ORDER BY e.id",
        [title],
    ).fetchall()


def current(db: sqlite_utils.Database, title: str) -> str:
    """The stage of the latest event by effect date, ties by recording order (SPEC)."""
    history = db.execute(
        "SELECT e.to_stage FROM stage_events e JOIN use_cases u ON u.id = e.use_case_id "
        "WHERE u.title = ? ORDER BY e.effective_on DESC, e.id DESC LIMIT 1",
        [title],
    ).fetchone()
    return history[0]


def test_use_case_sheet_with_dutch_headers_is_read(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "Kenmerk;Titel;Asset owner;Thema;Gesignaleerd;Intake;Projectdefinitie;Uitvoering;"
        "Gerealiseerd;Afgevallen;Reden\n"
        "K-1;Slimme pomp;Acme;Smart Maintenance;14 maart 2024;1-4-2024;;;;15 mei 2024;"
        "Geen budget\n"
    )
    report = imports.import_use_cases(db, path)
    assert report.committed, [p.render("f", "en") for p in report.errors]
    assert stage_history(db, "Slimme pomp") == [
        ("detected", "2024-03-14"),
        ("intake", "2024-04-01"),
        ("dropped", "2024-05-15"),
    ]
    assert db.execute("SELECT note FROM stage_events WHERE to_stage = 'dropped'").fetchone() == (
        "Geen budget",
    )


def test_use_case_stage_events_on_equal_dates_make_the_later_stage_current(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                U_HEADER,
                use_case_row(
                    ref="E-1",
                    title="Gelijk",
                    detected_on="2024-03-01",
                    intake_on="2024-03-01",
                    definition_on="2024-03-01",
                ),
                use_case_row(
                    ref="E-2",
                    title="Gelijk afgevallen",
                    detected_on="2024-03-01",
                    execution_on="2024-04-01",
                    dropped_on="2024-04-01",
                    dropped_reason="stop",
                ),
            ]
        )
    )
    assert imports.import_use_cases(db, path).committed
    assert current(db, "Gelijk") == "definition"
    assert current(db, "Gelijk afgevallen") == "dropped"


def test_use_case_intake_company_defaults_to_the_asset_owner(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                U_HEADER,
                use_case_row(ref="I-1", title="Eigen intake", asset_owner="Eigenaar",
                             asset_owner_kvk="", intake_on="2025-02-01"),
                use_case_row(ref="I-2", title="Andere intake", asset_owner="Eigenaar",
                             asset_owner_kvk="", intake_on="2025-02-02",
                             intake_company="MKB Partner", intake_company_kvk="44444444"),
            ]
        )
    )  # fmt: skip
    assert imports.import_use_cases(db, path).committed
    intakes = db.execute(
        "SELECT u.title, o.name, i.intake_date FROM intakes i JOIN use_cases u "
        "ON u.id = i.use_case_id JOIN organisations o ON o.id = i.organisation_id ORDER BY i.id"
    ).fetchall()
    assert intakes == [
        ("Eigen intake", "Eigenaar", "2025-02-01"),
        ("Andere intake", "MKB Partner", "2025-02-02"),
    ]


def test_use_case_import_records_history_past_gates_and_lists_what_to_complete(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                U_HEADER,
                use_case_row(ref="R-9", title="Zonder partner", execution_on="2025-03-01",
                             realised_on="2025-04-01"),
                use_case_row(ref="R-10", title="Nog vroeg", definition_on="2025-03-01"),
            ]
        )
    )  # fmt: skip
    result = cli_run(db_path, "import", "use-cases", str(path))
    assert result.exit_code == 0, result.stderr
    assert current(db, "Zonder partner") == "realised"
    report = imports.import_use_cases(db, path, dry_run=True)
    assert [(item["ref"], sorted(item["missing"])) for item in report.incomplete] == [
        ("R-9", ["gate_execution_partner", "gate_realised_summary"])
    ]
    assert "R-9" in result.stdout and "R-10" not in result.stdout


def test_use_cases_without_ref_are_identified_by_asset_owner_and_title(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    row = use_case_row(ref="", title="Vraag zonder kenmerk", intake_on="2025-02-01")
    again = use_case_row(ref="", title="VRAAG  zonder kenmerk", intake_on="2025-02-01")
    assert imports.import_use_cases(db, write_csv(f"{U_HEADER}\n{row}", "a.csv")).committed
    report = imports.import_use_cases(db, write_csv(f"{U_HEADER}\n{row}", "b.csv"))
    assert report.counts["use_cases"] == {"unchanged": 1}
    report = imports.import_use_cases(db, write_csv(f"{U_HEADER}\n{again}", "c.csv"))
    assert report.committed and "new" not in report.counts["use_cases"]
    assert count(db, "use_cases") == 1
    assert count(db, "stage_events") == 2
    assert count(db, "intakes") == 1


# --- file formats -------------------------------------------------------------------------------

ROWS = [
    ["2025-03-14", "Workshop Warmte", "workshop", "Smart Energy", "Acme BV", "12345678", "mkb",
     "Jan Jansen", "jan@acme.nl"],
    ["14-03-2025", "Workshop Warmte", "workshop", "Smart Energy", "Hogeschool Inholland", "",
     "hbo", "Ria Bos", "ria@inholland.nl"],
    ["1 april 2025", "Meetup", "meetup", "", "Gemeente Velsen", "", "gemeente", "", ""],
]  # fmt: skip
DUTCH = P_COLUMNS
ENGLISH = [
    "activity_date", "activity", "activity_type", "fieldlab", "organisation", "kvk",
    "organisation_type", "person", "email",
]  # fmt: skip
HEADERS = {
    "dutch": DUTCH,
    "english": ENGLISH,
    "DUTCH-UPPER": [h.upper() for h in DUTCH],
    "English-Mixed": [h.title() for h in ENGLISH],
}


def content(db: sqlite_utils.Database) -> list[tuple[Any, ...]]:
    """What an attendance import produced, without ids and timestamps."""
    return db.execute(
        "SELECT v.activity_date, v.title, v.activity_type, v.fieldlab, o.name, o.kvk, o.kind, "
        "o.education_level, p.name, p.email FROM attendance a "
        "JOIN activities v ON v.id = a.activity_id "
        "LEFT JOIN organisations o ON o.id = a.organisation_id "
        "LEFT JOIN persons p ON p.id = a.person_id ORDER BY 1, 2, 5"
    ).fetchall()


EXPECTED_CONTENT = [
    ("2025-03-14", "Workshop Warmte", "workshop", "Smart Energy", "Acme BV", "12345678",
     "company", None, "Jan Jansen", "jan@acme.nl"),
    ("2025-03-14", "Workshop Warmte", "workshop", "Smart Energy", "Hogeschool Inholland", None,
     "education", "hbo", "Ria Bos", "ria@inholland.nl"),
    ("2025-04-01", "Meetup", "meetup", None, "Gemeente Velsen", None, "government", None, None,
     None),
]  # fmt: skip


@pytest.mark.parametrize("delimiter", [";", ","], ids=["semicolon", "comma"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("headers", HEADERS.values(), ids=HEADERS.keys())
def test_csv_is_read_with_either_separator_with_or_without_bom_and_any_header_language(
    db: sqlite_utils.Database,
    write_csv: Callable[..., Path],
    delimiter: str,
    bom: bool,
    headers: list[str],
) -> None:
    text = "\r\n".join(delimiter.join(r) for r in [headers, *ROWS]) + "\r\n"
    report = imports.import_participants(db, write_csv(text, bom=bom))
    assert not report.errors, [p.render("f", "en") for p in report.errors]
    assert report.committed
    assert content(db) == EXPECTED_CONTENT


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


XLSX_ROWS: list[list[Any]] = [
    ENGLISH,
    [dt.date(2025, 3, 14), "Workshop Warmte", "workshop", "Smart Energy", "Acme BV", 12345678,
     "mkb", "Jan Jansen", "jan@acme.nl"],
    [dt.datetime(2025, 3, 14, 0, 0), "Workshop Warmte", "workshop", "Smart Energy",
     "Hogeschool Inholland", None, "hbo", "Ria Bos", "ria@inholland.nl"],
    ["1 april 2025", "Meetup", "meetup", None, "Gemeente Velsen", None, "gemeente", None, None],
]  # fmt: skip


def test_xlsx_is_read_with_native_date_cells_and_numeric_kvk_cells(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "lijst.xlsx", {"Deelnemers": XLSX_ROWS})
    report = imports.import_participants(db, path)
    assert not report.errors, [p.render("f", "en") for p in report.errors]
    assert content(db) == EXPECTED_CONTENT


def test_xlsx_numeric_kvk_that_lost_its_leading_zero_is_padded(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    rows = [ENGLISH, [dt.date(2025, 3, 14), "Workshop", None, None, "Nul BV", 1234567.0]]
    report = imports.import_participants(db, write_xlsx(tmp_path / "nul.xlsx", {"S": rows}))
    assert not report.errors
    assert db.execute("SELECT kvk FROM organisations").fetchall() == [("01234567",)]


def test_xlsx_sheet_option_picks_the_named_sheet(
    db: sqlite_utils.Database, db_path: Path, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "werkmap.xlsx",
        {"Toelichting": [["Lees mij eerst"], ["Deze map bevat de lijst"]], "Deelnemers": XLSX_ROWS},
    )
    first_sheet = cli_run(db_path, "import", "participants", str(path))
    assert first_sheet.exit_code == 1
    assert count(db, "attendance") == 0

    named = cli_run(db_path, "import", "participants", "--sheet", "Deelnemers", str(path))
    assert named.exit_code == 0, named.stderr
    assert content(db) == EXPECTED_CONTENT


def test_xlsx_sheet_option_with_an_unknown_sheet_is_refused(
    db: sqlite_utils.Database, db_path: Path, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "werkmap.xlsx", {"Deelnemers": XLSX_ROWS})
    result = cli_run(db_path, "import", "participants", "--sheet", "Blad9", str(path))
    assert result.exit_code == 2  # a sheet that is not there is wrong usage
    assert "Blad9" in result.stderr
    assert count(db, "attendance") == 0


def test_xlsx_use_case_sheet_with_date_cells_records_the_stage_history(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    rows = [
        U_COLUMNS,
        ["X-1", "Vraag", "Acme", 12345678, "Hydrogen", dt.date(2024, 5, 1), dt.date(2024, 6, 1),
         None, None, dt.datetime(2024, 7, 1), None, None, None, None],
    ]  # fmt: skip
    report = imports.import_use_cases(db, write_xlsx(tmp_path / "uc.xlsx", {"Use cases": rows}))
    assert not report.errors, [p.render("f", "en") for p in report.errors]
    events = db.execute("SELECT to_stage, effective_on FROM stage_events ORDER BY id").fetchall()
    assert events == [
        ("detected", "2024-05-01"),
        ("intake", "2024-06-01"),
        ("definition", "2024-07-01"),
    ]
    assert db.execute("SELECT kvk, kind FROM organisations").fetchall() == [("12345678", "company")]


# --- kinds --------------------------------------------------------------------------------------


def kind_of(db: sqlite_utils.Database, name: str) -> tuple[str, str | None]:
    row = db.execute(
        "SELECT kind, education_level FROM organisations WHERE name = ?", [name]
    ).fetchone()
    return tuple(row)


def test_a_new_organisation_without_a_kind_is_unknown_and_a_later_row_classifies_it(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    first = write_csv(
        "\n".join(
            [P_HEADER, participant_row(Organisatie="Nieuw", KvK="", **{"Type organisatie": ""})]
        ),
        "first.csv",
    )
    imports.import_participants(db, first)
    assert kind_of(db, "Nieuw") == ("unknown", None)

    second = write_csv(
        "\n".join(
            [P_HEADER, participant_row(Organisatie="NIEUW", KvK="", **{"Type organisatie": "HBO"})]
        ),
        "second.csv",
    )
    report = imports.import_participants(db, second)
    assert report.committed and not report.problems
    assert kind_of(db, "Nieuw") == ("education", "hbo")


@pytest.mark.parametrize(
    ("value", "kind", "level"),
    [
        ("Bedrijf", "company", None),
        ("start-up", "company", None),
        ("Asset Owner", "company", None),
        ("ROC", "education", "mbo"),
        ("vmbo", "education", "vmbo"),
        ("Universiteit", "education", "wo"),
        ("kennisinstelling", "knowledge_institution", None),
        ("Provincie", "government", None),
        ("anders", "other", None),
    ],
)
def test_kind_values_from_the_kinds_table_classify_new_organisations(
    db: sqlite_utils.Database,
    write_csv: Callable[..., Path],
    value: str,
    kind: str,
    level: str | None,
) -> None:
    path = write_csv(
        "\n".join(
            [P_HEADER, participant_row(Organisatie="Org", KvK="", **{"Type organisatie": value})]
        )
    )
    assert imports.import_participants(db, path).committed
    assert kind_of(db, "Org") == (kind, level)


def test_a_conflicting_kind_keeps_the_known_kind_and_is_reported_as_a_warning(
    seeded: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path]
) -> None:
    path = write_csv(
        "\n".join(
            [
                P_HEADER,
                participant_row(
                    Organisatie="Nova College", KvK="", **{"Type organisatie": "overheid"}
                ),
            ]
        )
    )
    result = cli_run(db_path, "import", "participants", str(path))
    assert result.exit_code == 0, result.stderr
    lines = problem_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:2: Type organisatie: warning: ")
    assert kind_of(seeded, "Nova College") == ("education", "mbo")
    assert count(seeded, "attendance") == 4


# --- identity -----------------------------------------------------------------------------------


def persons(db: sqlite_utils.Database) -> list[tuple[Any, ...]]:
    return db.execute(
        "SELECT p.name, p.email, o.name FROM persons p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id ORDER BY p.id"
    ).fetchall()


def import_rows(db: sqlite_utils.Database, write_csv: Callable[..., Path], *rows: str) -> None:
    path = write_csv("\n".join([P_HEADER, *rows]), f"rows-{len(rows)}-{abs(hash(rows))}.csv")
    report = imports.import_participants(db, path)
    assert report.committed, [p.render("f", "en") for p in report.errors]


def test_email_trimmed_and_casefolded_identifies_a_person(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(
        db,
        write_csv,
        "2025-03-01;A;;;Acme;;;Jan Jansen;  Jan.Jansen@ACME.nl ",
        "2025-03-02;B;;;Beta;;;J. Jansen;jan.jansen@acme.nl",
    )
    assert persons(db) == [("Jan Jansen", "jan.jansen@acme.nl", "Acme")]
    assert count(db, "attendance") == 2


def test_name_without_email_identifies_a_person_only_within_the_same_organisation(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(
        db,
        write_csv,
        "2025-03-01;A;;;Acme;;;Jan Jansen;",
        "2025-03-02;B;;;ACME B.V.;;;jan  JANSEN;",
        "2025-03-02;B;;;Beta;;;Jan Jansen;",
        "2025-03-02;B;;;;;;Jan Jansen;",
        "2025-03-03;C;;;;;;Jan Jánsen;",
    )
    assert persons(db) == [
        ("Jan Jansen", None, "Acme"),
        ("Jan Jansen", None, "Beta"),
        ("Jan Jansen", None, None),
    ]


def test_a_name_only_person_gets_the_email_a_later_row_brings(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(db, write_csv, "2025-03-01;A;;;Acme;;;Jan Jansen;")
    import_rows(db, write_csv, "2025-03-05;B;;;Acme;;;Jan Jansen;Jan@Acme.nl")
    assert persons(db) == [("Jan Jansen", "jan@acme.nl", "Acme")]
    assert count(db, "attendance") == 2


def test_a_kvk_number_identifies_the_organisation_whatever_the_name(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(
        db,
        write_csv,
        "2025-03-01;A;;;Acme;12345678;;;",
        "2025-03-02;B;;;Totaal Andere Naam;12.345.678;;;",
        "2025-03-03;C;;;Acme Holding;1234 5678;;;",
    )
    assert db.execute("SELECT name, kvk FROM organisations").fetchall() == [("Acme", "12345678")]
    assert count(db, "attendance") == 3


def test_a_name_only_organisation_gets_the_kvk_number_a_later_row_brings(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(db, write_csv, "2025-03-01;A;;;Acme;;;;")
    import_rows(db, write_csv, "2025-03-02;B;;;ACME B.V.;87654321;;;")
    assert db.execute("SELECT name, kvk FROM organisations").fetchall() == [("Acme", "87654321")]


def test_a_kvk_number_does_not_attach_to_a_same_named_organisation_that_has_another(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(db, write_csv, "2025-03-01;A;;;Acme;11111111;;;")
    import_rows(db, write_csv, "2025-03-02;B;;;Acme;22222222;;;")
    assert db.execute("SELECT name, kvk FROM organisations ORDER BY id").fetchall() == [
        ("Acme", "11111111"),
        ("Acme", "22222222"),
    ]


def test_without_kvk_the_one_organisation_with_the_same_normal_name_is_found(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    import_rows(db, write_csv, "2025-03-01;A;;;Acme BV;11111111;;;")
    import_rows(db, write_csv, "2025-03-02;B;;;acme;;;;")
    assert count(db, "organisations") == 1
    assert count(db, "attendance") == 2


@pytest.mark.parametrize(
    "names",
    [
        ("Tata Steel Nederland B.V.", "tata steel nederland bv", "Tata Steel Nederland"),
        ("Crown van Gelder N.V.", "CROWN VAN GELDER NV", "Crown  van Gelder"),
        ("Bakkerij Müller V.O.F.", "bakkerij muller vof", "Bakkerij Muller"),
    ],
)
def test_legal_form_accents_and_case_do_not_make_a_new_organisation(
    db: sqlite_utils.Database, write_csv: Callable[..., Path], names: tuple[str, ...]
) -> None:
    import_rows(db, write_csv, *(f"2025-03-01;A;;;{name};;;;" for name in names))
    assert db.execute("SELECT name FROM organisations").fetchall() == [(names[0],)]


# --- crash safety -------------------------------------------------------------------------------


class Boom(RuntimeError):
    pass


def fail_on_call(real: Callable[..., Any], n: int) -> Callable[..., Any]:
    calls = {"n": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == n:
            raise Boom(f"crash on call {n}")
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize(
    ("kind", "target", "text"),
    [
        ("participants", "resolve_person", "participants"),
        ("use-cases", "resolve_org", "use-cases"),
    ],
)
def test_an_exception_halfway_through_an_import_leaves_the_database_as_before(
    seeded: sqlite_utils.Database,
    samples_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    dump: Callable[[sqlite_utils.Database], Any],
    kind: str,
    target: str,
    text: str,
) -> None:
    path = samples_dir / f"{text}.csv"
    before = dump(seeded)
    monkeypatch.setattr(imports, target, fail_on_call(getattr(imports, target), 5))
    with pytest.raises(Boom):
        imports.IMPORTERS[kind](seeded, path)
    assert not seeded.conn.in_transaction
    assert dump(seeded) == before
    monkeypatch.undo()
    assert imports.IMPORTERS[kind](seeded, path).committed


KILL_SCRIPT = """
import os, signal, sys
from funnel import db as storage, imports
real, calls = imports.resolve_person, []
def dying(*args, **kwargs):
    calls.append(1)
    if len(calls) == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
imports.resolve_person = dying
imports.import_participants(storage.connect(sys.argv[1]), sys.argv[2])
"""


def test_a_kill_halfway_through_an_import_leaves_the_database_as_before(
    seeded: sqlite_utils.Database,
    db_path: Path,
    samples_dir: Path,
    dump: Callable[[sqlite_utils.Database], Any],
) -> None:
    before = dump(seeded)
    done = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(db_path), str(samples_dir / "participants.csv")],
        cwd=REPO,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == -9, done.stderr
    assert dump(seeded) == before
    assert imports.import_participants(seeded, samples_dir / "participants.csv").committed


def test_similar_names_are_kept_apart_and_proposed_for_a_merge(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    from funnel.directory import merge_proposals

    import_rows(
        db, write_csv, "2025-03-01;A;;;Tata Steel;;;;", "2025-03-01;A;;;Tata Steel Nederland;;;;"
    )
    assert count(db, "organisations") == 2
    proposals = {(p.a_name, p.b_name) for p in merge_proposals(db)}
    assert proposals == {("Tata Steel", "Tata Steel Nederland")}


def test_xlsx_problems_name_the_sheet_row(
    db: sqlite_utils.Database, db_path: Path, tmp_path: Path
) -> None:
    rows = [ENGLISH, XLSX_ROWS[1], [], [dt.date(2025, 3, 14), "Workshop", None, None, "X", "12"]]
    path = write_xlsx(tmp_path / "fout.xlsx", {"Deelnemers": rows})
    result = cli_run(db_path, "import", "participants", str(path))
    assert result.exit_code == 1
    assert problem_lines(result)[0].startswith(f"{path}:4: kvk: ")
    assert count(db, "attendance") == 0


# --- wrong usage --------------------------------------------------------------------------------


WRONG_USAGE = {
    "unknown-command": ("frobnicate",),
    "missing-file": ("import", "participants", "does-not-exist.csv"),
    "unknown-import": ("import", "attendees", "x.csv"),
    "no-file": ("import", "participants"),
    "bad-option": ("snapshot", "--year", "twintig"),
}


@pytest.mark.parametrize("args", WRONG_USAGE.values(), ids=WRONG_USAGE.keys())
def test_wrong_usage_exits_with_status_2(db_path: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db_path), *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip()


@pytest.mark.parametrize("case", ["unknown-command", "missing-file"])
def test_python_m_funnel_exits_with_status_2_on_wrong_usage(tmp_path: Path, case: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FUNNEL_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "funnel", "--db", str(tmp_path / "u.db"), *WRONG_USAGE[case]],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.strip()


def test_the_column_rules_say_what_spec_requires_of_each_column() -> None:
    from funnel.i18n import CATALOGUE
    from funnel.imports import COLUMN_RULES

    participants, use_cases = COLUMN_RULES["participants"], COLUMN_RULES["use-cases"]
    assert participants.guide() == [
        "activity_date", "activity", "activity_type", "fieldlab", "organisation", "kvk",
        "organisation_type", "person", "email",
    ]  # fmt: skip
    assert {c: participants.requirement(c) for c in participants.guide()} == {
        "activity_date": "yes", "activity": "yes", "activity_type": "no", "fieldlab": "no",
        "organisation": "one_of", "kvk": "no", "organisation_type": "no", "person": "one_of",
        "email": "one_of",
    }  # fmt: skip
    required = [c for c in use_cases.guide() if use_cases.requirement(c) == "yes"]
    assert required == ["title", "asset_owner", "detected_on"]
    assert use_cases.requirement("dropped_reason") == "with_dropped_on"
    for rules in COLUMN_RULES.values():
        for column in rules.guide():
            assert f"imp.req_{rules.requirement(column)}" in CATALOGUE

"""Files as people have them (issue 7): each problem reaches the user as one clear message in
their language, through the importers and through the real command line, and nothing is written.

Every test here feeds its file to ``funnel.imports`` and to ``python -m funnel`` (a subprocess,
once in Dutch, the default, and once with ``--lang en``) and compares a dump of every table
before and after.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from funnel import imports
from funnel.errors import FunnelError

REPO = Path(__file__).resolve().parents[2]
LANGS = ("nl", "en")
P_HEADER = "Datum,Activiteit,Organisatie,Naam"

Dump = Callable[[sqlite_utils.Database], Any]


def run_cli(db_path: Path, *args: str, lang: str = "nl") -> subprocess.CompletedProcess[str]:
    """``python -m funnel`` as a user runs it: Dutch unless ``--lang en`` is given."""
    env = {k: v for k, v in os.environ.items() if k not in ("FUNNEL_DB", "FUNNEL_LANG")}
    chosen = ["--lang", "en"] if lang == "en" else []
    return subprocess.run(
        [sys.executable, "-m", "funnel", *chosen, "--db", str(db_path), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def cli_refusals(
    db: sqlite_utils.Database, db_path: Path, kind: str, path: Path, dump: Dump
) -> dict[str, list[str]]:
    """The CLI's stderr lines per language for a file it must refuse (exit 1, nothing written)."""
    before = dump(db)
    said: dict[str, list[str]] = {}
    for lang in LANGS:
        done = run_cli(db_path, "import", kind, str(path), lang=lang)
        assert done.returncode == 1, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        said[lang] = [line for line in done.stderr.splitlines() if line.strip()]
        assert dump(db) == before
    return said


def file_refusal(db: sqlite_utils.Database, kind: str, path: Path, dump: Dump) -> FunnelError:
    """The importer's refusal of a file it cannot read at all (nothing written)."""
    before = dump(db)
    with pytest.raises(FunnelError) as caught:
        imports.IMPORTERS[kind](db, path)
    assert dump(db) == before
    return caught.value


def row_problems(db: sqlite_utils.Database, kind: str, path: Path, dump: Dump) -> list[Any]:
    """The importer's errors for a file with invalid rows (nothing written)."""
    before = dump(db)
    report = imports.IMPORTERS[kind](db, path)
    assert not report.committed
    assert dump(db) == before
    return [(p.line, p.column, p.error) for p in report.errors]


def located(path: Path, line: int, column: str) -> re.Pattern[str]:
    """``FILE:LINE: column: message``, as SPEC has every problem reported."""
    return re.compile(rf"{re.escape(str(path))}:{line}: {re.escape(column)}: (?P<message>.+)")


def only_message(lines: list[str], pattern: re.Pattern[str]) -> str:
    """The one stderr line a refusal gives, in the FILE:LINE: column: message form."""
    assert len(lines) == 1, lines
    match = pattern.fullmatch(lines[0])
    assert match, lines[0]
    return match["message"]


# --- messages ---------------------------------------------------------------------------------


def test_an_impossible_iso_date_gets_no_day_first_hint(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path], dump: Dump
) -> None:
    path = write_csv(f"{P_HEADER}\n2025-13-01,Meetup,Acme,Anna\n2025-03-02,Meetup,Acme,Bob\n")
    [(line, column, error)] = row_problems(db, "participants", path, dump)
    assert (line, column, error.code) == (2, "Datum", "date_impossible")
    said = cli_refusals(db, db_path, "participants", path, dump)
    dutch = [line for line in said["nl"] if line.startswith(f"{path}:2: Datum: ")]
    english = [line for line in said["en"] if line.startswith(f"{path}:2: Datum: ")]
    assert dutch == [
        f"{path}:2: Datum: '2025-13-01' is geen bestaande datum (jaar eerst: jaar-maand-dag)"
    ]
    assert english == [
        f"{path}:2: Datum: '2025-13-01' is not a real date (year first: year-month-day)"
    ]
    # a day-first date still gets its hint
    path = write_csv(f"{P_HEADER}\n31-02-2025,Meetup,Acme,Anna\n", "dag.csv")
    [(_, _, error)] = row_problems(db, "participants", path, dump)
    assert "dag eerst" in error.message("nl") and "day first" in error.message("en")


def test_a_kind_conflict_names_the_kinds_in_words_not_keys(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path], dump: Dump
) -> None:
    first = write_csv("Datum,Activiteit,Organisatie,Type organisatie\n2025-03-01,M,Nova,mbo\n")
    assert imports.import_participants(db, first).committed
    # a warning does not refuse the file: the second row (no organisation) makes it invalid
    path = write_csv(
        "Datum,Activiteit,Organisatie,Type organisatie\n2025-03-02,N,Nova,bedrijf\n2025-03-02,,,\n",
        "tweede.csv",
    )
    before = dump(db)
    report = imports.import_participants(db, path)
    [warning] = report.warnings
    assert warning.error.code == "org_kind_conflict"
    assert dump(db) == before
    said = cli_refusals(db, db_path, "participants", path, dump)
    pattern = located(path, 2, "Type organisatie")
    dutch = [m["message"] for m in map(pattern.fullmatch, said["nl"]) if m]
    english = [m["message"] for m in map(pattern.fullmatch, said["en"]) if m]
    assert dutch == [
        "waarschuwing: 'Nova' staat al bekend als onderwijsinstelling; het opgegeven type "
        "(bedrijf) is genegeerd"
    ]
    assert english == [
        "warning: 'Nova' is already known as education institution; the given type (company) "
        "was ignored"
    ]


def test_the_ambiguity_error_lists_the_candidates_with_their_kvk_numbers(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path], dump: Dump
) -> None:
    known = write_csv(
        "Datum,Activiteit,Organisatie,KvK\n"
        "2025-03-01,M,Dubbel BV,11111111\n"
        "2025-03-01,M,Dubbel,22222222\n"
    )
    assert imports.import_participants(db, known).committed
    path = write_csv(
        "Datum,Activiteit,Organisatie,KvK\n"
        "2025-03-02,N,dubbel,\n"
        "2025-03-02,N,Enkel,\n"
        "2025-03-02,N,Enkel,33333333\n"
        "2025-03-02,N,Enkel,44444444\n",
        "dubbel.csv",
    )
    problems = row_problems(db, "participants", path, dump)
    assert [(line, column, e.code) for line, column, e in problems] == [
        (2, "Organisatie", "org_ambiguous"),
        (3, "Organisatie", "org_ambiguous"),
    ]
    said = cli_refusals(db, db_path, "participants", path, dump)
    assert located(path, 2, "Organisatie").fullmatch(said["nl"][0])
    assert said["nl"][0].endswith(
        "'dubbel' past bij 2 organisaties met verschillende KvK-nummers; vul het KvK-nummer in: "
        "Dubbel BV (KvK 11111111), Dubbel (KvK 22222222)"
    )
    assert said["en"][0].endswith(
        "'dubbel' matches 2 organisations with different KvK numbers; give the KvK number: "
        "Dubbel BV (KvK 11111111), Dubbel (KvK 22222222)"
    )
    assert said["nl"][1].endswith(
        "vul het KvK-nummer in: Enkel (KvK 33333333, elders in dit bestand), "
        "Enkel (KvK 44444444, elders in dit bestand)"
    )
    assert said["en"][1].endswith(
        "give the KvK number: Enkel (KvK 33333333, elsewhere in this file), "
        "Enkel (KvK 44444444, elsewhere in this file)"
    )


def test_counts_of_one_are_singular_in_both_languages(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path]
) -> None:
    one = write_csv(f"{P_HEADER}\n2025-03-01,Meetup,Acme,Anna\n", "een.csv")
    report = imports.import_participants(db, one, dry_run=True)
    assert report.rows_read == 1 and not report.committed
    done = run_cli(db_path, "import", "participants", "--dry-run", str(one))
    assert done.returncode == 0, done.stderr
    assert f"{one}: 1 rij gelezen, 1 geldig, 0 ongeldig" in done.stdout
    done = run_cli(db_path, "import", "participants", "--dry-run", str(one), lang="en")
    assert f"{one}: 1 row read, 1 valid, 0 invalid" in done.stdout
    two = write_csv(f"{P_HEADER}\n2025-03-01,Meetup,Acme,Anna\n2025-03-01,Meetup,Acme,Bob\n")
    assert f"{two}: 2 rijen gelezen" in run_cli(db_path, "import", "participants", str(two)).stdout
    # one use case that would not pass a gate yet
    sheet = write_csv(
        "titel,asset owner,gesignaleerd,gerealiseerd\nWarmte,Acme,2025-01-05,2025-03-01\n",
        "sheet.csv",
    )
    assert len(imports.import_use_cases(db, sheet, dry_run=True).incomplete) == 1
    dutch = run_cli(db_path, "import", "use-cases", "--dry-run", str(sheet)).stdout
    english = run_cli(db_path, "import", "use-cases", "--dry-run", str(sheet), lang="en").stdout
    assert "Aan te vullen (1 use case haalt een poort nog niet):" in dutch
    assert "To complete (1 use case would not yet pass a gate):" in english


# --- files that are not (quite) what they say --------------------------------------------------

ROWS = "".join(f"2025-03-0{day},Meetup,Acme,Persoon {day}\n" for day in range(2, 6))
UNCLOSED = f'{P_HEADER}\n2025-03-01,Meetup,"Tata Steel,Anna\n{ROWS}'.encode()
QUOTE_NL = (
    'het aanhalingsteken (") waarmee deze cel begint, wordt niet gesloten, zodat de regels erna '
    "in deze ene cel zouden belanden; sluit het aanhalingsteken of haal het weg"
)
QUOTE_EN = (
    'the quote (") this cell starts with is never closed, so the lines after it would end up in '
    "this one cell; close the quote or remove it"
)
NOT_TEXT_NL = "dit is geen CSV-bestand: het bevat geen tekst maar binaire gegevens"
NOT_TEXT_EN = "this is not a CSV file: it holds binary data, not text"
TEXT = f"{P_HEADER}\n2025-03-01,Meetup,Acme,Anna\n"


def _zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("deelnemers.csv", TEXT)
    return buffer.getvalue()


#: case: (file name, content, error code, line and column (or None), Dutch and English text)
REFUSED_FILES: dict[str, tuple[str, bytes, str, tuple[int, str] | None, str, str]] = {
    "unclosed quote, the rest of the file unquoted": (
        "lijst.csv", UNCLOSED, "csv_quote_unclosed", (2, "Organisatie"), QUOTE_NL, QUOTE_EN,
    ),
    "unclosed quote, a quoted cell further on": (
        "lijst.csv",
        UNCLOSED + b'2025-03-09,Meetup,"Crown van Gelder, B.V.",Piet\n2025-03-09,Meetup,Acme,Kees\n',
        "csv_quote_unclosed", (2, "Organisatie"), QUOTE_NL, QUOTE_EN,
    ),
    "unclosed quote, longer than the csv module's limit": (
        "lijst.csv",
        f'{P_HEADER}\n2025-03-01,Meetup,"Tata Steel,Anna\n'.encode() + ROWS.encode() * 8000,
        "csv_quote_unclosed", (2, "Organisatie"), QUOTE_NL, QUOTE_EN,
    ),
    "unclosed quote after a cell with a line break: the row as a spreadsheet counts it": (
        "lijst.csv",
        f'{P_HEADER}\n2025-03-01,Meetup,"Acme\nBouw",Anna\n2025-03-01,Meetup,Acme,Bob\n'
        f'2025-03-01,Meetup,Acme,"Carla\n{ROWS}'.encode(),
        "csv_quote_unclosed", (4, "Naam"), QUOTE_NL, QUOTE_EN,
    ),
    "a cell over the csv module's limit": (
        "lijst.csv",
        f"{P_HEADER}\n2025-03-01,Meetup,{'x' * 200_000},Anna\n{ROWS}".encode(),
        "csv_cell_too_long", (2, "Organisatie"),
        "deze cel is langer dan 131.072 tekens", "this cell is longer than 131,072 characters",
    ),
    "NUL bytes": (
        "lijst.csv",
        f"{P_HEADER}\n2025-03-01,Meetup,Acme,Anna\n2025-03-01,Meetup,Ac\x00me,Bob\n".encode(),
        "file_nul", (3, "-"),
        "dit is geen CSV-bestand: op deze regel staat een NUL-teken",
        "this is not a CSV file: this line holds a NUL character",
    ),
    "random bytes": (
        "lijst.csv", __import__("random").Random(7).randbytes(4096), "file_not_text", None,
        NOT_TEXT_NL, NOT_TEXT_EN,
    ),
    "a PNG image": (
        "lijst.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "file_not_text", None,
        NOT_TEXT_NL, NOT_TEXT_EN,
    ),
    "an old .xls workbook": (
        "lijst.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "file_old_xls", None,
        "dit is een Excel-bestand in het oude .xls-formaat",
        "this is an Excel file in the old .xls format",
    ),
    "UTF-16 without a BOM": (
        "lijst.csv", TEXT.encode("utf-16-le"), "file_utf16_without_bom", None,
        "dit is geen CSV-bestand dat te lezen is: het lijkt UTF-16-tekst zonder "
        "byte-order-markering (BOM)",
        "this is not a CSV file that can be read: it looks like UTF-16 text without a byte order "
        "mark (BOM)",
    ),
    "a zip archive renamed .csv": (
        "lijst.csv", _zip(), "file_is_zip", None,
        "dit is geen CSV-bestand maar een zip-archief",
        "this is not a CSV file but a zip archive",
    ),
    "an .xlsx that is really text": (
        "lijst.xlsx", TEXT.encode(), "xlsx_is_text", None,
        "dit is geen Excel-werkmap maar een tekstbestand (waarschijnlijk CSV)",
        "this is not an Excel workbook but a text file (probably CSV)",
    ),
    "an .xlsx that is a zip but no workbook": (
        "lijst.xlsx", _zip(), "xlsx_unreadable", None,
        "dit is geen leesbaar Excel-bestand (beschadigd, of een ander soort bestand)",
        "this is not a readable Excel workbook (damaged, or another kind of file)",
    ),
}  # fmt: skip


@pytest.fixture
def known(db: sqlite_utils.Database, write_csv: Callable[..., Path]) -> sqlite_utils.Database:
    """A database that already holds an attendance list and a use case."""
    assert imports.import_participants(db, write_csv(TEXT, "eerder.csv")).committed
    sheet = "titel,asset owner,gesignaleerd\nWarmte,Acme,2025-01-05\n"
    assert imports.import_use_cases(db, write_csv(sheet, "eerder-uc.csv")).committed
    return db


@pytest.mark.parametrize("case", REFUSED_FILES, ids=list(REFUSED_FILES))
def test_a_file_that_is_not_what_it_says_gets_one_clear_message_and_nothing_is_written(
    case: str, known: sqlite_utils.Database, db_path: Path, tmp_path: Path, dump: Dump
) -> None:
    filename, content, code, where, dutch, english = REFUSED_FILES[case]
    path = tmp_path / filename
    path.write_bytes(content)
    for kind in ("participants", "use-cases"):
        error = file_refusal(known, kind, path, dump)
        assert error.code == code
        if where:
            assert (error.params["line"], error.field or "-") == where
        else:
            assert "line" not in error.params
    before = dump(known)
    for kind, lang, text in (("participants", "nl", dutch), ("use-cases", "en", english)):
        done = run_cli(db_path, "import", kind, str(path), lang=lang)
        assert done.returncode == 1, (done.stdout, done.stderr)
        said = [line for line in done.stderr.splitlines() if line.strip()]
        prefix = f"{path}:{where[0]}: {where[1]}: " if where else f"{path}: "
        assert len(said) == 1 and said[0].startswith(prefix + text), said
        assert "Traceback" not in done.stderr and "Error" not in done.stderr
        assert dump(known) == before


def test_no_library_text_reaches_the_user() -> None:
    """openpyxl's and the csv module's own words ("File is not a zip file") are never shown."""
    from funnel.tables import read_table

    for name, content in (
        ("kapot.xlsx", b"PK\x03\x04 not really a workbook"),
        ("kapot.xlsx", b"PK\x05\x06" + bytes(18)),
        ("kapot.csv", b"PK\x03\x04 not really a workbook"),
        ("tekst.xlsx", b"not a zip"),
    ):
        with pytest.raises(FunnelError) as caught:
            read_table(content, name)
        for lang in LANGS:
            text = caught.value.message(lang)
            assert "zip file" not in text and "Error" not in text and "{" not in text, text


def test_utf16_with_a_bom_as_excel_writes_unicode_text_is_read(
    db: sqlite_utils.Database, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "unicode.txt.csv"
    path.write_bytes(TEXT.replace(",", "\t").encode("utf-16"))  # BOM, tab separated
    assert imports.import_participants(db, path, dry_run=True).valid_rows == 1
    done = run_cli(db_path, "import", "participants", str(path))
    assert done.returncode == 0, done.stderr
    assert f"{path}: 1 rij gelezen, 1 geldig, 0 ongeldig" in done.stdout
    assert db.execute("SELECT name FROM persons").fetchall() == [("Anna",)]


def test_a_closing_quote_with_text_after_it_on_one_line_is_still_read(
    db: sqlite_utils.Database, write_csv: Callable[..., Path]
) -> None:
    """``"De Vries" BV`` is no unclosed quote: it reads as the csv module always read it."""
    path = write_csv(f'{P_HEADER}\n2025-03-01,Meetup,"De Vries" BV,Anna\n')
    assert imports.import_participants(db, path).committed
    assert db.execute("SELECT name FROM organisations").fetchall() == [("De Vries BV",)]


def test_problems_after_a_cell_with_a_line_break_name_the_spreadsheet_row(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path], dump: Dump
) -> None:
    path = write_csv(
        "Datum,Activiteit,Organisatie,E-mail\n"
        '2025-03-01,Meetup,"Acme\nBouw",anna@acme.nl\n'
        '2025-03-01,"Meetup\r\nWaterstof","Acme\nBouw",bob@@acme.nl\n'
        "2025-03-01,Meetup,Acme,kees@@acme.nl\n"
    )
    problems = row_problems(db, "participants", path, dump)
    assert [(line, column, e.code) for line, column, e in problems] == [
        (3, "E-mail", "email_invalid"),
        (4, "E-mail", "email_invalid"),
    ]
    said = cli_refusals(db, db_path, "participants", path, dump)
    for lang in LANGS:
        assert [line.split(": ")[0] for line in said[lang][:2]] == [f"{path}:3", f"{path}:4"]


def test_the_same_ref_twice_in_one_sheet_is_an_error_on_the_second_line(
    db: sqlite_utils.Database, db_path: Path, write_csv: Callable[..., Path], dump: Dump
) -> None:
    path = write_csv(
        "kenmerk;titel;asset owner;gesignaleerd\n"
        "UC-1;Warmte terugwinnen;Acme;2025-01-05\n"
        "UC-2;Restwarmte;Acme;2025-01-06\n"
        "UC-1;Iets anders;Acme;2025-01-07\n"
        "UC-3;Fout;Acme;gisteren\n"
        "UC-3;Ook UC-3;Acme;2025-01-08\n"
        "UC-2;Restwarmte;Acme;2025-01-06\n"  # the same row again says nothing new
    )
    problems = row_problems(db, "use-cases", path, dump)
    assert [(line, column, e.code) for line, column, e in problems] == [
        (4, "kenmerk", "ref_twice"),
        (5, "gesignaleerd", "date_unreadable"),
        (6, "kenmerk", "ref_twice"),
    ]
    said = cli_refusals(db, db_path, "use-cases", path, dump)
    assert said["nl"][0] == (
        f"{path}:4: kenmerk: kenmerk 'UC-1' staat al op regel 2, met andere gegevens; een kenmerk "
        "hoort bij één use case"
    )
    assert said["en"][0] == (
        f"{path}:4: kenmerk: ref 'UC-1' is already on line 2, with other data; a ref belongs to "
        "one use case"
    )
    # --skip-invalid writes the first of the two, never the second over it
    report = imports.import_use_cases(db, path, skip_invalid=True)
    assert report.committed and report.valid_rows == 3
    assert db.execute("SELECT ref, title FROM use_cases ORDER BY ref").fetchall() == [
        ("UC-1", "Warmte terugwinnen"),
        ("UC-2", "Restwarmte"),
    ]


def test_every_count_of_the_summary_is_written_the_same_way(
    db_path: Path, write_csv: Callable[..., Path]
) -> None:
    """Dutch thousands with a dot, English with a comma: not "1.200 rijen gelezen, 1200 geldig"."""
    body = "".join(f"2025-03-01,Meetup,Bedrijf {i} B.V.,Persoon {i}\n" for i in range(1200))
    big = write_csv(f"{P_HEADER}\n{body}", "groot.csv")
    done = run_cli(db_path, "import", "participants", "--dry-run", str(big))
    assert done.returncode == 0, done.stderr
    assert f"{big}: 1.200 rijen gelezen, 1.200 geldig, 0 ongeldig" in done.stdout
    assert "aanwezigheden: 1.200 nieuw, 0 bijgewerkt, 0 ongewijzigd" in done.stdout
    done = run_cli(db_path, "import", "participants", "--dry-run", str(big), lang="en")
    assert f"{big}: 1,200 rows read, 1,200 valid, 0 invalid" in done.stdout

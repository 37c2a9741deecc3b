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

"""Any bytes and any text given to the file reader and the importers give a result or a
FunnelError, never another exception (issue 7: files as people have them)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnel import db as storage
from funnel import imports
from funnel.errors import FunnelError
from funnel.tables import Table, read_table

NAMES = st.sampled_from(["lijst.csv", "lijst.xlsx", "lijst.xlsm", "upload", "lijst.txt"])
PLAIN = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
DATES = st.sampled_from(["2025-03-01", "14-03-2025", "1/2/2024", "14 maart 2025", "3 Jan 2025"])
NAMES_ = st.sampled_from(["Acme", "acme b.v.", "Tata Steel", "Nova College", "Dubbel", "Jan"])
#: per import: its header, and per column what a person would write there
COLUMNS: dict[str, list[tuple[str, st.SearchStrategy[str]]]] = {
    "participants": [
        ("Datum", DATES),
        ("Activiteit", st.sampled_from(["Meetup", "Fieldlab", "meetup "])),
        ("Type activiteit", st.sampled_from(["", "workshop", "event"])),
        ("Fieldlab", st.sampled_from(["", "Smart Energy", "waterstof"])),
        ("Organisatie", NAMES_),
        ("KvK", st.sampled_from(["", "", "12345678", "1234 5678", "87654321"])),
        ("Type organisatie", st.sampled_from(["", "mbo", "bedrijf", "overheid"])),
        ("Naam", st.sampled_from(["", "Anna", "Bob de Vries", "anna"])),
        ("E-mail", st.sampled_from(["", "anna@acme.nl", "ANNA@acme.nl", "bob@x.nl"])),
    ],
    "use-cases": [
        ("kenmerk", st.sampled_from(["", "UC-1", "UC-2", "UC-3"])),
        ("titel", st.sampled_from(["Warmte", "Restwarmte", "Waterstof"])),
        ("asset owner", NAMES_),
        ("asset_owner_kvk", st.sampled_from(["", "", "12345678", "87654321"])),
        ("thema", st.sampled_from(["", "Smart Energy", "Hydrogen"])),
        ("gesignaleerd", st.sampled_from(["2025-01-05", "05-01-2025"])),
        ("intake", st.sampled_from(["", "2025-02-01"])),
        ("intake bedrijf", st.sampled_from(["", "Nova College", "Acme"])),
        ("projectdefinitie", st.sampled_from(["", "2025-03-01"])),
        ("uitvoering", st.sampled_from(["", "2025-04-01"])),
        ("gerealiseerd", st.sampled_from(["", "", "2025-05-01"])),
        ("afgevallen", st.sampled_from(["", "", "2025-05-02"])),
        ("reden", st.sampled_from(["", "geen budget"])),
    ],
}
HEADERS = tuple(";".join(name for name, _ in columns) for columns in COLUMNS.values())
#: odd cells: every date form, quotes, line breaks, separators, NUL, a BOM, random text
ODD = st.one_of(
    PLAIN,
    st.text(max_size=6),
    st.sampled_from(
        [
            "", "2025-13-01", "31-02-2025", "vrijdag 14 maart 2025", "45730", "n.v.t.", "-",
            "a@@b", '"', '""', '"x', 'x"', "\n", "\r\n", "\r", ";", ",", "\t", "\x00", "\ufeff",
            "sep=;",
        ]
    ),
)  # fmt: skip
CELL_VALUES = st.one_of(
    st.none(),
    # what a workbook can hold: no control characters (openpyxl refuses to write them)
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.times(),
    st.sampled_from(["2025-03-01", "14-03-2025", "12345678", "UC-1", "Acme"]),
)
#: FUNNEL_FUZZ_EXAMPLES=5000 searches longer (the suite runs the default)
EXAMPLES = int(os.environ.get("FUNNEL_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def read_or_refuse(data: bytes, name: str) -> Table | None:
    try:
        return read_table(data, name)
    except FunnelError as error:
        for lang in ("nl", "en"):
            assert error.message(lang)
        return None


@st.composite
def csv_like(draw: st.DrawFn) -> str:
    """An import file as a person might have it: a real header, then rows of mostly sensible
    cells (so that rows get through to the writers) with odd ones among them."""
    kind = draw(st.sampled_from(list(COLUMNS)))
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    columns = COLUMNS[kind]
    lines = [delimiter.join(name for name, _ in columns)]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):  # a row as it should be
            cells = [draw(good) for _, good in columns]
        else:
            cells = [draw(st.one_of(good, good, good, ODD)) for _, good in columns]
            if draw(st.booleans()):
                cells = cells[: draw(st.integers(0, len(cells) + 1))]
        lines.append(delimiter.join(cells))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


def workbook(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(data=st.binary(max_size=3000), name=NAMES)
def test_any_bytes_are_read_or_refused_in_words(data: bytes, name: str) -> None:
    read_or_refuse(data, name)


@FUZZ
@given(
    data=st.binary(max_size=2000),
    head=st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]),
    name=NAMES,
)
def test_bytes_that_begin_like_a_zip_or_a_bom_are_read_or_refused(
    data: bytes, head: bytes, name: str
) -> None:
    read_or_refuse(head + data, name)


@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le"]))
def test_any_text_is_read_or_refused_in_words(text: str, encoding: str) -> None:
    read_or_refuse(text.encode(encoding), "lijst.csv")


@settings(FUZZ, max_examples=max(1, EXAMPLES * 2 // 5))
@given(members=st.dictionaries(st.sampled_from(
    ["[Content_Types].xml", "xl/workbook.xml", "_rels/.rels", "xl/worksheets/sheet1.xml", "x"]
), st.binary(max_size=200), max_size=4))  # fmt: skip
def test_a_zip_of_anything_is_read_or_refused(members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    for name in ("lijst.xlsx", "lijst.csv"):
        read_or_refuse(buffer.getvalue(), name)


@pytest.fixture
def fuzz_db(tmp_path: Path):
    database = storage.connect(tmp_path / "fuzz.db")
    yield database
    database.conn.close()


@FUZZ
@given(
    text=st.one_of(csv_like(), st.text(max_size=500)),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_the_importers_give_a_report_or_a_funnel_error_for_any_text(
    fuzz_db, text: str, encoding: str
) -> None:
    data = text.encode(encoding, errors="replace")
    for kind, importer in imports.IMPORTERS.items():
        try:
            report = importer(fuzz_db, data, name="lijst.csv", dry_run=True)
        except FunnelError:
            continue
        for problem in report.problems:
            assert problem.render("lijst.csv", "nl") and problem.render("lijst.csv", "en"), kind


@FUZZ
@given(data=st.binary(max_size=1500))
def test_the_importers_give_a_report_or_a_funnel_error_for_any_bytes(fuzz_db, data: bytes) -> None:
    for importer in imports.IMPORTERS.values():
        with contextlib.suppress(FunnelError):
            importer(fuzz_db, data, name="lijst.csv", dry_run=True)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 4))
@given(
    header=st.sampled_from(HEADERS),
    rows=st.lists(st.lists(CELL_VALUES, max_size=14), min_size=1, max_size=4),
)
def test_the_importers_give_a_report_or_a_funnel_error_for_any_workbook(
    fuzz_db, header: str, rows: list[list[Any]]
) -> None:
    data = workbook([header.split(";"), *rows])
    for importer in imports.IMPORTERS.values():
        with contextlib.suppress(FunnelError):
            importer(fuzz_db, data, name="lijst.xlsx", dry_run=True)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from(["a", ";", '"', "\r", "\n", "\x0b", "\x0c", "\x1c", "\u2028", "é", " "])
    )
)
def test_the_lines_the_csv_reader_gets_are_those_of_a_text_file_opened_with_newline_empty(text):
    """The reader gets the text's lines one at a time (io.StringIO held a copy of a large file
    at four bytes a character): the same lines, split only at \\r, \\n and \\r\\n."""
    import csv

    from funnel.tables import _lines

    assert list(_lines(text)) == list(io.StringIO(text, newline=""))
    assert list(csv.reader(_lines(text), delimiter=";")) == list(
        csv.reader(io.StringIO(text, newline=""), delimiter=";")
    )

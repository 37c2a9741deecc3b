"""The snapshot exports: Excel and PDF bytes, and ``python -m funnel snapshot --format xlsx|pdf``."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from openpyxl import load_workbook

from funnel import exports, goals, metrics, services
from funnel.auth import Actor
from funnel.cli import cli
from funnel.i18n import t

YEAR = 2025
AS_OF = dt.date(2025, 6, 30)
COMPARE = dt.date(2025, 3, 15)
FORMULA_TITLE = '=HYPERLINK("x")'
UNICODE_TITLE = "Geluidsmeting – België, besparing in €"


@pytest.fixture
def cases(db: sqlite_utils.Database, leader: Actor) -> dict[str, int]:
    """Three use cases in 2025: one moved to project definition, one with a formula-like title."""
    first = services.create_use_case(
        db,
        leader,
        "Restwarmte hergebruiken",
        dt.date(2025, 2, 1),
        asset_owner_name="Tata Steel Nederland B.V.",
        theme="Smart Energy",
        fieldlab="Smart Energy",
    )
    services.move_use_case(db, leader, first, "definition", dt.date(2025, 3, 1))
    formula = services.create_use_case(
        db, leader, FORMULA_TITLE, dt.date(2025, 4, 1), asset_owner_name="Crown van Gelder"
    )
    unicode = services.create_use_case(
        db, leader, UNICODE_TITLE, dt.date(2025, 5, 10), asset_owner_name="Hoogovens Geluid B.V."
    )
    return {"first": first, "formula": formula, "unicode": unicode}


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def rows_by_label(sheet) -> dict[str, tuple]:
    return {row[0].value: row for row in sheet.iter_rows() if isinstance(row[0].value, str)}


# --- Excel ---------------------------------------------------------------------------------------


def test_xlsx_holds_the_kpis_of_the_snapshot_with_target_and_real_percentage(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    snap = goals.snapshot(db, YEAR, AS_OF)
    sheet = workbook(exports.snapshot_xlsx(db, YEAR, AS_OF))["Stand van zaken"]
    assert sheet["A1"].value == "Stand van zaken innovatiefunnel 2025"
    assert sheet["B2"].is_date and sheet["B2"].value.date() == AS_OF
    rows = rows_by_label(sheet)
    for key, target_key in exports.KPI_ROWS:
        label, actual, target, share, rule = rows[t(f"kpi.{key}")][:5]
        assert actual.value == snap[key], key
        assert rule.value == t(f"rule.{key}")
        percent = goals.KPI_BY_KEY[key].percent
        if snap[key] is not None:
            assert actual.number_format == ("0%" if percent else "General"), key
        if target_key and snap[key] is not None:
            # a share's target is a percentage: written as a share too (100 % = 1.0)
            goal = snap["targets"][target_key] / (100 if percent else 1)
            assert target.value == goal
            assert share.value == pytest.approx(snap[key] / goal)
            assert share.number_format == "0%"
        elif not target_key:
            assert target.value is None and share.value is None
    assert rows[t("kpi.use_cases_detected")][1].value == 3
    for stage, count in snap["funnel"].items():
        assert rows[t(f"stage.{stage}")][1].value == count


def test_xlsx_lists_the_use_cases_with_real_date_cells(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    sheet = workbook(exports.snapshot_xlsx(db, YEAR, AS_OF))["Use cases"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "Use case", "Asset owner", "Fase", "In fase sinds", "Dagen in fase", "Thema", "Fieldlab",
    ]  # fmt: skip
    assert all(cell.font.bold for cell in sheet[1])
    rows = rows_by_label(sheet)
    title, owner, stage, since, days, theme, fieldlab = rows["Restwarmte hergebruiken"]
    assert (owner.value, stage.value) == ("Tata Steel Nederland B.V.", "Projectdefinitie")
    assert since.is_date and since.value.date() == dt.date(2025, 3, 1)
    assert since.number_format == "DD-MM-YYYY"
    assert days.value == (AS_OF - dt.date(2025, 3, 1)).days
    assert (theme.value, fieldlab.value) == ("Smart Energy", "Smart Energy")
    assert sheet.column_dimensions["A"].width > 20


def test_xlsx_keeps_a_formula_like_title_as_text(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    data = exports.snapshot_xlsx(db, YEAR, AS_OF)
    cell = rows_by_label(workbook(data)["Use cases"])[FORMULA_TITLE][0]
    assert cell.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_xlsx_compare_date_adds_the_difference_since_then(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    now, before = metrics.snapshot(db, YEAR, AS_OF), metrics.snapshot(db, YEAR, COMPARE)
    sheet = workbook(exports.snapshot_xlsx(db, YEAR, AS_OF, compare=COMPARE))["Stand van zaken"]
    rows = rows_by_label(sheet)
    assert rows[t("snap.col_kpi")][4].value == "sinds 15-03-2025"
    detected = rows[t("kpi.use_cases_detected")]
    assert detected[4].value == now["use_cases_detected"] - before["use_cases_detected"] == 2
    assert rows[t("export.compare_label")][1].value.date() == COMPARE


def test_xlsx_in_english_uses_the_english_catalogue(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    book = workbook(exports.snapshot_xlsx(db, YEAR, AS_OF, lang="en"))
    assert book.sheetnames == [
        "Snapshot", "What moved", "New organisations", "Use cases", "Counted per KPI",
        "Fieldlabs", "Core partners", "Analytics",
    ]  # fmt: skip
    assert "Use cases detected" in rows_by_label(book["Snapshot"])


# --- PDF -----------------------------------------------------------------------------------------

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STRING = rb"\((?:\\.|[^\\)])*\)"


def _unescape(literal: bytes) -> bytes:
    return re.sub(
        rb"\\([nrtbf()\\]|[0-7]{1,3})",
        lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(
            m.group(1), bytes([int(m.group(1), 8)]) if m.group(1).isdigit() else m.group(1)
        ),
        literal[1:-1],
    )


def pdf_text(data: bytes) -> str:
    """The shown text of an uncompressed PDF made by fpdf2, decoded, one text object per line.

    Core fonts show latin-1 strings; embedded TrueType fonts show 2-byte glyph codes that the
    font's ToUnicode map turns back into text.
    """
    objects = {int(num): body for num, body in _OBJECT.findall(data)}
    maps: dict[bytes, dict[int, str]] = {}
    for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        font = objects[int(ref)]
        unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", font)
        if unicode_ref:
            cmap = objects[int(unicode_ref.group(1))]
            maps[name] = {
                int(code, 16): chr(int(char, 16))
                for code, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4})>", cmap)
            }
    lines, line, font = [], "", b""

    def shown(literal: bytes) -> str:
        raw = _unescape(literal)
        if font in maps:
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
            return "".join(maps[font].get(code, "?") for code in codes)
        return raw.decode("latin-1")

    # Tj shows one string; TJ an array of strings with spacing between them (justified text)
    pattern = (
        rb"/(F\d+) [\d.]+ Tf|(" + _STRING + rb") Tj|\[((?:" + _STRING + rb"|[^\]()])*)\] TJ|\bET\b"
    )
    for token in re.finditer(pattern, data, re.S):
        if token.group(1):
            font = token.group(1)
        elif token.group(2):
            line += shown(token.group(2))
        elif token.group(3) is not None:
            line += "".join(shown(part) for part in re.findall(_STRING, token.group(3)))
        elif line:
            lines.append(line)
            line = ""
    return "\n".join(lines)


def page_count(data: bytes) -> int:
    pages = len(re.findall(rb"/Type /Page\b(?!s)", data))
    assert re.search(rb"/Count (\d+)", data).group(1) == str(pages).encode()  # type: ignore[union-attr]
    return pages


def test_pdf_shows_title_kpis_rules_and_use_cases_in_dejavu(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    data = exports.snapshot_pdf(db, YEAR, AS_OF, compress=False, today=dt.date(2025, 7, 1))
    assert data.startswith(b"%PDF")
    assert b"DejaVuSans" in data and b"/FontFile2" in data
    pages = page_count(data)
    assert pages >= 1
    text = pdf_text(data)
    flat = " ".join(text.split())
    assert "Stand van zaken innovatiefunnel 2025" in text
    assert "Peildatum: 30 juni 2025" in text
    for key, _ in exports.KPI_ROWS:
        assert t(f"kpi.{key}") in flat, key
    assert "één keer" in flat  # a counting rule, with its accents
    assert UNICODE_TITLE in flat and FORMULA_TITLE in flat
    assert "Techport — gegenereerd op 1 juli 2025" in text
    assert f"Pagina {pages} van {pages}" in text


def test_pdf_falls_back_to_helvetica_with_latin1_text(
    db: sqlite_utils.Database, cases: dict[str, int], tmp_path: Path
) -> None:
    data = exports.snapshot_pdf(
        db, YEAR, AS_OF, lang="en", compress=False, font_dir=tmp_path, today=dt.date(2025, 7, 1)
    )
    assert data.startswith(b"%PDF") and b"DejaVu" not in data
    text = pdf_text(data)
    assert b"(Innovation funnel snapshot 2025) Tj" in data
    assert "Use cases detected" in text
    assert "Geluidsmeting - België, besparing in EUR" in " ".join(text.split())
    assert "Techport - generated on 1 July 2025" in text


def test_pdf_compare_date_adds_the_difference_column(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    text = pdf_text(exports.snapshot_pdf(db, YEAR, AS_OF, compare=COMPARE, compress=False))
    assert "vergeleken met 15 maart 2025" in text
    assert "sinds 15-03-2025" in " ".join(text.split())
    assert "+2" in text.splitlines()


def test_pdf_of_an_empty_year_says_there_are_no_use_cases(db: sqlite_utils.Database) -> None:
    data = exports.snapshot_pdf(db, YEAR, AS_OF, compress=False)
    assert page_count(data) >= 1
    text = pdf_text(data)
    assert t("snap.no_cases") in text
    assert t("export.no_projects") in text


def test_funnel_chart_holds_the_counts_in_funnel_order(
    db: sqlite_utils.Database, cases: dict[str, int]
) -> None:
    snap = metrics.snapshot(db, YEAR, AS_OF)
    spec = exports.funnel_chart(snap, "nl").to_dict()
    values = spec["layer"][0]["data"]["values"] if "data" not in spec else spec["data"]["values"]
    assert [v["count"] for v in values] == list(snap["funnel"].values())
    assert [v["stage"] for v in values][:2] == ["Gesignaleerd", "Intake Green Incubator"]
    assert exports.chart_png(snap).startswith(b"\x89PNG")


def test_file_name_names_year_and_as_of_date() -> None:
    assert exports.file_name(2026, dt.date(2026, 11, 28), "pdf") == (
        "techport-funnel-2026-2026-11-28.pdf"
    )


# --- CLI -----------------------------------------------------------------------------------------


def test_cli_snapshot_pdf_writes_the_output_file(
    db_path: Path, cases: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    args = ["--db", str(db_path), "snapshot", "--year", "2025", "--as-of", "2025-06-30"]
    result = CliRunner().invoke(cli, [*args, "--format", "pdf", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert result.stdout == ""


def test_cli_snapshot_xlsx_writes_the_output_file(
    db: sqlite_utils.Database, db_path: Path, cases: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "x.xlsx"
    args = ["--db", str(db_path), "snapshot", "--year", "2025", "--as-of", "2025-06-30"]
    result = CliRunner().invoke(cli, [*args, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = rows_by_label(workbook(out.read_bytes())["Stand van zaken"])
    assert (
        rows[t("kpi.use_cases_detected")][1].value
        == metrics.snapshot(db, YEAR, AS_OF)["use_cases_detected"]
    )


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_cli_snapshot_file_format_without_output_is_a_usage_error(
    db_path: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "snapshot", "--format", fmt])
    assert result.exit_code == 2
    assert "--output" in result.output
    assert not list(tmp_path.glob(f"*.{fmt}"))

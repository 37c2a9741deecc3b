"""The report pack of a frozen meeting: the PDF's text holds every figure and the moved use cases;
the Excel file reads back with the same figures, real date cells and no formula from user text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
import sqlite_utils
from openpyxl import load_workbook

from funnel import exports, meetings, services
from funnel.auth import Actor
from funnel.i18n import t
from tests.unit.test_exports import page_count, pdf_text

D = dt.date
#: user text that a spreadsheet could take for a formula
RISKY_TITLES = ("=1+1", "+31 6 1234", "-Koeling", "@Velsen")


@pytest.fixture
def pack(db: sqlite_utils.Database, leader: Actor) -> exports.Report:
    """Two meetings in 2025; between them one use case went into execution, one was realised and
    four with formula-like titles were detected."""
    tata = services.create_organisation(db, leader, "=Tata Steel", kind="company").id
    school = services.create_organisation(db, leader, "ROC Nova College", kind="education").id
    running = services.create_use_case(
        db, leader, "Restwarmte", D(2025, 1, 10), asset_owner_id=tata, fieldlab="Smart Energy"
    )
    services.move_use_case(db, leader, running, "intake", D(2025, 2, 1))
    done = services.create_use_case(db, leader, "Waterstof", D(2025, 1, 15), asset_owner_id=tata)
    services.move_use_case(db, leader, done, "definition", D(2025, 3, 1))
    services.freeze_snapshot(
        db, leader, "Stuurgroep april 2025", 2025, D(2025, 3, 31), D(2025, 4, 8)
    )
    for case in (running, done):
        services.link_involvement(
            db, leader, case, "education_partner", D(2025, 4, 2), organisation_id=school
        )
    services.move_use_case(db, leader, running, "execution", D(2025, 4, 15))
    services.update_use_case(db, leader, done, result_summary="Branders omgebouwd")
    services.move_use_case(db, leader, done, "realised", D(2025, 6, 2))
    for title in RISKY_TITLES:
        services.create_use_case(db, leader, title, D(2025, 5, 20), asset_owner_id=tata)
    june = services.freeze_snapshot(
        db, leader, "Stuurgroep juli 2025", 2025, D(2025, 6, 30), D(2025, 7, 8)
    )
    return exports.frozen_report(db, june)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_holds_every_figure_and_the_moved_use_cases(pack: exports.Report) -> None:
    data = exports.report_pdf(pack, compress=False, today=D(2025, 7, 8))
    text = flat(pdf_text(data))
    assert "Stuurgroep juli 2025" in text
    assert "Vergadering van 8 juli 2025" in text
    assert "Peildatum: 30 juni 2025" in text
    assert "Vergeleken met Stuurgroep april 2025 (peildatum 31 maart 2025)" in text
    for kpi in pack.kpis:
        pct = exports.fmt_percent(kpi.share, "nl") if kpi.target is not None else ""
        row = " ".join(
            part
            for part in (
                kpi.label,
                kpi.shown("nl"),
                kpi.target_shown("nl"),
                pct,
                kpi.delta_shown("nl"),
            )
            if part
        )
        assert row in text, row
        assert flat(kpi.rule) in text
    assert "Use cases gesignaleerd 6 10 60 % +4" in text
    for sentence in pack.moved_sentences():
        assert flat(sentence) in text, sentence
    assert "1 use case ging naar In uitvoering: ‘Restwarmte’." in text
    assert "1 use case is gerealiseerd: ‘Waterstof’." in text
    for title in RISKY_TITLES:
        assert title in text
    # the use cases per stage, and every chart with its description for screen readers
    assert "In uitvoering (1)" in text and "Gerealiseerd (1)" in text
    for alt in ("export.progress_alt", "export.chart_alt", "export.trend_alt", "export.stays_alt"):
        assert t(alt).encode("latin-1", "replace") in data or t(alt) in text
    assert len(re.findall(rb"/Subtype /Image", data)) == 4
    pages = page_count(data)
    assert f"Pagina {pages} van {pages}" in text


def test_the_excel_file_reads_back_with_the_same_figures_and_real_dates(
    pack: exports.Report,
) -> None:
    book = load_workbook(io.BytesIO(exports.report_xlsx(pack)))
    assert book.sheetnames == [
        "Stand van zaken", "Wat is veranderd", "Nieuwe organisaties", "Use cases",
        "Geteld per KPI", "Fieldlabs", "Kernpartners", "Analyse",
    ]  # fmt: skip
    sheet = book["Stand van zaken"]
    rows = {r[0].value: r for r in sheet.iter_rows() if isinstance(r[0].value, str)}
    assert sheet["B2"].is_date and sheet["B2"].value.date() == D(2025, 6, 30)
    assert rows["Vergeleken met"][1].value.date() == D(2025, 3, 31)
    assert rows["Vergeleken met"][2].value == "Stuurgroep april 2025"
    assert rows["Vergadering"][1].value == "Stuurgroep juli 2025"
    assert rows["Vergaderdatum"][1].is_date and rows["Vergaderdatum"][1].value.date() == D(
        2025, 7, 8
    )
    for kpi in pack.kpis:
        label, actual, target, share, delta = rows[kpi.label][:5]
        assert actual.value == kpi.actual, kpi.key
        if kpi.target is not None:
            assert target.value == (kpi.target / 100 if kpi.percent else kpi.target)
        if kpi.share is not None:
            assert share.value == pytest.approx(kpi.share)
        assert delta.value == kpi.delta, kpi.key
    for stage, count in pack.data["funnel"].items():
        assert rows[t(f"stage.{stage}")][1].value == count

    moved = [[c.value for c in r] for r in book["Wat is veranderd"].iter_rows(min_row=2)]
    assert ["Verder in de funnel", "Restwarmte", "Intake Green Incubator", "In uitvoering"] in moved
    assert ["Gerealiseerd", "Waterstof", "Projectdefinitie", "Gerealiseerd"] in moved
    assert len(moved) == 2 + len(RISKY_TITLES)

    cases = book["Use cases"]
    by_title = {r[0].value: r for r in cases.iter_rows(min_row=2)}
    since = by_title["Restwarmte"][3]
    assert since.is_date and since.value.date() == D(2025, 4, 15)
    assert by_title["Restwarmte"][4].value == (D(2025, 6, 30) - D(2025, 4, 15)).days

    counted = [[c.value for c in r] for r in book["Geteld per KPI"].iter_rows(min_row=2)]
    companies = [r for r in counted if r[0] == "Unieke bedrijven"]
    assert [r[4] for r in companies] == ["=Tata Steel"]
    assert len([r for r in counted if r[0] == "Use cases gesignaleerd"]) == 6
    labs = {r[0].value: r for r in book["Fieldlabs"].iter_rows(min_row=2)}
    assert labs["Smart Energy"][1].value == "ja" and labs["Smart Energy"][2].value == 1
    partners = {r[0].value: r for r in book["Kernpartners"].iter_rows(min_row=2)}
    assert partners["Restwarmte"][2].value == "ja"  # ROC Nova College
    assert partners["Restwarmte"][6].value == "nee"  # not all four


def test_no_user_text_becomes_a_formula_in_the_excel_file(pack: exports.Report) -> None:
    data = exports.report_xlsx(pack)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    book = load_workbook(io.BytesIO(data))
    found = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(exports.FORMULA_STARTS):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
                    found += 1
    assert found >= len(RISKY_TITLES) * 3  # in the moves, the use cases and counted per KPI


@pytest.mark.parametrize("value", ["=HYPERLINK(1)", "+1", "-1", "@SUM(1)", "\tx", "\rx"])
def test_a_text_cell_starting_like_a_formula_is_kept_as_text(value: str) -> None:
    wb = exports._Workbook("test")
    sheet = wb.sheet("Blad")
    wb.text(sheet, 1, 1, value)
    cell = load_workbook(io.BytesIO(wb.bytes())).active["A1"]
    # (XML reads a carriage return back as a line feed; Excel shows both as a line break)
    assert (cell.value.replace("\n", "\r"), cell.data_type, cell.quotePrefix) == (
        value,
        "s",
        True,
    )


def test_the_live_report_compares_with_a_frozen_snapshot(
    db: sqlite_utils.Database, pack: exports.Report
) -> None:
    latest = meetings.latest(db)
    assert latest is not None
    report = exports.build_report(db, 2025, D(2025, 12, 31), compare=latest)
    assert report.before is not None and report.before.label == "Stuurgroep juli 2025"
    assert not report.current.frozen and report.drift == []
    text = flat(pdf_text(exports.report_pdf(report, compress=False)))
    assert t("export.live") in text
    assert "Wat is er veranderd sinds Stuurgroep juli 2025" in text


def test_file_names_carry_the_meeting() -> None:
    assert exports.file_name(2025, D(2025, 6, 30), "pdf", "Stuurgroep juli 2025") == (
        "techport-funnel-2025-2025-06-30-stuurgroep-juli-2025.pdf"
    )

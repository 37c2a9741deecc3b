"""The report pack: a snapshot (frozen for a meeting, or live) as a PDF to read on paper and as
an Excel workbook with every list behind it.

Both are built from a :class:`Report`: a :class:`funnel.meetings.Capture`, what it is compared
with, what moved in between, and (for a frozen snapshot) how far the live figures drifted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from funnel import charts, meetings
from funnel.analytics import Analysis
from funnel.charts import chart_png, funnel_chart
from funnel.goals import CORE_EDUCATION_PARTNERS, FIELDLABS, KPIS, share_of_target
from funnel.i18n import fmt_date, fmt_number, fmt_percent, t
from funnel.meetings import Capture, CaseState, Comparison, Drift
from funnel.models import ALL_STAGES, Stage

__all__ = [
    "KPI_ROWS",
    "PDF_MIME",
    "XLSX_MIME",
    "Report",
    "build_report",
    "chart_png",
    "file_name",
    "frozen_report",
    "funnel_chart",
    "report_pdf",
    "report_xlsx",
    "snapshot_pdf",
    "snapshot_xlsx",
]

#: The figures in report order, each with the key of its yearly target (None: no target).
KPI_ROWS: tuple[tuple[str, str | None], ...] = tuple((k.key, k.target) for k in KPIS)

#: Debian's fonts-dejavu-core; without it the PDF falls back to Helvetica (latin-1 only).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
GREEN = charts.GREEN
PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A text cell starting with one of these could be taken for a formula: it is marked as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def file_name(year: int, as_of: dt.date, extension: str, label: str | None = None) -> str:
    """The download name: ``techport-funnel-2026-2026-11-28.pdf`` (a meeting's label added)."""
    name = f"techport-funnel-{year}-{as_of.isoformat()}"
    if label:
        slug = "".join(c if c.isalnum() else "-" for c in label.casefold()).strip("-")
        name += "-" + "-".join(part for part in slug.split("-") if part)
    return f"{name}.{extension}"


# --- the data both exports show ------------------------------------------------------------------


@dataclass(frozen=True)
class KpiRow:
    key: str
    label: str
    actual: float | None
    target: int | None
    share: float | None  # how far towards the target (1.0: reached); None without a target
    rule: str
    delta: float | None  # actual minus the value in the snapshot compared with
    percent: bool = False  # a share of projects (actual 0..1, target a percentage)
    lower_is_better: bool = False

    def shown(self, lang: str) -> str:
        if self.actual is None:
            return "–"
        return fmt_percent(self.actual, lang) if self.percent else fmt_number(self.actual, lang)

    def target_shown(self, lang: str) -> str:
        if self.target is None:
            return ""
        if self.percent:
            return fmt_percent(self.target / 100, lang)
        return fmt_number(self.target, lang)

    def delta_shown(self, lang: str) -> str:
        if self.delta is None:
            return "–"
        if self.percent:
            points = round(self.delta * 100)
            return t("export.points", lang, value=_signed(points)) if points else "0"
        return _signed(int(self.delta))


@dataclass(frozen=True)
class Report:
    current: Capture
    lang: str
    #: the snapshot the differences and "what moved" are measured against (None: no comparison)
    before: Capture | None = None
    comparison: Comparison | None = None
    #: a frozen snapshot's figures that the live data now gives differently (and why)
    drift: list[Drift] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.current.year

    @property
    def as_of(self) -> dt.date:
        return self.current.as_of

    @property
    def data(self) -> dict[str, Any]:
        return self.current.figures

    @property
    def compare(self) -> dt.date | None:
        return self.before.as_of if self.before else None

    @property
    def cases(self) -> list[CaseState]:
        return self.current.funnel()

    @property
    def analysis(self) -> Analysis | None:
        return self.current.analysis()

    @property
    def kpis(self) -> list[KpiRow]:
        result = []
        for kpi in KPIS:
            actual = self.data.get(kpi.key)
            target = self.data["targets"].get(kpi.target) if kpi.target else None
            delta = None
            if self.comparison is not None:
                change = self.comparison.change(kpi.key)
                delta = change.change if change else None
            result.append(
                KpiRow(
                    key=kpi.key,
                    label=t(f"kpi.{kpi.key}", self.lang),
                    actual=actual,
                    target=target,
                    share=share_of_target(kpi, actual, target),
                    rule=t(f"rule.{kpi.key}", self.lang),
                    delta=delta,
                    percent=kpi.percent,
                    lower_is_better=kpi.lower_is_better,
                )
            )
        return result

    @property
    def before_label(self) -> str:
        """What the comparison is with: the previous meeting's label, or a date."""
        if self.before is None:
            return ""
        if self.before.frozen and self.before.label:
            return self.before.label
        return fmt_date(self.before.as_of, self.lang)

    @property
    def since_label(self) -> str:
        return t("snap.since", self.lang, date=self.before_label)

    def moved_sentences(self) -> list[str]:
        return meetings.sentences(self.comparison, self.lang) if self.comparison else []

    def drift_sentences(self) -> list[str]:
        return meetings.drift_sentences(self.drift, self.lang)


def build_report(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None,
    lang: str = "nl",
    compare: dt.date | int | None = None,
    today: dt.date | None = None,
    analysis: Analysis | None = None,
) -> Report:
    """The live snapshot's report. ``compare``: a frozen snapshot's id, or a date in the same
    year before ``as_of`` (counted as the live snapshot on that date); anything else: none.
    ``analysis``: the year's analytics as of ``as_of``, when already counted."""
    today = today or dt.date.today()
    current = meetings.capture(db, year, as_of, today, analysis=analysis)
    before = None
    if isinstance(compare, int) and not isinstance(compare, bool):
        before = meetings.load(db, compare)
    elif isinstance(compare, dt.date) and dt.date(year, 1, 1) <= compare < current.as_of:
        before = meetings.capture(db, year, compare, today, with_analytics=False)
    comparison = meetings.compare(before, current) if before else None
    return Report(current, lang, before, comparison)


def frozen_report(
    db: sqlite_utils.Database,
    snapshot_id: int,
    lang: str = "nl",
    against: int | str | None = "previous",
    today: dt.date | None = None,
) -> Report:
    """A frozen snapshot's report, compared with the previous meeting (``against`` "previous",
    the default), another frozen snapshot (its id), or nothing (None)."""
    current = meetings.load(db, snapshot_id)
    if against == "previous":
        against = meetings.previous(db, snapshot_id)
    before = meetings.load(db, int(against)) if against is not None else None
    comparison = meetings.compare(before, current) if before else None
    return Report(current, lang, before, comparison, meetings.drift(db, current, today))


# --- Excel ---------------------------------------------------------------------------------------


def _sheet_text(value: Any) -> str:
    """User text for a cell: without the control characters Excel files cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


class _Workbook:
    """An openpyxl workbook in the house style, with cells that stay what they are: text as
    text (never a formula), dates as dates, numbers as numbers."""

    DATE = "DD-MM-YYYY"
    DELTA = "+0;-0;0"

    def __init__(self, title: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        self.book = Workbook()
        self.book.properties.title = title
        self.book.properties.creator = "Techport"
        self.bold = Font(bold=True)
        self.big = Font(bold=True, size=14)
        self.first = True

    def sheet(self, name: str) -> Any:
        if self.first:
            self.first = False
            ws = self.book.active
            ws.title = name
            return ws
        return self.book.create_sheet(name)

    def text(self, ws: Any, row: int, column: int, value: Any, bold: bool = False) -> None:
        """A text cell that stays text: "=..." (or +, -, @, tab, CR) typed by a user is never
        taken for a formula, also not when someone edits the cell in Excel later."""
        if value is None or value == "":
            return
        shown = _sheet_text(value)
        cell = ws.cell(row=row, column=column, value=shown)
        cell.data_type = "s"
        if shown.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        if bold:
            cell.font = self.bold

    def number(self, ws: Any, row: int, column: int, value: Any, number_format: str = "") -> None:
        if value is None:
            return
        cell = ws.cell(row=row, column=column, value=value)
        if number_format:
            cell.number_format = number_format

    def date(self, ws: Any, row: int, column: int, value: dt.date | None) -> None:
        self.number(ws, row, column, value, self.DATE)

    def header(self, ws: Any, row: int, labels: list[str]) -> None:
        for column, label in enumerate(labels, start=1):
            self.text(ws, row, column, label, bold=True)

    def widths(self, ws: Any, widths: list[int]) -> None:
        from openpyxl.utils import get_column_letter

        for column, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(column)].width = width

    def fit(self, ws: Any, caps: list[int]) -> None:
        """Column widths fitted to their text, between 12 and each column's cap."""
        from openpyxl.utils import get_column_letter

        for column, cap in enumerate(caps, start=1):
            letter = get_column_letter(column)
            longest = max((len(str(cell.value or "")) for cell in ws[letter]), default=0)
            ws.column_dimensions[letter].width = min(max(longest + 2, 12), cap)

    def table(self, ws: Any, rows: int, columns: int) -> None:
        from openpyxl.utils import get_column_letter

        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def report_xlsx(report: Report) -> bytes:
    """The report as a workbook: one sheet per list (figures, what moved, new organisations,
    use cases, who was counted for each figure, Fieldlabs, core partners, analytics)."""
    from openpyxl.styles import Alignment

    lang = report.lang
    current = report.current
    wb = _Workbook(t("export.title", lang, year=report.year))

    # the figures against the targets, and the funnel
    ws = wb.sheet(t("export.sheet_snapshot", lang))
    wb.text(ws, 1, 1, t("export.title", lang, year=report.year))
    ws.cell(row=1, column=1).font = wb.big
    wb.text(ws, 2, 1, t("snap.as_of", lang), bold=True)
    wb.date(ws, 2, 2, report.as_of)
    row = 3
    if report.before is not None:
        wb.text(ws, row, 1, t("export.compare_label", lang), bold=True)
        wb.date(ws, row, 2, report.before.as_of)
        if report.before.frozen:
            wb.text(ws, row, 3, report.before.label)
        row += 1
    if current.frozen:
        wb.text(ws, row, 1, t("export.meeting_label", lang), bold=True)
        wb.text(ws, row, 2, current.label)
        wb.text(ws, row + 1, 1, t("export.meeting_date", lang), bold=True)
        wb.date(ws, row + 1, 2, current.meeting_date)
        wb.text(ws, row + 2, 1, t("export.frozen_at", lang), bold=True)
        wb.text(ws, row + 2, 2, _frozen_line(current, lang))
        row += 3
    else:
        wb.text(ws, row, 1, t("export.live", lang))
        row += 1
    row += 1
    since = [report.since_label] if report.comparison else []
    wb.header(
        ws,
        row,
        [t("snap.col_kpi", lang), t("snap.col_actual", lang), t("snap.col_target", lang)]
        + [t("snap.col_pct", lang), *since, t("export.col_rule", lang)],
    )
    rule_column = 6 if since else 5
    for kpi in report.kpis:
        row += 1
        value_format = "0%" if kpi.percent else ""
        wb.text(ws, row, 1, kpi.label)
        wb.number(ws, row, 2, kpi.actual, value_format)
        if kpi.target is not None:
            wb.number(ws, row, 3, kpi.target / 100 if kpi.percent else kpi.target, value_format)
        wb.number(ws, row, 4, kpi.share, "0%")
        if since:
            wb.number(ws, row, 5, kpi.delta, "+0%;-0%;0%" if kpi.percent else wb.DELTA)
        wb.text(ws, row, rule_column, kpi.rule)
        ws.cell(row=row, column=rule_column).alignment = Alignment(wrap_text=True, vertical="top")
    row += 2
    wb.text(ws, row, 1, t("snap.funnel", lang), bold=True)
    row += 1
    wb.header(ws, row, [t("common.stage", lang), t("export.col_count", lang), *since])
    funnel_change = {c.key: c.change for c in report.comparison.funnel} if report.comparison else {}
    for stage in ALL_STAGES:
        row += 1
        wb.text(ws, row, 1, t(f"stage.{stage.value}", lang))
        wb.number(ws, row, 2, report.data["funnel"][stage.value])
        if since:
            wb.number(ws, row, 3, funnel_change.get(stage.value), wb.DELTA)
    if report.drift:
        row += 2
        wb.text(ws, row, 1, t("export.drift_heading", lang), bold=True)
        for line in report.drift_sentences():
            row += 1
            wb.text(ws, row, 1, line)
    wb.widths(ws, [44, 16, 12, 12] + ([22] if since else []) + [90])

    # what moved since the snapshot compared with
    moved = wb.sheet(t("export.sheet_moved", lang))
    wb.header(
        moved,
        1,
        [
            t("export.col_what", lang),
            t("snap.col_title", lang),
            t("export.col_from", lang),
            t("export.col_to", lang),
        ],
    )
    moves = report.comparison.moves if report.comparison else []
    for row, move in enumerate(moves, start=2):
        wb.text(moved, row, 1, t(f"move.kind.{move.kind}", lang))
        wb.text(moved, row, 2, move.title)
        wb.text(moved, row, 3, t(f"stage.{move.from_stage.value}", lang) if move.from_stage else "")
        wb.text(moved, row, 4, t(f"stage.{move.to_stage.value}", lang) if move.to_stage else "")
    if report.comparison is None:
        wb.text(moved, 2, 1, t("export.no_compare", lang))
    wb.fit(moved, [24, 70, 26, 26])
    wb.table(moved, len(moves), 4)

    new_orgs = wb.sheet(t("export.sheet_new_orgs", lang))
    wb.header(
        new_orgs, 1, [t("common.name", lang), t("common.kind", lang), t("export.col_id", lang)]
    )
    found = report.comparison.new_organisations if report.comparison else []
    for row, org in enumerate(found, start=2):
        wb.text(new_orgs, row, 1, org.name)
        wb.text(new_orgs, row, 2, t(f"kind.{org.kind}", lang) if org.kind else "")
        wb.number(new_orgs, row, 3, org.id)
    wb.fit(new_orgs, [60, 28, 12])
    wb.table(new_orgs, len(found), 3)

    # the use cases of the funnel
    cases = wb.sheet(t("export.sheet_cases", lang))
    wb.header(
        cases,
        1,
        [
            t("snap.col_title", lang),
            t("snap.col_asset_owner", lang),
            t("common.stage", lang),
            t("snap.col_since", lang),
            t("snap.col_age", lang),
            t("common.theme", lang),
            t("common.fieldlab", lang),
        ],
    )
    for row, case in enumerate(report.cases, start=2):
        wb.text(cases, row, 1, case.title)
        wb.text(cases, row, 2, case.asset_owner_name)
        wb.text(cases, row, 3, t(f"stage.{case.stage.value}", lang))
        wb.date(cases, row, 4, case.stage_since)
        wb.number(cases, row, 5, case.days_in_stage(report.as_of))
        wb.text(cases, row, 6, case.theme)
        wb.text(cases, row, 7, case.fieldlab)
    wb.fit(cases, [70, 40, 26, 14, 14, 24, 24])
    wb.table(cases, len(report.cases), 7)

    # who was counted for each figure (persons by number only)
    counted = wb.sheet(t("export.sheet_counted", lang))
    wb.header(
        counted,
        1,
        [
            t("snap.col_kpi", lang),
            t("common.fieldlab", lang),
            t("export.col_entity", lang),
            t("export.col_id", lang),
            t("common.name", lang),
            t("common.kind", lang),
        ],
    )
    row = 1
    for (kpi_key, fieldlab), members in sorted(current.counted.items(), key=_counted_order):
        for member in members.values():
            row += 1
            name = member.name
            if member.entity == "use_case":
                counted_case = current.cases.get(member.id)
                name = counted_case.title if counted_case else None
            wb.text(counted, row, 1, t(f"kpi.{kpi_key}", lang))
            wb.text(counted, row, 2, fieldlab)
            wb.text(counted, row, 3, t(f"counted.{member.entity}", lang))
            wb.number(counted, row, 4, member.id)
            wb.text(counted, row, 5, name)
            wb.text(counted, row, 6, t(f"kind.{member.kind}", lang) if member.kind else "")
    wb.fit(counted, [44, 22, 16, 12, 60, 26])
    wb.table(counted, row - 1, 6)
    wb.text(counted, row + 2, 1, t("export.persons_by_number", lang))

    # the Fieldlabs and the core partners per project
    labs = wb.sheet(t("export.sheet_fieldlabs", lang))
    wb.header(
        labs,
        1,
        [
            t("common.fieldlab", lang),
            t("export.col_coordinated", lang),
            t("export.col_companies", lang),
            t("export.col_education", lang),
        ],
    )
    for row, name in enumerate(FIELDLABS, start=2):
        lab = report.data["fieldlabs"][name]
        wb.text(labs, row, 1, name)
        wb.text(labs, row, 2, t("export.yes" if lab["coordinated"] else "export.no", lang))
        wb.number(labs, row, 3, lab["companies"])
        wb.number(labs, row, 4, lab["education_institutions"])
    wb.fit(labs, [28, 16, 16, 36])

    partners = wb.sheet(t("export.sheet_partners", lang))
    wb.header(
        partners,
        1,
        [
            t("snap.col_title", lang),
            t("common.stage", lang),
            *CORE_EDUCATION_PARTNERS,
            t("export.col_all_four", lang),
            t("export.col_levels", lang),
            t("export.col_sectors", lang),
        ],
    )
    projects = current.projects()
    for row, case in enumerate(projects, start=2):
        wb.text(partners, row, 1, case.title)
        wb.text(partners, row, 2, t(f"stage.{case.stage.value}", lang))
        involved = case.core_partners or ()
        for column, name in enumerate(CORE_EDUCATION_PARTNERS, start=3):
            wb.text(
                partners, row, column, t("export.yes" if name in involved else "export.no", lang)
            )
        column = 3 + len(CORE_EDUCATION_PARTNERS)
        all_four = len(involved) == len(CORE_EDUCATION_PARTNERS)
        wb.text(partners, row, column, t("export.yes" if all_four else "export.no", lang))
        wb.text(partners, row, column + 1, ", ".join(case.levels or ()))
        sectors = [t(f"sector.{s}", lang) for s in case.sectors or ()]
        wb.text(partners, row, column + 2, ", ".join(sectors))
    wb.fit(partners, [60, 20, 18, 18, 20, 24, 12, 16, 44])
    wb.table(partners, len(projects), 5 + len(CORE_EDUCATION_PARTNERS))

    _analysis_sheet(wb, report)
    return wb.bytes()


def _counted_order(item: tuple[tuple[str, str], Any]) -> tuple[int, str]:
    (kpi_key, fieldlab), _ = item
    order = [k.key for k in KPIS]
    position = order.index(kpi_key) if kpi_key in order else len(order)
    return position, fieldlab


def _analysis_sheet(wb: _Workbook, report: Report) -> None:
    lang = report.lang
    analysis = report.analysis
    ws = wb.sheet(t("export.sheet_analysis", lang))
    if analysis is None:
        return
    wb.text(ws, 1, 1, t("export.conversion_heading", lang), bold=True)
    wb.header(
        ws,
        2,
        [
            t("common.stage", lang),
            t("export.col_reached", lang),
            t("export.col_to_next", lang),
            t("export.col_to_realised", lang),
        ],
    )
    row = 2
    for item in analysis.conversion:
        row += 1
        wb.text(ws, row, 1, t(f"stage.{item.stage.value}", lang))
        wb.number(ws, row, 2, item.reached)
        wb.number(ws, row, 3, item.to_next, "0%")
        wb.number(ws, row, 4, item.to_realised, "0%")
    row += 2
    wb.text(ws, row, 1, t("export.stays_heading", lang), bold=True)
    row += 1
    wb.header(
        ws,
        row,
        [
            t("common.stage", lang),
            t("export.col_stays", lang),
            t("export.col_median", lang),
            t("export.col_p90", lang),
        ],
    )
    for stay in analysis.stage_times:
        row += 1
        wb.text(ws, row, 1, t(f"stage.{stay.stage.value}", lang))
        wb.number(ws, row, 2, stay.stays)
        wb.number(ws, row, 3, stay.median, "0")
        wb.number(ws, row, 4, stay.p90, "0")
    row += 2
    wb.text(ws, row, 1, t("export.stuck_heading", lang, days=analysis.stuck_days), bold=True)
    row += 1
    wb.header(
        ws,
        row,
        [
            t("snap.col_title", lang),
            t("common.stage", lang),
            t("snap.col_since", lang),
            t("snap.col_age", lang),
        ],
    )
    for stuck in analysis.stuck:
        row += 1
        wb.text(ws, row, 1, stuck.title)
        wb.text(ws, row, 2, t(f"stage.{stuck.stage.value}", lang))
        wb.date(ws, row, 3, stuck.since)
        wb.number(ws, row, 4, stuck.days)
    wb.widths(ws, [60, 20, 20, 20])


def snapshot_xlsx(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None,
    lang: str = "nl",
    compare: dt.date | int | None = None,
) -> bytes:
    """The live snapshot as an Excel workbook (see :func:`report_xlsx`)."""
    return report_xlsx(build_report(db, year, as_of, lang, compare))


# --- PDF -----------------------------------------------------------------------------------------

#: What Helvetica (latin-1) shows instead of the characters it lacks.
_LATIN1_SUBSTITUTES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "−": "-",
        "€": "EUR",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "✓": "x",
        "•": "-",
    }
)


def _latin1(text: str) -> str:
    return text.translate(_LATIN1_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1")


def _signed(value: int) -> str:
    return f"{value:+d}".replace("-", "−") if value else "0"


def _frozen_line(found: Capture, lang: str) -> str:
    """ "Vastgelegd op 2 november 2026 door Sanne de Vries" (without "door" from the CLI)."""
    frozen_on = dt.date.fromisoformat((found.frozen_at or "")[:10]) if found.frozen_at else None
    date = fmt_date(frozen_on, lang, long=True)
    if not found.frozen_by:
        return t("export.frozen_on", lang, date=date)
    return t("export.frozen_by", lang, date=date, user=found.frozen_by)


class _Pdf:
    """An A4 portrait document with DejaVu embedded (Helvetica without it) and a page footer."""

    def __init__(self, footer: str, lang: str, font_dir: Path | None) -> None:
        from fpdf import FPDF

        outer = self

        class Document(FPDF):
            def footer(self) -> None:
                self.set_y(-12)
                outer.font(8, color=110)
                self.cell(0, 5, outer.text(footer), align="L")
                self.set_x(self.l_margin)
                page = t("export.page", lang, page=self.page_no(), pages="{nb}")
                self.cell(0, 5, outer.text(page), align="R")

        self.doc = Document(orientation="P", unit="mm", format="A4")
        self.doc.set_margins(15, 15, 15)
        self.doc.set_auto_page_break(True, margin=18)
        regular = font_dir / "DejaVuSans.ttf" if font_dir else None
        bold = font_dir / "DejaVuSans-Bold.ttf" if font_dir else None
        self.unicode = bool(regular and bold and regular.is_file() and bold.is_file())
        if self.unicode:
            self.doc.add_font("DejaVu", "", str(regular))
            self.doc.add_font("DejaVu", "B", str(bold))
        self.family = "DejaVu" if self.unicode else "Helvetica"

    def text(self, value: Any) -> str:
        value = "" if value is None else str(value)
        return value if self.unicode else _latin1(value)

    def font(self, size: float, bold: bool = False, color: int | str = 0) -> None:
        self.doc.set_font(self.family, "B" if bold else "", size)
        self.doc.set_text_color(color)

    def paragraph(self, value: str, size: float, bold: bool = False, color: int | str = 0) -> None:
        self.font(size, bold, color)
        self.doc.multi_cell(
            0, size * 0.5, self.text(value), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    def bullet(self, value: str, size: float = 9.5) -> None:
        """A line of a list, its wrapped lines indented under the text."""
        self.font(size)
        doc = self.doc
        doc.set_x(doc.l_margin + 2)
        doc.cell(4, size * 0.5, self.text("•"))
        doc.multi_cell(
            doc.epw - 6, size * 0.5, self.text(value), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        doc.ln(0.8)

    @contextlib.contextmanager
    def table(
        self,
        labels: list[str],
        widths: tuple[float, ...],
        align: tuple[str, ...],
        line_height: float,
        padding: tuple[float, float],
    ) -> Iterator[Any]:
        """A table in the house style whose first row holds ``labels``; yields the fpdf2 table."""
        from fpdf.fonts import FontFace

        with self.doc.table(
            col_widths=widths,
            text_align=align,
            headings_style=FontFace(emphasis="BOLD", fill_color=(226, 239, 233)),
            line_height=line_height,
            padding=padding,
            borders_layout="HORIZONTAL_LINES",
            v_align="TOP",
        ) as table:
            row = table.row()
            for label in labels:
                row.cell(self.text(label))
            yield table

    def heading(self, value: str, keep: float = 40) -> None:
        """A section heading, on the next page unless ``keep`` mm of what follows fit below it."""
        if self.doc.will_page_break(keep):
            self.doc.add_page()
        self.doc.ln(4)
        self.paragraph(value, 12, bold=True, color=GREEN)
        self.doc.ln(1)

    def image(self, png: bytes, width: float, alt_text: str) -> None:
        doc = self.doc
        doc.image(
            io.BytesIO(png),
            x=doc.l_margin + (doc.epw - width) / 2,
            w=width,
            alt_text=self.text(alt_text),
        )


def report_pdf(
    report: Report,
    *,
    compress: bool = True,
    font_dir: Path | None = FONT_DIR,
    today: dt.date | None = None,
) -> bytes:
    """The report as an A4 document to read on paper: a cover with the meeting and its dates,
    the figures against the targets with their counting rules, what moved since the previous
    meeting, the charts, the Fieldlabs and core partners, and the use cases per stage.

    ``compress=False`` leaves the page content readable (for tests); ``font_dir`` without the
    DejaVu fonts gives Helvetica, with the text reduced to latin-1.
    """
    from fpdf.fonts import FontFace

    lang = report.lang
    current = report.current
    today = today or dt.date.today()
    title = t("export.title", lang, year=report.year)
    pdf = _Pdf(t("export.footer", lang, date=fmt_date(today, lang, long=True)), lang, font_dir)
    doc = pdf.doc
    doc.set_compression(compress)
    doc.set_title(pdf.text(current.label or title))
    doc.set_author("Techport")
    doc.set_lang("nl-NL" if lang == "nl" else "en-GB")
    kpis = report.kpis
    rule_style = FontFace(size_pt=6.5, color=90)

    # the cover
    doc.add_page()
    doc.ln(18)
    pdf.paragraph(t("export.cover_kicker", lang), 10, bold=True, color=110)
    doc.ln(2)
    pdf.paragraph(title, 22, bold=True, color=GREEN)
    doc.ln(2)
    if current.frozen:
        pdf.paragraph(current.label or "", 16, bold=True)
        doc.ln(2)
        pdf.paragraph(
            t("export.meeting", lang, date=fmt_date(current.meeting_date, lang, long=True)),
            11,
        )
    else:
        pdf.paragraph(t("export.live", lang), 13, bold=True)
    doc.ln(1)
    pdf.paragraph(t("export.as_of", lang, date=fmt_date(report.as_of, lang, long=True)), 11)
    if report.before is not None:
        if report.before.frozen:
            compared = t(
                "export.compared_with_meeting",
                lang,
                label=report.before.label,
                date=fmt_date(report.before.as_of, lang, long=True),
            )
        else:
            compared = t(
                "export.compared_with", lang, date=fmt_date(report.before.as_of, lang, long=True)
            )
        pdf.paragraph(compared, 11)
    if current.frozen:
        doc.ln(1)
        pdf.paragraph(_frozen_line(current, lang), 9, color=90)
    doc.ln(8)
    pdf.paragraph(t("export.progress_heading", lang), 12, bold=True, color=GREEN)
    doc.ln(2)
    pdf.image(
        charts.png(charts.progress_chart(report.data, lang), 430),
        175,
        t("export.progress_alt", lang),
    )
    doc.ln(4)
    if report.drift:
        pdf.paragraph(t("export.drift_heading", lang), 10, bold=True)
        pdf.paragraph(
            t("export.drift_intro", lang, date=_frozen_line(current, lang)), 8.5, color=60
        )
        doc.ln(1)
        for line in report.drift_sentences():
            pdf.bullet(line, 8.5)

    # the figures against the targets, with their counting rules
    doc.add_page()
    pdf.heading(t("export.kpis_heading", lang))
    since = [t("export.col_change", lang)] if report.comparison else []
    if since:
        pdf.paragraph(t("export.change_note", lang, since=report.since_label), 8, color=90)
        doc.ln(1)
    pdf.font(8)
    with pdf.table(
        [
            t("snap.col_kpi", lang),
            t("snap.col_actual", lang),
            t("snap.col_target", lang),
            t("snap.col_pct", lang),
            *since,
            t("export.col_rule", lang),
        ],
        widths=(48, 14, 14, 15, *([19] if since else []), 70 if since else 89),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", *(["RIGHT"] if since else []), "LEFT"),
        line_height=3.5,
        padding=(1, 1.2),
    ) as table:
        for kpi in kpis:
            row = table.row()
            row.cell(pdf.text(kpi.label))
            row.cell(pdf.text(kpi.shown(lang)))
            row.cell(pdf.text(kpi.target_shown(lang)))
            row.cell(pdf.text(fmt_percent(kpi.share, lang) if kpi.target is not None else ""))
            if since:
                row.cell(pdf.text(kpi.delta_shown(lang)))
            row.cell(pdf.text(kpi.rule), style=rule_style)

    # what moved
    if report.comparison is not None:
        pdf.heading(t("export.moved_heading", lang, label=report.before_label), keep=50)
        for line in report.moved_sentences():
            pdf.bullet(line)
        moves = report.comparison.moves
        if moves:
            doc.ln(2)
            pdf.font(7.5)
            with pdf.table(
                [
                    t("export.col_what", lang),
                    t("snap.col_title", lang),
                    t("export.col_from", lang),
                    t("export.col_to", lang),
                ],
                widths=(30, 86, 32, 32),
                align=("LEFT", "LEFT", "LEFT", "LEFT"),
                line_height=3.6,
                padding=(1, 1.2),
            ) as table:
                for move in moves:
                    row = table.row()
                    row.cell(pdf.text(t(f"move.kind.{move.kind}", lang)))
                    row.cell(pdf.text(move.title))
                    row.cell(
                        pdf.text(
                            t(f"stage.{move.from_stage.value}", lang) if move.from_stage else "–"
                        )
                    )
                    row.cell(
                        pdf.text(t(f"stage.{move.to_stage.value}", lang) if move.to_stage else "–")
                    )

    # the charts
    pdf.heading(t("snap.funnel_heading", lang), keep=90)
    pdf.paragraph(t("snap.funnel_rule", lang), 8, color=90)
    doc.ln(2)
    pdf.image(chart_png(report.data, lang), 150, t("export.chart_alt", lang))

    trend = current.trend()
    if trend:
        pdf.heading(t("export.trend_heading", lang, year=trend[0]["year"]), keep=110)
        pdf.paragraph(t("export.trend_rule", lang), 8, color=90)
        doc.ln(2)
        pdf.image(
            charts.png(charts.trend_chart(trend, lang), None), 180, t("export.trend_alt", lang)
        )

    analysis = report.analysis
    if analysis is not None:
        pdf.heading(t("export.stays_heading", lang), keep=100)
        pdf.paragraph(t("export.stays_rule", lang), 8, color=90)
        doc.ln(2)
        pdf.image(
            charts.png(charts.stay_chart(analysis.stage_times, lang), 470),
            165,
            t("export.stays_alt", lang),
        )
        doc.ln(2)
        pdf.font(7.5)
        with pdf.table(
            [
                t("common.stage", lang),
                t("export.col_reached", lang),
                t("export.col_to_next", lang),
                t("export.col_to_realised", lang),
                t("export.col_stays", lang),
                t("export.col_median", lang),
                t("export.col_p90", lang),
            ],
            widths=(40, 20, 24, 24, 24, 24, 24),
            align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            line_height=3.6,
            padding=(1, 1.2),
        ) as table:
            times = {s.stage: s for s in analysis.stage_times}
            for item in analysis.conversion:
                stay = times.get(item.stage)
                row = table.row()
                row.cell(pdf.text(t(f"stage.{item.stage.value}", lang)))
                row.cell(fmt_number(item.reached, lang))
                row.cell(
                    pdf.text(fmt_percent(item.to_next, lang) if item.to_next is not None else "")
                )
                row.cell(
                    pdf.text(
                        fmt_percent(item.to_realised, lang) if item.to_realised is not None else ""
                    )
                )
                row.cell(fmt_number(stay.stays, lang) if stay else "")
                row.cell(pdf.text(_days(stay.median if stay else None, lang)))
                row.cell(pdf.text(_days(stay.p90 if stay else None, lang)))
            parked = times.get(Stage.ON_HOLD)
            if parked is not None:
                row = table.row()
                row.cell(pdf.text(t(f"stage.{Stage.ON_HOLD.value}", lang)))
                row.cell("")
                row.cell("")
                row.cell("")
                row.cell(fmt_number(parked.stays, lang))
                row.cell(pdf.text(_days(parked.median, lang)))
                row.cell(pdf.text(_days(parked.p90, lang)))
        if analysis.stuck:
            pdf.heading(t("export.stuck_heading", lang, days=analysis.stuck_days), keep=30)
            pdf.font(7.5)
            with pdf.table(
                [
                    t("snap.col_title", lang),
                    t("common.stage", lang),
                    t("snap.col_since", lang),
                    t("snap.col_age", lang),
                ],
                widths=(100, 36, 24, 20),
                align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
                line_height=3.6,
                padding=(1, 1.2),
            ) as table:
                for stuck in analysis.stuck:
                    row = table.row()
                    row.cell(pdf.text(stuck.title))
                    row.cell(pdf.text(t(f"stage.{stuck.stage.value}", lang)))
                    row.cell(pdf.text(fmt_date(stuck.since, lang)))
                    row.cell(fmt_number(stuck.days, lang))

    # the Fieldlabs and the core education partners
    pdf.heading(t("export.fieldlabs_heading", lang), keep=50)
    pdf.font(8)
    with pdf.table(
        [
            t("common.fieldlab", lang),
            t("export.col_coordinated", lang),
            t("export.col_companies", lang),
            t("export.col_education", lang),
        ],
        widths=(60, 30, 30, 60),
        align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
        line_height=4,
        padding=(1, 1.2),
    ) as table:
        for name in FIELDLABS:
            lab = report.data["fieldlabs"][name]
            row = table.row()
            row.cell(pdf.text(name))
            row.cell(pdf.text(t("export.yes" if lab["coordinated"] else "export.no", lang)))
            row.cell(fmt_number(lab["companies"], lang))
            row.cell(fmt_number(lab["education_institutions"], lang))
    projects = current.projects()
    pdf.heading(t("export.partners_heading", lang), keep=40)
    if not projects:
        pdf.paragraph(t("export.no_projects", lang), 9)
    else:
        pdf.font(7)
        short = [t(f"export.partner_short.{i}", lang) for i in range(len(CORE_EDUCATION_PARTNERS))]
        with pdf.table(
            [
                t("snap.col_title", lang),
                *short,
                t("export.col_levels", lang),
                t("export.col_sectors", lang),
            ],
            widths=(60, 12, 12, 12, 12, 28, 44),
            align=("LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "LEFT", "LEFT"),
            line_height=3.5,
            padding=(1, 1.2),
        ) as table:
            for case in projects:
                involved = case.core_partners or ()
                row = table.row()
                row.cell(pdf.text(case.title))
                for name in CORE_EDUCATION_PARTNERS:
                    row.cell(pdf.text("✓" if name in involved else "–"))
                row.cell(pdf.text(", ".join(case.levels or ())))
                row.cell(pdf.text(", ".join(t(f"sector.{s}", lang) for s in case.sectors or ())))
        pdf.paragraph(
            t(
                "export.partner_legend",
                lang,
                names=", ".join(
                    f"{t(f'export.partner_short.{i}', lang)} = {name}"
                    for i, name in enumerate(CORE_EDUCATION_PARTNERS)
                ),
            ),
            7,
            color=90,
        )

    # the use cases, per stage
    pdf.heading(t("snap.cases_heading", lang), keep=40 if report.cases else 15)
    if not report.cases:
        pdf.paragraph(t("snap.no_cases", lang), 9)
    for stage in ALL_STAGES:
        in_stage = [c for c in report.cases if c.stage == stage]
        if not in_stage:
            continue
        if doc.will_page_break(22):
            doc.add_page()
        doc.ln(2)
        pdf.paragraph(
            t(
                "export.stage_count",
                lang,
                stage=t(f"stage.{stage.value}", lang),
                count=len(in_stage),
            ),
            9.5,
            bold=True,
        )
        doc.ln(1)
        pdf.font(7.5)
        with pdf.table(
            [
                t("snap.col_title", lang),
                t("snap.col_asset_owner", lang),
                t("snap.col_since", lang),
                t("snap.col_age", lang),
                t("common.theme", lang),
                t("common.fieldlab", lang),
            ],
            widths=(62, 36, 19, 13, 25, 25),
            align=("LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT"),
            line_height=3.6,
            padding=(1, 1.2),
        ) as table:
            for case in in_stage:
                row = table.row()
                row.cell(pdf.text(case.title))
                row.cell(pdf.text(case.asset_owner_name or ""))
                row.cell(pdf.text(fmt_date(case.stage_since, lang)))
                row.cell(str(case.days_in_stage(report.as_of)))
                row.cell(pdf.text(case.theme or ""))
                row.cell(pdf.text(case.fieldlab or ""))
    return bytes(doc.output())


def _days(value: float | None, lang: str) -> str:
    return fmt_number(round(value), lang) if value is not None else "–"


def snapshot_pdf(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None,
    lang: str = "nl",
    compare: dt.date | int | None = None,
    *,
    compress: bool = True,
    font_dir: Path | None = FONT_DIR,
    today: dt.date | None = None,
) -> bytes:
    """The live snapshot as an A4 report (see :func:`report_pdf`)."""
    report = build_report(db, year, as_of, lang, compare)
    return report_pdf(report, compress=compress, font_dir=font_dir, today=today)

"""The funnel snapshot as Excel and PDF bytes, and the funnel chart the page and the PDF share."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from funnel import metrics, queries, stages
from funnel.i18n import fmt_date, fmt_percent, t
from funnel.models import ALL_STAGES, FUNNEL_ORDER

if TYPE_CHECKING:
    import altair as alt

#: The KPIs in report order, each with the key of its yearly target (None: no target).
KPI_ROWS: tuple[tuple[str, str | None], ...] = (
    ("use_cases_detected", "use_cases_detected"),
    ("intakes", None),
    ("projects_started", None),
    ("projects_realised", "projects_realised"),
    ("use_cases_dropped", None),
    ("unique_companies", "unique_companies"),
    ("unique_persons", "unique_persons"),
    ("unique_education_institutions", None),
    ("unclassified_organisations", None),
)

#: Debian's fonts-dejavu-core; without it the PDF falls back to Helvetica (latin-1 only).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
GREEN = "#0B6E4F"
GREY = "#A7A9AC"
PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(year: int, as_of: dt.date, extension: str) -> str:
    """The download name: ``techport-funnel-2026-2026-11-28.pdf``."""
    return f"techport-funnel-{year}-{as_of.isoformat()}.{extension}"


# --- the data both exports show ------------------------------------------------------------------


@dataclass(frozen=True)
class KpiRow:
    key: str
    label: str
    actual: int
    target: int | None
    share: float | None  # actual / target; None without a (non-zero) target
    rule: str
    delta: int | None  # actual minus the value on the compare date


@dataclass(frozen=True)
class Report:
    year: int
    as_of: dt.date
    lang: str
    data: dict[str, Any]  # metrics.snapshot on as_of
    before: dict[str, Any] | None  # metrics.snapshot on compare
    compare: dt.date | None
    cases: list[dict[str, Any]]

    @property
    def kpis(self) -> list[KpiRow]:
        result = []
        for key, target_key in KPI_ROWS:
            actual = self.data[key]
            target = self.data["targets"].get(target_key) if target_key else None
            result.append(
                KpiRow(
                    key=key,
                    label=t(f"kpi.{key}", self.lang),
                    actual=actual,
                    target=target,
                    share=actual / target if target else None,
                    rule=t(f"rule.{key}", self.lang),
                    delta=actual - self.before[key] if self.before else None,
                )
            )
        return result

    @property
    def since_label(self) -> str:
        return t("snap.since", self.lang, date=fmt_date(self.compare, self.lang))


def use_case_rows(db: sqlite_utils.Database, year: int, as_of: dt.date) -> list[dict[str, Any]]:
    """The use cases in the year's funnel, in funnel order, longest in their stage first.

    Stage, "in stage since" and "days in stage" are as of ``as_of`` (at most 31 December), the
    date the funnel counts use, so the table and the funnel chart agree.
    """
    last = min(as_of, dt.date(year, 12, 31))
    in_funnel = metrics.funnel_cases(db, year, last)
    cases = [c for c in queries.list_use_cases(db, today=last) if c["id"] in in_funnel]
    return sorted(cases, key=lambda c: (stages.sort_key(c["stage"]), -(c["days_in_stage"] or 0)))


def build_report(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None,
    lang: str = "nl",
    compare: dt.date | None = None,
) -> Report:
    """Everything an export shows; ``compare`` counts only from 1 January to before ``as_of``."""
    as_of = as_of or metrics.default_as_of(year)
    if compare is not None and not dt.date(year, 1, 1) <= compare < as_of:
        compare = None
    return Report(
        year=year,
        as_of=as_of,
        lang=lang,
        data=metrics.snapshot(db, year, as_of),
        before=metrics.snapshot(db, year, compare) if compare else None,
        compare=compare,
        cases=use_case_rows(db, year, as_of),
    )


# --- the funnel chart ----------------------------------------------------------------------------


def funnel_chart(snapshot: dict[str, Any], lang: str = "nl") -> alt.LayerChart:
    """Use cases per stage on the as-of date: funnel stages green, side states grey.

    The counts are inline ``data.values`` (no dataframe), so vl-convert renders exactly what the
    page shows; Streamlit moves them out of the spec into the element's Arrow data.
    """
    import altair as alt

    funnel_group, side_group = t("snap.funnel_stage", lang), t("snap.side_state", lang)
    values = [
        {
            "stage": t(f"stage.{stage.value}", lang),
            "count": snapshot["funnel"][stage.value],
            "group": funnel_group if stage in FUNNEL_ORDER else side_group,
        }
        for stage in ALL_STAGES
    ]
    # whole-number ticks, at least 0 to 5 (an empty funnel still gets a readable axis)
    top = max(5, *(v["count"] for v in values))
    step = math.ceil(top / 8)
    ticks = list(range(0, math.ceil(top / step) * step + 1, step))
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(cornerRadiusEnd=4)
        .encode(
            y=alt.Y(
                "stage:N",
                sort=[v["stage"] for v in values],
                title=None,
                axis=alt.Axis(labelLimit=240),
            ),
            x=alt.X(
                "count:Q",
                title=t("snap.use_cases_axis", lang),
                axis=alt.Axis(values=ticks, format="d"),
                scale=alt.Scale(domain=[0, ticks[-1]]),
            ),
            color=alt.Color(
                "group:N",
                scale=alt.Scale(domain=[funnel_group, side_group], range=[GREEN, GREY]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("stage:N", title=t("common.stage", lang)),
                alt.Tooltip("count:Q", title="#"),
            ],
        )
    )
    labels = bars.mark_text(align="left", dx=4).encode(text="count:Q")
    return (bars + labels).properties(height=alt.Step(34))


def chart_png(snapshot: dict[str, Any], lang: str = "nl", width: int = 520) -> bytes:
    """The funnel chart as a PNG, rendered offline (vl-convert), at twice the pixel density."""
    import vl_convert

    chart = (
        funnel_chart(snapshot, lang)
        .properties(width=width)
        .configure(font="DejaVu Sans")
        .configure_axis(labelFontSize=12, titleFontSize=12)
        .configure_legend(labelFontSize=12)
        .configure_text(fontSize=12)
    )
    return vl_convert.vegalite_to_png(chart.to_dict(), scale=2)


# --- Excel ---------------------------------------------------------------------------------------


def _sheet_text(value: Any) -> str:
    """User text for a cell: without the control characters Excel files cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def snapshot_xlsx(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None,
    lang: str = "nl",
    compare: dt.date | None = None,
) -> bytes:
    """The snapshot as an Excel workbook: the KPIs and the funnel, and the use cases."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    report = build_report(db, year, as_of, lang, compare)
    bold = Font(bold=True)
    date_format = "DD-MM-YYYY"
    delta_format = "+0;-0;0"

    def text(ws: Worksheet, row: int, column: int, value: Any, font: Font | None = None) -> None:
        """A text cell that stays text: "=..." typed by a user never becomes a formula."""
        if value is None or value == "":
            return
        cell = ws.cell(row=row, column=column, value=_sheet_text(value))
        cell.data_type = "s"
        if font is not None:
            cell.font = font

    def header(ws: Worksheet, row: int, labels: list[str]) -> None:
        for column, label in enumerate(labels, start=1):
            text(ws, row, column, label, bold)

    wb = Workbook()
    wb.properties.title = t("export.title", lang, year=year)
    wb.properties.creator = "Techport"
    ws = wb.active
    assert ws is not None
    ws.title = t("export.sheet_snapshot", lang)
    text(ws, 1, 1, t("export.title", lang, year=year), Font(bold=True, size=14))
    text(ws, 2, 1, t("snap.as_of", lang), bold)
    ws.cell(row=2, column=2, value=report.as_of).number_format = date_format
    if report.compare:
        text(ws, 3, 1, t("export.compare_label", lang), bold)
        ws.cell(row=3, column=2, value=report.compare).number_format = date_format

    row = 5
    since = [report.since_label] if report.compare else []
    header(
        ws,
        row,
        [t("snap.col_kpi", lang), t("snap.col_actual", lang), t("snap.col_target", lang)]
        + [t("snap.col_pct", lang), *since, t("export.col_rule", lang)],
    )
    rule_column = 6 if report.compare else 5
    for kpi in report.kpis:
        row += 1
        text(ws, row, 1, kpi.label)
        ws.cell(row=row, column=2, value=kpi.actual)
        if kpi.target is not None:
            ws.cell(row=row, column=3, value=kpi.target)
        if kpi.share is not None:
            ws.cell(row=row, column=4, value=kpi.share).number_format = "0%"
        if kpi.delta is not None:
            ws.cell(row=row, column=5, value=kpi.delta).number_format = delta_format
        text(ws, row, rule_column, kpi.rule)
        ws.cell(row=row, column=rule_column).alignment = Alignment(wrap_text=True, vertical="top")

    row += 2
    text(ws, row, 1, t("snap.funnel", lang), bold)
    row += 1
    header(ws, row, [t("common.stage", lang), t("export.col_count", lang), *since])
    for stage in ALL_STAGES:
        row += 1
        text(ws, row, 1, t(f"stage.{stage.value}", lang))
        ws.cell(row=row, column=2, value=report.data["funnel"][stage.value])
        if report.before:
            delta = report.data["funnel"][stage.value] - report.before["funnel"][stage.value]
            ws.cell(row=row, column=3, value=delta).number_format = delta_format
    widths = [38, 16, 12, 12] + ([16] if report.compare else []) + [90]
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width

    cases = wb.create_sheet(t("export.sheet_cases", lang))
    header(
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
        text(cases, row, 1, case["title"])
        text(cases, row, 2, case["asset_owner_name"])
        text(cases, row, 3, t(f"stage.{case['stage']}", lang))
        cases.cell(row=row, column=4, value=case["stage_since"]).number_format = date_format
        cases.cell(row=row, column=5, value=case["days_in_stage"])
        text(cases, row, 6, case["theme"])
        text(cases, row, 7, case["fieldlab"])
    for column, cap in enumerate((70, 40, 26, 14, 14, 24, 24), start=1):
        letter = get_column_letter(column)
        longest = max(len(str(cell.value or "")) for cell in cases[letter])
        cases.column_dimensions[letter].width = min(max(longest + 2, 12), cap)
    cases.freeze_panes = "A2"
    cases.auto_filter.ref = f"A1:G{len(report.cases) + 1}"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------------

#: What Helvetica (latin-1) shows instead of the characters it lacks.
_LATIN1_SUBSTITUTES = str.maketrans(
    {"–": "-", "—": "-", "−": "-", "€": "EUR", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}
)


def _latin1(text: str) -> str:
    return text.translate(_LATIN1_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1")


def _signed(value: int) -> str:
    return f"{value:+d}".replace("-", "−") if value else "0"


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
        self.doc.multi_cell(0, size * 0.5, self.text(value), new_x="LMARGIN", new_y="NEXT")

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


def snapshot_pdf(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None,
    lang: str = "nl",
    compare: dt.date | None = None,
    *,
    compress: bool = True,
    font_dir: Path | None = FONT_DIR,
    today: dt.date | None = None,
) -> bytes:
    """The snapshot as an A4 report: KPIs against targets, the funnel chart, the use cases.

    ``compress=False`` leaves the page content readable (for tests); ``font_dir`` without the
    DejaVu fonts gives Helvetica, with the text reduced to latin-1.
    """
    from fpdf.fonts import FontFace

    report = build_report(db, year, as_of, lang, compare)
    today = today or dt.date.today()
    title = t("export.title", lang, year=year)
    pdf = _Pdf(t("export.footer", lang, date=fmt_date(today, lang, long=True)), lang, font_dir)
    doc = pdf.doc
    doc.set_compression(compress)
    doc.set_title(pdf.text(title))
    doc.set_author("Techport")
    doc.set_lang("nl-NL" if lang == "nl" else "en-GB")
    doc.add_page()

    pdf.paragraph(title, 18, bold=True, color=GREEN)
    doc.ln(1)
    as_of_line = t("export.as_of", lang, date=fmt_date(report.as_of, lang, long=True))
    if report.compare:
        compared = t("export.compared_with", lang, date=fmt_date(report.compare, lang, long=True))
        as_of_line = f"{as_of_line} · {compared}"
    pdf.paragraph(as_of_line, 10, color=60)

    rule_style = FontFace(size_pt=7, color=90)

    pdf.heading(t("export.kpis_heading", lang))
    since = [report.since_label] if report.compare else []
    pdf.font(8.5)
    with pdf.table(
        [
            t("snap.col_kpi", lang),
            t("snap.col_actual", lang),
            t("snap.col_target", lang),
            t("snap.col_pct", lang),
            *since,
            t("export.col_rule", lang),
        ],
        widths=(46, 14, 14, 18, *([24] if since else []), 64 if since else 88),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", *(["RIGHT"] if since else []), "LEFT"),
        line_height=4.2,
        padding=(1.2, 1.5),
    ) as table:
        for kpi in report.kpis:
            row = table.row()
            row.cell(pdf.text(kpi.label))
            row.cell(str(kpi.actual))
            row.cell(str(kpi.target) if kpi.target is not None else "")
            pct = fmt_percent(kpi.share, lang) if kpi.target is not None else ""
            row.cell(pdf.text(pct))
            if since:
                row.cell(pdf.text(_signed(kpi.delta or 0)))
            row.cell(pdf.text(kpi.rule), style=rule_style)

    pdf.heading(t("snap.funnel_heading", lang))
    pdf.paragraph(t("snap.funnel_rule", lang), 8, color=90)
    doc.ln(2)
    png = chart_png(report.data, lang)
    chart_width = 150
    doc.image(
        io.BytesIO(png),
        x=doc.l_margin + (doc.epw - chart_width) / 2,
        w=chart_width,
        alt_text=pdf.text(t("export.chart_alt", lang)),
    )

    pdf.heading(t("snap.cases_heading", lang), keep=40 if report.cases else 15)
    if not report.cases:
        pdf.paragraph(t("snap.no_cases", lang), 9)
    else:
        pdf.font(7.5)
        with pdf.table(
            [
                t("snap.col_title", lang),
                t("snap.col_asset_owner", lang),
                t("common.stage", lang),
                t("snap.col_since", lang),
                t("snap.col_age", lang),
                t("common.theme", lang),
                t("common.fieldlab", lang),
            ],
            widths=(44, 30, 24, 19, 13, 25, 25),
            align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT"),
            line_height=3.6,
            padding=(1, 1.2),
        ) as table:
            for case in report.cases:
                row = table.row()
                row.cell(pdf.text(case["title"]))
                row.cell(pdf.text(case["asset_owner_name"] or ""))
                row.cell(pdf.text(t(f"stage.{case['stage']}", lang)))
                row.cell(pdf.text(fmt_date(case["stage_since"], lang)))
                row.cell(str(case["days_in_stage"]))
                row.cell(pdf.text(case["theme"] or ""))
                row.cell(pdf.text(case["fieldlab"] or ""))
    return bytes(doc.output())

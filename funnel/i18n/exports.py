"""Snapshot export texts of the catalogue (PDF, Excel, download buttons): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "export.title": ("Stand van zaken innovatiefunnel {year}", "Innovation funnel snapshot {year}"),
    "export.as_of": ("Peildatum: {date}", "As of: {date}"),
    "export.compared_with": ("vergeleken met {date}", "compared with {date}"),
    "export.compare_label": ("Vergeleken met", "Compared with"),
    "export.kpis_heading": ("Indicatoren en doelen", "Indicators and targets"),
    "export.col_rule": ("Telregel", "Counting rule"),
    "export.col_count": ("Aantal use cases", "Number of use cases"),
    "export.chart_alt": (
        "Staafdiagram: aantal use cases per fase op de peildatum",
        "Bar chart: number of use cases per stage on the as-of date",
    ),
    "export.footer": ("Techport — gegenereerd op {date}", "Techport — generated on {date}"),
    "export.page": ("Pagina {page} van {pages}", "Page {page} of {pages}"),
    "export.sheet_snapshot": ("Stand van zaken", "Snapshot"),
    "export.sheet_cases": ("Use cases", "Use cases"),
    "export.download_pdf": ("Download als PDF", "Download as PDF"),
    "export.download_xlsx": ("Download als Excel", "Download as Excel"),
    "export.download_help": (
        "De stand op de peildatum (met de vergelijking) en de use cases, voor het jaarverslag.",
        "The snapshot on the as-of date (with the comparison) and the use cases, for the annual report.",
    ),
    "export.output_required": (
        "--format {fmt} schrijft een bestand: geef --output PAD.",
        "--format {fmt} writes a file: give --output PATH.",
    ),
    "export.written": ("Geschreven: {path}", "Written: {path}"),
}

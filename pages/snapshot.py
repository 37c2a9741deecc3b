"""Stand van zaken: the steering committee's snapshot of a year, with KPI tiles and the funnel."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from funnel import db as storage
from funnel import exports, metrics
from funnel.models import DEFAULT_TARGETS
from ui import d, get_db, lang, n, pct, require_actor, t

require_actor()
db = get_db()
today = dt.date.today()
LOWER_IS_BETTER = {"use_cases_dropped", "unclassified_organisations"}  # a rise shows in red

st.title(t("snap.page_title"))
st.caption(t("snap.page_intro"))

years = metrics.years_with_data(db, today)
col_year, col_as_of, col_compare = st.columns(3)
year = col_year.selectbox(t("common.year"), years, index=len(years) - 1, key="snap_year")
as_of = col_as_of.date_input(
    t("snap.as_of"),
    value=metrics.default_as_of(year, today),
    min_value=dt.date(year, 1, 1),
    max_value=max(today, dt.date(year, 1, 1)),
    format="DD-MM-YYYY",
    key=f"snap_as_of_{year}",
)
compare_default = max(dt.date(year, 1, 1), as_of - dt.timedelta(days=91))
compare = col_compare.date_input(
    t("snap.compare"),
    value=compare_default,
    min_value=dt.date(year, 1, 1),
    max_value=as_of,
    format="DD-MM-YYYY",
    help=t("snap.compare_help"),
    key=f"snap_compare_{year}",
)

# the numbers, shares and differences the exports show (a compare date on or after as_of: none)
report = exports.build_report(db, year, as_of, lang(), compare)
kpis = {kpi.key: kpi for kpi in report.kpis}

db_file = str(storage.db_path())
export_args = {"year": year, "as_of": as_of, "lang": lang(), "compare": compare}


def deferred(build):
    """The export's bytes, built only when its button is clicked (on a connection of its own)."""

    def generate() -> bytes:
        database = storage.connect(db_file, migrate=False)
        try:
            return build(database, **export_args)
        finally:
            database.close()

    return generate


pdf_column, xlsx_column, _ = st.columns([1, 1, 3])
pdf_column.download_button(
    t("export.download_pdf"),
    data=deferred(exports.snapshot_pdf),
    file_name=exports.file_name(year, as_of, "pdf"),
    mime=exports.PDF_MIME,
    help=t("export.download_help"),
    icon=":material/picture_as_pdf:",
    on_click="ignore",
    key="snap_download_pdf",
)
xlsx_column.download_button(
    t("export.download_xlsx"),
    data=deferred(exports.snapshot_xlsx),
    file_name=exports.file_name(year, as_of, "xlsx"),
    mime=exports.XLSX_MIME,
    help=t("export.download_help"),
    icon=":material/table_view:",
    on_click="ignore",
    key="snap_download_xlsx",
)

st.subheader(t("snap.targets_heading", year=year, as_of=d(as_of, long=True)))
# the four yearly counts (the page shows the strategy's other goals in a later step)
counted = [key for key in DEFAULT_TARGETS if key in kpis]
tiles = st.columns(len(counted))
for column, key in zip(tiles, counted, strict=True):
    kpi = kpis[key]
    with column.container(border=True):
        st.metric(
            kpi.label,
            n(kpi.actual),
            delta=kpi.delta,
            delta_description=report.since_label if report.before else None,
        )
        st.progress(
            min(kpi.share or 0, 1.0),
            text=t("snap.of_target", target=n(kpi.target or 0), pct=pct(kpi.share)),
        )
        st.caption(kpi.rule)

st.subheader(t("snap.other_heading"))
others = [kpi for kpi in report.kpis if kpi.key not in DEFAULT_TARGETS]
for column, kpi in zip(st.columns(len(others)), others, strict=True):
    with column.container(border=True):
        st.metric(
            kpi.label,
            n(kpi.actual),
            delta=kpi.delta,
            delta_color="inverse" if kpi.key in LOWER_IS_BETTER else "normal",
        )
        st.caption(kpi.rule)

st.subheader(t("snap.funnel_heading"))
st.caption(t("snap.funnel_rule"))
st.altair_chart(exports.funnel_chart(report.data, lang()), width="stretch")

st.subheader(t("snap.cases_heading"))
cases = report.cases
if not cases:
    st.info(t("snap.no_cases"))
else:
    table = pd.DataFrame(
        [
            {
                t("snap.col_title"): c["title"],
                t("snap.col_asset_owner"): c["asset_owner_name"] or "",
                t("common.stage"): t(f"stage.{c['stage']}"),
                t("snap.col_since"): d(c["stage_since"]),
                t("snap.col_age"): c["days_in_stage"],
                t("common.theme"): c["theme"] or "",
                t("common.fieldlab"): c["fieldlab"] or "",
            }
            for c in cases
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")

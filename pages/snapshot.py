"""Stand van zaken: the steering committee's snapshot of a year, with KPI tiles and the funnel."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from funnel import metrics, services
from funnel.models import ALL_STAGES, DEFAULT_TARGETS
from ui import d, get_db, n, pct, require_actor, t

require_actor()
db = get_db()
today = dt.date.today()

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

snap = metrics.snapshot(db, year, as_of)
before = metrics.snapshot(db, year, compare) if compare and compare < as_of else None

st.subheader(t("snap.targets_heading", year=year, as_of=d(as_of, long=True)))
tiles = st.columns(len(DEFAULT_TARGETS))
for column, key in zip(tiles, DEFAULT_TARGETS, strict=True):
    actual, target = snap[key], snap["targets"][key]
    share = actual / target if target else None
    with column.container(border=True):
        st.metric(
            t(f"kpi.{key}"),
            n(actual),
            delta=(actual - before[key]) if before else None,
            delta_description=t("snap.since", date=d(compare)) if before else None,
        )
        st.progress(
            min(share or 0, 1.0), text=t("snap.of_target", target=n(target), pct=pct(share))
        )
        st.caption(t(f"rule.{key}"))

st.subheader(t("snap.other_heading"))
other_keys = [
    "intakes",
    "projects_started",
    "use_cases_dropped",
    "unique_education_institutions",
    "unclassified_organisations",
]
for column, key in zip(st.columns(len(other_keys)), other_keys, strict=True):
    with column.container(border=True):
        st.metric(
            t(f"kpi.{key}"),
            n(snap[key]),
            delta=(snap[key] - before[key]) if before else None,
            delta_color="inverse"
            if key in ("use_cases_dropped", "unclassified_organisations")
            else "normal",
        )
        st.caption(t(f"rule.{key}"))

st.subheader(t("snap.funnel_heading"))
st.caption(t("snap.funnel_rule"))
chart_data = pd.DataFrame(
    {
        "stage": [t(f"stage.{s.value}") for s in ALL_STAGES],
        "order": list(range(len(ALL_STAGES))),
        "count": [snap["funnel"][s.value] for s in ALL_STAGES],
        "group": [
            t("snap.side_state") if s.value in ("on_hold", "dropped") else t("snap.funnel_stage")
            for s in ALL_STAGES
        ],
    }
)
bars = (
    alt.Chart(chart_data)
    .mark_bar(cornerRadiusEnd=4)
    .encode(
        y=alt.Y("stage:N", sort=alt.SortField("order"), title=None),
        x=alt.X("count:Q", title=t("snap.use_cases_axis"), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color(
            "group:N",
            scale=alt.Scale(range=["#0B6E4F", "#A7A9AC"]),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip("stage:N", title=t("common.stage")),
            alt.Tooltip("count:Q", title="#"),
        ],
    )
)
labels = bars.mark_text(align="left", dx=4).encode(text="count:Q")
st.altair_chart((bars + labels).properties(height=260), width="stretch")

st.subheader(t("snap.cases_heading"))
in_funnel = metrics.funnel_cases(metrics.load_events(db), year, min(as_of, dt.date(year, 12, 31)))
cases = [c for c in services.list_use_cases(db, today=as_of) if c["id"] in in_funnel]
if not cases:
    st.info(t("snap.no_cases"))
else:
    table = pd.DataFrame(
        [
            {
                t("snap.col_title"): c["title"],
                t("snap.col_source"): c["source_name"] or "",
                t("common.stage"): t(f"stage.{c['stage']}"),
                t("snap.col_since"): d(c["stage_since"]),
                t("snap.col_age"): c["days_in_stage"],
                t("common.theme"): c["theme"] or "",
            }
            for c in sorted(
                cases, key=lambda c: (services.stage_sort_key(c["stage"]), -c["days_in_stage"])
            )
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")

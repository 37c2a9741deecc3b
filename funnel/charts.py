"""The report's charts in altair, shared by the page and the PDF: the funnel, progress against
target, the trend over the years and the days-in-stage distribution.

Every chart carries its values inline (``data.values``, no dataframe), so vl-convert renders
offline exactly what the page shows; Streamlit moves them out of the spec into Arrow data.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from funnel.goals import KPI_BY_KEY, KPIS, share_of_target
from funnel.i18n import fmt_number, fmt_percent, t
from funnel.models import ALL_STAGES, FUNNEL_ORDER

if TYPE_CHECKING:
    import altair as alt

    from funnel.analytics import StageTime

GREEN = "#0B6E4F"
LIGHT_GREEN = "#7FB89E"
GREY = "#A7A9AC"
ORANGE = "#C8553D"
#: The figures with a target, in report order (the strategy's goals).
GOALS: tuple[str, ...] = tuple(k.key for k in KPIS if k.target)


def _ticks(top: float) -> list[int]:
    """Whole-number ticks from 0, at least up to 5 (an empty chart still reads well)."""
    top = max(5, math.ceil(top))
    step = math.ceil(top / 8)
    return list(range(0, math.ceil(top / step) * step + 1, step))


def funnel_chart(snapshot: dict[str, Any], lang: str = "nl") -> alt.LayerChart:
    """Use cases per stage on the as-of date: funnel stages green, side states grey."""
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
    ticks = _ticks(max(v["count"] for v in values))
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


def _shown(key: str, value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return fmt_percent(value, lang) if KPI_BY_KEY[key].percent else fmt_number(value, lang)


def progress_chart(figures: dict[str, Any], lang: str = "nl") -> alt.LayerChart:
    """Each goal's progress as a share of its target, with the target line at 100 %."""
    import altair as alt

    values = []
    for key in GOALS:
        kpi = KPI_BY_KEY[key]
        assert kpi.target is not None
        target = figures["targets"].get(kpi.target)
        actual = figures.get(key)
        share = share_of_target(kpi, actual, target) or 0.0
        target_text = fmt_percent(target / 100, lang) if kpi.percent and target else target
        values.append(
            {
                "kpi": t(f"kpi.{key}", lang),
                "share": round(min(share, 1.5), 4),
                "reached": share >= 1,
                "text": f"{_shown(key, actual, lang)} / {target_text} · "
                + fmt_percent(share_of_target(kpi, actual, target), lang),
            }
        )
    order = [str(v["kpi"]) for v in values]
    base = alt.Chart(alt.Data(values=values))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y(
            "kpi:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelLimit=300),
        ),
        x=alt.X(
            "share:Q",
            title=t("chart.share_of_target", lang),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]),
            scale=alt.Scale(domain=[0, 1.5]),
        ),
        color=alt.Color(
            "reached:N",
            scale=alt.Scale(domain=[True, False], range=[GREEN, LIGHT_GREEN]),
            legend=None,
        ),
        tooltip=[alt.Tooltip("kpi:N", title=" "), alt.Tooltip("text:N", title=" ")],
    )
    labels = base.mark_text(align="left", dx=4, color="#333").encode(
        y=alt.Y("kpi:N", sort=order), x="share:Q", text="text:N"
    )
    goal = (
        alt.Chart(alt.Data(values=[{"x": 1}]))
        .mark_rule(color=ORANGE, strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="x:Q")
    )
    return (bars + labels + goal).properties(height=alt.Step(30))


def trend_chart(
    trend: Sequence[dict[str, Any]], lang: str = "nl", keys: Sequence[str] = GOALS
) -> alt.FacetChart:
    """Each figure over the years (one small chart per figure), with its target as a dashed
    line; a share is shown in percent."""
    import altair as alt

    values = []
    for snapshot in trend:
        for key in keys:
            kpi = KPI_BY_KEY[key]
            actual = snapshot.get(key)
            target = snapshot["targets"].get(kpi.target) if kpi.target else None
            scale = 100 if kpi.percent else 1
            values.append(
                {
                    "kpi": t(f"kpi.{key}", lang),
                    "title": _lines(t(f"kpi.{key}", lang)),
                    "year": str(snapshot["year"]),
                    "value": round(actual * scale, 1) if actual is not None else None,
                    "target": target,
                    "as_of": snapshot["as_of"],
                }
            )
    base = alt.Chart().encode(x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)))
    line = base.mark_line(point={"color": GREEN}, color=GREEN).encode(
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=True)),
        tooltip=[
            alt.Tooltip("kpi:N", title=" "),
            alt.Tooltip("year:O", title=t("common.year", lang)),
            alt.Tooltip("value:Q", title=t("snap.col_actual", lang)),
            alt.Tooltip("target:Q", title=t("snap.col_target", lang)),
            alt.Tooltip("as_of:N", title=t("snap.as_of", lang)),
        ],
    )
    # a target holds for its year: a step halfway between two years where it changes
    target = base.mark_line(color=ORANGE, strokeDash=[4, 3], interpolate="step").encode(
        y="target:Q"
    )
    return (
        alt.layer(line, target, data=alt.Data(values=values))
        .properties(width=150, height=110)
        .facet(
            facet=alt.Facet(
                "title:N",
                title=None,
                sort=[_lines(t(f"kpi.{key}", lang)) for key in keys],
                # a long name on two lines ("|" breaks it) rather than cut off
                header=alt.Header(
                    labelExpr="split(datum.value, '|')", labelLimit=0, labelFontWeight="bold"
                ),
            ),
            columns=4,
        )
        .resolve_scale(y="independent")
    )


def _lines(label: str, width: int = 26) -> str:
    """A label broken into lines of at most ``width`` characters, joined by "|"."""
    return "|".join(textwrap.wrap(label, width)) or label


def stay_chart(stage_times: Sequence[StageTime], lang: str = "nl") -> alt.LayerChart:
    """How many days finished stays in each stage took: a box from the 25th to the 75th
    percentile, whiskers to the shortest and longest, every stay as a dot."""
    import altair as alt
    import pandas as pd  # type: ignore[import-untyped]

    order = [t(f"stage.{s.stage.value}", lang) for s in stage_times]
    # each dot a little above or below the middle, always the same way (no random jitter)
    values = [
        {"stage": name, "days": days, "jitter": (i % 7 - 3) * 1.6}
        for s, name in zip(stage_times, order, strict=True)
        for i, days in enumerate(s.days)
    ]
    if not values:
        values = [{"stage": order[0], "days": None}]
    # a data frame, not alt.Data(values=...): that builds a schema object per dot (seconds for
    # the stays of thousands of use cases)
    base = alt.Chart(pd.DataFrame(values))
    y = alt.Y(
        "stage:N",
        sort=order,
        title=None,
        scale=alt.Scale(domain=order),
        axis=alt.Axis(labelLimit=240),
    )
    box = base.mark_boxplot(extent="min-max", color=LIGHT_GREEN, median={"color": GREEN}).encode(
        y=y, x=alt.X("days:Q", title=t("chart.days", lang))
    )
    dots = base.mark_circle(size=18, opacity=0.45, color=GREEN).encode(
        y=y,
        x="days:Q",
        yOffset=alt.YOffset("jitter:Q"),
        tooltip=[
            alt.Tooltip("stage:N", title=t("common.stage", lang)),
            alt.Tooltip("days:Q", title=t("chart.days", lang)),
        ],
    )
    return (box + dots).properties(height=alt.Step(40))


def png(chart: Any, width: int | None = 520) -> bytes:
    """A chart as a PNG, rendered offline (vl-convert), at twice the pixel density; ``width``
    None keeps the chart's own size (a faceted chart sets the size of each small chart)."""
    import vl_convert

    if width is not None:
        chart = chart.properties(width=width)
    styled = (
        chart.configure(font="DejaVu Sans")
        .configure_axis(labelFontSize=11, titleFontSize=11)
        .configure_legend(labelFontSize=11)
        .configure_text(fontSize=11)
        .configure_header(labelFontSize=11)
    )
    return vl_convert.vegalite_to_png(styled.to_dict(), scale=2)


def chart_png(snapshot: dict[str, Any], lang: str = "nl", width: int = 520) -> bytes:
    """The funnel chart as a PNG."""
    return png(funnel_chart(snapshot, lang), width)

"""Stand van zaken: the stuurgroep's meeting. Opens on the latest frozen snapshot compared with
the one before: every goal against its target, what moved, the funnel, the Fieldlabs and core
partners, the funnel analytics and the trend; the programme leader freezes the next one here."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from funnel import analytics, charts, exports, goals, meetings, metrics, queries, services, settings
from funnel import db as storage
from funnel.errors import FunnelError
from funnel.i18n import MONTHS_EN, MONTHS_NL
from funnel.models import CORE_EDUCATION_PARTNERS, STRATEGY_FIRST_YEAR, Stage
from funnel.rights import can, can_all
from ui import (
    attempt,
    d,
    date_column,
    flash,
    get_db,
    lang,
    md,
    n,
    pct,
    plural,
    require_actor,
    show_error,
    show_flash,
    t,
)
from ui.tables import record_table

actor = require_actor()
db = get_db()
today = dt.date.today()
LIVE, NONE, NOW = "live", "none", "now"
PICK_KEY = "meet_pick"
#: the snapshot to open on the next run (a widget's own key cannot change once it is drawn)
NEXT_PICK_KEY = "_meet_pick_next"
# table labels looked up once (t() reads the session state: thousands of calls per table)
col_title, col_asset_owner, col_stage = (
    t("snap.col_title"),
    t("snap.col_asset_owner"),
    t("common.stage"),
)
col_since, col_age = t("snap.col_since"), t("snap.col_age")
col_theme, col_fieldlab = t("common.theme"), t("common.fieldlab")
stage_names = {stage.value: t(f"stage.{stage.value}") for stage in Stage}

st.title(t("snap.page_title"))
st.caption(t("snap.page_intro"))
show_flash()

# --- which snapshot, compared with which -----------------------------------------------------
frozen = {s.id: s for s in reversed(meetings.list_snapshots(db))}  # newest meeting first
if NEXT_PICK_KEY in st.session_state:
    st.session_state[PICK_KEY] = st.session_state.pop(NEXT_PICK_KEY)
if st.session_state.get(PICK_KEY) not in (*frozen, LIVE):
    st.session_state.pop(PICK_KEY, None)


labels = [s.label for s in frozen.values()]


def snapshot_label(value: Any) -> str:
    """A meeting by its label (with its date when two meetings share a label)."""
    if value == LIVE:
        return t("meet.live_option")
    found = frozen[value]
    if labels.count(found.label) == 1:
        return found.label
    return t("meet.option", label=found.label, date=d(found.meeting_date))


col_pick, col_against = st.columns(2)
chosen = col_pick.selectbox(
    t("meet.pick"), [*frozen, LIVE], format_func=snapshot_label, key=PICK_KEY
)
if chosen == LIVE:
    years = metrics.years_with_data(db, today)
    col_year, col_as_of = st.columns(2)
    year = col_year.selectbox(t("common.year"), years, index=len(years) - 1, key="snap_year")
    as_of = col_as_of.date_input(
        t("snap.as_of"),
        value=metrics.default_as_of(year, today),
        min_value=dt.date(year, 1, 1),
        max_value=max(today, dt.date(year, 1, 1)),
        format="DD-MM-YYYY",
        key=f"snap_as_of_{year}",
    )
    against_options: list[Any] = [*frozen, NONE]
    previous_id = next(iter(frozen), None)
else:
    previous_id = meetings.previous(db, chosen)
    against_options = [
        *([previous_id] if previous_id else []),
        *(i for i in frozen if i not in (chosen, previous_id)),
        NOW,
        NONE,
    ]


def against_label(value: Any) -> str:
    if value == NONE:
        return t("meet.compare_none")
    if value == NOW:
        return t("meet.compare_now")
    label = snapshot_label(value)
    return t("meet.compare_previous", label=label) if value == previous_id else label


against = col_against.selectbox(
    t("meet.compare_with"),
    against_options,
    format_func=against_label,
    help=t("meet.compare_help"),
    key=f"meet_against_{chosen}",
)

# --- the report: what the page, the PDF and the Excel file show ------------------------------
# kept until the next change to a record (by anyone) or the next day, for every session: a
# click on a tab or a filter reruns the page, and a live report counts every participation of
# every strategy year (seconds at scale); the report is the same for everyone who may see it
compared_with = against if isinstance(against, int) else None


def live_analysis(database: Any, year: int | None, as_of: dt.date) -> analytics.Analysis:
    """The funnel analytics of ``year`` (None: every strategy year) as of ``as_of``, shared
    like the report (the report's own analysis is this one: counted once)."""
    return queries.shared(
        database,
        f"analysis {year} {as_of} {today}",
        lambda: analytics.analyse(database, year, as_of, today=today),
    )


def shared_report(database: Any) -> exports.Report:
    """The report picked on this page, in no language (every language reads the same one):
    shared by the page and its downloads, on any connection to the database."""
    if chosen == LIVE:
        return queries.shared(
            database,
            f"snapshot report {year} {as_of} {compared_with} {today}",
            lambda: exports.build_report(
                database,
                year,
                as_of,
                compare=compared_with,
                today=today,
                analysis=live_analysis(database, year, as_of),
            ),
        )
    return queries.shared(
        database,
        f"frozen report {chosen} {compared_with} {today}",
        lambda: exports.frozen_report(database, chosen, against=compared_with, today=today),
    )


report = replace(shared_report(db), lang=lang())
current = report.current
comparison = report.comparison
if against == NOW:
    now = queries.shared(
        db, f"live capture {today}", lambda: meetings.capture(db, today.year, today, today)
    )
    comparison = meetings.compare(current, now)
kpis = {kpi.key: kpi for kpi in report.kpis}

if current.frozen:
    st.markdown(
        t(
            "meet.header_frozen",
            label=md(current.label),
            meeting=d(current.meeting_date, long=True),
            as_of=d(current.as_of, long=True),
        )
    )
    by = current.frozen_by
    frozen_on = d(current.frozen_at or today.isoformat(), long=True)
    st.caption(
        t("export.frozen_by", date=frozen_on, user=md(by))
        if by
        else t("export.frozen_on", date=frozen_on)
    )
    if report.drift:
        st.warning(plural("meet.drift_warning", len(report.drift)), icon=":material/info:")
        with st.expander(t("meet.drift_expander")):
            for line in report.drift_sentences():
                st.markdown(f"- {md(line)}")
    else:
        st.caption(t("meet.no_drift"))
else:
    if not frozen:
        st.info(t("meet.no_meetings"), icon=":material/event_note:")
    st.markdown(t("meet.header_live", year=current.year, as_of=d(current.as_of, long=True)))

# --- downloads (built when clicked, on a connection of their own) ----------------------------
db_file = str(storage.db_path())
# the button's file is built on a thread of the server, outside this run: the session's
# language is read now (there, st.session_state is not this session's and lang() says "nl")
export_lang = lang()


def deferred(render):
    """The export's bytes, built only when its button is clicked."""

    def generate() -> bytes:
        database = storage.connect(db_file, migrate=False)
        try:
            # the page's report, unless a record changed since the page counted it
            return render(replace(shared_report(database), lang=export_lang))
        finally:
            database.close()

    return generate


downloads = st.container(horizontal=True)
downloads.download_button(
    t("export.download_pdf"),
    data=deferred(exports.report_pdf),
    file_name=exports.file_name(current.year, current.as_of, "pdf", current.label),
    mime=exports.PDF_MIME,
    help=t("export.download_help"),
    icon=":material/picture_as_pdf:",
    on_click="ignore",
    key="snap_download_pdf",
)
downloads.download_button(
    t("export.download_xlsx"),
    data=deferred(exports.report_xlsx),
    file_name=exports.file_name(current.year, current.as_of, "xlsx", current.label),
    mime=exports.XLSX_MIME,
    help=t("export.download_help"),
    icon=":material/table_view:",
    on_click="ignore",
    key="snap_download_xlsx",
)


# --- freezing the snapshot for a meeting (programme leader) ----------------------------------
def default_label(day: dt.date) -> str:
    months = MONTHS_EN if lang() == "en" else MONTHS_NL
    return t("meet.freeze_label_default", month=months[day.month - 1], year=day.year)


if can(actor, "snapshot.freeze"):
    with st.expander(t("meet.freeze_heading"), icon=":material/lock:"):
        st.caption(t("meet.freeze_intro"))
        with st.form("freeze", enter_to_submit=False):
            left, right = st.columns(2)
            label = left.text_input(t("meet.freeze_label"), value=default_label(today))
            meeting_date = right.date_input(
                t("meet.freeze_meeting_date"), value=today, format="DD-MM-YYYY"
            )
            years_all = metrics.years_with_data(db, today)
            freeze_year = left.selectbox(
                t("common.year"), years_all, index=len(years_all) - 1, key="freeze_year"
            )
            freeze_as_of = right.date_input(
                t("snap.as_of"), value=today, max_value=today, format="DD-MM-YYYY"
            )
            submitted = st.form_submit_button(
                t("meet.freeze_submit"), type="primary", icon=":material/lock:"
            )
        if submitted:
            try:
                new_id = services.freeze_snapshot(
                    db, actor, label, int(freeze_year), freeze_as_of, meeting_date
                )
            except FunnelError as error:
                show_error(error)
            else:
                flash(t("meet.frozen_done", label=md(label.strip())))
                st.session_state[NEXT_PICK_KEY] = new_id
                st.rerun()


# --- the goals -------------------------------------------------------------------------------
def tile(kpi: exports.KpiRow, show_target: bool) -> None:
    # st.metric reads the direction from the sign: an ASCII minus, not the typographic one
    delta: int | str | None = None
    if kpi.delta is not None and against != NOW:
        points = round(kpi.delta * 100) if kpi.percent else int(kpi.delta)
        if not points:
            delta = "0"
        elif kpi.percent:
            delta = t("export.points", value=f"{points:+d}")
        else:
            delta = points
    # the label above the number, so that a long one wraps instead of being cut off
    st.markdown(f"**{kpi.label}**")
    st.metric(
        kpi.label,
        kpi.shown(lang()),
        delta=delta,
        delta_color="inverse" if kpi.lower_is_better else "normal",
        label_visibility="collapsed",
    )
    if show_target:
        st.progress(
            min(kpi.share or 0.0, 1.0),
            text=t("snap.of_target", target=kpi.target_shown(lang()), pct=pct(kpi.share)),
        )
    st.caption(kpi.rule)


#: A tile's width: four in a row on a wide screen, two on a laptop's (they wrap).
TILE_WIDTH = 222


def tiles(keys: list[str], show_target: bool) -> None:
    with st.container(horizontal=True, gap="small"):
        for key in keys:
            with st.container(border=True, width=TILE_WIDTH):
                tile(kpis[key], show_target=show_target and kpis[key].target is not None)


st.subheader(t("meet.goals_heading", year=current.year, as_of=d(current.as_of, long=True)))
if comparison is not None and against != NOW:
    st.caption(t("meet.deltas", since=md(report.since_label)))
tiles([k.key for k in goals.KPIS if k.target], show_target=True)

# --- what moved ------------------------------------------------------------------------------
if comparison is not None:
    if against == NOW:
        st.subheader(t("meet.moved_until_now", label=md(report.current.label or "")))
    else:
        st.subheader(t("export.moved_heading", label=md(report.before_label)))
    for line in meetings.sentences(comparison, lang()):
        st.markdown(f"- {md(line)}")
    if comparison.moves:
        with st.expander(t("meet.moves_table", count=n(len(comparison.moves)))):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("export.col_what"): t(f"move.kind.{m.kind}"),
                            t("snap.col_title"): m.title,
                            t("export.col_from"): t(f"stage.{m.from_stage.value}")
                            if m.from_stage
                            else "–",
                            t("export.col_to"): t(f"stage.{m.to_stage.value}")
                            if m.to_stage
                            else "–",
                        }
                        for m in comparison.moves
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
    if comparison.new_organisations:
        with st.expander(t("meet.new_orgs_expander", count=n(len(comparison.new_organisations)))):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("common.name"): o.name or "",
                            t("common.kind"): t(f"kind.{o.kind}") if o.kind else "",
                        }
                        for o in comparison.new_organisations
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
else:
    st.caption(t("meet.moved_none"))

# --- the details, in tabs --------------------------------------------------------------------
tab_funnel, tab_other, tab_labs, tab_analysis, tab_trend = st.tabs(
    [
        t("meet.tab_funnel"),
        t("meet.tab_other"),
        t("meet.tab_fieldlabs"),
        t("meet.tab_analysis"),
        t("meet.tab_trend", year=STRATEGY_FIRST_YEAR),
    ]
)

with tab_funnel:
    st.caption(t("snap.funnel_rule"))
    st.altair_chart(charts.funnel_chart(report.data, lang()), width="stretch")
    st.markdown(f"**{t('snap.cases_heading')}**")
    cases = report.cases
    if not cases:
        st.info(t("snap.no_cases"))
    else:
        # a click on a row opens the use case, for a role that works on it
        if can_all(actor, "use_case.edit"):
            openable = {c.id for c in cases}
        elif can(actor, "use_case.edit"):  # a coach: the ones it coaches
            openable = {c["id"] for c in queries.editable_use_cases(db, actor, today=today)}
        else:
            openable = set()
        clicked = record_table(
            "snap_cases",
            pd.DataFrame(
                [
                    {
                        col_title: c.title,
                        col_asset_owner: c.asset_owner_name or "",
                        col_stage: stage_names[c.stage.value],
                        col_since: c.stage_since,
                        col_age: c.days_in_stage(current.as_of),
                        col_theme: c.theme or "",
                        col_fieldlab: c.fieldlab or "",
                    }
                    for c in cases
                ]
            ),
            [c.id for c in cases],
            opens=bool(openable),
            width="stretch",
            column_config={t("snap.col_since"): date_column()},
        )
        if openable:
            st.caption(t("snap.open_hint"))
        if clicked is not None and clicked in openable:
            st.session_state["use_case_id"] = clicked
            st.switch_page("pages/use_case.py", query_params={"use_case": str(clicked)})
        elif clicked is not None and openable:
            st.info(t("snap.not_openable"), icon=":material/info:")

with tab_other:
    tiles([k.key for k in goals.KPIS if not k.target], show_target=False)

with tab_labs:
    st.markdown(f"**{t('export.fieldlabs_heading')}**")
    st.caption(t("meet.fieldlabs_caption"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("common.fieldlab"): name,
                    t("export.col_coordinated"): t(
                        "export.yes" if lab["coordinated"] else "export.no"
                    ),
                    t("export.col_companies"): lab["companies"],
                    t("export.col_education"): lab["education_institutions"],
                }
                for name, lab in report.data["fieldlabs"].items()
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"**{t('export.partners_heading')}**")
    tiles(["core_partner_share", "multilevel_share", "multisectoral_share"], show_target=True)
    missing = [name for name, ids in goals.core_partner_ids(db).items() if not ids]
    if missing:
        st.warning(t("meet.partner_missing", names=md(", ".join(missing))))
    projects = current.projects()
    if not projects:
        st.info(t("export.no_projects"))
    else:
        # labels once: t() reads the session state (a call per cell is seconds at scale)
        col_all_four, col_levels = t("export.col_all_four"), t("export.col_levels")
        col_sectors = t("export.col_sectors")
        yes, no = t("export.yes"), t("export.no")
        sector_names: dict[str, str] = {}
        for c in projects:
            for sector in c.sectors or ():
                sector_names.setdefault(sector, t(f"sector.{sector}"))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        col_title: c.title,
                        col_stage: stage_names[c.stage.value],
                        **{
                            name: "✓" if name in (c.core_partners or ()) else "–"
                            for name in CORE_EDUCATION_PARTNERS
                        },
                        col_all_four: yes
                        if len(c.core_partners or ()) == len(CORE_EDUCATION_PARTNERS)
                        else no,
                        col_levels: ", ".join(c.levels or ()),
                        col_sectors: ", ".join(sector_names[s] for s in c.sectors or ()),
                    }
                    for c in projects
                ]
            ),
            hide_index=True,
            width="stretch",
        )


# --- the funnel analytics (live) -------------------------------------------------------------
def days_text(value: float | None) -> str:
    return n(round(value)) if value is not None else ""


#: the stuck setting's field, and the stored value it last showed
STUCK_KEY, STUCK_SHOWN_KEY = "ana_stuck_days", "ana_stuck_days_shown"


def analysis_view() -> None:
    st.caption(t("meet.analysis_live"))
    all_years = "all"
    col_scope, col_group, col_days = st.columns(3)
    scope = col_scope.selectbox(
        t("ana.scope"),
        [current.year, all_years],
        format_func=lambda v: (
            t("ana.scope_all", first=STRATEGY_FIRST_YEAR)
            if v == all_years
            else t("ana.scope_year", year=v, as_of=d(current.as_of))
        ),
        key="ana_scope",
    )
    group = col_group.selectbox(
        t("ana.group"),
        ["", *analytics.GROUPINGS],
        format_func=lambda v: t(f"ana.group_{v or 'none'}"),
        key="ana_group",
    )
    stuck_days = settings.get(db, "stuck_days")
    if can(actor, "settings.edit"):
        with col_days:
            limits = settings.SETTINGS["stuck_days"]
            # the field shows the stored setting, also after someone else changed it: only a
            # change made in this field is saved (a value kept from before is never written
            # back over theirs)
            shown = st.session_state.get(STUCK_SHOWN_KEY)
            if shown != stuck_days:
                typed = st.session_state.get(STUCK_KEY)
                if shown is not None and typed is not None and typed != shown:
                    st.warning(
                        t("ana.setting_changed_meanwhile", days=stuck_days, typed=int(typed))
                    )
                st.session_state[STUCK_KEY] = stuck_days
                st.session_state[STUCK_SHOWN_KEY] = stuck_days
            chosen_days = st.number_input(
                t("ana.stuck_setting"),
                min_value=limits.minimum,
                max_value=limits.maximum,
                step=1,
                help=t("ana.stuck_setting_help"),
                key=STUCK_KEY,
            )
            if chosen_days != stuck_days and attempt(
                services.set_setting, db, actor, "stuck_days", int(chosen_days)
            ):
                st.session_state[STUCK_SHOWN_KEY] = int(chosen_days)
                flash(t("ana.setting_saved", days=int(chosen_days)))
                st.rerun()
    else:
        col_days.caption(t("ana.stuck_rule", days=n(stuck_days)))
    year_scope = None if scope == all_years else int(scope)
    as_of_scope = current.as_of if year_scope else today
    # kept until the next write (the stuck setting is a write too) or the next day
    found = live_analysis(db, year_scope, as_of_scope)
    st.caption(t("ana.rules"))
    st.markdown(f"**{t('export.stays_heading')}** · {t('ana.cases', count=n(found.cases))}")
    times = {s.stage: s for s in found.stage_times}
    table = []
    for item in found.conversion:
        stay = times.get(item.stage)
        table.append(
            {
                t("common.stage"): t(f"stage.{item.stage.value}"),
                t("export.col_reached"): item.reached,
                t("export.col_to_next"): pct(item.to_next) if item.to_next is not None else "",
                t("export.col_to_realised"): (
                    pct(item.to_realised) if item.to_realised is not None else ""
                ),
                t("export.col_stays"): n(stay.stays) if stay else "",
                t("export.col_median"): days_text(stay.median if stay else None),
                t("export.col_p90"): days_text(stay.p90 if stay else None),
            }
        )
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    st.altair_chart(charts.stay_chart(found.stage_times, lang()), width="stretch")

    st.markdown(f"**{t('export.stuck_heading', days=n(found.stuck_days))}**")
    if not found.stuck:
        st.caption(t("ana.no_stuck"))
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        col_title: s.title,
                        col_stage: stage_names[s.stage.value],
                        col_since: s.since,
                        col_age: s.days,
                    }
                    for s in found.stuck
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={t("snap.col_since"): date_column()},
        )
    st.markdown(f"**{t('ana.drops_heading')}**")
    if not found.drop_reasons:
        st.caption(t("ana.no_drops"))
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("ana.col_reason"): r.reason or t("ana.no_reason"),
                        t("ana.col_count"): r.count,
                        t("ana.col_cases"): "; ".join(r.titles),
                    }
                    for r in found.drop_reasons
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if group:
        st.markdown(f"**{t(f'ana.per_{group}')}**")
        rows = []
        for name, part in analytics.breakdown(db, year_scope, group, as_of_scope, today=today):
            first = part.conversion[0]
            realised = part.conversion[-1]
            stays = {s.stage: s for s in part.stage_times}
            rows.append(
                {
                    t(f"ana.group_{group}"): name or t("ana.no_group"),
                    t("ana.col_use_cases"): part.cases,
                    t("stage.realised"): realised.reached,
                    t("export.col_to_realised"): pct(first.to_realised)
                    if first.to_realised is not None
                    else "",
                    **{
                        t("ana.col_median_in", stage=t(f"stage.{stage.value}")): days_text(
                            stays[stage].median
                        )
                        for stage in analytics.STUCK_STAGES
                    },
                    t("ana.col_stuck"): len(part.stuck),
                    t("stage.dropped"): sum(r.count for r in part.drop_reasons),
                }
            )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


with tab_analysis:
    analysis_view()

with tab_trend:
    trend = current.trend()
    st.caption(t("export.trend_rule"))
    if trend:
        st.altair_chart(charts.trend_chart(trend, lang()))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("snap.col_kpi"): t(f"kpi.{k.key}"),
                        **{
                            str(year_figures["year"]): exports.KpiRow(
                                k.key, "", year_figures.get(k.key), None, None, "", None, k.percent
                            ).shown(lang())
                            for year_figures in trend
                        },
                    }
                    for k in goals.KPIS
                ]
            ),
            hide_index=True,
            width="stretch",
        )

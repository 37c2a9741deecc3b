"""The import screen both imports share: upload a file, preview what it would do, then save it."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from funnel import services, settings
from funnel.errors import FunnelError
from funnel.imports import COLUMN_RULES, EXPLAIN_KEPT, ImportReport, Problem, RowResult
from ui import d, error_text, get_db, lang, md, n, plural, require_actor, show_error, t

#: The order in which the preview lists the kinds of records.
ENTITIES = ("activities", "attendance", "organisations", "persons", "use_cases", "intakes")
#: The preview's row-by-row table shows at most this many rows (the counts cover them all).
MAX_ROWS_SHOWN = EXPLAIN_KEPT


def headers(kind: str, column: str) -> tuple[str, str]:
    """A column's English and Dutch header: the first two names the importer accepts."""
    aliases = COLUMN_RULES[kind].aliases[column]
    return aliases[0], aliases[1] if len(aliases) > 1 else aliases[0]


def column_guide(kind: str) -> None:
    """The columns an import file may have, with their Dutch and English headers."""
    rules = COLUMN_RULES[kind]
    help_kind = rules.help_kind or kind
    rows = []
    for column in rules.guide():
        english, dutch = headers(kind, column)
        rows.append(
            {
                t("imp.guide_dutch"): dutch,
                t("imp.guide_english"): english,
                t("imp.guide_required"): t(f"imp.req_{rules.requirement(column)}"),
                t("imp.guide_meaning"): t(f"imp.help.{help_kind}.{column}"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("imp.guide_formats"))
    template = "\ufeff" + ";".join(headers(kind, column)[1] for column in rules.guide()) + "\r\n"
    st.download_button(
        t("imp.template"),
        data=template.encode("utf-8"),
        file_name=f"{t('imp.template_name.' + kind)}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"imp_{kind}_template",
    )


def import_flow(kind: str, activity_id: int | None = None) -> None:
    """Upload -> preview (a dry run) -> "Opslaan" with a progress bar -> the result.

    ``kind`` ``signups`` with ``activity_id``: a sign-up list for that activity. The uploaded
    bytes and the preview are kept in the session, so the rerun after a click works on the
    same file without reading it again.
    """
    actor = require_actor()
    db = get_db()
    key = kind if activity_id is None else f"{kind}_{activity_id}"
    state: dict[str, Any] = st.session_state.setdefault(f"_import::{key}", {"round": 0})
    uploaded = st.file_uploader(
        t("imp.upload_label"),
        type=["csv", "xlsx"],
        key=f"imp_{key}_file_{state['round']}",
        help=t("imp.upload_help"),
        max_upload_size=settings.get(db, "upload_max_mb"),
    )
    if uploaded is None:
        _reset(state)
        return
    if state.get("file_id") != uploaded.file_id:
        _reset(state)
        state.update(file_id=uploaded.file_id, name=uploaded.name, data=uploaded.getvalue())

    result: ImportReport | None = state.get("result")
    if result is not None and result.committed:
        _show_committed(key, state, result)
        return

    if "preview" not in state:
        try:
            with st.spinner(t("imp.reading", file=md(state["name"]))):
                status = st.empty()
                state["preview"] = services.import_file(
                    db, actor, kind, state["data"], state["name"], dry_run=True,
                    activity_id=activity_id, tick=_ticker(status),
                )  # fmt: skip
                status.empty()
        except FunnelError as error:
            state["preview"] = error
    preview = state["preview"]
    if isinstance(preview, FunnelError):
        st.error(_unreadable(preview), icon=":material/error:")
        return
    _show_preview(kind, preview)
    if preview.rows_read == 0:
        return

    changes = sum(c["new"] + c["updated"] for c in preview.counts.values())
    if not preview.errors and changes == 0:
        # everything in the file is already known: saving would change nothing
        st.info(t("imp.nothing_new"), icon=":material/done_all:")
        return
    skip = False
    if preview.errors:
        skip = st.checkbox(
            t("imp.skip_invalid", count=n(len(set(preview.invalid_lines)))),
            key=f"imp_{key}_skip_{state['round']}",
            help=t("imp.skip_invalid_help"),
        )
    if st.button(t("imp.commit"), type="primary", icon=":material/save:", key=f"imp_{key}_commit"):
        bar = st.progress(0.0, text=t("imp.progress_start"))
        shown = {"step": -1}

        def progress(done: int, total: int) -> None:
            step = int(100 * done / total) if total else 100
            if step != shown["step"]:
                shown["step"] = step
                bar.progress(step / 100, text=t("imp.progress", done=n(done), total=n(total)))

        try:
            result = services.import_file(
                db,
                actor,
                kind,
                state["data"],
                state["name"],
                skip_invalid=skip,
                progress=progress,
                activity_id=activity_id,
                tick=_ticker(st.empty()),
            )
        except FunnelError as error:
            bar.empty()
            show_error(error)
            return
        bar.empty()
        state["result"] = result
        if result.committed:
            st.rerun()
        st.error(t("imp.refused"), icon=":material/block:")


def _ticker(status: Any):
    """A tick for a long import (:data:`funnel.tables.Tick`): it shows how far the reading is,
    and drawing is where Streamlit stops a run whose tab was closed or that a new click
    replaced (it raises its StopException there, and the import ends with nothing written):
    without it, a large file kept the server busy for minutes after the user had left."""

    def tick(rows: int) -> None:
        status.caption(t("imp.reading_rows", rows=n(rows)))

    return tick


def _unreadable(error: FunnelError) -> str:
    """Why the file cannot be read, on its row and column where the problem has one."""
    message = md(error.message(lang()))
    line = error.params.get("line")
    if line and error.field:
        return t("imp.unreadable_at", line=line, column=md(error.field), error=message)
    if line:
        return t("imp.unreadable_line", line=line, error=message)
    return t("imp.unreadable", error=message)


def _reset(state: dict[str, Any]) -> None:
    for key in ("file_id", "name", "data", "preview", "result"):
        state.pop(key, None)


def _show_committed(key: str, state: dict[str, Any], result: ImportReport) -> None:
    skipped = len(set(result.invalid_lines))
    st.success(
        t("imp.committed", file=md(result.file), valid=n(result.valid_rows))
        + (" " + plural("imp.committed_skipped", skipped) if skipped else ""),
        icon=":material/check_circle:",
    )
    _counts_table(result)
    _problems(result)
    _incomplete(result)
    if st.button(t("imp.another"), icon=":material/upload_file:", key=f"imp_{key}_again"):
        state["round"] += 1
        _reset(state)
        st.rerun()


def _show_preview(kind: str, report: ImportReport) -> None:
    st.markdown(f"**{t('imp.preview_heading', file=md(report.file))}**")
    st.caption(t("imp.preview_intro"))
    if report.rows_read == 0:
        if report.errors:
            st.error(t("imp.no_rows_problems"), icon=":material/error:")
            _problems(report)
        else:
            st.warning(t("imp.no_rows"))
        return
    invalid = len(set(report.invalid_lines))
    read, valid, bad = st.columns(3)
    read.metric(t("imp.rows_read"), n(report.rows_read), border=True)
    valid.metric(t("imp.rows_valid"), n(report.valid_rows), border=True)
    bad.metric(t("imp.rows_invalid"), n(invalid), border=True)
    _counts_table(report)
    _row_table(kind, report)
    if report.errors:
        st.error(plural("imp.has_errors", invalid), icon=":material/error:")
    _problems(report)
    _incomplete(report)


def _row_table(kind: str, report: ImportReport) -> None:
    """Row by row: the organisation and person each row found (and on what) or makes, and
    what becomes of the row."""
    results = report.row_results
    if not results:
        return
    st.markdown(f"**{t('imp.rows_heading')}**")
    st.caption(t("imp.rows_intro"))
    found_on = {on: t(f"imp.on.{on}") for on in ("kvk", "name", "email", "new")}
    outcomes = {o: t(f"imp.outcome.{o}") for o in ("new", "known", "updated")}
    erased = t("per.erased")
    reasons = {}  # refused rows: every reason, in words

    def on(status: str | None, matched: str | None) -> str:
        if status is None:
            return ""
        if status == "new":
            return found_on["new"]
        label = found_on[matched or "name"]
        return t("imp.on_updated", on=label) if status == "updated" else label

    def person(row: RowResult) -> str:
        if row.person_id is None:
            return ""
        return row.person or row.person_email or erased

    def outcome(row: RowResult) -> str:
        if row.outcome == "duplicate":
            return t("imp.outcome.duplicate", line=row.first_line)
        if row.outcome == "refused":
            if row.line not in reasons:
                reasons[row.line] = "; ".join(error_text(e) for e in row.reasons)
            return t("imp.outcome.refused", reason=reasons[row.line])
        return outcomes[row.outcome]

    with_activity = kind != "signups"
    shown = results[:MAX_ROWS_SHOWN]
    columns = [t("imp.col_line")]
    if with_activity:
        columns.append(t("imp.col_activity"))
    columns += [
        t("imp.col_organisation"),
        t("imp.col_organisation_on"),
        t("imp.col_person"),
        t("imp.col_person_on"),
        t("imp.col_outcome"),
    ]
    records = []
    for row in shown:
        record: list[Any] = [row.line]
        if with_activity:
            record.append(f"{d(row.activity_day)} {row.activity}" if row.activity_day else "")
        record += [
            row.organisation,
            on(row.organisation_status, row.organisation_on),
            person(row),
            on(row.person_status, row.person_on),
            outcome(row),
        ]
        records.append(record)
    st.dataframe(
        pd.DataFrame(records, columns=columns),
        hide_index=True,
        width="stretch",
        column_config={
            t("imp.col_line"): st.column_config.NumberColumn(width="small"),
            t("imp.col_outcome"): st.column_config.TextColumn(width="large"),
        },
    )
    total = max(report.rows_explained, len(results))
    if total > len(shown):
        st.caption(t("imp.rows_more", shown=n(len(shown)), total=n(total)))


def _counts_table(report: ImportReport) -> None:
    counts = report.counts
    if not counts:
        return
    order = [e for e in ENTITIES if e in counts] + [e for e in counts if e not in ENTITIES]
    table = pd.DataFrame(
        [
            {
                t("imp.col_entity"): t(f"entity.{entity}").capitalize(),
                t("imp.col_new"): counts[entity]["new"],
                t("imp.col_updated"): counts[entity]["updated"],
                t("imp.col_unchanged"): counts[entity]["unchanged"],
            }
            for entity in order
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _problem_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("imp.col_line"): p.line,
                t("imp.col_column"): p.column,
                t("imp.col_message"): error_text(p.error),
            }
            for p in problems
        ]
    )


def _problems(report: ImportReport) -> None:
    if report.errors:
        st.markdown(f"**{t('imp.errors_heading')}**")
        st.dataframe(_problem_table(report.errors), hide_index=True, width="stretch")
    if report.warnings:
        st.markdown(f"**{t('imp.warnings_heading')}**")
        st.dataframe(_problem_table(report.warnings), hide_index=True, width="stretch")


def _incomplete(report: ImportReport) -> None:
    if not report.incomplete:
        return
    st.markdown(f"**{t('imp.incomplete_heading', count=n(len(report.incomplete)))}**")
    st.caption(t("imp.incomplete_intro"))
    table = pd.DataFrame(
        [
            {
                t("imp.col_line"): item["line"],
                t("imp.col_ref"): item["ref"] or "",
                t("imp.col_title"): item["title"],
                t("imp.col_missing"): "; ".join(
                    error_text(FunnelError(code)) for code in item["missing"]
                ),
            }
            for item in report.incomplete
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")

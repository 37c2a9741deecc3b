"""The command line: ``python -m funnel [--db PATH] COMMAND`` (imports, snapshots and meetings,
demo, users, backup)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import NoReturn

import click
import sqlite_utils

from funnel import auth, exports, goals, imports, meetings
from funnel import db as storage
from funnel.errors import FunnelError
from funnel.i18n import CATALOGUE, fmt_date, fmt_percent, t
from funnel.models import Role


class Context:
    def __init__(self, db_path: str | None, lang: str) -> None:
        self.db_path = db_path
        self.lang = lang
        self._db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            self._db = storage.connect(self.db_path)
        return self._db


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Database file (default: $FUNNEL_DB, else data/funnel.db); created on first use.",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    envvar="FUNNEL_LANG",
    show_default=True,
    help="Language of messages and the text snapshot.",
)
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, lang: str) -> None:
    """Techport innovation funnel tracker."""
    ctx.obj = Context(db_path, lang)


# --- import ----------------------------------------------------------------------------------


@cli.group(name="import")
def import_group() -> None:
    """Import an attendance list or the use-case sheet (CSV or XLSX)."""


def _import_options(fn):
    fn = click.option("--sheet", default=None, help="XLSX sheet to read (default: the first).")(fn)
    fn = click.option("--dry-run", is_flag=True, help="Write nothing; report what would change.")(
        fn
    )
    fn = click.option(
        "--skip-invalid", is_flag=True, help="Write the valid rows; report the invalid ones."
    )(fn)
    fn = click.argument("file", type=click.Path(exists=True, dir_okay=False))(fn)
    return fn


def _run_import(
    obj: Context, kind: str, file: str, sheet, dry_run: bool, skip_invalid: bool
) -> None:
    lang = obj.lang
    try:
        report = imports.IMPORTERS[kind](
            obj.db, file, name=file, sheet=sheet, dry_run=dry_run, skip_invalid=skip_invalid
        )
    except FunnelError as error:
        click.echo(f"{file}: {error.message(lang)}", err=True)
        # a sheet that is not there (or --sheet on a CSV) is wrong usage, not bad data
        sys.exit(2 if error.code in ("sheet_missing", "sheet_for_csv") else 1)
    for problem in report.problems:
        click.echo(problem.render(file, lang), err=True)
    click.echo(render_report(report, lang))
    if report.errors:
        sys.exit(1)


def render_report(report: imports.ImportReport, lang: str = "nl") -> str:
    """The summary of an import (or dry run) in plain words."""
    lines = [
        t(
            "cli.import_rows",
            lang,
            file=report.file,
            read=report.rows_read,
            valid=report.valid_rows,
            invalid=len(set(report.invalid_lines)),
        )
    ]
    shown = report.committed or report.dry_run
    for entity in ("activities", "attendance", "organisations", "persons", "use_cases", "intakes"):
        counts = report.counts.get(entity) if shown else None
        if not counts:
            continue
        lines.append(
            "  "
            + t(
                "cli.import_entity",
                lang,
                entity=t(f"entity.{entity}", lang),
                new=counts["new"],
                updated=counts["updated"],
                unchanged=counts["unchanged"],
            )
        )
    if report.incomplete and shown:
        lines.append(t("cli.import_incomplete", lang, count=len(report.incomplete)))
        for item in report.incomplete:
            gaps = "; ".join(t(f"err.{code}", lang) for code in item["missing"])
            label = item["ref"] or item["title"]
            lines.append(f"  - {label} ({item['title']}): {gaps}")
    if report.dry_run:
        lines.append(t("cli.import_dry_run", lang))
    elif report.committed:
        lines.append(t("cli.import_committed", lang))
    else:
        lines.append(t("cli.import_refused", lang))
    return "\n".join(lines)


@import_group.command("participants")
@_import_options
@pass_ctx
def import_participants(obj: Context, file: str, sheet, dry_run: bool, skip_invalid: bool) -> None:
    """Import an attendance list: one row per attendee per activity."""
    _run_import(obj, "participants", file, sheet, dry_run, skip_invalid)


@import_group.command("use-cases")
@_import_options
@pass_ctx
def import_use_cases(obj: Context, file: str, sheet, dry_run: bool, skip_invalid: bool) -> None:
    """Import the use-case sheet: one row per use case, a column per stage date."""
    _run_import(obj, "use-cases", file, sheet, dry_run, skip_invalid)


# --- snapshot --------------------------------------------------------------------------------


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from funnel.dates import parse_date

    try:
        return parse_date(value)
    except FunnelError as error:
        raise click.BadParameter(error.message(ctx.obj.lang if ctx.obj else "nl")) from error


def _check_as_of(obj: Context, year: int, as_of: dt.date | None) -> None:
    if as_of is not None and as_of < dt.date(year, 1, 1):
        raise click.BadParameter(
            t("cli.as_of_before_year", obj.lang, year=year), param_hint="--as-of"
        )


def _refuse(obj: Context, error: FunnelError) -> NoReturn:
    """Invalid data (an unknown snapshot, a blank label, ...): the message, exit status 1."""
    message = error.message(obj.lang)
    if error.field and f"field.{error.field}" in CATALOGUE:
        message = f"{t(f'field.{error.field}', obj.lang)}: {message}"
    click.echo(message, err=True)
    sys.exit(1)


def _write(obj: Context, output: str | None, content: bytes | str) -> None:
    """Text to stdout (or --output); a file format to --output."""
    if output is None:
        assert isinstance(content, str)
        click.echo(content)
        return
    data = (content + "\n").encode("utf-8") if isinstance(content, str) else content
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise click.FileError(output, hint=error.strerror or str(error)) from error
    click.echo(t("export.written", obj.lang, path=output), err=True)


def _as_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


_FORMAT_HELP = "json and text print to stdout; xlsx and pdf write the report pack to --output."
_OUTPUT_HELP = "File to write (required for xlsx and pdf; for json and text instead of stdout)."


@cli.group(invoke_without_command=True)
@click.option(
    "--year", type=click.IntRange(2000, 2100), default=None, help="Year (default: this year)."
)
@click.option(
    "--as-of",
    callback=_parse_date,
    default=None,
    help="Count as of this date (default: end of year, or today).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "xlsx", "pdf"]),
    default="json",
    show_default=True,
    help=_FORMAT_HELP,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help=_OUTPUT_HELP)
@click.option(
    "--against",
    type=int,
    default=None,
    help="For xlsx and pdf: compare with this frozen snapshot (its id).",
)
@click.pass_context
def snapshot(
    ctx: click.Context,
    year: int | None,
    as_of: dt.date | None,
    fmt: str,
    output: str | None,
    against: int | None,
) -> None:
    """Print the live funnel snapshot of a year (every goal against its target, the funnel), or
    export it; the subcommands freeze it for a stuurgroep meeting and read frozen ones."""
    obj: Context = ctx.obj
    if ctx.invoked_subcommand is not None:
        return
    year = year or dt.date.today().year
    _check_as_of(obj, year, as_of)
    if fmt in ("xlsx", "pdf") and output is None:
        raise click.UsageError(t("export.output_required", obj.lang, fmt=fmt))
    try:
        if fmt in ("xlsx", "pdf"):
            report = exports.build_report(obj.db, year, as_of, obj.lang, against)
            build = exports.report_xlsx if fmt == "xlsx" else exports.report_pdf
            _write(obj, output, build(report))
            return
        data = goals.snapshot(obj.db, year, as_of)
    except FunnelError as error:
        _refuse(obj, error)
    _write(obj, output, _as_json(data) if fmt == "json" else render_snapshot_text(data, obj.lang))


@snapshot.command("freeze")
@click.option("--label", required=True, help='Name of the meeting, e.g. "Stuurgroep maart 2026".')
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Year.")
@click.option(
    "--as-of",
    callback=_parse_date,
    default=None,
    help="Count as of this date (default: end of year, or today).",
)
@click.option(
    "--meeting-date",
    callback=_parse_date,
    default=None,
    help="Date of the meeting (default: today).",
)
@pass_ctx
def snapshot_freeze(
    obj: Context, label: str, year: int, as_of: dt.date | None, meeting_date: dt.date | None
) -> None:
    """Freeze the snapshot for a stuurgroep meeting; prints the new frozen snapshot's id."""
    _check_as_of(obj, year, as_of)
    try:
        snapshot_id = meetings.freeze(obj.db, label, year, as_of, meeting_date)
    except FunnelError as error:
        _refuse(obj, error)
    click.echo(snapshot_id)
    click.echo(t("cli.frozen", obj.lang, id=snapshot_id, label=label.strip()), err=True)


@snapshot.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@pass_ctx
def snapshot_list(obj: Context, fmt: str) -> None:
    """List the frozen snapshots in meeting order (id, label, meeting date, year, as-of)."""
    found = meetings.list_snapshots(obj.db)
    if fmt == "json":
        click.echo(_as_json([s.to_json() for s in found]))
        return
    if not found:
        click.echo(t("cli.no_frozen", obj.lang))
        return
    click.echo(
        f"{'id':>4}  {t('export.meeting_date', obj.lang):<14}{t('common.year', obj.lang):<6}"
        f"{t('snap.as_of', obj.lang):<14}{t('export.meeting_label', obj.lang)}"
    )
    for s in found:
        click.echo(
            f"{s.id:>4}  {fmt_date(s.meeting_date, obj.lang):<14}{s.year:<6}"
            f"{fmt_date(s.as_of, obj.lang):<14}{s.label}"
        )


@snapshot.command("show")
@click.argument("snapshot_id", metavar="ID", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "xlsx", "pdf"]),
    default="json",
    show_default=True,
    help=_FORMAT_HELP,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help=_OUTPUT_HELP)
@click.option(
    "--against",
    default="previous",
    show_default=True,
    help="For xlsx and pdf: the frozen snapshot to compare with (an id, previous or none).",
)
@pass_ctx
def snapshot_show(
    obj: Context, snapshot_id: int, fmt: str, output: str | None, against: str
) -> None:
    """Print a frozen snapshot's figures (the keys of the live snapshot), or export it."""
    if fmt in ("xlsx", "pdf") and output is None:
        raise click.UsageError(t("export.output_required", obj.lang, fmt=fmt))
    choice: int | str | None = against.strip().casefold()
    if choice in ("none", "geen"):
        choice = None
    elif choice != "previous":
        if not str(choice).isdigit():
            raise click.BadParameter(against, param_hint="--against")
        choice = int(str(choice))
    try:
        if fmt in ("xlsx", "pdf"):
            report = exports.frozen_report(obj.db, snapshot_id, obj.lang, choice)
            build = exports.report_xlsx if fmt == "xlsx" else exports.report_pdf
            _write(obj, output, build(report))
            return
        found = meetings.load(obj.db, snapshot_id)
        if fmt == "json":
            _write(obj, output, _as_json(found.figures))
            return
        lines = [
            t(
                "cli.frozen_header",
                obj.lang,
                label=found.label,
                date=fmt_date(found.meeting_date, obj.lang),
            ),
            "",
            render_snapshot_text(found.figures, obj.lang),
        ]
        drifted = meetings.drift_sentences(meetings.drift(obj.db, found), obj.lang)
        if drifted:
            lines += ["", t("export.drift_heading", obj.lang)] + [f"  - {d}" for d in drifted]
        _write(obj, output, "\n".join(lines))
    except FunnelError as error:
        _refuse(obj, error)


@snapshot.command("compare")
@click.argument("before", metavar="A")
@click.argument("after", metavar="B")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@pass_ctx
def snapshot_compare(obj: Context, before: str, after: str, fmt: str) -> None:
    """What moved from frozen snapshot A to B (an id each, or "now" for the live snapshot of this
    year as of today): use cases that entered, moved, were realised, parked or dropped, new
    participating organisations, and each figure's change."""
    try:
        comparison = meetings.compare(
            meetings.resolve(obj.db, before), meetings.resolve(obj.db, after)
        )
    except FunnelError as error:
        _refuse(obj, error)
    if fmt == "json":
        data = comparison.to_json()
        data["sentences"] = meetings.sentences(comparison, obj.lang)
        click.echo(_as_json(data))
        return
    click.echo(render_comparison_text(comparison, obj.lang))


def _side_label(found: meetings.Capture, lang: str) -> str:
    as_of = fmt_date(found.as_of, lang)
    if found.frozen:
        return t("cli.side_frozen", lang, id=found.id, label=found.label, as_of=as_of)
    return t("cli.side_live", lang, as_of=as_of)


def render_comparison_text(comparison: meetings.Comparison, lang: str = "nl") -> str:
    """What moved in sentences, then each figure's change in a table."""
    header = t(
        "cli.compare_header",
        lang,
        before=_side_label(comparison.before, lang),
        after=_side_label(comparison.after, lang),
    )
    lines = [header, "=" * len(header), ""]
    lines += [f"- {line}" for line in meetings.sentences(comparison, lang)]
    label_w = max(len(t(f"kpi.{k.key}", lang)) for k in goals.KPIS) + 2
    lines += [
        "",
        f"{t('snap.col_kpi', lang):<{label_w}}{t('export.col_from', lang):>10}"
        f"{t('export.col_to', lang):>10}{t('export.col_change', lang):>12}",
    ]
    for change in comparison.changes:
        kpi = goals.KPI_BY_KEY[change.key]
        row = _row(kpi, change.after, None, change.change)
        before_text = _row(kpi, change.before, None, None).shown(lang)
        lines.append(
            f"{t(f'kpi.{change.key}', lang):<{label_w}}{before_text:>10}"
            f"{row.shown(lang):>10}{row.delta_shown(lang):>12}"
        )
    return "\n".join(lines)


def _row(
    kpi: goals.Kpi, actual: float | None, target: int | None, delta: float | None
) -> exports.KpiRow:
    """A figure as the exports format it (a share in percent, a change with its sign)."""
    return exports.KpiRow(
        key=kpi.key,
        label="",
        actual=actual,
        target=target,
        share=goals.share_of_target(kpi, actual, target),
        rule="",
        delta=delta,
        percent=kpi.percent,
    )


KPI_ROWS = exports.KPI_ROWS


def render_snapshot_text(data: dict, lang: str = "nl") -> str:
    """The snapshot as a readable table: each figure with its target and % of target."""
    as_of = dt.date.fromisoformat(data["as_of"])
    header = t("snap.title", lang, year=data["year"], as_of=fmt_date(as_of, lang, long=True))
    label_w = max(len(t(f"kpi.{k.key}", lang)) for k in goals.KPIS) + 2
    lines = [header, "=" * len(header), ""]
    lines.append(
        f"{t('snap.col_kpi', lang):<{label_w}}{t('snap.col_actual', lang):>10}"
        f"{t('snap.col_target', lang):>10}{t('snap.col_pct', lang):>12}"
    )
    for kpi in goals.KPIS:
        target = data["targets"].get(kpi.target) if kpi.target else None
        row = _row(kpi, data.get(kpi.key), target, None)
        pct = fmt_percent(row.share, lang) if kpi.target else ""
        lines.append(
            f"{t(f'kpi.{kpi.key}', lang):<{label_w}}{row.shown(lang):>10}"
            f"{row.target_shown(lang):>10}{pct:>12}"
        )
    lines += ["", t("snap.funnel", lang)]
    for stage, count in data["funnel"].items():
        lines.append(f"  {t(f'stage.{stage}', lang):<{label_w - 2}}{count:>10}")
    return "\n".join(lines)


# --- demo, users, backup -----------------------------------------------------------------------


@cli.command()
@click.option("--force", is_flag=True, help="Fill even if the database already holds data.")
@pass_ctx
def demo(obj: Context, force: bool) -> None:
    """Fill the database with the Techport demo data set (and the demo accounts)."""
    from funnel import demo as demo_data

    try:
        summary = demo_data.fill(obj.db, force=force)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    click.echo(t("cli.demo_done", obj.lang, **summary))


@cli.group()
def user() -> None:
    """Manage sign-in accounts."""


def _read_password(prompt: bool) -> str:
    if sys.stdin.isatty() and prompt:
        return click.prompt("Password / wachtwoord", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "display_name", default="", help="Display name.")
@pass_ctx
def user_add(obj: Context, username: str, role: str, display_name: str) -> None:
    """Add an account; the password is read from the terminal or stdin."""
    password = _read_password(True)
    try:
        auth.create_user(obj.db, username, password, role, display_name)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    click.echo(t("cli.user_added", obj.lang, username=username, role=role))


@user.command("passwd")
@click.argument("username")
@pass_ctx
def user_passwd(obj: Context, username: str) -> None:
    """Set a new password; read from the terminal or stdin."""
    password = _read_password(True)
    try:
        auth.set_password(obj.db, username, password)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    click.echo(t("cli.password_set", obj.lang, username=username))


@user.command("list")
@pass_ctx
def user_list(obj: Context) -> None:
    """List the accounts."""
    for u in auth.list_users(obj.db):
        state = "" if u["active"] else f" ({t('users.disabled', obj.lang)})"
        click.echo(f"{u['username']:<20}{u['role']:<18}{u['display_name']}{state}")


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@pass_ctx
def backup(obj: Context, path: str) -> None:
    """Write a consistent copy of the database to PATH (safe while the app runs)."""
    out = storage.backup(obj.db, Path(path))
    click.echo(t("cli.backup_done", obj.lang, path=str(out)))


def main() -> None:
    cli(prog_name="python -m funnel")

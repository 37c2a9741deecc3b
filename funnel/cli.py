"""The command line: ``python -m funnel [--db PATH] COMMAND`` (imports, snapshots and meetings,
demo, users, backup, restore, doctor).

Each command imports what it uses inside its body, so that ``--help`` and ``snapshot --format
json`` start fast: no PDF, Excel, chart or dataframe library is loaded for them
(tests/unit/test_cli_start.py checks it).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
import sqlite_utils

from funnel import db as storage
from funnel.errors import FunnelError
from funnel.i18n import CATALOGUE, fmt_date, fmt_number, fmt_percent, plural, t
from funnel.models import Role

if TYPE_CHECKING:
    from funnel import auth, exports, goals, imports, meetings


class Context:
    def __init__(self, db_path: str | None, lang: str) -> None:
        self.db_path = db_path
        self.lang = lang
        self._db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            self._db = storage.connect(self.db_path)
            storage.on_wait(self._db, self._say_waiting)
        return self._db

    def _say_waiting(self, seconds: float) -> None:
        click.echo(t("cli.waiting", self.lang, seconds=int(seconds)), err=True)


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
    obj: Context,
    kind: str,
    file: str,
    sheet,
    dry_run: bool,
    skip_invalid: bool,
    activity: int | None = None,
) -> None:
    from functools import partial

    from funnel import imports, settings

    lang = obj.lang
    importer = imports.IMPORTERS[kind]
    if activity is not None:
        importer = partial(imports.import_signups, activity_id=activity)
        if not obj.db.execute("SELECT 1 FROM activities WHERE id = ?", [activity]).fetchone():
            click.echo(t("cli.activity_unknown", lang, id=activity), err=True)
            sys.exit(2)
    try:
        report = importer(
            obj.db,
            file,
            name=file,
            sheet=sheet,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            limits=settings.command_line_limits(obj.db),  # refused before it is read
        )
    except FunnelError as error:
        # a file that cannot be read as a table: one message, on its row where it has one
        line = error.params.get("line")
        message = error.message(lang)
        if line:
            click.echo(f"{file}:{line}: {error.field or '-'}: {message}", err=True)
        elif file in message:  # the message names the file itself: not "F: 'F' is 22 MB"
            click.echo(message, err=True)
        else:
            click.echo(f"{file}: {message}", err=True)
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
            rows=plural("cli.rows", report.rows_read, lang),
            # every count the same way as the rows' ("1.200" in Dutch, "1,200" in English)
            valid=fmt_number(report.valid_rows, lang),
            invalid=fmt_number(len(set(report.invalid_lines)), lang),
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
                new=fmt_number(counts["new"], lang),
                updated=fmt_number(counts["updated"], lang),
                unchanged=fmt_number(counts["unchanged"], lang),
            )
        )
    if report.incomplete and shown:
        lines.append(plural("cli.import_incomplete", len(report.incomplete), lang))
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
@click.option(
    "--activity",
    type=int,
    default=None,
    metavar="ID",
    help="A sign-up list for this activity: no date or activity columns needed.",
)
@pass_ctx
def import_participants(
    obj: Context, file: str, sheet, dry_run: bool, skip_invalid: bool, activity: int | None
) -> None:
    """Import an attendance list: one row per attendee per activity (or, with --activity, a
    sign-up list for one activity)."""
    _run_import(obj, "participants", file, sheet, dry_run, skip_invalid, activity)


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
    from funnel import goals

    obj: Context = ctx.obj
    if ctx.invoked_subcommand is not None:
        return
    year = year or dt.date.today().year
    _check_as_of(obj, year, as_of)
    if fmt in ("xlsx", "pdf") and output is None:
        raise click.UsageError(t("export.output_required", obj.lang, fmt=fmt))
    try:
        if fmt in ("xlsx", "pdf"):
            from funnel import exports

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
    from funnel import meetings

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
    from funnel import meetings

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
    from funnel import exports, meetings

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
    from funnel import meetings

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
    from funnel import goals, meetings

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
    from funnel import exports, goals

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


def render_snapshot_text(data: dict, lang: str = "nl") -> str:
    """The snapshot as a readable table: each figure with its target and % of target."""
    from funnel import goals

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


@cli.group(invoke_without_command=True)
@click.option(
    "--force", is_flag=True, help="Fill even if the database already holds demo data (a demo only)."
)
@click.option(
    "--scale",
    type=click.FloatRange(min=0.01),
    default=None,
    help="Synthetic data at N times the demo size, written as import files and imported.",
)
@click.option(
    "--files",
    type=click.Path(file_okay=False),
    default=None,
    help="With --scale: where to keep the import files (default: a temporary folder).",
)
@click.pass_context
def demo(ctx: click.Context, force: bool, scale: float | None, files: str | None) -> None:
    """Fill the database with the Techport demo data set (and the demo accounts); `demo end`
    makes a demo database a real one. A database with accounts or data of its own is refused."""
    from funnel import demo as demo_data

    obj: Context = ctx.obj
    if ctx.invoked_subcommand is not None:
        return
    if scale is not None:
        _scaled_demo(obj, scale, files)
        return
    try:
        summary = demo_data.fill(obj.db, force=force)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    click.echo(t("cli.demo_done", obj.lang, **summary))


@demo.command("end")
@pass_ctx
def demo_end(obj: Context) -> None:
    """Make the demo database a real one: the demo accounts are removed (their passwords are
    public). Needs an active programme leader account of your own first (`user add`)."""
    from funnel import auth

    try:
        if not auth.is_demo(obj.db):
            raise FunnelError("not_a_demo")
        removed = auth.end_demo(obj.db)
    except FunnelError as error:
        _refuse(obj, error)
    click.echo(t("cli.demo_ended", obj.lang, names=", ".join(removed) or "-"))


def _scaled_demo(obj: Context, scale: float, files: str | None) -> None:
    import tempfile

    from funnel import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(files) if files else Path(tmp)
        try:
            summary = synthetic.fill(
                obj.db, scale, folder, progress=lambda path: click.echo(path, err=True)
            )
        except FunnelError as error:
            _refuse(obj, error)
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
@click.option("--email", default="", help="E-mail address for single sign-on.")
@pass_ctx
def user_add(obj: Context, username: str, role: str, display_name: str, email: str) -> None:
    """Add an account; the password is read from the terminal or stdin."""
    from funnel import auth

    password = _read_password(True)
    try:
        auth.create_user(obj.db, username, password, role, display_name, email or None)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    click.echo(t("cli.user_added", obj.lang, username=username, role=role))


@user.command("passwd")
@click.argument("username")
@pass_ctx
def user_passwd(obj: Context, username: str) -> None:
    """Set a new password; read from the terminal or stdin."""
    from funnel import auth

    password = _read_password(True)
    try:
        auth.set_password(obj.db, username, password)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    click.echo(t("cli.password_set", obj.lang, username=username))


@user.command("email")
@click.argument("username")
@click.argument("email", default="")
@pass_ctx
def user_email(obj: Context, username: str, email: str) -> None:
    """Set the e-mail address an account signs in with by single sign-on; none removes it."""
    from funnel import auth

    name = username.strip().casefold()
    found = [u for u in auth.list_users(obj.db) if u["username"].casefold() == name]
    try:
        if not found:
            raise FunnelError("user_unknown", field="username", value=username)
        auth.set_email(obj.db, found[0]["id"], email)
    except FunnelError as error:
        click.echo(error.message(obj.lang), err=True)
        sys.exit(1)
    address = (email or "").strip().casefold()
    if address:
        click.echo(t("cli.email_set", obj.lang, username=found[0]["username"], email=address))
    else:
        click.echo(t("cli.email_cleared", obj.lang, username=found[0]["username"]))


@user.command("list")
@pass_ctx
def user_list(obj: Context) -> None:
    """List the accounts."""
    from funnel import auth

    for u in auth.list_users(obj.db):
        state = "" if u["active"] else f" ({t('users.disabled', obj.lang)})"
        email = f" <{u['email']}>" if u["email"] else ""
        click.echo(f"{u['username']:<20}{u['role']:<18}{u['display_name']}{email}{state}")


@cli.command()
@click.argument("path", type=click.Path())
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=None,
    help="PATH is a folder: write a dated backup there and keep only the newest N.",
)
@pass_ctx
def backup(obj: Context, path: str, keep: int | None) -> None:
    """Write a consistent copy of the database to PATH (safe while the app runs); a folder
    gets a dated file (funnel-YYYYMMDD-HHMMSS.db)."""
    from funnel import maintenance

    try:
        if keep is not None or Path(path).is_dir():
            out = maintenance.backup_into(obj.db, Path(path), keep=keep)
        else:
            out = maintenance.backup_to(obj.db, Path(path))
    except FunnelError as error:
        _refuse(obj, error)
    click.echo(t("cli.backup_done", obj.lang, path=str(out)))


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation on a terminal.")
@pass_ctx
def restore(obj: Context, path: str, yes: bool) -> None:
    """Replace the database's content by the backup at PATH (checked first: a sound funnel
    database of a known schema version). Safe while the app runs; everybody signs in again.
    A copy of the database as it was is kept beside it."""
    from funnel import maintenance

    try:
        maintenance.check_backup_file(path)
        if not yes and sys.stdin.isatty():
            live = storage.db_path(obj.db_path)
            click.confirm(t("cli.restore_confirm", obj.lang, path=path, db=str(live)), abort=True)
        kept = maintenance.restore(obj.db, path)
    except FunnelError as error:
        _refuse(obj, error)
    click.echo(t("cli.restore_done", obj.lang, path=path, kept=str(kept or "-")))


@cli.command()
@click.option(
    "--backups",
    type=click.Path(file_okay=False),
    default=None,
    envvar="FUNNEL_BACKUPS",
    help="The backup folder to check (default: $FUNNEL_BACKUPS).",
)
@click.option(
    "--max-age-hours",
    type=click.IntRange(min=1),
    default=26,
    show_default=True,
    help="The newest backup may be at most this old.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_ctx
def doctor(obj: Context, backups: str | None, max_age_hours: int, fmt: str) -> None:
    """Check a deployment without changing it: the database opens, the schema is current, its
    integrity, the settings, and the age of the last backup. Exit status 1 on an error."""
    from funnel import maintenance

    found = maintenance.doctor(storage.db_path(obj.db_path), backups, max_age_hours)
    errors = [c for c in found if c.status == "error"]
    if fmt == "json":
        payload = [
            {"check": c.check, "status": c.status, "message": t(c.key, obj.lang, **c.params)}
            for c in found
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for c in found:
            mark = t(f"doctor.status.{c.status}", obj.lang)
            click.echo(f"{mark:<8}{t(c.key, obj.lang, **c.params)}")
        if errors:
            click.echo(plural("doctor.summary_bad", len(errors), obj.lang))
        else:
            click.echo(t("doctor.summary_ok", obj.lang))
    sys.exit(1 if errors else 0)


# --- duplicates and personal data: orgs ..., persons ... -----------------------------------------
#
# The writes act as a named account: ``--as USERNAME`` (or $FUNNEL_AS), an active account whose role
# may do it (the programme leader), so the rights are those of the screens and the merge, keep-apart
# and erasure records say who decided. Reads that show only what the screens show need no account.


def _as_option(fn):
    return click.option(
        "--as",
        "as_user",
        envvar="FUNNEL_AS",
        required=True,
        metavar="USERNAME",
        help="The account that acts (a programme leader); default $FUNNEL_AS.",
    )(fn)


def _format_option(fn):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text for people, json for scripts.",
    )(fn)


def _fail(obj: Context, error: FunnelError) -> None:
    click.echo(error.message(obj.lang), err=True)
    sys.exit(1)


def _actor(obj: Context, username: str) -> auth.Actor:
    from funnel import auth

    try:
        return auth.actor_by_username(obj.db, username)
    except FunnelError as error:
        _fail(obj, error)
        raise  # unreachable: _fail exits


@cli.command("audit")
@_as_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv"]),
    default="csv",
    show_default=True,
    help="csv (UTF-8, comma separated, a header row).",
)
@click.option(
    "--use-case", "use_case", type=int, default=None, help="Only this use case (id) and its rows."
)
@click.option("--organisation", type=int, default=None, help="Only this organisation (id).")
@click.option("--person", type=int, default=None, help="Only this person (id).")
@click.option("--settings", "of_settings", is_flag=True, help="Only the changes of the settings.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help=_OUTPUT_HELP)
@pass_ctx
def audit_command(
    obj: Context,
    as_user: str,
    fmt: str,
    use_case: int | None,
    organisation: int | None,
    person: int | None,
    of_settings: bool,
    output: str | None,
) -> None:
    """The audit trail: every change, who made it and when, field, before and after."""
    from funnel import audit, queries

    chosen = [(s, i) for s, i in (("use_case", use_case), ("organisation", organisation),
                                  ("person", person)) if i is not None]  # fmt: skip
    if of_settings:
        chosen.append(("setting", 0))
    if len(chosen) > 1:
        raise click.UsageError(t("cli.audit_one_subject", obj.lang))
    subject, subject_id = chosen[0] if chosen else (None, None)
    try:
        trail = queries.history(obj.db, _actor(obj, as_user), subject, subject_id)  # type: ignore[arg-type]
    except FunnelError as error:
        _fail(obj, error)
        return
    _write(obj, output, audit.to_csv(trail))


def _person(obj: Context, ref: str) -> int:
    from funnel import privacy

    try:
        return privacy.find_person(obj.db, ref)
    except FunnelError as error:
        _fail(obj, error)
        raise


def _print_duplicates(obj: Context, entity: str, fmt: str) -> None:
    from funnel import duplicates

    found = duplicates.evidence(obj.db, "organisation" if entity == "organisation" else "person")
    if fmt == "json":
        click.echo(json.dumps([e.as_json() for e in found], indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo(t("dq.cli_no_duplicates", obj.lang))
        return
    lang = obj.lang
    for e in found:
        click.echo(t("dq.cli_pair", lang, score=e.score, reason=t(f"dq.reason.{e.reason}", lang)))
        for side in (e.a, e.b):
            keep = t("dq.cli_keep", lang) if side.id == e.keep_id else ""
            facts = [f"#{side.id}", side.name or "–"]
            if side.kvk:
                facts.append(f"KvK {side.kvk}")
            if side.email:
                facts.append(side.email)
            if side.organisation:
                facts.append(side.organisation)
            if side.email_domains and entity == "organisation":
                facts.append("@" + ", @".join(side.email_domains))
            facts.append(plural("dq.participations", side.participations, lang))
            click.echo(f"  {' · '.join(facts)}{keep}")
        for key, items in (
            ("dq.cli_shared_activities", e.shared_activities),
            ("dq.cli_shared_use_cases", e.shared_use_cases),
        ):
            if items:
                more = f" (+{len(items) - 3})" if len(items) > 3 else ""
                click.echo("  " + t(key, lang, items="; ".join(items[:3]) + more))
        for change in e.changes[e.keep_id]:
            click.echo(
                "  "
                + t(
                    "dq.count_change",
                    lang,
                    year=change.year,
                    kpi=t(f"kpi.{change.key}", lang),
                    before=change.before,
                    after=change.after,
                )
            )
        click.echo(
            "  "
            + t(
                "dq.cli_merge_hint",
                lang,
                keep=e.keep_id,
                drop=e.drop_id,
                group=entity_group(entity),
            )
        )


def entity_group(entity: str) -> str:
    return "orgs" if entity == "organisation" else "persons"


def _merge(obj: Context, entity: str, keep: int, drop: int, as_user: str) -> None:
    from funnel import services

    actor = _actor(obj, as_user)
    merge = services.merge_organisations if entity == "organisation" else services.merge_persons
    try:
        merge_id = merge(obj.db, actor, drop, keep)
    except FunnelError as error:
        _fail(obj, error)
    click.echo(
        t(
            "dq.cli_merged",
            obj.lang,
            drop=drop,
            keep=keep,
            merge_id=merge_id,
            group=entity_group(entity),
        )
    )


def _unmerge(obj: Context, entity: str, merge_id: int, as_user: str) -> None:
    from funnel import services

    actor = _actor(obj, as_user)
    record = obj.db.execute("SELECT entity FROM merges WHERE id = ?", [merge_id]).fetchone()
    try:
        if record is None or record[0] != entity:
            raise FunnelError("merge_not_undoable")
        services.undo_merge(obj.db, actor, merge_id)
    except FunnelError as error:
        _fail(obj, error)
    click.echo(t("dq.cli_unmerged", obj.lang, merge_id=merge_id))


def _keep_apart(obj: Context, entity: str, a: int, b: int, as_user: str) -> None:
    from funnel import services

    actor = _actor(obj, as_user)
    try:
        services.keep_apart(
            obj.db, actor, a, b, "organisation" if entity == "organisation" else "person"
        )
    except FunnelError as error:
        _fail(obj, error)
    click.echo(t("dq.cli_kept_apart", obj.lang, a=a, b=b))


@cli.group(name="settings", invoke_without_command=True)
@click.pass_context
def settings_group(ctx: click.Context) -> None:
    """The installation's settings (limits, timeouts): without a subcommand, list them."""
    if ctx.invoked_subcommand is not None:
        return
    from funnel import settings

    obj: Context = ctx.obj
    for name, setting in settings.SETTINGS.items():
        value = settings.get(obj.db, name)
        bounds = f"{setting.minimum}-{setting.maximum}"
        default = t("cli.setting_default", obj.lang, value=setting.default)
        label = t(f"setting.{name}", obj.lang)
        click.echo(f"{name:<22}{value:<9}{bounds:<12}{default:<18}{label}")


@settings_group.command("set")
@click.argument("name")
@click.argument("value")
@_as_option
@pass_ctx
def settings_set(obj: Context, name: str, value: str, as_user: str) -> None:
    """Change the setting NAME to VALUE (a programme leader; kept in the audit trail)."""
    from funnel import services, settings

    if name not in settings.SETTINGS:
        raise click.BadParameter(
            t("cli.setting_unknown", obj.lang, names=", ".join(settings.SETTINGS)),
            param_hint="NAME",
        )
    actor = _actor(obj, as_user)
    try:
        with storage.acting(obj.db, actor.id, "cli"):
            number = services.set_setting(obj.db, actor, name, value)
    except FunnelError as error:
        _fail(obj, error)
        return
    click.echo(t("cli.setting_set", obj.lang, name=name, value=number))


@cli.group()
def orgs() -> None:
    """Organisations: duplicates (with evidence), merge, undo a merge, keep apart."""


@orgs.command("duplicates")
@_format_option
@pass_ctx
def orgs_duplicates(obj: Context, fmt: str) -> None:
    """List organisations that may be one, best first, with the evidence."""
    _print_duplicates(obj, "organisation", fmt)


@orgs.command("merge")
@click.argument("keep", type=int)
@click.argument("drop", type=int)
@_as_option
@pass_ctx
def orgs_merge(obj: Context, keep: int, drop: int, as_user: str) -> None:
    """Merge organisation DROP into KEEP (ids); DROP counts as KEEP from now on; undoable."""
    _merge(obj, "organisation", keep, drop, as_user)


@orgs.command("unmerge")
@click.argument("merge_id", type=int)
@_as_option
@pass_ctx
def orgs_unmerge(obj: Context, merge_id: int, as_user: str) -> None:
    """Undo the organisation merge MERGE_ID: both count on their own again."""
    _unmerge(obj, "organisation", merge_id, as_user)


@orgs.command("keep-apart")
@click.argument("a", type=int)
@click.argument("b", type=int)
@_as_option
@pass_ctx
def orgs_keep_apart(obj: Context, a: int, b: int, as_user: str) -> None:
    """Record that organisations A and B are different: they are not proposed again."""
    _keep_apart(obj, "organisation", a, b, as_user)


@cli.group()
def persons() -> None:
    """Persons: duplicates, merge, undo, keep apart; export or erase a person's data (AVG/GDPR)."""


@persons.command("duplicates")
@_format_option
@pass_ctx
def persons_duplicates(obj: Context, fmt: str) -> None:
    """List persons that may be one (same name in one organisation, or same e-mail local part)."""
    _print_duplicates(obj, "person", fmt)


@persons.command("merge")
@click.argument("keep")
@click.argument("drop")
@_as_option
@pass_ctx
def persons_merge(obj: Context, keep: str, drop: str, as_user: str) -> None:
    """Merge person DROP into KEEP (each an id or an e-mail address); undoable."""
    _merge(obj, "person", _person(obj, keep), _person(obj, drop), as_user)


@persons.command("unmerge")
@click.argument("merge_id", type=int)
@_as_option
@pass_ctx
def persons_unmerge(obj: Context, merge_id: int, as_user: str) -> None:
    """Undo the person merge MERGE_ID."""
    _unmerge(obj, "person", merge_id, as_user)


@persons.command("keep-apart")
@click.argument("a")
@click.argument("b")
@_as_option
@pass_ctx
def persons_keep_apart(obj: Context, a: str, b: str, as_user: str) -> None:
    """Record that persons A and B (ids or e-mail addresses) are different people."""
    _keep_apart(obj, "person", _person(obj, a), _person(obj, b), as_user)


@persons.command("export")
@click.argument("person")
@_as_option
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, help="File instead of stdout."
)
@pass_ctx
def persons_export(obj: Context, person: str, as_user: str, output: str | None) -> None:
    """Print everything the database holds about PERSON (id or e-mail) as JSON."""
    from funnel import queries

    actor = _actor(obj, as_user)
    try:
        data = queries.export_person(obj.db, actor, _person(obj, person))
    except FunnelError as error:
        _fail(obj, error)
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if output is None:
        click.echo(text)
        return
    try:
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise click.FileError(output, hint=error.strerror or str(error)) from error
    click.echo(t("export.written", obj.lang, path=output), err=True)


@persons.command("erase")
@click.argument("person")
@_as_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation on a terminal.")
@pass_ctx
def persons_erase(obj: Context, person: str, as_user: str, yes: bool) -> None:
    """Erase PERSON (id or e-mail) for good: name, e-mail and free text about them; the counts stay."""
    from funnel import services

    actor = _actor(obj, as_user)
    person_id = _person(obj, person)
    if not yes and sys.stdin.isatty():
        click.confirm(t("dq.cli_erase_confirm", obj.lang, person=person), abort=True)
    try:
        erased = services.erase_person(obj.db, actor, person_id)
    except FunnelError as error:
        _fail(obj, error)
    click.echo(
        t(
            "dq.cli_erased",
            obj.lang,
            person_id=erased.person_id,
            records=erased.records,
            texts=erased.texts,
        )
    )
    if not erased.wal_cleared:
        click.echo(t("dq.wal_not_cleared", obj.lang), err=True)


@persons.command("retention")
@_format_option
@pass_ctx
def persons_retention(obj: Context, fmt: str) -> None:
    """List the persons not seen for the retention setting's years (to erase)."""
    from funnel import queries, settings

    due = queries.persons_due_for_erasure(obj.db)
    if fmt == "json":
        click.echo(json.dumps(due, indent=2, ensure_ascii=False, default=str))
        return
    click.echo(
        plural(
            "dq.cli_retention",
            len(due),
            obj.lang,
            years=settings.get(obj.db, "retention_years"),
        )
    )
    for r in due:
        name = r["name"] or r["email"] or "–"
        click.echo(f"  #{r['id']:<6}{name:<32}{r['last_seen']}")


def _lang_of(argv: list[str]) -> str:
    """The --lang the command line asked for (for a message outside any command)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("FUNNEL_LANG", "nl")


def main() -> None:
    """``python -m funnel``: click parses, our catalogue speaks (also click's usage errors)."""
    argv = sys.argv[1:]
    try:
        status = cli.main(args=argv, prog_name="python -m funnel", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        error.show()  # the help text itself, when a command is named without its subcommand
        sys.exit(error.exit_code)
    except click.UsageError as error:
        click.echo(render_usage_error(error, _error_lang(error, argv)), err=True)
        sys.exit(error.exit_code)
    except click.FileError as error:
        reason = error.message or ""
        lang = _error_lang(None, argv)
        click.echo(t("cli.file_error", lang, path=error.ui_filename, reason=reason), err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        click.echo(t("cli.usage_error", _error_lang(None, argv), message=error.message), err=True)
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo(t("cli.aborted", _error_lang(None, argv)), err=True)
        sys.exit(1)
    except FunnelError as error:
        # a refusal no command caught (e.g. the database stayed busy): a message, never a traceback
        click.echo(error.message(_lang_of(argv)), err=True)
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


def _error_lang(error: click.UsageError | None, argv: list[str]) -> str:
    """The language chosen with --lang (or $FUNNEL_LANG), also when click stopped before it."""
    chosen = None
    if error is not None and error.ctx is not None:
        chosen = error.ctx.find_root().params.get("lang")
    return "en" if (chosen or _lang_of(argv)) == "en" else "nl"


#: click's own messages (it has no Dutch), read back to say them in the user's language; the
#: ones that name a file need no "invalid value for FILE" in front
_QUOTED = r"(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
_CLICK_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (rf"\w+ {_QUOTED} does not exist\.", "cli.usage.path_missing"),
        (rf"\w+ {_QUOTED} is a directory\.", "cli.usage.path_is_directory"),
        (rf"\w+ {_QUOTED} is a file\.", "cli.usage.path_is_file"),
        (rf"\w+ {_QUOTED} is not readable\.", "cli.usage.path_not_readable"),
        (rf"\w+ {_QUOTED} is not writable\.", "cli.usage.path_not_writable"),
        (rf"{_QUOTED} is not a valid integer(?: range)?\.", "cli.usage.not_an_integer"),
        (rf"{_QUOTED} is not a valid float(?: range)?\.", "cli.usage.not_a_number"),
        (r"(?P<value>.+) is not in the range (?P<range>.+)\.", "cli.usage.out_of_range"),
        (rf"{_QUOTED} is not (?:one of )?'.*'\.", "cli.usage.not_a_choice"),
        (r"Got unexpected extra arguments? \((?P<value>.*)\)", "cli.usage.extra_arguments"),
        (r"Missing command\.", "cli.usage.missing_command"),
        (rf"Option {_QUOTED} does not take a value\.", "cli.usage.option_takes_no_value"),
        (
            rf"Option {_QUOTED} requires (?:an argument|\d+ arguments)\.",
            "cli.usage.option_needs_value",
        ),
    )
)
_NAMES_A_FILE = frozenset(key for _, key in _CLICK_MESSAGES if key.startswith("cli.usage.path_"))


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        try:
            return str(ast.literal_eval(text))
        except (ValueError, SyntaxError):
            return text[1:-1]
    return text


def _click_message(
    message: str, lang: str, param: click.Parameter | None
) -> tuple[str, str] | None:
    """(catalogue key, text) for one of click's own messages; None when it is not one."""
    for pattern, key in _CLICK_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match is None:
            continue
        found = {name: _unquote(value) for name, value in match.groupdict().items()}
        choices = ""
        if param is not None and isinstance(param.type, click.Choice):
            choices = ", ".join(str(choice) for choice in param.type.choices)
        return key, t(key, lang, choices=choices, **found)
    return None


def render_usage_error(error: click.UsageError, lang: str = "nl") -> str:
    """A usage error as click shows it (usage line, where to find help, the error), but in the
    user's language: our own messages as they are, click's own in the catalogue's words."""
    ctx = error.ctx
    lines: list[str] = []
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        lines.append(t("cli.usage.usage", lang, usage=f"{ctx.command_path} {pieces}".strip()))
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(t("cli.usage.help_hint", lang, command=ctx.command_path))
        lines.append("")
    lines.append(t("cli.usage.error", lang, message=_usage_message(error, lang)))
    return "\n".join(lines)


def _usage_message(error: click.UsageError, lang: str) -> str:
    if isinstance(error, (click.NoSuchOption, click.exceptions.NoSuchCommand)):
        if isinstance(error, click.NoSuchOption):
            text = t("cli.usage.no_such_option", lang, option=error.option_name)
        else:
            text = t("cli.usage.no_such_command", lang, command=error.command_name)
        if error.possibilities:
            names = ", ".join(f"'{p}'" for p in sorted(error.possibilities))
            text += " " + t("cli.usage.did_you_mean", lang, possibilities=names)
        return text
    if isinstance(error, click.MissingParameter):
        param = error.param
        hint = param.get_error_hint(error.ctx) if param is not None else ""
        is_argument = isinstance(param, click.Argument) or error.param_type == "argument"
        text = t(
            "cli.usage.missing_argument" if is_argument else "cli.usage.missing_option",
            lang,
            name=hint,
        )
        if param is not None and isinstance(param.type, click.Choice):
            choices = ", ".join(str(choice) for choice in param.type.choices)
            text += " " + t("cli.usage.choose_from", lang, choices=choices)
        return text
    said = _click_message(error.message, lang, getattr(error, "param", None))
    if said is None:
        text = error.message  # our own (a command's or a callback's), already in the user's words
    else:
        key, text = said
        if key in _NAMES_A_FILE:
            return text
    if isinstance(error, click.BadParameter):
        if error.param is not None:
            hint = error.param.get_error_hint(error.ctx)
        elif error.param_hint:
            hint = f"'{error.param_hint}'"
        else:
            return text
        return t("cli.usage.bad_value", lang, param=hint, message=text)
    return text

"""The command line: ``python -m funnel [--db PATH] COMMAND`` (imports, snapshot, demo, users, backup)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click
import sqlite_utils

from funnel import auth, exports, imports, metrics
from funnel import db as storage
from funnel.errors import FunnelError
from funnel.i18n import fmt_percent, plural, t
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
            rows=plural("cli.rows", report.rows_read, lang),
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


def _parse_as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from funnel.dates import parse_date

    try:
        return parse_date(value)
    except FunnelError as error:
        raise click.BadParameter(error.message(ctx.obj.lang if ctx.obj else "nl")) from error


@cli.command()
@click.option(
    "--year", type=click.IntRange(2000, 2100), default=None, help="Year (default: this year)."
)
@click.option(
    "--as-of",
    callback=_parse_as_of,
    default=None,
    help="Count as of this date (default: end of year, or today).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "xlsx", "pdf"]),
    default="json",
    show_default=True,
    help="json and text print to stdout; xlsx and pdf write the report to --output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (required for xlsx and pdf; for json and text instead of stdout).",
)
@pass_ctx
def snapshot(
    obj: Context, year: int | None, as_of: dt.date | None, fmt: str, output: str | None
) -> None:
    """Print the funnel snapshot of a year (KPIs against targets, the funnel), or export it."""
    year = year or dt.date.today().year
    if as_of is not None and as_of < dt.date(year, 1, 1):
        raise click.BadParameter(
            t("cli.as_of_before_year", obj.lang, year=year), param_hint="--as-of"
        )
    if fmt in ("xlsx", "pdf") and output is None:
        raise click.UsageError(t("export.output_required", obj.lang, fmt=fmt))
    if fmt in ("xlsx", "pdf"):
        build = exports.snapshot_xlsx if fmt == "xlsx" else exports.snapshot_pdf
        content = build(obj.db, year, as_of, lang=obj.lang)
    else:
        data = metrics.snapshot(obj.db, year, as_of)
        if fmt == "json":
            text = json.dumps(data, indent=2, ensure_ascii=False)
        else:
            text = render_snapshot_text(data, obj.lang)
        if output is None:
            click.echo(text)
            return
        content = (text + "\n").encode("utf-8")
    assert output is not None  # required above for the file formats, returned above otherwise
    try:
        Path(output).write_bytes(content)
    except OSError as error:
        raise click.FileError(output, hint=error.strerror or str(error)) from error
    click.echo(t("export.written", obj.lang, path=output), err=True)


KPI_ROWS = exports.KPI_ROWS


def render_snapshot_text(data: dict, lang: str = "nl") -> str:
    """The snapshot as a readable table: each KPI with its target and % of target."""
    as_of = dt.date.fromisoformat(data["as_of"])
    from funnel.i18n import fmt_date

    header = t("snap.title", lang, year=data["year"], as_of=fmt_date(as_of, lang, long=True))
    label_w = max(len(t(f"kpi.{k}", lang)) for k, _ in KPI_ROWS) + 2
    lines = [header, "=" * len(header), ""]
    lines.append(
        f"{t('snap.col_kpi', lang):<{label_w}}{t('snap.col_actual', lang):>10}"
        f"{t('snap.col_target', lang):>10}{t('snap.col_pct', lang):>12}"
    )
    for key, target_key in KPI_ROWS:
        actual = data[key]
        target = data["targets"].get(target_key) if target_key else None
        pct = fmt_percent(actual / target, lang) if target else ("–" if target_key else "")
        target_text = str(target) if target is not None else ""
        lines.append(f"{t(f'kpi.{key}', lang):<{label_w}}{actual:>10}{target_text:>10}{pct:>12}")
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


def _lang_of(argv: list[str]) -> str:
    """The --lang the command line asked for (for a message outside any command)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("FUNNEL_LANG", "nl")


def main() -> None:
    try:
        cli(prog_name="python -m funnel")
    except FunnelError as error:
        # a refusal no command caught (e.g. the database stayed busy): a message, never a traceback
        click.echo(error.message(_lang_of(sys.argv[1:])), err=True)
        sys.exit(1)

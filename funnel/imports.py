"""Imports: read and validate the whole file -> plan every row -> apply in one transaction.

The file is read and every row validated first (no database). Then every row is resolved and
written on a private copy of the database (:mod:`funnel.plan`), outside the write lock, each
row in a savepoint; the report says what is new, updated and unchanged. A dry run, or a file
with invalid rows (unless ``skip_invalid``), stops there: nothing was written and no lock was
taken. Otherwise the plan is applied to the database in one short transaction, so a crash or a
kill leaves the database as it was before or as it is after, never half.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import sqlite_utils

from funnel import queries
from funnel.dates import parse_date, parse_optional_date
from funnel.db import insert_row, now_iso, one, rows, transaction
from funnel.directory import Resolved, resolve_org, resolve_person
from funnel.errors import FunnelError
from funnel.i18n import t
from funnel.identity import (
    clean_text,
    normal_org_name,
    normal_text,
    normalize_email,
    normalize_kvk,
    parse_org_kind,
)
from funnel.models import OrgKind, Stage, Theme
from funnel.plan import planned_write
from funnel.stages import reached_by_history, unmet_gates
from funnel.tables import NO_LIMITS, Limits, Table, map_columns, read_table

PARTICIPANT_COLUMNS: dict[str, tuple[str, ...]] = {
    "activity_date": ("activity_date", "datum", "date", "activiteit datum", "datum activiteit"),
    "activity": ("activity", "activiteit", "activity title", "titel activiteit", "bijeenkomst"),
    "activity_type": ("activity_type", "type activiteit", "activiteit type", "soort activiteit"),
    "fieldlab": ("fieldlab",),
    "organisation": (
        "organisation", "organisatie", "organization", "bedrijf", "organisatienaam", "company",
        "organisation name", "organization name", "bedrijfsnaam", "company name", "instelling",
    ),
    "kvk": (
        "kvk", "kvk nummer", "kvk-nummer", "kvknummer", "kvk number", "coc number", "kvk nr",
        "kvk-nr", "kvknr", "kvk no",
    ),
    "organisation_type": (
        "organisation_type", "type organisatie", "organisatie type", "organization type",
        "soort organisatie", "organisatietype", "organisation type", "soort",
    ),
    "person": (
        "person", "naam", "name", "persoon", "deelnemer", "full name", "volledige naam",
        "naam deelnemer", "participant", "attendee", "contactpersoon",
    ),
    "first_name": ("voornaam", "first name", "firstname", "given name"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "infix"),
    "last_name": ("achternaam", "last name", "lastname", "surname", "family name"),
    "email": (
        "email", "e-mail", "e-mailadres", "emailadres", "mail", "email address", "e-mail adres",
        "e-mail address", "mailadres",
    ),
}  # fmt: skip

USE_CASE_COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "kenmerk", "referentie", "reference", "id"),
    "title": ("title", "titel", "vraagstuk", "use case"),
    "asset_owner": ("asset_owner", "asset owner", "bron", "source organisation"),
    "asset_owner_kvk": ("asset_owner_kvk", "asset owner kvk", "kvk asset owner"),
    "theme": ("theme", "thema"),
    "fieldlab": ("fieldlab",),
    "detected_on": ("detected_on", "gesignaleerd", "detected", "gesignaleerd op", "datum gesignaleerd"),
    "intake_on": ("intake_on", "intake", "intake op", "datum intake"),
    "intake_company": ("intake_company", "intake bedrijf", "intakebedrijf"),
    "intake_company_kvk": ("intake_company_kvk", "intake bedrijf kvk", "kvk intake bedrijf"),
    "definition_on": ("definition_on", "projectdefinitie", "definition", "projectdefinitie op"),
    "execution_on": ("execution_on", "uitvoering", "execution", "in uitvoering"),
    "realised_on": ("realised_on", "gerealiseerd", "realised", "realized_on", "realized"),
    "dropped_on": ("dropped_on", "afgevallen", "dropped"),
    "dropped_reason": ("dropped_reason", "reden", "reden afgevallen", "reason", "drop reason"),
}  # fmt: skip


@dataclass(frozen=True)
class ColumnRules:
    """An import's columns as SPEC's table gives them: the header names each may have, and
    which are required, and how. The importer and the screen's column guide both read this."""

    aliases: dict[str, tuple[str, ...]]
    #: columns every file must have (their cells are checked row by row)
    required: tuple[str, ...]
    #: columns of which each row must fill at least one
    one_of: tuple[str, ...] = ()
    #: column -> the column whose value makes it required
    required_with: dict[str, str] = field(default_factory=dict)
    #: accepted besides SPEC's columns, and left out of the guide (first and last name apart)
    extra: tuple[str, ...] = ()

    def requirement(self, column: str) -> str:
        """``yes``, ``one_of``, ``with_<column>`` or ``no`` (the guide's catalogue key ends so)."""
        if column in self.required:
            return "yes"
        if column in self.one_of:
            return "one_of"
        if column in self.required_with:
            return f"with_{self.required_with[column]}"
        return "no"

    def guide(self) -> list[str]:
        """SPEC's columns in SPEC's order."""
        return [column for column in self.aliases if column not in self.extra]


PARTICIPANT_RULES = ColumnRules(
    PARTICIPANT_COLUMNS,
    required=("activity_date", "activity"),
    one_of=("organisation", "person", "email"),
    extra=("first_name", "infix", "last_name"),
)
USE_CASE_RULES = ColumnRules(
    USE_CASE_COLUMNS,
    required=("title", "asset_owner", "detected_on"),
    required_with={"dropped_reason": "dropped_on"},
)
#: Per import (as the CLI and the screens name it).
COLUMN_RULES: dict[str, ColumnRules] = {
    "participants": PARTICIPANT_RULES,
    "use-cases": USE_CASE_RULES,
}

STAGE_COLUMNS: tuple[tuple[str, Stage], ...] = (
    ("detected_on", Stage.DETECTED),
    ("intake_on", Stage.INTAKE),
    ("definition_on", Stage.DEFINITION),
    ("execution_on", Stage.EXECUTION),
    ("realised_on", Stage.REALISED),
)

IMPORT_NOTE = "import"


@dataclass
class Problem:
    """One problem with one row (``line``) and column; warnings do not stop the import."""

    line: int
    column: str
    error: FunnelError
    warning: bool = False

    def render(self, file: str, lang: str = "nl") -> str:
        message = self.error.message(lang)
        if self.warning:
            message = t("imp.warning", lang, message=message)
        return f"{file}:{self.line}: {self.column}: {message}"


@dataclass
class ImportReport:
    """What an import did, or on a dry run or refusal: what it would have done."""

    kind: str
    file: str
    rows_read: int = 0
    valid_rows: int = 0
    invalid_lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, dict[int, str]] = field(default_factory=dict)
    incomplete: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    committed: bool = False
    #: what the whole file says about names (KvK numbers per organisation name, e-mails per person)
    file_index: dict[str, dict[Any, set[str]]] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def count(self, entity: str, status: str, entity_id: int) -> None:
        """Note what happened to one record; a record counts once, as its strongest status."""
        known = self.seen.setdefault(entity, {})
        previous = known.get(entity_id)
        if previous is None or _STRENGTH[status] > _STRENGTH[previous]:
            known[entity_id] = status

    @property
    def counts(self) -> dict[str, Counter[str]]:
        """Per kind of record: how many are new, updated and unchanged."""
        return {entity: Counter(ids.values()) for entity, ids in self.seen.items()}


_STRENGTH = {"unchanged": 0, "updated": 1, "new": 2}


ProgressFn = Callable[[int, int], None]


def _cell(record: list[Any], mapping: dict[str, int], key: str) -> Any:
    index = mapping.get(key)
    if index is None or index >= len(record):
        return None
    value = record[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


THEME_SYNONYMS: dict[str, Theme] = {
    "waterstof": Theme.HYDROGEN,
    "groene energie": Theme.GREEN_ENERGY,
    "duurzame industrie": Theme.SUSTAINABLE_INDUSTRY,
    "duurzame energie": Theme.GREEN_ENERGY,
    "slim onderhoud": Theme.SMART_MAINTENANCE,
    "slimme energie": Theme.SMART_ENERGY,
}


def _theme(value: Any, field_name: str) -> str | None:
    """A theme or Fieldlab: the five names in any case, with or without the word Fieldlab."""
    text = _text(value)
    if not text:
        return None
    key = " ".join(text.casefold().replace("-", " ").replace("_", " ").split())
    key = key.removeprefix("fieldlab").removesuffix("fieldlab").strip()
    for theme in Theme:
        if theme.value.casefold() == key:
            return theme.value
    if key in THEME_SYNONYMS:
        return THEME_SYNONYMS[key].value
    raise FunnelError(
        "theme_invalid", field=field_name, value=text, accepted=", ".join(t.value for t in Theme)
    )


def _name(value: Any) -> str:
    """An organisation or person name; one without letters or digits ("-", "?", "n.v.t.") is none."""
    text = _text(value)
    if not normal_text(text) or normal_text(text) in {"nvt", "na", "geen", "none"}:
        return ""
    return text


def _headers(table: Table, mapping: dict[str, int]) -> dict[str, str]:
    return {key: table.headers[index] for key, index in mapping.items()}


def _run(
    db: sqlite_utils.Database,
    table: Table,
    report: ImportReport,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    validate: Callable[[list[Any], dict[str, int], dict[str, str]], dict[str, Any]],
    write: Callable[
        [sqlite_utils.Database, dict[str, Any], ImportReport, int, dict[str, str]], None
    ],
    skip_invalid: bool,
    progress: ProgressFn | None,
) -> ImportReport:
    for warning in table.warnings:
        report.problems.append(Problem(1, "-", warning, warning=True))
    mapping, header_problems = map_columns(table, columns, required)
    if header_problems:
        # a title line or two above the header ("Presentielijst Fieldlab ..."): find the header
        for offset, (_line, record) in enumerate(table.rows[:10]):
            candidate = Table(
                table.name,
                ["" if v is None else str(v).strip() for v in record],
                table.rows[offset + 1 :],
                table.warnings,
            )
            found, problems = map_columns(candidate, columns, required)
            if not problems:
                table, mapping, header_problems = candidate, found, problems
                break
    for problem in header_problems:
        report.problems.append(Problem(1, problem.field or "-", problem))
    if header_problems:
        return report
    names = _headers(table, mapping)
    report.rows_read = len(table.rows)
    parsed: list[tuple[int, dict[str, Any]]] = []
    for line, record in table.rows:
        try:
            parsed.append((line, validate(record, mapping, names)))
        except _RowErrors as bad:
            report.invalid_lines.append(line)
            for error in bad.errors:
                report.problems.append(Problem(line, error.field or "-", error))
    parsed = _check_whole_file(table, mapping, names, parsed, report)
    report.file_index = index_file([values for _line, values in parsed])
    checked = (list(report.problems), list(report.invalid_lines))

    def make(copy: sqlite_utils.Database) -> bool:
        # every row is written to the plan's private copy, each in its own savepoint; a row
        # the database refuses (an ambiguous name, ...) is reported and leaves nothing behind
        report.problems, report.invalid_lines = list(checked[0]), list(checked[1])
        report.seen, report.incomplete = {}, []
        total = len(parsed)
        with transaction(copy):
            for number, (line, values) in enumerate(parsed, start=1):
                try:
                    with transaction(copy):
                        write(copy, values, report, line, names)
                except FunnelError as error:
                    report.invalid_lines.append(line)
                    column = names.get(error.field or "", error.field or "-")
                    report.problems.append(Problem(line, column, error))
                if progress:
                    progress(number, total)
        report.valid_rows = report.rows_read - len(set(report.invalid_lines))
        return not (report.dry_run or (report.errors and not skip_invalid))

    report.committed = planned_write(db, make)
    report.problems.sort(key=lambda p: (p.line, p.warning))
    return report


def _check_whole_file(
    table: Table,
    mapping: dict[str, int],
    names: dict[str, str],
    parsed: list[tuple[int, dict[str, Any]]],
    report: ImportReport,
) -> list[tuple[int, dict[str, Any]]]:
    """What no single row shows: one ref (kenmerk) on two rows that say different things is an
    error on the later row (also when the earlier row is invalid), since one would overwrite
    the other; a row repeated as it is says nothing new. Returns the rows still to write."""
    if "ref" not in mapping:
        return parsed
    first: dict[str, tuple[int, tuple[str, ...]]] = {}
    doubled: set[int] = set()
    for line, record in table.rows:
        ref = _text(_cell(record, mapping, "ref"))
        if not ref:
            continue
        says = tuple(_text(_cell(record, mapping, key)) for key in mapping)
        if ref not in first:
            first[ref] = (line, says)
            continue
        if first[ref][1] == says:
            continue
        doubled.add(line)
        report.invalid_lines.append(line)
        error = FunnelError("ref_twice", field=names["ref"], value=ref, first_line=first[ref][0])
        report.problems.append(Problem(line, names["ref"], error))
    return [(line, values) for line, values in parsed if line not in doubled]


def index_file(parsed: list[dict[str, Any]]) -> dict[str, dict[Any, set[str]]]:
    """KvK numbers per organisation name and e-mails per (organisation, person name) in a file."""
    kvks: dict[Any, set[str]] = {}
    emails: dict[Any, set[str]] = {}
    pairs = (
        ("organisation", "kvk"),
        ("asset_owner", "asset_owner_kvk"),
        ("intake_company", "intake_company_kvk"),
    )
    for values in parsed:
        for name_key, kvk_key in pairs:
            if values.get(name_key) and values.get(kvk_key):
                kvks.setdefault(normal_org_name(values[name_key]), set()).add(values[kvk_key])
        if values.get("person") and values.get("email"):
            key = (
                normal_org_name(values.get("organisation") or ""),
                normal_text(values["person"]),
            )
            emails.setdefault(key, set()).add(values["email"])
    return {"kvks": kvks, "emails": emails}


def _file_kvks(report: ImportReport, name: str) -> set[str]:
    return report.file_index.get("kvks", {}).get(normal_org_name(name), set()) if name else set()


class _RowErrors(Exception):
    def __init__(self, errors: list[FunnelError]) -> None:
        self.errors = errors


class _Collector:
    """Collects every problem of one row, so a row reports all its problems at once."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.errors: list[FunnelError] = []

    def take(self, key: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except FunnelError as error:
            error.field = self.names.get(key, key)
            self.errors.append(error)
            return None

    def fail(self, key: str, code: str, **params: Any) -> None:
        self.errors.append(FunnelError(code, field=self.names.get(key, key), **params))

    def done(self) -> None:
        if self.errors:
            raise _RowErrors(self.errors)


# --- participants -----------------------------------------------------------------------------


def _validate_participant(
    record: list[Any], mapping: dict[str, int], names: dict[str, str], today: dt.date
) -> dict[str, Any]:
    c = _Collector(names)
    get = lambda key: _cell(record, mapping, key)  # noqa: E731
    values: dict[str, Any] = {}
    values["date"] = c.take("activity_date", lambda: parse_date(get("activity_date")))
    values["activity"] = _text(get("activity"))
    if not values["activity"]:
        c.fail("activity", "value_missing")
    values["activity_type"] = _text(get("activity_type")).lower() or None
    values["fieldlab"] = c.take("fieldlab", lambda: _theme(get("fieldlab"), "fieldlab"))
    values["organisation"] = _name(get("organisation"))
    values["kvk"] = c.take("kvk", lambda: normalize_kvk(get("kvk")))
    kind, level = c.take("organisation_type", lambda: parse_org_kind(get("organisation_type"))) or (
        None,
        None,
    )
    values["kind"], values["level"] = kind, level
    values["person"] = _name(get("person")) or _name(
        " ".join(_text(get(k)) for k in ("first_name", "infix", "last_name"))
    )
    values["email"] = c.take("email", lambda: normalize_email(get("email")))
    if not (values["organisation"] or values["kvk"] or values["person"] or get("email")):
        c.fail("organisation", "attendee_missing")
    c.done()
    return values


def _write_participant(
    db: sqlite_utils.Database,
    values: dict[str, Any],
    report: ImportReport,
    line: int,
    names: dict[str, str],
) -> None:
    day: dt.date = values["date"]
    title = values["activity"]
    normal_title = normal_text(title)
    activity = one(
        db,
        "SELECT * FROM activities WHERE activity_date = ? AND normal_title = ?",
        [day.isoformat(), normal_title],
    )
    if activity is None:
        activity_id = insert_row(
            db,
            "activities",
            {
                "title": title,
                "normal_title": normal_title,
                "activity_date": day.isoformat(),
                "activity_type": values["activity_type"],
                "fieldlab": values["fieldlab"],
                "created_at": now_iso(),
            },
        )
        report.count("activities", "new", activity_id)
    else:
        activity_id = activity["id"]
        changes = {
            key: values[key]
            for key in ("activity_type", "fieldlab")
            if values[key] and not activity[key]
        }
        if changes:
            db.table("activities").update(activity_id, changes)
            report.count("activities", "updated", activity_id)
        else:
            report.count("activities", "unchanged", activity_id)
    org: Resolved | None = None
    if values["organisation"] or values["kvk"]:
        org = resolve_org(
            db,
            values["organisation"],
            values["kvk"],
            values["kind"],
            values["level"],
            field_name=names.get("organisation", "organisation"),
            kind_field=names.get("organisation_type", "organisation_type"),
            file_kvks=_file_kvks(report, values["organisation"]),
        )
        report.count("organisations", org.status, org.id)
        for warning in org.warnings:
            report.problems.append(Problem(line, warning.field or "-", warning, warning=True))
    person = resolve_person(
        db,
        values["person"],
        values["email"],
        org.id if org else None,
        field_name=names.get("person", "person"),
        file_emails=report.file_index.get("emails", {}).get(
            (normal_org_name(values["organisation"]), normal_text(values["person"])), set()
        ),
    )
    if person:
        report.count("persons", person.status, person.id)
    org_id = org.id if org else None
    if person:
        existing = one(
            db,
            "SELECT id, organisation_id FROM attendance WHERE activity_id = ? AND person_id = ?",
            [activity_id, person.id],
        )
    else:
        existing = one(
            db,
            "SELECT id, organisation_id FROM attendance WHERE activity_id = ? AND person_id IS NULL "
            "AND organisation_id = ?",
            [activity_id, org_id],
        )
    if existing is None:
        attendance_id = insert_row(
            db,
            "attendance",
            {
                "activity_id": activity_id,
                "organisation_id": org_id,
                "person_id": person.id if person else None,
                "created_at": now_iso(),
            },
        )
        report.count("attendance", "new", int(attendance_id))
    elif existing["organisation_id"] is None and org_id is not None:
        db.table("attendance").update(existing["id"], {"organisation_id": org_id})
        report.count("attendance", "updated", existing["id"])
    else:
        report.count("attendance", "unchanged", existing["id"])


def import_participants(
    db: sqlite_utils.Database, source: str | Path | bytes, **options: Any
) -> ImportReport:
    """Import an attendance list: one row per attendee per activity (SPEC: Import files).

    Options: ``name``, ``sheet``, ``dry_run``, ``skip_invalid``, ``today``, ``progress``.
    """
    return _import(
        "participants", PARTICIPANT_RULES, _validate_participant, _write_participant, db, source,
        **options,
    )  # fmt: skip


# --- use cases --------------------------------------------------------------------------------


def _validate_use_case(
    record: list[Any], mapping: dict[str, int], names: dict[str, str], today: dt.date
) -> dict[str, Any]:
    c = _Collector(names)
    get = lambda key: _cell(record, mapping, key)  # noqa: E731
    values: dict[str, Any] = {"ref": _text(get("ref")) or None, "title": _text(get("title"))}
    if not values["title"]:
        c.fail("title", "value_missing")
    values["asset_owner"] = _name(get("asset_owner"))
    if not values["asset_owner"]:
        c.fail("asset_owner", "value_missing")
    values["asset_owner_kvk"] = c.take(
        "asset_owner_kvk", lambda: normalize_kvk(get("asset_owner_kvk"))
    )
    values["theme"] = c.take("theme", lambda: _theme(get("theme"), "theme"))
    values["fieldlab"] = c.take("fieldlab", lambda: _theme(get("fieldlab"), "fieldlab"))
    dates: dict[str, dt.date | None] = {}
    for key in (
        "detected_on",
        "intake_on",
        "definition_on",
        "execution_on",
        "realised_on",
        "dropped_on",
    ):
        cell = get(key)
        required = key == "detected_on"
        day: dt.date | None = c.take(key, partial(_stage_date, cell, required))
        dates[key] = day
        if day and day > today:
            c.fail(key, "date_in_future", value=day.isoformat())
    values["dates"] = dates
    values["intake_company"] = _name(get("intake_company"))
    values["intake_company_kvk"] = c.take(
        "intake_company_kvk", lambda: normalize_kvk(get("intake_company_kvk"))
    )
    values["dropped_reason"] = _text(get("dropped_reason"))
    values["warnings"] = []
    if (values["intake_company"] or values["intake_company_kvk"]) and not dates["intake_on"]:
        # no intake date, so no intake: the company is not recorded (said, not refused)
        values["warnings"].append(
            FunnelError(
                "intake_company_without_date", field=names.get("intake_company", "intake_company")
            )
        )
    previous: tuple[str, dt.date] | None = None
    for key, _stage in STAGE_COLUMNS:
        day = dates.get(key)
        if day is None:
            continue
        if previous and day < previous[1]:
            c.fail(
                key,
                "stage_dates_order",
                value=day.isoformat(),
                earlier=names.get(previous[0], previous[0]),
                earlier_value=previous[1].isoformat(),
            )
        previous = (key, day)
    if dates["dropped_on"]:
        if dates["realised_on"]:
            c.fail("dropped_on", "realised_and_dropped")
        elif previous and dates["dropped_on"] < previous[1]:
            c.fail(
                "dropped_on",
                "dropped_before_stage",
                value=dates["dropped_on"].isoformat(),
                earlier=names.get(previous[0], previous[0]),
                earlier_value=previous[1].isoformat(),
            )
        if not values["dropped_reason"]:
            c.fail("dropped_reason", "dropped_reason_missing")
    elif values["dropped_reason"]:
        c.fail("dropped_on", "reason_without_dropped_date")
    c.done()
    return values


def _stage_date(cell: object, required: bool) -> dt.date | None:
    return parse_date(cell) if required else parse_optional_date(cell)


def _write_use_case(
    db: sqlite_utils.Database,
    values: dict[str, Any],
    report: ImportReport,
    line: int,
    names: dict[str, str],
) -> None:
    for warning in values["warnings"]:
        report.problems.append(Problem(line, warning.field or "-", warning, warning=True))
    owner = resolve_org(
        db,
        values["asset_owner"],
        values["asset_owner_kvk"],
        OrgKind.COMPANY,
        field_name="asset_owner",
        kind_field="asset_owner",
        file_kvks=_file_kvks(report, values["asset_owner"]),
    )
    report.count("organisations", owner.status, owner.id)
    for warning in owner.warnings:
        report.problems.append(
            Problem(line, names.get("asset_owner", "asset_owner"), warning, warning=True)
        )
    existing = None
    if values["ref"]:
        existing = one(db, "SELECT * FROM use_cases WHERE ref = ?", [values["ref"]])
    else:
        for candidate in rows(
            db,
            "SELECT u.* FROM use_cases u JOIN organisations o ON o.id = u.asset_owner_id "
            "WHERE o.canonical_id = ? AND u.ref IS NULL",
            [owner.id],
        ):
            if normal_text(candidate["title"]) == normal_text(values["title"]):
                existing = candidate
                break
    fields = {
        "ref": values["ref"],
        "title": values["title"],
        "asset_owner_id": owner.id,
        "theme": values["theme"],
        "fieldlab": values["fieldlab"],
    }
    changed = False
    if existing is None:
        case_id = insert_row(db, "use_cases", {**fields, "created_at": now_iso()})
        status = "new"
    else:
        case_id = existing["id"]
        changes = {
            k: v
            for k, v in fields.items()
            if v is not None and v != existing[k] and not (k in ("theme", "fieldlab") and v is None)
        }
        if changes:
            db.table("use_cases").update(case_id, changes)
            changed = True
        status = "unchanged"
    dates: dict[str, dt.date | None] = values["dates"]
    sequence = [(stage, dates[key]) for key, stage in STAGE_COLUMNS if dates.get(key)]
    if dates.get("dropped_on"):
        sequence.append((Stage.DROPPED, dates["dropped_on"]))
    recorded = rows(db, "SELECT * FROM stage_events WHERE use_case_id = ? ORDER BY id", [case_id])
    made_in_app = {(r["to_stage"], r["effective_on"]) for r in recorded if r["user_id"] is not None}
    imported = [r for r in recorded if r["user_id"] is None]
    wanted = [
        (
            stage.value,
            day.isoformat(),
            values["dropped_reason"] if stage == Stage.DROPPED else IMPORT_NOTE,
        )
        for stage, day in sequence
        if day is not None and (stage.value, day.isoformat()) not in made_in_app
    ]
    if [(r["to_stage"], r["effective_on"], r["note"]) for r in imported] != wanted:
        # the sheet is the source of the history it recorded: record that history anew, in
        # funnel order, so that on equal dates the later stage is current
        if imported:
            marks = ",".join("?" * len(imported))
            db.execute(
                f"DELETE FROM stage_events WHERE id IN ({marks})", [r["id"] for r in imported]
            )
        previous: str | None = None
        for stage_value, day_text, note in wanted:
            insert_row(
                db,
                "stage_events",
                {
                    "use_case_id": case_id,
                    "from_stage": previous,
                    "to_stage": stage_value,
                    "effective_on": day_text,
                    "user_id": None,
                    "note": note,
                    "recorded_at": now_iso(),
                },
            )
            previous = stage_value
        changed = True
    if not dates.get("intake_on"):
        removed = db.execute(
            "DELETE FROM intakes WHERE use_case_id = ? AND coach_id IS NULL", [case_id]
        ).rowcount
        changed = changed or removed > 0
    intake_on = dates.get("intake_on")
    if intake_on:
        if values["intake_company"] or values["intake_company_kvk"]:
            company = resolve_org(
                db,
                values["intake_company"],
                values["intake_company_kvk"],
                OrgKind.COMPANY,
                field_name="intake_company",
                kind_field="intake_company",
                file_kvks=_file_kvks(report, values["intake_company"]),
            )
            report.count("organisations", company.status, company.id)
        else:
            company = owner
        intake_day = intake_on.isoformat()
        intake = one(
            db,
            "SELECT id, intake_date, organisation_id FROM intakes WHERE use_case_id = ? "
            "ORDER BY id LIMIT 1",
            [case_id],
        )
        if intake is None:
            intake_id = insert_row(
                db,
                "intakes",
                {
                    "use_case_id": case_id,
                    "organisation_id": company.id,
                    "intake_date": intake_day,
                    "needs": "[]",
                    "outcome": "open",
                    "created_at": now_iso(),
                },
            )
            changed = True
            report.count("intakes", "new", int(intake_id))
        elif intake["intake_date"] != intake_day or intake["organisation_id"] != company.id:
            db.table("intakes").update(
                intake["id"],
                {"intake_date": intake_day, "organisation_id": company.id, "updated_at": now_iso()},
            )
            changed = True
            report.count("intakes", "updated", intake["id"])
        else:
            report.count("intakes", "unchanged", intake["id"])
    if status != "new" and changed:
        status = "updated"
    report.count("use_cases", status, case_id)
    gaps = unmet_gates(
        reached_by_history(queries.events_of(db, case_id)), queries.gate_facts(db, case_id)
    )
    if gaps:
        report.incomplete.append(
            {"line": line, "ref": values["ref"], "title": values["title"], "missing": gaps}
        )


def import_use_cases(
    db: sqlite_utils.Database, source: str | Path | bytes, **options: Any
) -> ImportReport:
    """Import the programme leader's use-case sheet: one row per use case, a column per stage date.

    Options as for :func:`import_participants`.
    """
    return _import(
        "use_cases", USE_CASE_RULES, _validate_use_case, _write_use_case, db, source, **options,
    )  # fmt: skip


def _import(
    kind: str,
    rules: ColumnRules,
    validate: Callable[..., dict[str, Any]],
    write: Callable[..., None],
    db: sqlite_utils.Database,
    source: str | Path | bytes,
    name: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
    limits: Limits = NO_LIMITS,
) -> ImportReport:
    day = today or dt.date.today()
    table = read_table(source, name, sheet, limits)
    report = ImportReport(kind, table.name, dry_run=dry_run)
    return _run(
        db,
        table,
        report,
        rules.aliases,
        rules.required,
        lambda record, mapping, names: validate(record, mapping, names, day),
        write,
        skip_invalid,
        progress,
    )


IMPORTERS = {"participants": import_participants, "use-cases": import_use_cases}

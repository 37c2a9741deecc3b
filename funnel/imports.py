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
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from funnel import queries, store
from funnel.dates import parse_date, parse_optional_date
from funnel.db import now_iso, one, rows, transaction
from funnel.directory import MatchedOn, Resolved, resolve_org
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
from funnel.indexes import Index
from funnel.models import OrgKind, Stage, Theme
from funnel.plan import planned_in_memory, planned_write
from funnel.stages import reached_by_history, unmet_gates
from funnel.tables import NO_LIMITS, TICK_ROWS, Limits, Table, Tick, map_columns, read_table

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
    #: columns of which the file must have at least one (a file without is refused at its header)
    header_one_of: tuple[str, ...] = ()
    #: whose ``imp.help.<kind>.<column>`` texts the guide shows (default: the import's own)
    help_kind: str | None = None

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
#: A sign-up list for one chosen activity: the attendance list's columns without the date and
#: the activity (the chosen activity gives them; where a row does give them, they must agree)
SIGNUP_RULES = ColumnRules(
    PARTICIPANT_COLUMNS,
    required=(),
    one_of=("organisation", "person", "email"),
    extra=(
        "activity_date",
        "activity",
        "activity_type",
        "fieldlab",
        "first_name",
        "infix",
        "last_name",
    ),
    header_one_of=("organisation", "kvk", "person", "first_name", "last_name", "email"),
    help_kind="participants",
)
USE_CASE_RULES = ColumnRules(
    USE_CASE_COLUMNS,
    required=("title", "asset_owner", "detected_on"),
    required_with={"dropped_reason": "dropped_on"},
)
#: Per import (as the CLI and the screens name it).
COLUMN_RULES: dict[str, ColumnRules] = {
    "participants": PARTICIPANT_RULES,
    "signups": SIGNUP_RULES,
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


#: A row's outcome: a new participation, one the activity already had (or that gains its
#: organisation), the same attendee as an earlier line of the file, or refused
Outcome = Literal["new", "known", "updated", "duplicate", "refused"]


@dataclass(frozen=True)
class RowResult:
    """What an attendance import does (on a dry run: would do) with one row of the file: the
    activity, the organisation and the person it found (on what) or makes, and the outcome.

    An id of a record the import makes is the id it will get; ``*_status`` is ``new``,
    ``updated`` (found, and the row fills something in: a KvK number, a kind, an e-mail
    address) or ``unchanged``, and ``None`` where the row names no organisation or person.
    ``*_on`` says what found a known record: ``kvk`` or ``name`` for an organisation,
    ``email`` or ``name`` (within the organisation) for a person; ``None`` for a new one.
    """

    line: int
    outcome: Outcome
    activity_id: int | None = None
    activity: str = ""
    activity_day: str | None = None
    activity_status: str | None = None
    organisation_id: int | None = None
    organisation: str = ""
    organisation_status: str | None = None
    organisation_on: MatchedOn | None = None
    person_id: int | None = None
    person: str | None = None
    person_email: str | None = None
    person_status: str | None = None
    person_on: MatchedOn | None = None
    #: for a duplicate: the earlier line with the same attendee
    first_line: int | None = None
    #: for a refused row: why
    reasons: tuple[FunnelError, ...] = ()


@dataclass
class ImportReport:
    """What an import did, or on a dry run or refusal: what it would have done."""

    kind: str
    file: str
    rows_read: int = 0
    valid_rows: int = 0
    invalid_lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, Statuses] = field(default_factory=dict)
    incomplete: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    committed: bool = False
    #: what the whole file says about names (KvK numbers per organisation name, e-mails per person)
    file_index: dict[str, dict[Any, set[str]]] = field(default_factory=dict, repr=False)
    #: an attendance import asked to explain itself: what it does with each row, in line order,
    #: for the first :data:`EXPLAIN_KEPT` rows (None when not asked: a large import keeps no row
    #: results)
    row_results: list[RowResult] | None = None
    #: how many rows the explanation was of (``row_results`` keeps the first of them)
    rows_explained: int = 0
    #: attendance id -> the first line of the file that names it (to see a duplicate row)
    attendance_lines: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def count(self, entity: str, status: str, entity_id: int) -> None:
        """Note what happened to one record; a record counts once, as its strongest status."""
        known = self.seen.get(entity)
        if known is None:
            known = self.seen[entity] = Statuses()
        known.note(entity_id, _STRENGTH[status])

    @property
    def counts(self) -> dict[str, Counter[str]]:
        """Per kind of record: how many are new, updated and unchanged."""
        return {entity: ids.counts() for entity, ids in self.seen.items()}


_STRENGTH = {"unchanged": 0, "updated": 1, "new": 2}
_STATUSES = tuple(_STRENGTH)


class Statuses:
    """Each record's strongest status, one byte per id (issue 7: a million attendance ids in a
    dict of id -> status took about 100 MB of a large import's plan). Ids beyond
    :attr:`LIMIT` (a database whose ids were set by hand) are kept in a dict."""

    __slots__ = ("_bytes", "_far")
    LIMIT = 1 << 26

    def __init__(self) -> None:
        self._bytes = bytearray()  # id -> strength + 1 (0: not seen)
        self._far: dict[int, int] = {}

    def note(self, row_id: int, strength: int) -> None:
        if 0 <= row_id < self.LIMIT:
            known = self._bytes
            if row_id >= len(known):  # grown by at least its size: amortised, not per id
                known.extend(bytes(max(row_id + 1 - len(known), len(known))))
            if known[row_id] <= strength:
                known[row_id] = strength + 1
        elif self._far.get(row_id, -1) < strength:
            self._far[row_id] = strength

    def counts(self) -> Counter[str]:
        """How many records have each status (the statuses no record has are left out)."""
        found: Counter[str] = Counter()
        far = Counter(self._far.values())
        for strength, status in enumerate(_STATUSES):
            number = self._bytes.count(strength + 1) + far[strength]
            if number:
                found[status] = number
        return found


ProgressFn = Callable[[int, int], None]
#: The rows whose results an explained import (the screen's preview) keeps: the screen shows no
#: more, and a preview of a large list would otherwise keep a result for each of its rows.
EXPLAIN_KEPT = 1000


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
    rules: ColumnRules,
    validate: Callable[[list[Any], dict[str, int], dict[str, str]], dict[str, Any]],
    write: Callable[
        [sqlite_utils.Database, dict[str, Any], ImportReport, int, dict[str, str]], None
    ],
    skip_invalid: bool,
    progress: ProgressFn | None,
    tick: Tick | None = None,
) -> ImportReport:
    for warning in table.warnings:
        report.problems.append(Problem(1, "-", warning, warning=True))
    columns = rules.aliases

    def headers_of(candidate: Table) -> tuple[dict[str, int], list[FunnelError]]:
        found, problems = map_columns(candidate, columns, rules.required)
        wanted = rules.header_one_of
        if wanted and not any(key in found for key in wanted):
            names = " / ".join(columns[key][1] for key in rules.one_of)
            problems.append(FunnelError("column_missing", field=columns[wanted[0]][0], names=names))
        return found, problems

    mapping, header_problems = headers_of(table)
    if header_problems:
        # a title line or two above the header ("Presentielijst Fieldlab ..."): find the header
        for offset, (line, record) in enumerate(table.rows[:10]):
            candidate = Table(
                table.name,
                ["" if v is None else str(v).strip() for v in record],
                table.rows[offset + 1 :],
                table.warnings,
                header_line=line,
            )
            found, problems = headers_of(candidate)
            if not problems:
                table.rows.clear()  # the candidate holds its own copy of the rows
                table, mapping, header_problems = candidate, found, problems
                break
    for problem in header_problems:
        report.problems.append(Problem(table.header_line, problem.field or "-", problem))
    if header_problems:
        return report
    names = _headers(table, mapping)
    report.rows_read = len(table.rows)
    parsed: list[tuple[int, dict[str, Any]]] = []
    raw: list[Any] = table.rows
    # each raw row is let go once validated, unless the whole-file check below reads them again
    release = "ref" not in mapping
    for number in range(1, len(raw) + 1):
        line, record = raw[number - 1]
        if release:
            raw[number - 1] = None
        try:
            parsed.append((line, validate(record, mapping, names)))
        except _RowErrors as bad:
            report.invalid_lines.append(line)
            for error in bad.errors:
                report.problems.append(Problem(line, error.field or "-", error))
        if tick is not None and number % TICK_ROWS == 0:
            tick(number)
    parsed = _check_whole_file(table, mapping, names, parsed, report)
    table.rows.clear()  # every row is validated: a million raw rows need not stay in memory
    report.file_index = index_file([values for _line, values in parsed])
    checked = (list(report.problems), list(report.invalid_lines))
    explain = report.row_results is not None and write is _plan_participant

    def plan_rows(target: Any) -> bool:
        # every row is resolved and written on the plan's private copy or indexes, each as a
        # unit; a row the database refuses (an ambiguous name, ...) is reported and leaves
        # nothing behind
        report.problems, report.invalid_lines = list(checked[0]), list(checked[1])
        report.seen, report.incomplete = {}, []
        if explain:
            report.row_results, report.attendance_lines = [], {}
        total = len(parsed)
        unit = target.row if isinstance(target, Index) else partial(transaction, target)
        for number, (line, values) in enumerate(parsed, start=1):
            try:
                with unit():
                    write(target, values, report, line, names)
            except FunnelError as error:
                report.invalid_lines.append(line)
                column = names.get(error.field or "", error.field or "-")
                report.problems.append(Problem(line, column, error))
                if explain:
                    _explain(report, RowResult(line, "refused", reasons=(error,)))
            if progress:
                progress(number, total)
            if tick is not None and number % TICK_ROWS == 0:
                tick(number)
        report.valid_rows = report.rows_read - len(set(report.invalid_lines))
        if explain:
            _explain_invalid(report, checked[0], set(checked[1]))
            assert report.row_results is not None
            report.rows_explained = len(report.row_results)
            del report.row_results[EXPLAIN_KEPT:]
            report.attendance_lines = {}  # the plan's own bookkeeping
        return not (report.dry_run or (report.errors and not skip_invalid))

    if write is _plan_participant:
        keys = {(values["day"], values["normal_title"]) for _line, values in parsed}
        now = now_iso()
        report.committed = planned_in_memory(
            db,
            lambda source: Index.load(source, keys),
            plan_rows,
            lambda target, index: index.write(target, now),
        )
        report.problems.sort(key=lambda p: (p.line, p.warning))
        return report

    def make(copy: sqlite_utils.Database) -> bool:
        with transaction(copy):
            return plan_rows(copy)

    report.committed = planned_write(db, make)
    report.problems.sort(key=lambda p: (p.line, p.warning))
    return report


def _explain(report: ImportReport, row: RowResult) -> None:
    assert report.row_results is not None
    report.row_results.append(row)


def _explain_invalid(report: ImportReport, problems: list[Problem], lines: set[int]) -> None:
    """The rows that failed validation, as refused row results (in line order with the rest)."""
    reasons: dict[int, list[FunnelError]] = {}
    for problem in problems:
        if problem.line in lines and not problem.warning:
            reasons.setdefault(problem.line, []).append(problem.error)
    assert report.row_results is not None
    report.row_results += [
        RowResult(line, "refused", reasons=tuple(reasons.get(line, ()))) for line in lines
    ]
    report.row_results.sort(key=lambda row: row.line)


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
    distinct: dict[tuple[int, ...], Any] = {}
    for values in parsed:
        # attendance rows share their parts: each organisation and person combination once
        if isinstance(values, _ParticipantRow):
            distinct[(id(values.organisation), id(values.person))] = values
        else:
            distinct[(id(values),)] = values
    for values in distinct.values():
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
    if not name:
        return set()
    return report.file_index.get("kvks", {}).get(normal_org_name(name), set())


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


class _ParticipantRow:
    """One valid attendance row: its activity, organisation and person parts. Many rows share
    the same parts (the same activity, company or person on many rows), so each distinct part
    is validated once and kept once (a million rows need not hold a million dicts). The three
    are slots of their own, not a tuple: a million rows need not hold a million tuples either."""

    __slots__ = ("activity", "organisation", "person")

    def __init__(
        self, activity: dict[str, Any], organisation: dict[str, Any], person: dict[str, Any]
    ) -> None:
        self.activity, self.organisation, self.person = activity, organisation, person

    @property
    def parts(self) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        return self.activity, self.organisation, self.person

    def __getitem__(self, key: str) -> Any:
        for part in self.parts:
            if key in part:
                return part[key]
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        for part in self.parts:
            if key in part:
                return part[key]
        return default


class _ParticipantValidator:
    """Validates attendance rows, each distinct activity, organisation and person part once.

    With ``activity`` (a sign-up list for that activity) every row is of that activity: a row
    that gives a date or a title of its own must give that activity's.
    """

    _ACTIVITY = ("activity_date", "activity", "activity_type", "fieldlab")
    _ORG = ("organisation", "kvk", "organisation_type")
    _PERSON = ("person", "first_name", "infix", "last_name", "email")

    def __init__(self, activity: dict[str, Any] | None = None) -> None:
        self.check_activity: Callable[[_Collector, dict[str, Any]], dict[str, Any]] = (
            partial(_check_chosen_activity, activity) if activity else _check_activity
        )
        self.seen: tuple[dict[Any, dict[str, Any]], ...] = ({}, {}, {})
        self.getters: tuple[Callable[[list[Any]], Any], ...] = ()
        self.mapping: dict[str, int] | None = None

    def _keys(self, mapping: dict[str, int]) -> tuple[Callable[[list[Any]], Any], ...]:
        """Per part, a function giving a row's raw cells of that part (the part's cache key)."""
        if mapping is not self.mapping:
            getters = []
            for keys in (self._ACTIVITY, self._ORG, self._PERSON):
                present = [mapping[key] for key in keys if key in mapping]
                getters.append(itemgetter(*present) if present else lambda _record: ())
            self.getters, self.mapping = tuple(getters), mapping
        return self.getters

    def __call__(
        self, record: list[Any], mapping: dict[str, int], names: dict[str, str], today: dt.date
    ) -> _ParticipantRow:
        get_activity, get_org, get_person = self._keys(mapping)
        seen_activity, seen_org, seen_person = self.seen
        try:
            activity = seen_activity.get(get_activity(record))
            org = seen_org.get(get_org(record))
            person = seen_person.get(get_person(record))
        except IndexError:  # a short row
            activity = org = person = None
        if (
            activity is not None
            and org is not None
            and person is not None
            and (org["organisation"] or org["kvk"] or person["person"] or person["email_given"])
        ):
            return _ParticipantRow(activity, org, person)
        return self._check(record, mapping, names)

    def _check(
        self, record: list[Any], mapping: dict[str, int], names: dict[str, str]
    ) -> _ParticipantRow:
        """A row with a part not seen before (or with problems): check every part, keep the
        parts that have none."""
        c = _Collector(names)
        parts = []
        for seen, getter, keys, check in zip(
            self.seen,
            self._keys(mapping),
            (self._ACTIVITY, self._ORG, self._PERSON),
            (self.check_activity, _check_org, _check_person),
            strict=True,
        ):
            try:
                raw = getter(record)
            except IndexError:  # a short row: not kept
                raw = None
            part = seen.get(raw) if raw is not None else None
            if part is None:
                found = len(c.errors)
                part = check(c, {key: _cell(record, mapping, key) for key in keys})
                if raw is not None and len(c.errors) == found:
                    seen[raw] = part
            parts.append(part)
        activity, org, person = parts
        if not (org["organisation"] or org["kvk"] or person["person"] or person["email_given"]):
            c.fail("organisation", "attendee_missing")
        c.done()
        return _ParticipantRow(activity, org, person)


def _check_activity(c: _Collector, cells: dict[str, Any]) -> dict[str, Any]:
    date = c.take("activity_date", lambda: parse_date(cells["activity_date"]))
    activity = _text(cells["activity"])
    if not activity:
        c.fail("activity", "value_missing")
    return {
        "date": date,
        "day": date.isoformat() if date else None,
        "activity": activity,
        "normal_title": normal_text(activity),
        "activity_type": _text(cells["activity_type"]).lower() or None,
        "fieldlab": c.take("fieldlab", lambda: _theme(cells["fieldlab"], "fieldlab")),
    }


def _check_chosen_activity(
    chosen: dict[str, Any], c: _Collector, cells: dict[str, Any]
) -> dict[str, Any]:
    """A sign-up row's activity: the chosen one. A date or title in the row must be the chosen
    activity's (a list of several activities belongs in the attendance import, not here)."""
    day = c.take("activity_date", lambda: parse_optional_date(cells["activity_date"]))
    title = _text(cells["activity"])
    other_day = day is not None and day.isoformat() != chosen["day"]
    other_title = bool(title) and normal_text(title) != chosen["normal_title"]
    if other_day or other_title:
        c.fail(
            "activity" if other_title else "activity_date",
            "signup_other_activity",
            title=title or chosen["activity"],
            date=day or chosen["date"],
            chosen=chosen["activity"],
            chosen_date=chosen["date"],
        )
    return {
        **chosen,
        "activity_type": _text(cells["activity_type"]).lower() or None,
        "fieldlab": c.take("fieldlab", lambda: _theme(cells["fieldlab"], "fieldlab")),
    }


def _check_org(c: _Collector, cells: dict[str, Any]) -> dict[str, Any]:
    kvk = c.take("kvk", lambda: normalize_kvk(cells["kvk"]))
    kind, level = c.take(
        "organisation_type", lambda: parse_org_kind(cells["organisation_type"])
    ) or (None, None)
    name = _name(cells["organisation"])
    normal = normal_org_name(name)
    return {"organisation": name, "normal": normal, "kvk": kvk, "kind": kind, "level": level}


def _check_person(c: _Collector, cells: dict[str, Any]) -> dict[str, Any]:
    person = _name(cells["person"]) or _name(
        " ".join(_text(cells[k]) for k in ("first_name", "infix", "last_name"))
    )
    return {
        "person": person,
        "normal": normal_text(person),
        "email": c.take("email", lambda: normalize_email(cells["email"])),
        "email_given": bool(cells["email"]),
    }


def _plan_participant(
    index: Index,
    values: _ParticipantRow,
    report: ImportReport,
    line: int,
    names: dict[str, str],
) -> None:
    """One attendance row, resolved on the import's indexes (see :mod:`funnel.indexes`)."""
    activity, organisation, attendee = values.activity, values.organisation, values.person
    activity_id, status = index.activity(
        activity["day"],
        activity["activity"],
        activity["normal_title"],
        activity["activity_type"],
        activity["fieldlab"],
    )
    report.count("activities", status, activity_id)
    activity_status = status
    org: Resolved | None = None
    file_index = report.file_index
    if organisation["organisation"] or organisation["kvk"]:
        org = index.resolve_org(
            organisation["organisation"],
            organisation["kvk"],
            organisation["kind"],
            organisation["level"],
            names.get("organisation", "organisation"),
            names.get("organisation_type", "organisation_type"),
            file_index["kvks"].get(organisation["normal"], _NONE)
            if organisation["organisation"]
            else _NONE,
        )
        report.count("organisations", org.status, org.id)
        for warning in org.warnings:
            report.problems.append(Problem(line, warning.field or "-", warning, warning=True))
    org_id = org.id if org else None
    person = resolve_person(
        index,
        attendee["person"],
        attendee["email"],
        org_id,
        names.get("person", "person"),
        file_index["emails"].get((organisation["normal"], attendee["normal"]), _NONE),
    )
    if person:
        report.count("persons", person.status, person.id)
    attendance_id, status = index.attend(activity_id, org_id, person.id if person else None)
    report.count("attendance", status, attendance_id)
    if report.row_results is not None:
        first = report.attendance_lines.setdefault(attendance_id, line)
        outcome = "duplicate" if first != line else _OUTCOMES[status]
        name, email = index.person_identity(person.id) if person else (None, None)
        report.row_results.append(
            RowResult(
                line,
                outcome,
                activity_id=activity_id,
                activity=index.activities[(activity["day"], activity["normal_title"])][1],
                activity_day=activity["day"],
                activity_status=activity_status,
                organisation_id=org_id,
                organisation=index.org_name(org_id) if org_id else "",
                organisation_status=org.status if org else None,
                organisation_on=org.on if org else None,
                person_id=person.id if person else None,
                person=name,
                person_email=email,
                person_status=person.status if person else None,
                person_on=person.on if person else None,
                first_line=first if first != line else None,
            )
        )


#: an attendance's status -> the row's outcome
_OUTCOMES: dict[str, Outcome] = {"new": "new", "updated": "updated", "unchanged": "known"}
#: resolves a person on the import's indexes (a name of its own, so a test can make it fail)
resolve_person = Index.resolve_person
_NONE: set[str] = set()  # never changed


def import_participants(
    db: sqlite_utils.Database, source: str | Path | bytes, **options: Any
) -> ImportReport:
    """Import an attendance list: one row per attendee per activity (SPEC: Import files).

    Options: ``name``, ``sheet``, ``dry_run``, ``skip_invalid``, ``today``, ``progress``,
    ``limits`` (:class:`~funnel.tables.Limits`), ``tick`` (:data:`~funnel.tables.Tick`).
    """
    return _import(
        "participants", PARTICIPANT_RULES, _ParticipantValidator(), _plan_participant, db, source,
        **options,
    )  # fmt: skip


def import_signups(
    db: sqlite_utils.Database, source: str | Path | bytes, activity_id: int, **options: Any
) -> ImportReport:
    """Import a sign-up list for one activity: the attendance list's columns without the date
    and the activity, which the activity gives (a row that gives others is refused: it
    belongs to another activity). Read, identified and written as :func:`import_participants`.

    Options as for :func:`import_participants`, and ``explain`` (keep the row results).
    """
    found = one(db, "SELECT * FROM activities WHERE id = ?", [activity_id])
    if found is None:
        raise FunnelError("not_found", what="activity")
    date = dt.date.fromisoformat(found["activity_date"])
    chosen = {
        "date": date,
        "day": found["activity_date"],
        "activity": found["title"],
        "normal_title": found["normal_title"],
    }
    return _import(
        "signups", SIGNUP_RULES, _ParticipantValidator(chosen), _plan_participant, db, source,
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
            c.fail(key, "date_in_future", value=day)
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
                value=day,
                earlier=names.get(previous[0], previous[0]),
                earlier_value=previous[1],
            )
        previous = (key, day)
    if dates["dropped_on"]:
        if dates["realised_on"]:
            c.fail("dropped_on", "realised_and_dropped")
        elif previous and dates["dropped_on"] < previous[1]:
            c.fail(
                "dropped_on",
                "dropped_before_stage",
                value=dates["dropped_on"],
                earlier=names.get(previous[0], previous[0]),
                earlier_value=previous[1],
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
        case_id = store.insert_use_case(db, {**fields, "created_at": now_iso()})
        status = "new"
    else:
        case_id = existing["id"]
        changes = {
            k: v
            for k, v in fields.items()
            if v is not None and v != existing[k] and not (k in ("theme", "fieldlab") and v is None)
        }
        if changes:
            store.update_use_case(db, case_id, changes)
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
        store.delete_stage_events(db, [r["id"] for r in imported])
        previous: str | None = None
        for stage_value, day_text, note in wanted:
            store.record_stage_event(db, case_id, previous, stage_value, day_text, None, note)
            previous = stage_value
        changed = True
    if not dates.get("intake_on"):
        removed = store.delete_imported_intakes(db, case_id)
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
            intake_id = store.insert_intake(
                db,
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
            store.update_intake(
                db, intake["id"], {"intake_date": intake_day, "organisation_id": company.id}
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
    validate: Callable[..., Any],
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
    explain: bool = False,
    tick: Tick | None = None,
) -> ImportReport:
    day = today or dt.date.today()
    table = read_table(source, name, sheet, limits, tick)
    report = ImportReport(kind, table.name, dry_run=dry_run)
    if explain:
        report.row_results = []
    return _run(
        db,
        table,
        report,
        rules,
        lambda record, mapping, names: validate(record, mapping, names, day),
        write,
        skip_invalid,
        progress,
        tick,
    )


IMPORTERS = {"participants": import_participants, "use-cases": import_use_cases}

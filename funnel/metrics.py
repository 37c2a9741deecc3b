"""The counting rules: participations, unique participants per year, the snapshot, conversion.

Counting belongs to SQLite: every rule here is one query bounded by the year and the as-of date
(with the indexes in :data:`INDEXES`), never a Python loop over attendance rows.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from funnel.db import rows, transaction
from funnel.models import (
    ALL_STAGES,
    DEFAULT_TARGETS,
    EDUCATION_KINDS,
    FUNNEL_ORDER,
    TERMINAL,
    OrgKind,
    Stage,
    Theme,
)
from funnel.stages import Event

#: The indexes the counting and the screens' reads need (CREATE INDEX IF NOT EXISTS, so applying
#: them twice is harmless). To become a migration in funnel/db.py; until then
#: :func:`ensure_indexes` applies them.
INDEXES = """
CREATE INDEX IF NOT EXISTS attendance_activity_org ON attendance(activity_id, organisation_id);
CREATE INDEX IF NOT EXISTS attendance_organisation ON attendance(organisation_id);
CREATE INDEX IF NOT EXISTS attendance_person_only ON attendance(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS stage_events_effective ON stage_events(effective_on, use_case_id);
CREATE INDEX IF NOT EXISTS intakes_date ON intakes(intake_date);
CREATE INDEX IF NOT EXISTS intakes_organisation ON intakes(organisation_id);
CREATE INDEX IF NOT EXISTS intakes_person ON intakes(person_id);
CREATE INDEX IF NOT EXISTS intakes_use_case ON intakes(use_case_id);
CREATE INDEX IF NOT EXISTS involvements_use_case ON involvements(use_case_id);
CREATE INDEX IF NOT EXISTS involvements_organisation ON involvements(organisation_id);
CREATE INDEX IF NOT EXISTS involvements_person ON involvements(person_id);
CREATE INDEX IF NOT EXISTS persons_organisation ON persons(organisation_id);
"""


def ensure_indexes(db: sqlite_utils.Database) -> None:
    """Create the indexes of :data:`INDEXES` that the database lacks (one short write)."""
    with transaction(db):
        for statement in INDEXES.strip().splitlines():
            db.execute(statement)


def _in(stages: Any) -> str:
    return "(" + ", ".join(f"'{Stage(s).value}'" for s in stages) + ")"


_TERMINAL = _in(sorted(TERMINAL))
_STAGES = {stage.value: stage for stage in Stage}  # faster than Stage(value) for many rows


def _rank(column: str) -> str:
    """SQL for :func:`funnel.models.stage_rank` of a stage column (-1 for side states)."""
    whens = " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(FUNNEL_ORDER))
    return f"(CASE {column} {whens} ELSE -1 END)"


_EXECUTION_RANK = FUNNEL_ORDER.index(Stage.EXECUTION)

#: The funnel stage a use case was in before event ``e`` (effect order): its rank, -1 for none.
_BEFORE_RANK = f"""COALESCE((
    SELECT {_rank("p.to_stage")} FROM stage_events p
    WHERE p.use_case_id = e.use_case_id AND p.to_stage IN {_in(FUNNEL_ORDER)}
      AND (p.effective_on < e.effective_on OR (p.effective_on = e.effective_on AND p.id < e.id))
    ORDER BY p.effective_on DESC, p.id DESC LIMIT 1), -1)"""


def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The end of ``year``, or today when that is earlier."""
    today = today or dt.date.today()
    return min(dt.date(year, 12, 31), today)


def load_events(db: sqlite_utils.Database, case_id: int | None = None) -> dict[int, list[Event]]:
    """All stage events (or one use case's), per use case, in recording order."""
    events: dict[int, list[Event]] = defaultdict(list)
    sql = "SELECT id, use_case_id, from_stage, to_stage, effective_on FROM stage_events"
    for r in db.execute(
        sql + (" WHERE use_case_id = ?" if case_id is not None else "") + " ORDER BY id",
        [case_id] if case_id is not None else [],
    ):
        events[r[1]].append(
            Event(
                seq=r[0],
                to_stage=Stage(r[3]),
                effective_on=dt.date.fromisoformat(r[4]),
                from_stage=Stage(r[2]) if r[2] else None,
            )
        )
    return events


def _events_db(events_by_case: Mapping[int, list[Event]]) -> sqlite_utils.Database:
    """Events given as values, in a database of their own, so the same SQL counts them."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE stage_events (id INTEGER, use_case_id INTEGER, from_stage TEXT, "
        "to_stage TEXT NOT NULL, effective_on TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX e_case ON stage_events(use_case_id, effective_on, id)")
    conn.executemany(
        "INSERT INTO stage_events VALUES (?, ?, ?, ?, ?)",
        [
            (
                e.seq,
                case_id,
                e.from_stage.value if e.from_stage else None,
                e.to_stage.value,
                e.effective_on.isoformat(),
            )
            for case_id, events in events_by_case.items()
            for e in events
        ],
    )
    return sqlite_utils.Database(conn)


def _as_db(source: sqlite_utils.Database | Mapping[int, list[Event]]) -> sqlite_utils.Database:
    return source if isinstance(source, sqlite_utils.Database) else _events_db(source)


# --- participations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    """An organisation and/or person taking part over [start, end] (end None: still open)."""

    org_id: int | None
    person_id: int | None
    start: dt.date
    end: dt.date | None
    via: str  # how it takes part: activity | intake | asset_owner | involvement
    ref_id: int
    title: str = field(default="", compare=False)  # the activity's or use case's title

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def _owner_intervals(last: str) -> str:
    """SQL: the periods each use case was open (neither realised nor dropped), from events up to
    ``last`` (a parameter name): it opens at an event that is not terminal when the one before
    it was terminal (or there was none), and ends at the first terminal event after that."""
    return f"""
    SELECT use_case_id, effective_on AS start, next_terminal AS end_on FROM (
        SELECT use_case_id, effective_on, to_stage IN {_TERMINAL} AS terminal,
               LAG(to_stage IN {_TERMINAL}) OVER w AS prev_terminal,
               MIN(CASE WHEN to_stage IN {_TERMINAL} THEN effective_on END)
                   OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_terminal
        FROM stage_events WHERE effective_on <= {last}
        WINDOW w AS (PARTITION BY use_case_id ORDER BY effective_on, id)
    ) WHERE NOT terminal AND (prev_terminal IS NULL OR prev_terminal)"""


def _involvement_end(last: str) -> str:
    """SQL: the end of involvement ``i``: its end date, else the day the use case was realised or
    dropped on or after the start (the start itself when it already was), else open (NULL)."""
    return f"""COALESCE(NULLIF(i.end_date, ''), CASE
        WHEN (SELECT s.to_stage FROM stage_events s
              WHERE s.use_case_id = i.use_case_id AND s.effective_on <= i.start_date
              ORDER BY s.effective_on DESC, s.id DESC LIMIT 1) IN {_TERMINAL}
        THEN i.start_date
        ELSE (SELECT MIN(s.effective_on) FROM stage_events s
              WHERE s.use_case_id = i.use_case_id AND s.to_stage IN {_TERMINAL}
                AND s.effective_on >= i.start_date AND s.effective_on <= {last})
        END)"""


def _participations_sql(
    org: str | None, person: str | None, activities: bool = True, many: bool = False
) -> str:
    """SQL: every participation up to ``:as_of`` with raw ids and its title; with ``org`` or
    ``person`` (a parameter name) only those of that canonical organisation or person (with
    ``many``: of those canonical ids, the parameter a JSON list); without ``activities`` all but
    the attendance."""
    which = "IN (SELECT value FROM json_each(:{}))" if many else "= :{}"

    def only(org_col: str | None, person_col: str | None) -> str:
        parts = []
        if org:
            parts.append(
                f"AND {org_col} IN (SELECT id FROM organisations "
                f"WHERE canonical_id {which.format(org)})"
                if org_col
                else "AND 0"
            )
        if person:
            parts.append(
                f"AND {person_col} IN (SELECT id FROM persons "
                f"WHERE canonical_id {which.format(person)})"
                if person_col
                else "AND 0"
            )
        return " ".join(parts)

    attendance = f"""
    SELECT a.organisation_id AS org, a.person_id AS person, v.activity_date AS start,
           v.activity_date AS end_on, 'activity' AS via, a.id AS ref_id, v.title AS title
      FROM activities v JOIN attendance a ON a.activity_id = v.id
     WHERE v.activity_date <= :as_of {only("a.organisation_id", "a.person_id")}
    UNION ALL"""
    return f"""{attendance if activities else ""}
    SELECT i.organisation_id AS org, i.person_id AS person, i.intake_date AS start,
           i.intake_date AS end_on, 'intake' AS via, i.id AS ref_id, COALESCE(u.title, '') AS title
      FROM intakes i LEFT JOIN use_cases u ON u.id = i.use_case_id
     WHERE i.intake_date <= :as_of {only("i.organisation_id", "i.person_id")}
    UNION ALL
    SELECT u.asset_owner_id, NULL, w.start, w.end_on, 'asset_owner', u.id, u.title
      FROM ({_owner_intervals(":as_of")}) w JOIN use_cases u ON u.id = w.use_case_id
     WHERE u.asset_owner_id IS NOT NULL {only("u.asset_owner_id", None)}
    UNION ALL
    SELECT i.organisation_id, i.person_id, i.start_date, {_involvement_end(":as_of")},
           'involvement', i.id, u.title
      FROM involvements i JOIN use_cases u ON u.id = i.use_case_id
     WHERE i.start_date <= :as_of {only("i.organisation_id", "i.person_id")}"""


def participations(
    db: sqlite_utils.Database,
    as_of: dt.date,
    org_id: int | None = None,
    person_id: int | None = None,
) -> list[Participation]:
    """Every participation known on ``as_of``; organisations and persons as they are after merges.

    With ``org_id`` or ``person_id`` (a canonical id): only that organisation's or person's.
    """
    return list(each_participation(db, as_of, org_id, person_id))


def each_participation(
    db: sqlite_utils.Database,
    as_of: dt.date,
    org_id: int | None = None,
    person_id: int | None = None,
) -> Iterator[Participation]:
    """:func:`participations` one at a time (a million of them need not be held at once)."""
    params = {"as_of": as_of.isoformat(), "org": org_id, "person": person_id}
    inner = _participations_sql(
        "org" if org_id is not None else None, "person" if person_id is not None else None
    )
    sql = f"""
    SELECT COALESCE(o.canonical_id, x.org), COALESCE(p.canonical_id, x.person),
           x.start, x.end_on, x.via, x.ref_id, x.title
      FROM ({inner}) x
      LEFT JOIN organisations o ON o.id = x.org LEFT JOIN persons p ON p.id = x.person"""
    yield from _each(db, sql, params)


def _each(db: sqlite_utils.Database, sql: str, params: dict[str, Any]) -> Iterator[Participation]:
    for org, person, start, end, via, ref_id, title in db.conn.execute(sql, params):
        yield Participation(
            org,
            person,
            dt.date.fromisoformat(start),
            dt.date.fromisoformat(end) if end else None,
            via,
            ref_id,
            title or "",
        )


def participation_spans(
    db: sqlite_utils.Database, as_of: dt.date, org_ids: Iterable[int]
) -> dict[int, tuple[int, set[int]]]:
    """Per canonical organisation of ``org_ids``: how many participations it has known on
    ``as_of`` (after merges) and the years they cover (an open one up to ``as_of``'s year). In
    SQLite, grouped by the years a participation starts and ends: the organisations' own rows
    are read by index, not every participation of everyone."""
    wanted = sorted(set(org_ids))
    if not wanted:
        return {}
    inner = _participations_sql("orgs", None, many=True)
    sql = f"""
    SELECT o.canonical_id, CAST(substr(x.start, 1, 4) AS INTEGER),
           CAST(substr(COALESCE(x.end_on, :as_of), 1, 4) AS INTEGER), COUNT(*)
      FROM ({inner}) x JOIN organisations o ON o.id = x.org GROUP BY 1, 2, 3"""
    found: dict[int, tuple[int, set[int]]] = {}
    params = {"as_of": as_of.isoformat(), "orgs": json.dumps(wanted)}
    for org, first, last, n in db.execute(sql, params):
        count, years = found.get(org, (0, set()))
        years.update(range(first, last + 1))
        found[org] = (count + n, years)
    return found


def last_seen(db: sqlite_utils.Database, as_of: dt.date) -> dict[int, dt.date]:
    """Per canonical person: the last day of a participation known on ``as_of`` (one still
    open, or ending later: ``as_of``), counted in SQLite."""
    # the attendance by the person index (no sort of a million rows), the rest as a union
    others = _participations_sql(None, None, activities=False)
    sql = f"""
    SELECT COALESCE(p.canonical_id, x.person), MAX(x.day) FROM (
        SELECT a.person_id AS person, MAX(v.activity_date) AS day
          FROM attendance a JOIN activities v ON v.id = a.activity_id
         WHERE a.person_id IS NOT NULL AND v.activity_date <= :as_of GROUP BY a.person_id
        UNION ALL
        SELECT person, MAX(MIN(COALESCE(end_on, :as_of), :as_of)) FROM ({others})
         WHERE person IS NOT NULL GROUP BY person
    ) x LEFT JOIN persons p ON p.id = x.person GROUP BY 1"""
    return {
        int(person): dt.date.fromisoformat(day)
        for person, day in db.execute(sql, {"as_of": as_of.isoformat()})
    }


def participation_counts(
    db: sqlite_utils.Database, as_of: dt.date, only: str | None = None
) -> dict[str, dict[int, int]]:
    """How many participations known on ``as_of`` each organisation and person has (after merges).

    Attendance is counted from the index (all of it, less what lies after ``as_of``), the rest
    from the participations themselves. ``only``: "organisations" or "persons", the other left
    out of the result.
    """
    others = _participations_sql(None, None, activities=False)
    params = {"as_of": as_of.isoformat()}
    result: dict[str, dict[int, int]] = {}
    for key, column, alias, table in (
        ("organisations", "organisation_id", "org", "organisations"),
        ("persons", "person_id", "person", "persons"),
    ):
        if only is not None and key != only:
            continue
        sql = f"""
        SELECT COALESCE(c.canonical_id, x.id), SUM(x.n) FROM (
            SELECT {column} AS id, COUNT(*) AS n FROM attendance
             WHERE {column} IS NOT NULL GROUP BY 1
            UNION ALL
            SELECT {column}, -COUNT(*) FROM attendance
             WHERE activity_id IN (SELECT id FROM activities WHERE activity_date > :as_of)
               AND {column} IS NOT NULL GROUP BY 1
            UNION ALL
            SELECT {alias}, COUNT(*) FROM ({others}) WHERE {alias} IS NOT NULL GROUP BY 1
        ) x LEFT JOIN {table} c ON c.id = x.id GROUP BY 1 HAVING SUM(x.n) > 0"""
        result[key] = {int(i): int(n) for i, n in db.execute(sql, params)}
    return result


def _entity_sql(entity: str) -> tuple[str, str, str]:
    """The attendance column, participation alias and table of ``entity``."""
    if entity == "organisation":
        return "organisation_id", "org", "organisations"
    return "person_id", "person", "persons"


def _spans_sql(entity: str, filtered: bool) -> str:
    """SQL (a CTE named ``spans``, after ``raw``): the distinct (canonical id, first year, last
    year) of the participations known on ``:as_of`` of every organisation or person (with
    ``filtered``: of the canonical ids in the JSON list ``:ids``); a participation counts in
    every year from its start to its end (to ``:year`` when it is open or ends later). The
    attendance, a participation each, is reduced to its distinct (id, year) first."""
    column, alias, table = _entity_sql(entity)
    name = "ids" if filtered else None
    others = _participations_sql(
        name if entity == "organisation" else None,
        name if entity != "organisation" else None,
        activities=False,
        many=True,
    )
    only = (
        f"AND a.{column} IN (SELECT id FROM {table} "
        "WHERE canonical_id IN (SELECT value FROM json_each(:ids)))"
        if filtered
        else ""
    )
    return f"""
    raw(id, first, last) AS (
        SELECT DISTINCT a.{column}, CAST(substr(v.activity_date, 1, 4) AS INTEGER),
               CAST(substr(v.activity_date, 1, 4) AS INTEGER)
          FROM activities v JOIN attendance a ON a.activity_id = v.id
         WHERE v.activity_date <= :as_of AND a.{column} IS NOT NULL {only}
        UNION
        SELECT {alias}, CAST(substr(start, 1, 4) AS INTEGER),
               MIN(CAST(substr(COALESCE(end_on, :as_of), 1, 4) AS INTEGER), :year)
          FROM ({others}) WHERE {alias} IS NOT NULL
    ), spans(id, first, last) AS (
        SELECT DISTINCT COALESCE(c.canonical_id, raw.id), raw.first, raw.last
          FROM raw LEFT JOIN {table} c ON c.id = raw.id
    )"""


def participants_per_year(
    db: sqlite_utils.Database, as_of: dt.date, entity: str
) -> dict[tuple[int, str | None], int]:
    """How many canonical organisations (``entity`` "organisation"), per year and kind, or
    persons ("person", kind None) have a participation known on ``as_of`` in each year up to
    ``as_of``'s (a participation counts in every year from its start to its end, to ``as_of``
    when it is open). One query."""
    kind = "k.kind" if entity == "organisation" else "NULL"
    kinds = "LEFT JOIN organisations k ON k.id = s.id" if entity == "organisation" else ""
    sql = f"""
    WITH RECURSIVE {_spans_sql(entity, filtered=False)}, years(y) AS (
        SELECT MIN(first) FROM spans UNION ALL SELECT y + 1 FROM years WHERE y < :year
    )
    SELECT y, {kind}, COUNT(DISTINCT s.id) FROM spans s JOIN years ON y BETWEEN s.first AND s.last
      {kinds} GROUP BY 1, 2"""
    params = {"as_of": as_of.isoformat(), "year": as_of.year}
    return {(int(y), k): int(n) for y, k, n in db.execute(sql, params)}


def participation_years(
    db: sqlite_utils.Database, as_of: dt.date, entity: str, ids: Collection[int]
) -> dict[int, frozenset[int]]:
    """The years these canonical organisations or persons take part in (as
    :func:`participants_per_year` counts them), read by their ids."""
    found: dict[int, set[int]] = {i: set() for i in ids}
    params = {"as_of": as_of.isoformat(), "year": as_of.year, "ids": json.dumps(sorted(ids))}
    sql = f"WITH {_spans_sql(entity, filtered=True)} SELECT id, first, last FROM spans"
    for ident, first, last in db.execute(sql, params):
        found.setdefault(ident, set()).update(range(first, last + 1))
    return {ident: frozenset(years) for ident, years in found.items()}


#: Above this many ids, :func:`activities_and_cases` reads everyone's attendance (one scan of an
#: index) rather than each id's (a search per id and a row lookup per attendance row: the
#: records of proposals are often the large ones, with many rows each).
_MANY_IDS = 1_000


def activities_and_cases(
    db: sqlite_utils.Database, as_of: dt.date, entity: str, ids: Collection[int]
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """The distinct activities and the distinct use cases (as asset owner, involved or by an
    intake) each of these canonical organisations or persons took part in, known on ``as_of``:
    two queries, the attendance reduced to its distinct (activity, id) in SQL."""
    column, alias, table = _entity_sql(entity)
    wanted = set(ids)
    activities: dict[int, set[int]] = {i: set() for i in wanted}
    cases: dict[int, set[int]] = {i: set() for i in wanted}
    if not wanted:
        return activities, cases
    canonical = dict(
        db.execute(
            f"SELECT id, canonical_id FROM {table} "
            "WHERE canonical_id IS NOT NULL AND canonical_id != id"
        )
    )
    params = {"as_of": as_of.isoformat(), "ids": json.dumps(sorted(wanted))}
    only = (
        f"AND a.{column} IN (SELECT id FROM {table} "
        "WHERE canonical_id IN (SELECT value FROM json_each(:ids)))"
        if len(wanted) <= _MANY_IDS
        else ""
    )
    for activity, raw in db.execute(
        f"""SELECT DISTINCT a.activity_id, a.{column} FROM attendance a
              JOIN activities v ON v.id = a.activity_id
             WHERE v.activity_date <= :as_of AND a.{column} IS NOT NULL {only}""",
        params,
    ):
        found = activities.get(canonical.get(raw, raw))
        if found is not None:
            found.add(activity)
    others = _participations_sql(None, None, activities=False)
    for ident, case in db.execute(
        f"""SELECT COALESCE(c.canonical_id, x.{alias}), CASE x.via
                   WHEN 'asset_owner' THEN x.ref_id
                   WHEN 'involvement' THEN (SELECT use_case_id FROM involvements WHERE id = x.ref_id)
                   ELSE (SELECT use_case_id FROM intakes WHERE id = x.ref_id) END
              FROM ({others}) x LEFT JOIN {table} c ON c.id = x.{alias}
             WHERE x.{alias} IS NOT NULL""",
        params,
    ):
        if case is not None and ident in cases:
            cases[ident].add(case)
    return activities, cases


# --- unique participants -------------------------------------------------------------------------


@dataclass
class UniqueCounts:
    companies: set[int]
    education: set[int]
    unclassified: set[int]
    other_orgs: set[int]
    persons: set[int]


#: SQL: use case ``u`` was open (neither realised nor dropped) at some time in [:first, :last]:
#: an event that is not terminal took effect in the period, or the last one before it was not
#: terminal. (The same as an interval of :func:`_owner_intervals` overlapping the period, without
#: reading the events of other years.)
_OPEN_IN_PERIOD = f"""
    u.id IN (SELECT use_case_id FROM stage_events
              WHERE effective_on BETWEEN :first AND :last AND to_stage NOT IN {_TERMINAL})
    OR (SELECT s.to_stage FROM stage_events s WHERE s.use_case_id = u.id AND s.effective_on < :first
         ORDER BY s.effective_on DESC, s.id DESC LIMIT 1) NOT IN {_TERMINAL}"""

#: SQL: the raw ids of organisations taking part in [:first, :last], each with the Fieldlab of
#: that participation (``fieldlab``: of the activity attended, or of the use case it is the asset
#: owner of or involved in; an intake is not Fieldlab work): each (Fieldlab, id) once. The year's
#: unique participants are every id; a Fieldlab's are the ids with its name.
_ORGS_IN_PERIOD = f"""
    SELECT v.fieldlab AS fieldlab, a.organisation_id AS id
      FROM activities v JOIN attendance a ON a.activity_id = v.id
     WHERE v.activity_date BETWEEN :first AND :last AND a.organisation_id IS NOT NULL
    UNION
    SELECT NULL, organisation_id FROM intakes
     WHERE intake_date BETWEEN :first AND :last AND organisation_id IS NOT NULL
    UNION
    SELECT u.fieldlab, u.asset_owner_id FROM use_cases u
     WHERE u.asset_owner_id IS NOT NULL AND ({_OPEN_IN_PERIOD})
    UNION
    SELECT fieldlab, organisation_id FROM (
        SELECT u.fieldlab, i.organisation_id, {_involvement_end(":last")} AS end_on
          FROM involvements i JOIN use_cases u ON u.id = i.use_case_id
         WHERE i.start_date <= :last AND i.organisation_id IS NOT NULL
    ) WHERE end_on IS NULL OR end_on >= :first"""

#: SQL: the raw ids of persons taking part in [:first, :last], with the Fieldlab of each
#: participation (as :data:`_ORGS_IN_PERIOD`).
_PERSONS_IN_PERIOD = f"""
    SELECT v.fieldlab AS fieldlab, a.person_id AS id
      FROM activities v JOIN attendance a ON a.activity_id = v.id
     WHERE v.activity_date BETWEEN :first AND :last AND a.person_id IS NOT NULL
    UNION
    SELECT NULL, person_id FROM intakes
     WHERE intake_date BETWEEN :first AND :last AND person_id IS NOT NULL
    UNION
    SELECT fieldlab, person_id FROM (
        SELECT u.fieldlab, i.person_id, {_involvement_end(":last")} AS end_on
          FROM involvements i JOIN use_cases u ON u.id = i.use_case_id
         WHERE i.start_date <= :last AND i.person_id IS NOT NULL
    ) WHERE end_on IS NULL OR end_on >= :first"""


#: The Fieldlabs a use case or activity can belong to (SPEC: the themes).
FIELDLABS: tuple[str, ...] = tuple(t.value for t in Theme)


@dataclass
class FieldlabParticipants:
    """Who took part in one Fieldlab in the year: organisations by kind, and persons."""

    companies: set[int] = field(default_factory=set)
    education: set[int] = field(default_factory=set)
    others: set[int] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)

    @property
    def coordinated(self) -> bool:
        """A Fieldlab is coordinated in a year when anyone took part in it."""
        return bool(self.companies or self.education or self.others or self.persons)


@dataclass
class YearParticipants:
    """Who took part in a year up to its as-of date: the unique participants and, per
    Fieldlab, those whose participation belonged to it; organisations
    and persons as they are after merges."""

    unique: UniqueCounts
    fieldlabs: dict[str, FieldlabParticipants]


def year_participants(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None
) -> YearParticipants:
    """Distinct organisations (by kind) and persons taking part in ``year`` up to ``as_of``,
    and per Fieldlab (:data:`FIELDLABS`) the same for the participations that belong to it.

    One pass of SQLite over the year's attendance for each (organisations, persons): the
    distinct (Fieldlab, id) pairs, so Python sees each organisation and person of the year
    once per Fieldlab, not each attendance row."""
    as_of = as_of or default_as_of(year)
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), as_of)
    counts = UniqueCounts(set(), set(), set(), set(), set())
    labs = {name: FieldlabParticipants() for name in FIELDLABS}
    found = YearParticipants(counts, labs)
    if last < first:
        return found
    params = {"first": first.isoformat(), "last": last.isoformat()}
    education = {k.value for k in EDUCATION_KINDS}
    unknown = OrgKind.UNKNOWN.value
    by_kind = {OrgKind.COMPANY.value: counts.companies, unknown: counts.unclassified}
    for lab, org_id, kind, lab_kind in db.execute(
        f"""SELECT DISTINCT r.fieldlab, COALESCE(o.canonical_id, r.id),
                   COALESCE(c.kind, '{unknown}'),
                   CASE WHEN c.merged_into IS NULL THEN COALESCE(c.kind, '{unknown}')
                        ELSE '{unknown}' END
              FROM ({_ORGS_IN_PERIOD}) r LEFT JOIN organisations o ON o.id = r.id
              LEFT JOIN organisations c ON c.id = COALESCE(o.canonical_id, r.id)""",
        params,
    ):
        target = counts.education if kind in education else by_kind.get(kind, counts.other_orgs)
        target.add(org_id)
        into = labs.get(lab) if lab is not None else None
        if into is not None:
            if lab_kind == OrgKind.COMPANY.value:
                into.companies.add(org_id)
            elif lab_kind in education:
                into.education.add(org_id)
            else:
                into.others.add(org_id)
    for lab, person_id in db.execute(
        f"""SELECT DISTINCT r.fieldlab, COALESCE(p.canonical_id, r.id)
              FROM ({_PERSONS_IN_PERIOD}) r LEFT JOIN persons p ON p.id = r.id""",
        params,
    ):
        counts.persons.add(person_id)
        into = labs.get(lab) if lab is not None else None
        if into is not None:
            into.persons.add(person_id)
    return found


def unique_participants(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None
) -> UniqueCounts:
    """Distinct organisations (by kind) and persons taking part in ``year`` up to ``as_of``."""
    return year_participants(db, year, as_of).unique


def targets_for(db: sqlite_utils.Database, year: int) -> dict[str, int]:
    """The yearly targets: the stuurgroep's values for ``year``, else the defaults."""
    values = dict(DEFAULT_TARGETS)
    for r in rows(db, "SELECT key, value FROM targets WHERE year = ?", [year]):
        values[r["key"]] = int(r["value"])
    return values


# --- the funnel ----------------------------------------------------------------------------------

STAGE_KEYS = (
    "use_cases_detected",
    "intakes",
    "projects_started",
    "projects_realised",
    "use_cases_dropped",
)

#: SQL: per use case with an event in [:first, :last], which stage KPIs those events count for.
#: A move that skips execution (to realised from before execution) starts the project too.
_STAGE_FLAGS = f"""
    SELECT e.use_case_id,
           MAX(e.from_stage IS NULL AND e.to_stage = 'detected'),
           MAX(e.to_stage = 'intake'),
           MAX(e.to_stage = 'execution'
               OR ({_rank("e.to_stage")} > {_EXECUTION_RANK}
                   AND {_BEFORE_RANK} < {_EXECUTION_RANK})),
           MAX(e.to_stage = 'realised'),
           MAX(e.to_stage = 'dropped')
      FROM stage_events e WHERE e.effective_on BETWEEN :first AND :last
     GROUP BY e.use_case_id"""


def stage_counts(
    source: sqlite_utils.Database | Mapping[int, list[Event]], first: dt.date, last: dt.date
) -> dict[str, set[int]]:
    """Use cases per KPI whose event took effect in [first, last] (a use case counts once per key).

    ``source``: the database, or stage events per use case (counted by the same SQL).
    """
    found: dict[str, set[int]] = {key: set() for key in STAGE_KEYS}
    params = {"first": first.isoformat(), "last": last.isoformat()}
    for case_id, *flags in _as_db(source).execute(_STAGE_FLAGS, params):
        for key, flag in zip(STAGE_KEYS, flags, strict=True):
            if flag:
                found[key].add(case_id)
    return found


#: SQL: every use case with an event on or before :as_of, with its stage then; except those
#: realised or dropped before 1 January that did not move since (:before is 31 December before).
_FUNNEL = f"""
    SELECT c.use_case_id, c.to_stage FROM (SELECT DISTINCT use_case_id FROM stage_events) u
      JOIN stage_events c ON c.id = (
           SELECT p.id FROM stage_events p WHERE p.use_case_id = u.use_case_id
              AND p.effective_on <= :as_of ORDER BY p.effective_on DESC, p.id DESC LIMIT 1)
     WHERE NOT (
        c.effective_on < :first
        AND (SELECT p.to_stage FROM stage_events p
              WHERE p.use_case_id = c.use_case_id AND p.effective_on <= :before
              ORDER BY p.effective_on DESC, p.id DESC LIMIT 1) IN {_TERMINAL})"""


def funnel_cases(
    source: sqlite_utils.Database | Mapping[int, list[Event]], year: int, as_of: dt.date
) -> dict[int, Stage]:
    """The use cases in the year's funnel with their stage on ``as_of``.

    Every use case detected on or before ``as_of``, except those already realised or dropped
    before 1 January (unless they moved again this year). ``source``: the database, or stage
    events per use case (counted by the same SQL).
    """
    first = dt.date(year, 1, 1)
    params = {
        "as_of": as_of.isoformat(),
        "first": first.isoformat(),
        "before": (first - dt.timedelta(days=1)).isoformat(),
    }
    return {case_id: _STAGES[stage] for case_id, stage in _as_db(source).execute(_FUNNEL, params)}


def snapshot(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The steering committee's snapshot for ``year`` as of ``as_of`` (SPEC: The snapshot)."""
    return snapshot_and_participants(db, year, as_of, today)[0]


def snapshot_and_participants(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None, today: dt.date | None = None
) -> tuple[dict[str, Any], YearParticipants]:
    """:func:`snapshot` and the participants it counted, per Fieldlab too (for the goals and
    the lists behind the figures, without counting them a second time)."""
    as_of = as_of or default_as_of(year, today)
    first = dt.date(year, 1, 1)
    # SPEC: stage events with an effect date in [1 January Y, as_of], and the funnel as of
    # as_of (also when as_of lies after the year); unique participants stop at 31 December
    counted = stage_counts(db, first, as_of)
    participants = year_participants(db, year, as_of)
    unique = participants.unique
    funnel = {stage.value: 0 for stage in ALL_STAGES}
    for stage in funnel_cases(db, year, as_of).values():
        funnel[stage.value] += 1
    targets = targets_for(db, year)
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        **{key: len(counted[key]) for key in STAGE_KEYS},
        "unique_companies": len(unique.companies),
        "unique_persons": len(unique.persons),
        "unique_education_institutions": len(unique.education),
        "unclassified_organisations": len(unique.unclassified),
        "funnel": funnel,
        "targets": {key: targets[key] for key in DEFAULT_TARGETS},
    }, participants


def conversion(db: sqlite_utils.Database, as_of: dt.date | None = None) -> dict[str, int]:
    """How many use cases ever reached (or skipped past) each funnel stage by ``as_of``."""
    reached = ", ".join(
        f"COUNT(DISTINCT CASE WHEN before_rank < {i} AND to_rank >= {i} THEN use_case_id END)"
        for i in range(len(FUNNEL_ORDER))
    )
    row = db.execute(
        f"""SELECT {reached} FROM (
              SELECT e.use_case_id, {_rank("e.to_stage")} AS to_rank, {_BEFORE_RANK} AS before_rank
                FROM stage_events e WHERE :as_of IS NULL OR e.effective_on <= :as_of)""",
        {"as_of": as_of.isoformat() if as_of else None},
    ).fetchone()
    return {stage.value: int(count) for stage, count in zip(FUNNEL_ORDER, row, strict=True)}


def years_with_data(db: sqlite_utils.Database, today: dt.date | None = None) -> list[int]:
    """The years from the first recorded date to this year, for year pickers."""
    today = today or dt.date.today()
    found = rows(
        db,
        "SELECT MIN(d) AS first FROM (SELECT MIN(effective_on) AS d FROM stage_events "
        "UNION ALL SELECT MIN(activity_date) FROM activities UNION ALL SELECT MIN(intake_date) FROM intakes)",
    )
    first = found[0]["first"] if found and found[0]["first"] else None
    start = int(first[:4]) if first else today.year
    return list(range(min(start, today.year), today.year + 1))


def year_participations(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None
) -> list[Participation]:
    """The participations that count in ``year`` up to ``as_of``: those overlapping
    [1 January, min(31 December, as_of)], with organisations and persons as they are after
    merges (the same ones :func:`unique_participants` counts)."""
    as_of = as_of or default_as_of(year)
    first = dt.date(year, 1, 1)
    last = min(dt.date(year, 12, 31), as_of)
    if last < first:
        return []
    return [p for p in participations(db, last) if p.overlaps(first, last)]

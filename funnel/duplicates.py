"""Duplicate proposals with the evidence a programme leader decides on, ranked: names side by side
with what differs, KvK numbers, e-mail domains, shared activities and use cases, participations,
and what the unique counts become after the merge. Nothing here merges: a person decides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import heapq
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlite_utils

from funnel import directory, metrics
from funnel.db import rows
from funnel.identity import name_similarity, normal_text
from funnel.models import EDUCATION_KINDS, OrgKind

Entity = Literal["organisation", "person"]

#: The snapshot keys a merge can change, per entity.
COUNT_KEYS: dict[str, tuple[str, ...]] = {
    "organisation": ("unique_companies", "unique_education_institutions", "unclassified_organisations"),
    "person": ("unique_persons",),
}  # fmt: skip


def _count_key(kind: str | None) -> str | None:
    """The snapshot key an organisation of this kind counts under (None: under none of them)."""
    if kind == OrgKind.COMPANY.value:
        return "unique_companies"
    if kind in {k.value for k in EDUCATION_KINDS}:
        return "unique_education_institutions"
    if kind == OrgKind.UNKNOWN.value:
        return "unclassified_organisations"
    return None


def name_segments(name: str, other: str) -> list[tuple[str, bool]]:
    """``name`` cut into pieces, each marked True where it differs from ``other``: whole words
    (case and punctuation ignored), so "Robotics"/"Robotica" and "Nederland B.V." stand out."""
    words = re.findall(r"\S+\s*", name)
    keys = [normal_text(w) for w in words]
    other_keys = [normal_text(w) for w in re.findall(r"\S+\s*", other)]
    segments: list[tuple[str, bool]] = []
    matcher = difflib.SequenceMatcher(None, keys, other_keys, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        text = "".join(words[i1:i2])
        if not text:
            continue
        if segments and segments[-1][1] == (tag != "equal"):
            segments[-1] = (segments[-1][0] + text, segments[-1][1])
        else:
            segments.append((text, tag != "equal"))
    return segments


@dataclass(frozen=True)
class Side:
    """One of the two records of a proposal, as the evidence shows it."""

    id: int
    name: str
    segments: list[tuple[str, bool]]
    participations: int
    kind: str | None = None
    kvk: str | None = None
    email: str | None = None
    organisation: str | None = None
    email_domains: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CountChange:
    """A unique count of one year, now and after the merge."""

    year: int
    key: str
    before: int
    after: int


@dataclass(frozen=True)
class Evidence:
    """A proposed pair and everything said for and against it."""

    entity: Entity
    reason: str
    score: float
    a: Side
    b: Side
    keep_id: int
    shared_domains: list[str]
    shared_activities: list[str]
    shared_use_cases: list[str]
    #: what the unique counts become, per record kept (its id): only the counts that change
    changes: dict[int, list[CountChange]]

    @property
    def drop_id(self) -> int:
        return self.b.id if self.keep_id == self.a.id else self.a.id

    def as_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for side in ("a", "b"):
            data[side]["segments"] = [
                {"text": text, "differs": differs} for text, differs in data[side]["segments"]
            ]
        data["drop_id"] = self.drop_id
        data["changes"] = {str(k): v for k, v in data["changes"].items()}
        return data


class _Facts:
    """What the evidence of the pairs is computed from: for every record of a proposal the
    participation count and the activities and use cases it took part in (SQL aggregates, so
    every proposal can be scored); for the records shown only, their years and the titles;
    the unique counts per year over everyone (one SQL query)."""

    def __init__(
        self, db: sqlite_utils.Database, today: dt.date, entity: Entity, wanted: set[int]
    ) -> None:
        self.db, self.today, self.entity = db, today, entity
        key = "organisations" if entity == "organisation" else "persons"
        self.counts: dict[int, int] = metrics.participation_counts(db, today, only=key)[key]
        self.activities, self.cases = metrics.activities_and_cases(db, today, entity, wanted)
        self.years: dict[int, frozenset[int]] = {}
        self.activity_titles: dict[int, str] = {}
        self.case_titles: dict[int, str] = {}
        self._totals: dict[tuple[int, str], int] | None = None

    def shared_counts(self, a: int, b: int) -> tuple[int, int]:
        """How many activities and use cases ``a`` and ``b`` share."""
        return (
            len(self.activities[a] & self.activities[b]),
            len(self.cases[a] & self.cases[b]),
        )

    def load(self, shown: set[int]) -> None:
        """Read the years and the titles of what the ``shown`` records took part in."""
        self.years.update(metrics.participation_years(self.db, self.today, self.entity, shown))
        activities = {i for ident in shown for i in self.activities[ident]}
        for activity, title, day in _by_ids(
            self.db, "SELECT id, title, activity_date FROM activities WHERE id IN ({})", activities
        ):
            self.activity_titles[activity] = f"{title} ({day})"
        cases = {i for ident in shown for i in self.cases[ident]}
        for case, title in _by_ids(
            self.db, "SELECT id, title FROM use_cases WHERE id IN ({})", cases
        ):
            self.case_titles[case] = title

    @property
    def totals(self) -> dict[tuple[int, str], int]:
        """The unique counts per (year, key), as the proposals' years count them."""
        if self._totals is None:
            self._totals = defaultdict(int)
            for (year, kind), count in metrics.participants_per_year(
                self.db, self.today, self.entity
            ).items():
                key = "unique_persons" if self.entity == "person" else _count_key(kind)
                if key:
                    self._totals[(year, key)] += count
        return self._totals

    def changes(
        self,
        keep: int,
        drop: int,
        kinds: dict[int, str | None] | None = None,
        kind_after: str | None = None,
    ) -> list[CountChange]:
        """The unique counts that change when ``drop`` is merged into ``keep`` (both loaded;
        ``kinds``: the organisations' kinds)."""
        years, kinds = self.years, kinds or {}
        found = []
        for year in sorted(years[keep] | years[drop]):
            delta: dict[str, int] = defaultdict(int)
            for ident in (keep, drop):
                if year in years[ident]:
                    key = (
                        "unique_persons"
                        if self.entity == "person"
                        else _count_key(kinds.get(ident))
                    )
                    if key:
                        delta[key] -= 1
            key = "unique_persons" if self.entity == "person" else _count_key(kind_after)
            if key:
                delta[key] += 1
            for key in COUNT_KEYS[self.entity]:
                if delta.get(key):
                    before = self.totals[(year, key)]
                    found.append(CountChange(year, key, before, before + delta[key]))
        return found

    def shared(self, a: int, b: int) -> tuple[list[str], list[str]]:
        activities = sorted(
            self.activity_titles[i] for i in self.activities[a] & self.activities[b]
        )
        cases = sorted(self.case_titles[i] for i in self.cases[a] & self.cases[b])
        return activities, cases


def _by_ids(db: sqlite_utils.Database, sql: str, ids: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` (its ``{}`` the placeholders) for ``ids``, 900 at a time."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), 900):
        batch = ordered[start : start + 900]
        yield from db.execute(sql.format(",".join("?" * len(batch))), batch)


def _domains(emails: list[str | None]) -> list[str]:
    return sorted({e.rpartition("@")[2] for e in emails if e})


def _score(base: float, shared_activities: int, shared_cases: int, shared_domains: int) -> float:
    """The rank of a proposal: how alike the names are, raised by what the two share."""
    bonus = 5 * min(shared_activities, 4) + 5 * min(shared_cases, 4) + (10 if shared_domains else 0)
    return round(base + bonus, 1)


@dataclass(frozen=True)
class Ranked:
    """The best proposals of one entity, best first (at most the number asked for), and how many
    proposals there are in all."""

    shown: list[Evidence]
    total: int


@dataclass(frozen=True)
class _Candidate:
    a: int
    b: int
    reason: str
    score: float


def _order(c: _Candidate) -> tuple[float, int, int]:
    """Most likely duplicates first: the highest score; of equal scores the lowest ids."""
    return (-c.score, c.a, c.b)


def _best(candidates: list[_Candidate], limit: int | None) -> list[_Candidate]:
    """The ``limit`` best candidates (all with None), best first."""
    if limit is None:
        return sorted(candidates, key=_order)
    return heapq.nsmallest(limit, candidates, key=_order)


def _ids_in(db: sqlite_utils.Database, sql: str, ids: set[int]) -> dict[int, dict[str, Any]]:
    """The rows of ``sql`` (ending in its id column) for ``ids``, by id."""
    found: dict[int, dict[str, Any]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):
        batch = ordered[start : start + 900]
        found.update(
            (r["id"], r) for r in rows(db, sql + f" IN ({','.join('?' * len(batch))})", batch)
        )
    return found


def organisation_evidence(
    db: sqlite_utils.Database, today: dt.date | None = None, limit: int | None = None
) -> list[Evidence]:
    """The organisation proposals (:func:`funnel.directory.merge_proposals`), best first: all of
    them, or the best ``limit``."""
    return ranked(db, "organisation", today, limit).shown


def _organisations(
    db: sqlite_utils.Database, today: dt.date, limit: int | None
) -> tuple[list[Evidence], int]:
    found_proposals = directory.merge_proposals(db)
    wanted = {p.a_id for p in found_proposals} | {p.b_id for p in found_proposals}
    facts = _Facts(db, today, "organisation", wanted)
    normal = {
        i: name
        for i, name in db.execute(
            "SELECT id, normal_name FROM organisations WHERE merged_into IS NULL"
        )
        if i in wanted
    }
    emails: dict[int, list[str | None]] = defaultdict(list)
    for org, email in db.execute(
        "SELECT o.canonical_id, p.email FROM persons p "
        "JOIN organisations o ON o.id = p.organisation_id WHERE p.email IS NOT NULL",
    ):
        if org in wanted:
            emails[org].append(email)
    domains = {org: set(_domains(found)) for org, found in emails.items()}
    no_domains: set[str] = set()
    candidates = [
        _Candidate(
            p.a_id,
            p.b_id,
            "similar_name",
            _score(
                name_similarity(normal[p.a_id], normal[p.b_id]),
                *facts.shared_counts(p.a_id, p.b_id),
                len(domains.get(p.a_id, no_domains) & domains.get(p.b_id, no_domains)),
            ),
        )
        for p in found_proposals
    ]
    best = _best(candidates, limit)
    shown = {i for c in best for i in (c.a, c.b)}
    facts.load(shown)
    orgs = _ids_in(db, "SELECT * FROM organisations WHERE id", shown)
    kinds = {i: org["kind"] for i, org in orgs.items()}
    found = []
    for c in best:
        a, b = orgs[c.a], orgs[c.b]
        sides = [
            Side(
                id=org["id"],
                name=org["name"],
                segments=name_segments(org["name"], other["name"]),
                participations=facts.counts.get(org["id"], 0),
                kind=org["kind"],
                kvk=org["kvk"],
                email_domains=_domains(emails[org["id"]]),
            )
            for org, other in ((a, b), (b, a))
        ]
        activities, cases = facts.shared(c.a, c.b)
        changes = {}
        for keeper, dropped in ((a, b), (b, a)):
            after = keeper["kind"] if keeper["kind"] != OrgKind.UNKNOWN.value else dropped["kind"]
            changes[keeper["id"]] = facts.changes(keeper["id"], dropped["id"], kinds, after)
        found.append(
            Evidence(
                entity="organisation",
                reason=c.reason,
                score=c.score,
                a=sides[0],
                b=sides[1],
                keep_id=directory.default_keeper(a, b, facts.counts),
                shared_domains=sorted(set(sides[0].email_domains) & set(sides[1].email_domains)),
                shared_activities=activities,
                shared_use_cases=cases,
                changes=changes,
            )
        )
    return found, len(found_proposals)


#: How alike two persons' records are by the reason they were proposed for.
_PERSON_BASE = {"same_name": 90.0, "same_local_part": 80.0}


def person_evidence(
    db: sqlite_utils.Database, today: dt.date | None = None, limit: int | None = None
) -> list[Evidence]:
    """The person proposals (:func:`funnel.directory.person_merge_proposals`), best first: all
    of them, or the best ``limit``."""
    return ranked(db, "person", today, limit).shown


def _persons(
    db: sqlite_utils.Database, today: dt.date, limit: int | None
) -> tuple[list[Evidence], int]:
    found_proposals = directory.person_merge_proposals(db)
    wanted = {p.a_id for p in found_proposals} | {p.b_id for p in found_proposals}
    facts = _Facts(db, today, "person", wanted)
    candidates = [
        _Candidate(
            p.a_id,
            p.b_id,
            p.reason,
            _score(_PERSON_BASE[p.reason], *facts.shared_counts(p.a_id, p.b_id), 0),
        )
        for p in found_proposals
    ]
    best = _best(candidates, limit)
    shown = {i for c in best for i in (c.a, c.b)}
    facts.load(shown)
    people = _ids_in(
        db,
        "SELECT p.*, o.name AS organisation_name FROM persons p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id",
        shown,
    )
    found = []
    for c in best:
        a, b = people[c.a], people[c.b]
        sides = [
            Side(
                id=p["id"],
                name=p["name"] or "",
                segments=name_segments(p["name"] or "", other["name"] or ""),
                participations=facts.counts.get(p["id"], 0),
                email=p["email"],
                organisation=p["organisation_name"],
                email_domains=_domains([p["email"]]),
            )
            for p, other in ((a, b), (b, a))
        ]
        activities, cases = facts.shared(c.a, c.b)
        counts = facts.counts
        keep = a["id"] if counts.get(a["id"], 0) >= counts.get(b["id"], 0) else b["id"]
        found.append(
            Evidence(
                entity="person",
                reason=c.reason,
                score=c.score,
                a=sides[0],
                b=sides[1],
                keep_id=keep,
                shared_domains=sorted(set(sides[0].email_domains) & set(sides[1].email_domains)),
                shared_activities=activities,
                shared_use_cases=cases,
                changes={
                    a["id"]: facts.changes(a["id"], b["id"]),
                    b["id"]: facts.changes(b["id"], a["id"]),
                },
            )
        )
    return found, len(found_proposals)


def ranked(
    db: sqlite_utils.Database,
    entity: Entity,
    today: dt.date | None = None,
    limit: int | None = None,
) -> Ranked:
    """The proposals of one entity, best first, with their evidence: all, or the best ``limit``
    (the evidence is built for those only) and how many there are."""
    build = _organisations if entity == "organisation" else _persons
    shown, total = build(db, today or dt.date.today(), limit)
    return Ranked(shown, total)


def evidence(
    db: sqlite_utils.Database, entity: Entity, today: dt.date | None = None
) -> list[Evidence]:
    """The ranked proposals of one entity, all of them."""
    return ranked(db, entity, today).shown

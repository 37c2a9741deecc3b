"""Duplicate proposals with the evidence a programme leader decides on, ranked: names side by side
with what differs, KvK numbers, e-mail domains, shared activities and use cases, participations,
and what the unique counts become after the merge. Nothing here merges: a person decides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections import defaultdict
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
    """What the evidence of every pair is computed from, read once."""

    def __init__(
        self, db: sqlite_utils.Database, today: dt.date, wanted: dict[str, set[int]]
    ) -> None:
        """``wanted``: per entity, the ids of the proposals (their participations, activities
        and use cases are kept; of all others only the years, for the unique counts)."""
        self.today = today
        case_of = {
            "asset_owner": {r["id"]: r["id"] for r in rows(db, "SELECT id FROM use_cases")},
            "involvement": {
                r["id"]: r["use_case_id"]
                for r in rows(db, "SELECT id, use_case_id FROM involvements")
            },
            "intake": {
                r["id"]: r["use_case_id"]
                for r in rows(
                    db, "SELECT id, use_case_id FROM intakes WHERE use_case_id IS NOT NULL"
                )
            },
        }
        self.case_titles = {
            r["id"]: r["title"] for r in rows(db, "SELECT id, title FROM use_cases")
        }
        self.activity_titles: dict[int, str] = {}
        self.counts: dict[str, dict[int, int]] = {
            "organisation": defaultdict(int),
            "person": defaultdict(int),
        }
        self.years: dict[str, dict[int, set[int]]] = {
            "organisation": defaultdict(set),
            "person": defaultdict(set),
        }
        self.activities: dict[str, dict[int, set[int]]] = {
            "organisation": defaultdict(set),
            "person": defaultdict(set),
        }
        self.cases: dict[str, dict[int, set[int]]] = {
            "organisation": defaultdict(set),
            "person": defaultdict(set),
        }
        # the participations one at a time (a million at a million attendance rows): the years
        # of all, the rest of the proposals' records only
        attended: dict[tuple[str, int], list[int]] = defaultdict(list)
        spans: dict[tuple[int, int], frozenset[int]] = {}
        for p in metrics.each_participation(db, today):
            span = (p.start.year, min((p.end or today).year, today.year))
            years = spans.get(span)
            if years is None:
                years = spans[span] = frozenset(range(span[0], span[1] + 1))
            case = case_of.get(p.via, {}).get(p.ref_id)
            for entity, ident in (("organisation", p.org_id), ("person", p.person_id)):
                if ident is None:
                    continue
                self.years[entity][ident] |= years
                if ident not in wanted[entity]:
                    continue
                self.counts[entity][ident] += 1
                if p.via == "activity":
                    attended[(entity, ident)].append(p.ref_id)
                if case is not None:
                    self.cases[entity][ident].add(case)
        # the activities of the proposals' attendance, read for those only
        refs = sorted({ref for found in attended.values() for ref in found})
        activity_of: dict[int, int] = {}
        for start in range(0, len(refs), 900):
            batch = refs[start : start + 900]
            for ref, activity_id, title, day in db.execute(
                "SELECT a.id, a.activity_id, v.title, v.activity_date FROM attendance a "
                f"JOIN activities v ON v.id = a.activity_id WHERE a.id IN ({','.join('?' * len(batch))})",
                batch,
            ):
                activity_of[ref] = activity_id
                self.activity_titles[activity_id] = f"{title} ({day})"
        for (entity, ident), found in attended.items():
            self.activities[entity][ident].update(
                activity_of[ref] for ref in found if ref in activity_of
            )
        self.kinds = {r["id"]: r["kind"] for r in rows(db, "SELECT id, kind FROM organisations")}
        self.totals: dict[tuple[int, str], int] = defaultdict(int)
        for org_id, org_years in self.years["organisation"].items():
            key = _count_key(self.kinds.get(org_id))
            for year in org_years:
                if key:
                    self.totals[(year, key)] += 1
        for person_years in self.years["person"].values():
            for year in person_years:
                self.totals[(year, "unique_persons")] += 1

    def changes(
        self, entity: Entity, keep: int, drop: int, kind_after: str | None = None
    ) -> list[CountChange]:
        """The unique counts that change when ``drop`` is merged into ``keep``."""
        years = self.years[entity]
        found = []
        for year in sorted(years[keep] | years[drop]):
            delta: dict[str, int] = defaultdict(int)
            for ident in (keep, drop):
                if year in years[ident]:
                    key = (
                        "unique_persons"
                        if entity == "person"
                        else _count_key(self.kinds.get(ident))
                    )
                    if key:
                        delta[key] -= 1
            key = "unique_persons" if entity == "person" else _count_key(kind_after)
            if key:
                delta[key] += 1
            for key in COUNT_KEYS[entity]:
                if delta.get(key):
                    before = self.totals[(year, key)]
                    found.append(CountChange(year, key, before, before + delta[key]))
        return found

    def shared(self, entity: Entity, a: int, b: int) -> tuple[list[str], list[str]]:
        activities = sorted(
            self.activity_titles[i] for i in self.activities[entity][a] & self.activities[entity][b]
        )
        cases = sorted(self.case_titles[i] for i in self.cases[entity][a] & self.cases[entity][b])
        return activities, cases


def _domains(emails: list[str | None]) -> list[str]:
    return sorted({e.rpartition("@")[2] for e in emails if e})


def _score(base: float, shared_activities: int, shared_cases: int, shared_domains: int) -> float:
    """The rank of a proposal: how alike the names are, raised by what the two share."""
    bonus = 5 * min(shared_activities, 4) + 5 * min(shared_cases, 4) + (10 if shared_domains else 0)
    return round(base + bonus, 1)


def organisation_evidence(
    db: sqlite_utils.Database, today: dt.date | None = None
) -> list[Evidence]:
    """The organisation proposals (:func:`funnel.directory.merge_proposals`), best first."""
    found_proposals = directory.merge_proposals(db)
    wanted = {p.a_id for p in found_proposals} | {p.b_id for p in found_proposals}
    facts = _Facts(db, today or dt.date.today(), {"organisation": wanted, "person": set()})
    orgs = {r["id"]: r for r in rows(db, "SELECT * FROM organisations")}
    emails: dict[int, list[str | None]] = defaultdict(list)
    for r in rows(
        db,
        "SELECT o.canonical_id AS org, p.email FROM persons p "
        "JOIN organisations o ON o.id = p.organisation_id WHERE p.email IS NOT NULL",
    ):
        emails[r["org"]].append(r["email"])
    found = []
    for proposal in found_proposals:
        a, b = orgs[proposal.a_id], orgs[proposal.b_id]
        sides = []
        for org, other in ((a, b), (b, a)):
            sides.append(
                Side(
                    id=org["id"],
                    name=org["name"],
                    segments=name_segments(org["name"], other["name"]),
                    participations=facts.counts["organisation"][org["id"]],
                    kind=org["kind"],
                    kvk=org["kvk"],
                    email_domains=_domains(emails[org["id"]]),
                )
            )
        activities, cases = facts.shared("organisation", a["id"], b["id"])
        domains = sorted(set(sides[0].email_domains) & set(sides[1].email_domains))
        keep = directory.default_keeper(a, b, facts.counts["organisation"])
        changes = {}
        for keeper, dropped in ((a, b), (b, a)):
            after = keeper["kind"] if keeper["kind"] != OrgKind.UNKNOWN.value else dropped["kind"]
            changes[keeper["id"]] = facts.changes(
                "organisation", keeper["id"], dropped["id"], after
            )
        found.append(
            Evidence(
                entity="organisation",
                reason="similar_name",
                score=_score(
                    name_similarity(a["normal_name"], b["normal_name"]),
                    len(activities),
                    len(cases),
                    len(domains),
                ),
                a=sides[0],
                b=sides[1],
                keep_id=keep,
                shared_domains=domains,
                shared_activities=activities,
                shared_use_cases=cases,
                changes=changes,
            )
        )
    return sorted(found, key=lambda e: (-e.score, e.a.id, e.b.id))


#: How alike two persons' records are by the reason they were proposed for.
_PERSON_BASE = {"same_name": 90.0, "same_local_part": 80.0}


def person_evidence(db: sqlite_utils.Database, today: dt.date | None = None) -> list[Evidence]:
    """The person proposals (:func:`funnel.directory.person_merge_proposals`), best first."""
    found_proposals = directory.person_merge_proposals(db)
    wanted = {p.a_id for p in found_proposals} | {p.b_id for p in found_proposals}
    facts = _Facts(db, today or dt.date.today(), {"organisation": set(), "person": wanted})
    people = {
        r["id"]: r
        for r in rows(
            db,
            "SELECT p.*, o.name AS organisation_name FROM persons p "
            "LEFT JOIN organisations o ON o.id = p.organisation_id",
        )
    }
    found = []
    for proposal in found_proposals:
        a, b = people[proposal.a_id], people[proposal.b_id]
        sides = [
            Side(
                id=p["id"],
                name=p["name"] or "",
                segments=name_segments(p["name"] or "", other["name"] or ""),
                participations=facts.counts["person"][p["id"]],
                email=p["email"],
                organisation=p["organisation_name"],
                email_domains=_domains([p["email"]]),
            )
            for p, other in ((a, b), (b, a))
        ]
        activities, cases = facts.shared("person", a["id"], b["id"])
        domains = sorted(set(sides[0].email_domains) & set(sides[1].email_domains))
        counts = facts.counts["person"]
        keep = a["id"] if counts[a["id"]] >= counts[b["id"]] else b["id"]
        found.append(
            Evidence(
                entity="person",
                reason=proposal.reason,
                score=_score(_PERSON_BASE[proposal.reason], len(activities), len(cases), 0),
                a=sides[0],
                b=sides[1],
                keep_id=keep,
                shared_domains=domains,
                shared_activities=activities,
                shared_use_cases=cases,
                changes={
                    a["id"]: facts.changes("person", a["id"], b["id"]),
                    b["id"]: facts.changes("person", b["id"], a["id"]),
                },
            )
        )
    return sorted(found, key=lambda e: (-e.score, e.a.id, e.b.id))


def evidence(
    db: sqlite_utils.Database, entity: Entity, today: dt.date | None = None
) -> list[Evidence]:
    """The ranked proposals of one entity."""
    if entity == "organisation":
        return organisation_evidence(db, today)
    return person_evidence(db, today)

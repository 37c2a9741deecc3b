"""The duplicates' evidence as it was built before it was built for the shown proposals only:
the reference that funnel/duplicates.py is checked against (tests/unit/test_duplicates_ranked.py).
Not used by the app.

A frozen copy of funnel/duplicates.py at commit 9be9e1e (``_Facts`` read every participation in
Python, the evidence was built for every proposal, then sorted). Do not "improve" it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import sqlite_utils

from funnel import directory, metrics
from funnel.db import rows
from funnel.duplicates import (
    COUNT_KEYS,
    CountChange,
    Entity,
    Evidence,
    Side,
    _count_key,
    name_segments,
)
from funnel.identity import name_similarity
from funnel.models import OrgKind


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

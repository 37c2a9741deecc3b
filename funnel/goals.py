"""The strategy's goals beyond the yearly counts: Fieldlabs and who takes part in them, the core
education partners in every project, and multilevel and multisectoral projects.

Every figure here is counted from the same participations and stage events as
:func:`funnel.metrics.snapshot`; :func:`snapshot` is that snapshot with these figures added
(the keys of SPEC's snapshot keep their meaning; the README gives each new figure's rule).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from funnel import metrics
from funnel.db import rows
from funnel.identity import normal_org_name
from funnel.models import (
    CORE_EDUCATION_PARTNERS,
    EDUCATION_KINDS,
    PERCENT_TARGETS,
    OrgKind,
    Stage,
)

#: The Fieldlabs a use case or activity can belong to (SPEC: the themes).
FIELDLABS = metrics.FIELDLABS
#: Who took part in one Fieldlab in a year (counted with the year's unique participants).
FieldlabParticipants = metrics.FieldlabParticipants
#: A project, for the core-partner, multilevel and multisectoral figures: a use case in the
#: year's funnel that is in execution or realised on the as-of date.
PROJECT_STAGES: frozenset[Stage] = frozenset({Stage.EXECUTION, Stage.REALISED})
#: The sectors an organisation's kind belongs to (the "golden triangle"); other kinds: none.
SECTORS: dict[str, str] = {
    OrgKind.COMPANY.value: "business",
    OrgKind.EDUCATION.value: "education",
    OrgKind.KNOWLEDGE_INSTITUTION.value: "education",
    OrgKind.GOVERNMENT.value: "government",
}
_EDUCATION = {k.value for k in EDUCATION_KINDS}


@dataclass(frozen=True)
class Kpi:
    """A figure of the report: its snapshot key, the key of its yearly target (None: none), and
    whether it is a share of projects (0..1, its target a percentage)."""

    key: str
    target: str | None = None
    percent: bool = False
    #: a rise is bad news (shown in red)
    lower_is_better: bool = False


#: Every figure of the report, in report order: the strategy's eight goals, then the rest.
KPIS: tuple[Kpi, ...] = (
    Kpi("use_cases_detected", "use_cases_detected"),
    Kpi("projects_realised", "projects_realised"),
    Kpi("unique_companies", "unique_companies"),
    Kpi("unique_persons", "unique_persons"),
    Kpi("fieldlabs_coordinated", "fieldlabs_coordinated"),
    Kpi("fieldlab_companies", "fieldlab_companies"),
    Kpi("fieldlab_education_institutions", "fieldlab_education_institutions"),
    Kpi("core_partner_share", "core_partner_share", percent=True),
    Kpi("intakes"),
    Kpi("projects_started"),
    Kpi("use_cases_dropped", lower_is_better=True),
    Kpi("unique_education_institutions"),
    Kpi("unclassified_organisations", lower_is_better=True),
    Kpi("projects"),
    Kpi("multilevel_share", percent=True),
    Kpi("multisectoral_share", percent=True),
)
KPI_BY_KEY: dict[str, Kpi] = {k.key: k for k in KPIS}
assert {k.target for k in KPIS if k.target and k.percent} <= PERCENT_TARGETS


def share_of_target(kpi: Kpi, actual: float | None, target: int | None) -> float | None:
    """How far a figure is towards its target (1.0: reached); None without a (non-zero) target
    or without a figure. A share's target is a percentage."""
    if actual is None or not target:
        return None
    return (actual * 100 if kpi.percent else actual) / target


@dataclass(frozen=True)
class Project:
    """A running or realised project and who is involved in it (up to the as-of date)."""

    use_case_id: int
    stage: Stage
    #: which core education partners are involved (their names as in CORE_EDUCATION_PARTNERS)
    core_partners: tuple[str, ...]
    #: the education levels of the schools involved, sorted
    levels: tuple[str, ...]
    #: the sectors of the organisations involved (asset owner included), sorted
    sectors: tuple[str, ...]

    @property
    def all_core_partners(self) -> bool:
        return len(self.core_partners) == len(CORE_EDUCATION_PARTNERS)

    @property
    def multilevel(self) -> bool:
        return len(self.levels) >= 2

    @property
    def multisectoral(self) -> bool:
        return len(self.sectors) >= 2


@dataclass(frozen=True)
class Goals:
    """The figures of the extra goals for a year, with the ids behind them."""

    fieldlabs: dict[str, FieldlabParticipants]
    projects: list[Project]
    #: each core partner's organisation ids after merges (empty: not in the database)
    core_partner_ids: dict[str, frozenset[int]]

    @property
    def fieldlab_companies(self) -> set[int]:
        return set().union(*(f.companies for f in self.fieldlabs.values()))

    @property
    def fieldlab_education(self) -> set[int]:
        return set().union(*(f.education for f in self.fieldlabs.values()))

    def figures(self) -> dict[str, Any]:
        """The snapshot keys of these goals."""
        count = len(self.projects)

        def share(n: int) -> float | None:
            return round(n / count, 4) if count else None

        all_four = sum(p.all_core_partners for p in self.projects)
        multilevel = sum(p.multilevel for p in self.projects)
        multisectoral = sum(p.multisectoral for p in self.projects)
        return {
            "fieldlabs_coordinated": sum(f.coordinated for f in self.fieldlabs.values()),
            "fieldlab_companies": len(self.fieldlab_companies),
            "fieldlab_education_institutions": len(self.fieldlab_education),
            "fieldlabs": {
                name: {
                    "coordinated": f.coordinated,
                    "companies": len(f.companies),
                    "education_institutions": len(f.education),
                }
                for name, f in self.fieldlabs.items()
            },
            "projects": count,
            "projects_with_all_core_partners": all_four,
            "core_partner_share": share(all_four),
            "core_partners": {
                name: sum(name in p.core_partners for p in self.projects)
                for name in CORE_EDUCATION_PARTNERS
            },
            "multilevel_projects": multilevel,
            "multilevel_share": share(multilevel),
            "multisectoral_projects": multisectoral,
            "multisectoral_share": share(multisectoral),
        }


def core_partner_ids(db: sqlite_utils.Database) -> dict[str, frozenset[int]]:
    """Each core education partner's organisation (after merges), found by its normal name."""
    wanted = {normal_org_name(name): name for name in CORE_EDUCATION_PARTNERS}
    found: dict[str, set[int]] = {name: set() for name in CORE_EDUCATION_PARTNERS}
    # SQLite looks the few names up (this was a pass over every organisation in Python)
    names = list(wanted)
    for r in rows(
        db,
        "SELECT canonical_id, normal_name FROM organisations "
        f"WHERE normal_name IN ({', '.join('?' * len(names))})",
        names,
    ):
        found[wanted[r["normal_name"]]].add(r["canonical_id"])
    return {name: frozenset(ids) for name, ids in found.items()}


def goals(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None = None,
    participants: metrics.YearParticipants | None = None,
) -> Goals:
    """The extra goals' figures for ``year`` as of ``as_of`` (the snapshot's dates).

    Fieldlab participants: organisations and persons whose participation in the year (as
    :func:`funnel.metrics.year_participations` counts it) was attending an activity of the
    Fieldlab, or being the asset owner of or involved in a use case of the Fieldlab. Projects:
    the use cases of the year's funnel in execution or realised on ``as_of``, with every
    organisation involved in them from a start date up to ``as_of`` (and the asset owner).
    ``participants``: the year's, when already counted for the same dates.
    """
    as_of = as_of or metrics.default_as_of(year)
    if participants is None:
        participants = metrics.year_participants(db, year, as_of)
    return Goals(participants.fieldlabs, _projects(db, year, as_of), core_partner_ids(db))


def fieldlab_participants(
    db: sqlite_utils.Database, year: int, as_of: dt.date
) -> dict[str, FieldlabParticipants]:
    """Who took part in each Fieldlab in ``year`` up to ``as_of`` (see :func:`goals`): counted
    by SQLite with the year's unique participants (:func:`funnel.metrics.year_participants`)."""
    return metrics.year_participants(db, year, as_of).fieldlabs


def _projects(db: sqlite_utils.Database, year: int, as_of: dt.date) -> list[Project]:
    in_funnel = metrics.funnel_cases(db, year, as_of)
    running = {case: stage for case, stage in in_funnel.items() if stage in PROJECT_STAGES}
    if not running:
        return []
    partners = core_partner_ids(db)
    partner_of = {org: name for name, ids in partners.items() for org in ids}
    involved: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows(
        db,
        "SELECT i.use_case_id, c.id, c.kind, c.education_level FROM involvements i "
        "JOIN organisations o ON o.id = i.organisation_id "
        "JOIN organisations c ON c.id = o.canonical_id WHERE i.start_date <= ? "
        "UNION ALL SELECT u.id, c.id, c.kind, c.education_level FROM use_cases u "
        "JOIN organisations o ON o.id = u.asset_owner_id "
        "JOIN organisations c ON c.id = o.canonical_id",
        [as_of.isoformat()],
    ):
        if r["use_case_id"] in running:
            involved[r["use_case_id"]].append(r)
    result = []
    for case_id in sorted(running):
        orgs = involved.get(case_id, [])
        names = {partner_of[o["id"]] for o in orgs if o["id"] in partner_of}
        result.append(
            Project(
                use_case_id=case_id,
                stage=running[case_id],
                core_partners=tuple(n for n in CORE_EDUCATION_PARTNERS if n in names),
                levels=tuple(
                    sorted(
                        {
                            o["education_level"]
                            for o in orgs
                            if o["kind"] in _EDUCATION and o["education_level"]
                        }
                    )
                ),
                sectors=tuple(sorted({SECTORS[o["kind"]] for o in orgs if o["kind"] in SECTORS})),
            )
        )
    return result


def snapshot(
    db: sqlite_utils.Database, year: int, as_of: dt.date | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """SPEC's snapshot (:func:`funnel.metrics.snapshot`) with the figures of every goal added."""
    data, participants = metrics.snapshot_and_participants(db, year, as_of, today)
    found = goals(db, year, dt.date.fromisoformat(data["as_of"]), participants)
    data.update(found.figures())
    return data

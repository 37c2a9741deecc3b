"""The stuurgroep's meetings: frozen snapshots, what moved between two of them, and how far the
live figures have drifted from a frozen one, and why.

A :class:`Capture` is everything a snapshot shows: its figures (the keys of
:func:`funnel.goals.snapshot`), the use cases behind the funnel and the stage figures, and who was
counted for each figure. :func:`capture` makes one from the live data; :func:`store` keeps one
for a meeting (tables ``frozen_*``, migration 4), and :func:`load` reads it back exactly as it was,
whatever was edited, merged, erased or re-imported since. Persons are kept by id only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from funnel import analytics, goals, metrics
from funnel.analytics import Analysis
from funnel.db import insert_row, now_iso, one, rows, transaction
from funnel.errors import FunnelError
from funnel.i18n import fmt_number, fmt_percent, t
from funnel.identity import clean_text
from funnel.models import (
    TERMINAL,
    Meeting,
    Stage,
    stage_rank,
    validated,
)
from funnel.stages import current_event, last_funnel_stage
from funnel.stages import sort_key as stage_sort_key

#: The organisation lists, by the figure they count, and the field of
#: :class:`funnel.metrics.UniqueCounts` they come from. ``other_organisations`` (government and
#: other kinds) is no figure, but it completes "every participating organisation".
ORGANISATION_LISTS: dict[str, str] = {
    "unique_companies": "companies",
    "unique_education_institutions": "education",
    "unclassified_organisations": "unclassified",
    "other_organisations": "other_orgs",
}
PERSON_LISTS: tuple[str, ...] = ("unique_persons",)
#: The use-case figures of :func:`funnel.metrics.stage_counts`.
USE_CASE_LISTS: tuple[str, ...] = (
    "use_cases_detected",
    "intakes",
    "projects_started",
    "projects_realised",
    "use_cases_dropped",
)
#: The Fieldlab lists: kept per Fieldlab and for all of them together (Fieldlab "").
FIELDLAB_LISTS: dict[str, str] = {
    "fieldlab_companies": "companies",
    "fieldlab_education_institutions": "education",
}
#: The kinds of change between two snapshots, in the order they are told.
MOVES: tuple[str, ...] = (
    "entered",
    "forward",
    "resumed",
    "back",
    "realised",
    "parked",
    "dropped",
    "left",
)
#: Which word the sentence about ``n`` things takes: one or many.
_NUMBER = {True: "one", False: "many"}
#: How many organisation names a sentence lists before "and N others".
NAMES_SHOWN = 10


@dataclass(frozen=True)
class CaseState:
    """A use case as a snapshot saw it on its as-of date."""

    id: int
    title: str
    ref: str | None
    asset_owner_id: int | None
    asset_owner_name: str | None
    theme: str | None
    fieldlab: str | None
    stage: Stage
    stage_since: dt.date
    last_funnel_stage: Stage | None
    in_funnel: bool = True
    #: for a running or realised project: the core partners, levels and sectors involved
    core_partners: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None

    def days_in_stage(self, as_of: dt.date) -> int:
        return (as_of - self.stage_since).days

    @property
    def is_project(self) -> bool:
        return self.core_partners is not None


@dataclass(frozen=True)
class Counted:
    """One use case, organisation or person counted for a figure (a person: its id only)."""

    entity: str  # use_case | organisation | person
    id: int
    name: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Capture:
    """A snapshot with the lists behind it: live (``id`` None) or frozen for a meeting."""

    year: int
    as_of: dt.date
    figures: dict[str, Any]
    cases: dict[int, CaseState]
    #: (figure, Fieldlab or "") -> id -> what was counted
    counted: dict[tuple[str, str], dict[int, Counted]]
    #: the funnel analytics and the trend over the years, as JSON (see :func:`analysis`)
    analytics: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    label: str | None = None
    meeting_date: dt.date | None = None
    frozen_at: str | None = None
    frozen_by: str | None = None

    @property
    def frozen(self) -> bool:
        return self.id is not None

    def ids(self, kpi: str, fieldlab: str = "") -> set[int]:
        return set(self.counted.get((kpi, fieldlab), {}))

    def organisations(self) -> dict[int, Counted]:
        """Every participating organisation (any kind)."""
        found: dict[int, Counted] = {}
        for kpi in ORGANISATION_LISTS:
            found.update(self.counted.get((kpi, ""), {}))
        return found

    def funnel(self) -> list[CaseState]:
        """The use cases of the funnel in funnel order, longest in their stage first."""
        return sorted(
            (c for c in self.cases.values() if c.in_funnel),
            key=lambda c: (stage_sort_key(c.stage), c.stage_since, c.title.casefold()),
        )

    def projects(self) -> list[CaseState]:
        return [c for c in self.funnel() if c.is_project]

    def analysis(self) -> Analysis | None:
        data = self.analytics.get("analysis")
        return Analysis.from_json(data) if data else None

    def trend(self) -> list[dict[str, Any]]:
        return list(self.analytics.get("trend", []))


# --- capturing and freezing ----------------------------------------------------------------------


def capture(
    db: sqlite_utils.Database,
    year: int,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    with_analytics: bool = True,
    analysis: Analysis | None = None,
) -> Capture:
    """The live snapshot of ``year`` as of ``as_of`` with the lists behind its figures.
    ``analysis``: :func:`funnel.analytics.analyse` of the same year and dates, when already
    counted (not counted a second time)."""
    today = today or dt.date.today()
    as_of = as_of or metrics.default_as_of(year, today)
    # goals.snapshot's figures, with its goals counted once (also used for the lists below)
    figures, participants = metrics.snapshot_and_participants(db, year, as_of, today)
    unique = participants.unique
    found = goals.goals(db, year, dt.date.fromisoformat(figures["as_of"]), participants)
    figures.update(found.figures())
    events = metrics.load_events(db)
    stage_lists = metrics.stage_counts(events, dt.date(year, 1, 1), as_of)
    in_funnel = metrics.funnel_cases(events, year, as_of)
    projects = {p.use_case_id: p for p in found.projects}
    orgs = {r["id"]: r for r in rows(db, "SELECT id, name, kind FROM organisations")}

    counted: dict[tuple[str, str], dict[int, Counted]] = {}

    def org_list(ids: Iterable[int]) -> dict[int, Counted]:
        return {
            i: Counted("organisation", i, orgs.get(i, {}).get("name"), orgs.get(i, {}).get("kind"))
            for i in sorted(ids)
        }

    for kpi, attribute in ORGANISATION_LISTS.items():
        counted[(kpi, "")] = org_list(getattr(unique, attribute))
    counted[("unique_persons", "")] = {i: Counted("person", i) for i in sorted(unique.persons)}
    for kpi in USE_CASE_LISTS:
        counted[(kpi, "")] = {i: Counted("use_case", i) for i in sorted(stage_lists[kpi])}
    for kpi, attribute in FIELDLAB_LISTS.items():
        every: set[int] = set()
        for name, lab in found.fieldlabs.items():
            ids = getattr(lab, attribute)
            every |= ids
            if ids:
                counted[(kpi, name)] = org_list(ids)
        counted[(kpi, "")] = org_list(every)
    counted[("projects_with_all_core_partners", "")] = {
        p.use_case_id: Counted("use_case", p.use_case_id)
        for p in found.projects
        if p.all_core_partners
    }

    facts = {
        r["id"]: r
        for r in rows(
            db,
            "SELECT u.id, u.ref, u.title, u.theme, u.fieldlab, c.id AS owner_id, "
            "c.name AS owner_name FROM use_cases u "
            "LEFT JOIN organisations o ON o.id = u.asset_owner_id "
            "LEFT JOIN organisations c ON c.id = o.canonical_id",
        )
    }
    wanted = set(in_funnel).union(*stage_lists.values())
    cases: dict[int, CaseState] = {}
    for case_id in sorted(wanted):
        current = current_event(events.get(case_id, []), as_of)
        fact = facts.get(case_id)
        if current is None or fact is None:
            continue
        project = projects.get(case_id)
        cases[case_id] = CaseState(
            id=case_id,
            title=fact["title"],
            ref=fact["ref"],
            asset_owner_id=fact["owner_id"],
            asset_owner_name=fact["owner_name"],
            theme=fact["theme"],
            fieldlab=fact["fieldlab"],
            stage=current.to_stage,
            stage_since=current.effective_on,
            last_funnel_stage=last_funnel_stage(events[case_id], as_of),
            in_funnel=case_id in in_funnel,
            core_partners=project.core_partners if project else None,
            levels=project.levels if project else None,
            sectors=project.sectors if project else None,
        )
    extra = {}
    if with_analytics:
        # free text is not kept: a drop reason may name a person, and a frozen snapshot can
        # never be changed to erase it (the reasons are on the page, from the live data)
        if analysis is None:
            analysis = analytics.analyse(db, year, as_of, today=today)
        analysis = replace(analysis, drop_reasons=[])
        extra = {
            "analysis": analysis.to_json(),
            # this year's figures are the ones above: not counted a second time
            "trend": analytics.trend(db, year, as_of, today, known={year: figures}),
        }
    return Capture(year, as_of, figures, cases, counted, extra)


def store(
    db: sqlite_utils.Database,
    found: Capture,
    label: str,
    meeting_date: dt.date,
    user_id: int | None,
) -> int:
    """Keep ``found`` as the frozen snapshot of a meeting; returns its id (call inside
    :func:`funnel.db.transaction`)."""
    snapshot_id = insert_row(
        db,
        "frozen_snapshots",
        {
            "label": label,
            "meeting_date": meeting_date.isoformat(),
            "year": found.year,
            "as_of": found.as_of.isoformat(),
            "figures": json.dumps(found.figures, ensure_ascii=False),
            "analytics": json.dumps(found.analytics, ensure_ascii=False),
            "user_id": user_id,
            "frozen_at": now_iso(),
        },
    )

    def listed(values: tuple[str, ...] | None) -> str | None:
        return json.dumps(list(values), ensure_ascii=False) if values is not None else None

    for case in found.cases.values():
        insert_row(
            db,
            "frozen_use_cases",
            {
                "snapshot_id": snapshot_id,
                "use_case_id": case.id,
                "ref": case.ref,
                "title": case.title,
                "asset_owner_id": case.asset_owner_id,
                "asset_owner_name": case.asset_owner_name,
                "theme": case.theme,
                "fieldlab": case.fieldlab,
                "stage": case.stage.value,
                "stage_since": case.stage_since.isoformat(),
                "last_funnel_stage": case.last_funnel_stage.value
                if case.last_funnel_stage
                else None,
                "in_funnel": int(case.in_funnel),
                "core_partners": listed(case.core_partners),
                "levels": listed(case.levels),
                "sectors": listed(case.sectors),
            },
        )
    for (kpi, fieldlab), members in found.counted.items():
        for member in members.values():
            person = member.entity == "person"
            insert_row(
                db,
                "frozen_counted",
                {
                    "snapshot_id": snapshot_id,
                    "kpi": kpi,
                    "fieldlab": fieldlab,
                    "entity": member.entity,
                    "entity_id": member.id,
                    # a person is counted by id only: nothing about it is kept
                    "name": None if person else member.name,
                    "kind": None if person else member.kind,
                },
            )
    return snapshot_id


def freeze(
    db: sqlite_utils.Database,
    label: str,
    year: int,
    as_of: dt.date | None = None,
    meeting_date: dt.date | None = None,
    user_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Freeze the snapshot of ``year`` as of ``as_of`` for the meeting ``label`` on
    ``meeting_date`` (default today); returns the new frozen snapshot's id.

    The figures and lists are read and kept in one write transaction, so they agree with each
    other even while others write. Rights: :func:`funnel.services.freeze_snapshot`.
    """
    today = today or dt.date.today()
    if not clean_text(label):
        raise FunnelError("value_missing", field="label")
    checked = validated(Meeting, label=clean_text(label), year=year)
    as_of = as_of or metrics.default_as_of(checked.year, today)
    if as_of < dt.date(checked.year, 1, 1):
        raise FunnelError("as_of_before_year", field="as_of", year=checked.year)
    if as_of > today:
        raise FunnelError("date_in_future", field="as_of", value=as_of)
    with transaction(db):
        found = capture(db, checked.year, as_of, today)
        return store(db, found, checked.label, meeting_date or today, user_id)


# --- reading frozen snapshots --------------------------------------------------------------------


@dataclass(frozen=True)
class FrozenSnapshot:
    """One frozen snapshot as ``snapshot list`` shows it."""

    id: int
    label: str
    meeting_date: dt.date
    year: int
    as_of: dt.date
    frozen_at: str
    frozen_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "meeting_date": self.meeting_date.isoformat(),
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "frozen_at": self.frozen_at,
            "frozen_by": self.frozen_by,
        }


_LIST_SQL = (
    "SELECT s.id, s.label, s.meeting_date, s.year, s.as_of, s.frozen_at, "
    "COALESCE(NULLIF(u.display_name, ''), u.username, '') AS frozen_by "
    "FROM frozen_snapshots s LEFT JOIN users u ON u.id = s.user_id"
)


def _listed(r: Mapping[str, Any]) -> FrozenSnapshot:
    return FrozenSnapshot(
        id=r["id"],
        label=r["label"],
        meeting_date=dt.date.fromisoformat(r["meeting_date"]),
        year=r["year"],
        as_of=dt.date.fromisoformat(r["as_of"]),
        frozen_at=r["frozen_at"],
        frozen_by=r["frozen_by"] or "",
    )


def list_snapshots(db: sqlite_utils.Database) -> list[FrozenSnapshot]:
    """Every frozen snapshot, in meeting order (meeting date, then as-of date, then id)."""
    return [_listed(r) for r in rows(db, _LIST_SQL + " ORDER BY s.meeting_date, s.as_of, s.id")]


def latest(db: sqlite_utils.Database) -> int | None:
    """The last meeting's frozen snapshot, or None."""
    found = list_snapshots(db)
    return found[-1].id if found else None


def previous(db: sqlite_utils.Database, snapshot_id: int) -> int | None:
    """The frozen snapshot of the meeting before this one, or None."""
    ids = [s.id for s in list_snapshots(db)]
    if snapshot_id not in ids:
        raise FunnelError("snapshot_not_found", value=snapshot_id)
    index = ids.index(snapshot_id)
    return ids[index - 1] if index > 0 else None


def _tuple(value: str | None) -> tuple[str, ...] | None:
    return tuple(json.loads(value)) if value is not None else None


def load(db: sqlite_utils.Database, snapshot_id: int) -> Capture:
    """A frozen snapshot exactly as it was frozen."""
    head = one(db, _LIST_SQL + " WHERE s.id = ?", [snapshot_id])
    if head is None:
        raise FunnelError("snapshot_not_found", value=snapshot_id)
    stored = one(db, "SELECT figures, analytics FROM frozen_snapshots WHERE id = ?", [snapshot_id])
    assert stored is not None
    cases = {
        r["use_case_id"]: CaseState(
            id=r["use_case_id"],
            title=r["title"],
            ref=r["ref"],
            asset_owner_id=r["asset_owner_id"],
            asset_owner_name=r["asset_owner_name"],
            theme=r["theme"],
            fieldlab=r["fieldlab"],
            stage=Stage(r["stage"]),
            stage_since=dt.date.fromisoformat(r["stage_since"]),
            last_funnel_stage=Stage(r["last_funnel_stage"]) if r["last_funnel_stage"] else None,
            in_funnel=bool(r["in_funnel"]),
            core_partners=_tuple(r["core_partners"]),
            levels=_tuple(r["levels"]),
            sectors=_tuple(r["sectors"]),
        )
        for r in rows(
            db,
            "SELECT * FROM frozen_use_cases WHERE snapshot_id = ? ORDER BY use_case_id",
            [snapshot_id],
        )
    }
    counted: dict[tuple[str, str], dict[int, Counted]] = {}
    for r in rows(
        db,
        "SELECT kpi, fieldlab, entity, entity_id, name, kind FROM frozen_counted "
        "WHERE snapshot_id = ? ORDER BY kpi, fieldlab, entity_id",
        [snapshot_id],
    ):
        counted.setdefault((r["kpi"], r["fieldlab"]), {})[r["entity_id"]] = Counted(
            r["entity"], r["entity_id"], r["name"], r["kind"]
        )
    listed = _listed(head)
    return Capture(
        year=listed.year,
        as_of=listed.as_of,
        figures=json.loads(stored["figures"]),
        cases=cases,
        counted=counted,
        analytics=json.loads(stored["analytics"]),
        id=listed.id,
        label=listed.label,
        meeting_date=listed.meeting_date,
        frozen_at=listed.frozen_at,
        frozen_by=listed.frozen_by,
    )


#: The words that name the live snapshot where an id is asked for (``snapshot compare 3 now``).
NOW_WORDS = ("now", "nu", "live")


def resolve(db: sqlite_utils.Database, side: str, today: dt.date | None = None) -> Capture:
    """A frozen snapshot by its id, or ``now``: the live snapshot of this year as of today."""
    today = today or dt.date.today()
    text = side.strip().casefold()
    if text in NOW_WORDS:
        return capture(db, today.year, today, today)
    if not text.isdigit():
        raise FunnelError("snapshot_not_found", value=side)
    return load(db, int(text))


# --- what moved ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """How one use case changed between two snapshots."""

    kind: str  # one of MOVES
    use_case_id: int
    title: str
    from_stage: Stage | None
    to_stage: Stage | None


@dataclass(frozen=True)
class Change:
    """One figure in two snapshots."""

    key: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 4)


def move_kind(before: CaseState | None, after: CaseState | None) -> str | None:
    """What happened to a use case between two snapshots (None: nothing to tell)."""
    if after is None:
        # a use case realised or dropped in an earlier year is simply no longer in the funnel
        return "left" if before is not None and before.stage not in TERMINAL else None
    if before is None:
        return "entered"
    if after.stage == before.stage:
        return None
    if after.stage == Stage.REALISED:
        return "realised"
    if after.stage == Stage.DROPPED:
        return "dropped"
    if after.stage == Stage.ON_HOLD:
        return "parked"
    if before.stage in TERMINAL:
        return "back"  # reopened: any move out of realised or dropped is a move back
    reference = before.last_funnel_stage if before.stage == Stage.ON_HOLD else before.stage
    if stage_rank(after.stage) > stage_rank(reference):
        return "forward"
    if stage_rank(after.stage) < stage_rank(reference):
        return "back"
    return "resumed"


@dataclass(frozen=True)
class Comparison:
    """What moved from snapshot ``before`` to snapshot ``after``."""

    before: Capture
    after: Capture
    moves: list[Move]
    new_organisations: list[Counted]
    changes: list[Change]
    funnel: list[Change]

    @property
    def same_year(self) -> bool:
        return self.before.year == self.after.year

    def of_kind(self, kind: str) -> list[Move]:
        return [m for m in self.moves if m.kind == kind]

    def change(self, key: str) -> Change | None:
        return next((c for c in self.changes if c.key == key), None)

    def to_json(self) -> dict[str, Any]:
        def side(found: Capture) -> dict[str, Any]:
            return {
                "id": found.id,
                "label": found.label,
                "meeting_date": found.meeting_date.isoformat() if found.meeting_date else None,
                "year": found.year,
                "as_of": found.as_of.isoformat(),
            }

        return {
            "from": side(self.before),
            "to": side(self.after),
            "moves": {
                kind: [
                    {
                        "use_case_id": m.use_case_id,
                        "title": m.title,
                        "from_stage": m.from_stage.value if m.from_stage else None,
                        "to_stage": m.to_stage.value if m.to_stage else None,
                    }
                    for m in self.of_kind(kind)
                ]
                for kind in MOVES
            },
            "new_organisations": [
                {"id": o.id, "name": o.name, "kind": o.kind} for o in self.new_organisations
            ],
            "kpis": {
                c.key: {"from": c.before, "to": c.after, "change": c.change} for c in self.changes
            },
            "funnel": {
                c.key: {"from": c.before, "to": c.after, "change": c.change} for c in self.funnel
            },
        }


def compare(before: Capture, after: Capture) -> Comparison:
    """The use cases that entered, moved forward or back, were realised, parked or dropped; the
    organisations that take part in ``after`` and did not in ``before``; each figure's change."""
    moves = []
    for case_id in sorted(set(before.cases) | set(after.cases)):
        was = before.cases.get(case_id)
        now = after.cases.get(case_id)
        was = was if was and was.in_funnel else None
        now = now if now and now.in_funnel else None
        kind = move_kind(was, now)
        if kind is None:
            continue
        shown = now or was
        assert shown is not None
        moves.append(
            Move(kind, case_id, shown.title, was.stage if was else None, now.stage if now else None)
        )
    moves.sort(
        key=lambda m: (
            MOVES.index(m.kind),
            stage_sort_key(m.to_stage),
            m.title.casefold(),
        )
    )
    known = before.organisations()
    new = [o for i, o in after.organisations().items() if i not in known]
    new.sort(key=lambda o: (o.name or "").casefold())
    changes = [
        Change(k.key, before.figures.get(k.key), after.figures.get(k.key)) for k in goals.KPIS
    ]
    funnel = [
        Change(stage, before.figures["funnel"].get(stage), after.figures["funnel"].get(stage))
        for stage in after.figures["funnel"]
    ]
    return Comparison(before, after, moves, new, changes, funnel)


def _quoted(titles: list[str], lang: str) -> str:
    items = [f"‘{title}’" for title in titles]
    return _joined(items, lang)


def _joined(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("moved.and", lang) + items[-1]


def sentences(comparison: Comparison, lang: str = "nl") -> list[str]:
    """What moved, in plain sentences ("3 use cases gingen naar In uitvoering: ...")."""
    result = []
    for kind in MOVES:
        found = comparison.of_kind(kind)
        if not found:
            continue
        if kind in ("forward", "back", "resumed"):
            groups: dict[Stage | None, list[Move]] = {}
            for move in found:
                groups.setdefault(move.to_stage, []).append(move)
            for stage in sorted(groups, key=stage_sort_key):
                grouped = groups[stage]
                result.append(
                    t(
                        f"moved.{kind}_{_NUMBER[len(grouped) == 1]}",
                        lang,
                        count=fmt_number(len(grouped), lang),
                        stage=t(f"stage.{stage.value}", lang) if stage else "",
                        titles=_quoted([m.title for m in grouped], lang),
                    )
                )
        elif kind == "entered":
            items = [
                f"‘{m.title}’ ({t(f'stage.{m.to_stage.value}', lang)})" for m in found if m.to_stage
            ]
            result.append(
                t(
                    f"moved.entered_{_NUMBER[len(found) == 1]}",
                    lang,
                    count=fmt_number(len(found), lang),
                    titles=_joined(items, lang),
                )
            )
        else:
            result.append(
                t(
                    f"moved.{kind}_{_NUMBER[len(found) == 1]}",
                    lang,
                    count=fmt_number(len(found), lang),
                    titles=_quoted([m.title for m in found], lang),
                )
            )
    if not comparison.moves:
        result.append(t("moved.nothing", lang))
    new = comparison.new_organisations
    if new:
        names = [o.name or "?" for o in new[:NAMES_SHOWN]]
        if len(new) > NAMES_SHOWN:
            names.append(t("moved.others", lang, count=fmt_number(len(new) - NAMES_SHOWN, lang)))
        result.append(
            t(
                f"moved.new_organisations_{_NUMBER[len(new) == 1]}",
                lang,
                count=fmt_number(len(new), lang),
                names=_joined(names, lang),
            )
        )
    if not comparison.same_year:
        result.append(
            t(
                "moved.other_year",
                lang,
                before=comparison.before.year,
                after=comparison.after.year,
            )
        )
    return result


# --- drift: the live figures against a frozen snapshot -------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a figure differs from its frozen value: ``count`` records for reason ``code``."""

    code: str
    count: int


@dataclass(frozen=True)
class Drift:
    """A figure whose live value (for the same year and as-of date) differs from the frozen one."""

    key: str
    frozen: Any
    live: Any
    reasons: list[Reason]


#: Reason codes, in the order they are told (catalogue ``drift.<code>_one|many``).
REASONS = (
    "merged",
    "unmerged",
    "reclassified",
    "added",
    "removed",
    "persons_merged",
    "persons_unmerged",
    "persons_added",
    "persons_removed",
    "backfilled",
    "deleted",
    "changed",
    "target",
)


def drift(db: sqlite_utils.Database, frozen: Capture, today: dt.date | None = None) -> list[Drift]:
    """How the live figures for the frozen snapshot's year and as-of date differ from it, each
    with the reasons found (merges, classification, records added or back-filled later, ...)."""
    if frozen.frozen_at is None:
        raise ValueError("drift compares a frozen snapshot with the live data")
    live = capture(db, frozen.year, frozen.as_of, today, with_analytics=False)
    canonical = {
        r["id"]: r["canonical_id"] for r in rows(db, "SELECT id, canonical_id FROM organisations")
    }
    canonical_person = {
        r["id"]: r["canonical_id"] for r in rows(db, "SELECT id, canonical_id FROM persons")
    }
    undone = {
        (r["entity"], r["source_id"])
        for r in rows(
            db,
            "SELECT entity, source_id FROM merges WHERE merged_at <= ? AND undone_at > ?",
            [frozen.frozen_at, frozen.frozen_at],
        )
    }
    existing = {r["id"] for r in rows(db, "SELECT id FROM use_cases")}
    backfilled = {
        r["use_case_id"]
        for r in rows(
            db,
            "SELECT DISTINCT use_case_id FROM stage_events WHERE recorded_at > ? "
            "AND effective_on <= ?",
            [frozen.frozen_at, frozen.as_of.isoformat()],
        )
    }

    def org_reasons(kpi: str, fieldlab: str = "") -> list[Reason]:
        was, now = frozen.ids(kpi, fieldlab), live.ids(kpi, fieldlab)
        gone, new = was - now, now - was
        merged = {i for i in gone if canonical.get(i, i) != i}
        unmerged = {i for i in new if ("organisation", i) in undone}
        others_then = set(frozen.organisations())
        others_now = set(live.organisations())
        reclassified = {i for i in gone - merged if i in others_now} | {
            i for i in new - unmerged if i in others_then
        }
        return _reasons(
            merged=len(merged),
            unmerged=len(unmerged),
            reclassified=len(reclassified),
            added=len(new - unmerged - reclassified),
            removed=len(gone - merged - reclassified),
        )

    def person_reasons(kpi: str) -> list[Reason]:
        was, now = frozen.ids(kpi), live.ids(kpi)
        gone, new = was - now, now - was
        merged = {i for i in gone if canonical_person.get(i, i) != i}
        unmerged = {i for i in new if ("person", i) in undone}
        return _reasons(
            persons_merged=len(merged),
            persons_unmerged=len(unmerged),
            persons_added=len(new - unmerged),
            persons_removed=len(gone - merged),
        )

    def case_reasons(was: set[int], now: set[int], moved: set[int]) -> list[Reason]:
        different = (was ^ now) | moved
        deleted = {i for i in different if i not in existing}
        late = {i for i in different - deleted if i in backfilled}
        return _reasons(
            deleted=len(deleted), backfilled=len(late), changed=len(different - deleted - late)
        )

    result = []
    for kpi in goals.KPIS:
        before, after = frozen.figures.get(kpi.key), live.figures.get(kpi.key)
        if before == after:
            continue
        if kpi.key in ORGANISATION_LISTS or kpi.key in FIELDLAB_LISTS:
            reasons = org_reasons(kpi.key)
        elif kpi.key in PERSON_LISTS:
            reasons = person_reasons(kpi.key)
        elif kpi.key in USE_CASE_LISTS:
            reasons = case_reasons(frozen.ids(kpi.key), live.ids(kpi.key), set())
        else:
            reasons = []
        result.append(Drift(kpi.key, before, after, reasons))
    was_funnel = {c.id: c.stage for c in frozen.cases.values() if c.in_funnel}
    now_funnel = {c.id: c.stage for c in live.cases.values() if c.in_funnel}
    if frozen.figures["funnel"] != live.figures["funnel"]:
        moved = {i for i in set(was_funnel) & set(now_funnel) if was_funnel[i] != now_funnel[i]}
        result.append(
            Drift(
                "funnel",
                frozen.figures["funnel"],
                live.figures["funnel"],
                case_reasons(set(was_funnel), set(now_funnel), moved),
            )
        )
    for key, value in frozen.figures["targets"].items():
        now_value = live.figures["targets"].get(key)
        if now_value != value:
            result.append(Drift(f"targets.{key}", value, now_value, [Reason("target", 1)]))
    return result


def _reasons(**counts: int) -> list[Reason]:
    return [Reason(code, counts[code]) for code in REASONS if counts.get(code)]


def drift_sentences(found: list[Drift], lang: str = "nl") -> list[str]:
    """Each drifted figure with its frozen and live value and why it moved."""
    result = []
    for item in found:
        why = "; ".join(
            t(
                f"drift.{r.code}_{_NUMBER[r.count == 1]}",
                lang,
                count=fmt_number(r.count, lang),
            )
            for r in item.reasons
        )
        if item.key == "funnel":
            label = t("snap.funnel", lang)
            frozen_text = live_text = ""
        elif item.key.startswith("targets."):
            key = item.key.removeprefix("targets.")
            label = t("drift.target_of", lang, kpi=t(f"kpi.{key}", lang))
            frozen_text, live_text = str(item.frozen), str(item.live)
        else:
            label = t(f"kpi.{item.key}", lang)
            frozen_text, live_text = (
                _value(item.key, item.frozen, lang),
                _value(item.key, item.live, lang),
            )
        line = (
            t("drift.line", lang, kpi=label, frozen=frozen_text, live=live_text)
            if frozen_text or live_text
            else t("drift.line_funnel", lang, kpi=label)
        )
        result.append(f"{line}: {why}" if why else line)
    return result


def _value(key: str, value: Any, lang: str) -> str:
    kpi = goals.KPI_BY_KEY.get(key)
    if value is None:
        return "–"
    if kpi is not None and kpi.percent:
        return fmt_percent(value, lang)
    return fmt_number(value, lang)

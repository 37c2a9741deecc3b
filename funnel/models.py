"""Enums and constants of the domain: stages, kinds, roles, themes, the default targets.

The pydantic models of what users type (Organisation, UseCase, Intake, Target, ``validated``)
are in :mod:`funnel.records`; they load on first use, also when named from here, so that a
command that does not validate input (``--help``, ``snapshot``) does not build them (0.1 s).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Stage(StrEnum):
    DETECTED = "detected"
    INTAKE = "intake"
    DEFINITION = "definition"
    EXECUTION = "execution"
    REALISED = "realised"
    ON_HOLD = "on_hold"
    DROPPED = "dropped"


#: The five stages in funnel order; ``on_hold`` and ``dropped`` are side states.
FUNNEL_ORDER: tuple[Stage, ...] = (
    Stage.DETECTED,
    Stage.INTAKE,
    Stage.DEFINITION,
    Stage.EXECUTION,
    Stage.REALISED,
)
ALL_STAGES: tuple[Stage, ...] = (*FUNNEL_ORDER, Stage.ON_HOLD, Stage.DROPPED)
TERMINAL: frozenset[Stage] = frozenset({Stage.REALISED, Stage.DROPPED})


def stage_rank(stage: Stage | str | None) -> int:
    """Position in funnel order (0..4); -1 for none; side states have no rank (-1)."""
    if stage is None:
        return -1
    try:
        return FUNNEL_ORDER.index(Stage(stage))
    except ValueError:
        return -1


class OrgKind(StrEnum):
    COMPANY = "company"
    EDUCATION = "education"
    KNOWLEDGE_INSTITUTION = "knowledge_institution"
    GOVERNMENT = "government"
    OTHER = "other"
    UNKNOWN = "unknown"


EDUCATION_KINDS: frozenset[OrgKind] = frozenset({OrgKind.EDUCATION, OrgKind.KNOWLEDGE_INSTITUTION})


class EducationLevel(StrEnum):
    PO = "po"
    VO = "vo"
    VMBO = "vmbo"
    MBO = "mbo"
    HBO = "hbo"
    WO = "wo"


class Region(StrEnum):
    IJMOND = "IJmond"
    MRA = "MRA"
    OTHER = "other"


class Role(StrEnum):
    PROGRAMME_LEADER = "programme_leader"
    COACH = "coach"
    STEERING = "steering"


class Theme(StrEnum):
    SMART_MAINTENANCE = "Smart Maintenance"
    SMART_ENERGY = "Smart Energy"
    SUSTAINABLE_INDUSTRY = "Sustainable Industry"
    GREEN_ENERGY = "Green Energy"
    HYDROGEN = "Hydrogen"


class Effect(StrEnum):
    ENERGY = "energy"
    CO2 = "co2"
    NOISE = "noise"
    FINE_DUST = "fine_dust"
    OTHER = "other"


class InvolvementRole(StrEnum):
    SOLUTION_PROVIDER = "solution_provider"
    EDUCATION_PARTNER = "education_partner"
    KNOWLEDGE_PARTNER = "knowledge_partner"
    STUDENT_TEAM = "student_team"
    ASSET_OWNER_CONTACT = "asset_owner_contact"
    OTHER = "other"


#: The role an organisation of each kind usually has in a use case (the link form's default).
DEFAULT_INVOLVEMENT_ROLES: dict[OrgKind, InvolvementRole] = {
    OrgKind.COMPANY: InvolvementRole.SOLUTION_PROVIDER,
    OrgKind.EDUCATION: InvolvementRole.EDUCATION_PARTNER,
    OrgKind.KNOWLEDGE_INSTITUTION: InvolvementRole.KNOWLEDGE_PARTNER,
}


def default_involvement_role(kind: OrgKind | str | None) -> InvolvementRole:
    """The role a link gets when none is chosen: a school is an education partner, a company a
    solution provider, a knowledge institution a knowledge partner; anything else "other"."""
    return (
        DEFAULT_INVOLVEMENT_ROLES.get(OrgKind(kind), InvolvementRole.OTHER)
        if kind
        else (InvolvementRole.OTHER)
    )


class IntakeNeed(StrEnum):
    KNOWLEDGE = "knowledge"
    CONNECTIONS = "connections"
    PROJECT_DEFINITION = "project_definition"
    EXECUTION = "execution"
    INFRASTRUCTURE = "infrastructure"


class IntakeOutcome(StrEnum):
    START_DEFINITION = "start_definition"
    REFER = "refer"
    NO_FIT = "no_fit"
    OPEN = "open"


class ActivityType(StrEnum):
    WORKSHOP = "workshop"
    MEETUP = "meetup"
    FIELDLAB = "fieldlab"
    LEARNING_COMMUNITY = "learning_community"
    EVENT = "event"
    OTHER = "other"


#: The yearly targets and their defaults (SPEC); the steering committee edits them per year.
#: One per goal of the strategy; the first four are the yearly counts of the snapshot.
DEFAULT_TARGETS: dict[str, int] = {
    "use_cases_detected": 10,
    "projects_realised": 10,
    "unique_companies": 200,
    "unique_persons": 300,
    "fieldlabs_coordinated": 3,
    "fieldlab_companies": 50,
    "fieldlab_education_institutions": 5,
    # a percentage: the share of running or realised projects with all core education partners
    "core_partner_share": 100,
}

#: The targets that are a percentage (0..100) rather than a count.
PERCENT_TARGETS: frozenset[str] = frozenset({"core_partner_share"})

#: The core education partners of the strategy, to be active in every innovation trajectory
#: (found by their name's normal form; a merged duplicate counts as the partner it was merged into).
CORE_EDUCATION_PARTNERS: tuple[str, ...] = (
    "ROC Nova College",
    "Tata Steel Academy",
    "Hogeschool Inholland",
    "Hogeschool van Amsterdam",
)

#: The first year of the multi-year strategy: trends and "all strategy years" start here.
STRATEGY_FIRST_YEAR = 2023


_RECORDS = {"Organisation", "UseCase", "Intake", "Target", "Meeting", "validated"}


def __getattr__(name: str) -> Any:
    """The pydantic models, imported from :mod:`funnel.records` when first asked for here."""
    if name in _RECORDS:
        from funnel import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Pydantic models and enums of the domain: stages, kinds, roles, use cases, participations."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


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


class _Model(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, use_enum_values=False)


class Organisation(_Model):
    id: int | None = None
    name: str = Field(min_length=1, max_length=200)
    kind: OrgKind = OrgKind.UNKNOWN
    kvk: str | None = Field(default=None, pattern=r"^\d{8}$")
    brin: str | None = None
    education_level: EducationLevel | None = None
    region: Region | None = None
    is_partner: bool = False


class UseCase(_Model):
    id: int | None = None
    ref: str | None = None
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    asset_owner_id: int | None = None
    theme: Theme | None = None
    fieldlab: Theme | None = None
    effect: Effect | None = None
    owner_id: int | None = None
    coach_id: int | None = None
    next_step: str = ""
    result_summary: str = ""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("title is required")
        return value


class Intake(_Model):
    id: int | None = None
    use_case_id: int | None = None
    organisation_id: int
    person_id: int | None = None
    intake_date: dt.date
    coach_id: int | None = None
    needs: list[IntakeNeed] = []
    outcome: IntakeOutcome = IntakeOutcome.OPEN
    notes: str = ""
    next_step: str = ""


class Target(_Model):
    year: int = Field(ge=2000, le=2100)
    key: str
    value: int = Field(ge=0)


class Meeting(_Model):
    """What the programme leader gives to freeze a snapshot for a stuurgroep meeting."""

    label: str = Field(min_length=1, max_length=120)
    year: int = Field(ge=2000, le=2100)


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], **data: Any) -> M:
    """Build a model; a validation error becomes a FunnelError naming the field and the reason."""
    from funnel.errors import FunnelError

    try:
        return model(**data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        ctx = {
            k: v for k, v in (first.get("ctx") or {}).items() if isinstance(v, (int, str, float))
        }
        expected = ctx.get("expected")
        if isinstance(expected, str):
            ctx["expected"] = expected.replace("' or '", "', '")
        kind = first["type"]
        code = f"model_{kind}" if kind in _MODEL_CODES else "model_invalid"
        raise FunnelError(
            code, field=field, field_name=field, value=first.get("input"), **ctx
        ) from exc


_MODEL_CODES = {
    "missing",
    "string_too_short",
    "string_too_long",
    "string_pattern_mismatch",
    "greater_than_equal",
    "less_than_equal",
    "enum",
    "int_parsing",
    "int_type",
    "date_parsing",
    "date_type",
    "value_error",
}

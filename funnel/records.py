"""Pydantic models of what users type, and :func:`validated`, which turns their errors into a
FunnelError. Kept apart from the enums in :mod:`funnel.models` so that pydantic loads only for
commands and screens that validate input."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from funnel.models import (
    EducationLevel,
    Effect,
    IntakeNeed,
    IntakeOutcome,
    OrgKind,
    Region,
    Theme,
)


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
    next_step_due: dt.date | None = None
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

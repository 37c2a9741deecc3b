"""The intake form shared by "Intake vastleggen" (new) and "Mijn intakes" (edit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from funnel import queries, services, stages
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.models import ALL_STAGES, IntakeNeed, IntakeOutcome, Theme
from ui import d, error_text, flash, lang, md, t

EXISTING, NEW = "existing", "new"


def _org_label(org: dict[str, Any]) -> str:
    return f"{org['name']} · KvK {org['kvk']}" if org.get("kvk") else org["name"]


def _case_label(case: dict[str, Any], stage_names: dict[str, str]) -> str:
    parts = [case["title"]]
    if case.get("asset_owner_name"):
        parts.append(case["asset_owner_name"])
    if case.get("stage"):
        parts.append(stage_names[case["stage"]])
    return " · ".join(parts)


# Every format_func is a dict lookup made during the run, so labels never depend on the session
# outside a run (AppTest formats options after the run, where the language is unknown).

#: Which form field a domain error is about (its ``field``) -> the label shown with the message.
_FIELD_LABELS = {
    "organisation": "intake.company",
    "kvk": "common.kvk",
    "person": "intake.contact_name",
    "person_email": "intake.contact_email",
    "intake_date": "intake.date",
    "theme": "common.theme",
    "title": "intake.use_case_title",
}


def _error_with_field(error: FunnelError) -> str:
    """The refusal with its field's label, as markdown (the values it quotes are user text)."""
    label_key = _FIELD_LABELS.get(error.field or "")
    if not label_key or error.code == "edit_conflict":
        return md(error_text(error))
    return t("intake.error_field", field=t(label_key), message=md(error.message(lang())))


def _clear(prefix: str) -> None:
    for key in [k for k in st.session_state if str(k).startswith(prefix + "_")]:
        del st.session_state[key]


def intake_form(db, actor: Actor, prefix: str, intake: dict[str, Any] | None = None) -> None:
    """The intake fields and the save button; ``intake`` (from ``queries.get_intake``) edits it.

    Widget keys are ``{prefix}_{generation}_{field}``. A save starts a new generation, so the
    browser shows fresh widgets with the saved state (or an empty form for the next intake);
    clearing the old keys alone would leave the browser showing the old input.
    """
    generation_key = f"{prefix}__generation"
    prefix = f"{prefix}_{st.session_state.setdefault(generation_key, 0)}"
    today = dt.date.today()
    organisations = queries.list_organisations(db)
    org_labels = {o["id"]: _org_label(o) for o in organisations}
    if intake and intake["organisation_id"] not in org_labels:
        org_labels[intake["organisation_id"]] = intake["organisation_name"]
    cases = sorted(
        queries.list_use_cases(db, today=today),
        key=lambda c: (stages.sort_key(c["stage"]), c["title"].casefold()),
    )
    case_by_id = {c["id"]: c for c in cases}
    person_email = (intake or {}).get("person_email") or ""
    # the version the form was loaded with: a save over a newer one is refused (no lost update)
    version_key = f"{prefix}_loaded_version"
    if intake:
        st.session_state.setdefault(version_key, intake["version"])

    left, right = st.columns(2, gap="medium")
    with left.container(border=True):
        st.subheader(t("intake.section_company"))
        company_mode = EXISTING
        if org_labels:
            company_mode = st.radio(
                t("intake.company_mode"),
                [EXISTING, NEW],
                format_func={m: t(f"intake.company_{m}") for m in (EXISTING, NEW)}.get,
                horizontal=True,
                label_visibility="collapsed",
                key=f"{prefix}_company_mode",
            )
        else:
            company_mode = NEW
        org_id = None
        org_name = org_kvk = ""
        if company_mode == EXISTING:
            org_ids = list(org_labels)
            current = intake["organisation_id"] if intake else None
            org_id = st.selectbox(
                t("intake.company"),
                org_ids,
                index=org_ids.index(current) if current in org_ids else None,
                format_func=org_labels.get,
                placeholder=t("intake.company_placeholder"),
                key=f"{prefix}_org",
            )
        else:
            name_col, kvk_col = st.columns([3, 2])
            org_name = name_col.text_input(t("intake.company_name"), key=f"{prefix}_org_name")
            org_kvk = kvk_col.text_input(
                t("common.kvk"), help=t("intake.kvk_help"), key=f"{prefix}_org_kvk"
            )
            st.caption(t("intake.company_new_hint"))
        name_col, mail_col = st.columns(2)
        person_name = name_col.text_input(
            t("intake.contact_name"),
            value=(intake or {}).get("person_name") or "",
            key=f"{prefix}_person_name",
        )
        person_mail = mail_col.text_input(
            t("intake.contact_email"),
            value=person_email,
            placeholder="naam@bedrijf.nl",
            key=f"{prefix}_person_email",
        )

    with right.container(border=True):
        st.subheader(t("intake.section_use_case"))
        case_mode = NEW
        if cases:
            case_mode = st.radio(
                t("intake.use_case_mode"),
                [EXISTING, NEW],
                format_func={m: t(f"intake.use_case_{m}") for m in (EXISTING, NEW)}.get,
                horizontal=True,
                label_visibility="collapsed",
                key=f"{prefix}_case_mode",
            )
        case_id = None
        case_title = ""
        theme = None
        if case_mode == EXISTING:
            case_ids = list(case_by_id)
            stage_names = {stage.value: t(f"stage.{stage.value}") for stage in ALL_STAGES}
            current = intake["use_case_id"] if intake else None
            case_id = st.selectbox(
                t("intake.use_case"),
                case_ids,
                index=case_ids.index(current) if current in case_ids else None,
                # the stage names looked up once: t() reads the session state on every call
                format_func={i: _case_label(c, stage_names) for i, c in case_by_id.items()}.get,
                placeholder=t("intake.use_case_placeholder"),
                key=f"{prefix}_case",
            )
        else:
            case_title = st.text_input(t("intake.use_case_title"), key=f"{prefix}_case_title")
            theme = st.selectbox(
                t("common.theme"),
                [None, *(th.value for th in Theme)],
                format_func={
                    None: t("intake.no_theme"),
                    **{th.value: th.value for th in Theme},
                }.get,
                key=f"{prefix}_theme",
            )
        st.caption(t("intake.use_case_hint"))

    with st.container(border=True):
        st.subheader(t("intake.section_talk"))
        date_col, outcome_col = st.columns([1, 2])
        intake_date = date_col.date_input(
            t("intake.date"),
            value=dt.date.fromisoformat(intake["intake_date"]) if intake else today,
            max_value=today,  # an intake is a conversation that took place
            format="DD-MM-YYYY",
            key=f"{prefix}_date",
        )
        outcomes = list(IntakeOutcome)
        outcome = outcome_col.radio(
            t("intake.outcome"),
            outcomes,
            index=outcomes.index(IntakeOutcome(intake["outcome"])) if intake else 3,
            format_func={o: t(f"outcome.{o}") for o in IntakeOutcome}.get,
            horizontal=True,
            key=f"{prefix}_outcome",
        )
        needs = st.pills(
            t("intake.needs"),
            list(IntakeNeed),
            selection_mode="multi",
            default=[IntakeNeed(n) for n in intake["needs"]] if intake else None,
            format_func={n: t(f"need.{n}") for n in IntakeNeed}.get,
            key=f"{prefix}_needs",
        )
        notes = st.text_area(
            t("intake.notes"), value=(intake or {}).get("notes") or "", key=f"{prefix}_notes"
        )
        next_step = st.text_input(
            t("intake.next_step"),
            value=(intake or {}).get("next_step") or "",
            placeholder=t("intake.next_step_placeholder"),
            key=f"{prefix}_next_step",
        )

    if not st.button(
        t("intake.save"), type="primary", icon=":material/save:", key=f"{prefix}_save"
    ):
        return
    try:
        result = services.save_intake(
            db,
            actor,
            intake_date=intake_date,
            organisation_id=org_id,
            organisation_name=org_name,
            organisation_kvk=org_kvk,
            person_name=person_name,
            person_email=person_mail,
            use_case_id=case_id,
            new_use_case_title=case_title if case_mode == NEW else None,
            theme=theme,
            needs=list(needs or []),
            outcome=outcome or IntakeOutcome.OPEN,
            notes=notes,
            next_step=next_step,
            intake_id=intake["id"] if intake else None,
            version=st.session_state.get(version_key) if intake else None,
        )
    except FunnelError as error:
        if error.code == "edit_conflict":
            # the user has now seen the other change: saving again is a decision, not a loss
            st.session_state[version_key] = error.params["version"]
        st.error(_error_with_field(error), icon=":material/error:")
        return
    saved = queries.get_intake(db, actor, result.id)
    message = t("intake.saved", company=md(saved["organisation_name"]), date=d(intake_date))
    if result.moved_to_intake and saved["use_case_id"]:
        after = queries.get_use_case(db, saved["use_case_id"])
        message += " " + t(
            "intake.moved",
            title=md(after["title"]),
            from_stage=t("stage.detected"),
            to_stage=t("stage.intake"),
        )
    elif saved["use_case_id"]:
        after = queries.get_use_case(db, saved["use_case_id"])
        if after["stage"] == "detected":
            message += " " + t(
                "intake.not_moved", title=md(after["title"]), stage=t("stage.detected")
            )
    flash(message)
    _clear(prefix)
    st.session_state[generation_key] += 1
    st.rerun()

"""Use cases: one use case in detail (fields, involvements, stage history, intakes) and new ones."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from funnel import queries, rights, services
from funnel.errors import FunnelError
from funnel.i18n import t as catalogue
from funnel.models import Effect, InvolvementRole, OrgKind, Role, Stage, Theme
from ui import (
    attempt,
    d,
    date_column,
    day,
    error_text,
    flash,
    form_conflict,
    form_saved,
    get_db,
    lang,
    links,
    loaded_form,
    md,
    option_label,
    pick_record,
    require_actor,
    show_flash,
    t,
)
from ui.history import history_section
from ui.move import days_in_stage_text, move_button, show_move_dialog
from ui.pickers import search_first

actor = require_actor()
db = get_db()
today = dt.date.today()
#: the programme leader works on every use case; a coach on the ones it coaches
sees_all = rights.can_all(actor, "use_case.edit")
can_assign = rights.can(actor, "use_case.assign")
can_link = rights.can(actor, "use_case.link")

STAGE_COLOURS = {
    Stage.DETECTED: "gray",
    Stage.INTAKE: "violet",
    Stage.DEFINITION: "blue",
    Stage.EXECUTION: "orange",
    Stage.REALISED: "green",
    Stage.ON_HOLD: "gray",
    Stage.DROPPED: "red",
}
STAGE_ICONS = {
    Stage.DETECTED: ":material/radar:",
    Stage.INTAKE: ":material/handshake:",
    Stage.DEFINITION: ":material/edit_note:",
    Stage.EXECUTION: ":material/construction:",
    Stage.REALISED: ":material/verified:",
    Stage.ON_HOLD: ":material/pause_circle:",
    Stage.DROPPED: ":material/cancel:",
}
EARLIEST = dt.date(2000, 1, 1)
THEMES = [None, *(th.value for th in Theme)]
EFFECTS = [None, *(e.value for e in Effect)]
#: The fields of the edit form (what it shows is the use case as it was when the form loaded).
EDITED = (
    "title",
    "description",
    "theme",
    "fieldlab",
    "effect",
    "owner_id",
    "coach_id",
    "next_step",
    "next_step_due",
    "result_summary",
)

st.title(t("uc.title") if sees_all else t("uc.title_coach"))
st.caption(t("uc.intro") if sees_all else t("uc.intro_coach"))
show_flash()


#: The field a "this field is required" error is about, as the form labels it.
FIELD_LABELS = {
    "title": "uc.field_title",
    "asset_owner": "uc.field_asset_owner",
    "organisation": "uc.col_organisation",
}


def save(fn, *args, form_key: str | None = None, where=None, **kwargs):
    """Call a domain operation; show a refusal (naming the empty field) instead of a traceback."""
    try:
        result = fn(*args, **kwargs)
    except FunnelError as error:
        if form_key:
            form_conflict(form_key, error)
        message = error_text(error)
        if error.code == "value_missing" and error.field in FIELD_LABELS:
            message = f"{t(FIELD_LABELS[error.field])}: {error.message(lang())}"
        # the values it quotes are user text; ``where``: the slot above the form
        (where or st).error(md(message), icon=":material/error:")
        return None
    return result if result is not None else True


def index_of(options: list, value) -> int:
    return options.index(value) if value in options else 0


_options: dict[str, dict[int, str]] = {}  # built once per run: both forms use the same list


def organisation_options() -> dict[int, str]:
    """Every organisation as "name · kind (KvK ...)": the kind tells "Inholland" (not classified)
    from "Hogeschool Inholland"."""
    if "orgs" in _options:
        return _options["orgs"]
    language = lang()  # once: t() reads the session state on every call (thousands here)
    kinds = {
        k.value: catalogue(
            "uc.kind_unknown" if k == OrgKind.UNKNOWN else f"kind.{k.value}", language
        )
        for k in OrgKind
    }
    # the two labels looked up once, filled per organisation (tens of thousands at scale)
    with_kvk = catalogue("uc.org_option_kvk", language, name="{name}", kind="{kind}", kvk="{kvk}")
    without_kvk = catalogue("uc.org_option", language, name="{name}", kind="{kind}", kvk="")

    def build() -> dict[int, str]:
        return {
            o["id"]: (with_kvk if o["kvk"] else without_kvk).format(
                name=o["name"], kind=kinds[o["kind"]], kvk=o["kvk"]
            )
            for o in queries.list_organisations(db)
        }

    # kept until the next write: a rerun need not rebuild tens of thousands of options
    _options["orgs"] = queries.cached(db, "organisation options " + language, build)
    return _options["orgs"]


def person_options() -> dict[int, str]:
    def build() -> dict[int, str]:
        labels = {}
        for p in queries.list_persons(db):
            if not p["name"] and not p["email"]:
                continue  # erased on request: nothing to show
            extra = p["organisation_name"] or p["email"]
            labels[p["id"]] = f"{p['name'] or p['email']} ({extra})" if extra else p["name"]
        return labels

    return queries.cached(db, "person options", build)


# --- which use case ----------------------------------------------------------------------------
cases = queries.editable_use_cases(db, actor, today=today)
cases.sort(key=lambda c: c["title"].casefold())
language = lang()  # once: t() reads the session state on every call (thousands of use cases)
stage_names = {stage.value: t(f"stage.{stage.value}") for stage in Stage}
labels = {
    c["id"]: catalogue(
        "uc.option", language, title=c["title"], stage=stage_names.get(c["stage"] or "", "–")
    )
    for c in cases
}


case_id = None
asked = st.session_state.get("use_case_id")
refused = asked is not None and asked not in labels
if refused:
    # a link, a row or a card for a use case this user does not work on (or one since removed):
    # said in words, and no other use case opened in its place
    st.session_state.pop("use_case_id", None)
    st.session_state.pop("uc_pick", None)
    st.warning(t("uc.not_reachable"), icon=":material/block:")
if labels:
    case_id = pick_record(
        t("uc.pick"),
        labels,
        key="uc_pick",
        remember="use_case_id",
        first_by_default=not refused,
        placeholder=t("uc.pick_placeholder"),
    )
else:
    st.info(t("uc.empty") if sees_all else t("uc.empty_coach"), icon=":material/lightbulb:")


# --- a new use case (programme leader) ---------------------------------------------------------
def new_use_case_form() -> None:
    # with tens of thousands of organisations: a few letters first (outside the form)
    orgs = search_first(organisation_options(), "uc_new_find_org", t("pick.find_org"))
    with st.form("uc_new", enter_to_submit=False):
        st.caption(t("uc.new_intro"))
        title = st.text_input(t("uc.field_title"))
        c1, c2, c3 = st.columns([2, 2, 1])
        asset_owner_id = c1.selectbox(
            t("uc.field_asset_owner_pick"),
            list(orgs),
            index=None,
            format_func=orgs.get,
            placeholder=t("uc.org_placeholder"),
        )
        asset_owner_name = c2.text_input(t("uc.field_asset_owner_new"))
        asset_owner_kvk = c3.text_input(t("common.kvk"))
        c1, c2, c3, c4 = st.columns(4)
        detected_on = c1.date_input(
            t("uc.field_detected_on"),
            value=today,
            min_value=EARLIEST,
            max_value=today,
            format="DD-MM-YYYY",
        )
        theme = c2.selectbox(t("common.theme"), THEMES, format_func=lambda v: v or "–")
        fieldlab = c3.selectbox(t("common.fieldlab"), THEMES, format_func=lambda v: v or "–")
        effect = c4.selectbox(t("uc.field_effect"), EFFECTS, format_func=option_label("effect"))
        description = st.text_area(t("uc.field_description"), height=100)
        submitted = st.form_submit_button(t("uc.new_submit"), type="primary", icon=":material/add:")
    if not submitted:
        return
    new_id = save(
        services.create_use_case,
        db,
        actor,
        title,
        detected_on,
        asset_owner_id=asset_owner_id,
        asset_owner_name=asset_owner_name,
        asset_owner_kvk=asset_owner_kvk,
        description=description,
        theme=theme,
        fieldlab=fieldlab,
        effect=effect,
    )
    if new_id:
        st.session_state["use_case_id"] = new_id
        flash(t("uc.created", title=md(title.strip())), kind="toast")
        st.rerun()


if sees_all:
    with st.expander(t("uc.new"), icon=":material/add_circle:", expanded=not labels):
        new_use_case_form()

links.show("use_case", case_id)  # the address of the open use case: ?use_case=12
if case_id is None:
    st.stop()

case = queries.get_use_case(db, case_id, today=today)
summary = next(c for c in cases if c["id"] == case_id)
stage = Stage(case["stage"]) if case["stage"] else None

# --- header ------------------------------------------------------------------------------------
st.divider()
# the move button keeps its word at 1024 px with the sidebar open (a sixth was "Ver…")
head, actions = st.columns([3, 1], vertical_alignment="center")
with head:
    st.subheader(md(case["title"]))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if stage:
            st.badge(t(f"stage.{stage.value}"), icon=STAGE_ICONS[stage], color=STAGE_COLOURS[stage])
            st.badge(
                days_in_stage_text(summary["days_in_stage"]),
                icon=":material/schedule:",
                color="gray",
                help=t("board.stage_since", date=d(case["stage_since"])),
            )
        st.caption(
            t("uc.asset_owner_line", name=md(case["asset_owner_name"] or "–"))
            + " · "
            + t("uc.detected_line", date=d(case["detected_on"]))
        )
with actions:
    move_button(case_id, key="uc_move", type="primary", width="stretch")

involvements_label = t("uc.tab_involvements", count=len(case["involvements"]))
if st.session_state.pop("_uc_tab_involvements", False):
    # back on the tab where the link was made (its label has the new count)
    st.session_state["uc_tab"] = involvements_label
reads_audit = rights.can(actor, "audit.read")
tab_details, tab_involvements, tab_history, tab_intakes, *tab_changes = st.tabs(
    [
        t("uc.tab_details"),
        involvements_label,
        t("uc.tab_history"),
        t("uc.tab_intakes", count=len(case["intakes"])),
        *([t("audit.tab")] if reads_audit else []),
    ],
    key="uc_tab",
    on_change="rerun",
)

# --- details -----------------------------------------------------------------------------------
with tab_details:
    assignable = queries.assignable_users(db)
    users = {u["id"]: u["label"] for u in assignable}
    coaches = {u["id"]: u["label"] for u in assignable if u["role"] == Role.COACH.value}
    if case["owner_id"] and case["owner_id"] not in users:
        users[case["owner_id"]] = summary["owner_label"] or str(case["owner_id"])
    if case["coach_id"] and case["coach_id"] not in coaches:
        coaches[case["coach_id"]] = summary["coach_label"] or str(case["coach_id"])
    owner_options = [None, *users]
    coach_options = [None, *coaches]
    form_key = "uc_edit_form"
    notice = st.empty()
    loaded = loaded_form(form_key, case, EDITED, slot=notice)
    shown = loaded["values"]
    with st.form(f"uc_edit_{case_id}", enter_to_submit=False):
        title = st.text_input(t("uc.field_title"), value=shown["title"])
        description = st.text_area(
            t("uc.field_description"), value=shown["description"] or "", height=110
        )
        c1, c2, c3 = st.columns(3)
        theme = c1.selectbox(
            t("common.theme"),
            THEMES,
            index=index_of(THEMES, shown["theme"]),
            format_func=lambda v: v or "–",
        )
        fieldlab = c2.selectbox(
            t("common.fieldlab"),
            THEMES,
            index=index_of(THEMES, shown["fieldlab"]),
            format_func=lambda v: v or "–",
        )
        effect = c3.selectbox(
            t("uc.field_effect"),
            EFFECTS,
            index=index_of(EFFECTS, shown["effect"]),
            format_func=option_label("effect"),
        )
        c1, c2 = st.columns(2)
        owner_id = c1.selectbox(
            t("common.owner"),
            owner_options,
            index=index_of(owner_options, shown["owner_id"]),
            format_func=lambda v: users[v] if v else t("uc.no_user"),
            disabled=not can_assign,
        )
        coach_id = c2.selectbox(
            t("uc.field_coach"),
            coach_options,
            index=index_of(coach_options, shown["coach_id"]),
            format_func=lambda v: coaches[v] if v else t("uc.no_user"),
            disabled=not can_assign,
        )
        if not can_assign:
            st.caption(t("uc.owner_coach_locked"))
        c1, c2 = st.columns([3, 1])
        next_step = c1.text_input(t("uc.field_next_step"), value=shown["next_step"] or "")
        next_step_due = c2.date_input(
            t("uc.field_next_step_due"),
            value=shown["next_step_due"],
            min_value=EARLIEST,
            format="DD-MM-YYYY",
            help=t("uc.field_next_step_due_help"),
        )
        result_summary = st.text_area(
            t("uc.field_result"),
            value=shown["result_summary"] or "",
            help=t("uc.field_result_help"),
            height=90,
        )
        saved = st.form_submit_button(t("common.save"), type="primary", icon=":material/save:")
    if saved:
        changes = {
            "title": title,
            "description": description,
            "theme": theme,
            "fieldlab": fieldlab,
            "effect": effect,
            "next_step": next_step,
            "next_step_due": next_step_due,
            "result_summary": result_summary,
        }
        if can_assign:
            changes.update(owner_id=owner_id, coach_id=coach_id)
        if save(
            services.update_use_case,
            db,
            actor,
            case_id,
            version=loaded["version"],
            form_key=form_key,
            where=notice,
            **changes,
        ):
            form_saved(form_key)
            flash(t("uc.saved"), kind="toast")
            st.rerun()

# --- involvements ------------------------------------------------------------------------------
with tab_involvements:
    st.markdown(t("uc.asset_owner_involvement", name=md(case["asset_owner_name"] or "–")))
    if queries.has_partner(db, case_id):
        st.success(t("uc.gate_ok"), icon=":material/check_circle:")
    else:
        st.info(t("uc.gate_open"), icon=":material/info:")
    widths = [3, 3, 2, 2, 1] if can_link else [3, 3, 2, 2]
    if case["involvements"]:
        header = st.columns(widths)
        titles = ["uc.col_organisation", "uc.col_person", "uc.col_role", "uc.col_period"]
        for column, key in zip(header, titles, strict=False):
            column.markdown(f"**{t(key)}**")
        for inv in case["involvements"]:
            cols = st.columns(widths, vertical_alignment="center")
            if inv["organisation_name"]:
                kind = t(f"kind.{inv['organisation_kind']}")
                cols[0].markdown(f"{md(inv['organisation_name'])}  \n:gray[{kind}]")
            else:
                cols[0].markdown("–")
            cols[1].markdown(md(inv["person_name"] or "–"))
            cols[2].markdown(t(f"involvement.{inv['role']}"))
            start = d(inv["start_date"])
            cols[3].markdown(
                t("uc.period", start=start, end=d(inv["end_date"]))
                if inv["end_date"]
                else t("uc.period_open", start=start)
            )
            unlink = can_link and cols[4].button(
                "",
                key=f"uc_unlink_{inv['id']}",
                icon=":material/link_off:",
                help=t("uc.remove"),
                type="tertiary",
            )
            if unlink and attempt(services.remove_involvement, db, actor, inv["id"]):
                flash(t("uc.removed"), kind="toast")
                st.rerun()
    else:
        st.caption(t("uc.no_involvements"))

    if not can_link:
        st.caption(t("uc.link_coach"))
    else:
        with st.container(border=True):
            st.markdown(f"**{t('uc.link_heading')}**")
            st.caption(t("uc.link_intro"))
            # generation: see below; with tens of thousands, a few letters first (outside the form)
            finds = f"uc_link_{case_id}_{st.session_state.get(f'uc_link_{case_id}__generation', 0)}"
            orgs = search_first(organisation_options(), f"{finds}_find_org", t("pick.find_org"))
            persons = search_first(person_options(), f"{finds}_find_person", t("pick.find_person"))
            kinds = [k.value for k in OrgKind if k != OrgKind.UNKNOWN]
            # a new generation of widget keys after a link: the form starts empty again
            generation = st.session_state.setdefault(f"uc_link_{case_id}__generation", 0)
            keys = f"uc_link_{case_id}_{generation}"
            with st.form(f"uc_link_{case_id}", border=False, enter_to_submit=False):
                c1, c2, c3, c4 = st.columns([3, 3, 2, 2])
                org_id = c1.selectbox(
                    t("uc.link_org_pick"),
                    list(orgs),
                    index=None,
                    format_func=orgs.get,
                    placeholder=t("uc.org_placeholder"),
                    key=f"{keys}_org",
                )
                org_name = c2.text_input(t("uc.link_org_new"), key=f"{keys}_org_name")
                org_kvk = c3.text_input(t("common.kvk"), key=f"{keys}_org_kvk")
                org_kind = c4.selectbox(
                    t("common.kind"), kinds, format_func=option_label("kind"), key=f"{keys}_kind"
                )
                c1, c2, c3 = st.columns([3, 3, 4])
                person_id = c1.selectbox(
                    t("uc.link_person_pick"),
                    list(persons),
                    index=None,
                    format_func=persons.get,
                    placeholder=t("uc.org_placeholder"),
                    key=f"{keys}_person",
                )
                person_name = c2.text_input(t("uc.link_person_new"), key=f"{keys}_person_name")
                person_email = c3.text_input(t("common.email"), key=f"{keys}_person_email")
                c1, c2, c3 = st.columns(3)
                role = c1.selectbox(
                    t("uc.link_role"),
                    [None, *(r.value for r in InvolvementRole)],
                    format_func=lambda v: t(f"involvement.{v}") if v else t("uc.link_role_auto"),
                    help=t("uc.link_role_help"),
                    key=f"{keys}_role",
                )
                start_date = c2.date_input(
                    t("uc.link_start"),
                    value=today,
                    min_value=EARLIEST,
                    format="DD-MM-YYYY",
                    key=f"{keys}_start",
                )
                end_date = c3.date_input(
                    t("uc.link_end"),
                    value=None,
                    min_value=EARLIEST,
                    format="DD-MM-YYYY",
                    help=t("uc.link_end_help"),
                    key=f"{keys}_end",
                )
                linked = st.form_submit_button(
                    t("uc.link_submit"), type="primary", icon=":material/add_link:"
                )
            link_id = linked and save(
                services.link_involvement,
                db,
                actor,
                case_id,
                role,
                start_date,
                end_date,
                organisation_id=org_id,
                organisation_name=org_name,
                organisation_kvk=org_kvk,
                organisation_kind=OrgKind(org_kind) if not org_id else None,
                person_id=person_id,
                person_name=person_name,
                person_email=person_email,
            )
            if link_id:
                made = next(
                    i
                    for i in queries.get_use_case(db, case_id)["involvements"]
                    if i["id"] == link_id
                )
                flash(
                    t(
                        "uc.linked",
                        who=md(made["organisation_name"] or made["person_name"] or ""),
                        role=t(f"involvement.{made['role']}").lower(),
                    ),
                    kind="toast",
                )
                st.session_state[f"uc_link_{case_id}__generation"] = generation + 1
                st.session_state["_uc_tab_involvements"] = True
                st.rerun()

# --- history -----------------------------------------------------------------------------------
with tab_history:
    if not case["history"]:
        st.caption(t("uc.history_empty"))
    for event in case["history"]:
        to_stage = Stage(event["to_stage"])
        change = (
            f"{t('stage.' + event['from_stage'])} → **{t('stage.' + to_stage.value)}**"
            if event["from_stage"]
            else f"**{t('stage.' + to_stage.value)}**"
        )
        who = event["user_label"] or t("uc.history_import")
        details = [t("uc.history_by", who=md(who))]
        if event["recorded_at"]:
            details.append(t("uc.history_recorded", date=d(event["recorded_at"])))
        text = f"{STAGE_ICONS[to_stage]} **{d(event['effective_on'])}** · {change}"
        text += f"  \n:small[:gray[{' · '.join(details)}]]"
        if event["note"]:
            text += f"  \n:small[_{md(event['note'])}_]"
        st.markdown(text)

# --- intakes -----------------------------------------------------------------------------------
with tab_intakes:
    if not case["intakes"]:
        st.caption(t("uc.no_intakes"))
    else:
        table = pd.DataFrame(
            [
                {
                    t("uc.col_date"): day(i["intake_date"]),
                    t("uc.col_company"): i["organisation_name"],
                    t("uc.col_contact"): i["person_name"] or "",
                    t("uc.col_coach"): i["coach_label"],
                    t("uc.col_needs"): ", ".join(t(f"need.{n}") for n in i["needs"]),
                    t("uc.col_outcome"): t(f"outcome.{i['outcome']}"),
                    t("uc.col_next_step"): i["next_step"] or "",
                }
                for i in case["intakes"]
            ]
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={t("uc.col_date"): date_column()},
        )

# --- changes (the audit trail) -----------------------------------------------------------------
for tab in tab_changes:
    with tab:
        history_section(db, actor, "use_case", case_id)

show_move_dialog(db, actor)

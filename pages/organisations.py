"""Organisaties: search companies, schools and others, classify them, see their participations by year."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
import streamlit as st

from funnel import queries, rights, services
from funnel.errors import FunnelError
from funnel.models import EducationLevel, OrgKind, Region
from ui import (
    attempt,
    date_column,
    flash,
    form_conflict,
    form_saved,
    get_db,
    keep,
    kept_key,
    lang,
    links,
    loaded_form,
    md,
    n,
    option_label,
    pick_record,
    plural,
    require_actor,
    set_kept,
    show_error,
    show_flash,
    t,
)
from ui.history import history_section
from ui.tables import record_table

actor = require_actor()
db = get_db()
today = dt.date.today()

KINDS = [k.value for k in OrgKind]
LEVELS = [None, *[x.value for x in EducationLevel]]
REGIONS = [None, *[x.value for x in Region]]
ALL = "all"  # the kind filter's "Alle soorten" (a None value would show a clear button)
MAX_SHOWN = 500


#: The fields of the edit form (shown as they were when the form loaded: see ui.loaded_form).
ORG_FIELDS = ("name", "kind", "kvk", "education_level", "brin", "region", "is_partner")


def saved(fn, *args, **kwargs) -> bool:
    """Save the edit form; a refusal is shown and the input stays (a conflict: see loaded_form)."""
    try:
        fn(*args, **kwargs)
    except FunnelError as error:
        form_conflict("org_edit_form", error)
        show_error(error)
        return False
    return True


def region_label(value: str | None) -> str:
    return t(f"org.region.{value}") if value else "–"


def kind_filter_label(value: str) -> str:
    if value == ALL:
        return t("org.all_kinds")
    return t("org.kind_unknown_filter") if value == OrgKind.UNKNOWN.value else t(f"kind.{value}")


# an organisation just added is selected (set before the widgets exist)
pending = st.session_state.pop("_org_select", None)
if pending is not None:
    set_kept("org_search", "")
    set_kept("org_kind", ALL)
    st.session_state["org_pick"] = pending

st.title(t("org.page_title"))
st.caption(t("org.page_intro"))

total = queries.count_organisations(db)
part_counts = queries.participation_counts(db, today)["organisations"]
unknown = queries.unclassified_count(db)

col_search, col_kind = st.columns([2, 1])
search = col_search.text_input(
    t("common.search"), placeholder=t("org.search_placeholder"), key=kept_key("org_search")
)
kind_filter = col_kind.selectbox(
    t("common.kind"),
    [ALL, *KINDS],
    format_func=kind_filter_label,
    key=kept_key("org_kind", [ALL, *KINDS]),
)
keep("org_search", search)
keep("org_kind", kind_filter)
if unknown and kind_filter != OrgKind.UNKNOWN.value:
    st.info(plural("org.unknown_hint", unknown), icon=":material/label:")

# a table and a picker of tens of thousands take seconds to draw: the first MAX_SHOWN (and the
# organisation picked), the search finds the rest; SQLite finds and counts them
kind_wanted = None if kind_filter == ALL else kind_filter
found = queries.list_organisations(db, search.strip(), kind=kind_wanted, limit=MAX_SHOWN)
matches = (
    queries.count_organisations(db, search.strip(), kind_wanted)
    if len(found) == MAX_SHOWN
    else len(found)
)
open_id = st.session_state.get("org_pick")
if isinstance(open_id, int) and open_id not in {o["id"] for o in found}:
    found += queries.list_organisations(db, search.strip(), kind=kind_wanted, only_id=open_id)
kind_names = {kind: t(f"kind.{kind}") for kind in KINDS}

if not total:
    st.info(t("org.empty"))
elif not found:
    st.info(t("org.none_found"))
else:
    clicked = record_table(
        "org_table",
        pd.DataFrame(
            [
                {
                    t("common.name"): o["name"],
                    t("common.kind"): kind_names[o["kind"]],
                    t("common.kvk"): o["kvk"] or "",
                    t("org.field_region"): region_label(o["region"]) if o["region"] else "",
                    t("org.col_partner"): bool(o["is_partner"]),
                    t("org.col_participations"): part_counts.get(o["id"], 0),
                }
                for o in found
            ]
        ),
        [o["id"] for o in found],
        width="stretch",
        height=min(400, 38 + 35 * len(found)),
        column_config={
            t("common.name"): st.column_config.TextColumn(width="large"),
            t("common.kind"): st.column_config.TextColumn(width="medium"),
        },
    )
    st.caption(t("org.count", shown=n(len(found)), total=n(total)))
    if matches > len(found):
        st.caption(t("common.more_found", count=n(matches - len(found))))
    if clicked is not None:  # a click on a row opens that organisation below
        st.session_state["org_pick"] = clicked

# --- one organisation ----------------------------------------------------------------------------
st.divider()
by_id = {o["id"]: o for o in found}
picked = pick_record(
    t("org.pick"),
    {i: f"{o['name']} ({o['kvk']})" if o["kvk"] else o["name"] for i, o in by_id.items()},
    key="org_pick",
    placeholder=t("org.pick_placeholder"),
    disabled=not by_id,
)
show_flash()
links.show("organisation", picked)  # the address of the open record
if picked is not None:
    org = queries.get_organisation(db, picked, today)
    st.subheader(md(org["name"]))
    facts = [t(f"kind.{org['kind']}")]
    if org["kvk"]:
        facts.append(f"KvK {md(org['kvk'])}")
    if org["is_partner"]:
        facts.append(t("org.partner_badge"))
    st.caption(" · ".join(facts))
    if org["merged_from"]:
        names = ", ".join(md(m["name"]) for m in org["merged_from"])
        st.caption(t("org.merged_from", names=names))
    col_edit, col_people = st.columns([3, 2], gap="large")
    with col_edit:
        loaded = loaded_form("org_edit_form", org, ORG_FIELDS)
    shown = loaded["values"]
    with col_edit, st.form(f"org_edit_{picked}", enter_to_submit=False):
        st.markdown(f"**{t('org.edit_heading')}**")
        name = st.text_input(t("common.name"), value=shown["name"])
        col_a, col_b = st.columns(2)
        kind = col_a.selectbox(
            t("common.kind"),
            KINDS,
            index=KINDS.index(shown["kind"]),
            format_func=option_label("kind"),
        )
        kvk = col_b.text_input(t("common.kvk"), value=shown["kvk"] or "", placeholder="12345678")
        col_c, col_d = st.columns(2)
        level = col_c.selectbox(
            t("org.field_level"),
            LEVELS,
            index=LEVELS.index(shown["education_level"])
            if shown["education_level"] in LEVELS
            else 0,
            format_func=option_label("level"),
            help=t("org.level_help"),
        )
        brin = col_d.text_input(
            t("org.field_brin"), value=shown["brin"] or "", help=t("org.brin_help")
        )
        region = st.selectbox(
            t("org.field_region"),
            REGIONS,
            index=REGIONS.index(shown["region"]) if shown["region"] in REGIONS else 0,
            format_func=region_label,
            help=t("org.region_help"),
        )
        partner = st.checkbox(t("org.field_partner"), value=bool(shown["is_partner"]))
        save = st.form_submit_button(t("common.save"), type="primary", icon=":material/save:")
    if save and saved(
        services.update_organisation,
        db,
        actor,
        picked,
        version=loaded["version"],
        name=name,
        kind=kind,
        kvk=kvk,
        brin=brin,
        education_level=level,
        region=region,
        is_partner=int(partner),
    ):
        form_saved("org_edit_form")
        flash(t("org.saved", name=md(name.strip())))
        st.rerun()
    with col_people:
        st.markdown(f"**{t('org.people_heading', count=n(len(org['persons'])))}**")
        if org["persons"]:
            st.dataframe(
                pd.DataFrame(
                    [
                        {t("common.name"): p["name"] or "", t("common.email"): p["email"] or ""}
                        for p in org["persons"]
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption(t("org.no_people"))

    participations = org["participations"]
    st.markdown(f"**{t('org.participations_heading')}**")
    st.caption(t("org.participations_intro"))
    if not participations:
        st.info(t("org.no_participations"))
    else:
        people = {p["id"]: p["name"] for p in org["persons"]}
        years = sorted({p["year"] for p in participations}, reverse=True)
        per_year = Counter(p["year"] for p in participations)
        st.dataframe(
            pd.DataFrame(
                [{t("common.year"): str(y), t("org.col_count"): per_year[y]} for y in years]
            ),
            hide_index=True,
            width=320,
        )
        # labels looked up once and rows grouped once: a large company has tens of thousands
        # of participations, and t() and d() read the session state on every call
        language = lang()
        via_names = {via: t(f"via.{via}") for via in {p["via"] for p in participations}}
        open_label = t("org.open")
        columns = [
            t("org.col_via"), t("org.col_title"), t("org.col_person"), t("org.col_start"),
            t("org.col_end"),
        ]  # fmt: skip
        by_year: dict[int, list[tuple[str, ...]]] = {}
        for p in participations:
            by_year.setdefault(p["year"], []).append(
                (
                    via_names[p["via"]],
                    p["title"],
                    people.get(p["person_id"], "") if p["person_id"] else "",
                    p["start"],
                    p["end"],
                )
            )
        for number, year in enumerate(years):
            with st.expander(
                plural("org.year_heading", per_year[year], year=year), expanded=number == 0
            ):
                shown = by_year[year][-MAX_SHOWN:]  # the latest: the list is in date order
                st.dataframe(
                    pd.DataFrame(shown, columns=columns),
                    hide_index=True,
                    width="stretch",
                    column_config={
                        t("org.col_start"): date_column(),
                        t("org.col_end"): date_column(),
                    },
                    placeholder=open_label,  # an open participation has no end
                )
                if len(by_year[year]) > len(shown):
                    st.caption(t("org.more_participations", shown=n(len(shown))))

if picked is not None and rights.can(actor, "audit.read"):
    with st.expander(t("audit.heading"), icon=":material/history:"):
        history_section(db, actor, "organisation", picked)

# --- add an organisation -------------------------------------------------------------------------
st.divider()
with st.expander(t("org.add_heading"), icon=":material/add_business:"):
    st.caption(t("org.add_intro"))
    with st.form("org_add", enter_to_submit=False):
        new_name = st.text_input(t("common.name"))
        col_a, col_b = st.columns(2)
        new_kvk = col_a.text_input(t("common.kvk"), placeholder="12345678")
        new_kind = col_b.selectbox(
            t("common.kind"), KINDS, index=KINDS.index("company"), format_func=option_label("kind")
        )
        col_c, col_d, col_e = st.columns(3)
        new_level = col_c.selectbox(t("org.field_level"), LEVELS, format_func=option_label("level"))
        new_brin = col_d.text_input(t("org.field_brin"))
        new_region = col_e.selectbox(t("org.field_region"), REGIONS, format_func=region_label)
        new_partner = st.checkbox(t("org.field_partner"))
        add = st.form_submit_button(t("org.add"), type="primary", icon=":material/add:")
    if add:
        resolved = attempt(
            services.create_organisation,
            db,
            actor,
            new_name,
            kvk=new_kvk,
            kind=new_kind,
            level=new_level,
            region=new_region,
            is_partner=new_partner,
            brin=new_brin,
        )
        if resolved:
            existing = queries.get_organisation(db, resolved.id, today)["name"]
            if resolved.status == "new":
                flash(t("org.added", name=md(existing)))
            else:
                flash(t("org.exists", name=md(existing)), "info")
            st.session_state["_org_select"] = resolved.id
            st.rerun()

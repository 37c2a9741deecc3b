"""Dubbelen samenvoegen: proposed duplicates (organisations and persons) with the evidence, merged
or kept apart, and undoing a merge. The proposals and their evidence come from funnel.duplicates."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from funnel import duplicates, queries, services
from funnel.duplicates import Evidence, Side
from ui import attempt, d, flash, get_db, md, n, plural, require_actor, show_flash, t

actor = require_actor()
db = get_db()
today = dt.date.today()
MAX_SHOWN = 25
MAX_ITEMS = 4  # shared activities or use cases listed before "and N more"

st.title(t("dup.page_title"))
st.caption(t("dup.page_intro"))
show_flash()


def highlighted(side: Side) -> str:
    """The name with what differs from the other name marked."""
    parts = []
    for text, differs in side.segments:
        if not differs or not text.strip():
            parts.append(md(text))
            continue
        lead, core, tail = text[: len(text) - len(text.lstrip())], text.strip(), ""
        tail = text[len(text.rstrip()) :]
        parts.append(f"{lead}:orange-background[{md(core)}]{tail}")
    return "".join(parts) or "–"


def describe(side: Side) -> str:
    lines = [f"**{highlighted(side)}** `#{side.id}`"]
    if side.kind is not None:
        lines.append(f"{t('common.kind')}: {t('kind.' + side.kind)}")
        lines.append(f"{t('common.kvk')}: {md(side.kvk) if side.kvk else '–'}")
        domains = ", ".join(md(x) for x in side.email_domains) or "–"
        lines.append(f"{t('dup.domains')}: {domains}")
    else:
        lines.append(f"{t('common.email')}: {md(side.email) if side.email else '–'}")
        lines.append(f"{t('per.col_organisation')}: {md(side.organisation or '–')}")
    lines.append(plural("dq.participations", side.participations))
    return "  \n".join(lines)


def listed(items: list[str]) -> str:
    shown = ", ".join(md(x) for x in items[:MAX_ITEMS])
    if len(items) > MAX_ITEMS:
        shown += " " + t("dup.and_more", count=n(len(items) - MAX_ITEMS))
    return shown


def evidence_lines(e: Evidence, keep: int) -> str:
    lines = [t("dup.score", score=n(e.score, 1), reason=t(f"dq.reason.{e.reason}"))]
    if e.shared_domains:
        lines.append(f"{t('dup.shared_domains')}: {listed(e.shared_domains)}")
    if e.shared_activities:
        lines.append(f"{t('dup.shared_activities')}: {listed(e.shared_activities)}")
    if e.shared_use_cases:
        lines.append(f"{t('dup.shared_use_cases')}: {listed(e.shared_use_cases)}")
    if not (e.shared_activities or e.shared_use_cases):
        lines.append(t("dup.nothing_shared"))
    changes = e.changes[keep]
    if changes:
        after = "; ".join(
            t(
                "dq.count_change",
                year=c.year,
                kpi=t(f"kpi.{c.key}"),
                before=n(c.before),
                after=n(c.after),
            )
            for c in changes
        )
        lines.append(f"{t('dup.after_merge')}: {after}")
    else:
        lines.append(t("dup.no_count_change"))
    return "  \n".join(lines)


def proposal(e: Evidence, prefix: str) -> None:
    a, b = e.a, e.b
    pair = f"{a.id}_{b.id}"
    names = {a.id: a.name or a.email or f"#{a.id}", b.id: b.name or b.email or f"#{b.id}"}
    merge = services.merge_organisations if e.entity == "organisation" else services.merge_persons
    with st.container(border=True, key=f"{prefix}_card_{pair}"):
        col_a, col_b, col_action = st.columns([2, 2, 2], gap="medium")
        col_a.markdown(describe(a))
        col_b.markdown(describe(b))
        with col_action:
            keep = st.radio(
                t("dup.keep"),
                [a.id, b.id],
                index=[a.id, b.id].index(e.keep_id),
                # radio labels are markdown; the id tells two equal names apart
                format_func=lambda i: f"{md(names[i])} (#{i})",
                key=f"{prefix}_keep_{pair}",
            )
            drop = b.id if keep == a.id else a.id
            if st.button(
                t("dup.merge"),
                type="primary",
                icon=":material/merge:",
                width="stretch",
                key=f"{prefix}_merge_{pair}",
            ) and attempt(merge, db, actor, drop, keep):
                flash(t("dup.merged", source=md(names[drop]), target=md(names[keep])))
                st.rerun()
            if st.button(
                t("dup.apart"),
                icon=":material/call_split:",
                key=f"{prefix}_apart_{pair}",
                width="stretch",
            ) and attempt(services.keep_apart, db, actor, a.id, b.id, e.entity):
                flash(t("dup.kept_apart", a=md(names[a.id]), b=md(names[b.id])), "info")
                st.rerun()
        st.caption(evidence_lines(e, keep))


def proposals(entity: str, prefix: str) -> None:
    # the evidence of the best MAX_SHOWN only (tens of thousands of proposals at a million
    # attendance rows), kept until the next write so that choosing whom to keep (a rerun) does
    # not build it again; how many there are in all is counted
    kind = "organisation" if entity == "organisation" else "person"
    found = queries.cached(
        db,
        f"duplicates {kind} {today.isoformat()}",
        lambda: duplicates.ranked(db, kind, today, MAX_SHOWN),
    )
    if not found.total:
        st.success(t(f"dup.no_proposals_{entity}"), icon=":material/check_circle:")
        return
    st.caption(plural(f"dup.proposals_intro_{entity}", found.total))
    for e in found.shown:
        proposal(e, prefix)
    if found.total > MAX_SHOWN:
        st.caption(plural("dup.more", found.total - MAX_SHOWN))


def manual_merge() -> None:
    st.subheader(t("dup.manual_heading"))
    st.caption(t("dup.manual_intro"))
    orgs = {o["id"]: o for o in queries.list_organisations(db)}
    if len(orgs) < 2:
        st.info(t("dup.manual_too_few"))
        return

    def label(i: int) -> str:
        org = orgs[i]
        return f"{org['name']} ({org['kvk']})" if org["kvk"] else org["name"]

    col_source, col_target, col_button = st.columns([2, 2, 1], vertical_alignment="bottom")
    source = col_source.selectbox(
        t("dup.manual_source"),
        list(orgs),
        index=None,
        format_func=label,
        placeholder=t("dup.pick_placeholder"),
        key="dup_source",
    )
    target = col_target.selectbox(
        t("dup.manual_target"),
        list(orgs),
        index=None,
        format_func=label,
        placeholder=t("dup.pick_placeholder"),
        key="dup_target",
    )
    if col_button.button(
        t("dup.merge"),
        icon=":material/merge:",
        disabled=source is None or target is None,
        key="dup_manual_merge",
    ) and attempt(services.merge_organisations, db, actor, source, target):
        flash(t("dup.merged", source=md(label(source)), target=md(label(target))))
        st.rerun()


def history() -> None:
    found = queries.merge_history(db)
    if not found:
        st.info(t("dup.no_history"))
    else:
        st.caption(t("dup.history_intro"))
    for record in found[:MAX_SHOWN]:
        erased = t("per.erased")
        source_name = md(record["source_name"] or f"#{record['source_id']} ({erased})")
        target_name = md(record["target_name"] or f"#{record['target_id']} ({erased})")
        col_when, col_what, col_action = st.columns([1, 4, 1], vertical_alignment="center")
        col_when.write(d(record["merged_at"]))
        text = t(
            "dup.history_line" if record["entity"] == "organisation" else "dup.history_person",
            source=source_name,
            target=target_name,
            user=md(record["user_label"] or "–"),
        )
        if record["undone_at"]:
            col_what.markdown(f"~~{text}~~  \n" + t("dup.undone_on", date=d(record["undone_at"])))
        else:
            col_what.markdown(text)
            if col_action.button(
                t("dup.undo"), icon=":material/undo:", key=f"dup_undo_{record['id']}"
            ) and attempt(services.undo_merge, db, actor, record["id"]):
                flash(t("dup.undone", source=source_name))
                st.rerun()


# only the chosen tab runs (on_change="rerun": .open says which one is shown): the proposals
# of organisations and of persons are each seconds of work at a million attendance rows
tab_orgs, tab_persons, tab_history = st.tabs(
    [t("dup.tab_organisations"), t("dup.tab_persons"), t("dup.history_heading")],
    key="dup_tab",
    on_change="rerun",
)
if tab_orgs.open:
    with tab_orgs:
        proposals("organisation", "dup")
        manual_merge()
if tab_persons.open:
    with tab_persons:
        proposals("person", "dupp")
if tab_history.open:
    with tab_history:
        history()

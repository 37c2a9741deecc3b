"""Dubbelen samenvoegen: organisations with similar names, merged or kept apart, and undoing a merge."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from funnel import directory, queries, services
from ui import attempt, d, flash, get_db, md, n, require_actor, show_flash, t

actor = require_actor()
db = get_db()
today = dt.date.today()
MAX_SHOWN = 25

st.title(t("dup.page_title"))
st.caption(t("dup.page_intro"))
show_flash()

orgs = {o["id"]: o for o in queries.list_organisations(db)}
part_counts = queries.participation_counts(db, today)["organisations"]


def describe(org_id: int) -> str:
    org = orgs[org_id]
    return "  \n".join(
        [
            f"**{md(org['name'])}**",
            f"{t('common.kvk')}: {md(org['kvk']) or '–'}",
            f"{t('common.kind')}: {t('kind.' + org['kind'])}",
            t("dup.participations", count=n(part_counts.get(org_id, 0))),
        ]
    )


def merge(source_id: int, target_id: int) -> None:
    if attempt(services.merge_organisations, db, actor, source_id, target_id):
        source, target = md(orgs[source_id]["name"]), md(orgs[target_id]["name"])
        flash(t("dup.merged", source=source, target=target))
        st.rerun()


# --- proposals -------------------------------------------------------------------------------
st.subheader(t("dup.proposals_heading"))
proposals = [p for p in directory.merge_proposals(db) if p.a_id in orgs and p.b_id in orgs]
if not proposals:
    st.success(t("dup.no_proposals"), icon=":material/check_circle:")
else:
    st.caption(t("dup.proposals_intro", count=n(len(proposals))))
for proposal in proposals[:MAX_SHOWN]:
    a_id, b_id = proposal.a_id, proposal.b_id
    with st.container(border=True):
        col_a, col_b, col_action = st.columns([2, 2, 3], gap="medium")
        col_a.markdown(describe(a_id))
        col_b.markdown(describe(b_id))
        with col_action:
            pair = [a_id, b_id]
            keep = st.radio(
                t("dup.keep"),
                pair,
                index=pair.index(directory.default_keeper(orgs[a_id], orgs[b_id], part_counts)),
                format_func=lambda i: md(orgs[i]["name"]),  # radio labels are markdown
                key=f"dup_keep_{a_id}_{b_id}",
            )
            col_merge, col_apart = st.columns(2)
            if col_merge.button(
                t("dup.merge"),
                type="primary",
                icon=":material/merge:",
                key=f"dup_merge_{a_id}_{b_id}",
            ):
                merge(b_id if keep == a_id else a_id, keep)
            if col_apart.button(
                t("dup.apart"), icon=":material/call_split:", key=f"dup_apart_{a_id}_{b_id}"
            ) and attempt(services.keep_apart, db, actor, a_id, b_id):
                a_name, b_name = md(orgs[a_id]["name"]), md(orgs[b_id]["name"])
                flash(t("dup.kept_apart", a=a_name, b=b_name), "info")
                st.rerun()
if len(proposals) > MAX_SHOWN:
    st.caption(t("dup.more", count=n(len(proposals) - MAX_SHOWN)))

# --- manual merge -------------------------------------------------------------------------------
st.subheader(t("dup.manual_heading"))
st.caption(t("dup.manual_intro"))
if len(orgs) < 2:
    st.info(t("dup.manual_too_few"))
else:

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
    ):
        merge(source, target)

# --- history -----------------------------------------------------------------------------------
st.subheader(t("dup.history_heading"))
history = queries.merge_history(db)
if not history:
    st.info(t("dup.no_history"))
else:
    st.caption(t("dup.history_intro"))
for record in history[:MAX_SHOWN]:
    source_name = md(record["source_name"] or f"#{record['source_id']}")
    target_name = md(record["target_name"] or f"#{record['target_id']}")
    col_when, col_what, col_action = st.columns([1, 4, 1], vertical_alignment="center")
    col_when.write(d(record["merged_at"]))
    text = t(
        "dup.history_line",
        source=source_name,
        target=target_name,
        user=md(record["username"] or "–"),
    )
    if record["entity"] == "person":
        text = t("dup.history_person", source=record["source_id"], target=record["target_id"])
    if record["undone_at"]:
        col_what.markdown(f"~~{text}~~  \n" + t("dup.undone_on", date=d(record["undone_at"])))
    else:
        col_what.markdown(text)
        if col_action.button(
            t("dup.undo"), icon=":material/undo:", key=f"dup_undo_{record['id']}"
        ) and attempt(services.undo_merge, db, actor, record["id"]):
            flash(t("dup.undone", source=source_name))
            st.rerun()

"""Deep links: ``?use_case=12`` (and organisation, person, activity) opens that record.

A link opened before signing in is remembered and followed right after sign-in; the page of an
open record puts its link in the address bar (:func:`show`), so it can be bookmarked and shared.
Rights are the pages' own: a link only selects a record on a page the role has, and that page
shows only what the actor may see.
"""

from __future__ import annotations

import streamlit as st

from funnel.auth import Actor
from ui.navigation import PAGES

#: link parameter -> (page file, the session key the page selects its record by)
LINKS: dict[str, tuple[str, str]] = {
    "use_case": ("pages/use_case.py", "use_case_id"),
    "organisation": ("pages/organisations.py", "org_pick"),
    "person": ("pages/persons.py", "per_pick"),
    "activity": ("pages/activities.py", "act_pick"),
}
PENDING = "_link_pending"


def remember() -> None:
    """Keep the record the address asks for (call on every run, before sign-in)."""
    for name in LINKS:
        value = st.query_params.get(name)
        if value and value.isdigit():
            st.session_state[PENDING] = (name, int(value))
            return


def follow(actor: Actor) -> None:
    """After sign-in: open the remembered record on its page, if the actor's role has that page."""
    pending = st.session_state.pop(PENDING, None)
    if pending is None:
        return
    name, record_id = pending
    page, state_key = LINKS[name]
    if page not in {path for path, *_ in PAGES[actor.role]}:
        return
    st.session_state[state_key] = record_id
    st.switch_page(page, query_params={name: str(record_id)})


def show(name: str, record_id: int | None) -> None:
    """Put the open record's link in the address bar (or take it out when none is open)."""
    if record_id is None:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != str(record_id):
        st.query_params[name] = str(record_id)

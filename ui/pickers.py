"""Pickers of organisations and persons that stay quick with tens of thousands of them.

A selectbox sends every option to the browser, which searches them there: with a few hundred
organisations that is what people expect, with tens of thousands it takes seconds to send and
to draw. Above :data:`LIMIT` options the picker asks for a few letters first and offers the
first :data:`SHOWN` matches.
"""

from __future__ import annotations

import streamlit as st

from ui import n, t

LIMIT = 2000
SHOWN = 200


def search_first(options: dict[int, str], key: str, label: str) -> dict[int, str]:
    """``options`` as they are when there are at most LIMIT of them; else a search box (drawn
    here, outside any form) and the options whose label holds what was typed, ignoring case."""
    if len(options) <= LIMIT:
        return options
    needle = " ".join(
        st.text_input(label, key=key, placeholder=t("pick.search_placeholder")).split()
    )
    needle = needle.casefold()
    if not needle:
        st.caption(t("pick.type_first", count=n(len(options))))
        return {}
    found: dict[int, str] = {}
    total = 0
    for option_id, text in options.items():
        if needle in text.casefold():
            total += 1
            if len(found) < SHOWN:
                found[option_id] = text
    if total > len(found):
        st.caption(t("pick.more", shown=n(len(found)), total=n(total)))
    elif not found:
        st.caption(t("pick.none"))
    return found

"""Streamlit's own English texts stay out of the Dutch screens where Streamlit lets us say so.

A form that submits on Enter shows "Press Enter to submit form" under a focused field: every form
here has ``enter_to_submit=False`` (the button submits).
"""

from __future__ import annotations

import pytest
from streamlit.proto.Block_pb2 import Block as BlockProto

from funnel.demo import DEMO_ACCOUNTS
from funnel.models import Role
from ui.navigation import PAGES

DEMO_USER = {role: name for name, role, _display, _pw in DEMO_ACCOUNTS if name != "coach2"}
DEMO_PASSWORDS = {name: pw for name, _role, _display, pw in DEMO_ACCOUNTS}
CASES = [(role, path) for role, pages in PAGES.items() for path, *_ in pages]


def forms(node) -> list:
    """Every form block under ``node`` (an AppTest block)."""
    found = []
    proto = getattr(node, "proto", None)
    if isinstance(proto, BlockProto) and proto.WhichOneof("type") == "form":
        found.append(proto.form)
    for child in getattr(node, "children", {}).values():
        found += forms(child)
    return found


@pytest.mark.parametrize(("role", "path"), CASES, ids=[f"{r.value}-{p}" for r, p in CASES])
def test_no_form_submits_on_enter(demo_db, sign_in, role, path):
    username = DEMO_USER[role]
    at = sign_in(username, DEMO_PASSWORDS[username], page=path)
    on_enter = [f.form_id for f in forms(at._tree) if f.enter_to_submit]
    assert on_enter == []


def test_the_sign_in_page_hides_streamlits_english_hints(app_db):
    """Sign-in keeps Enter (people expect it there); the English hint under the field, the
    upload texts and "No results" are replaced by the style sheet of ui/chrome.py."""
    from tests.app.conftest import new_app

    at = new_app().run()
    [style] = [h.proto.body for h in at.get("html") if "InputInstructions" in h.proto.body]
    assert '[data-testid="InputInstructions"] { display: none !important; }' in style
    assert 'content: "Bestand kiezen"' in style
    import streamlit as st

    size = int(st.get_option("server.maxUploadSize"))  # .streamlit/config.toml: 20
    assert f'content: "CSV of Excel (XLSX), tot {size} MB per bestand"' in style
    assert 'content: "Geen resultaten"' in style
    assert 'content: "jjjj"' in style  # an empty date field's year: "jjjj", not "yyyy"


def test_a_role_page_list_is_covered():
    assert {role for role, _ in CASES} == set(Role)

"""Every page of every role opens without an exception, on an empty and on the demo database,
in Dutch and in English, and shows no raw catalogue key."""

from __future__ import annotations

import re

import pytest

from funnel.demo import DEMO_ACCOUNTS
from funnel.i18n import CATALOGUE
from funnel.models import Role
from ui.navigation import PAGES

ROLE_USER = {Role.PROGRAMME_LEADER: "leider", Role.COACH: "coach", Role.STEERING: "stuur"}
DEMO_USER = {role: name for name, role, _display, _pw in DEMO_ACCOUNTS if name != "coach2"}
DEMO_PASSWORDS = {name: pw for name, _role, _display, pw in DEMO_ACCOUNTS}
CASES = [(role, path) for role, pages in PAGES.items() for path, *_ in pages]
KEY_PATTERN = re.compile(
    r"\b(?:" + "|".join(sorted({k.split(".")[0] for k in CATALOGUE})) + r")\.[a-z_]+\b"
)


def visible_texts(at) -> list[str]:
    texts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        texts += [str(element.value) for element in at.get(kind)]
    texts += [str(b.label) for b in at.button]
    texts += [str(w.label) for w in at.selectbox] + [str(w.label) for w in at.text_input]
    return texts


def raw_keys(at) -> list[str]:
    found = []
    for text in visible_texts(at):
        found += KEY_PATTERN.findall(text)
    return found


@pytest.mark.parametrize(("role", "path"), CASES, ids=[f"{r.value}-{p}" for r, p in CASES])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_opens_on_an_empty_database(app_db, sign_in, role, path, lang):
    username = ROLE_USER[role]
    at = sign_in(username, page=path)
    if lang == "en":
        at.session_state["lang"] = "en"
        at.session_state["lang_picker"] = "en"
        at.run()
    assert not at.exception, at.exception
    assert at.title, "every page has a title"
    assert raw_keys(at) == []


@pytest.mark.parametrize(("role", "path"), CASES, ids=[f"{r.value}-{p}" for r, p in CASES])
def test_page_opens_on_the_demo_database(demo_db, sign_in, role, path):
    username = DEMO_USER[role]
    at = sign_in(username, DEMO_PASSWORDS[username], page=path)
    assert not at.exception, at.exception
    assert raw_keys(at) == []

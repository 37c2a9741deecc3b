"""The text catalogue: every key in both languages, every key the code asks for exists, and no
key is left that nothing asks for.

"Used" is read from the code (pages/, ui/, funnel/, streamlit_app.py): a key is used when it is
a string literal there (``t("uc.saved")``, a title in ``ui/navigation.py``, a label in a dict),
or when it falls under a prefix the code builds keys from: an f-string such as
``t(f"stage.{x}")``, a concatenation such as ``t("kind." + k)``, or ``option_label("need")``;
``plural("cli.rows", n)`` asks for ``cli.rows.one`` and ``cli.rows.other``.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from funnel.i18n import CATALOGUE
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]
#: what looks like the start of a catalogue key: "stage.", "imp.help.", "intake.company_"
KEY_HEAD = re.compile(r"[a-z][a-z0-9_-]*(\.[a-z0-9_-]*)+|[a-z][a-z0-9_-]*\.[a-z0-9_.-]*_")


def _code_files() -> list[Path]:
    files = [ROOT / "streamlit_app.py"]
    for folder in ("pages", "ui", "funnel"):
        files += sorted((ROOT / folder).rglob("*.py"))
    # the catalogue's own section modules define the keys; they do not use them
    return [f for f in files if not (f.parent.name == "i18n" and f.name != "__init__.py")]


@cache
def _scan() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(every string literal, the keys passed literally to t(), the prefixes keys are built from)."""
    literals: set[str] = set()
    asked: set[str] = set()
    prefixes: set[str] = set()
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and KEY_HEAD.fullmatch(str(head.value)):
                    prefixes.add(str(head.value))
            elif (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Add)
                and isinstance(node.left, ast.Constant)
                and KEY_HEAD.fullmatch(str(node.left.value))
            ):
                prefixes.add(str(node.left.value))
            elif isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                first = node.args[0]
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    continue
                if name == "t":
                    asked.add(first.value)
                elif name == "option_label":
                    prefixes.add(f"{first.value}.")
                elif name == "plural":
                    asked.update({f"{first.value}.one", f"{first.value}.other"})
                    prefixes.add(f"{first.value}.")
    return frozenset(literals), frozenset(asked), frozenset(prefixes)


def test_every_key_has_a_dutch_and_an_english_text() -> None:
    incomplete = {
        key: value
        for key, value in CATALOGUE.items()
        if not (
            isinstance(value, tuple)
            and len(value) == 2
            and all(isinstance(text, str) and text.strip() for text in value)
        )
    }
    assert incomplete == {}


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    _, asked, _ = _scan()
    assert asked, "the scan found no t() calls: is it looking in the right place?"
    assert sorted(asked - CATALOGUE.keys()) == []


def test_every_page_title_and_section_in_the_navigation_is_in_the_catalogue() -> None:
    keys = {
        key
        for pages in PAGES.values()
        for _, title, _, section in pages
        for key in (title, section)
    }
    assert sorted(keys - CATALOGUE.keys()) == []


def test_every_prefix_the_code_builds_keys_from_has_keys() -> None:
    _, _, prefixes = _scan()
    for expected in ("stage.", "kind.", "err.", "via.", "need.", "field.", "imp.help."):
        assert expected in prefixes, f"the scan no longer sees the dynamic keys {expected}*"
    empty = sorted(p for p in prefixes if not any(key.startswith(p) for key in CATALOGUE))
    assert empty == []


def test_no_key_is_left_that_nothing_uses() -> None:
    literals, _, prefixes = _scan()
    unused = sorted(
        key
        for key in CATALOGUE
        if key not in literals and not any(key.startswith(prefix) for prefix in prefixes)
    )
    assert unused == [], "delete these from funnel/i18n (or use them)"

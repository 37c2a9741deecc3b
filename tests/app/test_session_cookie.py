"""The session cookie is written by a line of script in the page (issue 7: no component frame
whose report reran the first page), for a few runs, and deleted the same way at sign-out."""

from __future__ import annotations

import pytest

from funnel import sessions
from ui.session import KEEP_RUNS, cookie_script


def _scripts(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if "document.cookie" in e.proto.body]


def test_signing_in_writes_the_token_into_the_page_for_a_few_runs(app_db, sign_in) -> None:
    at = sign_in("coach")
    (script,) = _scripts(at)
    token = at.session_state["_session_cookie"][1]
    assert f'document.cookie = "{sessions.COOKIE}={token}; expires=' in script
    assert "SameSite=Strict" in script and "Secure" not in script  # http in tests
    for _ in range(KEEP_RUNS):
        at.run()
    assert _scripts(at) == []  # a reload or a new tab sends it from then on
    assert "_session_cookie" not in at.session_state


def _layout(block) -> list[str]:
    """The main area's elements in order, as kinds (and labels where they have one)."""
    return [
        f"{type(node).__name__}:{getattr(node, 'label', '')}" for node in block.children.values()
    ]


def test_the_main_area_does_not_move_when_the_script_goes(app_db, sign_in) -> None:
    """A field that moves while someone types in it loses what was typed (the intake form, in a
    CI run, when the script sat above the page and went after a few runs)."""
    at = sign_in("coach")
    assert _scripts(at)
    before = _layout(at.main)
    for _ in range(KEEP_RUNS):
        at.run()
    assert _scripts(at) == []
    assert _layout(at.main) == before


def test_the_delete_script_expires_the_cookie_at_once() -> None:
    # (the sign-out itself is clicked in the browser: tests/browser/test_sessions.py)
    script = cookie_script("delete", None, secure=False)
    assert f'"{sessions.COOKIE}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/' in script


def test_the_script_takes_only_a_session_token() -> None:
    token = "Ab-_" * 10
    assert cookie_script("set", token, secure=True).endswith(
        'path=/; SameSite=Strict; Secure";</script>'
    )
    for bad in ('x"; alert(1); "', "abc", "", None, "a" * 20 + "</script>"):
        with pytest.raises(ValueError):
            cookie_script("set", bad, secure=False)

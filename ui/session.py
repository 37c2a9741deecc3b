"""The browser side of a server-side session: the cookie that keeps the token.

The token itself is made, checked and revoked by :mod:`funnel.sessions`. The cookie is read from
the request that opened the connection (``st.context.cookies``: a reload, a new tab or a link
brings it) and written or deleted by one line of script in the page (:func:`write_pending_cookie`).
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from funnel import sessions

_PENDING = "_session_cookie"  # ("set", token) or ("delete", None), done on the next run


def cookie_token() -> str | None:
    """The token in the cookie the browser sent when this tab connected."""
    try:
        token = st.context.cookies.get(sessions.COOKIE)
    except Exception:  # noqa: BLE001  # no browser (AppTest, bare mode): no cookie
        return None
    return token if isinstance(token, str) and token else None


def remember(token: str) -> None:
    """Have the browser keep ``token`` (written on the next run, when the page is drawn)."""
    st.session_state[_PENDING] = ("set", token)


def forget() -> None:
    """Have the browser drop the cookie (the session itself is revoked on the server)."""
    st.session_state[_PENDING] = ("delete", None)


#: How many runs the cookie's script stays on the page: it runs once, when the page draws it;
#: a sign-in is followed by a quick rerun or two (the page switch) that could replace the
#: page before the browser has drawn it.
KEEP_RUNS = 3


def write_pending_cookie() -> None:
    """Write or delete the cookie if a sign-in or sign-out asked for it; call once per run.

    A line of script in the page itself (``st.html``; no frame to load, no value sent back, so
    no rerun: issue 7, a sign-in drew its first page a second time when a cookie component's
    frame had loaded) sets ``document.cookie``, for the next :data:`KEEP_RUNS` runs. Whether
    the browser has it cannot be seen from here: ``st.context.cookies`` are the ones this tab
    connected with, and only a reload or a new tab sends the new ones.
    """
    pending = st.session_state.get(_PENDING)
    if not pending:
        return
    action, token, *rest = pending
    runs = rest[0] if rest else 0
    if runs >= KEEP_RUNS:
        st.session_state.pop(_PENDING, None)
        return
    st.session_state[_PENDING] = (action, token, runs + 1)
    secure = str(getattr(st.context, "url", "") or "").startswith("https:")
    # in the sidebar, below the language picker: when the script goes, the elements after it
    # move up, and a text field that moves while someone types in it loses what was typed (seen
    # on the intake form when the script sat above the page). The sidebar's later elements are
    # the name and the sign-out button.
    st.sidebar.html(cookie_script(action, token, secure), unsafe_allow_javascript=True)


def cookie_script(action: str, token: str | None, secure: bool) -> str:
    """The script that sets (``set``) or deletes the session cookie. The token is made by
    ``secrets.token_urlsafe`` (letters, digits, ``-`` and ``_``): nothing in it needs quoting,
    and anything else is refused rather than written into a script."""
    if action == "set":
        if not token or not _TOKEN.fullmatch(token):
            raise ValueError("not a session token")
        expires = (dt.datetime.now(dt.UTC) + sessions.MAX_AGE).strftime("%a, %d %b %Y %H:%M:%S GMT")
        value = f"{sessions.COOKIE}={token}; expires={expires}"
    else:
        value = f"{sessions.COOKIE}=; expires=Thu, 01 Jan 1970 00:00:00 GMT"
    attributes = "; path=/; SameSite=Strict" + ("; Secure" if secure else "")
    return f'<script>document.cookie = "{value}{attributes}";</script>'


_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,200}")

"""The browser side of a server-side session: the cookie that keeps the token.

The token itself is made, checked and revoked by :mod:`funnel.sessions`. The cookie is read from
the request that opened the connection (``st.context.cookies``: a reload, a new tab or a link
brings it) and written or deleted through extra-streamlit-components' CookieManager, a
maintained component, so this app carries no JavaScript of its own.
"""

from __future__ import annotations

import datetime as dt

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


#: How many runs a cookie write stays on the page at most: the component must stay drawn until
#: its frame has loaded and done it, and a sign-in is followed by a few quick reruns (the page
#: switch, the components' own values) that would otherwise remove it before that.
KEEP_RUNS = 20


def write_pending_cookie() -> None:
    """Write or delete the cookie if a sign-in or sign-out asked for it; call once per run.

    The component stays on the page (same key, same place) for the next runs until the browser
    reports the cookie as asked, or for :data:`KEEP_RUNS` runs.
    """
    if st.session_state.get(_PENDING):
        _cookie_writer()


@st.fragment
def _cookie_writer() -> None:
    """The cookie component, in a fragment of its own: when its frame has loaded it reports
    the browser's cookies, and that rerun is this fragment's, not the whole page's (issue 7: a
    sign-in drew its first page twice, 0.5-0.7 s more at demo size)."""
    pending = st.session_state.get(_PENDING)
    if not pending:
        return
    import extra_streamlit_components as stx

    action, token, *rest = pending
    runs = rest[0] if rest else 0
    manager = stx.CookieManager(key="session_cookie_manager")
    seen = manager.cookies.get(sessions.COOKIE) if isinstance(manager.cookies, dict) else None
    done = seen == token if action == "set" else runs > 0 and not seen
    if done or runs >= KEEP_RUNS:
        st.session_state.pop(_PENDING, None)
        return
    st.session_state[_PENDING] = (action, token, runs + 1)
    if action == "set":
        secure = str(getattr(st.context, "url", "") or "").startswith("https:")
        manager.set(
            sessions.COOKIE,
            token,
            key="session_cookie_set",
            expires_at=dt.datetime.now() + sessions.MAX_AGE,
            same_site="strict",
            secure=secure or None,
        )
    else:
        if isinstance(manager.cookies, dict):
            manager.cookies.setdefault(sessions.COOKIE, "")  # delete() also drops its own copy
        manager.delete(sessions.COOKIE, key="session_cookie_delete")

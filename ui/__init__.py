"""Streamlit glue shared by the pages: the database, the signed-in actor, language, messages.

Only screen concerns live here; every rule is in ``funnel/``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import streamlit as st

from funnel import db as storage
from funnel import sessions
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.i18n import CATALOGUE, DATE_PATTERNS, DEFAULT_LANG, fmt_date, fmt_number, fmt_percent
from funnel.i18n import plural as _plural
from funnel.i18n import t as _t

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|$~])")
_LIST_MARKER = re.compile(r"^(\s*(?:\d+)?)([-+=.)])", re.MULTILINE)
#: A bare web address becomes a link even when escaped: an invisible word joiner inside its
#: "https://" or "www." keeps it text.
_BARE_URL = re.compile(r"(?i)(https?:|www)(?=//|\.)")
#: A Streamlit shortcode (":material/delete:" an icon, ":smile:" an emoji) is a colon, a name
#: and a colon: a word joiner after the first colon keeps it text.
_SHORTCODE = re.compile(r":(?=[\w+/-]+:)")
WORD_JOINER = "\u2060"
SOFT_HYPHEN = "\u00ad"
#: A word this long may not fit a narrow board column (about 130 px at 1024 px with the sidebar
#: open); shorter words always do.
_LONG_WORD = re.compile(r"[^\W\d_]{13,}")


def md(text: object) -> str:
    """User-typed text made safe to put inside markdown: no links, images, emphasis, LaTeX,
    lists or icon and emoji shortcodes. Every element that renders markdown (markdown, caption, subheader, alerts, toasts,
    radio and button labels) gets user text through this; dataframe cells and widget values
    do not need it."""
    escaped = _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))
    escaped = _LIST_MARKER.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    escaped = _BARE_URL.sub(lambda m: m.group(1) + WORD_JOINER, escaped)
    return _SHORTCODE.sub(":" + WORD_JOINER, escaped)


@functools.cache
def _dutch_hyphenator():
    import pyphen  # the Dutch hyphenation patterns (LibreOffice's), only when a board is drawn

    return pyphen.Pyphen(lang="nl_NL", left=3, right=3)


def hyphenate(text: str) -> str:
    """``text`` with soft hyphens between the syllables of its long words ("Con\u00addi\u00adtie..."),
    so that a narrow column breaks "Conditie-monitoring" where Dutch does, never inside a
    syllable, and shows it whole where it fits. Browsers' own ``hyphens: auto`` needs a
    dictionary that not every browser has (headless chromium has none). Titles are Dutch, also
    in the English screens, so the Dutch patterns apply."""
    hyphenator = _dutch_hyphenator()
    return _LONG_WORD.sub(lambda m: hyphenator.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)


def get_db():
    """This session's database connection (one per browser session; SQLite handles the rest)."""
    path = str(storage.db_path())
    key = f"_db::{path}"
    if key not in st.session_state:
        db = storage.connect(path)
        # a save that must wait for an import says so instead of hanging silently
        storage.on_wait(db, lambda seconds: st.toast(t("app.waiting"), icon=":material/hourglass:"))
        st.session_state[key] = db
    return st.session_state[key]


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **params: Any) -> str:
    """A catalogue text in the session's language."""
    return _t(key, lang(), **params)


def plural(key: str, count: int, **params: Any) -> str:
    """``key.one`` or ``key.other`` for ``count`` in the session's language ("1 rij", "3 rijen")."""
    return _plural(key, count, lang(), **params)


def d(value: dt.date | str | None, long: bool = False) -> str:
    """A date in the session's language (Dutch: 14-03-2025)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return fmt_date(value, lang(), long=long)


def day(value: dt.date | str | None) -> dt.date | None:
    """A date for a table cell: a real date (an ISO text or timestamp cut to its day), so the
    column sorts by date; show it with :func:`date_column`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def date_column(label: str | None = None, **kwargs: Any):
    """A table column of dates in the session's language (Dutch: 14-03-2025), sorted as dates."""
    return st.column_config.DateColumn(label, format=DATE_PATTERNS[lang()], **kwargs)


def n(value: float | int, decimals: int = 0) -> str:
    return fmt_number(value, lang(), decimals)


def pct(value: float | None) -> str:
    return fmt_percent(value, lang())


def current_actor() -> Actor | None:
    """The signed-in user, checked against the server-side session on every run.

    The session's token is this tab's (after a sign-in) or the cookie's (a reload, a new tab,
    a link). A session that ended (sign-out, idle, expired, account disabled) signs the tab out.
    """
    from ui import session

    token = st.session_state.get("session_token")
    if token is None and not st.session_state.get("_signed_out"):
        token = session.cookie_token()
    actor = sessions.validate(get_db(), token) if token else None
    if actor is None:
        st.session_state.pop("user_id", None)
        st.session_state.pop("session_token", None)
        return None
    st.session_state["session_token"] = token
    st.session_state["user_id"] = actor.id
    return actor


def sign_in(actor_id: int) -> None:
    """Start a session for the account in this tab and have the browser remember it."""
    from ui import session

    token = sessions.create(get_db(), actor_id)
    st.session_state["session_token"] = token
    st.session_state["user_id"] = actor_id
    st.session_state.pop("_signed_out", None)
    session.remember(token)


def sign_out() -> None:
    """End the session on the server, drop the cookie, and forget this tab's state; a login at
    the single sign-on provider ends too (that sends the browser there and back)."""
    from ui import session, sso

    sessions.revoke(get_db(), st.session_state.get("session_token"))
    for key in list(st.session_state):
        if key not in ("lang", "lang_picker") and not key.startswith("_db::"):
            del st.session_state[key]
    st.session_state["_signed_out"] = True  # the cookie this tab connected with is dead
    session.forget()
    sso.sign_out()


_ROUTER = threading.local()


@contextmanager
def routed() -> Iterator[None]:
    """Mark this script run as going through the app's router (``streamlit_app.py`` wraps
    ``page.run()`` in it); :func:`require_actor` knows from it that the page runs inside."""
    _ROUTER.active = True
    try:
        yield
    finally:
        _ROUTER.active = False


#: The app's router, the main script that Streamlit runs.
ROUTER_SCRIPT = Path(__file__).resolve().parents[1] / "streamlit_app.py"


def run_through_router() -> None:
    """If this page file runs on its own, run the app's router in its place (and stop here).

    A page file runs on its own when it is the first request a freshly started server gets
    for a page's address: because the screens live in a ``pages/`` folder, Streamlit serves
    such a request with its old folder navigation (the page straight from its file, the
    files' English names as links) until some session has called ``st.navigation``. The
    router, run here in the same script run (the clicks of this run are kept), registers the
    app's navigation and resolves the same address: the sign-in (and after it that page) or,
    signed in, that page with the role's navigation. Nothing of the page is drawn before its
    ``require_actor``. (AppTest starts every run of a page this way, so its runs go through the
    router too.)
    """
    if getattr(_ROUTER, "active", False):
        return
    runpy.run_path(str(ROUTER_SCRIPT), run_name="__main__")
    st.stop()


def require_actor() -> Actor:
    run_through_router()
    actor = current_actor()
    if actor is None:
        st.warning(t("app.sign_in_first"))
        st.stop()
    return actor


def error_text(error: FunnelError) -> str:
    """An error in plain words; a bare "required"/"invalid" message gets its field's label."""
    message = error.message(lang())
    label_key = f"field.{error.field}"
    needs_label = error.code in ("value_missing", "text_control", "text_too_long")
    needs_label = needs_label or error.code.startswith("model_")
    if needs_label and error.field and label_key in CATALOGUE:
        return f"{t(label_key)}: {message}"
    return message[:1].upper() + message[1:]


def show_error(error: FunnelError) -> None:
    # the catalogue's error texts have no markdown; the values they quote are user text
    st.error(md(error_text(error)), icon=":material/error:")


def attempt(fn, *args, success: str | None = None, **kwargs):
    """Call a domain operation; show its refusal as an error instead of a traceback."""
    try:
        result = fn(*args, **kwargs)
    except FunnelError as error:
        show_error(error)
        return None
    if success:
        st.toast(success, icon=":material/check_circle:")
    return result if result is not None else True


def option_label(prefix: str):
    """A ``format_func`` for selectboxes over enum values: ``stage.detected`` -> Gesignaleerd."""
    return lambda value: t(f"{prefix}.{value}") if value else "–"


KEPT = "_kept_filters"


def kept_key(name: str, options: list | None = None) -> str:
    """The widget key of a filter that the session keeps: the value last chosen comes back
    after a visit to another page (Streamlit forgets a widget that is not drawn), and the key
    is per language, so a switch of language draws the options anew in that language (the
    browser kept showing the old words on a widget whose key did not change). Call
    :func:`keep` with the widget's value after drawing it."""
    key = f"{name}.{lang()}"
    stored = st.session_state.get(KEPT, {})
    known = name in stored and (options is None or stored[name] in options)
    if key not in st.session_state and known:
        st.session_state[key] = stored[name]
    return key


def keep(name: str, value: Any) -> Any:
    """Remember a filter's value for this session (see :func:`kept_key`); returns it."""
    st.session_state.setdefault(KEPT, {})[name] = value
    return value


def set_kept(name: str, value: Any) -> None:
    """Set a kept filter (see :func:`kept_key`) before its widget is drawn: a page that selects
    a record clears the search that would hide it."""
    st.session_state.setdefault(KEPT, {})[name] = value
    st.session_state[f"{name}.{lang()}"] = value


def flash(message: str, kind: str = "success") -> None:
    """A message shown once, after the rerun that follows a save."""
    st.session_state["_flash"] = (kind, message)


def show_flash() -> None:
    item = st.session_state.pop("_flash", None)
    if item:
        kind, message = item
        getattr(st, kind)(message)


def pick_record(
    label: str,
    labels: dict[int, str],
    key: str,
    remember: str | None = None,
    first_by_default: bool = False,
    container: Any = None,
    **kwargs: Any,
) -> int | None:
    """A selectbox that picks one record by id, whose labels may change between runs.

    The browser sends a selectbox's value back as its label, not as the option. When the label
    of the picked record changes (its stage after a move, its title after an edit, by this user
    or another), the browser still holds the old label; on the next click it comes back as text
    that matches no option and Streamlit falls back to the first option (or none), so a save
    lands on another record. Here the labels the browser was sent are remembered, the picked id
    is sent again whenever its label changed, and an old label is mapped back to its id.
    ``remember`` is a session key that holds the picked id across pages ("use_case_id").
    Labels that occur twice get the record's id, so two records never share a label.
    """
    shown_key = f"_shown_labels::{key}"
    shown: dict[str, int] = st.session_state.get(shown_key, {})
    counts: dict[str, int] = {}
    for text in labels.values():
        counts[text] = counts.get(text, 0) + 1
    unique = {i: (f"{text} (#{i})" if counts[text] > 1 else text) for i, text in labels.items()}

    def as_id(value: Any) -> Any:
        return shown.get(value) if isinstance(value, str) else value

    def picked() -> None:
        value = as_id(st.session_state.get(key))
        if isinstance(value, str):  # a label this page never showed: keep what was picked
            return
        st.session_state[key] = value
        if remember:
            st.session_state[remember] = value

    wanted = st.session_state.get(remember) if remember else None
    current = as_id(st.session_state.get(key))
    if wanted in unique:
        chosen = wanted
    elif current in unique:
        chosen = current
    else:
        chosen = next(iter(unique), None) if first_by_default else None
    if chosen is None:
        st.session_state.pop(key, None)
    elif st.session_state.get(key) != chosen or shown.get(unique[chosen]) != chosen:
        # setting the key sends the current label to the browser
        st.session_state[key] = chosen
    st.session_state[shown_key] = {text: i for i, text in unique.items()}
    return (container or st).selectbox(
        label,
        list(unique),
        index=None,
        format_func=unique.get,
        key=key,
        on_change=picked,
        **kwargs,
    )


def loaded_form(
    key: str, record: dict[str, Any], fields: tuple[str, ...], slot: Any = None
) -> dict[str, Any]:
    """What an edit form shows and saves against: the record as it was when the form was loaded.

    The form's widgets get these values (not the database's latest), so a run after someone
    else's save does not replace what the user typed; ``version`` goes to the service, which
    refuses a save over a newer version with what the other person changed. After that refusal
    (:func:`form_conflict`) the user has seen their change: saving again goes through. A saved
    form is dropped (:func:`form_saved`) and loads fresh; so does one for another record.
    When the record changed since, a note says so with a button that loads the latest version.
    """
    base = st.session_state.get(key)
    if base is None or base["id"] != record["id"]:
        base = {
            "id": record["id"],
            "version": record["version"],
            "values": {name: record[name] for name in fields},
        }
        st.session_state[key] = base
    if record["version"] != base["version"]:
        # in ``slot`` (an st.empty above the form), where a refused save's message replaces it
        with (slot or st).container(horizontal=True, vertical_alignment="center"):
            st.info(t("form.changed_meanwhile"), icon=":material/update:")
            if st.button(t("form.reload"), key=f"{key}_reload", icon=":material/refresh:"):
                form_saved(key)
                st.rerun()
    return base


def form_saved(key: str) -> None:
    st.session_state.pop(key, None)


def form_conflict(key: str, error: FunnelError) -> None:
    """A save was refused over a newer version: the user's input stays, the next save counts
    as made over the version the message showed."""
    base = st.session_state.get(key)
    if base is not None and error.code == "edit_conflict" and "version" in error.params:
        base["version"] = error.params["version"]

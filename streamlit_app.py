"""Techport innovation funnel: sign-in, language, and the navigation of the signed-in role."""

from __future__ import annotations

import streamlit as st

from funnel import auth, services
from funnel.errors import FunnelError
from ui import (
    attempt,
    chrome,
    current_actor,
    error_text,
    get_db,
    lang,
    links,
    md,
    routed,
    sign_in,
    sign_out,
    sso,
    t,
)
from ui.navigation import PAGES
from ui.session import write_pending_cookie

st.set_page_config(
    page_title="Techport innovatiefunnel", page_icon=":material/filter_alt:", layout="wide"
)

LANG_LABELS = {"nl": "Nederlands", "en": "English"}


def _language_chosen() -> None:
    st.session_state["lang"] = st.session_state["lang_picker"]
    st.session_state["_lang_chosen"] = True  # kept with the account (now or at sign-in)


def settle_language(db, actor) -> None:
    """The tab's language and the account's: a tab that a signed-in account comes to (a reload,
    a new tab, a sign-in) takes the language the account chose before, unless one was chosen in
    this tab; a choice made while signed in (or on the sign-in page) is kept with the account."""
    if actor is None:
        return
    chosen = st.session_state.pop("_lang_chosen", False)
    if st.session_state.get("_lang_of") != actor.id:
        st.session_state["_lang_of"] = actor.id
        if not chosen and actor.lang:
            st.session_state["lang"] = actor.lang
    if chosen and actor.lang != lang():
        attempt(services.set_language, db, actor, lang())


def language_picker() -> None:
    # the picker shows the tab's language (set by a choice, or by the account's at a reload)
    st.session_state["lang_picker"] = lang()
    st.sidebar.selectbox(
        "Taal / Language",
        options=list(LANG_LABELS),
        format_func=LANG_LABELS.get,
        key="lang_picker",
        on_change=_language_chosen,
    )


def first_user_form(db) -> None:
    st.title(t("signin.setup_title"))
    st.info(t("signin.setup_intro"))
    with st.form("first_user"):
        username = st.text_input(t("signin.username"))
        display_name = st.text_input(t("signin.display_name"))
        password = st.text_input(t("signin.password"), type="password")
        repeat = st.text_input(t("signin.password_repeat"), type="password")
        submitted = st.form_submit_button(t("signin.create_first"), type="primary")
    if submitted:
        if password != repeat:
            st.error(t("signin.passwords_differ"))
            return
        try:
            user_id = auth.create_first_user(db, username, password, display_name)
        except FunnelError as error:
            st.error(md(error_text(error)))
            return
        sign_in(user_id)
        st.rerun()


def sign_in_form(db) -> None:
    left, middle, right = st.columns([1, 2, 1])
    with middle:
        st.title(t("signin.title"))
        st.caption(t("signin.subtitle"))
        sso.buttons(t, md, error_text)
        with st.form("sign_in"):
            username = st.text_input(t("signin.username"))
            password = st.text_input(t("signin.password"), type="password")
            submitted = st.form_submit_button(t("signin.submit"), type="primary")
        if submitted:
            try:
                actor = auth.authenticate(db, username, password)
            except FunnelError as error:
                st.error(md(error_text(error)))
            else:
                sign_in(actor.id)
                st.rerun()
        if auth.is_demo(db):
            # the public demo passwords, from the code (the database keeps only their hashes),
            # for the demo accounts that are still there
            roles = {u["username"]: u["role"] for u in auth.list_users(db)}
            lines = "\n".join(
                f"| `{name}` | `{password}` | {t('role.' + roles[name])} |"
                for name, _role, _display, password in auth.DEMO_ACCOUNTS
                if name in roles
            )
            if lines:
                st.info(
                    t("signin.demo_accounts")
                    + f"\n\n| {t('signin.username')} | {t('signin.password')} | {t('signin.role')} |"
                    + "\n|---|---|---|\n"
                    + lines
                )


def _address(path: str) -> str:
    """A page file's address in the app: pages/board.py is /board."""
    return path.removeprefix("pages/").removesuffix(".py")


def _signed_out_pages() -> list:
    """The sign-in screen under every page's address: a reload or a link to a page while signed
    out shows the sign-in (no "page not found"), and after it the page the address names."""
    pages = [st.Page(lambda: None, title=t("signin.title"), default=True)]
    seen: set[str] = set()
    for entries in PAGES.values():
        for path, *_ in entries:
            url = _address(path)
            if url not in seen:
                seen.add(url)
                pages.append(st.Page(lambda: None, title=t("signin.title"), url_path=url))
    return pages


def _other_pages(actor) -> list[tuple[str, str]]:
    """(address, title key) of the pages other roles have and this one does not."""
    own = {path for path, *_ in PAGES[actor.role]}
    found: dict[str, str] = {}
    for entries in PAGES.values():
        for path, title_key, *_ in entries:
            if path not in own:
                found.setdefault(_address(path), title_key)
    return sorted(found.items())


def _refusal(actor, title_key: str):
    def show() -> None:
        st.title(t("app.not_for_role_title"))
        st.error(
            t("app.not_for_role", page=t(title_key), role=t("role." + actor.role.value)),
            icon=":material/block:",
        )

    return show


def main() -> None:
    db = get_db()
    actor = current_actor()
    # a session's first run, signed in already (the cookie: a new tab, a bookmark, a shared
    # link): the record its address names is opened; later runs keep the address the open
    # record writes, so they must not follow it again
    if actor is not None and not st.session_state.get("_links_read"):
        links.remember()
    st.session_state["_links_read"] = True
    settle_language(db, actor)
    language_picker()
    chrome.in_language()  # Streamlit's English texts ("Upload", "No results") in the language
    if auth.is_demo(db):
        st.warning(t("app.demo_banner"), icon=":material/science:")
    write_pending_cookie()
    if actor is None:
        links.remember()  # ?use_case=12 opens that use case after sign-in
        st.navigation(_signed_out_pages(), position="hidden")
        if not auth.has_users(db):
            first_user_form(db)
            return
        # back from the identity provider: its e-mail address signs in, once per login there
        user_id = sso.finish_sign_in(db)
        if user_id is not None:
            sign_in(user_id)
            st.rerun()
        sign_in_form(db)
        return
    with st.sidebar:
        st.markdown(f"**{md(actor.label)}**  \n{t('role.' + actor.role.value)}")
        if st.button(t("signin.sign_out"), icon=":material/logout:"):
            sign_out()
            st.rerun()
    sections: dict[str, list] = {}
    for path, title_key, icon, section in PAGES[actor.role]:
        url = _address(path)
        sections.setdefault(t(section), []).append(
            st.Page(path, title=t(title_key), icon=icon, url_path=url)
        )
    # another role's page opened by its address: a refusal in words, not "Page not found"
    hidden = [
        st.Page(
            _refusal(actor, title_key),
            title=t("app.not_for_role_title"),
            url_path=url,
            visibility="hidden",
        )
        for url, title_key in _other_pages(actor)
    ]
    if hidden:
        list(sections.values())[-1].extend(hidden)
    # every page in view: the programme leader has more than the twelve shown by default
    page = st.navigation(sections, expanded=True)
    links.follow(actor)
    with routed():  # the page's require_actor knows it runs inside the router
        page.run()


main()

"""Single sign-on on the sign-in page: a button per provider of the deployment's ``[auth]``
secrets (Streamlit's own ``st.login``), and, back from the provider, the account its identity
signs in (the rule is :func:`funnel.sso.actor_for_identity`); a session then starts exactly as
after a password (``ui.sign_in``)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from funnel import sso
from funnel.errors import FunnelError

_REFUSAL = "_sso_refusal"


def providers() -> list[sso.Provider]:
    """The providers the ``[auth]`` section of secrets.toml configures (none: no SSO)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # noqa: BLE001  # no secrets file, or one Streamlit cannot read
        return []
    if not section:
        return []
    as_dict = section.to_dict() if hasattr(section, "to_dict") else dict(section)
    return sso.providers(as_dict)


def _claims() -> dict[str, Any]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001  # no script context (bare mode)
        return {}


def logged_in_at_provider() -> bool:
    return bool(providers()) and bool(_claims().get("is_logged_in"))


def finish_sign_in(db) -> int | None:
    """Back from the provider: the account id to sign in, once per login; a refusal is kept
    for :func:`buttons` to show. None when there is nothing to do."""
    if not providers():
        return None
    try:
        actor = sso.actor_for_identity(db, _claims())
    except FunnelError as error:
        st.session_state[_REFUSAL] = error
        return None
    if actor is None:
        return None
    st.session_state.pop(_REFUSAL, None)
    return actor.id


def buttons(t, md, error_text) -> None:
    """A sign-in button per provider, and the last refusal with a way to another account."""
    found = providers()
    if not found:
        return
    refusal = st.session_state.get(_REFUSAL)
    if refusal is not None:
        st.error(md(error_text(refusal)), icon=":material/no_accounts:")
    for provider in found:
        if st.button(
            t("signin.sso_button", provider=provider.label),
            key=f"sso_login_{provider.name or 'default'}",
            type="primary",
            icon=":material/login:",
            width="stretch",
        ):
            st.session_state.pop(_REFUSAL, None)
            if provider.name:
                st.login(provider.name)
            else:
                st.login()
    other = refusal is not None and logged_in_at_provider()
    if other and st.button(
        t("signin.sso_other_account"), key="sso_logout", icon=":material/logout:"
    ):
        st.session_state.pop(_REFUSAL, None)
        st.logout()
    st.caption(t("signin.sso_or"))


def sign_out() -> None:
    """End the provider's login too (Streamlit's identity cookie; the provider's own session
    when it offers an end-session address). The run stops here: a rerun would drop the
    redirect to the provider before the browser got it (seen in one of two sign-outs)."""
    if logged_in_at_provider():
        st.logout()
        st.stop()

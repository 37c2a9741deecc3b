"""Single sign-on (OIDC through Streamlit's ``st.login``): which providers the deployment's
``[auth]`` secrets name, and which account a provider's identity signs in.

The rule that matters is :func:`funnel.auth.actor_for_email` (a verified e-mail address of an
active account). On top of it, :func:`actor_for_identity` lets one login at the provider start
one session: Streamlit keeps the provider's identity in a cookie for 30 days, and without this an
idle timeout or a sign-out would be undone by the next reload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

import sqlite_utils

from funnel.auth import Actor, actor_for_email
from funnel.dates import utc_iso, utc_now
from funnel.db import one, transaction

#: How old a provider's identity (its ID token's ``iat``) may be to start a session.
FRESH = dt.timedelta(minutes=5)
#: How far ahead of this server's clock the provider's may be.
CLOCK_SKEW = dt.timedelta(minutes=1)
#: Keys of ``[auth]`` that configure a provider (Streamlit's and Authlib's).
_PROVIDER_KEYS = ("client_id", "server_metadata_url")
#: A provider's name on the button, by the host of its metadata address or by its section name.
KNOWN = {
    "login.microsoftonline.com": "Microsoft 365",
    "accounts.google.com": "Google",
    "microsoft": "Microsoft 365",
    "google": "Google",
}


@dataclass(frozen=True)
class Provider:
    """A provider to offer: ``name`` for ``st.login(name)`` (None: the ``[auth]`` section's own),
    ``label`` for the button."""

    name: str | None
    label: str


def _label(name: str | None, section: Mapping[str, object]) -> str:
    label = section.get("label")
    if isinstance(label, str) and label.strip():
        return label.strip()
    host = urlparse(str(section.get("server_metadata_url") or "")).hostname or ""
    return KNOWN.get(host) or KNOWN.get((name or "").casefold()) or (name or host or "SSO")


def providers(auth_section: Mapping[str, object]) -> list[Provider]:
    """The providers an ``[auth]`` section of secrets.toml configures, in its order.

    Single sign-on is on when there is at least one. A provider is the section itself (its own
    ``client_id`` and ``server_metadata_url``) or a named subsection such as ``[auth.microsoft]``;
    an optional ``label`` names it on the button, else a known host or its name does.
    """
    if not auth_section or "redirect_uri" not in auth_section:
        return []
    found: list[Provider] = []
    if any(auth_section.get(key) for key in _PROVIDER_KEYS):
        found.append(Provider(None, _label(None, auth_section)))
    for name, value in auth_section.items():
        if isinstance(value, Mapping) and any(value.get(key) for key in _PROVIDER_KEYS):
            found.append(Provider(str(name), _label(str(name), value)))
    return found


def _issued_at(claims: Mapping[str, object]) -> dt.datetime | None:
    iat = claims.get("iat")
    if isinstance(iat, bool) or not isinstance(iat, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(iat, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def identity_hash(claims: Mapping[str, object]) -> str:
    """What tells one login at a provider from another: issuer, subject, issue time, nonce."""
    key = [str(claims.get(name, "")) for name in ("iss", "sub", "iat", "nonce")]
    return hashlib.sha256(json.dumps(key).encode("utf-8")).hexdigest()


def _used(db: sqlite_utils.Database, digest: str) -> bool:
    return bool(one(db, "SELECT 1 AS x FROM sso_identities_used WHERE identity_hash = ?", [digest]))


def actor_for_identity(
    db: sqlite_utils.Database, claims: Mapping[str, object], now: dt.datetime | None = None
) -> Actor | None:
    """The account a fresh provider identity (``st.user``) signs in, once; else None or a refusal.

    None: not logged in at the provider, an identity older than :data:`FRESH` (or without an
    issue time), or one that was already used (a reload, or the identity cookie after a sign-out
    or an idle timeout): nothing to say, the sign-in page is shown. A refusal
    (:class:`~funnel.errors.FunnelError`) comes from :func:`funnel.auth.actor_for_email` and is
    given (and logged) once per login at the provider.
    """
    if not claims or not claims.get("is_logged_in"):
        return None
    now = now or utc_now()
    issued = _issued_at(claims)
    if issued is None or not now - FRESH <= issued <= now + CLOCK_SKEW:
        return None
    digest = identity_hash(claims)
    # a read first: every rerun of the sign-in page in the minutes after a login asks again
    if _used(db, digest):
        return None
    with transaction(db):
        if _used(db, digest):  # another tab used it since the read
            return None
        db.execute(
            "DELETE FROM sso_identities_used WHERE at < ?", [utc_iso(now - dt.timedelta(days=1))]
        )
        db.execute(
            "INSERT INTO sso_identities_used (identity_hash, at) VALUES (?, ?)",
            [digest, utc_iso(now)],
        )
    return actor_for_email(db, claims.get("email"), claims.get("email_verified"), now)

"""Single sign-on: an account's e-mail address, the mapping of a provider's identity to an
account (funnel/auth.py actor_for_email, funnel/sso.py), and the providers read from [auth]."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import auth, services, sso
from funnel.errors import FunnelError
from funnel.models import Role

NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)


def _account(db, username="piet", email="Piet@Techport.nl", role=Role.COACH):
    user_id = auth.create_user(db, username, "lang-genoeg-wachtwoord", role, "Piet Jansen")
    auth.set_email(db, user_id, email)
    return user_id


def _failures(db):
    return [(f["username"], f["reason"]) for f in auth.sign_in_failures(db)]


def test_an_account_keeps_its_email_normalised_and_unique(db):
    user_id = _account(db)
    assert {u["username"]: u["email"] for u in auth.list_users(db)} == {"piet": "piet@techport.nl"}
    other = auth.create_user(db, "klaas", "lang-genoeg-wachtwoord", Role.COACH)
    with pytest.raises(FunnelError) as taken:
        auth.set_email(db, other, "PIET@techport.nl")
    assert taken.value.code == "email_taken"
    with pytest.raises(FunnelError) as invalid:
        auth.set_email(db, other, "piet\0@techport.nl")
    assert invalid.value.code == "email_invalid"
    auth.set_email(db, user_id, "")  # blank clears it
    assert auth.list_users(db)[1]["email"] is None


def test_create_user_takes_an_email(db):
    auth.create_user(db, "anna", "lang-genoeg-wachtwoord", Role.STEERING, email=" Anna@X.nl ")
    assert auth.list_users(db)[0]["email"] == "anna@x.nl"


def test_email_maps_to_the_active_account_case_insensitively(db):
    user_id = _account(db)
    actor = auth.actor_for_email(db, "PIET@techport.NL", verified=True, now=NOW)
    assert (actor.id, actor.role) == (user_id, Role.COACH)
    # logged like a password sign-in: a success resets the failure streak
    assert auth.attempts(db, "piet", NOW).failures == 0
    assert auth.actor_for_email(db, "piet@techport.nl", verified=None, now=NOW).id == user_id


def test_unknown_email_is_refused_and_logged(db):
    _account(db)
    with pytest.raises(FunnelError) as refused:
        auth.actor_for_email(db, "kees@techport.nl", verified=True, now=NOW)
    assert refused.value.code == "sso_no_account"
    assert "kees@techport.nl" in refused.value.message("nl")
    assert "programmaleider" in refused.value.message("nl")
    assert _failures(db) == [("kees@techport.nl", "sso_unknown")]


def test_disabled_account_is_refused_by_email(db):
    user_id = _account(db)
    auth.set_active(db, user_id, False)
    with pytest.raises(FunnelError) as refused:
        auth.actor_for_email(db, "piet@techport.nl", verified=True, now=NOW)
    assert refused.value.code == "sso_account_disabled"
    assert _failures(db) == [("piet", "disabled")]


def test_unverified_email_is_refused_even_for_a_known_account(db):
    _account(db)
    for unverified in (False, "false", 0):
        with pytest.raises(FunnelError) as refused:
            auth.actor_for_email(db, "piet@techport.nl", verified=unverified, now=NOW)
        assert refused.value.code == "sso_unverified"
    assert {reason for _, reason in _failures(db)} == {"sso_unverified"}


def test_a_missing_email_is_refused(db):
    with pytest.raises(FunnelError) as refused:
        auth.actor_for_email(db, None, verified=None, now=NOW)
    assert refused.value.code == "sso_no_email"


def test_sso_failures_do_not_lock_a_username(db):
    auth.create_user(db, "kees@techport.nl", "lang-genoeg-wachtwoord", Role.COACH)
    for _ in range(auth.MAX_FAILURES + 1):
        with pytest.raises(FunnelError):
            auth.actor_for_email(db, "kees@techport.nl", verified=True, now=NOW)
    assert auth.attempts(db, "kees@techport.nl", NOW).locked_until is None


def _claims(email="piet@techport.nl", iat=NOW, **more):
    return {
        "is_logged_in": True,
        "iss": "http://127.0.0.1:1",
        "sub": email,
        "email": email,
        "iat": None if iat is None else int(iat.timestamp()),
        "nonce": "n1",
        **more,
    }


def test_a_fresh_identity_signs_in_once(db):
    user_id = _account(db)
    assert sso.actor_for_identity(db, _claims(), now=NOW).id == user_id  # type: ignore[union-attr]
    # the same identity again (a reload, the 30-day identity cookie after an idle timeout or a
    # sign-out) signs nobody in: a new sign-in needs a new login at the provider
    assert sso.actor_for_identity(db, _claims(), now=NOW + dt.timedelta(seconds=5)) is None


def test_an_identity_already_used_is_read_not_written(db):
    """Each rerun of the sign-in page for 5 minutes after a provider login asks again: that
    is a read; the write lock is taken only for a new identity."""
    _account(db)
    assert sso.actor_for_identity(db, _claims(), now=NOW) is not None
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        for seconds in (1, 30, 240):
            later = NOW + dt.timedelta(seconds=seconds)
            assert sso.actor_for_identity(db, _claims(), now=later) is None
    finally:
        db.conn.set_trace_callback(None)
    assert statements, "the check was not traced"
    assert not [
        s for s in statements if s.lstrip().upper().startswith(("BEGIN", "INSERT", "DELETE"))
    ]


def test_an_old_identity_signs_nobody_in(db):
    _account(db)
    old = NOW - sso.FRESH - dt.timedelta(seconds=1)
    assert sso.actor_for_identity(db, _claims(iat=old), now=NOW) is None
    assert sso.actor_for_identity(db, _claims(iat=None), now=NOW) is None  # type: ignore[arg-type]


def test_a_refused_identity_is_logged_once(db):
    with pytest.raises(FunnelError):
        sso.actor_for_identity(db, _claims("kees@techport.nl"), now=NOW)
    assert sso.actor_for_identity(db, _claims("kees@techport.nl"), now=NOW) is None
    assert len(_failures(db)) == 1


def test_the_unverified_claim_is_read(db):
    _account(db)
    with pytest.raises(FunnelError) as refused:
        sso.actor_for_identity(db, _claims(email_verified=False), now=NOW)
    assert refused.value.code == "sso_unverified"


def test_providers_from_the_auth_section():
    assert sso.providers({}) == []
    assert sso.providers({"redirect_uri": "x", "cookie_secret": "y"}) == []
    default = {
        "redirect_uri": "x",
        "cookie_secret": "y",
        "client_id": "c",
        "client_secret": "s",
        "server_metadata_url": "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration",
    }
    assert sso.providers(default) == [sso.Provider(None, "Microsoft 365")]
    named = {
        "redirect_uri": "x",
        "cookie_secret": "y",
        "google": {"client_id": "c", "server_metadata_url": "https://accounts.google.com/x"},
        "intern": {"client_id": "c", "server_metadata_url": "https://sso.x.nl/", "label": "X"},
    }
    assert sso.providers(named) == [
        sso.Provider("google", "Google"),
        sso.Provider("intern", "X"),
    ]


def test_managing_an_email_needs_the_right(db, leader, coach):
    user_id = _account(db, "anna", "anna@x.nl")
    with pytest.raises(FunnelError) as refused:
        services.set_user_email(db, coach, user_id, "a@x.nl")
    assert refused.value.code == "not_allowed"
    services.set_user_email(db, leader, user_id, "A2@x.nl")
    assert auth.actor_for_email(db, "a2@x.nl", now=NOW).id == user_id

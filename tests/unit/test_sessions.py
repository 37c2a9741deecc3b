"""Server-side sessions: a random token kept hashed, ended by sign-out, idleness, expiry, a
disabled account or a new password."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import sqlite_utils

from funnel import auth, services, sessions, settings
from funnel.auth import Actor
from funnel.db import rows
from funnel.errors import FunnelError

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_a_session_is_a_random_token_of_which_only_the_hash_is_stored(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    token = sessions.create(db, leader.id, now=T0)
    other = sessions.create(db, leader.id, now=T0)
    assert token != other and len(token) >= 40
    stored = rows(db, "SELECT * FROM sessions")
    assert token not in str(stored)
    assert {r["token_hash"] for r in stored} == {
        hashlib.sha256(t.encode()).hexdigest() for t in (token, other)
    }
    assert sessions.validate(db, token, now=T0 + dt.timedelta(minutes=5)) == leader


def test_an_unknown_or_empty_token_is_no_session(db: sqlite_utils.Database, leader: Actor) -> None:
    sessions.create(db, leader.id, now=T0)
    assert sessions.validate(db, "made-up-token", now=T0) is None
    assert sessions.validate(db, "", now=T0) is None
    assert sessions.validate(db, None, now=T0) is None


def test_sign_out_revokes_the_session(db: sqlite_utils.Database, leader: Actor) -> None:
    token = sessions.create(db, leader.id, now=T0)
    sessions.revoke(db, token, now=T0)
    assert sessions.validate(db, token, now=T0) is None
    assert rows(db, "SELECT revoked_at FROM sessions")[0]["revoked_at"]


def test_an_idle_session_ends_after_the_setting_and_use_keeps_it_alive(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    idle = settings.get(db, "idle_minutes")
    token = sessions.create(db, leader.id, now=T0)
    now = T0
    for _ in range(5):  # used every idle-1 minutes: still signed in
        now += dt.timedelta(minutes=idle - 1)
        assert sessions.validate(db, token, now=now) == leader
    assert sessions.validate(db, token, now=now + dt.timedelta(minutes=idle + 1)) is None
    services.set_setting(db, leader, "idle_minutes", 15)
    short = sessions.create(db, leader.id, now=T0)
    assert sessions.validate(db, short, now=T0 + dt.timedelta(minutes=16)) is None


def test_a_session_expires_however_busy(db: sqlite_utils.Database, leader: Actor) -> None:
    token = sessions.create(db, leader.id, now=T0)
    now = T0
    while now < T0 + sessions.MAX_AGE - dt.timedelta(minutes=10):
        assert sessions.validate(db, token, now=now) == leader
        now += dt.timedelta(minutes=30)
    assert sessions.validate(db, token, now=T0 + sessions.MAX_AGE + dt.timedelta(minutes=1)) is None


def test_disabling_an_account_ends_its_sessions_at_once(
    db: sqlite_utils.Database, leader: Actor, coach: Actor
) -> None:
    token = sessions.create(db, coach.id, now=T0)
    services.set_user_active(db, leader, coach.id, False)
    assert sessions.validate(db, token, now=T0) is None
    services.set_user_active(db, leader, coach.id, True)
    assert sessions.validate(db, token, now=T0) is None  # enabling again revives nothing


def test_a_new_password_ends_the_sessions_of_that_account(
    db: sqlite_utils.Database, leader: Actor, coach: Actor
) -> None:
    token = sessions.create(db, coach.id, now=T0)
    kept = sessions.create(db, leader.id, now=T0)
    services.reset_password(db, leader, "coach", "een-nieuw-wachtwoord")
    assert sessions.validate(db, token, now=T0) is None
    assert sessions.validate(db, kept, now=T0) == leader


@pytest.mark.parametrize("value", [0, 100_000])
def test_the_idle_setting_has_a_range(db: sqlite_utils.Database, leader: Actor, value: int) -> None:
    from funnel.errors import FunnelError

    with pytest.raises(FunnelError):
        services.set_setting(db, leader, "idle_minutes", value)
    assert auth.Actor  # the module stays importable without streamlit


def test_the_chosen_language_is_kept_with_the_account_and_not_in_the_trail(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    token = sessions.create(db, leader.id, now=T0)
    restored = sessions.validate(db, token, now=T0)
    assert restored is not None and restored.lang is None  # never chose: the default applies
    trail = len(rows(db, "SELECT id FROM audit"))
    services.set_language(db, leader, "en")
    restored = sessions.validate(db, token, now=T0 + dt.timedelta(minutes=1))
    assert restored is not None and restored.lang == "en"
    assert auth.actor_by_id(db, leader.id).lang == "en"
    # a preference, not a change to a record: the audit trail stays as it was
    assert len(rows(db, "SELECT id FROM audit")) == trail
    with pytest.raises(FunnelError) as refused:
        services.set_language(db, leader, "fr")
    assert refused.value.code == "lang_unknown"
    assert auth.actor_by_id(db, leader.id).lang == "en"

"""Server-side sessions: what keeps a user signed in across a reload, a new tab or a link.

A session is a random token (``secrets.token_urlsafe``) that the browser keeps in a cookie; the
database keeps only its sha256, with the account, when it was made, when it was last used, when
it expires at the latest, and when it was revoked. A session ends at sign-out (:func:`revoke`),
after :func:`funnel.settings` ``idle_minutes`` without use, at :data:`MAX_AGE` however busy, and
when the account is disabled, removed or gets a new password (``auth.end_sessions``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlite_utils

from funnel import settings
from funnel.auth import Actor, actor_by_id
from funnel.dates import utc_iso, utc_now
from funnel.db import insert_row, one, transaction, try_write

#: The longest a session lasts, used or not: a sign-in a working day and a half.
MAX_AGE = dt.timedelta(hours=36)
#: Using a session writes its last-seen time at most this often (a read per page otherwise).
TOUCH_EVERY = dt.timedelta(seconds=60)
#: The cookie that holds the token.
COOKIE = "funnel_session"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(db: sqlite_utils.Database, user_id: int, now: dt.datetime | None = None) -> str:
    """A new session for the account; returns the token (shown to nobody, kept in the cookie)."""
    now = now or utc_now()
    token = secrets.token_urlsafe(32)
    with transaction(db):
        # sessions that ended long ago are of no use to anyone: they go
        db.execute(
            "DELETE FROM sessions WHERE expires_at < ?", [utc_iso(now - dt.timedelta(days=30))]
        )
        insert_row(
            db,
            "sessions",
            {
                "token_hash": token_hash(token),
                "user_id": user_id,
                "created_at": utc_iso(now),
                "last_seen_at": utc_iso(now),
                "expires_at": utc_iso(now + MAX_AGE),
            },
        )
    return token


def validate(
    db: sqlite_utils.Database, token: str | None, now: dt.datetime | None = None
) -> Actor | None:
    """The signed-in account of a live session, else None; a use counts as activity.

    Live: known, not revoked, not expired, used within the idle time, of an active account.
    The last-seen time is written at most every :data:`TOUCH_EVERY`, and skipped rather than
    waited for while another writer (an import) holds the database.
    """
    if not token or len(token) > 200:
        return None
    now = now or utc_now()
    idle = dt.timedelta(minutes=settings.get(db, "idle_minutes"))
    row = one(
        db,
        "SELECT id, user_id, last_seen_at, expires_at FROM sessions "
        "WHERE token_hash = ? AND revoked_at IS NULL",
        [token_hash(token)],
    )
    if not row:
        return None
    last_seen = dt.datetime.fromisoformat(row["last_seen_at"])
    if now >= dt.datetime.fromisoformat(row["expires_at"]) or now - last_seen > idle:
        return None
    actor = actor_by_id(db, int(row["user_id"]))
    if actor is None:
        return None
    if now - last_seen >= TOUCH_EVERY:
        try_write(
            db, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", [utc_iso(now), row["id"]]
        )
    return actor


def revoke(db: sqlite_utils.Database, token: str | None, now: dt.datetime | None = None) -> None:
    """End the session of this token (sign-out); an unknown token is no error."""
    if not token:
        return
    with transaction(db):
        db.execute(
            "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
            [utc_iso(now or utc_now()), token_hash(token)],
        )

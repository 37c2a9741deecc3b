"""Local user accounts: argon2 password hashes, sign-in, roles."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from funnel.db import insert_row, now_iso, one, rows, transaction
from funnel.errors import FunnelError
from funnel.models import Role

_hasher = PasswordHasher()
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf an operation runs."""

    id: int
    username: str
    role: Role
    display_name: str = ""

    @property
    def label(self) -> str:
        return user_label(self.display_name, self.username)


def user_label(display_name: str | None, username: str | None) -> str:
    """How an account is named on screen: its display name, else its user name."""
    return display_name or username or ""


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise FunnelError("password_too_short", field="password", minimum=MIN_PASSWORD)


def has_users(db: sqlite_utils.Database) -> bool:
    return one(db, "SELECT 1 AS x FROM users LIMIT 1") is not None


def create_user(
    db: sqlite_utils.Database,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
) -> int:
    """Add an account; the password is stored only as an argon2 hash."""
    username = (username or "").strip()
    if not username or len(username) < 2 or not all(c.isalnum() or c in "_.-@" for c in username):
        raise FunnelError("username_invalid", field="username", value=username)
    try:
        role = Role(role)
    except ValueError as exc:
        raise FunnelError(
            "role_invalid", field="role", value=role, accepted=", ".join(r.value for r in Role)
        ) from exc
    _check_password(password)
    with transaction(db):
        if one(db, "SELECT id FROM users WHERE username = ? COLLATE NOCASE", [username]):
            raise FunnelError("username_taken", field="username", value=username)
        return insert_row(
            db,
            "users",
            {
                "username": username,
                "display_name": (display_name or "").strip(),
                "role": role.value,
                "password_hash": _hasher.hash(password),
                "active": 1,
                "created_at": now_iso(),
            },
        )


def create_first_user(
    db: sqlite_utils.Database, username: str, password: str, display_name: str = ""
) -> int:
    """The one-time set-up: the first account, a programme leader, only while there is none."""
    with transaction(db):
        if has_users(db):
            raise FunnelError("setup_done")
        return create_user(db, username, password, Role.PROGRAMME_LEADER, display_name)


def set_password(db: sqlite_utils.Database, username: str, password: str) -> None:
    _check_password(password)
    with transaction(db):
        user = one(db, "SELECT id FROM users WHERE username = ? COLLATE NOCASE", [username])
        if not user:
            raise FunnelError("user_unknown", field="username", value=username)
        db.table("users").update(user["id"], {"password_hash": _hasher.hash(password)})


def set_active(db: sqlite_utils.Database, user_id: int, active: bool) -> None:
    with transaction(db):
        if not one(db, "SELECT id FROM users WHERE id = ?", [user_id]):
            raise FunnelError("user_unknown", field="username", value=user_id)
        db.table("users").update(user_id, {"active": 1 if active else 0})


def authenticate(db: sqlite_utils.Database, username: str, password: str) -> Actor:
    """The actor for a correct username and password of an active account; else a refusal."""
    user = one(
        db, "SELECT * FROM users WHERE username = ? COLLATE NOCASE", [(username or "").strip()]
    )
    if not user:
        _hasher.hash("timing-equaliser")
        raise FunnelError("sign_in_failed")
    try:
        _hasher.verify(user["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError) as exc:
        raise FunnelError("sign_in_failed") from exc
    if not user["active"]:
        raise FunnelError("account_disabled")
    return Actor(user["id"], user["username"], Role(user["role"]), user["display_name"])


def actor_by_id(db: sqlite_utils.Database, user_id: int) -> Actor | None:
    user = one(db, "SELECT * FROM users WHERE id = ? AND active = 1", [user_id])
    if not user:
        return None
    return Actor(user["id"], user["username"], Role(user["role"]), user["display_name"])


def actor_by_username(db: sqlite_utils.Database, username: str) -> Actor:
    """The actor of an active account, by username (the command line's ``--as``); else a refusal."""
    user = one(
        db,
        "SELECT * FROM users WHERE username = ? COLLATE NOCASE AND active = 1",
        [(username or "").strip()],
    )
    if not user:
        raise FunnelError("acting_user_unknown", field="as", username=username)
    return Actor(user["id"], user["username"], Role(user["role"]), user["display_name"])


def list_users(db: sqlite_utils.Database) -> list[dict]:
    return rows(
        db,
        "SELECT id, username, display_name, role, active, created_at FROM users ORDER BY username",
    )

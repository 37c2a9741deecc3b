"""Local user accounts: argon2 password hashes, the password rules, sign-in (slowed down and
locked after wrong passwords, failures logged), sign-in by a verified e-mail address (single
sign-on), roles, and the demo accounts."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from dataclasses import dataclass

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from funnel.dates import utc_iso, utc_now
from funnel.db import delete_meta, get_meta, insert_row, one, rows, set_meta, transaction
from funnel.errors import FunnelError
from funnel.i18n import LANGUAGES
from funnel.identity import normalize_email
from funnel.models import Role

_hasher = PasswordHasher()
MIN_PASSWORD = 10
#: Wrong passwords in a row (since the last good one) before the account is locked ...
MAX_FAILURES = 5
#: ... for this long; attempts meanwhile are refused without looking at the password.
LOCK_MINUTES = 15
#: Failures older than this no longer count towards a lock.
FAILURE_WINDOW = dt.timedelta(hours=24)
#: The wait after the n-th wrong password in a row: FIRST_DELAY_S * 2**(n-1), at most MAX_DELAY_S.
FIRST_DELAY_S = 0.5
MAX_DELAY_S = 8.0
#: How the wait is done (the tests record it instead of waiting).
sleep = time.sleep

#: (username, role, display name, password) of the demo accounts. The passwords are public (the
#: README and a demo database's sign-in page show them), so they are never stored in plain text,
#: never accepted as anyone's new password, and accepted at sign-in only while the database is
#: a demo database.
DEMO_ACCOUNTS: list[tuple[str, Role, str, str]] = [
    ("leider", Role.PROGRAMME_LEADER, "Sanne de Vries", "leider-demo"),
    ("coach", Role.COACH, "Mehmet Yilmaz", "coach-demo"),
    ("coach2", Role.COACH, "Ilse Bakker", "coach2-demo"),
    ("stuurgroep", Role.STEERING, "Kees Visser", "stuurgroep-demo"),
]
DEMO_PASSWORDS = frozenset(password for *_, password in DEMO_ACCOUNTS)

#: Passwords every guessing list starts with (compared after lower-casing and without the digits
#: and punctuation at either end, so "Welkom2026!" is "welkom"); and the demo passwords.
COMMON_PASSWORDS = frozenset(
    {
        "password", "passw0rd", "wachtwoord", "welkom", "welkomwelkom", "geheim", "qwerty",
        "qwertyuiop", "azerty", "letmein", "iloveyou", "admin", "administrator", "changeme",
        "welcome", "secret", "techport", "innovatie", "innovation", "funnel", "voorjaar", "zomer",
        "herfst", "winter", "abc", "abcdef", "abcdefghij", "monkey", "dragon", "football",
        "voetbal", "ajax", "feyenoord", "hallo", "test", "testtest", "demo",
    }
    | {p.casefold() for p in DEMO_PASSWORDS}
)  # fmt: skip
_EDGES = "0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> "


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf an operation runs."""

    id: int
    username: str
    role: Role
    display_name: str = ""
    #: the language the account chose in the app (None: never chose; the default applies)
    lang: str | None = None

    @property
    def label(self) -> str:
        return user_label(self.display_name, self.username)


def _actor(user: dict) -> Actor:
    """The actor of an account's row."""
    return Actor(
        user["id"], user["username"], Role(user["role"]), user["display_name"], user.get("lang")
    )


def user_label(display_name: str | None, username: str | None) -> str:
    """How an account is named on screen: its display name, else its user name."""
    return display_name or username or ""


def check_password(password: str, username: str = "") -> None:
    """Refuse a password that is short, common, a demo password, or just the user name.

    Long enough means at least :data:`MIN_PASSWORD` characters. Common and the user name are
    judged on the word without the digits and punctuation at its ends ("Welkom2026!" is
    "welkom", "piet123" is "piet"); a password of only digits and punctuation is common too.
    """
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise FunnelError("password_too_short", field="password", minimum=MIN_PASSWORD)
    word = password.casefold().strip(_EDGES)
    name = (username or "").strip().casefold()
    if name and word in (name, name.strip(_EDGES)):
        raise FunnelError("password_is_username", field="password")
    if not word or password.casefold() in COMMON_PASSWORDS or word in COMMON_PASSWORDS:
        raise FunnelError("password_common", field="password")
    if len(set(password)) <= 2:
        raise FunnelError("password_common", field="password")


def has_users(db: sqlite_utils.Database) -> bool:
    return one(db, "SELECT 1 AS x FROM users WHERE removed_at IS NULL LIMIT 1") is not None


def is_demo(db: sqlite_utils.Database) -> bool:
    """Whether this database is a demo database (made by ``demo``; ended by ``demo end``)."""
    return get_meta(db, "is_demo") == "1"


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username or len(username) < 2 or not all(c.isalnum() or c in "_.-@" for c in username):
        raise FunnelError("username_invalid", field="username", value=username)
    return username


def create_user(
    db: sqlite_utils.Database,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    email: str | None = None,
) -> int:
    """Add an account; the password is stored only as an argon2 hash (see :func:`check_password`).
    ``email`` (optional) is the address it signs in with by single sign-on (:func:`set_email`)."""
    username = _check_username(username)
    check_password(password, username)
    address = normalize_email(email)
    with transaction(db):
        user_id = _insert_user(db, username, password, role, display_name)
        if address:
            set_email(db, user_id, address)
        return user_id


def set_email(db: sqlite_utils.Database, user_id: int, email: str | None) -> None:
    """The e-mail address the account signs in with by single sign-on; blank removes it.

    Checked like every e-mail address (``identity.normalize_email``: trimmed, lower case, no
    spaces or control characters) and unique among the accounts, whatever its case.
    """
    address = normalize_email(email)
    with transaction(db):
        if not one(db, "SELECT id FROM users WHERE id = ? AND removed_at IS NULL", [user_id]):
            raise FunnelError("user_unknown", field="username", value=user_id)
        if address and one(
            db,
            "SELECT id FROM users WHERE email = ? COLLATE NOCASE AND id != ?",
            [address, user_id],
        ):
            raise FunnelError("email_taken", field="email", value=address)
        db.table("users").update(user_id, {"email": address})


def set_language(db: sqlite_utils.Database, user_id: int, lang: str) -> None:
    """The language the account sees the app in (one of the catalogue's languages)."""
    if lang not in LANGUAGES:
        raise FunnelError("lang_unknown", field="lang", value=lang)
    with transaction(db):
        db.execute("UPDATE users SET lang = ? WHERE id = ?", [lang, user_id])


def create_demo_user(
    db: sqlite_utils.Database, username: str, role: Role | str, display_name: str
) -> int:
    """One of :data:`DEMO_ACCOUNTS`, with its public password (for the demo data set only)."""
    password = next(p for name, _, _, p in DEMO_ACCOUNTS if name == username)
    return _insert_user(db, username, password, role, display_name)


def _insert_user(
    db: sqlite_utils.Database, username: str, password: str, role: Role | str, display_name: str
) -> int:
    try:
        role = Role(role)
    except ValueError as exc:
        raise FunnelError(
            "role_invalid", field="role", value=role, accepted=", ".join(r.value for r in Role)
        ) from exc
    password_hash = _hasher.hash(password)
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
                "password_hash": password_hash,
                "active": 1,
                "created_at": utc_iso(utc_now()),
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
    """A new password; every session of the account ends (whoever knew the old one is out)."""
    user = one(
        db,
        "SELECT id, username FROM users WHERE username = ? COLLATE NOCASE AND removed_at IS NULL",
        [(username or "").strip()],
    )
    if not user:
        raise FunnelError("user_unknown", field="username", value=username)
    check_password(password, user["username"])
    password_hash = _hasher.hash(password)
    with transaction(db):
        db.table("users").update(user["id"], {"password_hash": password_hash})
        end_sessions(db, user["id"])


def set_active(db: sqlite_utils.Database, user_id: int, active: bool) -> None:
    """Enable or disable an account; disabling ends its sessions at once."""
    with transaction(db):
        if not one(db, "SELECT id FROM users WHERE id = ? AND removed_at IS NULL", [user_id]):
            raise FunnelError("user_unknown", field="username", value=user_id)
        db.table("users").update(user_id, {"active": 1 if active else 0})
        if not active:
            end_sessions(db, user_id)


def end_sessions(db: sqlite_utils.Database, user_id: int) -> None:
    """Revoke every open session of the account (call inside a transaction or alone)."""
    with transaction(db):
        db.execute(
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            [utc_iso(utc_now()), user_id],
        )


# --- sign-in ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempts:
    """What the log says about a user name: wrong passwords in a row, and a lock in force."""

    failures: int
    locked_until: dt.datetime | None


def attempts(db: sqlite_utils.Database, username: str, now: dt.datetime | None = None) -> Attempts:
    """The failures in a row since the last good sign-in (within :data:`FAILURE_WINDOW`) and
    the end of a lock: every :data:`MAX_FAILURES`-th failure locks for :data:`LOCK_MINUTES`;
    attempts during a lock do not count."""
    now = now or utc_now()
    since = utc_iso(now - FAILURE_WINDOW)
    success = one(
        db, "SELECT at FROM sign_in_successes WHERE username = ? COLLATE NOCASE", [username]
    )
    if success and success["at"] > since:
        since = success["at"]
    streak, locked_until = 0, None
    for row in rows(
        db,
        "SELECT at FROM sign_in_failures WHERE username = ? COLLATE NOCASE AND at > ? "
        "AND reason NOT IN ('locked', 'sso_unknown', 'sso_unverified', 'sso_no_email') "
        "ORDER BY at, id",
        [username, since],
    ):
        at = dt.datetime.fromisoformat(row["at"])
        if locked_until and at < locked_until:
            continue
        streak += 1
        if streak >= MAX_FAILURES:
            locked_until, streak = at + dt.timedelta(minutes=LOCK_MINUTES), 0
    if locked_until and locked_until <= now:
        locked_until = None
    return Attempts(streak, locked_until)


def failure_delay(failures: int) -> float:
    """How long the answer to the ``failures``-th wrong password in a row waits."""
    return min(FIRST_DELAY_S * 2 ** max(failures - 1, 0), MAX_DELAY_S)


def _failed(
    db: sqlite_utils.Database,
    username: str,
    user_id: int | None,
    reason: str,
    now: dt.datetime,
) -> None:
    with transaction(db):
        insert_row(
            db,
            "sign_in_failures",
            {"username": username, "user_id": user_id, "reason": reason, "at": utc_iso(now)},
        )


def authenticate(
    db: sqlite_utils.Database, username: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """The actor for a correct username and password of an active account; else a refusal.

    Every failure is logged (user name, account, why, when; never the password). The answer to
    a wrong password waits longer each time (:func:`failure_delay`), and after
    :data:`MAX_FAILURES` in a row the user name is locked for :data:`LOCK_MINUTES`, for known
    and unknown names alike, so a lock says nothing about which names exist. A demo password
    is accepted only while the database is a demo database.
    """
    now = now or utc_now()
    username = (username or "").strip()[:200]
    user = one(
        db,
        "SELECT * FROM users WHERE username = ? COLLATE NOCASE AND removed_at IS NULL",
        [username],
    )
    user_id = int(user["id"]) if user else None
    state = attempts(db, username, now)
    if state.locked_until:
        _failed(db, username, user_id, "locked", now)
        minutes = max(1, int((state.locked_until - now).total_seconds() // 60) + 1)
        raise FunnelError("account_locked", minutes=minutes)
    ok = False
    if user is None:
        _hasher.hash("timing-equaliser")
    else:
        try:
            ok = _hasher.verify(user["password_hash"], password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if ok and password in DEMO_PASSWORDS and not is_demo(db):
            ok = False  # a demo password is public: a real database never accepts it
    if not ok:
        _failed(db, username, user_id, "password" if user else "unknown_user", now)
        after = attempts(db, username, now)
        if after.locked_until:
            raise FunnelError("account_locked", minutes=LOCK_MINUTES)
        sleep(failure_delay(after.failures))
        raise FunnelError("sign_in_failed")
    assert user is not None
    if not user["active"]:
        _failed(db, username, user_id, "disabled", now)
        raise FunnelError("account_disabled")
    _succeeded(db, user["username"], now)
    return _actor(user)


def _succeeded(db: sqlite_utils.Database, username: str, now: dt.datetime) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO sign_in_successes (username, at) VALUES (?, ?) "
            "ON CONFLICT(username) DO UPDATE SET at = excluded.at",
            [username, utc_iso(now)],
        )


def _is_unverified(verified: object) -> bool:
    """An ``email_verified`` claim that says no (providers send a bool, some a string)."""
    if verified is None:
        return False
    if isinstance(verified, str):
        return verified.strip().casefold() not in ("true", "1", "yes")
    return not verified


def actor_for_email(
    db: sqlite_utils.Database,
    email: object,
    verified: object = None,
    now: dt.datetime | None = None,
) -> Actor:
    """The actor of the active account with this e-mail address (single sign-on); else a refusal.

    ``email`` and ``verified`` are what the identity provider says (the ``email`` and
    ``email_verified`` claims): an address the provider says is not verified is refused, a
    missing claim is taken as the provider's word. Matching ignores case. Every refusal is logged
    with the failed sign-ins (the address, or the account's user name when it is disabled), never
    counting towards a password lock; a success counts as a sign-in of the account.
    """
    now = now or utc_now()
    shown = str(email or "").strip()[:200]
    try:
        address = normalize_email(email)
    except FunnelError:
        address = None
    if not address:
        _failed(db, shown or "-", None, "sso_no_email" if not shown else "sso_unknown", now)
        if not shown:
            raise FunnelError("sso_no_email")
        raise FunnelError("sso_no_account", email=shown)
    if _is_unverified(verified):
        _failed(db, address, None, "sso_unverified", now)
        raise FunnelError("sso_unverified", email=address)
    user = one(
        db,
        "SELECT * FROM users WHERE email = ? COLLATE NOCASE AND removed_at IS NULL",
        [address],
    )
    if user is None:
        _failed(db, address, None, "sso_unknown", now)
        raise FunnelError("sso_no_account", email=address)
    if not user["active"]:
        _failed(db, user["username"], int(user["id"]), "disabled", now)
        raise FunnelError("sso_account_disabled", email=address)
    _succeeded(db, user["username"], now)
    return _actor(user)


def sign_in_failures(db: sqlite_utils.Database, limit: int = 200) -> list[dict]:
    """The latest failed sign-ins, newest first (for the programme leader's users page)."""
    return rows(
        db,
        "SELECT username, user_id, reason, at FROM sign_in_failures ORDER BY at DESC, id DESC "
        "LIMIT ?",
        [limit],
    )


def actor_by_id(db: sqlite_utils.Database, user_id: int) -> Actor | None:
    user = one(
        db, "SELECT * FROM users WHERE id = ? AND active = 1 AND removed_at IS NULL", [user_id]
    )
    if not user:
        return None
    return _actor(user)


def actor_by_username(db: sqlite_utils.Database, username: str) -> Actor:
    """The actor of an active account, by username (the command line's ``--as``); else a refusal."""
    user = one(
        db,
        "SELECT * FROM users WHERE username = ? COLLATE NOCASE AND active = 1 "
        "AND removed_at IS NULL",
        [(username or "").strip()],
    )
    if not user:
        raise FunnelError("acting_user_unknown", field="as", username=username)
    return _actor(user)


def list_users(db: sqlite_utils.Database) -> list[dict]:
    return rows(
        db,
        "SELECT id, username, display_name, email, role, active, created_at FROM users "
        "WHERE removed_at IS NULL ORDER BY username",
    )


# --- the demo ------------------------------------------------------------------------------------


def end_demo(db: sqlite_utils.Database) -> list[str]:
    """Make a demo database a real one: the demo accounts go; returns their user names.

    An account that nothing refers to is deleted. One that wrote history (stage events,
    intakes, ...) keeps its row and display name for that history, but loses its user name
    (freed for a real account), its password hash and its sessions, and is no longer listed.
    Refused while no other active programme leader exists: someone must still be able to sign in.
    """
    demo_names = [name for name, *_ in DEMO_ACCOUNTS]
    marks = ", ".join("?" * len(demo_names))
    with transaction(db):
        real_leader = one(
            db,
            f"SELECT id FROM users WHERE role = 'programme_leader' AND active = 1 "
            f"AND removed_at IS NULL AND username NOT IN ({marks}) LIMIT 1",
            demo_names,
        )
        if not real_leader:
            raise FunnelError("demo_no_real_leader")
        found = rows(
            db,
            f"SELECT id, username FROM users WHERE username IN ({marks}) AND removed_at IS NULL",
            demo_names,
        )
        now = utc_iso(utc_now())
        for user in found:
            end_sessions(db, user["id"])
            db.execute("DELETE FROM sessions WHERE user_id = ?", [user["id"]])
            try:
                with transaction(db):
                    db.execute(
                        "UPDATE sign_in_failures SET user_id = NULL WHERE user_id = ?", [user["id"]]
                    )
                    db.execute("DELETE FROM users WHERE id = ?", [user["id"]])
            except sqlite3.IntegrityError:  # referred to by history: keep the row, not the account
                db.execute(
                    "UPDATE users SET username = ?, password_hash = '!', active = 0, "
                    "removed_at = ? WHERE id = ?",
                    [f"removed-demo-{user['id']}", now, user["id"]],
                )
        set_meta(db, "is_demo", "0")
        delete_meta(db, "demo_passwords")
    return [user["username"] for user in found]

"""Accounts that a stranger cannot guess into: the password rules, slowing down and locking
after wrong passwords, the log of failed sign-ins, and demo accounts that only a demo accepts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from funnel import auth, demo, services
from funnel import db as storage
from funnel.cli import cli
from funnel.db import get_meta, rows
from funnel.errors import FunnelError
from funnel.models import Role

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(auth, "sleep", slept.append)
    return slept


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-pw", "password_too_short"),
        ("password", "password_too_short"),
        ("Password123!", "password_common"),
        ("wachtwoord1", "password_common"),
        ("1234567890", "password_common"),
        ("welkom2026!", "password_common"),
        ("leider-demo", "password_common"),  # a demo password is known to everybody
        ("pietjansen", "password_is_username"),
        ("PietJansen99", "password_is_username"),
    ],
)
def test_a_short_or_common_password_is_refused_with_its_reason(
    db: sqlite_utils.Database, password: str, code: str
) -> None:
    with pytest.raises(FunnelError) as refused:
        auth.create_user(db, "pietjansen", password, Role.COACH)
    assert refused.value.code == code
    assert refused.value.message("nl") and "{" not in refused.value.message("en")
    assert not auth.has_users(db)


def test_a_long_uncommon_password_is_accepted_and_the_rules_hold_for_a_reset(
    db: sqlite_utils.Database, leader: auth.Actor
) -> None:
    services.add_user(db, leader, "kees", "fietsen-langs-het-ij", Role.STEERING)
    with pytest.raises(FunnelError) as refused:
        services.reset_password(db, leader, "kees", "kees12345678")
    assert refused.value.code == "password_is_username"
    assert auth.MIN_PASSWORD == 10


def test_cli_user_add_and_passwd_refuse_a_common_password_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "u.db"

    def run(*args: str, stdin: str):
        return CliRunner().invoke(cli, ["--db", str(path), *args], input=stdin)

    common = run("user", "add", "kees", "--role", "steering", stdin="password123\n")
    assert common.exit_code == 1
    assert "te bekend" in common.output
    assert (
        run("user", "add", "kees", "--role", "steering", stdin="fietsen-langs-het-ij\n").exit_code
        == 0
    )
    same = run("user", "passwd", "kees", stdin="Kees-Kees-Kees\n")
    assert same.exit_code == 0  # contains the name but is not just the name
    named = run("user", "passwd", "kees", stdin="kees2026!!!!\n")
    assert named.exit_code == 1 and "gebruikersnaam" in named.output


def _fail(db: sqlite_utils.Database, username: str, now: dt.datetime) -> str:
    with pytest.raises(FunnelError) as refused:
        auth.authenticate(db, username, "niet-het-wachtwoord", now=now)
    return refused.value.code


def test_wrong_passwords_lock_the_account_so_the_right_one_is_refused_for_a_while(
    db: sqlite_utils.Database, leader: auth.Actor
) -> None:
    # before: 60 wrong passwords in 12 s, then the right one worked
    for i in range(60):
        _fail(db, "leader", T0 + dt.timedelta(seconds=i / 5))
    with pytest.raises(FunnelError) as locked:
        auth.authenticate(db, "leader", "a-long-password", now=T0 + dt.timedelta(seconds=13))
    assert locked.value.code == "account_locked"
    assert locked.value.params["minutes"] >= 1
    after = T0 + dt.timedelta(minutes=auth.LOCK_MINUTES, seconds=13)
    assert auth.authenticate(db, "leader", "a-long-password", now=after).username == "leader"


def test_the_lock_comes_after_a_few_failures_and_a_success_resets_the_count(
    db: sqlite_utils.Database, leader: auth.Actor
) -> None:
    for i in range(auth.MAX_FAILURES - 1):
        assert _fail(db, "leader", T0 + dt.timedelta(seconds=i)) == "sign_in_failed"
    auth.authenticate(db, "leader", "a-long-password", now=T0 + dt.timedelta(seconds=10))
    for i in range(auth.MAX_FAILURES - 1):
        _fail(db, "leader", T0 + dt.timedelta(seconds=20 + i))
    assert auth.authenticate(db, "leader", "a-long-password", now=T0 + dt.timedelta(seconds=40))
    for i in range(auth.MAX_FAILURES):
        _fail(db, "leader", T0 + dt.timedelta(seconds=50 + i))
    assert _fail(db, "leader", T0 + dt.timedelta(seconds=60)) == "account_locked"


def test_each_wrong_password_waits_longer_than_the_one_before(
    db: sqlite_utils.Database, leader: auth.Actor, _no_sleep: list[float]
) -> None:
    for i in range(auth.MAX_FAILURES - 1):
        _fail(db, "leader", T0 + dt.timedelta(seconds=i))
    assert len(_no_sleep) == auth.MAX_FAILURES - 1
    assert all(a < b for a, b in zip(_no_sleep, _no_sleep[1:], strict=False))
    assert _no_sleep[0] > 0


def test_failed_sign_ins_are_logged_also_for_unknown_names_and_those_lock_too(
    db: sqlite_utils.Database, leader: auth.Actor
) -> None:
    _fail(db, "leader", T0)
    for i in range(auth.MAX_FAILURES + 1):
        _fail(db, "niemand", T0 + dt.timedelta(seconds=i))
    logged = rows(db, "SELECT username, user_id, reason FROM sign_in_failures ORDER BY id")
    assert logged[0] == {"username": "leader", "user_id": leader.id, "reason": "password"}
    assert {r["username"] for r in logged} == {"leader", "niemand"}
    assert logged[-1]["reason"] == "locked"
    # the password itself is never written down
    assert "niet-het-wachtwoord" not in str(rows(db, "SELECT * FROM sign_in_failures"))


# --- demo accounts -------------------------------------------------------------------------------


@pytest.fixture
def demo_db(tmp_path: Path) -> sqlite_utils.Database:
    database = storage.connect(tmp_path / "demo.db")
    demo.fill(database, today=dt.date(2025, 6, 30))
    return database


def _all_text(database: sqlite_utils.Database) -> str:
    tables = [
        r["name"] for r in rows(database, "SELECT name FROM sqlite_master WHERE type='table'")
    ]
    return " ".join(str(rows(database, f"SELECT * FROM {name}")) for name in tables)


def test_no_demo_password_is_stored_in_plain_text(demo_db: sqlite_utils.Database) -> None:
    text = _all_text(demo_db)
    for _, _, _, password in demo.DEMO_ACCOUNTS:
        assert password not in text
    assert get_meta(demo_db, "demo_passwords") is None
    assert demo.is_demo(demo_db)


def test_an_old_database_loses_its_plain_text_demo_passwords_on_upgrade(tmp_path: Path) -> None:
    old = storage.connect(tmp_path / "old.db", migrate=False)
    storage.upgrade(old, to_version=5)
    storage.set_meta(old, "demo_passwords", '{"leider": "leider-demo"}')
    storage.upgrade(old)
    assert get_meta(old, "demo_passwords") is None


def test_demo_force_refuses_a_database_with_real_accounts(
    db: sqlite_utils.Database, leader: auth.Actor
) -> None:
    with pytest.raises(FunnelError) as refused:
        demo.fill(db, force=True, today=dt.date(2025, 6, 30))
    assert refused.value.code == "demo_real_database"
    assert not demo.is_demo(db)
    assert [u["username"] for u in auth.list_users(db)] == ["leader"]


def test_a_demo_password_is_not_accepted_once_the_database_is_no_demo(
    demo_db: sqlite_utils.Database,
) -> None:
    assert auth.authenticate(demo_db, "leider", "leider-demo").username == "leider"
    storage.set_meta(demo_db, "is_demo", "0")  # e.g. a flag cleared by hand
    with pytest.raises(FunnelError) as refused:
        auth.authenticate(demo_db, "leider", "leider-demo")
    assert refused.value.code == "sign_in_failed"


def test_ending_the_demo_removes_the_demo_accounts_and_needs_a_real_leader(
    demo_db: sqlite_utils.Database,
) -> None:
    sanne = auth.authenticate(demo_db, "leider", "leider-demo")
    with pytest.raises(FunnelError) as refused:
        services.end_demo(demo_db, sanne)
    assert refused.value.code == "demo_no_real_leader"
    services.add_user(demo_db, sanne, "hanna", "een-echt-wachtwoord", Role.PROGRAMME_LEADER)
    coach = auth.authenticate(demo_db, "coach", "coach-demo")
    with pytest.raises(FunnelError):
        services.end_demo(demo_db, coach)
    removed = services.end_demo(demo_db, sanne)
    assert sorted(removed) == sorted(name for name, _, _, _ in demo.DEMO_ACCOUNTS)
    assert not demo.is_demo(demo_db)
    for username, _, _, password in demo.DEMO_ACCOUNTS:
        with pytest.raises(FunnelError):
            auth.authenticate(demo_db, username, password)
    assert [u["username"] for u in auth.list_users(demo_db)] == ["hanna"]
    # the history they wrote stays, with their names
    assert rows(demo_db, "SELECT COUNT(*) AS n FROM stage_events")[0]["n"] > 0
    with pytest.raises(FunnelError) as again:
        demo.fill(demo_db, force=True, today=dt.date(2025, 6, 30))
    assert again.value.code == "demo_real_database"


def test_cli_demo_end_makes_a_real_database(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(path), "demo"]).exit_code == 0
    refused = runner.invoke(cli, ["--db", str(path), "demo", "end"])
    assert refused.exit_code == 1, refused.output
    added = runner.invoke(
        cli,
        ["--db", str(path), "user", "add", "hanna", "--role", "programme_leader"],
        input="een-echt-wachtwoord\n",
    )
    assert added.exit_code == 0, added.output
    done = runner.invoke(cli, ["--db", str(path), "demo", "end"])
    assert done.exit_code == 0, done.output
    assert not demo.is_demo(storage.connect(path))

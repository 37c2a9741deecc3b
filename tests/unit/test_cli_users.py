"""Accounts: the commands `user add`, `user passwd`, `user list` (password on stdin), and the
first account, made once from the sign-in page."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from funnel import auth
from funnel import db as storage
from funnel.cli import cli
from funnel.errors import FunnelError


def run(db_path, *args: str, stdin: str = ""):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=stdin)


def test_user_add_reads_the_password_from_stdin_and_the_account_can_sign_in(tmp_path):
    path = tmp_path / "u.db"
    result = run(
        path, "user", "add", "sanne", "--role", "programme_leader", stdin="geheim-wachtwoord\n"
    )
    assert result.exit_code == 0, result.output
    actor = auth.authenticate(storage.connect(path), "sanne", "geheim-wachtwoord")
    assert actor.role.value == "programme_leader"
    listed = run(path, "user", "list")
    assert "sanne" in listed.output and "programme_leader" in listed.output


def test_user_add_refuses_a_short_password_and_a_taken_name(tmp_path):
    path = tmp_path / "u.db"
    short = run(path, "user", "add", "kees", "--role", "steering", stdin="kort\n")
    assert short.exit_code == 1
    assert not auth.has_users(storage.connect(path))
    run(path, "user", "add", "kees", "--role", "steering", stdin="lang-genoeg\n")
    taken = run(path, "user", "add", "KEES", "--role", "coach", stdin="lang-genoeg\n")
    assert taken.exit_code == 1
    assert run(path, "user", "add", "x1", "--role", "baas", stdin="lang-genoeg\n").exit_code == 2


def test_user_passwd_changes_the_password(tmp_path):
    path = tmp_path / "u.db"
    run(path, "user", "add", "coach1", "--role", "coach", stdin="eerste-wachtwoord\n")
    assert run(path, "user", "passwd", "coach1", stdin="tweede-wachtwoord\n").exit_code == 0
    db = storage.connect(path)
    assert auth.authenticate(db, "coach1", "tweede-wachtwoord").username == "coach1"
    with pytest.raises(FunnelError):
        auth.authenticate(db, "coach1", "eerste-wachtwoord")
    assert run(path, "user", "passwd", "niemand", stdin="tweede-wachtwoord\n").exit_code == 1


def test_the_first_account_can_be_made_only_once(db):
    auth.create_first_user(db, "sanne", "lang-genoeg")
    with pytest.raises(FunnelError) as refused:
        auth.create_first_user(db, "tweede", "lang-genoeg")
    assert refused.value.code == "setup_done"


def test_user_email_sets_and_clears_the_single_sign_on_address(tmp_path):
    path = tmp_path / "u.db"
    added = run(
        path, "user", "add", "anna", "--role", "coach", "--email", "Anna@Techport.nl",
        stdin="lang-genoeg-wachtwoord\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "<anna@techport.nl>" in run(path, "user", "list").output
    assert auth.actor_for_email(storage.connect(path), "ANNA@techport.nl").username == "anna"
    run(path, "user", "add", "kees", "--role", "coach", stdin="lang-genoeg-wachtwoord\n")
    taken = run(path, "user", "email", "kees", "anna@techport.nl")
    assert taken.exit_code == 1 and "anna@techport.nl" in taken.output
    assert run(path, "user", "email", "kees", "kees@x.nl").exit_code == 0
    cleared = run(path, "user", "email", "anna")
    assert cleared.exit_code == 0, cleared.output
    with pytest.raises(FunnelError):
        auth.actor_for_email(storage.connect(path), "anna@techport.nl")
    assert run(path, "user", "email", "nobody", "n@x.nl").exit_code == 1

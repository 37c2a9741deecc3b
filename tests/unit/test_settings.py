"""The installation's settings: defaults, checked values, kept in the database."""

from __future__ import annotations

import pytest

from funnel import services, settings
from funnel.db import rows
from funnel.errors import FunnelError


def test_a_setting_never_changed_has_its_default(db) -> None:
    assert settings.get(db, "stuck_days") == settings.SETTINGS["stuck_days"].default


def test_a_changed_setting_is_kept(db, leader) -> None:
    assert services.set_setting(db, leader, "stuck_days", " 45 ") == 45
    assert settings.get(db, "stuck_days") == 45


@pytest.mark.parametrize("value", [0, -5, 100_000, "veel", 2.5, True, None])
def test_a_value_outside_the_range_is_refused_with_the_range(db, leader, dump, value) -> None:
    before = dump(db)
    with pytest.raises(FunnelError) as refused:
        services.set_setting(db, leader, "stuck_days", value)
    assert refused.value.code == "setting_invalid"
    assert "1" in refused.value.message("nl") and "3650" in refused.value.message("nl")
    assert dump(db) == before


def test_an_unknown_setting_is_refused(db, leader) -> None:
    with pytest.raises(FunnelError) as refused:
        services.set_setting(db, leader, "kleur", 1)
    assert refused.value.code == "setting_unknown"
    with pytest.raises(FunnelError):
        settings.get(db, "kleur")


def test_the_command_line_lists_and_changes_the_settings_in_the_trail(db, db_path, leader, coach):
    from click.testing import CliRunner

    from funnel.cli import cli

    def run(*args: str):
        return CliRunner().invoke(cli, ["--db", str(db_path), "settings", *args])

    listed = run()
    assert listed.exit_code == 0, listed.output
    assert "upload_max_mb" in listed.output and "Grootste upload (MB)" in listed.output
    line = next(x for x in listed.output.splitlines() if x.startswith("upload_max_mb"))
    assert line.split()[1] == "20" and "1-200" in line
    done = run("set", "upload_max_mb", "50", "--as", "leader")
    assert done.exit_code == 0, done.output
    assert settings.get(db, "upload_max_mb") == 50
    [row] = rows(db, "SELECT * FROM audit WHERE entity = 'setting'")
    assert (row["field"], row["before"], row["after"], row["user_id"], row["source"]) == (
        "upload_max_mb", "20", "50", leader.id, "cli"
    )  # fmt: skip
    too_big = run("set", "upload_max_mb", "5000", "--as", "leader")
    assert too_big.exit_code == 1 and "1 tot en met 200" in too_big.output
    refused = run("set", "upload_max_mb", "30", "--as", "coach")
    assert refused.exit_code == 1 and "geen toestemming" in refused.output
    assert run("set", "no_such_setting", "3", "--as", "leader").exit_code == 2
    assert settings.get(db, "upload_max_mb") == 50

"""The installation's settings: defaults, checked values, kept in the database."""

from __future__ import annotations

import pytest

from funnel import services, settings
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

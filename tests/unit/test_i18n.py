"""t() under test is strict: a missing key or an unfilled placeholder fails; production forgives."""

from __future__ import annotations

import pytest

from funnel import i18n
from funnel.i18n import CATALOGUE, MissingText, t


@pytest.fixture
def greeting(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(CATALOGUE, "test.greeting", ("Hallo {name}", "Hello {name}"))
    return "test.greeting"


def _take_problems() -> list[str]:
    """What strict mode recorded (cleared, so the suite's own check does not fail this test)."""
    problems = list(i18n.STRICT_PROBLEMS)
    i18n.STRICT_PROBLEMS.clear()
    return problems


def test_strict_mode_is_on_in_the_tests() -> None:
    assert i18n._strict()


def test_strict_t_raises_on_a_missing_key() -> None:
    with pytest.raises(MissingText, match="no.such.key"):
        t("no.such.key")
    with pytest.raises(MissingText, match="no.such.key"):
        t("no.such.key", "en", count=3)
    assert _take_problems() == ["no.such.key: no such key in the catalogue"] * 2


def test_strict_t_raises_on_an_unfilled_placeholder(greeting: str) -> None:
    with pytest.raises(MissingText, match=r"\{name\}"):
        t(greeting)
    with pytest.raises(MissingText, match=r"\{name\}"):
        t(greeting, "en", naam="Sanne")
    assert len(_take_problems()) == 2
    assert t(greeting, name="Sanne") == "Hallo Sanne"
    assert t(greeting, "en", name="Sanne", extra=1) == "Hello Sanne"


def test_without_the_switch_t_forgives_as_in_production(
    greeting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.STRICT_ENV)
    assert t("no.such.key") == "no.such.key"
    assert t("no.such.key", count=3) == "no.such.key {'count': 3}"
    assert t(greeting) == "Hallo {name}"
    assert t(greeting, "en", naam="Sanne") == "Hello {name}"
    assert _take_problems() == []

"""Hostile or mistaken input in a form: NUL and other control characters, and over-long text,
are refused with a message naming the field; nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import services
from funnel.errors import FunnelError
from funnel.identity import normalize_email
from tests.conftest import dump_tables

TODAY = dt.date.today()


@pytest.fixture
def case_id(db, leader):
    return services.create_use_case(db, leader, "Restwarmte", TODAY, asset_owner_name="Tata")


def test_an_email_address_with_a_nul_byte_is_refused():
    for address in ("piet\0@example.org", "piet@exam\0ple.org", "pi\x07et@example.org"):
        with pytest.raises(FunnelError) as refused:
            normalize_email(address)
        assert refused.value.code == "email_invalid"
    assert normalize_email("piet@example.org") == "piet@example.org"


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda db, a, c: services.update_use_case(db, a, c, next_step="bel\0len"), "next_step"),
        (lambda db, a, c: services.update_use_case(db, a, c, title="x" * 301), "title"),
        (lambda db, a, c: services.update_use_case(db, a, c, description="y" * 10_001), "description"),
        (lambda db, a, c: services.create_use_case(db, a, "Nieuw\0", TODAY, asset_owner_name="Tata"), "title"),
        (lambda db, a, c: services.move_use_case(db, a, c, "intake", TODAY, "z" * 2001), "note"),
        (lambda db, a, c: services.save_intake(db, a, TODAY, organisation_name="Tata\0 BV"), "organisation_name"),
        (lambda db, a, c: services.save_intake(db, a, TODAY, organisation_name="Tata", notes="a\0"), "notes"),
        (lambda db, a, c: services.save_intake(db, a, TODAY, organisation_name="Tata", person_email="piet\0@example.org"), "person_email"),
        (lambda db, a, c: services.create_organisation(db, a, "n" * 201), "name"),
        (lambda db, a, c: services.create_activity(db, a, "Meetup\x1b[31m", TODAY), "title"),
    ],
)  # fmt: skip
def test_control_characters_and_over_long_text_are_refused_and_nothing_is_written(
    db, leader, case_id, write, field
):
    before = dump_tables(db)
    with pytest.raises(FunnelError) as refused:
        write(db, leader, case_id)
    assert refused.value.field == field
    assert refused.value.code in {"text_control", "text_too_long", "email_invalid"}
    assert dump_tables(db) == before


def test_the_messages_say_what_is_wrong_in_dutch_and_english(db, leader, case_id):
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(db, leader, case_id, title="x" * 400)
    assert refused.value.message("nl") == (
        "deze tekst is 400 tekens lang; dit veld neemt er hoogstens 300"
    )
    assert "at most 300" in refused.value.message("en")


def test_newlines_and_tabs_in_a_long_text_are_fine(db, leader, case_id):
    services.update_use_case(db, leader, case_id, description="regel een\nregel\ttwee")

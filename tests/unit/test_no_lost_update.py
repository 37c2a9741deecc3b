"""No lost update: records carry a version; a save over a newer version that would undo someone
else's change is refused with what they changed, also when several processes save at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import pytest

from funnel import db as storage
from funnel import queries, services
from funnel.auth import Actor
from funnel.db import rows
from funnel.errors import FunnelError
from funnel.models import Role

TODAY = dt.date.today()


@pytest.fixture
def case_id(db, leader):
    return services.create_use_case(db, leader, "Restwarmte", TODAY, asset_owner_name="Tata")


def test_a_use_case_starts_at_version_one_and_every_save_raises_it(db, leader, case_id):
    assert queries.get_use_case(db, case_id)["version"] == 1
    services.update_use_case(db, leader, case_id, version=1, next_step="Bellen")
    assert queries.get_use_case(db, case_id)["version"] == 2
    # a save that changes nothing is no new version
    services.update_use_case(db, leader, case_id, version=2, next_step="Bellen")
    assert queries.get_use_case(db, case_id)["version"] == 2


def test_save_over_a_newer_version_is_refused_with_theirs_and_yours(db, leader, case_id):
    services.update_use_case(db, leader, case_id, version=1, next_step="Offerte opvragen")
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(
            db, leader, case_id, version=1, title="Restwarmte", next_step="Workshop"
        )
    assert refused.value.code == "edit_conflict"
    assert refused.value.params["version"] == 2
    dutch, english = refused.value.message("nl"), refused.value.message("en")
    assert "Volgende stap: 'Offerte opvragen' (uw invoer: 'Workshop')" in dutch
    assert "Next step: 'Offerte opvragen' (yours: 'Workshop')" in english
    assert "Leader" in dutch  # who changed it
    assert queries.get_use_case(db, case_id)["next_step"] == "Offerte opvragen"


def test_a_change_to_another_field_goes_through_without_undoing_theirs(db, leader, case_id):
    services.update_use_case(db, leader, case_id, version=1, next_step="Offerte opvragen")
    # this form was loaded at version 1 and changes only the title
    services.update_use_case(db, leader, case_id, version=1, title="Restwarmte benutten")
    case = queries.get_use_case(db, case_id)
    assert (case["title"], case["next_step"]) == ("Restwarmte benutten", "Offerte opvragen")


def test_an_owner_change_is_shown_by_name(db, leader, case_id, make_actor):
    other = make_actor("anne", Role.PROGRAMME_LEADER)
    services.update_use_case(db, leader, case_id, version=1, owner_id=other.id)
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(db, leader, case_id, version=1, owner_id=leader.id)
    assert "Eigenaar: 'Anne' (uw invoer: 'Leader')" in refused.value.message("nl")


def test_an_intake_and_an_organisation_refuse_a_save_over_a_newer_version(db, leader):
    saved = services.save_intake(db, leader, TODAY, organisation_name="Tata", notes="eerste")
    intake = queries.get_intake(db, leader, saved.id)
    services.save_intake(
        db, leader, TODAY, organisation_id=intake["organisation_id"], notes="tweede",
        intake_id=saved.id, version=intake["version"],
    )  # fmt: skip
    with pytest.raises(FunnelError) as refused:
        services.save_intake(
            db, leader, TODAY, organisation_id=intake["organisation_id"], notes="derde",
            intake_id=saved.id, version=intake["version"],
        )  # fmt: skip
    assert "Aantekeningen: 'tweede' (uw invoer: 'derde')" in refused.value.message("nl")

    org_id = intake["organisation_id"]
    services.update_organisation(db, leader, org_id, version=1, name="Tata Steel")
    with pytest.raises(FunnelError) as refused:
        services.update_organisation(db, leader, org_id, version=1, name="Tata IJmuiden")
    assert "Naam: 'Tata Steel' (uw invoer: 'Tata IJmuiden')" in refused.value.message("nl")


# --- several processes at once ------------------------------------------------------------------


def _save_once(path: str, user_id: int, case_id: int, value: str, version: int, barrier) -> tuple:
    """One process: wait for the others, then save ``value`` over ``version``."""
    db = storage.connect(path)
    actor = Actor(user_id, "leader", Role.PROGRAMME_LEADER, "Leader")
    barrier.wait()
    try:
        services.update_use_case(db, actor, case_id, version=version, next_step=value)
    except FunnelError as error:
        return (value, error.code, error.message("nl"))
    finally:
        db.conn.close()
    return (value, "applied", "")


def _save_until_applied(path: str, user_id: int, case_id: int, value: str, barrier) -> int:
    """One process: load, save; when refused, load again (as a user reading the message would)
    and save again. Returns how many times it was refused."""
    db = storage.connect(path)
    actor = Actor(user_id, "leader", Role.PROGRAMME_LEADER, "Leader")
    barrier.wait()
    refusals = 0
    try:
        while True:
            version = queries.get_use_case(db, case_id)["version"]
            try:
                services.update_use_case(db, actor, case_id, version=version, next_step=value)
                return refusals
            except FunnelError as error:
                assert error.code == "edit_conflict", error
                refusals += 1
    finally:
        db.conn.close()


WORKERS = 6


def test_processes_saving_the_same_use_case_at_once_are_applied_or_refused_never_lost(
    db, db_path: Path, leader, case_id
):
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(WORKERS)
    values = [f"stap van proces {i}" for i in range(WORKERS)]
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(
            _save_once, [(str(db_path), leader.id, case_id, v, 1, barrier) for v in values]
        )
    applied = [value for value, code, _ in results if code == "applied"]
    refused = [(value, message) for value, code, message in results if code != "applied"]
    # all loaded version 1: the first save wins, every other one is told, none is silently lost
    assert len(applied) == 1, results
    assert {code for _, code, _ in results} == {"applied", "edit_conflict"}
    for value, message in refused:
        assert f"'{applied[0]}' (uw invoer: '{value}')" in message
    assert queries.get_use_case(db, case_id)["next_step"] == applied[0]
    trail = rows(db, "SELECT after FROM audit WHERE entity = 'use_case' AND field = 'next_step'")
    assert [r["after"] for r in trail] == applied


def test_processes_that_retry_after_a_refusal_all_land_in_order(db, db_path, leader, case_id):
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(WORKERS)
    values = [f"stap van proces {i}" for i in range(WORKERS)]
    with context.Pool(WORKERS) as pool:
        pool.starmap(
            _save_until_applied, [(str(db_path), leader.id, case_id, v, barrier) for v in values]
        )
    trail = rows(
        db,
        "SELECT before, after, version FROM audit "
        "WHERE entity = 'use_case' AND field = 'next_step' ORDER BY id",
    )
    # every value was saved once, each over the one before it (nothing overwritten unseen)
    assert sorted(r["after"] for r in trail) == sorted(values)
    assert [r["before"] for r in trail] == ["", *(r["after"] for r in trail[:-1])]
    assert [r["version"] for r in trail] == list(range(2, WORKERS + 2))

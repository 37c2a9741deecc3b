"""The demo data set: deterministic, complete (every stage, duplicates to merge), and sign-in ready."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from funnel import auth, demo, directory, metrics, queries
from funnel.db import connect, get_meta, rows, transaction
from funnel.errors import FunnelError
from funnel.models import ALL_STAGES, OrgKind, Stage

TODAY = dt.date(2025, 6, 30)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return connect(tmp_path / "t.db")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    database = connect(tmp_path_factory.mktemp("demo") / "t.db")
    demo.fill(database, today=TODAY)
    return database


def _years(today: dt.date) -> list[int]:
    return list(range(today.year - 3, today.year + 1))


def test_fill_fills_an_empty_database_the_same_way_for_a_fixed_today(tmp_path: Path) -> None:
    first, second = connect(tmp_path / "a.db"), connect(tmp_path / "b.db")
    summary = demo.fill(first, today=TODAY)
    assert 30 <= summary["use_cases"] <= 40
    assert 200 <= summary["organisations"] <= 300
    assert 300 <= summary["persons"] <= 420
    assert summary["activities"] > 60
    assert demo.fill(second, today=TODAY) == summary == demo.summary(first)
    for year in _years(TODAY):
        assert metrics.snapshot(first, year, today=TODAY) == metrics.snapshot(
            second, year, today=TODAY
        )
    query = (
        "SELECT u.title, e.to_stage, e.effective_on, e.note FROM stage_events e "
        "JOIN use_cases u ON u.id = e.use_case_id ORDER BY e.id"
    )
    assert rows(first, query) == rows(second, query)
    people = "SELECT name, email, organisation_id FROM persons ORDER BY id"
    assert rows(first, people) == rows(second, people)


def test_fill_refuses_a_database_that_holds_data(db: sqlite_utils.Database) -> None:
    with transaction(db):
        directory.resolve_org(db, "Velsen Onderhoud B.V.", "12345678", OrgKind.COMPANY)
    for force in (False, True):  # data of its own: a real database, even with --force
        with pytest.raises(FunnelError) as refused:
            demo.fill(db, force=force, today=TODAY)
        assert refused.value.code == "demo_real_database"
    assert rows(db, "SELECT id FROM users") == []


def test_fill_with_force_adds_to_a_demo_database_without_doubling(
    db: sqlite_utils.Database,
) -> None:
    before = demo.fill(db, today=TODAY)
    with pytest.raises(FunnelError):
        demo.fill(db, today=TODAY)
    after = demo.fill(db, force=True, today=TODAY)
    assert after == before
    assert len(auth.list_users(db)) == len(demo.DEMO_ACCOUNTS)


def test_every_stage_has_a_use_case_today(filled: sqlite_utils.Database) -> None:
    stages = {case["stage"] for case in queries.list_use_cases(filled, today=TODAY)}
    assert stages == {stage.value for stage in ALL_STAGES}


def test_stage_history_follows_the_rules(filled: sqlite_utils.Database) -> None:
    events = rows(filled, "SELECT * FROM stage_events ORDER BY use_case_id, effective_on, id")
    assert all(dt.date.fromisoformat(e["effective_on"]) <= TODAY for e in events)
    assert all(e["note"] for e in events if e["to_stage"] == Stage.DROPPED.value)
    backward = [e for e in events if e["from_stage"] == "definition" and e["to_stage"] == "intake"]
    assert backward and all(e["note"] for e in backward)
    for case in queries.list_use_cases(filled, today=TODAY):
        history = [e["to_stage"] for e in events if e["use_case_id"] == case["id"]]
        if Stage.EXECUTION.value in history:
            assert queries.has_partner(filled, case["id"]), case["title"]
        if Stage.REALISED.value in history:
            assert case["result_summary"], case["title"]


def test_there_are_duplicates_to_merge_and_organisations_to_classify(
    filled: sqlite_utils.Database,
) -> None:
    pairs = {frozenset((p.a_name, p.b_name)) for p in directory.merge_proposals(filled)}
    assert frozenset(("Tata Steel Nederland B.V.", "Tata Steel")) in pairs
    assert frozenset(("Kennemer Installatietechniek", "Kennemer Instalatietechniek")) in pairs
    assert frozenset(("Crown van Gelder B.V.", "Crown van Gelder Papierfabriek")) in pairs
    unknown = rows(filled, "SELECT name FROM organisations WHERE kind = 'unknown'")
    assert len(unknown) >= 3
    assert metrics.snapshot(filled, TODAY.year, today=TODAY)["unclassified_organisations"] > 0


def test_persons_have_addresses_at_their_organisation_domain(
    filled: sqlite_utils.Database,
) -> None:
    people = rows(
        filled,
        "SELECT p.email, o.name FROM persons p JOIN organisations o ON o.id = p.organisation_id "
        "WHERE p.email IS NOT NULL",
    )
    assert len(people) >= 300
    assert all(p["email"].endswith(".example") for p in people)
    tata = [p["email"] for p in people if p["name"] == "Tata Steel Nederland B.V."]
    assert tata and all(email.endswith("@tatasteel.example") for email in tata)


def test_demo_accounts_can_sign_in_and_are_shown_as_demo(filled: sqlite_utils.Database) -> None:
    for username, role, display_name, password in demo.DEMO_ACCOUNTS:
        actor = auth.authenticate(filled, username, password)
        assert (actor.role, actor.display_name) == (role, display_name)
    assert get_meta(filled, "is_demo") == "1"
    # the sign-in page shows them from the code: the database keeps only their hashes
    assert get_meta(filled, "demo_passwords") is None


def test_targets_are_set_for_every_demo_year(filled: sqlite_utils.Database) -> None:
    stored = {r["year"] for r in rows(filled, "SELECT DISTINCT year FROM targets")}
    assert {TODAY.year - 2, TODAY.year - 1, TODAY.year} <= stored


def _assert_progress_below_target(database: sqlite_utils.Database, today: dt.date) -> None:
    snap = metrics.snapshot(database, today.year, today=today)
    for key in ("unique_companies", "unique_persons"):
        assert 0.3 * snap["targets"][key] <= snap[key] <= snap["targets"][key], (key, snap[key])
    assert snap["use_cases_detected"] > 0
    previous = metrics.snapshot(database, today.year - 1, today=today)
    assert 120 <= previous["unique_companies"] <= 180
    assert 200 <= previous["unique_persons"] <= 280


def test_current_year_shows_progress_below_target(filled: sqlite_utils.Database) -> None:
    _assert_progress_below_target(filled, TODAY)


@pytest.mark.parametrize("today", [dt.date(2025, 4, 15), dt.date(2025, 12, 31)])
def test_current_year_shows_progress_below_target_early_and_late_in_the_year(
    db: sqlite_utils.Database, today: dt.date
) -> None:
    demo.fill(db, today=today)
    _assert_progress_below_target(db, today)


def test_cli_demo_fills_a_new_database_and_then_refuses(tmp_path: Path) -> None:
    target = tmp_path / "cli.db"
    command = [sys.executable, "-m", "funnel", "--db", str(target), "demo"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Demodata geladen" in done.stdout
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1
    assert "--force" in again.stderr

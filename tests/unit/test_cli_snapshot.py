"""``python -m funnel snapshot``: the old form still prints the same JSON; ``freeze``, ``list``,
``show`` and ``compare`` for the stuurgroep's meetings; exit status 0, 1 or 2; both languages."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from openpyxl import load_workbook

from funnel import goals, meetings, metrics, services
from funnel.auth import Actor
from funnel.cli import cli

D = dt.date


@pytest.fixture
def history(db: sqlite_utils.Database, leader: Actor) -> dict[str, int]:
    tata = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    a = services.create_use_case(db, leader, "Restwarmte", D(2025, 1, 10), asset_owner_id=tata)
    services.move_use_case(db, leader, a, "intake", D(2025, 2, 1))
    b = services.create_use_case(db, leader, "=SUM(A1)", D(2025, 5, 2), asset_owner_id=tata)
    services.move_use_case(db, leader, a, "on_hold", D(2025, 5, 3))
    return {"a": a, "b": b}


def run(db_path: Path, *args: str, lang: str = "nl"):
    return CliRunner().invoke(cli, ["--db", str(db_path), "--lang", lang, *args])


def test_the_old_snapshot_form_prints_the_same_json_with_more_keys(
    db: sqlite_utils.Database, db_path: Path, history: dict[str, int]
) -> None:
    result = run(db_path, "snapshot", "--year", "2025", "--as-of", "2025-06-30", "--format", "json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    old = metrics.snapshot(db, 2025, D(2025, 6, 30))
    assert {key: printed[key] for key in old} == old
    assert list(printed)[: len(old)] == list(old)
    assert printed == goals.snapshot(db, 2025, D(2025, 6, 30))
    # without --format the default is still json, without --year this year
    default = run(db_path, "snapshot")
    assert default.exit_code == 0 and json.loads(default.stdout)["year"] == dt.date.today().year


def test_the_old_text_form_still_works_and_shows_every_goal(
    db_path: Path, history: dict[str, int]
) -> None:
    result = run(db_path, "snapshot", "--year", "2025", "--as-of", "2025-06-30", "--format", "text")
    assert result.exit_code == 0
    assert "Funnel-snapshot 2025 (peildatum 30 juni 2025)" in result.stdout
    assert "Bedrijven in de Fieldlabs" in result.stdout
    line = next(r for r in result.stdout.splitlines() if r.startswith("Projecten met alle vier"))
    # no projects yet: no share, but its target of 100 %
    assert line.split()[-4:] == ["–", "100", "%", "–"]


def test_freeze_prints_the_new_id_and_list_shows_it(db_path: Path, history: dict[str, int]) -> None:
    result = run(
        db_path, "snapshot", "freeze", "--label", "Stuurgroep juni 2025", "--year", "2025",
        "--as-of", "30-06-2025", "--meeting-date", "8 juli 2025",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().isdigit()
    snapshot_id = int(result.stdout)
    assert "Vastgelegd als stand" in result.stderr
    listed = run(db_path, "snapshot", "list", "--format", "json")
    assert listed.exit_code == 0
    assert json.loads(listed.stdout) == [
        {
            "id": snapshot_id,
            "label": "Stuurgroep juni 2025",
            "meeting_date": "2025-07-08",
            "year": 2025,
            "as_of": "2025-06-30",
            "frozen_at": json.loads(listed.stdout)[0]["frozen_at"],
            "frozen_by": "",
        }
    ]
    text = run(db_path, "snapshot", "list")
    assert "Stuurgroep juni 2025" in text.stdout and "08-07-2025" in text.stdout


def test_show_prints_the_frozen_figures_with_the_keys_of_the_live_snapshot(
    db: sqlite_utils.Database, leader: Actor, db_path: Path, history: dict[str, int]
) -> None:
    snapshot_id = services.freeze_snapshot(db, leader, "Juni", 2025, D(2025, 6, 30))
    live = run(db_path, "snapshot", "--year", "2025", "--as-of", "2025-06-30")
    services.move_use_case(db, leader, history["b"], "dropped", D(2025, 6, 1), note="Weg")
    shown = run(db_path, "snapshot", "show", str(snapshot_id), "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert list(json.loads(shown.stdout)) == list(json.loads(live.stdout))
    assert json.loads(shown.stdout) == json.loads(live.stdout)
    # the live snapshot moved on; the frozen one did not, and its text says why they differ
    text = run(db_path, "snapshot", "show", str(snapshot_id), "--format", "text")
    assert text.exit_code == 0
    assert "Vastgelegde stand: Juni" in text.stdout
    assert "Verschil met de actuele cijfers" in text.stdout
    assert "Use cases afgevallen: vastgelegd 0, nu 1" in text.stdout


def test_show_writes_the_report_pack_of_a_frozen_snapshot(
    db: sqlite_utils.Database, leader: Actor, db_path: Path, history: dict[str, int], tmp_path: Path
) -> None:
    first = services.freeze_snapshot(db, leader, "Maart", 2025, D(2025, 3, 31))
    second = services.freeze_snapshot(db, leader, "Juni", 2025, D(2025, 6, 30))
    pdf, xlsx = tmp_path / "juni.pdf", tmp_path / "juni.xlsx"
    result = run(db_path, "snapshot", "show", str(second), "--format", "pdf", "--output", str(pdf))
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF") and result.stdout == ""
    result = run(db_path, "snapshot", "show", str(second), "--format", "xlsx", "-o", str(xlsx))
    assert result.exit_code == 0
    book = load_workbook(io.BytesIO(xlsx.read_bytes()))
    moved = [[c.value for c in row] for row in book["Wat is veranderd"].iter_rows(min_row=2)]
    assert moved == [
        ["Nieuw in de funnel", "=SUM(A1)", None, "Gesignaleerd"],
        ["Geparkeerd", "Restwarmte", "Intake Green Incubator", "Geparkeerd"],
    ]
    none = run(
        db_path, "snapshot", "show", str(second), "--format", "xlsx", "-o", str(xlsx),
        "--against", "none",
    )  # fmt: skip
    assert none.exit_code == 0
    assert load_workbook(io.BytesIO(xlsx.read_bytes()))["Wat is veranderd"]["A2"].value == (
        "Er is geen eerdere stand om mee te vergelijken."
    )
    assert meetings.previous(db, second) == first


def test_compare_tells_what_moved_as_json_and_as_text(
    db: sqlite_utils.Database, leader: Actor, db_path: Path, history: dict[str, int]
) -> None:
    first = services.freeze_snapshot(db, leader, "Maart", 2025, D(2025, 3, 31))
    second = services.freeze_snapshot(db, leader, "Juni", 2025, D(2025, 6, 30))
    result = run(db_path, "snapshot", "compare", str(first), str(second), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["moves"]["parked"] == [
        {
            "use_case_id": history["a"],
            "title": "Restwarmte",
            "from_stage": "intake",
            "to_stage": "on_hold",
        }
    ]
    assert [m["title"] for m in data["moves"]["entered"]] == ["=SUM(A1)"]
    assert data["kpis"]["use_cases_detected"] == {"from": 1, "to": 2, "change": 1}
    assert data["sentences"][0] == "1 nieuwe use case in de funnel: ‘=SUM(A1)’ (Gesignaleerd)."
    text = run(db_path, "snapshot", "compare", str(first), str(second), lang="en")
    assert text.exit_code == 0
    assert "- 1 use case was put on hold: ‘Restwarmte’." in text.stdout
    assert "Use cases detected" in text.stdout
    now = run(db_path, "snapshot", "compare", str(second), "now", "--format", "json")
    assert now.exit_code == 0 and json.loads(now.stdout)["to"]["id"] is None


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("snapshot", "show", "99"), 1, "er is geen vastgelegde stand met nummer '99'"),
        (("snapshot", "compare", "1", "99"), 1, "er is geen vastgelegde stand met nummer '99'"),
        (("snapshot", "freeze", "--label", " ", "--year", "2025"), 1, "Naam van de vergadering"),
        (("snapshot", "freeze", "--label", "X", "--year", "2025", "--as-of", "2099-01-01"), 1, "toekomst"),
        (("snapshot", "freeze", "--label", "X", "--year", "2025", "--as-of", "2024-12-31"), 2, "1 januari 2025"),
        (("snapshot", "freeze", "--year", "2025"), 2, "--label"),
        (("snapshot", "freeze", "--label", "X", "--year", "2025", "--as-of", "gisteren"), 2, "--as-of"),
        (("snapshot", "show", "abc"), 2, "ID"),
        (("snapshot", "show", "1", "--format", "pdf"), 2, "--output"),
        (("snapshot", "list", "--format", "csv"), 2, "--format"),
        (("snapshot", "--year", "2025", "--as-of", "2024-01-01"), 2, "1 januari 2025"),
    ],
)  # fmt: skip
def test_exit_status_is_1_for_invalid_data_and_2_for_wrong_usage(
    db: sqlite_utils.Database,
    leader: Actor,
    db_path: Path,
    args: tuple[str, ...],
    status: int,
    message: str,
) -> None:
    services.freeze_snapshot(db, leader, "Maart", 2025, D(2025, 3, 31))
    result = run(db_path, *args)
    assert result.exit_code == status, result.output
    assert message in result.output
    assert len(meetings.list_snapshots(db)) == 1


def test_messages_come_in_the_chosen_language(db_path: Path) -> None:
    result = run(db_path, "snapshot", "show", "7", lang="en")
    assert result.exit_code == 1
    assert "there is no frozen snapshot with id '7'" in result.stderr
    assert "No frozen snapshots yet" in run(db_path, "snapshot", "list", lang="en").stdout

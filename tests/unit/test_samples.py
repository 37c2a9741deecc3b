"""The shared sample files: importing both, in either order, gives exactly the expected snapshots."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner

from funnel import imports, metrics
from funnel.cli import cli

REPO = Path(__file__).resolve().parents[2]
ORDERS = {
    "participants-first": ("participants", "use-cases"),
    "use-cases-first": ("use-cases", "participants"),
}
FILES = {"participants": "participants.csv", "use-cases": "use-cases.csv"}


def expected_snapshots(samples_dir: Path) -> list[dict[str, Any]]:
    return json.loads((samples_dir / "expected-snapshots.json").read_text(encoding="utf-8"))


def assert_matches(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Every key the expectation names has exactly the expected value (more keys may exist)."""
    for key, value in expected.items():
        assert key in actual, f"snapshot lacks {key!r}"
        assert actual[key] == value, f"{key}: expected {value!r}, got {actual[key]!r}"


def import_samples(db: sqlite_utils.Database, samples_dir: Path, order: tuple[str, str]) -> None:
    for kind in order:
        report = imports.IMPORTERS[kind](db, samples_dir / FILES[kind])
        assert report.errors == [], [p.render(FILES[kind], "en") for p in report.errors]
        assert report.committed


def test_samples_have_the_files_the_tests_need(samples_dir: Path) -> None:
    for name in ("participants.csv", "use-cases.csv", "expected-snapshots.json"):
        assert (samples_dir / name).is_file()
    assert expected_snapshots(samples_dir), "no expected snapshots"


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_importing_both_samples_gives_the_expected_snapshots(
    db: sqlite_utils.Database, samples_dir: Path, order: tuple[str, str]
) -> None:
    import_samples(db, samples_dir, order)
    for expected in expected_snapshots(samples_dir):
        actual = metrics.snapshot(db, expected["year"], dt.date.fromisoformat(expected["as_of"]))
        assert_matches(actual, expected)


def test_importing_the_samples_twice_keeps_the_expected_snapshots(
    db: sqlite_utils.Database, samples_dir: Path
) -> None:
    import_samples(db, samples_dir, ORDERS["participants-first"])
    import_samples(db, samples_dir, ORDERS["use-cases-first"])
    for expected in expected_snapshots(samples_dir):
        actual = metrics.snapshot(db, expected["year"], dt.date.fromisoformat(expected["as_of"]))
        assert_matches(actual, expected)


def run_module(db_path: Path, *args: str) -> tuple[int, str, str]:
    """``python -m funnel --db PATH ARGS`` in a real process."""
    env = {**os.environ, "FUNNEL_LANG": "en"}
    env.pop("FUNNEL_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "funnel", "--db", str(db_path), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


def run_in_process(db_path: Path, *args: str) -> tuple[int, str, str]:
    """The same command through click's test runner (faster)."""
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db_path), *args])
    return result.exit_code, result.stdout, result.stderr


RUNNERS = {"process": run_module, "in-process": run_in_process}


@pytest.mark.parametrize(
    ("order", "runner"),
    [(ORDERS["participants-first"], "process"), (ORDERS["use-cases-first"], "in-process")],
    ids=["participants-first-process", "use-cases-first-in-process"],
)
def test_cli_import_of_both_samples_prints_the_expected_snapshots(
    tmp_path: Path, samples_dir: Path, order: tuple[str, str], runner: str
) -> None:
    run = RUNNERS[runner]
    db_path = tmp_path / "cli.db"
    for kind in order:
        status, _, stderr = run(db_path, "import", kind, str(samples_dir / FILES[kind]))
        assert status == 0, stderr
    for expected in expected_snapshots(samples_dir):
        status, stdout, stderr = run(
            db_path,
            "snapshot",
            "--year",
            str(expected["year"]),
            "--as-of",
            expected["as_of"],
            "--format",
            "json",
        )
        assert status == 0, stderr
        assert_matches(json.loads(stdout), expected)

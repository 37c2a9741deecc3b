"""``python -m funnel --help`` and ``snapshot --format json`` load only what they use: no PDF,
Excel, chart, dataframe or Streamlit library (issue 7: a fast start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from funnel import db as storage

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("fpdf", "openpyxl", "vl_convert", "altair", "pandas", "numpy", "streamlit", "pyarrow",
         "pydantic", "argon2", "rapidfuzz")  # fmt: skip


def imported_modules(*args: str) -> tuple[set[str], str]:
    """The top-level packages ``python -X importtime -m funnel ARGS`` imports, and its stdout."""
    env = {**os.environ, "FUNNEL_LANG": "en"}
    env.pop("FUNNEL_DB", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "funnel", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, done.stdout


@pytest.mark.parametrize(
    "args",
    [["--help"], ["snapshot", "--help"], ["snapshot", "--year", "2025", "--format", "json"]],
    ids=["help", "snapshot-help", "snapshot-json"],
)
def test_the_quick_commands_load_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    db_path = tmp_path / "t.db"
    storage.connect(db_path).conn.close()
    modules, stdout = imported_modules("--db", str(db_path), *args)
    assert stdout.strip(), "the command printed nothing"
    assert "funnel" in modules and "sqlite_utils" in modules  # the list is real
    assert sorted(set(HEAVY) & modules) == []


def test_pandas_still_imports_after_the_quick_start() -> None:
    # __main__ keeps pandas away from sqlite-utils only while sqlite-utils loads
    code = "import runpy, sys; sys.argv = ['funnel', '--help']\ntry:\n runpy.run_module('funnel', run_name='__main__')\nexcept SystemExit:\n pass\nimport pandas; print(pandas.__name__)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("pandas")

"""The benchmark (``make bench``) runs end to end at a tiny size, so it cannot rot unnoticed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_bench(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, "benchmarks/bench.py", "--sizes", "400", "--use-cases", "20",
         "--out", str(out), "--work", str(tmp_path / "work"), "--step-timeout", "240", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ERROR" not in done.stderr, done.stderr[-3000:]
    return out.read_text(encoding="utf-8")


def test_the_benchmark_runs_at_a_tiny_size_and_writes_every_section(tmp_path: Path) -> None:
    text = run_bench(tmp_path, "--no-browser", "--before", "--pages", "board")
    for heading in (
        "## Import",
        "## Snapshot",
        "## Pages in AppTest",
        "## Peak memory",
        "## Goals",
    ):
        assert heading in text
    assert "error" not in text.lower().replace("errors", "")
    assert "| programme_leader board |" in text
    # the numbers are there: rows per second and the floor's ratio
    assert "rows per second | " in text and "x |" in text


@pytest.mark.browser
def test_the_benchmark_times_the_browser_at_a_tiny_size(tmp_path: Path) -> None:
    # the demo database's run is the same step: the tiny size shows that it still works
    text = run_bench(
        tmp_path, "--no-pages", "--no-demo", "--browser-sizes", "400", "--browser-pages", "2"
    )
    assert "## Browser" in text
    assert "| leider (first visit) sign-in |" in text
    # a page change timed in seconds, for the second visit too
    assert re.search(r"^\| leider \(again\) -> [^|]+ \| \d+\.\d+ \|$", text, re.M), text

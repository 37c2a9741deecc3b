"""Benchmark: import a large attendance list and compute snapshots; prints timings (not a test)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from funnel import db as storage  # noqa: E402
from funnel import imports, metrics  # noqa: E402


def make_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    companies = [(f"Bedrijf {i} B.V.", f"{10000000 + i:08d}") for i in range(600)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            [
                "Datum",
                "Activiteit",
                "Type activiteit",
                "Organisatie",
                "KvK",
                "Type organisatie",
                "Naam",
                "E-mail",
            ]
        )
        for _ in range(rows):
            day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
            name, kvk = rng.choice(companies)
            person = rng.randrange(2000)
            writer.writerow([
                day.strftime("%d-%m-%Y"), f"Workshop {day.month}", "workshop", name, kvk, "mkb",
                f"Persoon {person}", f"persoon{person}@bedrijf.example",
            ])  # fmt: skip


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<45}{time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "attendance.csv"
        make_file(path, rows)
        db = storage.connect(Path(tmp) / "bench.db")
        timed(f"import {rows} attendance rows", lambda: imports.import_participants(db, path))
        timed(
            f"re-import {rows} rows (all unchanged)", lambda: imports.import_participants(db, path)
        )
        timed(f"dry run {rows} rows", lambda: imports.import_participants(db, path, dry_run=True))
        for year in (2023, 2024, 2025):
            snap = timed(f"snapshot {year}", lambda year=year: metrics.snapshot(db, year))
            print(f"{'':<4}companies={snap['unique_companies']} persons={snap['unique_persons']}")
        demo_db = storage.connect(Path(tmp) / "demo.db")
        from funnel import demo

        timed("demo data set", lambda: demo.fill(demo_db))
        timed("snapshot on demo data", lambda: metrics.snapshot(demo_db, dt.date.today().year))


if __name__ == "__main__":
    main()

"""Time the duplicates page's proposals with their evidence (issue 7) on a benchmark database.

    python benchmarks/duplicates.py DB organisation         # the best 25, as the page builds them
    python benchmarks/duplicates.py DB person --all         # the evidence of every proposal
    python benchmarks/duplicates.py DB organisation --before  # the old code (every proposal)

CPU is ``time.process_time`` of this process, peak its VmHWM.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench import _peak_mb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("entity", choices=["organisation", "person"])
    parser.add_argument("--limit", type=int, default=25)
    parser.add_argument("--all", action="store_true", help="the evidence of every proposal")
    parser.add_argument("--before", action="store_true", help="the frozen old code")
    options = parser.parse_args()
    from funnel.boot import load_sqlite_utils

    load_sqlite_utils()
    from funnel import db as storage
    from funnel import duplicates

    db = storage.connect(options.db)
    today = dt.date.today()
    cpu, wall = time.process_time(), time.perf_counter()
    if options.before:
        from tests.unit import reference_duplicates

        every = reference_duplicates.evidence(db, options.entity, today)
        shown, total = every[: options.limit], len(every)
    else:
        found = duplicates.ranked(db, options.entity, today, None if options.all else options.limit)
        shown, total = found.shown[: options.limit], found.total
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"{options.entity}: {total} proposals; CPU {cpu:.2f} s, wall {wall:.2f} s, "
        f"peak {_peak_mb():.0f} MB; first: "
        + ", ".join(f"{e.a.id}/{e.b.id} {e.score}" for e in shown[:3])
    )


if __name__ == "__main__":
    main()

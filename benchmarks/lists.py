"""Time the organisation and person lists at 64k organisations and 117k persons (the 1M
benchmark's sizes): the old Python filter against the SQL search with a limit and a count.
Run: .venv/bin/python benchmarks/lists.py"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tempfile

from funnel import db as storage
from funnel import queries
from funnel.identity import normal_org_name

path = tempfile.mktemp(suffix=".db")
d = storage.connect(path)
c = d.conn
c.execute("BEGIN")
c.executemany(
    "INSERT INTO organisations (id, name, normal_name, kind, created_at) VALUES (?,?,?,'company','2026-01-01')",
    [(i, f"Bedrijf {i} Velsen", normal_org_name(f"Bedrijf {i} Velsen")) for i in range(1, 64001)],
)
c.executemany(
    "INSERT INTO persons (id, name, email, organisation_id, created_at) VALUES (?,?,?,?,'2026-01-01')",
    [(i, f"Persoon {i}", f"p{i}@example.org", i % 64000 + 1) for i in range(1, 117001)],
)
c.execute("COMMIT")


def old_persons(search=""):
    needle = search.strip().casefold()
    out = []
    for r in storage.rows(
        d,
        "SELECT p.*, o.name AS organisation_name FROM persons p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.merged_into IS NULL ORDER BY p.name COLLATE NOCASE",
    ):
        if (
            needle
            and needle
            not in " ".join(
                str(r[k] or "") for k in ("name", "email", "organisation_name")
            ).casefold()
        ):
            continue
        out.append(r)
    return out


def clock(label, fn):
    t0 = time.process_time()
    fn()
    print(f"{label}: {time.process_time() - t0:.3f} s CPU")


clock(
    "old persons page (all, then search 'persoon 12')",
    lambda: (old_persons(), old_persons("persoon 12")),
)
clock(
    "new persons page (count, 500, then search with count)",
    lambda: (
        queries.count_persons(d),
        queries.list_persons(d, limit=500),
        queries.list_persons(d, "persoon 12", limit=500),
        queries.count_persons(d, "persoon 12"),
    ),
)
clock(
    "old organisations (all)",
    lambda: [
        r
        for r in storage.rows(d, "SELECT * FROM organisations ORDER BY name COLLATE NOCASE")
        if not r["merged_into"]
    ],
)
clock(
    "new organisations (count + 500 + search)",
    lambda: (
        queries.count_organisations(d),
        queries.list_organisations(d, limit=500),
        queries.list_organisations(d, "velsen 12", limit=500),
        queries.count_organisations(d, "velsen 12"),
    ),
)
os.remove(path)

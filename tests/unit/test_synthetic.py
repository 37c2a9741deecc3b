"""``demo --scale N``: deterministic synthetic import files with the variants real lists have,
imported through the SPEC imports without an invalid row."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from funnel import db as storage
from funnel import metrics, synthetic
from funnel.cli import cli

TODAY = dt.date(2026, 6, 30)


def test_the_same_scale_gives_the_same_files(tmp_path: Path) -> None:
    first = synthetic.write_files(
        synthetic.Generator(synthetic.Sizes.scaled(0.2), TODAY), tmp_path / "a"
    )
    second = synthetic.write_files(
        synthetic.Generator(synthetic.Sizes.scaled(0.2), TODAY), tmp_path / "b"
    )
    assert [p.name for _, p in first] == [p.name for _, p in second]
    for (_, a), (_, b) in zip(first, second, strict=True):
        if a.suffix == ".csv":
            assert a.read_bytes() == b.read_bytes()


def test_the_rows_have_the_variants_real_lists_have(tmp_path: Path) -> None:
    generator = synthetic.Generator(synthetic.Sizes.scaled(2), TODAY)
    path = tmp_path / "all.csv"
    count = synthetic.write_participants_csv(generator, path)
    assert count == synthetic.Sizes.scaled(2).attendance
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].split(";")[:2] == ["Datum", "Activiteit"]
    rows = list(csv.reader(text.splitlines()[1:], delimiter=";"))
    dates = " ".join(r[0] for r in rows)
    assert "maart" in dates or "mrt" in dates or "mei" in dates  # Dutch month names
    assert any("/" in r[0] for r in rows) and any("." in r[0] for r in rows)
    organisations = {r[4] for r in rows}
    assert any(o.isupper() for o in organisations if o)  # case variants
    assert any(o.endswith((" BV", " bv", " b.v.")) for o in organisations)  # legal forms
    assert any(" " in r[5] or "." in r[5] for r in rows)  # KvK written with spaces or dots
    assert any(any(c.isupper() for c in r[8]) for r in rows)  # e-mail case
    # skew: the largest organisation is in many rows, most organisations in a few
    per_org: dict[str, int] = {}
    for r in rows:
        per_org[r[4].casefold()] = per_org.get(r[4].casefold(), 0) + 1
    counts = sorted(per_org.values(), reverse=True)
    assert counts[0] > 20 * counts[len(counts) // 2]


def test_demo_scale_imports_its_files_through_the_imports(tmp_path: Path) -> None:
    db_path = tmp_path / "scaled.db"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "--db", str(db_path), "demo", "--scale", "0.5",
              "--files", str(tmp_path / "files")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "files").iterdir())
    assert "use-cases.xlsx" in names and any(n.endswith(".csv") for n in names)
    db = storage.connect(db_path)
    attendance = db.execute("SELECT COUNT(*) FROM attendance").fetchone()[0]
    assert attendance > 0.9 * synthetic.Sizes.scaled(0.5).attendance
    assert db.execute("SELECT COUNT(*) FROM use_cases").fetchone()[0] == 17
    assert db.execute("SELECT COUNT(*) FROM users WHERE username = 'leider'").fetchone()[0] == 1
    year = dt.date.today().year
    assert metrics.snapshot(db, year)["unique_companies"] > 0

"""The duplicates page builds the evidence of the proposals it shows only (issue 7: at a million
attendance rows there are 52 000 organisation proposals, and building the evidence of all took
half a minute of CPU). What it shows must be what it showed before: the first N of every
proposal's evidence, ranked most likely first. Checked against the frozen copy of the old code
(tests/unit/reference_duplicates.py) on random histories and on synthetic data."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from funnel import db as storage
from funnel import directory, duplicates, identity, imports, metrics, synthetic
from funnel.errors import FunnelError
from tests.unit import reference_duplicates as reference
from tests.unit.test_metrics_sql import build, histories

#: names that are alike in the ways merge_proposals looks for (a word more, a typo, word order)
ORG_NAMES = [
    "Tata Steel", "Tata Steel Nederland", "Tata Stel", "Steel Tata", "Velsen Onderhoud",
    "Velsen Onderhoud Groep", "IJmond Onderhoud", "Velsen Onderhoud 2",
]  # fmt: skip
PERSON_NAMES = ["Piet Jansen", "piet jansen", "Kees Smit", None]
LOCALS = ["piet", "p.jansen", "kees"]
DOMAINS = ["acme.example", "acme.nl", "tata.example"]

names = st.fixed_dictionaries(
    {
        "orgs": st.lists(
            st.tuples(st.sampled_from(ORG_NAMES), st.none() | st.sampled_from(["1", "2"])),
            min_size=6,
            max_size=6,
        ),
        "persons": st.lists(
            st.tuples(
                st.sampled_from(PERSON_NAMES),
                st.none() | st.tuples(st.sampled_from(LOCALS), st.sampled_from(DOMAINS)),
                st.integers(0, 2),
            ),
            min_size=6,
            max_size=6,
        ),
        "apart": st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)), max_size=2),
        "today": st.integers(0, 3 * 365).map(lambda n: dt.date(2023, 6, 1) + dt.timedelta(n)),
    }
)


def rename(db: sqlite_utils.Database, data: dict[str, Any]) -> None:
    """Give the history's organisations and persons names that are alike, KvK numbers and
    e-mail addresses, and keep some pairs apart."""
    with storage.transaction(db):
        for number, (name, kvk) in enumerate(data["orgs"]):
            db.execute(
                "UPDATE organisations SET name = ?, normal_name = ?, kvk = ? WHERE id = ?",
                [name, identity.normal_org_name(name), kvk and f"1234567{kvk}{number}", number + 1],
            )
        used: set[str] = set()
        for number, (name, parts, org) in enumerate(data["persons"]):
            email = f"{parts[0]}@{parts[1]}" if parts else None
            if email in used:  # e-mail addresses are unique
                email = None
            used.add(email or "")
            db.execute(
                "UPDATE persons SET name = ?, normal_name = ?, email = ?, organisation_id = ? "
                "WHERE id = ? AND erased_at IS NULL",
                [
                    name,
                    identity.normal_text(name) if name else None,
                    email,
                    org + 1,
                    number + 1,
                ],
            )
        for entity in ("organisation", "person"):
            for a, b in data["apart"]:
                if a < b:
                    db.execute(
                        "INSERT OR IGNORE INTO kept_apart (entity, a_id, b_id, decided_at) "
                        "VALUES (?, ?, ?, ?)",
                        [entity, a, b, storage.now_iso()],
                    )


def assert_shown_as_before(db: sqlite_utils.Database, today: dt.date) -> list[duplicates.Evidence]:
    """The best N (for several N) are the first N of the old evidence of every proposal, and
    all of them are the old evidence; returns the evidence of all."""
    seen = []
    for entity in ("organisation", "person"):
        every = reference.evidence(db, entity, today)
        assert duplicates.evidence(db, entity, today) == every
        for limit in (1, 2, 3, 25):
            found = duplicates.ranked(db, entity, today, limit)
            assert found.total == len(every)
            assert found.shown == every[:limit], (entity, limit)
        seen += every
    return seen


@settings(max_examples=150, deadline=None)
@given(history=histories, data=names)
def test_the_shown_proposals_are_the_first_of_all_of_them(
    history: dict[str, Any], data: dict[str, Any]
) -> None:
    db = build(history)
    rename(db, data)
    assert_shown_as_before(db, data["today"])
    db.conn.close()


def test_the_shown_proposals_on_synthetic_data_with_merges(tmp_path: Path) -> None:
    """The benchmark's data at a small size (many alike names, shared activities, use cases,
    e-mail domains), with some of the proposals merged."""
    today = dt.date(2026, 6, 1)
    generator = synthetic.Generator(synthetic.Sizes.rows(10_000, 200), today)
    db = storage.connect(tmp_path / "funnel.db")
    metrics.ensure_indexes(db)
    cases, participants = tmp_path / "use-cases.csv", tmp_path / "participants.csv"
    synthetic.write_csv(cases, synthetic.USE_CASE_HEADERS, generator.use_case_rows())
    synthetic.write_participants_csv(generator, participants)
    for importer, path in (
        (imports.import_use_cases, cases),
        (imports.import_participants, participants),
    ):
        assert not importer(db, path, today=today).errors
    every = assert_shown_as_before(db, today)
    assert len([e for e in every if e.entity == "organisation"]) > 25
    assert any(e.shared_activities for e in every) and any(e.shared_domains for e in every)
    assert any(e.changes[e.keep_id] for e in every)
    # merged records count as their target: the proposals and their counts follow
    for e in duplicates.ranked(db, "organisation", today, 5).shown:
        storage_merge(db, "organisation", e.drop_id, e.keep_id)
    for e in duplicates.ranked(db, "person", today, 3).shown:
        storage_merge(db, "person", e.drop_id, e.keep_id)
    assert len(assert_shown_as_before(db, today)) > 25


def storage_merge(db: sqlite_utils.Database, entity: str, drop: int, keep: int) -> None:
    with contextlib.suppress(FunnelError):  # an earlier merge of this round took one of them
        directory.merge(db, entity, drop, keep, None)  # type: ignore[arg-type]

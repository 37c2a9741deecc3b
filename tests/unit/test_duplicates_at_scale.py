"""Merge proposals at scale (issue 7): a block of names that share a word is not compared pair
by pair in Python (64 000 organisations ran past 15 GB), and the proposals stay exactly those
of comparing every pair of a block."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
import sqlite_utils

from funnel import directory, identity
from funnel.db import now_iso

PLACES = ["Velsen", "IJmuiden", "Beverwijk", "Haarlem", "Heemskerk", "Castricum", "Uitgeest"]
TRADES = ["Onderhoud", "Techniek", "Lastechniek", "Hydrauliek", "Metaal", "Logistiek"]
EXTRA = ["Groep", "Nederland", "Holding", "Service", "2", "van", "de"]


def _add(db: sqlite_utils.Database, names: list[str], kvks: list[str | None]) -> None:
    db.conn.executemany(
        "INSERT INTO organisations (name, normal_name, kvk, created_at) VALUES (?, ?, ?, ?)",
        [(n, identity.normal_org_name(n), k, now_iso()) for n, k in zip(names, kvks, strict=True)],
    )
    db.conn.commit()


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text))
    return text[:i] + rng.choice("aeiouxyz") + text[i + 1 :]


def _every_pair(db: sqlite_utils.Database) -> list[tuple[int, int]]:
    """The proposals as the rule says them: every pair of a block compared."""
    orgs = db.execute(
        "SELECT id, normal_name, kvk FROM organisations WHERE merged_into IS NULL ORDER BY id"
    ).fetchall()
    found = []
    for (a, an, ak), (b, bn, bk) in combinations(orgs, 2):
        aw, bw = an.split(), bn.split()

        def keys(n: str, w: list[str]) -> set[str]:
            real = {x for x in w if len(x) >= 3 and x not in identity.FILLER_WORDS}
            return real | {"^" + n[:3], "^" + " ".join(sorted(w))[:3]}

        if not keys(an, aw) & keys(bn, bw) or (ak and bk):
            continue
        if an == bn or identity.are_similar(an, bn):
            found.append((a, b))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_proposals_are_those_of_comparing_every_pair_of_a_block(
    db: sqlite_utils.Database, seed: int
) -> None:
    rng = random.Random(seed)
    names, kvks = [], []
    for _ in range(300):
        words = [rng.choice(PLACES), rng.choice(TRADES)]
        words += rng.sample(EXTRA, rng.choice([0, 0, 1, 2]))
        name = " ".join(words)
        if rng.random() < 0.3:
            name = _typo(rng, name)
        if rng.random() < 0.2:
            name += " B.V."
        names.append(name)
        kvks.append(f"{rng.randrange(10**8):08d}" if rng.random() < 0.3 else None)
    _add(db, names, kvks)
    proposals = [(p.a_id, p.b_id) for p in directory.merge_proposals(db)]
    assert proposals == _every_pair(db)
    assert proposals  # the data has near-duplicates


def test_a_block_of_names_sharing_a_word_is_not_compared_pair_by_pair(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 600 names sharing the word "onderhoud": 179 700 pairs in that block alone
    rng = random.Random(7)
    names = ["".join(rng.choices("bcdfghklmnprstvw", k=9)) + " Onderhoud" for _ in range(600)]
    _add(db, names, [None] * len(names))
    calls = []
    real = directory.are_similar

    def counted(a: str, b: str) -> bool:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(directory, "are_similar", counted)
    directory.merge_proposals(db)
    assert len(calls) < 20_000

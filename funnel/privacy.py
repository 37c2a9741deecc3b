"""Personal data (AVG/GDPR): where the database keeps it, whose records are one person, and how
an erasure removes it while the person still counts where it took part.

A person's personal data are its name (and the name's normal form), its e-mail address, the
organisation it works for, and free text that names it. Everything else about a person is an id:
attendance, intakes, involvements, merges, kept-apart pairs and (on main) frozen snapshots refer
to ``persons.id`` only, so an erased person keeps its id and counts as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from funnel import audit, directory, store
from funnel.db import insert_row, now_iso, one, rows
from funnel.errors import FunnelError
from funnel.identity import clean_text, normalize_email, strip_marks

#: The free-text columns where a person's name or e-mail address can have been typed.
FREE_TEXT: tuple[tuple[str, str], ...] = (
    ("intakes", "notes"),
    ("intakes", "next_step"),
    ("use_cases", "title"),
    ("use_cases", "description"),
    ("use_cases", "next_step"),
    ("use_cases", "result_summary"),
    ("stage_events", "note"),
)
#: What an erased name or address is replaced with in free text.
ERASED_MARK = "[gewist]"
#: Words of a name that alone name nobody ("van" in "Piet van Dijk"): never replaced on their own.
NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "la", "le", "du", "da", "di", "op", "in"}
)


def find_person(db: sqlite_utils.Database, ref: str | int) -> int:
    """The person that ``ref`` names: an id (digits) or an e-mail address; else ``not_found``."""
    text = clean_text(ref)
    if text.isdigit():
        found = one(db, "SELECT id FROM persons WHERE id = ?", [int(text)])
    elif "@" in text:
        found = one(db, "SELECT id FROM persons WHERE email = ?", [normalize_email(text)])
    else:
        raise FunnelError("person_ref_invalid", field="person", value=text)
    if found is None:
        raise FunnelError("not_found", field="person", what="person")
    return int(found["id"])


def records_of(db: sqlite_utils.Database, person_id: int) -> list[int]:
    """Every record that is this person: the one it counts as, and those merged into it."""
    row = one(db, "SELECT canonical_id FROM persons WHERE id = ?", [person_id])
    if row is None:
        raise FunnelError("not_found", field="person", what="person")
    return [
        r["id"]
        for r in rows(
            db, "SELECT id FROM persons WHERE canonical_id = ? ORDER BY id", [row["canonical_id"]]
        )
    ]


def _pattern(phrases: set[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole-word occurrences of any of ``phrases``."""
    alternatives = sorted(
        {r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases if phrase},
        key=len,
        reverse=True,
    )
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _variants(text: str) -> set[str]:
    """A name or address as typed and without accents ("Zoë" is also written "Zoe")."""
    text = clean_text(text)
    return {text, strip_marks(text)} if text else set()


@dataclass(frozen=True)
class Erased:
    """What an erasure did: the person (the record it counts as), how many records and free-text
    fields it blanked. It holds no erased data."""

    person_id: int
    records: int
    texts: int
    #: whether the WAL was emptied afterwards (False: a reader held on; the next checkpoint does it)
    wal_cleared: bool = False


def erase(db: sqlite_utils.Database, person_id: int, user_id: int | None) -> Erased:
    """Blank everything personal about the person and its merged records (inside a transaction).

    Free text loses every occurrence of the full name and the e-mail address; the notes and next
    step of an intake with this person as the contact also lose each word of the name. The
    records stay, without data, so the person still counts where it took part; the erasure is
    recorded without what was erased.
    """
    members = records_of(db, person_id)
    marks = ",".join("?" * len(members))
    people = rows(db, f"SELECT * FROM persons WHERE id IN ({marks})", members)
    if all(p["erased_at"] for p in people):
        raise FunnelError("person_already_erased", field="person")
    canonical = int(people[0]["canonical_id"])
    everywhere: set[str] = set()
    words: set[str] = set()
    for person in people:
        for value in (person["name"], person["email"]):
            everywhere |= _variants(value or "")
        for word in clean_text(person["name"]).split():
            if len(word) > 1 and word.casefold() not in NAME_PARTICLES:
                words |= _variants(word)
    contact_intakes = {
        r["id"] for r in rows(db, f"SELECT id FROM intakes WHERE person_id IN ({marks})", members)
    }
    texts = 0
    general, narrow = _pattern(everywhere), _pattern(everywhere | words)
    for table, column in FREE_TEXT:
        for r in rows(db, f"SELECT id, {column} AS text FROM {table} WHERE {column} != ''"):
            pattern = narrow if table == "intakes" and r["id"] in contact_intakes else general
            if pattern is None:
                continue
            cleaned = pattern.sub(ERASED_MARK, r["text"])
            if cleaned != r["text"]:
                store.replace_free_text(db, table, column, r["id"], cleaned)
                texts += 1
    when = now_iso()
    directory.erase_persons(db, members, when)
    # the trail kept the name, the address and the old free text as before/after values
    audit.erase(db, members, general, narrow, contact_intakes, ERASED_MARK)
    insert_row(
        db,
        "erasures",
        {"person_id": canonical, "records": len(members), "user_id": user_id, "erased_at": when},
    )
    return Erased(canonical, len(members), texts)

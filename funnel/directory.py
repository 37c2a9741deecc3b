"""Organisations and persons in the database: find-or-create by the identity rules, merges."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

import sqlite_utils

from funnel.db import insert_row, now_iso, one, rows, transaction
from funnel.errors import FunnelError
from funnel.identity import (
    FILLER_WORDS,
    are_similar,
    clean_text,
    normal_org_name,
    normal_text,
)
from funnel.models import EducationLevel, OrgKind

Status = Literal["new", "updated", "unchanged"]
#: What identified a known record: an organisation's KvK number or normal name, a person's
#: e-mail address or normal name (within the organisation)
MatchedOn = Literal["kvk", "name", "email"]


@dataclass
class Resolved:
    """The outcome of finding or creating one organisation or person."""

    id: int
    status: Status
    warnings: list[FunnelError] = field(default_factory=list)
    #: what found a known record (None: new; set by the import's :mod:`funnel.indexes`)
    on: MatchedOn | None = None


def canonical_org(db: sqlite_utils.Database, org_id: int) -> int:
    """The organisation an id stands for now (following merges; the schema's ``canonical_id``)."""
    row = one(db, "SELECT canonical_id FROM organisations WHERE id = ?", [org_id])
    return int(row["canonical_id"]) if row else org_id


def canonical_person(db: sqlite_utils.Database, person_id: int) -> int:
    """The person an id stands for now (following merges; the schema's ``canonical_id``)."""
    row = one(db, "SELECT canonical_id FROM persons WHERE id = ?", [person_id])
    return int(row["canonical_id"]) if row else person_id


def _extra_identities(db: sqlite_utils.Database, table: str, column: str, values: set[str]) -> int:
    """How many of ``values`` (KvK numbers or e-mails from the same file) are not in the database."""
    if not values:
        return 0
    marks = ",".join("?" * len(values))
    known = {
        r[column]
        for r in rows(db, f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", list(values))
    }
    return len(values - known)


def find_org(
    db: sqlite_utils.Database,
    name: str,
    kvk: str | None,
    field_name: str = "organisation",
    file_kvks: set[str] | None = None,
) -> tuple[int | None, bool]:
    """The organisation that ``name``/``kvk`` identify, and whether the KvK number is new to it.

    Returns (None, False) when the input names a new organisation; raises when it is ambiguous.
    ``file_kvks`` are the KvK numbers the same file gives for this name: a name without a KvK
    number is ambiguous when, counting those, several organisations have that name (so that
    the outcome does not depend on row order and a repeated import gives the same answer).
    """
    normal = normal_org_name(name) if name else ""
    if kvk:
        row = one(db, "SELECT id FROM organisations WHERE kvk = ?", [kvk])
        if row:
            return canonical_org(db, row["id"]), False
        if not normal:
            return None, False
        same = rows(
            db,
            "SELECT id FROM organisations WHERE normal_name = ? AND kvk IS NULL "
            "AND merged_into IS NULL",
            [normal],
        )
        if len(same) == 1:
            return same[0]["id"], True
        return None, False
    if not normal:
        return None, False
    found = rows(db, "SELECT canonical_id FROM organisations WHERE normal_name = ?", [normal])
    ids = sorted({r["canonical_id"] for r in found})
    total = len(ids)
    extra = _extra_identities(db, "organisations", "kvk", file_kvks or set())
    if extra:
        without_kvk = rows(
            db,
            "SELECT id FROM organisations WHERE normal_name = ? AND kvk IS NULL AND merged_into IS NULL",
            [normal],
        )
        total += extra - (1 if len(without_kvk) == 1 else 0)
    if total > 1:
        raise FunnelError(
            "org_ambiguous",
            field=field_name,
            name=name,
            count=total,
            candidates=_ambiguity_candidates(db, name, ids, file_kvks or set()),
        )
    return (ids[0], False) if ids else (None, False)


def _ambiguity_candidates(
    db: sqlite_utils.Database, name: str, ids: list[int], file_kvks: set[str]
) -> list[tuple[str, str | None, bool]]:
    """The organisations an ambiguous name could mean, to list in the error: (name, KvK number,
    known only from the file). One known without a KvK number that a KvK number in the file
    would go to is listed as that number, as :func:`find_org` counts it."""
    marks = ",".join("?" * len(ids))
    known = (
        rows(db, f"SELECT name, kvk FROM organisations WHERE id IN ({marks}) ORDER BY id", ids)
        if ids
        else []
    )
    in_db: set[str] = set()
    if file_kvks:
        marks = ",".join("?" * len(file_kvks))
        in_db = {
            r["kvk"]
            for r in rows(
                db, f"SELECT kvk FROM organisations WHERE kvk IN ({marks})", list(file_kvks)
            )
        }
    from_file = sorted(file_kvks - in_db)
    without = [r for r in known if not r["kvk"]]
    if from_file and len(without) == 1:
        known = [r for r in known if r["kvk"]]
    listed = [(r["name"], r["kvk"], False) for r in known]
    return listed + [(name, kvk, True) for kvk in from_file]


def resolve_org(
    db: sqlite_utils.Database,
    name: str,
    kvk: str | None = None,
    kind: OrgKind | None = None,
    level: EducationLevel | None = None,
    field_name: str = "organisation",
    kind_field: str = "organisation_type",
    file_kvks: set[str] | None = None,
) -> Resolved:
    """Find the organisation by the identity rules, or create it; classify or warn on its kind."""
    name = clean_text(name)
    org_id, gets_kvk = find_org(db, name, kvk, field_name, file_kvks)
    if org_id is None:
        if not name:
            raise FunnelError("org_name_missing", field=field_name)
        new_id = insert_row(
            db,
            "organisations",
            {
                "name": name,
                "normal_name": normal_org_name(name),
                "kind": (kind or OrgKind.UNKNOWN).value,
                "kvk": kvk,
                "education_level": level.value if level else None,
                "created_at": now_iso(),
            },
        )
        return Resolved(int(new_id), "new")
    current = one(db, "SELECT * FROM organisations WHERE id = ?", [org_id])
    assert current is not None
    changes: dict[str, Any] = {}
    warnings: list[FunnelError] = []
    if gets_kvk:
        changes["kvk"] = kvk
    if kind and kind != OrgKind.UNKNOWN:
        if current["kind"] == OrgKind.UNKNOWN.value:
            changes["kind"] = kind.value
            if level and not current["education_level"]:
                changes["education_level"] = level.value
        elif current["kind"] != kind.value:
            warnings.append(
                FunnelError(
                    "org_kind_conflict",
                    field=kind_field,
                    name=current["name"],
                    known=current["kind"],
                    given=kind.value,
                )
            )
        elif level and not current["education_level"]:
            changes["education_level"] = level.value
    if changes:
        db.table("organisations").update(org_id, changes)
        return Resolved(org_id, "updated", warnings)
    return Resolved(org_id, "unchanged", warnings)


def resolve_person(
    db: sqlite_utils.Database,
    name: str,
    email: str | None,
    org_id: int | None,
    field_name: str = "person",
    file_emails: set[str] | None = None,
) -> Resolved | None:
    """Find the person by e-mail, else by name within the organisation, or create them.

    Returns None when the input names no person (no name and no e-mail). ``file_emails`` are
    the addresses the same file gives for this name at this organisation (see :func:`find_org`).
    """
    name = clean_text(name)
    normal = normal_text(name) if name else ""
    if email:
        row = one(db, "SELECT canonical_id FROM persons WHERE email = ?", [email])
        if row:
            person_id = row["canonical_id"]
            person = one(db, "SELECT name FROM persons WHERE id = ?", [person_id])
            if person and not person["name"] and name:
                db.table("persons").update(person_id, {"name": name, "normal_name": normal})
                return Resolved(person_id, "updated")
            return Resolved(person_id, "unchanged")
        if normal:
            same = rows(
                db,
                "SELECT id FROM persons WHERE normal_name = ? AND email IS NULL "
                "AND merged_into IS NULL AND organisation_id IS ? "
                "ORDER BY id",
                [normal, org_id],
            )
            if same:
                db.table("persons").update(same[0]["id"], {"email": email})
                return Resolved(same[0]["id"], "updated")
    elif not normal:
        return None
    else:
        same = rows(
            db,
            "SELECT id FROM persons WHERE normal_name = ? AND merged_into IS NULL "
            "AND organisation_id IS ? ORDER BY id",
            [normal, org_id],
        )
        total = len(same)
        extra = _extra_identities(db, "persons", "email", file_emails or set())
        if extra:
            without_email = [
                r
                for r in rows(
                    db,
                    "SELECT id FROM persons WHERE normal_name = ? AND email IS NULL AND merged_into IS NULL "
                    "AND organisation_id IS ?",
                    [normal, org_id],
                )
            ]
            total += extra - (1 if without_email else 0)
        if total > 1:
            raise FunnelError("person_ambiguous", field=field_name, name=name, count=total)
        if len(same) == 1:
            return Resolved(same[0]["id"], "unchanged")
    new_id = insert_row(
        db,
        "persons",
        {
            "name": name or None,
            "normal_name": normal or None,
            "email": email,
            "organisation_id": org_id,
            "created_at": now_iso(),
        },
    )
    return Resolved(int(new_id), "new")


# --- writing organisations and persons (the only place that does) ----------------------------


def update_organisation(db: sqlite_utils.Database, org_id: int, changes: dict[str, Any]) -> None:
    """Change an organisation's columns (its kind, region, KvK, partner flag, ...)."""
    db.table("organisations").update(org_id, changes)


def write_organisations(
    conn: sqlite3.Connection,
    new: Iterable[tuple[Any, ...]],
    changed: Iterable[tuple[Any, ...]],
) -> None:
    """An import's organisations at once: ``new`` as (id, name, normal_name, kind, kvk,
    education_level, created_at), ``changed`` as (kind, kvk, education_level, id)."""
    conn.executemany(
        "INSERT INTO organisations (id, name, normal_name, kind, kvk, education_level, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        new,
    )
    conn.executemany(
        "UPDATE organisations SET kind = ?, kvk = ?, education_level = ? WHERE id = ?", changed
    )


def write_persons(
    conn: sqlite3.Connection,
    new: Iterable[tuple[Any, ...]],
    changed: Iterable[tuple[Any, ...]],
) -> None:
    """An import's persons at once: ``new`` as (id, name, normal_name, email, organisation_id,
    created_at), ``changed`` as (name, normal_name, email, id)."""
    conn.executemany(
        "INSERT INTO persons (id, name, normal_name, email, organisation_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        new,
    )
    conn.executemany(
        "UPDATE persons SET name = ?, normal_name = ?, email = ? WHERE id = ?", changed
    )


def erase_persons(db: sqlite_utils.Database, person_ids: list[int], when: str) -> None:
    """An erasure: the persons keep their rows (they still count where they took part), without
    name, address or organisation (:func:`funnel.privacy.erase`)."""
    marks = ",".join("?" * len(person_ids))
    db.execute(
        f"UPDATE persons SET name = NULL, normal_name = NULL, email = NULL, "
        f"organisation_id = NULL, erased_at = COALESCE(erased_at, ?) WHERE id IN ({marks})",
        [when, *person_ids],
    )


# --- near-duplicates and merges ---------------------------------------------------------------


@dataclass(frozen=True)
class MergeProposal:
    """Two organisations whose names are alike but not the same."""

    a_id: int
    a_name: str
    b_id: int
    b_name: str


#: Names with more words than this are not looked up by their parts (2**words lookups each).
_MAX_SUBSET_WORDS = 12
#: Rows of one block compared at once (memory: this many times the block's size, in bytes).
_CHUNK = 512
_DIGITS = re.compile(r"\d+")


def merge_proposals(db: sqlite_utils.Database) -> list[MergeProposal]:
    """Pairs of organisations with similar names, not already kept apart, not both with a KvK.

    Only names that share a block (a word, or their first letters) can be alike, as before;
    but not every pair of a block is compared in Python (a block such as "onderhoud" holds
    thousands of names at a million attendance rows, so its pairs ran into tens of millions):
    names whose words are part of another's are looked up by those words, and names alike as
    text are found per block by rapidfuzz's ``cdist`` (in C, a chunk of the block at a time).
    Each pair found is then checked by :func:`funnel.identity.are_similar`, as every pair was.
    """
    orgs = rows(
        db,
        "SELECT id, name, normal_name, kvk FROM organisations WHERE merged_into IS NULL ORDER BY id",
    )
    apart = _kept_apart(db, "organisation")
    normals = [org["normal_name"] for org in orgs]
    buckets: dict[str, list[int]] = {}
    by_words: dict[frozenset[str], list[int]] = {}
    for position, normal in enumerate(normals):
        words = normal.split()
        keys = {w for w in words if len(w) >= 3 and w not in FILLER_WORDS}
        keys |= {"^" + normal[:3], "^" + " ".join(sorted(words))[:3]}
        for key in keys:
            buckets.setdefault(key, []).append(position)
        by_words.setdefault(frozenset(words), []).append(position)
    candidates: set[tuple[int, int]] = set()
    # one name's words are some of the other's ("tata steel" / "tata steel nederland"): look
    # up every part of each name's words
    for words, members in by_words.items():
        if not 1 < len(words) <= _MAX_SUBSET_WORDS:
            continue
        ordered = sorted(words)
        for size in range(1, len(ordered)):
            for part in combinations(ordered, size):
                found = by_words.get(frozenset(part))
                if not found:
                    continue
                for i in found:
                    for j in members:
                        candidates.add((i, j) if i < j else (j, i))
    # alike as text (a typo, the word order): per block, in C
    import numpy as np

    # only names with the same numbers can be alike as text ("windpark 1" / "windpark 2" are
    # not): compare within a block's names of the same numbers
    sorted_words = [" ".join(sorted(n.split())) for n in normals]
    numbers = [tuple(_DIGITS.findall(n)) for n in normals]
    hits = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        by_numbers: dict[tuple[str, ...], list[int]] = {}
        for m in members:
            by_numbers.setdefault(numbers[m], []).append(m)
        hits += [
            _alike_in_block(group, normals, sorted_words)
            for group in by_numbers.values()
            if len(group) > 1
        ]
    looked_up = np.fromiter((i << 32 | j for i, j in candidates), dtype=np.int64)
    pairs = np.unique(np.concatenate([looked_up, *hits]))
    proposals = []
    for pair in pairs.tolist():
        i, j = pair >> 32, pair & 0xFFFFFFFF
        a, b = orgs[i], orgs[j]
        if a["kvk"] and b["kvk"]:
            continue
        if (a["id"], b["id"]) in apart:
            continue
        if a["normal_name"] == b["normal_name"] or are_similar(a["normal_name"], b["normal_name"]):
            proposals.append(MergeProposal(a["id"], a["name"], b["id"], b["name"]))
    return proposals


def _alike_in_block(members: list[int], normals: list[str], sorted_words: list[str]) -> Any:
    """The pairs (i, j), i < j, of a block whose names, or their words in order, are about 90%
    alike (89: a margin for cdist's float32; every pair is checked exactly afterwards), as one
    numpy array of ``i * 2**32 + j`` (a block's hits can run into the hundreds of thousands)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    ids = np.asarray(members, dtype=np.int64)
    found = []
    for texts in (normals, sorted_words):
        block = [texts[m] for m in members]
        for start in range(0, len(block), _CHUNK):
            # each chunk against itself and what follows it: every pair once
            scores = process.cdist(
                block[start : start + _CHUNK], block[start:], scorer=fuzz.ratio, score_cutoff=89
            )
            rows_, columns = np.nonzero(scores)
            i, j = ids[start + rows_], ids[start + columns]
            keep = i != j
            low, high = np.minimum(i[keep], j[keep]), np.maximum(i[keep], j[keep])
            found.append(low << 32 | high)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class PersonProposal:
    """Two persons who may be one: ``reason`` says why (``same_name``: the same name in the same
    organisation with other e-mail addresses; ``same_local_part``: the same e-mail local part at
    two domains, in one organisation)."""

    a_id: int
    a_name: str
    b_id: int
    b_name: str
    reason: str


def person_merge_proposals(db: sqlite_utils.Database) -> list[PersonProposal]:
    """Pairs of persons (not merged, not erased, not kept apart) in the same organisation with
    the same name but other e-mail addresses, or the same e-mail local part at another domain."""
    people = rows(
        db,
        "SELECT p.id, p.name, p.normal_name, p.email, o.canonical_id AS org FROM persons p "
        "JOIN organisations o ON o.id = p.organisation_id "
        "WHERE p.merged_into IS NULL AND p.erased_at IS NULL ORDER BY p.id",
    )
    apart = _kept_apart(db, "person")
    by_name: dict[tuple[int, str], list[dict[str, Any]]] = {}
    by_local: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for person in people:
        if person["normal_name"]:
            by_name.setdefault((person["org"], person["normal_name"]), []).append(person)
        if person["email"]:
            local, _, domain = person["email"].rpartition("@")
            by_local.setdefault((person["org"], local), []).append(person)
    found: dict[tuple[int, int], PersonProposal] = {}
    for groups, reason in ((by_name, "same_name"), (by_local, "same_local_part")):
        for members in groups.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair = (a["id"], b["id"])
                    if pair in apart or pair in found:
                        continue
                    found[pair] = PersonProposal(
                        a["id"], a["name"] or a["email"], b["id"], b["name"] or b["email"], reason
                    )
    return [found[pair] for pair in sorted(found)]


def _kept_apart(db: sqlite_utils.Database, entity: str) -> set[tuple[int, int]]:
    return {
        (r["a_id"], r["b_id"])
        for r in rows(db, "SELECT a_id, b_id FROM kept_apart WHERE entity = ?", [entity])
    }


def keep_apart(
    db: sqlite_utils.Database,
    a_id: int,
    b_id: int,
    user_id: int | None,
    entity: Literal["organisation", "person"] = "organisation",
) -> None:
    """Record that two organisations (or persons) are different, so they are not proposed again."""
    if a_id == b_id:
        raise FunnelError("merge_same")
    a_id, b_id = sorted((a_id, b_id))
    table = _TABLES[entity]
    with transaction(db):
        found = rows(db, f"SELECT id FROM {table} WHERE id IN (?, ?)", [a_id, b_id])
        if len(found) != 2:
            raise FunnelError("not_found", what=entity)
        db.execute(
            "INSERT OR IGNORE INTO kept_apart (entity, a_id, b_id, user_id, decided_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [entity, a_id, b_id, user_id, now_iso()],
        )


_TABLES = {"organisation": "organisations", "person": "persons"}


def merge(
    db: sqlite_utils.Database,
    entity: Literal["organisation", "person"],
    source_id: int,
    target_id: int,
    user_id: int | None,
) -> int:
    """Merge ``source`` into ``target``: it counts as the target from now on; returns the merge id.

    Nothing is deleted or re-pointed: the source keeps its rows and points to the target, so the
    merge can be undone exactly.
    """
    table = _TABLES[entity]
    if source_id == target_id:
        raise FunnelError("merge_same")
    with transaction(db):
        source = one(db, f"SELECT * FROM {table} WHERE id = ?", [source_id])
        target = one(db, f"SELECT * FROM {table} WHERE id = ?", [target_id])
        if not source or not target:
            raise FunnelError("not_found", what=entity)
        if source["merged_into"] or target["merged_into"]:
            raise FunnelError("merge_already_merged")
        if entity == "person" and (source["erased_at"] or target["erased_at"]):
            raise FunnelError("merge_erased")
        followers = [
            r["id"] for r in rows(db, f"SELECT id FROM {table} WHERE merged_into = ?", [source_id])
        ]
        db.execute(f"UPDATE {table} SET merged_into = ? WHERE id = ?", [target_id, source_id])
        if followers:
            db.execute(
                f"UPDATE {table} SET merged_into = ? WHERE merged_into = ? AND id != ?",
                [target_id, source_id, source_id],
            )
        if entity == "organisation" and source["kind"] != "unknown" and target["kind"] == "unknown":
            db.execute(
                "UPDATE organisations SET kind = ? WHERE id = ?", [source["kind"], target_id]
            )
            followers.append(-1)  # marks: target's kind was taken from the source
        return insert_row(
            db,
            "merges",
            {
                "entity": entity,
                "source_id": source_id,
                "target_id": target_id,
                "moved": json.dumps(followers),
                "user_id": user_id,
                "merged_at": now_iso(),
            },
        )


def undo_merge(db: sqlite_utils.Database, merge_id: int) -> None:
    """Undo a merge: the source counts on its own again."""
    with transaction(db):
        record = one(db, "SELECT * FROM merges WHERE id = ?", [merge_id])
        if not record or record["undone_at"]:
            raise FunnelError("merge_not_undoable")
        table = _TABLES[record["entity"]]
        if record["entity"] == "person":
            erased = one(
                db,
                "SELECT COUNT(*) AS n FROM persons WHERE id IN (?, ?) AND erased_at IS NOT NULL",
                [record["source_id"], record["target_id"]],
            )
            if erased and erased["n"]:
                # an erased person counts once where it took part; split, it would count twice
                raise FunnelError("merge_erased")
        moved = json.loads(record["moved"])
        db.execute(f"UPDATE {table} SET merged_into = NULL WHERE id = ?", [record["source_id"]])
        source = one(db, f"SELECT * FROM {table} WHERE id = ?", [record["source_id"]]) or {}
        for follower in moved:
            if follower == -1:
                # the target took the source's kind: give it back only if nobody changed it since
                db.execute(
                    "UPDATE organisations SET kind = 'unknown' WHERE id = ? AND kind = ?",
                    [record["target_id"], source.get("kind")],
                )
            else:
                # only those still merged into this merge's target (a later merge may have moved
                # them on, or an earlier undo freed them)
                db.execute(
                    f"UPDATE {table} SET merged_into = ? WHERE id = ? AND merged_into = ?",
                    [record["source_id"], follower, record["target_id"]],
                )
        db.execute("UPDATE merges SET undone_at = ? WHERE id = ?", [now_iso(), merge_id])


def default_keeper(a: dict[str, Any], b: dict[str, Any], counts: dict[int, int]) -> int:
    """Which of two organisations to keep in a merge: the one with a KvK number, else the one
    with more participations, else the older one."""
    if bool(a.get("kvk")) != bool(b.get("kvk")):
        return a["id"] if a.get("kvk") else b["id"]
    if counts.get(a["id"], 0) != counts.get(b["id"], 0):
        return a["id"] if counts.get(a["id"], 0) > counts.get(b["id"], 0) else b["id"]
    return min(a["id"], b["id"])

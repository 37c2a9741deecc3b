"""An attendance import's view of the directory, loaded once into dicts (issue 7).

The import resolves every row by the identity rules of :mod:`funnel.directory` (organisations
by KvK number, then normal name; persons by e-mail, then normal name within the organisation;
activities by date and normal title; attendance once per activity), but against these dicts
instead of a query per row. What the plan adds or changes is kept here too, so that later rows
see earlier ones, and :meth:`Index.write` writes it all with a few ``executemany`` statements.

Each row is resolved as a unit: :meth:`Index.row` undoes what a row changed when the row is
refused (an ambiguous name), as the savepoint per row did.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any

import sqlite_utils

from funnel import directory, store
from funnel.directory import MatchedOn, Resolved
from funnel.errors import FunnelError
from funnel.identity import clean_text, normal_org_name, normal_text
from funnel.models import EducationLevel, OrgKind

_MISSING = object()
#: attendance keys: activity id and person (or organisation) id in one int
_SHIFT = 32

# row layouts (tuples, replaced whole on change)
# organisation: name, normal_name, kind, kvk, education_level, merged_into
_O_NAME, _O_NORMAL, _O_KIND, _O_KVK, _O_LEVEL, _O_MERGED = range(6)
# person: name, normal_name, email, organisation_id, merged_into
_P_NAME, _P_NORMAL, _P_EMAIL, _P_ORG, _P_MERGED = range(5)


class Index:
    """Organisations, persons, activities and attendance as dicts, and what the plan changed."""

    def __init__(self) -> None:
        self.orgs: dict[int, tuple[Any, ...]] = {}
        self.org_by_kvk: dict[str, int] = {}
        self.org_by_normal: dict[str, tuple[int, ...]] = {}
        self.persons: dict[int, tuple[Any, ...]] = {}
        self.person_by_email: dict[str, int] = {}
        self.person_by_name: dict[tuple[str, int | None], tuple[int, ...]] = {}
        #: (date, normal title) -> (id, title, activity_type, fieldlab)
        self.activities: dict[tuple[str, str], tuple[Any, ...]] = {}
        #: activity << 32 | person -> attendance id (negative: no organisation recorded)
        self.att_person: dict[int, int] = {}
        #: activity << 32 | organisation -> attendance id (rows without a person)
        self.att_org: dict[int, int] = {}
        self.next_id: dict[str, int] = {}
        # what the plan wrote: new ids and changed ids per table (dicts used as ordered sets)
        self.new: dict[str, dict[int, Any]] = {t: {} for t in _TABLES}
        self.changed: dict[str, dict[int, Any]] = {t: {} for t in _TABLES}
        #: new attendance (activity, organisation, person per new id); changed: id -> organisation
        self.new_attendance = NewAttendance()
        self.changed_attendance: dict[int, int] = {}
        #: what the current row changed: (dict or array, key, the value before)
        self._journal: list[tuple[Any, Any, Any]] = []

    # --- loading ------------------------------------------------------------------------------

    @classmethod
    def load(
        cls, db: sqlite_utils.Database, activity_keys: Iterable[tuple[str, str]] = ()
    ) -> Index:
        """Read what an import needs (call inside one read transaction, for one consistent
        view). Attendance is read only for the existing activities among ``activity_keys``."""
        index = cls()
        conn = db.conn
        by_normal: dict[str, list[int]] = {}
        for oid, name, normal, kind, kvk, level, merged in conn.execute(
            "SELECT id, name, normal_name, kind, kvk, education_level, merged_into "
            "FROM organisations ORDER BY id"
        ):
            index.orgs[oid] = (name, normal, kind, kvk, level, merged)
            if kvk:
                index.org_by_kvk[kvk] = oid
            by_normal.setdefault(normal, []).append(oid)
        index.org_by_normal = {k: tuple(v) for k, v in by_normal.items()}
        by_name: dict[tuple[str, int | None], list[int]] = {}
        for pid, name, normal, email, org, merged in conn.execute(
            "SELECT id, name, normal_name, email, organisation_id, merged_into "
            "FROM persons ORDER BY id"
        ):
            index.persons[pid] = (name, normal, email, org, merged)
            if email:
                index.person_by_email[email] = pid
            if normal:
                by_name.setdefault((normal, org), []).append(pid)
        index.person_by_name = {k: tuple(v) for k, v in by_name.items()}
        for aid, title, normal, day, kind, fieldlab in conn.execute(
            "SELECT id, title, normal_title, activity_date, activity_type, fieldlab FROM activities"
        ):
            index.activities[(day, normal)] = (aid, title, kind, fieldlab)
        wanted = sorted(
            {index.activities[key][0] for key in set(activity_keys) if key in index.activities}
        )
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            for aid, oid, pid, att in conn.execute(
                "SELECT activity_id, organisation_id, person_id, id FROM attendance "
                f"WHERE activity_id IN ({','.join('?' * len(batch))})",
                batch,
            ):
                if pid is not None:
                    index.att_person[aid << _SHIFT | pid] = att if oid is not None else -att
                else:
                    index.att_org[aid << _SHIFT | oid] = att
        for table in (*_TABLES, "attendance"):
            top = conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0]
            index.next_id[table] = (top or 0) + 1
        return index

    # --- one row at a time, undone when refused ----------------------------------------------

    def row(self) -> Index:
        """Resolve one row (``with index.row(): ...``): if it raises, everything it changed
        here is undone. A plain context manager, not a generator's: it is entered a million
        times by a large import."""
        return self

    def __enter__(self) -> Index:
        self._journal.clear()
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is not None:
            for mapping, key, old in reversed(self._journal):
                if old is _MISSING:
                    del mapping[key]
                else:
                    mapping[key] = old
            # the new attendance ids the row took are given back
            self.new_attendance.forget_from(self.next_id.get("attendance"))
        self._journal.clear()  # the exception, if any, goes on to the caller

    def _put(self, mapping: dict[Any, Any], key: Any, value: Any) -> None:
        self._journal.append((mapping, key, mapping.get(key, _MISSING)))
        mapping[key] = value

    def _take_id(self, table: str) -> int:
        new_id = self.next_id[table]
        self._put(self.next_id, table, new_id + 1)
        return new_id

    def _mark(self, table: str, row_id: int) -> None:
        if row_id not in self.new[table] and row_id not in self.changed[table]:
            self._put(self.changed[table], row_id, True)

    # --- activities -------------------------------------------------------------------------

    def activity(
        self, day: str, title: str, normal_title: str, kind: str | None, fieldlab: str | None
    ) -> tuple[int, str]:
        """Find or create the activity of (date, normal title); fill an empty type or Fieldlab."""
        key = (day, normal_title)
        found = self.activities.get(key)
        if found is None:
            new_id = self._take_id("activities")
            self._put(self.activities, key, (new_id, title, kind, fieldlab))
            self._put(self.new["activities"], new_id, key)
            return new_id, "new"
        activity_id, known_title, known_kind, known_fieldlab = found
        if (kind and not known_kind) or (fieldlab and not known_fieldlab):
            self._put(
                self.activities,
                key,
                (activity_id, known_title, known_kind or kind, known_fieldlab or fieldlab),
            )
            if activity_id not in self.new["activities"]:
                self._put(self.changed["activities"], activity_id, key)
            return activity_id, "updated"
        return activity_id, "unchanged"

    # --- organisations (funnel.directory.find_org and resolve_org, on the dicts) -------------

    def _canonical_org(self, org_id: int) -> int:
        merged = self.orgs[org_id][_O_MERGED]
        return int(merged) if merged else org_id

    def _orgs_without_kvk(self, normal: str) -> list[int]:
        return [
            i
            for i in self.org_by_normal.get(normal, ())
            if self.orgs[i][_O_KVK] is None and self.orgs[i][_O_MERGED] is None
        ]

    def find_org(
        self, name: str, kvk: str | None, field_name: str, file_kvks: set[str]
    ) -> tuple[int | None, bool]:
        """As :func:`funnel.directory.find_org`."""
        normal = normal_org_name(name) if name else ""
        if kvk:
            known = self.org_by_kvk.get(kvk)
            if known is not None:
                return self._canonical_org(known), False
            if not normal:
                return None, False
            same = self._orgs_without_kvk(normal)
            if len(same) == 1:
                return same[0], True
            return None, False
        if not normal:
            return None, False
        ids = sorted({self._canonical_org(i) for i in self.org_by_normal.get(normal, ())})
        total = len(ids)
        extra = sum(1 for k in file_kvks if k not in self.org_by_kvk)
        if extra:
            total += extra - (1 if len(self._orgs_without_kvk(normal)) == 1 else 0)
        if total > 1:
            in_db = {k for k in file_kvks if k in self.org_by_kvk}
            known_rows = [(self.orgs[i][_O_NAME], self.orgs[i][_O_KVK]) for i in ids]
            from_file = sorted(file_kvks - in_db)
            if from_file and len([r for r in known_rows if not r[1]]) == 1:
                known_rows = [r for r in known_rows if r[1]]
            candidates = [(n, k, False) for n, k in known_rows]
            candidates += [(name, k, True) for k in from_file]
            raise FunnelError(
                "org_ambiguous", field=field_name, name=name, count=total, candidates=candidates
            )
        return (ids[0], False) if ids else (None, False)

    def resolve_org(
        self,
        name: str,
        kvk: str | None,
        kind: OrgKind | None,
        level: EducationLevel | None,
        field_name: str,
        kind_field: str,
        file_kvks: set[str],
    ) -> Resolved:
        """As :func:`funnel.directory.resolve_org`."""
        name = clean_text(name)
        org_id, gets_kvk = self.find_org(name, kvk, field_name, file_kvks)
        # a KvK number given finds by that number, unless the name found it (and gets it)
        on: MatchedOn = "kvk" if kvk and not gets_kvk else "name"
        if org_id is None:
            if not name:
                raise FunnelError("org_name_missing", field=field_name)
            new_id = self._take_id("organisations")
            normal = normal_org_name(name)
            row = (
                name,
                normal,
                (kind or OrgKind.UNKNOWN).value,
                kvk,
                level.value if level else None,
            )
            self._put(self.orgs, new_id, (*row, None))
            self._put(self.new["organisations"], new_id, True)
            if kvk:
                self._put(self.org_by_kvk, kvk, new_id)
            self._put(self.org_by_normal, normal, (*self.org_by_normal.get(normal, ()), new_id))
            return Resolved(new_id, "new")
        current = self.orgs[org_id]
        row_kind, row_kvk, row_level = current[_O_KIND], current[_O_KVK], current[_O_LEVEL]
        warnings: list[FunnelError] = []
        if gets_kvk:
            row_kvk = kvk
        if kind and kind != OrgKind.UNKNOWN:
            if current[_O_KIND] == OrgKind.UNKNOWN.value:
                row_kind = kind.value
                if level and not current[_O_LEVEL]:
                    row_level = level.value
            elif current[_O_KIND] != kind.value:
                warnings.append(
                    FunnelError(
                        "org_kind_conflict",
                        field=kind_field,
                        name=current[_O_NAME],
                        known=current[_O_KIND],
                        given=kind.value,
                    )
                )
            elif level and not current[_O_LEVEL]:
                row_level = level.value
        if (row_kind, row_kvk, row_level) != (current[_O_KIND], current[_O_KVK], current[_O_LEVEL]):
            name_, normal_ = current[_O_NAME], current[_O_NORMAL]
            self._put(self.orgs, org_id, (name_, normal_, row_kind, row_kvk, row_level, current[5]))
            if gets_kvk and kvk:
                self._put(self.org_by_kvk, kvk, org_id)
            self._mark("organisations", org_id)
            return Resolved(org_id, "updated", warnings, on)
        return Resolved(org_id, "unchanged", warnings, on)

    # --- persons (funnel.directory.resolve_person, on the dicts) -----------------------------

    def _set_person(self, person_id: int, row: tuple[Any, ...]) -> None:
        old = self.persons[person_id]
        self._put(self.persons, person_id, row)
        if (old[_P_NORMAL], old[_P_ORG]) != (row[_P_NORMAL], row[_P_ORG]):
            if old[_P_NORMAL]:
                key = (old[_P_NORMAL], old[_P_ORG])
                self._put(
                    self.person_by_name,
                    key,
                    tuple(i for i in self.person_by_name.get(key, ()) if i != person_id),
                )
            if row[_P_NORMAL]:
                key = (row[_P_NORMAL], row[_P_ORG])
                self._put(
                    self.person_by_name,
                    key,
                    tuple(sorted((*self.person_by_name.get(key, ()), person_id))),
                )
        self._mark("persons", person_id)

    def resolve_person(
        self,
        name: str,
        email: str | None,
        org_id: int | None,
        field_name: str,
        file_emails: set[str],
    ) -> Resolved | None:
        """As :func:`funnel.directory.resolve_person`."""
        name = clean_text(name)
        normal = normal_text(name) if name else ""
        persons = self.persons
        if email:
            known = self.person_by_email.get(email)
            if known is not None:
                merged = persons[known][_P_MERGED]
                person_id = int(merged) if merged else known
                person = persons.get(person_id)
                if person and not person[_P_NAME] and name:
                    self._set_person(person_id, (name, normal, *person[2:]))
                    return Resolved(person_id, "updated", on="email")
                return Resolved(person_id, "unchanged", on="email")
            if normal:
                same = [
                    i
                    for i in self.person_by_name.get((normal, org_id), ())
                    if persons[i][_P_EMAIL] is None and persons[i][_P_MERGED] is None
                ]
                if same:
                    row = persons[same[0]]
                    self._set_person(same[0], (row[0], row[1], email, *row[3:]))
                    self._put(self.person_by_email, email, same[0])
                    return Resolved(same[0], "updated", on="name")
        elif not normal:
            return None
        else:
            same = [
                i
                for i in self.person_by_name.get((normal, org_id), ())
                if persons[i][_P_MERGED] is None
            ]
            total = len(same)
            extra = sum(1 for e in file_emails if e not in self.person_by_email)
            if extra:
                without_email = [i for i in same if persons[i][_P_EMAIL] is None]
                total += extra - (1 if without_email else 0)
            if total > 1:
                raise FunnelError("person_ambiguous", field=field_name, name=name, count=total)
            if len(same) == 1:
                return Resolved(same[0], "unchanged", on="name")
        new_id = self._take_id("persons")
        self._put(persons, new_id, (name or None, normal or None, email, org_id, None))
        self._put(self.new["persons"], new_id, True)
        if email:
            self._put(self.person_by_email, email, new_id)
        if normal:
            key = (normal, org_id)
            self._put(self.person_by_name, key, (*self.person_by_name.get(key, ()), new_id))
        return Resolved(new_id, "new")

    def org_name(self, org_id: int) -> str:
        """An organisation's name as the directory has it (or will have it after the plan)."""
        return str(self.orgs[org_id][_O_NAME])

    def person_identity(self, person_id: int) -> tuple[str | None, str | None]:
        """A person's name and e-mail address (both None once the person is erased)."""
        row = self.persons[person_id]
        return row[_P_NAME], row[_P_EMAIL]

    # --- attendance -------------------------------------------------------------------------

    def attend(
        self, activity_id: int, org_id: int | None, person_id: int | None
    ) -> tuple[int, str]:
        """Record the attendance once per activity (per person, else per organisation)."""
        if person_id is not None:
            key = activity_id << _SHIFT | person_id
            found = self.att_person.get(key)
            if found is None:
                new_id = self._take_id("attendance")
                self._put(self.att_person, key, new_id if org_id is not None else -new_id)
                self.new_attendance.add(new_id, activity_id, org_id, person_id)
                return new_id, "new"
            if found < 0 and org_id is not None:
                self._put(self.att_person, key, -found)
                if -found in self.new_attendance:
                    slots, place = (
                        self.new_attendance.organisation,
                        self.new_attendance.place(-found),
                    )
                    self._journal.append((slots, place, slots[place]))  # undone as a dict is
                    slots[place] = org_id
                else:
                    self._put(self.changed_attendance, -found, org_id)
                return -found, "updated"
            return abs(found), "unchanged"
        assert org_id is not None
        key = activity_id << _SHIFT | org_id
        found = self.att_org.get(key)
        if found is None:
            new_id = self._take_id("attendance")
            self._put(self.att_org, key, new_id)
            self.new_attendance.add(new_id, activity_id, org_id, None)
            return new_id, "new"
        return found, "unchanged"

    # --- writing ----------------------------------------------------------------------------

    def write(self, db: sqlite_utils.Database, now: str) -> None:
        """Write what the plan added and changed (call inside :func:`funnel.db.transaction`)."""
        conn = db.conn
        orgs, persons = self.orgs, self.persons
        directory.write_organisations(
            conn,
            [(i, *orgs[i][:5], now) for i in self.new["organisations"]],
            [(*orgs[i][_O_KIND : _O_LEVEL + 1], i) for i in self.changed["organisations"]],
        )
        directory.write_persons(
            conn,
            [(i, *persons[i][:4], now) for i in self.new["persons"]],
            [(*persons[i][:3], i) for i in self.changed["persons"]],
        )
        activities = self.activities
        store.write_activities(
            conn,
            [
                (i, activities[key][1], key[1], key[0], *activities[key][2:], now)
                for i, key in self.new["activities"].items()
            ],
            [(*activities[key][2:], i) for i, key in self.changed["activities"].items()],
        )
        store.write_attendance(
            conn,
            self.new_attendance.rows(now),  # one at a time
            [(org, i) for i, org in self.changed_attendance.items()],
        )


_TABLES = ("organisations", "persons", "activities")


class NewAttendance:
    """The plan's new attendance rows as three arrays of ids, one place per new id (issue 7: a
    dict of a million (activity, organisation, person) tuples took about 150 MB; these take 24
    bytes a row). New ids are taken one after another, so the place is the id less the first;
    0 stands for no organisation or person (ids start at 1)."""

    __slots__ = ("first", "activity", "organisation", "person")

    def __init__(self) -> None:
        self.first: int | None = None
        self.activity, self.organisation, self.person = array("q"), array("q"), array("q")

    def __len__(self) -> int:
        return len(self.activity)

    def __contains__(self, row_id: int) -> bool:
        return self.first is not None and 0 <= row_id - self.first < len(self.activity)

    def add(self, row_id: int, activity: int, organisation: int | None, person: int | None) -> None:
        if self.first is None:
            self.first = row_id
        place = row_id - self.first
        if place < len(self.activity):  # the id of a refused row, taken again: that row is gone
            del self.activity[place:], self.organisation[place:], self.person[place:]
        if place != len(self.activity):
            raise ValueError(f"attendance id {row_id} is not the next new one")
        self.activity.append(activity)
        self.organisation.append(organisation or 0)
        self.person.append(person or 0)

    def forget_from(self, row_id: int | None) -> None:
        """Drop the rows from ``row_id`` on (ids a refused row took and gave back)."""
        if row_id is None or self.first is None or row_id - self.first >= len(self.activity):
            return
        place = max(row_id - self.first, 0)
        del self.activity[place:], self.organisation[place:], self.person[place:]

    def place(self, row_id: int) -> int:
        """Where the new row ``row_id`` is kept in the arrays."""
        assert row_id in self and self.first is not None
        return row_id - self.first

    def rows(self, now: str) -> Iterator[tuple[int, int, int | None, int | None, str]]:
        """(id, activity, organisation, person, now) per new row, in id order."""
        first = self.first or 0
        for place, (activity, organisation, person) in enumerate(
            zip(self.activity, self.organisation, self.person, strict=True)
        ):
            yield first + place, activity, organisation or None, person or None, now

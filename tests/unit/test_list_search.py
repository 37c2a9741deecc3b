"""The organisation and person lists search in SQLite (with a limit and a count) and find
exactly what the old Python filter found: any case, accents, KvK digits."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnel import db as storage
from funnel import queries
from funnel.identity import normal_org_name

LETTERS = "aAbBéÉöÖßeEijIJ .-"
names = st.text(alphabet=LETTERS, min_size=1, max_size=12).filter(lambda s: s.strip())


def _fill(database, orgs: list[str], persons: list[tuple[str, str | None]]) -> None:
    conn = database.conn
    conn.execute("DELETE FROM persons")
    conn.execute("DELETE FROM organisations")
    for number, name in enumerate(orgs, start=1):
        conn.execute(
            "INSERT INTO organisations (id, name, normal_name, kind, kvk, created_at) "
            "VALUES (?, ?, ?, 'company', ?, '2026-01-01')",
            [number, name, normal_org_name(name), f"{10000000 + number * 7}"],
        )
    for number, (name, email) in enumerate(persons, start=1):
        conn.execute(
            "INSERT INTO persons (id, name, email, organisation_id, created_at) "
            "VALUES (?, ?, ?, ?, '2026-01-01')",
            [number, name, email, 1 if orgs else None],
        )


def _old_persons(database, search: str) -> list[int]:
    needle = search.strip().casefold()
    found = []
    for r in database.execute(
        "SELECT p.id, p.name, p.email, o.name FROM persons p LEFT JOIN organisations o "
        "ON o.id = p.organisation_id WHERE p.merged_into IS NULL ORDER BY p.name COLLATE NOCASE, p.id"
    ):
        hay = " ".join(str(v or "") for v in r[1:])
        if not needle or needle in hay.casefold():
            found.append(r[0])
    return found


def _old_organisations(database, search: str) -> list[int]:
    needle = normal_org_name(search) if search else ""
    kvk_like = bool(search) and all(c.isdigit() or c in " ." for c in search.strip())
    digits = "".join(c for c in search if c.isdigit()) if kvk_like else ""
    return [
        r[0]
        for r in database.execute(
            "SELECT id, normal_name, kvk FROM organisations WHERE merged_into IS NULL "
            "ORDER BY name COLLATE NOCASE, id"
        )
        if not needle or needle in r[1] or (digits and digits in (r[2] or ""))
    ]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    connection = storage.connect(tmp_path_factory.mktemp("search") / "search.db")
    yield connection
    connection.conn.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    orgs=st.lists(names, min_size=1, max_size=8),
    persons=st.lists(
        st.tuples(names, st.none() | names.map(lambda s: s + "@x.nl")),
        max_size=8,
        unique_by=lambda p: p[1].casefold() if p[1] else id(p),  # e-mail addresses are unique
    ),
    search=st.text(alphabet=LETTERS + "0123456789", max_size=4),
)
def test_the_sql_search_finds_what_the_python_filter_found(database, orgs, persons, search):
    _fill(database, orgs, persons)
    people = [p["id"] for p in queries.list_persons(database, search)]
    assert people == _old_persons(database, search)
    assert queries.count_persons(database, search) == len(people)
    assert [p["id"] for p in queries.list_persons(database, search, limit=2)] == people[:2]
    found = [o["id"] for o in queries.list_organisations(database, search)]
    assert found == _old_organisations(database, search)
    assert queries.count_organisations(database, search) == len(found)
    assert [o["id"] for o in queries.list_organisations(database, search, limit=3)] == found[:3]


def test_a_kvk_search_and_a_case_folded_one(database):
    _fill(database, ["Crown van Gelder B.V.", "Straße Bouw"], [("Élodie Özdemir", None)])
    assert [o["name"] for o in queries.list_organisations(database, "10000007")] == [
        "Crown van Gelder B.V."
    ]
    assert [o["name"] for o in queries.list_organisations(database, "STRASSE")] == ["Straße Bouw"]
    assert [p["name"] for p in queries.list_persons(database, "ÉLODIE ö")] == ["Élodie Özdemir"]


def test_the_casefold_function_is_on_every_connection(tmp_path):
    database = storage.connect(tmp_path / "x.db")
    assert database.execute("SELECT casefold('ÉÖẞ')").fetchone()[0] == "éöss"
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(":memory:").execute("SELECT casefold('a')")

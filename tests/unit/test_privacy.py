"""Personal data (AVG/GDPR): a person's export holds everything about them; an erasure leaves no
trace of the name and e-mail address in the bytes of the database, its WAL and its shm (while
the app's connection is open), keeps every count and snapshot as it was, and is recorded
without the erased data; the retention setting lists the persons not seen for years."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlite_utils

from funnel import db as storage
from funnel import imports, metrics, privacy, queries, services, settings
from funnel.auth import Actor
from funnel.errors import FunnelError, PermissionDenied
from funnel.identity import normal_text
from tests.conftest import dump_tables

D = dt.date
HEADER = "Datum;Activiteit;Organisatie;KvK;Type organisatie;Naam;E-mail"
NAME = "Zoë Geheimhouden"
EMAIL = "zoe.geheimhouden@vertrouwelijk.example"
OTHER_EMAIL = "z.geheimhouden@prive.example"
#: what may be found nowhere after the erasure: the name as typed, its normal form, the surname,
#: both addresses and their local parts
NEEDLES = [
    NAME.encode(),
    normal_text(NAME).encode(),
    b"Geheimhouden",
    b"geheimhouden",
    EMAIL.encode(),
    OTHER_EMAIL.encode(),
    b"zoe.geheimhouden",
]
#: the tables an erasure changes (the audit trail too: the erasure's own change, and the
#: erased values blanked in earlier ones); every other one (also the frozen snapshots of migration 4 on
#: main, which hold person ids only) must be exactly as it was
ERASURE_TABLES = {"persons", "erasures", "intakes", "use_cases", "stage_events", "audit"}


def attend(db: sqlite_utils.Database, *rows: str) -> None:
    report = imports.import_participants(db, "\n".join([HEADER, *rows]).encode(), name="a.csv")
    assert report.committed, [p.render("a.csv", "en") for p in report.errors]


def found_in_files(path: Path) -> dict[str, list[bytes]]:
    """Which needles are in the bytes of the database file, its -wal and its -shm."""
    found = {}
    for suffix in ("", "-wal", "-shm"):
        file = Path(f"{path}{suffix}")
        data = file.read_bytes() if file.exists() else b""
        found[suffix or "db"] = [n for n in NEEDLES if n in data]
    return found


def person_id(db: sqlite_utils.Database, email: str) -> int:
    return db.execute("SELECT id FROM persons WHERE email = ?", [email]).fetchone()[0]


@pytest.fixture
def legacy(db_path: Path, db: sqlite_utils.Database, leader: Actor) -> sqlite_utils.Database:
    """The person's history written as a stock SQLite build writes it (secure_delete off): a
    name-only row first, the address later, hundreds of others around it, an intake about them
    with notes, a use case that names them, a second record merged into theirs."""
    old = storage.connect(db_path)
    old.execute("PRAGMA secure_delete = OFF")
    rows = [
        f"0{1 + n % 9}-02-2025;Meetup {n % 7};Bedrijf {n % 40};;bedrijf;Persoon {n};p{n}@b{n % 40}.example"
        for n in range(400)
    ]
    attend(old, "03-03-2025;Workshop Restwarmte;Acme Techniek;;bedrijf;" + NAME + ";", *rows[:200])
    attend(old, "04-03-2025;Fieldlab;Acme Techniek;;bedrijf;" + NAME + ";" + EMAIL, *rows[200:])
    attend(old, "05-03-2024;Meetup;Acme Techniek;;bedrijf;Z. Geheimhouden;" + OTHER_EMAIL)
    zoe = person_id(old, EMAIL)
    acme = old.execute("SELECT id FROM organisations WHERE name = 'Acme Techniek'").fetchone()[0]
    case = services.create_use_case(
        old, leader, "Warmte voor Zoë Geheimhouden", D(2025, 3, 1), acme,
        description=f"Vraag van {NAME} ({EMAIL}); Zoe belt terug.", next_step="Zoë bellen",
    )  # fmt: skip
    services.save_intake(
        old, leader, D(2025, 3, 10), acme, person_name=NAME, person_email=EMAIL,
        use_case_id=case, notes="Gesprek met Zoë: zij wil restwarmte. Geheimhouden belt.",
        next_step="Offerte naar zoe.geheimhouden@vertrouwelijk.example",
    )  # fmt: skip
    services.move_use_case(
        old, leader, case, "definition", D(2025, 3, 12), note="Zoe Geheimhouden akkoord"
    )
    services.merge_persons(old, leader, person_id(old, OTHER_EMAIL), zoe)
    # as an automatic checkpoint does now and then: the pages go to the main file, the WAL stays
    old.execute("PRAGMA wal_checkpoint(PASSIVE)")
    old.conn.close()
    return db


def test_an_erasure_leaves_the_name_and_address_nowhere_in_the_files(
    db_path: Path, legacy: sqlite_utils.Database, leader: Actor
) -> None:
    db = legacy
    app = storage.connect(db_path)  # the app's connection, open all along, as a session holds it
    years = metrics.years_with_data(db)
    as_of_dates = [None, D(2025, 3, 4), D(2025, 6, 30)]
    live = {
        (y, d): metrics.snapshot(app, y, d)
        for y in years
        for d in as_of_dates
        if not d or d.year == y
    }
    counted = {y: metrics.unique_participants(app, y).persons for y in years}
    untouched = {k: v for k, v in dump_tables(db).items() if k not in ERASURE_TABLES}
    before = found_in_files(db_path)
    assert before["db"] and before["-wal"], "the test must see the data before it is erased"

    erased = services.erase_person(db, leader, person_id(db, EMAIL))

    assert (erased.records, erased.wal_cleared) == (2, True)
    assert found_in_files(db_path) == {"db": [], "-wal": [], "-shm": []}
    # the app still reads and writes; nothing comes back from what it had read before
    assert {(y, d): metrics.snapshot(app, y, d) for (y, d) in live} == live
    assert {y: metrics.unique_participants(app, y).persons for y in years} == counted
    services.set_setting(app, leader, "retention_years", 2)
    assert found_in_files(db_path) == {"db": [], "-wal": [], "-shm": []}
    assert {k: v for k, v in dump_tables(db).items() if k not in ERASURE_TABLES | {"meta"}} == {
        k: v for k, v in untouched.items() if k != "meta"
    }
    app.conn.close()


def test_free_text_loses_the_name_and_address_and_keeps_the_rest(
    legacy: sqlite_utils.Database, leader: Actor
) -> None:
    services.erase_person(legacy, leader, person_id(legacy, EMAIL))
    case = legacy.execute("SELECT title, description, next_step FROM use_cases").fetchone()
    assert case == (
        "Warmte voor [gewist]",
        "Vraag van [gewist] ([gewist]); Zoe belt terug.",  # a first name alone names nobody here
        "Zoë bellen",
    )
    intake = legacy.execute("SELECT notes, next_step FROM intakes").fetchone()
    # an intake with the person as its contact also loses each word of the name
    assert intake == (
        "Gesprek met [gewist]: zij wil restwarmte. [gewist] belt.",
        "Offerte naar [gewist]",
    )
    notes = {r[0] for r in legacy.execute("SELECT note FROM stage_events WHERE note != ''")}
    assert notes == {"intake", "[gewist] akkoord"}


def test_the_erasure_is_recorded_without_the_erased_data(
    legacy: sqlite_utils.Database, leader: Actor
) -> None:
    zoe = person_id(legacy, EMAIL)
    services.erase_person(legacy, leader, zoe)
    [entry] = queries.erasure_log(legacy)
    assert (entry["person_id"], entry["records"], entry["username"]) == (zoe, 2, "leader")
    row = legacy.execute("SELECT * FROM persons WHERE id = ?", [zoe]).fetchone()
    assert not any(isinstance(v, str) and "eheim" in v for v in row)
    with pytest.raises(FunnelError) as again:
        services.erase_person(legacy, leader, zoe)
    assert again.value.code == "person_already_erased"


def test_an_export_holds_everything_about_the_person(
    legacy: sqlite_utils.Database, leader: Actor
) -> None:
    data = queries.export_person(legacy, leader, person_id(legacy, OTHER_EMAIL))
    text = json.dumps(data, default=str)
    assert (data["person"]["name"], data["person"]["email"]) == (NAME, EMAIL)
    assert [r["email"] for r in data["merged_records"]] == [OTHER_EMAIL]
    vias = sorted({p["via"] for p in data["participations"]})
    assert vias == ["activity", "intake"]
    assert {a["title"] for a in data["activities"]} == {"Workshop Restwarmte", "Fieldlab", "Meetup"}
    assert data["intakes"][0]["notes"].startswith("Gesprek met Zoë")
    assert data["merges"] and data["erasures"] == []
    assert "Acme Techniek" in text
    # participations in 2024 (the merged record) and 2025
    assert {p["start"][:4] for p in data["participations"]} == {"2024", "2025"}


def test_an_erased_persons_export_says_only_that_it_was_erased(
    legacy: sqlite_utils.Database, leader: Actor
) -> None:
    zoe = person_id(legacy, EMAIL)
    services.erase_person(legacy, leader, zoe)
    data = queries.export_person(legacy, leader, zoe)
    assert set(data) == {"exported_at", "person", "merged_records", "erasures"}
    assert "eheim" not in json.dumps(data, default=str)


def test_export_and_erasure_are_the_programme_leaders(
    legacy: sqlite_utils.Database, coach: Actor, steering: Actor
) -> None:
    zoe = person_id(legacy, EMAIL)
    before = dump_tables(legacy)
    for someone in (coach, steering):
        with pytest.raises(PermissionDenied):
            queries.export_person(legacy, someone, zoe)
        with pytest.raises(PermissionDenied):
            services.erase_person(legacy, someone, zoe)
    assert dump_tables(legacy) == before


def test_a_person_is_found_by_id_or_address(legacy: sqlite_utils.Database) -> None:
    zoe = person_id(legacy, EMAIL)
    assert privacy.find_person(legacy, str(zoe)) == zoe
    assert privacy.find_person(legacy, " Zoe.Geheimhouden@Vertrouwelijk.example ") == zoe
    for ref, code in (("niemand@nergens.example", "not_found"), ("Zoë", "person_ref_invalid")):
        with pytest.raises(FunnelError) as refused:
            privacy.find_person(legacy, ref)
        assert refused.value.code == code


def test_the_retention_setting_lists_persons_not_seen_for_years(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(
        db,
        "10-03-2021;Meetup;Acme;;bedrijf;Oud Contact;oud@acme.example",
        "10-03-2023;Meetup;Acme;;bedrijf;Middel Contact;middel@acme.example",
        "10-03-2025;Meetup;Acme;;bedrijf;Recent Contact;recent@acme.example",
        "10-03-2021;Workshop;Acme;;bedrijf;Terug Contact;terug@acme.example",
        "10-03-2025;Workshop;Acme;;bedrijf;Terug Contact;terug@acme.example",
    )
    today = D(2025, 12, 1)
    assert settings.get(db, "retention_years") == 3
    due = queries.persons_due_for_erasure(db, today)
    assert [(p["name"], p["last_seen"]) for p in due] == [("Oud Contact", D(2021, 3, 10))]
    services.set_setting(db, leader, "retention_years", 1)
    assert [p["name"] for p in queries.persons_due_for_erasure(db, today)] == [
        "Oud Contact",
        "Middel Contact",
    ]
    services.erase_persons(
        db, leader, [p["id"] for p in queries.persons_due_for_erasure(db, today)]
    )
    assert queries.persons_due_for_erasure(db, today) == []
    assert metrics.snapshot(db, 2021)["unique_persons"] == 2
    with pytest.raises(FunnelError):
        services.set_setting(db, leader, "retention_years", 0)

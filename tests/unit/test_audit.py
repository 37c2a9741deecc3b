"""The audit trail: every change, who and when, field by field, in the same transaction as the
change; append-only; readable per use case, organisation and person; CSV; erasure blanks it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3

import pytest

from funnel import audit, queries, services
from funnel.db import rows, transaction
from funnel.errors import FunnelError

TODAY = dt.date.today()
PARTICIPANTS = (
    "Datum;Activiteit;Organisatie;Naam;E-mail\n"
    "14-03-2025;Waterstofcafe;Tata Steel;Zoë Geheimhouden;zoe.geheim@example.org\n"
)


@pytest.fixture
def case_id(db, leader):
    return services.create_use_case(db, leader, "Restwarmte", TODAY, asset_owner_name="Tata")


def trail(db, **where):
    clause = " AND ".join(f"{k} = ?" for k in where) or "1"
    return rows(db, f"SELECT * FROM audit WHERE {clause} ORDER BY id", list(where.values()))


def test_an_edit_records_who_when_which_field_before_and_after(db, leader, case_id):
    services.update_use_case(db, leader, case_id, next_step="Bellen", title="Restwarmte benutten")
    changed = trail(db, entity="use_case", entity_id=case_id, action="update")
    assert [(r["field"], r["before"], r["after"]) for r in changed] == [
        ("title", "Restwarmte", "Restwarmte benutten"),
        ("next_step", "", "Bellen"),
    ]
    assert {r["user_id"] for r in changed} == {leader.id}
    assert {r["version"] for r in changed} == {2}
    assert all(r["at"].startswith(str(TODAY.year)) for r in changed)
    created = trail(db, entity="use_case", entity_id=case_id, action="create")
    assert len(created) == 1 and '"title":"Restwarmte"' in created[0]["after"]
    # the move is in it too, as a new stage event about the use case
    services.move_use_case(db, leader, case_id, "intake", TODAY)
    events = trail(db, entity="stage_event", use_case_id=case_id)
    assert [r["action"] for r in events] == ["create", "create"]
    assert '"to_stage":"intake"' in events[-1]["after"]


def test_a_refused_change_leaves_no_trace_in_the_trail(db, leader, coach, case_id):
    before = trail(db)
    with pytest.raises(FunnelError):
        services.update_use_case(db, coach, case_id, next_step="overnemen")
    with pytest.raises(FunnelError), transaction(db, by=leader):
        db.execute("UPDATE use_cases SET next_step = 'half' WHERE id = ?", [case_id])
        raise FunnelError("value_missing")
    assert trail(db) == before
    assert queries.get_use_case(db, case_id)["next_step"] == ""


def test_the_trail_refuses_updates_and_deletes(db, leader, case_id):
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit SET after = 'vervalst'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit")
    # also while an erasure is under way, only the values may change
    with transaction(db):
        db.execute("INSERT INTO audit_erasing (id) VALUES (1)")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE audit SET user_id = 99")
        db.execute("DELETE FROM audit_erasing")


def test_an_import_is_in_the_trail_with_its_file_and_importer(db, leader):
    services.import_file(db, leader, "participants", PARTICIPANTS.encode(), "lijst.csv")
    created = [r for r in trail(db, action="create") if r["entity"] != "user"]
    assert {r["entity"] for r in created} == {"organisation", "person", "activity", "attendance"}
    assert {r["user_id"] for r in created} == {leader.id}
    assert {r["source"] for r in created} == {"import participants lijst.csv"}


def test_history_of_a_use_case_organisation_and_person(db, leader, case_id):
    case = queries.get_use_case(db, case_id)
    services.link_involvement(
        db, leader, case_id, "solution_provider", TODAY, organisation_name="Zonnepark BV",
        person_name="Piet Paneel", person_email="piet@zonnepark.example",
    )  # fmt: skip
    uc = audit.history(db, "use_case", case_id)
    assert {r["entity"] for r in uc} == {"use_case", "stage_event", "involvement"}
    org = audit.history(db, "organisation", case["asset_owner_id"])
    assert {r["entity"] for r in org} == {"organisation", "use_case"}
    person = rows(db, "SELECT id FROM persons WHERE email = 'piet@zonnepark.example'")[0]["id"]
    assert {r["entity"] for r in audit.history(db, "person", person)} == {"person", "involvement"}


def test_csv_has_a_header_the_user_and_no_formulas(db, leader, case_id):
    services.update_use_case(db, leader, case_id, next_step='=HYPERLINK("http://x")')
    text = audit.to_csv(audit.history(db, "use_case", case_id))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(audit.CSV_COLUMNS)
    last = dict(zip(table[0], table[-1], strict=True))
    assert (last["user"], last["field"], last["before"]) == ("Leader", "next_step", "")
    assert last["after"] == '\'=HYPERLINK("http://x")'


def test_erasure_removes_the_name_and_address_from_the_trail(db, leader, case_id):
    services.import_file(db, leader, "participants", PARTICIPANTS.encode(), "lijst.csv")
    person = rows(db, "SELECT id FROM persons WHERE email = 'zoe.geheim@example.org'")[0]["id"]
    services.update_use_case(db, leader, case_id, next_step="Zoë Geheimhouden bellen")
    services.update_use_case(db, leader, case_id, next_step="Wacht op zoe.geheim@example.org")
    dump = "\n".join(str(tuple(r.values())) for r in trail(db))
    assert "Geheimhouden" in dump and "zoe.geheim@example.org" in dump

    services.erase_person(db, leader, person)
    for r in trail(db):
        text = str(tuple(r.values()))
        for needle in ("Geheimhouden", "geheimhouden", "zoe.geheim", "Zoë"):
            assert needle not in text, r
    # what the trail says about the use case is still there, without the name
    steps = [r["after"] for r in trail(db, entity="use_case", field="next_step")]
    assert steps[:2] == ["[gewist] bellen", "Wacht op [gewist]"]


def test_cli_audit_writes_the_trail_as_csv_for_a_programme_leader_only(
    db, db_path, leader, coach, case_id
):
    from click.testing import CliRunner

    from funnel.cli import cli

    services.update_use_case(db, leader, case_id, next_step="Bellen")

    def run(*args):
        return CliRunner().invoke(cli, ["--db", str(db_path), "audit", *args])

    done = run("--as", "leader", "--use-case", str(case_id))
    assert done.exit_code == 0, done.output
    table = list(csv.reader(io.StringIO(done.output)))
    assert table[0] == list(audit.CSV_COLUMNS)
    assert [
        "Leader",
        "app",
        "use_case",
        str(case_id),
        "2",
        "update",
        "next_step",
        "",
        "Bellen",
    ] in [row[2:] for row in table[1:]]
    refused = run("--as", "coach")
    assert refused.exit_code == 1
    assert "geen toestemming" in refused.output
    assert run("--as", "leader", "--use-case", "1", "--person", "1").exit_code == 2


def test_a_settings_change_records_who_when_before_and_after(db, leader, coach, monkeypatch):
    services.set_setting(db, leader, "idle_minutes", 60)  # was the default, 120
    services.set_setting(db, leader, "idle_minutes", 60)  # the same value: nothing changes
    services.set_setting(db, leader, "stuck_days", "45")
    with pytest.raises(FunnelError):
        services.set_setting(db, leader, "stuck_days", 0)  # out of range: refused
    with pytest.raises(FunnelError):
        services.set_setting(db, coach, "stuck_days", 30)  # no right: refused
    changed = trail(db, entity="setting")
    assert [(r["field"], r["before"], r["after"], r["action"]) for r in changed] == [
        ("idle_minutes", "120", "60", "update"),
        ("stuck_days", "90", "45", "update"),
    ]
    assert {r["user_id"] for r in changed} == {leader.id}
    assert all(r["at"][:10] == dt.datetime.now(dt.UTC).date().isoformat() for r in changed)
    # the trail is written in the change's transaction: one fails, neither is kept
    from funnel import db as storage

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(storage, "record_change", broken)
    with pytest.raises(sqlite3.OperationalError):
        services.set_setting(db, leader, "stuck_days", 30)
    from funnel import settings

    assert settings.get(db, "stuck_days") == 45


def test_settings_changes_are_readable_and_in_the_csv(db, leader, coach, db_path):
    from click.testing import CliRunner

    from funnel.cli import cli

    services.set_setting(db, leader, "retention_years", 5)
    found = queries.history(db, leader, "setting")
    assert [(r["entity"], r["field"], r["before"], r["after"]) for r in found] == [
        ("setting", "retention_years", "3", "5")
    ]
    with pytest.raises(FunnelError):
        queries.history(db, coach, "setting")
    table = list(csv.reader(io.StringIO(audit.to_csv(found))))
    assert table[1][2:] == [
        "Leader",
        "app",
        "setting",
        "0",
        "",
        "update",
        "retention_years",
        "3",
        "5",
    ]
    done = CliRunner().invoke(cli, ["--db", str(db_path), "audit", "--as", "leader", "--settings"])
    assert done.exit_code == 0, done.output
    assert "retention_years" in done.output and ",3,5" in done.output
    everything = CliRunner().invoke(cli, ["--db", str(db_path), "audit", "--as", "leader"])
    assert "retention_years" in everything.output


def test_a_bulk_insert_writes_the_trail_the_trigger_would_write(db, leader):
    """An import writes its attendance with one statement for the trail instead of one trigger
    run per row: the trail holds the same rows (who, the source, what each row got, what it is
    about), and the trigger is back for the next insert."""
    from funnel.db import acting, insert_many

    two = PARTICIPANTS + "15-03-2025;Meetup;Crown van Gelder;Piet;\n"
    services.import_file(db, leader, "participants", two.encode(), "lijst.csv")
    first, second = (r["id"] for r in rows(db, "SELECT id FROM activities ORDER BY id"))
    org = rows(db, "SELECT id FROM organisations")[0]["id"]
    person = rows(db, "SELECT id FROM persons")[0]["id"]
    columns = ("id", "activity_id", "organisation_id", "person_id", "created_at")
    top = rows(db, "SELECT MAX(id) AS top FROM attendance")[0]["top"]
    new = [(top + 1, first, org, None, "2025-03-14"), (top + 2, second, None, person, "x")]
    kept = ("user_id", "source", "entity", "entity_id", "version", "action", "field", "before",
            "after", "use_case_id", "organisation_id", "person_id")  # fmt: skip

    class Undo(Exception):
        pass

    # the same rows by the trigger (one insert at a time), rolled back, then in bulk
    insert = f"INSERT INTO attendance ({', '.join(columns)}) VALUES (?, ?, ?, ?, ?)"
    with (
        pytest.raises(Undo),
        acting(db, leader.id, "import participants b.csv"),
        transaction(db, by=leader),
    ):
        for values in new:
            db.execute(insert, values)
        by_trigger = trail(db, entity="attendance", source="import participants b.csv")
        raise Undo
    with acting(db, leader.id, "import participants b.csv"), transaction(db, by=leader):
        assert insert_many(db.conn, "attendance", columns, iter(new)) == 2
    in_bulk = trail(db, entity="attendance", source="import participants b.csv")
    assert [r["entity_id"] for r in in_bulk] == [top + 1, top + 2]
    assert [tuple(r[k] for k in kept) for r in in_bulk] == [
        tuple(r[k] for k in kept) for r in by_trigger
    ]
    assert in_bulk[1]["person_id"] == person and in_bulk[0]["organisation_id"] == org
    assert in_bulk[0]["at"][:10] == by_trigger[0]["at"][:10]
    with transaction(db, by=leader):
        db.execute("DELETE FROM attendance WHERE id = ?", [top + 2])
        db.execute(f"INSERT INTO attendance ({', '.join(columns)}) VALUES (?, ?, ?, ?, ?)",
                   new[1])  # fmt: skip
    assert [r["action"] for r in trail(db, entity="attendance", entity_id=top + 2)] == [
        "create", "delete", "create"
    ]  # fmt: skip


def test_a_bulk_insert_rolled_back_leaves_no_trail_and_the_trigger_in_place(db, leader):
    from funnel.db import insert_many

    services.import_file(db, leader, "participants", PARTICIPANTS.encode(), "lijst.csv")
    activity = rows(db, "SELECT id FROM activities")[0]["id"]
    org = rows(db, "SELECT id FROM organisations")[0]["id"]
    top = rows(db, "SELECT MAX(id) AS top FROM attendance")[0]["top"]
    before = trail(db)
    columns = ("id", "activity_id", "organisation_id", "person_id", "created_at")
    with pytest.raises(sqlite3.IntegrityError), transaction(db, by=leader):
        # the second row breaks a foreign key: nothing of the first stays either
        insert_many(db.conn, "attendance", columns,
                    [(top + 1, activity, org, None, "x"), (top + 2, 99999, org, None, "x")])  # fmt: skip
    assert trail(db) == before
    with transaction(db, by=leader):
        db.execute("INSERT INTO attendance (id, activity_id, organisation_id, created_at) "
                   "VALUES (?, ?, ?, 'x')", [top + 5, activity, org])  # fmt: skip
    assert len(trail(db, entity="attendance", entity_id=top + 5)) == 1

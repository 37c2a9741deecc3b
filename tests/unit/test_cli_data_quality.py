"""The data-quality and privacy commands: `orgs ...` and `persons ...`.

Writes act as the account named by ``--as`` (or $FUNNEL_AS): it must be active and its role must
have the right (the programme leader); exit 0 on success, 1 on invalid data or a refusal, 2 on
wrong usage; messages in the chosen --lang.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from funnel import auth, imports
from funnel import db as storage
from funnel.cli import cli
from funnel.models import Role
from tests.conftest import dump_records, dump_tables

HEADER = "Datum;Activiteit;Organisatie;KvK;Type organisatie;Naam;E-mail"


def run(db_path: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], env=env)


@pytest.fixture
def filled(db_path: Path, db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two organisation duplicates and a person duplicate; a programme leader, a coach, and a
    programme leader whose account is disabled."""
    rows = [
        "10-03-2025;Workshop;Acme Techniek BV;12345678;bedrijf;Piet Jansen;piet@acme.example",
        "10-03-2025;Workshop;Acme Techniek Nederland;;;Joop Kok;joop@acme.example",
        "11-03-2025;Meetup;Acme Techniek BV;;;Piet Jansen;pjansen@acme-group.example",
        "11-03-2025;Meetup;Zeehaven Logistiek;;bedrijf;Anna Bos;anna@zeehaven.example",
    ]
    report = imports.import_participants(db, "\n".join([HEADER, *rows]).encode(), name="a.csv")
    assert report.committed
    for name, role in (
        ("sanne", Role.PROGRAMME_LEADER),
        ("coach", Role.COACH),
        ("oud", Role.PROGRAMME_LEADER),
    ):
        auth.create_user(db, name, "a-long-password", role)
    auth.set_active(db, auth.actor_by_username(db, "oud").id, False)
    return db_path


def ids(db_path: Path, sql: str) -> list[int]:
    database = storage.connect(db_path)
    try:
        return [r[0] for r in database.execute(sql).fetchall()]
    finally:
        database.conn.close()


def test_orgs_duplicates_as_json_has_the_evidence(filled: Path) -> None:
    result = run(filled, "orgs", "duplicates", "--format", "json")
    assert result.exit_code == 0, result.output
    [pair] = json.loads(result.output)
    assert {pair["a"]["name"], pair["b"]["name"]} == {"Acme Techniek BV", "Acme Techniek Nederland"}
    assert pair["shared_activities"] == ["Workshop (2025-03-10)"]
    assert pair["keep_id"] != pair["drop_id"]
    assert any(s["differs"] for s in pair["b"]["segments"] + pair["a"]["segments"])
    assert {"year", "key", "before", "after"} <= set(next(iter(pair["changes"].values()))[0])


def test_orgs_duplicates_as_text_in_english(filled: Path) -> None:
    result = run(filled, "--lang", "en", "orgs", "duplicates")
    assert result.exit_code == 0, result.output
    assert "similar name" in result.output and "to merge: orgs merge" in result.output


def test_persons_duplicates_lists_the_same_name_at_the_same_organisation(filled: Path) -> None:
    result = run(filled, "persons", "duplicates", "--format", "json")
    assert result.exit_code == 0, result.output
    [pair] = json.loads(result.output)
    assert pair["reason"] == "same_name"
    assert {pair["a"]["email"], pair["b"]["email"]} == {
        "piet@acme.example",
        "pjansen@acme-group.example",
    }


def test_orgs_merge_unmerge_restores_every_table(filled: Path) -> None:
    keep, drop = ids(filled, "SELECT id FROM organisations WHERE name LIKE 'Acme%' ORDER BY id")
    before = dump_records(storage.connect(filled))
    merged = run(filled, "orgs", "merge", str(keep), str(drop), "--as", "sanne")
    assert merged.exit_code == 0, merged.output
    assert ids(filled, f"SELECT merged_into FROM organisations WHERE id = {drop}") == [keep]
    merge_id = ids(filled, "SELECT id FROM merges")[0]
    assert f"orgs unmerge {merge_id}" in merged.output
    undone = run(filled, "orgs", "unmerge", str(merge_id), "--as", "sanne")
    assert undone.exit_code == 0, undone.output
    after = dump_records(storage.connect(filled))
    assert {k: v for k, v in after.items() if k != "merges"} == {
        k: v for k, v in before.items() if k != "merges"
    }
    assert run(filled, "orgs", "unmerge", str(merge_id), "--as", "sanne").exit_code == 1


def test_keep_apart_takes_a_pair_off_the_list(filled: Path) -> None:
    a, b = ids(filled, "SELECT id FROM organisations WHERE name LIKE 'Acme%' ORDER BY id")
    assert run(filled, "orgs", "keep-apart", str(a), str(b), "--as", "sanne").exit_code == 0
    assert json.loads(run(filled, "orgs", "duplicates", "--format", "json").output) == []
    kept = run(
        filled,
        "persons",
        "keep-apart",
        "piet@acme.example",
        "pjansen@acme-group.example",
        "--as",
        "sanne",
    )
    assert kept.exit_code == 0, kept.output
    assert json.loads(run(filled, "persons", "duplicates", "--format", "json").output) == []


def test_persons_merge_by_address_and_unmerge(filled: Path) -> None:
    merged = run(
        filled,
        "persons",
        "merge",
        "piet@acme.example",
        "pjansen@acme-group.example",
        "--as",
        "sanne",
    )
    assert merged.exit_code == 0, merged.output
    merge_id = ids(filled, "SELECT id FROM merges WHERE entity = 'person'")[0]
    # an organisation merge id is not a person merge
    assert run(filled, "orgs", "unmerge", str(merge_id), "--as", "sanne").exit_code == 1
    assert run(filled, "persons", "unmerge", str(merge_id), "--as", "sanne").exit_code == 0


def test_the_acting_account_comes_from_as_or_the_environment(filled: Path) -> None:
    a, b = ids(filled, "SELECT id FROM organisations WHERE name LIKE 'Acme%' ORDER BY id")
    result = run(filled, "orgs", "keep-apart", str(a), str(b), env={"FUNNEL_AS": "sanne"})
    assert result.exit_code == 0, result.output
    assert ids(filled, "SELECT user_id FROM kept_apart") == ids(
        filled, "SELECT id FROM users WHERE username = 'sanne'"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # refusals and invalid data: 1, in the chosen language
        (["orgs", "merge", "1", "2", "--as", "coach"], 1, "not allowed"),
        (["orgs", "merge", "1", "2", "--as", "oud"], 1, "no active account 'oud'"),
        (["orgs", "merge", "1", "2", "--as", "niemand"], 1, "no active account 'niemand'"),
        (["orgs", "merge", "1", "999", "--as", "sanne"], 1, "not found"),
        (["orgs", "merge", "1", "1", "--as", "sanne"], 1, "two different"),
        (["persons", "erase", "niemand@nergens.example", "--as", "sanne"], 1, "not found"),
        (["persons", "erase", "Piet", "--as", "sanne"], 1, "not a person id"),
        (["persons", "export", "1", "--as", "coach"], 1, "not allowed"),
        # wrong usage: 2
        (["orgs", "merge", "1", "2"], 2, "--as"),
        (["orgs", "merge", "een", "2", "--as", "sanne"], 2, "is not a valid integer"),
        (["orgs", "duplicates", "--format", "xml"], 2, "xml"),
        (["persons", "erase"], 2, "PERSON"),
    ],
)
def test_refusals_exit_1_and_wrong_usage_exits_2_and_nothing_changes(
    filled: Path, args: list[str], code: int, message: str
) -> None:
    before = dump_tables(storage.connect(filled))
    result = run(filled, "--lang", "en", *args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert dump_tables(storage.connect(filled)) == before


def test_refusals_are_in_dutch_by_default(filled: Path) -> None:
    result = run(filled, "orgs", "merge", "1", "2", "--as", "coach")
    assert result.exit_code == 1
    assert "geen toestemming" in result.output


def test_persons_export_prints_the_json_and_can_write_a_file(filled: Path, tmp_path: Path) -> None:
    result = run(filled, "persons", "export", "piet@acme.example", "--as", "sanne")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["person"]["name"] == "Piet Jansen"
    assert data["participations"][0]["title"] == "Workshop"
    out = tmp_path / "piet.json"
    written = run(
        filled, "persons", "export", str(data["person"]["id"]), "--as", "sanne", "-o", str(out)
    )
    assert written.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == data


def test_persons_erase_blanks_the_person_and_keeps_the_count(filled: Path) -> None:
    snapshot = run(filled, "snapshot", "--year", "2025").output
    result = run(
        filled, "--lang", "en", "persons", "erase", "anna@zeehaven.example", "--as", "sanne"
    )
    assert result.exit_code == 0, result.output
    assert "erased" in result.output and "Anna" not in result.output
    assert run(filled, "snapshot", "--year", "2025").output == snapshot
    assert ids(
        filled, "SELECT COUNT(*) FROM persons WHERE email LIKE 'anna%' OR name LIKE 'Anna%'"
    ) == [0]
    assert run(filled, "persons", "erase", "1", "--as", "sanne").exit_code == 0
    again = run(filled, "--lang", "en", "persons", "erase", "1", "--as", "sanne")
    assert again.exit_code == 1 and "already erased" in again.output


def test_persons_retention_lists_the_persons_not_seen_for_years(filled: Path) -> None:
    listed = run(filled, "persons", "retention", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output) == []  # everyone took part in 2025; the setting is 3 years
    text = run(filled, "--lang", "en", "persons", "retention")
    assert "not seen for 3 years" in text.output


def test_every_new_command_has_help_text() -> None:
    for group in ("orgs", "persons"):
        command = cli.commands[group]
        assert command.help
        for sub in command.commands.values():  # type: ignore[attr-defined]
            assert sub.help, f"{group} {sub.name} has no help text"

"""Data quality: duplicate proposals with evidence (organisations and persons), merges that undo
exactly, counts that drop by exactly the merged duplicates, kept-apart pairs, the classification
queue (KvK and BRIN checked) and the completeness list."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlite_utils

from funnel import directory, duplicates, identity, imports, metrics, queries, services, settings
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.models import EducationLevel, OrgKind
from tests.conftest import dump_records, dump_tables

D = dt.date
HEADER = "Datum;Activiteit;Organisatie;KvK;Type organisatie;Naam;E-mail"


def attend(db: sqlite_utils.Database, *rows: str) -> None:
    """Import attendance rows: ``date;activity;organisation;kvk;kind;name;email``."""
    report = imports.import_participants(db, "\n".join([HEADER, *rows]).encode(), name="a.csv")
    assert report.committed, [p.render("a.csv", "en") for p in report.errors]


def org(db: sqlite_utils.Database, name: str) -> int:
    return db.execute("SELECT id FROM organisations WHERE name = ?", [name]).fetchone()[0]


def person(db: sqlite_utils.Database, email: str) -> int:
    return db.execute("SELECT id FROM persons WHERE email = ?", [email]).fetchone()[0]


@pytest.fixture
def network(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """Two organisation duplicates (one of them also taking part in 2024) and two person
    duplicates (same name, other address; same name and local part at another domain) taking
    part in 2025; and an unrelated organisation."""
    attend(
        db,
        "10-03-2025;Workshop Restwarmte;Acme Techniek BV;12345678;bedrijf;Piet Jansen;piet@acme.example",
        "10-03-2025;Workshop Restwarmte;Acme Techniek Nederland;;;Joop Kok;joop@acme.example",
        "11-03-2025;Meetup;Acme Techniek BV;12345678;;Piet Jansen;p.jansen@acme.example",
        "11-03-2024;Meetup;Acme Techniek Nederland;;;Els Smit;els@acme.example",
        "12-04-2025;Meetup 2;Velsen Onderhoud;;mkb;Kees de Wit;kees@velsen.example",
        "12-04-2025;Meetup 2;Velsen Onderhoud B.V. Groep;;;;",
        "12-04-2025;Meetup 2;Velsen Onderhoud;;;Kees de Wit;kees@velsen-onderhoud.example",
        "12-04-2025;Meetup 2;Zeehaven Logistiek;;bedrijf;Anna Bos;anna@zeehaven.example",
    )
    return db


# --- proposals and their evidence -----------------------------------------------------------------


def test_organisation_proposals_show_the_evidence(network: sqlite_utils.Database) -> None:
    found = {frozenset((e.a.name, e.b.name)): e for e in duplicates.organisation_evidence(network)}
    acme = found[frozenset(("Acme Techniek BV", "Acme Techniek Nederland"))]
    sides = {side.name: side for side in (acme.a, acme.b)}
    assert sides["Acme Techniek BV"].kvk == "12345678"
    assert sides["Acme Techniek Nederland"].kind == "unknown"
    assert sides["Acme Techniek BV"].email_domains == ["acme.example"]
    assert acme.shared_domains == ["acme.example"]
    assert acme.shared_activities == ["Workshop Restwarmte (2025-03-10)"]
    assert (
        sides["Acme Techniek BV"].participations,
        sides["Acme Techniek Nederland"].participations,
    ) == (2, 2)
    assert acme.keep_id == org(network, "Acme Techniek BV")  # the one with the KvK number
    # what differs is marked, what is the same is not
    differing = "".join(
        text for text, differs in sides["Acme Techniek Nederland"].segments if differs
    )
    assert "Nederland" in differing and "Acme" not in differing
    # after the merge the unclassified one counts as the company kept: one unclassified fewer in
    # 2025 (the company was counted already), and in 2024 a company instead of an unclassified one
    changes = {(c.year, c.key): (c.before, c.after) for c in acme.changes[acme.keep_id]}
    assert changes == {
        (2025, "unclassified_organisations"): (2, 1),
        (2024, "unclassified_organisations"): (1, 0),
        (2024, "unique_companies"): (0, 1),
    }
    # kept the other way round, the one kept has no kind: it takes the company's
    other = acme.changes[acme.drop_id]
    assert {(c.year, c.key): (c.before, c.after) for c in other} == changes
    assert "Zeehaven Logistiek" not in {side.name for e in found.values() for side in (e.a, e.b)}


def test_proposals_are_ranked_by_name_and_what_they_share(network: sqlite_utils.Database) -> None:
    ranked = duplicates.organisation_evidence(network)
    assert [e.score for e in ranked] == sorted((e.score for e in ranked), reverse=True)
    assert ranked[0].shared_activities, "the pair that met at the same workshop comes first"


def test_person_proposals_same_name_other_address_and_same_local_part(
    db: sqlite_utils.Database,
) -> None:
    attend(
        db,
        "10-03-2025;Workshop;Acme;;bedrijf;Piet Jansen;piet@acme.example",
        "11-03-2025;Meetup;Acme;;bedrijf;Piet Jansen;pietjansen@gmail.example",
        "11-03-2025;Meetup;Acme;;bedrijf;Mila Kok;mila.kok@acme.example",
        "12-03-2025;Fieldlab;Acme;;bedrijf;M. Kok;mila.kok@acme-group.example",
        # the same local part in another organisation, the same name in another: not proposed
        "12-03-2025;Fieldlab;Beta;;bedrijf;Mila K.;mila.kok@beta.example",
        "12-03-2025;Fieldlab;Beta;;bedrijf;Piet Jansen;piet@beta.example",
    )
    found = {(e.a.email, e.b.email): e for e in duplicates.person_evidence(db)}
    assert set(found) == {
        ("piet@acme.example", "pietjansen@gmail.example"),
        ("mila.kok@acme.example", "mila.kok@acme-group.example"),
    }
    assert found[("piet@acme.example", "pietjansen@gmail.example")].reason == "same_name"
    mila = found[("mila.kok@acme.example", "mila.kok@acme-group.example")]
    assert mila.reason == "same_local_part"
    assert [(c.year, c.key, c.before, c.after) for c in mila.changes[mila.keep_id]] == [
        (2025, "unique_persons", 6, 5)
    ]


def test_a_kept_apart_pair_is_not_proposed_again(
    network: sqlite_utils.Database, leader: Actor
) -> None:
    first = duplicates.organisation_evidence(network)[0]
    services.keep_apart(network, leader, first.b.id, first.a.id)
    again = {(e.a.id, e.b.id) for e in duplicates.organisation_evidence(network)}
    assert (first.a.id, first.b.id) not in again and again, "the other pair is still proposed"
    piet = duplicates.person_evidence(network)
    assert piet
    services.keep_apart(network, leader, piet[0].a.id, piet[0].b.id, "person")
    assert all(
        {e.a.id, e.b.id} != {piet[0].a.id, piet[0].b.id}
        for e in duplicates.person_evidence(network)
    )
    # keeping apart twice is no error and records one decision
    services.keep_apart(network, leader, first.a.id, first.b.id)
    assert network.execute("SELECT COUNT(*) FROM kept_apart").fetchone()[0] == 2


def test_keep_apart_refuses_the_same_record_and_unknown_ids(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    with pytest.raises(FunnelError) as same:
        services.keep_apart(db, leader, 1, 1)
    assert same.value.code == "merge_same"
    with pytest.raises(FunnelError) as unknown:
        services.keep_apart(db, leader, 998, 999, "person")
    assert unknown.value.code == "not_found"


# --- merge and undo -------------------------------------------------------------------------------


def _assert_restored(before: dict, after: dict) -> None:
    """Every table as before; the merges table also holds the merge, marked undone."""
    assert {k: v for k, v in after.items() if k != "merges"} == {
        k: v for k, v in before.items() if k != "merges"
    }
    assert after["merges"][: len(before["merges"])] == before["merges"]
    added = after["merges"][len(before["merges"]) :]
    assert added and all(row[-1] is not None for row in added), "each added merge is undone"


def test_merge_then_undo_restores_every_table_exactly(
    network: sqlite_utils.Database, leader: Actor
) -> None:
    acme, acme_nl = org(network, "Acme Techniek BV"), org(network, "Acme Techniek Nederland")
    velsen, velsen_groep = (
        org(network, "Velsen Onderhoud"),
        org(network, "Velsen Onderhoud B.V. Groep"),
    )
    before = dump_records(network)
    # into an unclassified one (it takes the kind), a chain (what was merged moves on), persons
    first = services.merge_organisations(network, leader, acme, acme_nl)
    second = services.merge_organisations(network, leader, acme_nl, velsen)
    third = services.merge_persons(
        network,
        leader,
        person(network, "p.jansen@acme.example"),
        person(network, "piet@acme.example"),
    )
    fourth = services.merge_organisations(network, leader, velsen_groep, velsen)
    assert dump_records(network) != before
    for merge_id in (fourth, third, second, first):
        services.undo_merge(network, leader, merge_id)
    _assert_restored(before, dump_records(network))


def test_undo_in_the_order_of_merging_also_restores_every_table(
    network: sqlite_utils.Database, leader: Actor
) -> None:
    acme, acme_nl = org(network, "Acme Techniek BV"), org(network, "Acme Techniek Nederland")
    velsen = org(network, "Velsen Onderhoud")
    before = dump_records(network)
    first = services.merge_organisations(network, leader, acme_nl, acme)
    second = services.merge_organisations(network, leader, acme, velsen)
    services.undo_merge(network, leader, first)
    services.undo_merge(network, leader, second)
    _assert_restored(before, dump_records(network))


def test_counts_after_a_merge_drop_by_exactly_the_merged_duplicates(
    network: sqlite_utils.Database, leader: Actor
) -> None:
    years = (2024, 2025)
    before = {y: metrics.snapshot(network, y) for y in years}
    proposals = duplicates.organisation_evidence(network) + duplicates.person_evidence(network)
    predicted: dict[tuple[int, str], int] = {}
    for e in proposals:
        for change in e.changes[e.keep_id]:
            predicted[(change.year, change.key)] = (
                predicted.get((change.year, change.key), 0) + change.after - change.before
            )
    for e in proposals:
        merge = (
            services.merge_organisations if e.entity == "organisation" else services.merge_persons
        )
        merge(network, leader, e.drop_id, e.keep_id)
    after = {y: metrics.snapshot(network, y) for y in years}
    # in 2025: Acme and Velsen each were a company and an unclassified one; Piet and Kees two persons
    assert after[2025]["unique_companies"] + after[2025]["unclassified_organisations"] == (
        before[2025]["unique_companies"] + before[2025]["unclassified_organisations"] - 2
    )
    assert after[2025]["unique_persons"] == before[2025]["unique_persons"] - 2
    for year in years:
        for key in duplicates.COUNT_KEYS["organisation"] + duplicates.COUNT_KEYS["person"]:
            assert after[year][key] - before[year][key] == predicted.get((year, key), 0), (
                year,
                key,
            )


def test_the_evidence_predicts_the_counts_of_every_demo_merge(tmp_path, leader: Actor) -> None:
    from funnel import db as storage
    from funnel import demo

    database = storage.connect(tmp_path / "demo.db")
    demo.fill(database)
    today = dt.date.today()
    years = metrics.years_with_data(database, today)
    for e in duplicates.organisation_evidence(database, today):
        for keep, drop in ((e.keep_id, e.drop_id), (e.drop_id, e.keep_id)):
            before = {y: metrics.snapshot(database, y) for y in years}
            merge_id = services.merge_organisations(database, leader, drop, keep)
            after = {y: metrics.snapshot(database, y) for y in years}
            services.undo_merge(database, leader, merge_id)
            expected = {(c.year, c.key): c.after - c.before for c in e.changes[keep]}
            for year in years:
                for key in duplicates.COUNT_KEYS["organisation"]:
                    actual = after[year][key] - before[year][key]
                    assert actual == expected.get((year, key), 0), (e.a.name, e.b.name, year, key)


def test_an_erased_person_is_neither_merged_nor_split(
    network: sqlite_utils.Database, leader: Actor
) -> None:
    piet, again = person(network, "piet@acme.example"), person(network, "p.jansen@acme.example")
    merge_id = services.merge_persons(network, leader, again, piet)
    services.erase_person(network, leader, piet)
    with pytest.raises(FunnelError) as refused:
        services.undo_merge(network, leader, merge_id)
    assert refused.value.code == "merge_erased"
    with pytest.raises(FunnelError) as refused:
        services.merge_persons(network, leader, person(network, "els@acme.example"), piet)
    assert refused.value.code == "merge_erased"
    proposed = {i for p in directory.person_merge_proposals(network) for i in (p.a_id, p.b_id)}
    assert proposed and not proposed & {piet, again}, "an erased person is never proposed"


# --- classification -------------------------------------------------------------------------------


def test_the_queue_lists_unknown_organisations_with_participations_and_a_suggestion(
    db: sqlite_utils.Database,
) -> None:
    attend(
        db,
        "10-03-2025;Workshop;Hogeschool Kennemerland;;;Ali;ali@hskennemerland.example",
        "10-03-2024;Meetup;Hogeschool Kennemerland;;;;",
        "10-03-2025;Workshop;Gemeente Uitgeest;;;;",
        "10-03-2025;Workshop;Acme;;bedrijf;;",
    )
    queue = queries.classification_queue(db)
    assert [o["name"] for o in queue] == ["Hogeschool Kennemerland", "Gemeente Uitgeest"]
    school = queue[0]
    assert (school["participations"], school["years"][:2], school["email_domains"]) == (
        2,
        [2024, 2025],
        ["hskennemerland.example"],
    )
    assert (school["suggested_kind"], school["suggested_level"]) == ("education", "hbo")
    assert queue[1]["suggested_kind"] == "government"


def test_bulk_classification_sets_kind_level_region_and_partner(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(db, "10-03-2025;Workshop;ROC Kust;;;;", "10-03-2025;Workshop;ROC Duin;;;;")
    ids = [org(db, "ROC Kust"), org(db, "ROC Duin")]
    assert metrics.snapshot(db, 2025)["unclassified_organisations"] == 2
    changed = services.classify_organisations(
        db, leader, ids, OrgKind.EDUCATION, EducationLevel.MBO, "IJmond", True
    )
    assert changed == 2
    rows = db.execute(
        "SELECT kind, education_level, region, is_partner FROM organisations ORDER BY id"
    ).fetchall()
    assert rows == [("education", "mbo", "IJmond", 1)] * 2
    snapshot = metrics.snapshot(db, 2025)
    assert (snapshot["unclassified_organisations"], snapshot["unique_education_institutions"]) == (
        0,
        2,
    )
    assert queries.classification_queue(db) == []


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "company", "level": "mbo"}, "level_not_school"),
        ({"kind": "unknown"}, "classify_kind_missing"),
        ({"kind": "bakery"}, "model_enum"),
        ({"kind": "company", "region": "Mars"}, "model_enum"),
    ],
)
def test_bulk_classification_refuses_bad_values_and_writes_nothing(
    db: sqlite_utils.Database, leader: Actor, kwargs: dict, code: str
) -> None:
    attend(db, "10-03-2025;Workshop;Onbekend Een;;;;")
    before = dump_tables(db)
    with pytest.raises(FunnelError) as refused:
        services.classify_organisations(db, leader, [org(db, "Onbekend Een")], **kwargs)
    assert refused.value.code == code
    assert dump_tables(db) == before


def test_a_refusal_halfway_through_a_bulk_classification_writes_nothing(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(db, "10-03-2025;Workshop;Onbekend Een;;;;")
    before = dump_tables(db)
    with pytest.raises(FunnelError):
        services.classify_organisations(db, leader, [org(db, "Onbekend Een"), 999], "company")
    assert dump_tables(db) == before


@pytest.mark.parametrize(
    ("typed", "stored"), [("00aa", "00AA"), (" 12AB 01 ", "12AB01"), ("", None)]
)
def test_a_brin_code_is_checked_and_written_in_capitals(typed: str, stored: str | None) -> None:
    assert identity.normalize_brin(typed) == stored


@pytest.mark.parametrize("typed", ["1234", "AB12", "12ABC", "12AB1"])
def test_a_malformed_brin_code_is_refused(
    db: sqlite_utils.Database, leader: Actor, typed: str
) -> None:
    school = services.create_organisation(db, leader, "ROC Nova College", kind="education").id
    with pytest.raises(FunnelError) as refused:
        services.update_organisation(db, leader, school, brin=typed)
    assert refused.value.code == "brin_invalid"


def test_a_malformed_kvk_number_is_refused_when_classifying_one(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(db, "10-03-2025;Workshop;Onbekend Een;;;;")
    with pytest.raises(FunnelError) as refused:
        services.update_organisation(
            db, leader, org(db, "Onbekend Een"), kind="company", kvk="1234"
        )
    assert refused.value.code == "kvk_invalid"


# --- completeness ---------------------------------------------------------------------------------


def test_the_completeness_list_has_one_item_per_gap(
    db: sqlite_utils.Database, leader: Actor, coach: Actor
) -> None:
    today = D(2025, 12, 1)
    tata = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    fine = services.create_use_case(
        db, leader, "Compleet", D(2025, 11, 20), tata, next_step="Bellen", today=today
    )
    services.create_use_case(db, leader, "Zonder stap", D(2025, 11, 20), tata, today=today)
    coached = services.create_use_case(
        db, coach, "Zonder eigenaar", D(2025, 11, 20), tata, next_step="Mailen", today=today
    )
    stuck = services.create_use_case(
        db, leader, "Vastgelopen", D(2025, 1, 6), tata, next_step="Wachten", today=today
    )
    services.move_use_case(db, leader, fine, "definition", D(2025, 11, 21), today=today)
    # realised without a summary is what the import can record; the gate list shows it
    imports.import_use_cases(
        db,
        b"Titel;Asset owner;Gesignaleerd;Gerealiseerd\nZonder resultaat;Tata Steel;06-01-2025;01-06-2025\n",
        name="u.csv",
    )
    services.create_activity(db, leader, "Lege workshop", D(2025, 10, 1))
    services.create_activity(db, leader, "Toekomstige workshop", D(2026, 1, 10))
    attend(
        db,
        "10-03-2025;Workshop;;;;Zwerver Zonder;zwerver@mail.example",
        "10-03-2025;Workshop;Nieuwkomer;;;;",
    )
    settings_before = settings.get(db, "stuck_days")
    found = {(item["check"], item["label"]) for item in queries.completeness(db, today)}
    assert found == {
        ("gate", "Zonder resultaat"),
        ("no_next_step", "Zonder stap"),
        ("no_owner", "Zonder eigenaar"),
        ("stuck", "Vastgelopen"),
        ("no_attendance", "Lege workshop"),
        ("person_no_organisation", "Zwerver Zonder"),
        ("organisation_no_kind", "Nieuwkomer"),
    }, found
    assert settings_before == 90
    items = queries.completeness(db, today)
    assert [item["check"] for item in items] == sorted(
        (item["check"] for item in items), key=queries.COMPLETENESS_CHECKS.index
    )
    assert next(i for i in items if i["check"] == "gate")["detail"] == [
        "gate_execution_partner",  # execution was skipped, so passed: a partner is needed too
        "gate_realised_summary",
    ]
    assert next(i for i in items if i["check"] == "stuck")["id"] == stuck
    assert not any(
        i["id"] == coached and i["check"] != "no_owner" for i in items if i["entity"] == "use_case"
    )
    services.set_setting(db, leader, "stuck_days", 400)
    assert "stuck" not in {item["check"] for item in queries.completeness(db, today)}

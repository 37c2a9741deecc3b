"""Frozen snapshots for the stuurgroep's meetings: they never change, whatever happens to the data
behind them; what moved between two of them; and how (and why) the live figures drift away."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from funnel import goals, imports, meetings, services
from funnel.auth import Actor
from funnel.db import rows
from funnel.errors import FunnelError, PermissionDenied
from funnel.models import Stage

D = dt.date
FROZEN_TABLES = ("frozen_snapshots", "frozen_use_cases", "frozen_counted")


def frozen_dump(db: sqlite_utils.Database) -> dict[str, list[Any]]:
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in FROZEN_TABLES
    }


def import_samples(db: sqlite_utils.Database, samples_dir: Path) -> None:
    for kind, name in (("participants", "participants.csv"), ("use-cases", "use-cases.csv")):
        report = imports.IMPORTERS[kind](db, samples_dir / name)
        assert report.committed and not report.errors


# --- freezing ------------------------------------------------------------------------------------


def test_a_frozen_snapshot_holds_the_live_figures_and_the_lists_behind_them(
    db: sqlite_utils.Database, leader: Actor, samples_dir: Path
) -> None:
    import_samples(db, samples_dir)
    snapshot_id = services.freeze_snapshot(
        db, leader, "Stuurgroep juli 2025", 2025, D(2025, 6, 30), D(2025, 7, 8)
    )
    found = meetings.load(db, snapshot_id)
    assert (found.label, found.meeting_date, found.year, found.as_of) == (
        "Stuurgroep juli 2025",
        D(2025, 7, 8),
        2025,
        D(2025, 6, 30),
    )
    assert found.frozen_by == "Leader"
    live = goals.snapshot(db, 2025, D(2025, 6, 30))
    assert found.figures == live
    # every figure that counts records has exactly those records in its list
    for kpi in (*meetings.ORGANISATION_LISTS, *meetings.PERSON_LISTS, *meetings.USE_CASE_LISTS):
        if kpi in live:
            assert len(found.ids(kpi)) == live[kpi], kpi
    for kpi in meetings.FIELDLAB_LISTS:
        assert len(found.ids(kpi)) == live[kpi], kpi
        for name, lab in live["fieldlabs"].items():
            counted = "companies" if kpi == "fieldlab_companies" else "education_institutions"
            assert len(found.ids(kpi, name)) == lab[counted], (kpi, name)
    funnel = [c for c in found.cases.values() if c.in_funnel]
    assert len(funnel) == sum(live["funnel"].values())
    for stage, count in live["funnel"].items():
        assert sum(c.stage == stage for c in funnel) == count
    assert len(found.projects()) == live["projects"]
    assert found.analysis() is not None and found.trend()[-1] == live


def test_a_frozen_snapshot_stays_identical_after_edits_merges_erasure_and_reimport(
    db: sqlite_utils.Database, leader: Actor, samples_dir: Path, write_csv: Any
) -> None:
    import_samples(db, samples_dir)
    first = services.freeze_snapshot(db, leader, "Stuurgroep 2024", 2024, D(2024, 12, 31))
    second = services.freeze_snapshot(db, leader, "Stuurgroep 2025", 2025, D(2025, 6, 30))
    before = {i: meetings.load(db, i) for i in (first, second)}
    dump = frozen_dump(db)

    # edited: a use case's title and fieldlab, an organisation's name and kind
    case = rows(db, "SELECT id FROM use_cases WHERE ref = 'R-003'")[0]["id"]
    services.update_use_case(db, leader, case, title="Nieuwe titel", fieldlab="Hydrogen")
    org = rows(db, "SELECT id FROM organisations WHERE name = 'Kanaal Energie'")[0]["id"]
    services.update_organisation(db, leader, org, name="Kanaal Energie Holding", kind="other")
    # a move back-filled into the frozen period
    open_case = rows(db, "SELECT id FROM use_cases WHERE ref = 'R-001'")[0]["id"]
    services.move_use_case(db, leader, open_case, "on_hold", D(2024, 6, 1))
    # merged: two companies that both took part
    a, b = (
        r["id"]
        for r in rows(
            db,
            "SELECT id FROM organisations WHERE name IN ('Duin Montage', 'Zee Montage B.V.') ORDER BY id",
        )
    )
    services.merge_organisations(db, leader, a, b)
    # erased: every person of the sample (a privacy request)
    for person in rows(db, "SELECT id FROM persons"):
        services.erase_person(db, leader, person["id"])
    # re-imported: the use-case sheet with other stage dates
    sheet = (samples_dir / "use-cases.csv").read_text(encoding="utf-8")
    changed = write_csv(
        sheet.replace("2024-11-16", "2024-10-01").replace("2025-06-26", "2025-05-01")
    )
    assert imports.IMPORTERS["use-cases"](db, changed).committed

    assert frozen_dump(db) == dump
    for snapshot_id, found in before.items():
        assert meetings.load(db, snapshot_id) == found
    # the live figures did move: the drift says so
    assert meetings.drift(db, meetings.load(db, first))


def test_frozen_lists_keep_persons_by_id_only(
    db: sqlite_utils.Database, leader: Actor, samples_dir: Path
) -> None:
    import_samples(db, samples_dir)
    services.freeze_snapshot(db, leader, "Stuurgroep", 2025, D(2025, 6, 30))
    people = rows(db, "SELECT id, name, email FROM persons")
    assert people
    persons = rows(db, "SELECT * FROM frozen_counted WHERE entity = 'person'")
    assert {r["entity_id"] for r in persons} <= {p["id"] for p in people}
    assert all(r["name"] is None and r["kind"] is None for r in persons)
    stored = " ".join(
        str(value)
        for table in FROZEN_TABLES
        for row in db.execute(f"SELECT * FROM {table}").fetchall()
        for value in row
    ).casefold()
    for person in people:
        assert person["email"].casefold() not in stored
        assert person["name"].casefold() not in stored
    # free text (a drop reason could name someone) is not frozen either
    analysis = meetings.load(db, meetings.latest(db) or 0).analysis()
    assert analysis is not None and analysis.drop_reasons == []
    # the schema itself refuses a person with a name
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO frozen_counted (snapshot_id, kpi, entity, entity_id, name) "
            "VALUES (1, 'unique_persons', 'person', 999, 'Jan Jansen')"
        )


def test_the_database_refuses_to_change_or_delete_a_frozen_snapshot(
    db: sqlite_utils.Database, leader: Actor, samples_dir: Path
) -> None:
    import_samples(db, samples_dir)
    services.freeze_snapshot(db, leader, "Stuurgroep", 2025, D(2025, 6, 30))
    for sql in (
        "UPDATE frozen_snapshots SET label = 'anders'",
        "DELETE FROM frozen_snapshots",
        "UPDATE frozen_use_cases SET stage = 'realised'",
        "DELETE FROM frozen_use_cases",
        "UPDATE frozen_counted SET name = 'x'",
        "DELETE FROM frozen_counted",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="never changes"):
            db.execute(sql)


def test_freezing_checks_its_input_and_who_asks(
    db: sqlite_utils.Database, leader: Actor, coach: Actor, steering: Actor, dump: Any
) -> None:
    before = dump(db)
    for actor in (coach, steering):
        with pytest.raises(PermissionDenied):
            services.freeze_snapshot(db, actor, "Stuurgroep", 2025, D(2025, 6, 30))
    for label, year, as_of, code in (
        ("  ", 2025, D(2025, 6, 30), "value_missing"),
        ("x" * 121, 2025, D(2025, 6, 30), "model_string_too_long"),
        ("Stuurgroep", 2025, D(2024, 12, 31), "as_of_before_year"),
        ("Stuurgroep", 2025, dt.date.today() + dt.timedelta(days=1), "date_in_future"),
        ("Stuurgroep", 1999, D(2025, 6, 30), "model_greater_than_equal"),
    ):
        with pytest.raises(FunnelError) as refused:
            services.freeze_snapshot(db, leader, label, year, as_of)
        assert refused.value.code == code, label
    assert dump(db) == before


def test_meetings_are_listed_in_meeting_order_with_the_previous_and_the_latest(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    assert meetings.latest(db) is None
    june = services.freeze_snapshot(db, leader, "Juni", 2025, D(2025, 5, 31), D(2025, 6, 10))
    march = services.freeze_snapshot(db, leader, "Maart", 2025, D(2025, 2, 28), D(2025, 3, 11))
    listed = meetings.list_snapshots(db)
    assert [s.label for s in listed] == ["Maart", "Juni"]
    assert listed[0].to_json() == {
        "id": march,
        "label": "Maart",
        "meeting_date": "2025-03-11",
        "year": 2025,
        "as_of": "2025-02-28",
        "frozen_at": listed[0].frozen_at,
        "frozen_by": "Leader",
    }
    assert meetings.latest(db) == june
    assert meetings.previous(db, june) == march
    assert meetings.previous(db, march) is None
    with pytest.raises(FunnelError) as missing:
        meetings.load(db, 999)
    assert missing.value.code == "snapshot_not_found"


# --- what moved ----------------------------------------------------------------------------------


@pytest.fixture
def two_meetings(db: sqlite_utils.Database, leader: Actor) -> dict[str, int]:
    """A hand-made history with a freeze as of 31 March and one as of 30 June 2025.

    Between the two: A intake -> execution, B definition -> realised, C detected -> on hold,
    D intake -> dropped, E definition -> back to intake, F new (detected in May), G unchanged,
    H on hold -> resumed in detected, J dropped -> reopened in definition; Nieuwkomer BV (F's asset
    owner), ROC Nova College and Hogeschool Inholland (linked in April and May) take part.
    """
    tata = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    ids: dict[str, int] = {}

    def case(key: str, title: str, day: dt.date, owner: int = tata) -> int:
        ids[key] = services.create_use_case(db, leader, title, day, asset_owner_id=owner)
        return ids[key]

    def move(key: str, stage: str, day: dt.date, note: str = "") -> None:
        services.move_use_case(db, leader, ids[key], stage, day, note=note)

    case("A", "Restwarmte", D(2025, 1, 10))
    move("A", "intake", D(2025, 2, 1))
    case("B", "Waterstof", D(2025, 1, 15))
    move("B", "definition", D(2025, 3, 1))
    case("C", "Zonnepark", D(2025, 2, 1))
    case("D", "Drones", D(2025, 1, 20))
    move("D", "intake", D(2025, 2, 10))
    case("E", "Geluid", D(2025, 2, 15))
    move("E", "definition", D(2025, 3, 10))
    case("G", "Pompen", D(2025, 1, 5))
    case("H", "Sensoren", D(2025, 1, 7))
    move("H", "on_hold", D(2025, 2, 1))
    case("J", "Koeltorens", D(2025, 1, 8))
    move("J", "dropped", D(2025, 2, 20), "Geen budget")
    ids["march"] = services.freeze_snapshot(db, leader, "Maart", 2025, D(2025, 3, 31))

    nova = services.create_organisation(db, leader, "ROC Nova College", kind="education").id
    inholland = services.create_organisation(
        db, leader, "Hogeschool Inholland", kind="education"
    ).id
    services.link_involvement(
        db, leader, ids["A"], "education_partner", D(2025, 4, 20), organisation_id=nova
    )
    move("A", "execution", D(2025, 5, 1))
    services.link_involvement(
        db, leader, ids["B"], "education_partner", D(2025, 5, 15), organisation_id=inholland
    )
    services.update_use_case(db, leader, ids["B"], result_summary="Gedaan")
    move("B", "realised", D(2025, 6, 1))
    move("C", "on_hold", D(2025, 4, 1))
    move("D", "dropped", D(2025, 5, 10), "Te duur")
    move("E", "intake", D(2025, 4, 10), "Scope te breed")
    nieuw = services.create_organisation(db, leader, "Nieuwkomer BV", kind="company").id
    case("F", "Koelwater", D(2025, 5, 5), owner=nieuw)
    move("H", "detected", D(2025, 4, 1))
    move("J", "definition", D(2025, 4, 20), "Toch budget")
    # after the second as-of date: not part of what moved
    move("G", "intake", D(2025, 7, 15))
    ids["june"] = services.freeze_snapshot(db, leader, "Juni", 2025, D(2025, 6, 30))
    return ids


def test_the_comparison_finds_exactly_the_moves_between_two_freezes(
    db: sqlite_utils.Database, two_meetings: dict[str, int]
) -> None:
    ids = two_meetings
    comparison = meetings.compare(meetings.load(db, ids["march"]), meetings.load(db, ids["june"]))
    found = {(m.kind, m.use_case_id, m.from_stage, m.to_stage) for m in comparison.moves}
    assert found == {
        ("forward", ids["A"], Stage.INTAKE, Stage.EXECUTION),
        ("realised", ids["B"], Stage.DEFINITION, Stage.REALISED),
        ("parked", ids["C"], Stage.DETECTED, Stage.ON_HOLD),
        ("dropped", ids["D"], Stage.INTAKE, Stage.DROPPED),
        ("back", ids["E"], Stage.DEFINITION, Stage.INTAKE),
        ("entered", ids["F"], None, Stage.DETECTED),
        ("resumed", ids["H"], Stage.ON_HOLD, Stage.DETECTED),
        ("back", ids["J"], Stage.DROPPED, Stage.DEFINITION),
    }
    assert len(comparison.moves) == len(found)
    assert [o.name for o in comparison.new_organisations] == [
        "Hogeschool Inholland",
        "Nieuwkomer BV",
        "ROC Nova College",
    ]
    changes = {c.key: (c.before, c.after, c.change) for c in comparison.changes}
    assert changes["use_cases_detected"] == (8, 9, 1)
    assert changes["projects_realised"] == (0, 1, 1)
    assert changes["use_cases_dropped"] == (1, 2, 1)
    assert changes["projects_started"] == (0, 2, 2)
    funnel = {c.key: c.change for c in comparison.funnel}
    assert funnel == {
        "detected": 1, "intake": -1, "definition": -1, "execution": 1,
        "realised": 1, "on_hold": 0, "dropped": 0,
    }  # fmt: skip
    data = comparison.to_json()
    assert data["from"]["label"] == "Maart" and data["to"]["as_of"] == "2025-06-30"
    assert [m["title"] for m in data["moves"]["back"]] == ["Geluid", "Koeltorens"]


def test_what_moved_in_plain_sentences(
    db: sqlite_utils.Database, two_meetings: dict[str, int]
) -> None:
    comparison = meetings.compare(
        meetings.load(db, two_meetings["march"]), meetings.load(db, two_meetings["june"])
    )
    assert meetings.sentences(comparison, "nl") == [
        "1 nieuwe use case in de funnel: ‘Koelwater’ (Gesignaleerd).",
        "1 use case ging naar In uitvoering: ‘Restwarmte’.",
        "1 geparkeerde use case is weer opgepakt in Gesignaleerd: ‘Sensoren’.",
        "1 use case ging terug naar Intake Green Incubator: ‘Geluid’.",
        "1 use case ging terug naar Projectdefinitie: ‘Koeltorens’.",
        "1 use case is gerealiseerd: ‘Waterstof’.",
        "1 use case is geparkeerd: ‘Zonnepark’.",
        "1 use case is afgevallen: ‘Drones’.",
        "3 nieuwe deelnemende organisaties: Hogeschool Inholland, Nieuwkomer BV en ROC Nova "
        "College.",
    ]
    english = meetings.sentences(comparison, "en")
    assert english[1] == "1 use case moved to In execution: ‘Restwarmte’."
    assert english[-1].endswith("Nieuwkomer BV and ROC Nova College.")


def test_several_moves_to_one_stage_are_one_sentence(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    tata = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    cases = [
        services.create_use_case(db, leader, title, D(2025, 1, 6), asset_owner_id=tata)
        for title in ("Een", "Twee", "Drie")
    ]
    first = services.freeze_snapshot(db, leader, "Jan", 2025, D(2025, 1, 31))
    for case in cases:
        services.move_use_case(db, leader, case, "intake", D(2025, 2, 3))
    second = services.freeze_snapshot(db, leader, "Feb", 2025, D(2025, 2, 28))
    comparison = meetings.compare(meetings.load(db, first), meetings.load(db, second))
    assert meetings.sentences(comparison) == [
        "3 use cases gingen naar Intake Green Incubator: ‘Drie’, ‘Een’ en ‘Twee’."
    ]


def test_nothing_moved_is_said_too(db: sqlite_utils.Database, leader: Actor) -> None:
    a = services.freeze_snapshot(db, leader, "A", 2025, D(2025, 3, 31))
    b = services.freeze_snapshot(db, leader, "B", 2025, D(2025, 3, 31))
    comparison = meetings.compare(meetings.load(db, a), meetings.load(db, b))
    assert comparison.moves == [] and comparison.new_organisations == []
    assert meetings.sentences(comparison) == ["Geen enkele use case veranderde van fase."]


def test_comparing_across_a_new_year_leaves_out_what_ended_before_and_says_so(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    tata = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    school = services.create_organisation(db, leader, "ROC Nova College", kind="education").id
    done = services.create_use_case(db, leader, "Klaar", D(2024, 2, 1), asset_owner_id=tata)
    services.link_involvement(
        db, leader, done, "education_partner", D(2024, 2, 1), organisation_id=school
    )
    services.update_use_case(db, leader, done, result_summary="Klaar")
    services.move_use_case(db, leader, done, "realised", D(2024, 6, 1))
    services.create_use_case(db, leader, "Open", D(2024, 3, 1), asset_owner_id=tata)
    december = services.freeze_snapshot(db, leader, "December", 2024, D(2024, 11, 30))
    february = services.freeze_snapshot(db, leader, "Februari", 2025, D(2025, 1, 31))
    comparison = meetings.compare(meetings.load(db, december), meetings.load(db, february))
    # "Klaar" was realised in 2024: it simply is no longer in the 2025 funnel
    assert comparison.moves == []
    assert not comparison.same_year
    assert meetings.sentences(comparison)[-1].startswith("Let op: de vorige stand is van 2024")


def test_comparing_with_now_uses_the_live_snapshot_of_this_year(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    today = dt.date.today()
    tata = services.create_organisation(db, leader, "Tata Steel", kind="company").id
    case = services.create_use_case(db, leader, "Vandaag", today, asset_owner_id=tata)
    frozen = services.freeze_snapshot(db, leader, "Nu", today.year, today)
    services.move_use_case(db, leader, case, "on_hold", today)
    now = meetings.resolve(db, "now")
    assert not now.frozen and (now.year, now.as_of) == (today.year, today)
    comparison = meetings.compare(meetings.resolve(db, str(frozen)), now)
    assert [(m.kind, m.title) for m in comparison.moves] == [("parked", "Vandaag")]
    with pytest.raises(FunnelError):
        meetings.resolve(db, "gisteren")


# --- drift ---------------------------------------------------------------------------------------


def test_drift_says_by_how_much_and_why_the_live_figures_moved_away(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    acme = services.create_organisation(db, leader, "Acme", kind="company").id
    acme_nl = services.create_organisation(db, leader, "Acme Nederland", kind="company").id
    unknown = services.create_organisation(db, leader, "Duinstreek Services").id
    late = services.create_organisation(db, leader, "Laatkomer BV", kind="company").id
    session = services.create_activity(db, leader, "Workshop", D(2025, 3, 3))
    for org, person in ((acme, "Piet"), (acme_nl, "Petra"), (unknown, None)):
        services.add_attendance(db, leader, session, organisation_id=org, person_name=person)
    case = services.create_use_case(db, leader, "Restwarmte", D(2025, 2, 1), asset_owner_id=acme)
    frozen_id = services.freeze_snapshot(db, leader, "Maart", 2025, D(2025, 3, 31))
    frozen = meetings.load(db, frozen_id)
    assert meetings.drift(db, frozen) == []

    services.merge_organisations(db, leader, acme_nl, acme)
    services.update_organisation(db, leader, unknown, kind="company")
    services.add_attendance(db, leader, session, organisation_id=late)
    petra = rows(db, "SELECT id FROM persons WHERE name = 'Petra'")[0]["id"]
    services.erase_person(db, leader, petra)
    services.move_use_case(db, leader, case, "intake", D(2025, 3, 15))
    services.set_target(db, leader, 2025, "unique_companies", 150)

    found = {d.key: d for d in meetings.drift(db, frozen)}
    companies = found["unique_companies"]
    assert (companies.frozen, companies.live) == (2, 3)
    assert {r.code: r.count for r in companies.reasons} == {
        "merged": 1,
        "reclassified": 1,
        "added": 1,
    }
    assert {r.code: r.count for r in found["unclassified_organisations"].reasons} == {
        "reclassified": 1
    }
    # an erased person still counts: no drift in the persons
    assert "unique_persons" not in found
    assert {r.code for r in found["intakes"].reasons} == {"backfilled"}
    assert {r.code for r in found["funnel"].reasons} == {"backfilled"}
    assert found["targets.unique_companies"].live == 150
    lines = meetings.drift_sentences(list(found.values()))
    assert (
        "Unieke bedrijven: vastgelegd 2, nu 3: 1 organisatie later samengevoegd; 1 organisatie "
        "later anders ingedeeld; 1 organisatie telt nu mee (later vastgelegd met een datum tot "
        "de peildatum)"
    ) in lines
    # and the frozen snapshot itself did not change
    assert meetings.load(db, frozen_id) == frozen


def test_drift_explains_merged_persons(db: sqlite_utils.Database, leader: Actor) -> None:
    session = services.create_activity(db, leader, "Workshop", D(2025, 3, 3))
    for email in ("piet@acme.example", "p.jansen@acme.example"):
        services.add_attendance(db, leader, session, person_name="Piet Jansen", person_email=email)
    frozen = meetings.load(db, services.freeze_snapshot(db, leader, "M", 2025, D(2025, 3, 31)))
    a, b = (r["id"] for r in rows(db, "SELECT id FROM persons ORDER BY id"))
    services.merge_persons(db, leader, b, a)
    found = {d.key: d for d in meetings.drift(db, frozen)}
    assert [(r.code, r.count) for r in found["unique_persons"].reasons] == [("persons_merged", 1)]
    assert meetings.drift_sentences([found["unique_persons"]], "en") == [
        "Unique persons: frozen 2, now 1: 1 person merged later"
    ]


def test_every_list_behind_a_frozen_snapshot_has_a_name_in_both_languages(db) -> None:
    # the report's Excel file names each list by its catalogue text (strict t() found two missing)
    from funnel import demo
    from funnel.i18n import CATALOGUE

    demo.fill(db)
    kpis = {r[0] for r in db.execute("SELECT DISTINCT kpi FROM frozen_counted")}
    assert kpis and all(f"kpi.{kpi}" in CATALOGUE for kpi in kpis)

"""The counting rules: participation intervals, unique participants, funnel counts, targets."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlite_utils
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from funnel import db as storage
from funnel import imports, metrics, queries, services
from funnel.auth import Actor
from funnel.cli import cli
from funnel.models import OrgKind, Stage

D = dt.date
UNIQUE_KEYS = (
    "unique_companies",
    "unique_persons",
    "unique_education_institutions",
    "unclassified_organisations",
)
STAGE_KEYS = (
    "use_cases_detected",
    "intakes",
    "projects_started",
    "projects_realised",
    "use_cases_dropped",
)

ATTEND_HEADER = "Datum;Activiteit;Organisatie;KvK;Type organisatie;Naam;E-mail"
CASE_HEADER = (
    "ref;title;asset_owner;detected_on;intake_on;definition_on;execution_on;realised_on;"
    "dropped_on;dropped_reason"
)


def attend(db: sqlite_utils.Database, *rows: str) -> None:
    """Import attendance rows: ``date;activity;organisation;kvk;kind;name;email``."""
    report = imports.import_participants(
        db, "\n".join([ATTEND_HEADER, *rows]).encode(), name="attend.csv"
    )
    assert report.committed, [p.render("attend.csv", "en") for p in report.errors]


def use_cases(db: sqlite_utils.Database, *rows: str) -> None:
    """Import use-case rows: ``ref;title;owner;detected;intake;definition;execution;realised;
    dropped;reason``."""
    report = imports.import_use_cases(
        db, "\n".join([CASE_HEADER, *rows]).encode(), name="cases.csv"
    )
    assert report.committed, [p.render("cases.csv", "en") for p in report.errors]


def snap(db: sqlite_utils.Database, year: int, as_of: dt.date | None = None) -> dict[str, Any]:
    return metrics.snapshot(db, year, as_of or D(year, 12, 31))


def uniques(db: sqlite_utils.Database, year: int, as_of: dt.date | None = None) -> tuple[int, ...]:
    """(companies, persons, education institutions, unclassified) in ``year`` as of ``as_of``."""
    found = snap(db, year, as_of)
    return tuple(found[key] for key in UNIQUE_KEYS)


def org_id(db: sqlite_utils.Database, name: str) -> int:
    return db.execute("SELECT id FROM organisations WHERE name = ?", [name]).fetchone()[0]


def person_id(db: sqlite_utils.Database, email: str) -> int:
    return db.execute("SELECT id FROM persons WHERE email = ?", [email]).fetchone()[0]


# --- participation intervals --------------------------------------------------------------------


def test_an_activity_counts_on_its_day_only(db: sqlite_utils.Database) -> None:
    attend(
        db,
        "31-12-2024;Eindejaar;Acme;;bedrijf;Jan;jan@acme.nl",
        "10-03-2025;Voorjaar;Beta;;mkb;Ria;ria@beta.nl",
    )
    assert uniques(db, 2024) == (1, 1, 0, 0)
    assert uniques(db, 2025, D(2025, 3, 9)) == (0, 0, 0, 0)
    assert uniques(db, 2025, D(2025, 3, 10)) == (1, 1, 0, 0)
    assert uniques(db, 2026) == (0, 0, 0, 0)


def test_an_intake_counts_the_company_and_its_contact_on_the_intake_day(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    services.save_intake(
        db, leader, D(2025, 2, 1), organisation_name="MKB BV", person_name="Ina",
        person_email="ina@mkb.nl",
    )  # fmt: skip
    assert uniques(db, 2025, D(2025, 1, 31)) == (0, 0, 0, 0)
    assert uniques(db, 2025, D(2025, 2, 1)) == (1, 1, 0, 0)
    assert uniques(db, 2024) == (0, 0, 0, 0)
    assert uniques(db, 2026, D(2026, 6, 30)) == (0, 0, 0, 0)


def test_the_source_counts_from_detection_until_realised_or_dropped(
    db: sqlite_utils.Database,
) -> None:
    use_cases(
        db,
        "A;Gerealiseerd;Eigenaar Een;01-05-2023;;;;01-06-2024;;",
        "B;Afgevallen;Eigenaar Twee;01-05-2023;;;;;15-02-2024;geen geld",
        "C;Open;Eigenaar Drie;01-09-2023;;;;;;",
    )
    assert snap(db, 2023, D(2023, 4, 30))["unique_companies"] == 0
    assert snap(db, 2023, D(2023, 5, 1))["unique_companies"] == 2
    assert snap(db, 2023)["unique_companies"] == 3
    assert snap(db, 2024)["unique_companies"] == 3
    assert snap(db, 2025)["unique_companies"] == 1
    assert snap(db, 2026, D(2026, 6, 30))["unique_companies"] == 1


def test_an_involvement_with_an_end_date_counts_until_that_date(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    case = services.create_use_case(
        db, leader, "Vraag", D(2023, 1, 10), asset_owner_name="Eigenaar"
    )
    services.link_involvement(
        db, leader, case, "knowledge_partner", D(2023, 3, 1), D(2024, 2, 1),
        organisation_name="TNO", organisation_kind=OrgKind.KNOWLEDGE_INSTITUTION,
        person_name="Kees Kennis", person_email="kees@tno.nl",
    )  # fmt: skip
    assert uniques(db, 2023, D(2023, 2, 28))[1:3] == (0, 0)
    assert uniques(db, 2023)[1:3] == (1, 1)
    assert uniques(db, 2024, D(2024, 2, 1))[1:3] == (1, 1)
    assert uniques(db, 2025)[1:3] == (0, 0)


def test_an_involvement_without_end_date_counts_until_the_use_case_is_realised(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    realised = services.create_use_case(db, leader, "Klaar", D(2023, 1, 10), asset_owner_name="Een")
    services.link_involvement(
        db, leader, realised, "education_partner", D(2023, 3, 1),
        organisation_name="Hogeschool", organisation_kind=OrgKind.EDUCATION,
    )  # fmt: skip
    services.update_use_case(db, leader, realised, result_summary="Geleverd")
    services.move_use_case(db, leader, realised, Stage.REALISED, D(2025, 5, 1))
    assert snap(db, 2025)["unique_education_institutions"] == 1
    assert snap(db, 2026, D(2026, 6, 30))["unique_education_institutions"] == 0


def test_an_involvement_without_end_date_in_an_open_use_case_stays_open(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    case = services.create_use_case(db, leader, "Loopt", D(2023, 1, 10), asset_owner_name="Een")
    services.link_involvement(
        db, leader, case, "education_partner", D(2023, 3, 1),
        organisation_name="ROC Nova College", organisation_kind=OrgKind.EDUCATION,
    )  # fmt: skip
    for year in (2023, 2024, 2025):
        assert snap(db, year)["unique_education_institutions"] == 1
    assert snap(db, 2026, D(2026, 6, 30))["unique_education_institutions"] == 1


def test_year_boundaries_are_inclusive(db: sqlite_utils.Database) -> None:
    attend(db, "01-01-2025;Nieuwjaar;Acme;;bedrijf;;", "31-12-2025;Oudjaar;Beta;;bedrijf;;")
    assert snap(db, 2025, D(2025, 1, 1))["unique_companies"] == 1
    assert snap(db, 2025)["unique_companies"] == 2
    assert snap(db, 2024)["unique_companies"] == 0
    assert snap(db, 2026, D(2026, 6, 30))["unique_companies"] == 0


def test_a_partner_linked_after_realisation_counts_only_on_its_start_day(db, leader):
    case = services.create_use_case(
        db, leader, "Klaar", D(2023, 1, 5), asset_owner_name="Tata Steel"
    )
    services.link_involvement(
        db, leader, case, "solution_provider", D(2023, 2, 1), organisation_name="Acme",
        organisation_kind=OrgKind.COMPANY,
    )  # fmt: skip
    services.update_use_case(db, leader, case, result_summary="Gedaan")
    services.move_use_case(db, leader, case, Stage.REALISED, D(2023, 6, 1))
    services.link_involvement(
        db, leader, case, "education_partner", D(2024, 3, 1), organisation_name="ROC Nova College",
        organisation_kind=OrgKind.EDUCATION,
    )  # fmt: skip
    assert metrics.snapshot(db, 2024, D(2024, 12, 31))["unique_education_institutions"] == 1
    assert metrics.snapshot(db, 2025, D(2025, 12, 31))["unique_education_institutions"] == 0


def test_an_open_participation_is_listed_under_every_year_it_counts_in(db, leader):
    services.create_use_case(db, leader, "Lang", D(2023, 5, 1), asset_owner_name="Tata Steel")
    org_id = queries.list_organisations(db, "Tata Steel")[0]["id"]
    years = {p["year"] for p in queries.get_organisation(db, org_id)["participations"]}
    assert years == set(range(2023, dt.date.today().year + 1))


# --- unique counts ------------------------------------------------------------------------------


def test_an_organisation_and_a_person_count_once_however_often_they_take_part(
    db: sqlite_utils.Database,
) -> None:
    attend(
        db,
        "10-03-2025;Workshop;Acme;12345678;bedrijf;Jan;jan@acme.nl",
        "11-04-2025;Meetup;ACME B.V.;;;Jan;JAN@acme.nl",
        "12-05-2025;Fieldlab;Acme;12345678;;Els;els@acme.nl",
    )
    assert uniques(db, 2025) == (1, 2, 0, 0)


def test_organisations_count_by_kind(db: sqlite_utils.Database) -> None:
    attend(
        db,
        "10-03-2025;Workshop;Acme;;bedrijf;;",
        "10-03-2025;Workshop;Hogeschool Inholland;;hbo;;",
        "10-03-2025;Workshop;TNO;;kennisinstelling;;",
        "10-03-2025;Workshop;Gemeente Velsen;;gemeente;;",
        "10-03-2025;Workshop;Stichting X;;overig;;",
        "10-03-2025;Workshop;Nog Onbekend;;;;",
    )
    assert uniques(db, 2025) == (1, 0, 2, 1)


def test_classifying_an_unknown_organisation_moves_it_out_of_unclassified(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(db, "10-03-2025;Workshop;Nog Onbekend;;;;")
    assert uniques(db, 2025) == (0, 0, 0, 1)
    services.update_organisation(db, leader, org_id(db, "Nog Onbekend"), kind="company")
    assert uniques(db, 2025) == (1, 0, 0, 0)


def test_nothing_dated_after_the_as_of_date_counts(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    as_of = D(2025, 6, 9)
    after = D(2025, 6, 10)
    attend(db, "10-06-2025;Workshop;Acme;;bedrijf;Jan;jan@acme.nl")
    use_cases(db, "L;Laat;Laat BV;10-06-2025;;;;;;")
    services.save_intake(db, leader, after, organisation_name="Intake BV", person_name="Ina")
    early = services.create_use_case(
        db, leader, "Vroeg", D(2024, 1, 5), asset_owner_name="Vroeg BV"
    )
    services.link_involvement(
        db, leader, early, "solution_provider", after, organisation_name="Partner BV",
        organisation_kind=OrgKind.COMPANY,
    )  # fmt: skip
    found = snap(db, 2025, as_of)
    assert found["use_cases_detected"] == 0
    assert found["unique_companies"] == 1  # only Vroeg BV, the open use case's source
    assert found["unique_persons"] == 0
    assert sum(found["funnel"].values()) == 1
    later = snap(db, 2025, after)
    assert (later["use_cases_detected"], later["unique_companies"], later["unique_persons"]) == (
        1,
        5,
        2,
    )


def test_merged_organisations_count_once_and_undo_restores_them(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(
        db,
        "10-03-2025;Workshop;Tata Steel;;bedrijf;Jan;jan@tata.nl",
        "11-03-2025;Meetup;Tata Steel Nederland;;bedrijf;Piet;piet@tata.nl",
    )
    assert snap(db, 2025)["unique_companies"] == 2
    merge = services.merge_organisations(
        db, leader, org_id(db, "Tata Steel"), org_id(db, "Tata Steel Nederland")
    )
    assert snap(db, 2025)["unique_companies"] == 1
    assert snap(db, 2025)["unique_persons"] == 2
    services.undo_merge(db, leader, merge)
    assert snap(db, 2025)["unique_companies"] == 2


def test_a_merge_into_an_unclassified_organisation_takes_the_kind_until_undone(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(db, "10-03-2025;Workshop;Acme BV;;mkb;;", "11-03-2025;Meetup;Acme Groep;;;;")
    assert uniques(db, 2025) == (1, 0, 0, 1)
    merge = services.merge_organisations(
        db, leader, org_id(db, "Acme BV"), org_id(db, "Acme Groep")
    )
    assert uniques(db, 2025) == (1, 0, 0, 0)
    services.undo_merge(db, leader, merge)
    assert uniques(db, 2025) == (1, 0, 0, 1)


def test_merged_persons_count_once_and_undo_restores_them(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(
        db,
        "10-03-2025;Workshop;Acme;;bedrijf;Jan Jansen;jan@acme.nl",
        "11-03-2025;Meetup;Acme;;bedrijf;J. Jansen;j.jansen@privé.nl",
    )
    assert snap(db, 2025)["unique_persons"] == 2
    merge = services.merge_persons(
        db, leader, person_id(db, "j.jansen@privé.nl"), person_id(db, "jan@acme.nl")
    )
    assert snap(db, 2025)["unique_persons"] == 1
    services.undo_merge(db, leader, merge)
    assert snap(db, 2025)["unique_persons"] == 2


def test_an_erased_person_still_counts_but_cannot_be_read(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    attend(db, "10-03-2025;Workshop;Acme;;bedrijf;Jan Geheim;jan.geheim@acme.nl")
    person = person_id(db, "jan.geheim@acme.nl")
    services.erase_person(db, leader, person)

    assert snap(db, 2025)["unique_persons"] == 1
    shown = queries.get_person(db, person)
    assert shown["name"] is None and shown["email"] is None
    assert "Geheim" not in repr(shown) and "geheim" not in repr(shown)
    assert all("Geheim" not in repr(r) for r in queries.list_persons(db))
    activity = queries.list_activities(db)[0]["id"]
    assert "Geheim" not in repr(queries.get_activity(db, activity))
    stored = db.execute("SELECT * FROM persons WHERE id = ?", [person]).fetchone()
    assert not any("geheim" in str(value).casefold() for value in stored)


def test_an_erased_person_shows_nothing_but_still_counts(db, leader):
    activity = services.create_activity(db, leader, "Meetup", D(2025, 4, 1))
    services.add_attendance(
        db,
        leader,
        activity,
        organisation_name="Geheim BV",
        person_name="Jan",
        person_email="j@g.nl",
    )
    person_id = queries.list_persons(db, "Jan")[0]["id"]
    services.erase_person(db, leader, person_id)
    shown = queries.get_person(db, person_id)
    assert (shown["name"], shown["email"], shown["organisation_name"]) == (None, None, None)
    assert shown["participations"] == []
    assert queries.list_persons(db, "Geheim") == []
    assert metrics.snapshot(db, 2025, D(2025, 12, 31))["unique_persons"] == 1


# --- funnel and stage counts --------------------------------------------------------------------


def test_the_funnel_leaves_out_use_cases_realised_or_dropped_before_the_year(
    db: sqlite_utils.Database,
) -> None:
    use_cases(
        db,
        "A;Vorig jaar klaar;Een;10-01-2024;;;;01-06-2024;;",
        "B;Vorig jaar gestopt;Twee;10-01-2024;;;;;31-12-2024;geen match",
        "C;Op nieuwjaar klaar;Drie;10-01-2024;;;;01-01-2025;;",
        "D;Loopt door;Vier;01-05-2024;;01-06-2024;;;;",
        "E;Later gesignaleerd;Vijf;01-07-2025;;;;;;",
        "F;Dit jaar gestopt;Zes;01-02-2025;;;;;01-03-2025;te duur",
    )
    found = snap(db, 2025, D(2025, 6, 30))
    assert found["funnel"] == {
        "detected": 0,
        "intake": 0,
        "definition": 1,
        "execution": 0,
        "realised": 1,
        "on_hold": 0,
        "dropped": 1,
    }
    assert snap(db, 2025)["funnel"]["detected"] == 1
    previous = snap(db, 2024)["funnel"]
    assert (previous["realised"], previous["dropped"], previous["detected"]) == (1, 1, 1)


def test_a_reopened_use_case_is_back_in_the_funnel_of_the_year_it_reopened(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    # SPEC leaves this open; the code's choice: a move this year brings it back into the funnel.
    use_cases(db, "A;Heropend;Een;10-01-2024;;;;;01-06-2024;geen match")
    case = db.execute("SELECT id FROM use_cases").fetchone()[0]
    services.move_use_case(db, leader, case, Stage.DEFINITION, D(2025, 3, 1), note="toch match")
    assert snap(db, 2025)["funnel"]["definition"] == 1
    assert snap(db, 2025, D(2025, 2, 28))["funnel"]["dropped"] == 0


def test_stage_counts_take_events_in_the_year_up_to_the_as_of_date(
    db: sqlite_utils.Database,
) -> None:
    use_cases(
        db,
        "A;Een;Een;10-12-2024;15-01-2025;01-02-2025;01-03-2025;01-04-2025;;",
        "B;Twee;Twee;10-02-2025;;;;;01-05-2025;te duur",
        "C;Drie;Drie;10-03-2025;;01-08-2025;;;;",
    )
    counts = {key: snap(db, 2025, D(2025, 3, 31))[key] for key in STAGE_KEYS}
    assert counts == {
        "use_cases_detected": 2,
        "intakes": 1,
        "projects_started": 1,
        "projects_realised": 0,
        "use_cases_dropped": 0,
    }
    counts = {key: snap(db, 2025)[key] for key in STAGE_KEYS}
    assert counts == {
        "use_cases_detected": 2,
        "intakes": 1,
        "projects_started": 1,
        "projects_realised": 1,
        "use_cases_dropped": 1,
    }
    assert snap(db, 2024)["use_cases_detected"] == 1


def test_skipping_the_intake_does_not_count_as_an_intake(db: sqlite_utils.Database) -> None:
    # Code's choice: "intakes" counts intake events; a use case that skipped it had none.
    use_cases(db, "A;Zonder intake;Een;10-01-2025;;01-02-2025;;;;")
    assert snap(db, 2025)["intakes"] == 0
    assert metrics.conversion(db)["intake"] == 1


def test_skipping_execution_counts_the_project_as_started(
    db: sqlite_utils.Database,
) -> None:
    use_cases(db, "A;Overgeslagen;Een;10-01-2025;;01-02-2025;;01-04-2025;;")
    found = snap(db, 2025)
    assert (found["projects_started"], found["projects_realised"]) == (1, 1)


def test_a_use_case_counts_once_per_key_even_if_it_reached_a_stage_twice(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    case = services.create_use_case(
        db, leader, "Heen en weer", D(2025, 1, 10), asset_owner_name="Een"
    )
    services.link_involvement(
        db, leader, case, "education_partner", D(2025, 1, 10),
        organisation_name="ROC", organisation_kind=OrgKind.EDUCATION,
    )  # fmt: skip
    services.update_use_case(db, leader, case, result_summary="Geleverd")
    moves = [
        (Stage.INTAKE, D(2025, 1, 20)),
        (Stage.DEFINITION, D(2025, 2, 1)),
        (Stage.INTAKE, D(2025, 2, 10)),
        (Stage.EXECUTION, D(2025, 3, 1)),
        (Stage.DEFINITION, D(2025, 3, 10)),
        (Stage.EXECUTION, D(2025, 3, 20)),
        (Stage.REALISED, D(2025, 4, 1)),
        (Stage.EXECUTION, D(2025, 4, 10)),
        (Stage.REALISED, D(2025, 4, 20)),
        (Stage.DROPPED, D(2025, 5, 1)),
        (Stage.DETECTED, D(2025, 5, 10)),
        (Stage.DROPPED, D(2025, 5, 20)),
    ]
    for to_stage, when in moves:
        services.move_use_case(db, leader, case, to_stage, when, note="opnieuw")
    counts = {key: snap(db, 2025)[key] for key in STAGE_KEYS}
    assert counts == dict.fromkeys(STAGE_KEYS, 1)


def test_a_move_to_execution_out_of_on_hold_counts_as_started_in_that_year(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    case = services.create_use_case(
        db, leader, "Geparkeerd", D(2024, 1, 10), asset_owner_name="Een"
    )
    services.link_involvement(
        db, leader, case, "education_partner", D(2024, 1, 10),
        organisation_name="ROC", organisation_kind=OrgKind.EDUCATION,
    )  # fmt: skip
    services.move_use_case(db, leader, case, Stage.EXECUTION, D(2024, 3, 1))
    services.move_use_case(db, leader, case, Stage.ON_HOLD, D(2024, 10, 1))
    services.move_use_case(db, leader, case, Stage.EXECUTION, D(2025, 2, 1))
    found = snap(db, 2025)
    assert found["funnel"]["execution"] == 1
    assert found["projects_started"] == 1


def test_a_reopened_project_moved_back_to_execution_counts_as_started_in_that_year(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    case = services.create_use_case(db, leader, "Heropend", D(2024, 1, 10), asset_owner_name="Een")
    services.link_involvement(
        db, leader, case, "education_partner", D(2024, 1, 10),
        organisation_name="ROC", organisation_kind=OrgKind.EDUCATION,
    )  # fmt: skip
    services.update_use_case(db, leader, case, result_summary="Geleverd")
    services.move_use_case(db, leader, case, Stage.REALISED, D(2024, 3, 1))
    services.move_use_case(db, leader, case, Stage.EXECUTION, D(2025, 2, 1), note="fase 2")
    assert snap(db, 2025)["projects_started"] == 1


# --- targets and the as-of default --------------------------------------------------------------


def test_targets_default_to_the_strategy_and_can_be_set_per_year(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    defaults = {
        "use_cases_detected": 10,
        "projects_realised": 10,
        "unique_companies": 200,
        "unique_persons": 300,
        # the strategy's other goals (issue 9)
        "fieldlabs_coordinated": 3,
        "fieldlab_companies": 50,
        "fieldlab_education_institutions": 5,
        "core_partner_share": 100,
    }
    assert snap(db, 2025)["targets"] == defaults
    services.set_target(db, leader, 2025, "unique_companies", 150)
    services.set_target(db, leader, 2025, "unique_companies", 160)
    assert snap(db, 2025)["targets"] == {**defaults, "unique_companies": 160}
    assert snap(db, 2024)["targets"] == defaults
    assert snap(db, 2026, D(2026, 6, 30))["targets"] == defaults


def test_the_as_of_date_defaults_to_the_end_of_the_year_or_today(
    db: sqlite_utils.Database,
) -> None:
    assert metrics.snapshot(db, 2024)["as_of"] == "2024-12-31"
    mid = D(2025, 6, 15)
    assert metrics.snapshot(db, 2025, today=mid)["as_of"] == "2025-06-15"
    attend(db, "20-06-2025;Later;Acme;;bedrijf;;")
    assert metrics.snapshot(db, 2025, today=mid)["unique_companies"] == 0


def test_the_snapshot_has_every_key_of_the_spec(db: sqlite_utils.Database) -> None:
    found = snap(db, 2025, D(2025, 6, 30))
    assert (found["year"], found["as_of"]) == (2025, "2025-06-30")
    assert {*STAGE_KEYS, *UNIQUE_KEYS, "funnel", "targets"} <= set(found)
    assert list(found["funnel"]) == [
        "detected", "intake", "definition", "execution", "realised", "on_hold", "dropped",
    ]  # fmt: skip
    assert set(found["targets"]) == {
        "use_cases_detected", "projects_realised", "unique_companies", "unique_persons",
        "fieldlabs_coordinated", "fieldlab_companies", "fieldlab_education_institutions",
        "core_partner_share",
    }  # fmt: skip


def test_cli_snapshot_defaults_to_the_end_of_the_year_or_today(db_path: Any) -> None:
    today = D.today()
    runner = CliRunner()
    for year, as_of in ((today.year - 1, f"{today.year - 1}-12-31"), (today.year, today)):
        result = runner.invoke(cli, ["--db", str(db_path), "snapshot", "--year", str(year)])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["as_of"] == str(as_of)


# --- properties ---------------------------------------------------------------------------------

ORGS = [("Acme", "bedrijf"), ("Beta BV", "mkb"), ("Hogeschool West", "hbo"),
        ("TNO", "kennisinstelling"), ("Gemeente Velsen", "gemeente"), ("Raadsel", "")]  # fmt: skip
PEOPLE = [("Jan", "jan@x.nl"), ("Els", "els@x.nl"), ("Piet", ""), ("Ria", ""), ("", "anon@x.nl")]
YEAR_START = D(2025, 1, 1)

days = st.integers(-200, 364).map(lambda n: YEAR_START + dt.timedelta(days=n))
attendance_rows = st.tuples(
    days, st.integers(0, 2), st.none() | st.integers(0, len(ORGS) - 1),
    st.none() | st.integers(0, len(PEOPLE) - 1),
)  # fmt: skip
case_rows = st.tuples(
    days,
    st.lists(st.integers(0, 60), min_size=0, max_size=3),
    st.sampled_from(["", "realised", "dropped"]),
    st.integers(0, len(ORGS) - 1),
)
involvement_rows = st.tuples(
    st.integers(0, 5), days, st.none() | st.integers(0, 300), st.integers(0, len(ORGS) - 1)
)


def build(
    attendance: list[Any], cases: list[Any], involvements: list[Any]
) -> sqlite_utils.Database:
    db = storage.connect(":memory:")
    lines = []
    for when, activity, org, person in attendance:
        if org is None and person is None:
            org = 0
        name, kind = ORGS[org] if org is not None else ("", "")
        who, email = PEOPLE[person] if person is not None else ("", "")
        if not (who or email or name):
            name, kind = ORGS[0]
        lines.append(f"{when.isoformat()};Activiteit {activity};{name};;{kind};{who};{email}")
    if lines:
        attend(db, *lines)
    rows = []
    for number, (detected, gaps, end, owner) in enumerate(cases):
        stages, when = [""] * 3, detected
        for index, gap in enumerate(gaps):
            when += dt.timedelta(days=gap)
            stages[index] = when.isoformat()
        finish = (when + dt.timedelta(days=10)).isoformat()
        realised = finish if end == "realised" else ""
        dropped, reason = (finish, "stop") if end == "dropped" else ("", "")
        rows.append(
            f"P-{number};Vraag {number};{ORGS[owner][0]};{detected.isoformat()};"
            f"{';'.join(stages)};{realised};{dropped};{reason}"
        )
    if rows:
        use_cases(db, *rows)
    case_ids = [r[0] for r in db.execute("SELECT id FROM use_cases ORDER BY id").fetchall()]
    for pick, start, length, org in involvements:
        if not case_ids:
            break
        org_row = db.execute(
            "SELECT id FROM organisations WHERE normal_name = ?", [ORGS[org][0].casefold()]
        ).fetchone()
        if org_row is None:
            continue
        end = None if length is None else (start + dt.timedelta(days=length)).isoformat()
        db.table("involvements").insert(
            {
                "use_case_id": case_ids[pick % len(case_ids)],
                "organisation_id": org_row[0],
                "person_id": None,
                "role": "other",
                "start_date": start.isoformat(),
                "end_date": end,
                "created_at": storage.now_iso(),
            }
        )
    return db


@settings(max_examples=60, deadline=None)
@given(
    attendance=st.lists(attendance_rows, max_size=12),
    cases=st.lists(case_rows, max_size=4),
    involvements=st.lists(involvement_rows, max_size=3),
    checkpoints=st.lists(st.integers(0, 364), min_size=2, max_size=5, unique=True),
)
def test_unique_counts_are_bounded_and_grow_with_the_as_of_date(
    attendance: list[Any], cases: list[Any], involvements: list[Any], checkpoints: list[int]
) -> None:
    future = [row for row in cases if row[0] + dt.timedelta(days=sum(row[1]) + 10) > D.today()]
    assert not future  # the generated dates all lie in the past
    db = build(attendance, cases, involvements)
    organisations = db.execute("SELECT COUNT(*) FROM organisations").fetchone()[0]
    persons = db.execute("SELECT COUNT(*) FROM persons").fetchone()[0]
    previous: dict[str, int] | None = None
    for offset in sorted(checkpoints):
        found = metrics.snapshot(db, 2025, YEAR_START + dt.timedelta(days=offset))
        orgs_counted = (
            found["unique_companies"]
            + found["unique_education_institutions"]
            + found["unclassified_organisations"]
        )
        assert orgs_counted <= organisations
        assert found["unique_persons"] <= persons
        if previous is not None:
            for key in (*UNIQUE_KEYS, *STAGE_KEYS):
                assert found[key] >= previous[key], key
        previous = found
    db.conn.close()

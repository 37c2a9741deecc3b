"""Rules found missing in review: coaching rights via intakes, merge undo order, late links,
participations per year, erasure."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import metrics, queries, rights, services
from funnel.errors import FunnelError, PermissionDenied
from funnel.models import OrgKind, Role, Stage

D = dt.date


def test_an_intake_on_another_coachs_use_case_gives_no_rights_to_it(db, make_actor):
    first, second = make_actor("coach1", Role.COACH), make_actor("coach2", Role.COACH)
    theirs = services.save_intake(
        db, second, D(2025, 3, 1), organisation_name="Acme", new_use_case_title="Restwarmte"
    )
    case_id = queries.list_intakes(db)[0]["use_case_id"]
    assert theirs and rights.coaches_use_case(db, second, case_id)
    services.save_intake(db, first, D(2025, 3, 2), organisation_name="Beta", use_case_id=case_id)
    assert not rights.coaches_use_case(db, first, case_id)
    with pytest.raises(PermissionDenied):
        services.update_use_case(db, first, case_id, title="Overgenomen")
    with pytest.raises(PermissionDenied):
        services.move_use_case(db, first, case_id, Stage.DROPPED, D(2025, 3, 3), note="weg")


def test_an_intake_on_a_use_case_without_coach_makes_the_coach_its_coach(db, leader, coach):
    case_id = services.create_use_case(
        db, leader, "Vraag", D(2025, 1, 5), asset_owner_name="Tata Steel"
    )
    assert not rights.coaches_use_case(db, coach, case_id)
    services.save_intake(db, coach, D(2025, 2, 1), organisation_name="Acme", use_case_id=case_id)
    assert rights.coaches_use_case(db, coach, case_id)
    assert queries.get_use_case(db, case_id)["stage"] == "intake"


def test_undoing_merges_in_creation_order_frees_every_organisation(db, leader):
    ids = [services.create_organisation(db, leader, name).id for name in ("A", "B", "C")]
    a, b, c = ids
    first = services.merge_organisations(db, leader, a, b)
    second = services.merge_organisations(db, leader, b, c)
    services.undo_merge(db, leader, first)
    services.undo_merge(db, leader, second)
    merged = db.execute("SELECT id, merged_into FROM organisations ORDER BY id").fetchall()
    assert merged == [(a, None), (b, None), (c, None)]


def test_undo_keeps_a_kind_set_by_hand_after_the_merge(db, leader):
    school = services.create_organisation(db, leader, "ROC", kind=OrgKind.EDUCATION).id
    blank = services.create_organisation(db, leader, "ROC Nova").id
    merge_id = services.merge_organisations(db, leader, school, blank)
    services.update_organisation(db, leader, blank, kind="knowledge_institution")
    services.undo_merge(db, leader, merge_id)
    kind = db.execute("SELECT kind FROM organisations WHERE id = ?", [blank]).fetchone()[0]
    assert kind == "knowledge_institution"


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


def test_unknown_ids_are_refused_in_plain_words(db, leader):
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(db, leader, 999, title="x")
    assert refused.value.code == "not_found"
    with pytest.raises(FunnelError) as refused:
        services.add_attendance(db, leader, 999, organisation_name="Acme")
    assert refused.value.code == "not_found"
    case = services.create_use_case(
        db, leader, "Vraag", D(2025, 1, 5), asset_owner_name="Tata Steel"
    )
    with pytest.raises(FunnelError):
        services.update_use_case(db, leader, case, effect="anything-goes")
    with pytest.raises(FunnelError):
        services.update_use_case(db, leader, case, asset_owner_id=999)


def test_the_first_account_can_be_made_only_once(db):
    from funnel import auth

    auth.create_first_user(db, "sanne", "lang-genoeg")
    with pytest.raises(FunnelError) as refused:
        auth.create_first_user(db, "tweede", "lang-genoeg")
    assert refused.value.code == "setup_done"


def test_merge_proposals_find_the_same_pairs_as_comparing_every_pair(db, leader):
    import itertools

    from funnel import directory
    from funnel.identity import are_similar

    names = [
        "Tata Steel", "Tata Steel Nederland B.V.", "Polder Installaties", "Polder Instalaties",
        "Acme", "Acmee", "Zee Montage", "Zee Robotica", "Kanaal Energie", "Kanaal Engineering",
        "Steel Tata", "Hogeschool Inholland", "Inholland", "Windpark Noord 1", "Windpark Noord 2",
    ]  # fmt: skip
    for name in names:
        services.create_organisation(db, leader, name)
    orgs = list(db.query("SELECT id, normal_name FROM organisations ORDER BY id"))
    expected = {
        (a["id"], b["id"])
        for a, b in itertools.combinations(orgs, 2)
        if are_similar(a["normal_name"], b["normal_name"])
    }
    found = {(p.a_id, p.b_id) for p in directory.merge_proposals(db)}
    assert found == expected
    assert len(found) >= 5


def test_reimport_without_ref_finds_the_use_case_after_its_source_was_merged(db, leader, write_csv):
    from funnel import imports

    sheet = write_csv("title,asset_owner,detected_on\nRestwarmte,Tata Steel,2025-01-10\n")
    imports.import_use_cases(db, sheet)
    other = services.create_organisation(db, leader, "Tata Steel Nederland", kvk="12345678").id
    tata = queries.list_organisations(db, "Tata Steel")[0]["id"]
    services.merge_organisations(db, leader, tata, other)
    imports.import_use_cases(db, sheet)
    assert db.execute("SELECT COUNT(*) FROM use_cases").fetchone()[0] == 1

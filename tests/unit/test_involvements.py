"""Linking organisations and persons to a use case: no link twice, the role follows the kind."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import queries, services
from funnel.errors import FunnelError
from funnel.models import InvolvementRole, OrgKind, default_involvement_role

D = dt.date


@pytest.fixture
def case_id(db, leader):
    return services.create_use_case(
        db, leader, "Restwarmte", D(2025, 1, 5), asset_owner_name="Tata Steel"
    )


def test_the_same_link_twice_is_refused_and_nothing_is_added(db, leader, case_id):
    roc = services.create_organisation(db, leader, "ROC Nova College", kind="education").id
    services.link_involvement(
        db, leader, case_id, "education_partner", D(2025, 2, 1), organisation_id=roc
    )
    with pytest.raises(FunnelError) as refused:
        services.link_involvement(
            db, leader, case_id, "education_partner", D(2025, 3, 1), organisation_id=roc
        )
    assert refused.value.code == "involvement_exists"
    assert refused.value.message("nl") == (
        "ROC Nova College is al gekoppeld als onderwijspartner (sinds 01-02-2025)"
    )
    assert len(queries.get_use_case(db, case_id)["involvements"]) == 1


def test_the_same_organisation_in_another_role_or_after_the_link_ended_is_a_new_link(
    db, leader, case_id
):
    roc = services.create_organisation(db, leader, "ROC Nova College", kind="education").id
    services.link_involvement(
        db, leader, case_id, "education_partner", D(2025, 2, 1), D(2025, 6, 30), organisation_id=roc
    )
    services.link_involvement(
        db, leader, case_id, "student_team", D(2025, 2, 1), organisation_id=roc
    )
    services.link_involvement(
        db, leader, case_id, "education_partner", D(2025, 9, 1), organisation_id=roc
    )
    assert len(queries.get_use_case(db, case_id)["involvements"]) == 3


def test_the_role_defaults_by_the_organisations_kind(db, leader, case_id):
    assert default_involvement_role(OrgKind.EDUCATION) == InvolvementRole.EDUCATION_PARTNER
    assert (
        default_involvement_role(OrgKind.KNOWLEDGE_INSTITUTION) == InvolvementRole.KNOWLEDGE_PARTNER
    )
    assert default_involvement_role(OrgKind.COMPANY) == InvolvementRole.SOLUTION_PROVIDER
    assert default_involvement_role(OrgKind.GOVERNMENT) == InvolvementRole.OTHER
    assert default_involvement_role(None) == InvolvementRole.OTHER
    school = services.create_organisation(db, leader, "Hogeschool Inholland", kind="education").id
    services.link_involvement(db, leader, case_id, None, D(2025, 2, 1), organisation_id=school)
    services.link_involvement(
        db,
        leader,
        case_id,
        None,
        D(2025, 2, 1),
        organisation_name="Smederij Jansen",
        organisation_kind=OrgKind.COMPANY,
    )
    roles = {
        i["organisation_name"]: i["role"] for i in queries.get_use_case(db, case_id)["involvements"]
    }
    assert roles == {
        "Hogeschool Inholland": "education_partner",
        "Smederij Jansen": "solution_provider",
    }


def test_use_cases_are_found_by_title_asset_owner_linked_organisation_person_and_ref(
    db, leader, case_id
):
    other = services.create_use_case(
        db, leader, "Waterstof voor ovens", D(2025, 2, 1), asset_owner_name="Crown van Gelder"
    )
    db.execute("UPDATE use_cases SET ref = 'UC-017' WHERE id = ?", [other])
    services.link_involvement(
        db,
        leader,
        case_id,
        None,
        D(2025, 2, 1),
        organisation_name="ROC Nova College",
        organisation_kind=OrgKind.EDUCATION,
        person_name="Fatima el Amrani",
    )

    def found(text: str) -> list[int]:
        return [c["id"] for c in queries.list_use_cases(db, search=text)]

    assert found("restwarm") == [case_id]  # title, any case
    assert found("crown") == [other]  # asset owner
    assert found("nova college") == [case_id]  # a linked organisation
    assert found("el amrani") == [case_id]  # a linked person
    assert found("uc-017") == [other]  # the sheet's ref
    assert found("  ") == [case_id, other]  # a blank search finds all
    assert found("nergens") == []


def test_reminders_list_the_actors_own_next_steps_and_stuck_use_cases(db, leader, case_id):
    services.update_use_case(db, leader, case_id, owner_id=leader.id, next_step="Bellen")
    other = services.create_use_case(
        db, leader, "Niet van mij", D(2025, 1, 5), asset_owner_name="Acme", next_step="x"
    )
    services.update_use_case(db, leader, other, owner_id=None)
    found = queries.reminders(db, leader, today=D(2025, 6, 1))
    assert [c["title"] for c in found["next_steps"]] == ["Restwarmte"]
    assert [c["title"] for c in found["stuck"]] == ["Restwarmte"]  # 147 days > 90
    assert queries.reminders(db, leader, today=D(2025, 2, 1))["stuck"] == []

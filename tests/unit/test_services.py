"""The operations a user can perform: refusals common to every feature (unknown ids, bad values)."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import queries, services
from funnel.errors import FunnelError

D = dt.date


def test_unknown_ids_and_invalid_values_are_refused_as_funnel_errors(db, leader):
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


def test_an_unknown_field_is_named_in_the_refusal(db, leader) -> None:
    case = services.create_use_case(db, leader, "Vraag", D(2025, 1, 5), asset_owner_name="Acme")
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(db, leader, case, colour="rood")
    assert refused.value.message("nl") == "onbekend veld: colour"
    org = queries.list_organisations(db)[0]["id"]
    with pytest.raises(FunnelError) as refused:
        services.update_organisation(db, leader, org, colour="rood")
    assert refused.value.message("en") == "unknown field: colour"

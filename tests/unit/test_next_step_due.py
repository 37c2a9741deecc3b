"""A use case's next step has an optional due date: written like the other fields (version
check, audit trail), and the reminders list what is due or overdue first."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import audit, queries, services
from funnel.errors import FunnelError
from funnel.models import Role

D = dt.date
TODAY = D(2026, 12, 3)


@pytest.fixture
def mine(db, leader):
    """Four use cases in the leader's care, detected on different days, each with a next step."""

    def new(title: str, detected: dt.date, due: dt.date | None) -> int:
        case_id = services.create_use_case(
            db, leader, title, detected, asset_owner_name="Tata Steel", today=TODAY
        )
        services.update_use_case(
            db, leader, case_id, owner_id=leader.id, next_step=f"Bellen over {title}"
        )
        if due:
            services.update_use_case(db, leader, case_id, next_step_due=due)
        return case_id

    return {
        "later": new("Later", D(2026, 11, 1), TODAY + dt.timedelta(days=5)),
        "none_old": new("Zonder datum, oud", D(2026, 1, 1), None),
        "overdue": new("Te laat", D(2026, 11, 20), TODAY - dt.timedelta(days=2)),
        "today": new("Vandaag", D(2026, 11, 25), TODAY),
        "none_new": new("Zonder datum, nieuw", D(2026, 11, 30), None),
    }


def test_due_state_is_relative_to_today():
    due = D(2026, 12, 10)
    assert queries.due_state(due, D(2026, 12, 9)) == "upcoming"
    assert queries.due_state(due, D(2026, 12, 10)) == "today"
    assert queries.due_state(due, D(2026, 12, 11)) == "overdue"
    assert queries.due_state(None, D(2026, 12, 11)) is None


def test_reminders_list_overdue_then_due_today_then_later_then_the_steps_without_a_date(
    db, leader, mine
):
    steps = queries.reminders(db, leader, today=TODAY)["next_steps"]
    assert [(c["title"], c["due_state"]) for c in steps] == [
        ("Te laat", "overdue"),
        ("Vandaag", "today"),
        ("Later", "upcoming"),
        ("Zonder datum, oud", None),  # without a date: the longest waiting first
        ("Zonder datum, nieuw", None),
    ]
    assert steps[0]["next_step_due"] == D(2026, 12, 1)
    # a week later "Later" is overdue too, and earlier ones stay first
    later = queries.reminders(db, leader, today=TODAY + dt.timedelta(days=7))["next_steps"]
    assert [(c["title"], c["due_state"]) for c in later][:3] == [
        ("Te laat", "overdue"),
        ("Vandaag", "overdue"),
        ("Later", "overdue"),
    ]


def test_a_due_date_is_saved_as_a_day_in_the_trail_and_can_be_cleared(db, leader, mine):
    case_id = mine["later"]
    before = queries.get_use_case(db, case_id)
    assert before["next_step_due"] == D(2026, 12, 8)
    services.update_use_case(
        db, leader, case_id, version=before["version"], next_step_due=D(2026, 11, 2)
    )  # a day in the past is allowed: that step is overdue, not wrong
    after = queries.get_use_case(db, case_id)
    assert after["next_step_due"] == D(2026, 11, 2)
    assert after["version"] == before["version"] + 1
    [change] = [
        r
        for r in audit.history(db, "use_case", case_id)
        if r["field"] == "next_step_due" and r["before"] == "2026-12-08"
    ]
    assert change["after"] == "2026-11-02" and change["username"] == "leader"
    services.update_use_case(db, leader, case_id, next_step_due=None)
    assert queries.get_use_case(db, case_id)["next_step_due"] is None


def test_a_save_over_someone_elses_due_date_is_refused_with_theirs_and_yours(db, leader, mine):
    case_id = mine["later"]
    version = queries.get_use_case(db, case_id)["version"]
    services.update_use_case(db, leader, case_id, version=version, next_step_due=D(2026, 12, 20))
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(
            db, leader, case_id, version=version, next_step_due=D(2026, 12, 24)
        )
    assert refused.value.code == "edit_conflict"
    assert refused.value.params["conflicts"] == [("next_step_due", "2026-12-20", "2026-12-24")]
    # the same date as theirs loses nothing
    services.update_use_case(db, leader, case_id, version=version, next_step_due=D(2026, 12, 20))


def test_a_due_date_needs_a_next_step(db, leader, mine):
    case_id = mine["later"]
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(db, leader, case_id, next_step="  ")
    assert refused.value.code == "next_step_due_without_step"
    assert "vul de volgende stap in" in refused.value.message("nl")
    # clearing both at once is fine
    services.update_use_case(db, leader, case_id, next_step="", next_step_due=None)
    with pytest.raises(FunnelError) as refused:
        services.create_use_case(
            db, leader, "Nieuw", TODAY, asset_owner_name="Tata", next_step_due=TODAY, today=TODAY
        )
    assert refused.value.code == "next_step_due_without_step"


def test_a_due_date_that_is_no_date_is_refused_in_words(db, leader, mine):
    with pytest.raises(FunnelError) as refused:
        services.update_use_case(db, leader, mine["later"], next_step_due="volgende week")
    assert refused.value.code == "date_invalid"
    assert refused.value.message("nl") == "'volgende week' is geen datum"
    assert refused.value.field == "next_step_due"  # the form puts "Streefdatum ..." before it


def test_a_coach_sets_the_due_date_of_a_use_case_it_coaches_only(db, leader, make_actor, mine):
    coach = make_actor("coach2", Role.COACH)
    case_id = mine["later"]
    with pytest.raises(FunnelError):
        services.update_use_case(db, coach, case_id, next_step_due=TODAY)
    services.update_use_case(db, leader, case_id, coach_id=coach.id)
    services.update_use_case(db, coach, case_id, next_step_due=TODAY)
    assert queries.get_use_case(db, case_id)["next_step_due"] == TODAY
    assert [c["title"] for c in queries.reminders(db, coach, today=TODAY)["next_steps"]] == [
        "Later"
    ]


def test_a_parked_use_case_is_not_stuck_in_the_reminders(db, leader):
    """Stuck is the analytics' rule (detected, intake, definition or execution for longer than
    the setting): one on hold for half a year is parked on purpose, as the board shows it."""
    parked = services.create_use_case(
        db, leader, "Geparkeerd", D(2026, 1, 5), asset_owner_name="Tata Steel", today=TODAY
    )
    waiting = services.create_use_case(
        db, leader, "Wacht al lang", D(2026, 1, 5), asset_owner_name="Tata Steel", today=TODAY
    )
    for case_id in (parked, waiting):
        services.update_use_case(db, leader, case_id, owner_id=leader.id)
    services.move_use_case(db, leader, parked, "on_hold", D(2026, 2, 1), today=TODAY)
    stuck = [c["title"] for c in queries.reminders(db, leader, today=TODAY)["stuck"]]
    assert stuck == ["Wacht al lang"]

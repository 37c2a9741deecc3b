"""The use case overview: one sortable, filterable table beside the board (stage, days in stage,
owner, next step), whose rows open the use case; its filters are kept between pages."""

from __future__ import annotations

import datetime as dt

from funnel import queries, services
from tests.app.conftest import actor

PAGE = "pages/use_cases.py"
COLUMNS = {
    "Titel", "Asset owner", "Fase", "Dagen in fase", "In fase sinds", "Vastgelopen",
    "Eigenaar", "Coach", "Volgende stap", "Streefdatum", "Thema", "Fieldlab", "Kenmerk",
}  # fmt: skip


def table(at):
    frames = [df for df in at.dataframe]
    assert len(frames) == 1, [f.value.columns for f in frames]
    return frames[0].value


def table_key(at) -> str:
    keys = [k for k in at.session_state.keys() if str(k).startswith("list_table.")]  # noqa: SIM118
    assert len(keys) == 1, keys
    return keys[0]


def test_the_list_shows_every_use_case_with_stage_days_owner_and_next_step(demo_db, sign_in):
    at = sign_in("leider", "leider-demo", page=PAGE)
    frame = table(at)
    assert set(frame.columns) >= COLUMNS, frame.columns
    cases = queries.list_use_cases(demo_db, today=dt.date.today())
    assert len(frame) == len(cases)
    by_title = {c["title"]: c for c in cases}
    for _, row in frame.iterrows():
        case = by_title[row["Titel"]]
        assert row["Dagen in fase"] == case["days_in_stage"]
        assert row["Volgende stap"] == (case["next_step"] or "")
        due = row["Streefdatum"]
        assert (None if due is None or due != due else due) == case["next_step_due"]
        assert row["Eigenaar"] == (case["owner_label"] or "")
        # a date, so the table sorts it as a date (and shows it the Dutch way)
        assert row["In fase sinds"] == case["stage_since"]
        assert isinstance(row["In fase sinds"], dt.date)
    # funnel order: every detected one before every realised one
    stages = list(frame["Fase"])
    if "Gesignaleerd" in stages and "Gerealiseerd" in stages:
        assert max(i for i, s in enumerate(stages) if s == "Gesignaleerd") < min(
            i for i, s in enumerate(stages) if s == "Gerealiseerd"
        )


def test_search_and_stage_filter_narrow_the_list_and_are_kept_between_pages(demo_db, sign_in):
    at = sign_in("leider", "leider-demo", page=PAGE)
    everything = len(table(at))
    first = table(at)["Titel"].iloc[0]
    word = first.split()[0]
    at.text_input[0].input(word).run()
    found = table(at)
    assert 0 < len(found) < everything
    assert first in set(found["Titel"])
    at.switch_page("pages/board.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert list(table(at)["Titel"]) == list(found["Titel"])
    assert at.text_input[0].value == word


def test_a_stage_filter_and_stuck_only(demo_db, sign_in):
    at = sign_in("leider", "leider-demo", page=PAGE)
    at.multiselect[0].select("detected").run()
    frame = table(at)
    assert set(frame["Fase"]) == {"Gesignaleerd"}
    at.toggle[0].set_value(True).run()
    stuck = [c for c in queries.list_use_cases(demo_db) if c["stuck"] and c["stage"] == "detected"]
    if stuck:
        assert len(table(at)) == len(stuck)
        assert all(table(at)["Vastgelopen"])
    else:
        assert at.info, "no rows: the page says nothing matches"


def test_clicking_a_row_opens_that_use_case(demo_db, sign_in):
    at = sign_in("leider", "leider-demo", page=PAGE)
    frame = table(at)
    row = len(frame) // 2  # not the first: the use case page opens the first one by itself
    title = frame["Titel"].iloc[row]
    at.session_state[table_key(at)] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    assert [s.value for s in at.subheader][:1] == [title]
    wanted = next(c["id"] for c in queries.list_use_cases(demo_db) if c["title"] == title)
    assert at.query_params.get("use_case") == str(wanted)  # its link, in the address bar
    # back on the list, the row clicked before does not open it again by itself
    at.switch_page(PAGE).run()
    assert at.title[0].value == "Overzicht use cases"


def test_a_coach_sees_only_the_use_cases_it_coaches(app_db, sign_in):
    leader = actor(app_db)
    coach = actor(app_db, "coach")
    mine = services.create_use_case(
        app_db, leader, "Warmteterugwinning walsstraat", dt.date(2026, 3, 1),
        asset_owner_name="Tata Steel",
    )  # fmt: skip
    services.update_use_case(app_db, leader, mine, coach_id=coach.id)
    services.create_use_case(
        app_db, leader, "Corrosiedetectie kademuur", dt.date(2026, 3, 2),
        asset_owner_name="Port of Amsterdam",
    )  # fmt: skip
    assert mine
    at = sign_in("coach", page=PAGE)
    assert list(table(at)["Titel"]) == ["Warmteterugwinning walsstraat"]
    assert at.title[0].value == "Overzicht van mijn use cases"

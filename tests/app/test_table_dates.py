"""Every table with a date sorts by the date and shows it the Dutch way.

A date written into a cell as text ("01-12-2026") sorts as text: 01-12-2026 before 02-04-2025.
The tables get real dates and a date column whose format is the language's (DD-MM-YYYY).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from funnel.db import set_meta
from funnel.demo import DEMO_ACCOUNTS

PASSWORDS = {name: pw for name, _role, _display, pw in DEMO_ACCOUNTS}
DUTCH_DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")


def date_problems(at) -> list[str]:
    """Columns of the page's tables that hold dates as text, or dates without the Dutch format."""
    problems = []
    for table in at.dataframe:
        frame = table.value
        config = json.loads(table.proto.columns or "{}")
        for column in frame.columns:
            values = [v for v in frame[column].tolist() if v is not None and v == v]
            if any(isinstance(v, str) and DUTCH_DATE.match(v) for v in values):
                problems.append(f"{column}: dates as text")
            elif values and all(isinstance(v, dt.date | dt.datetime) for v in values):
                shown = config.get(column, {}).get("type_config", {}).get("format")
                if shown != "DD-MM-YYYY":
                    problems.append(f"{column}: format {shown!r}")
    return problems


def dated_tables(at) -> int:
    """How many tables of the page have a column of real dates."""
    found = 0
    for table in at.dataframe:
        frame = table.value
        for column in frame.columns:
            values = [v for v in frame[column].tolist() if v is not None and v == v]
            if values and all(isinstance(v, dt.date | dt.datetime) for v in values):
                found += 1
                break
    return found


def demo_sign_in(sign_in, username: str, page: str):
    return sign_in(username, PASSWORDS[username], page=page)


@pytest.mark.parametrize(
    ("page", "tables"),
    [("pages/activities.py", 1), ("pages/users.py", 1), ("pages/snapshot.py", 2)],
)
def test_programme_leader_tables_hold_dates(demo_db, sign_in, page, tables):
    at = demo_sign_in(sign_in, "leider", page)
    assert date_problems(at) == []
    assert dated_tables(at) >= tables


def test_privacy_tables_hold_dates(demo_db, sign_in):
    """Persons due for erasure (last seen) and the erasure log (when)."""
    set_meta(demo_db, "setting:retention_years", "1")
    at = demo_sign_in(sign_in, "leider", "pages/privacy.py")
    assert date_problems(at) == []
    assert dated_tables(at) >= 1


def test_my_intakes_table_holds_dates(demo_db, sign_in):
    at = demo_sign_in(sign_in, "coach", "pages/my_intakes.py")
    assert date_problems(at) == []
    assert dated_tables(at) == 1


def test_participations_of_an_organisation_and_a_person_hold_dates(demo_db, sign_in):
    at = demo_sign_in(sign_in, "leider", "pages/organisations.py")
    org_id = demo_db.execute(
        "SELECT organisation_id FROM attendance GROUP BY organisation_id ORDER BY COUNT(*) DESC"
    ).fetchone()[0]
    at.session_state["org_pick"] = org_id
    at.run()
    assert not at.exception, at.exception
    assert date_problems(at) == []
    assert dated_tables(at) >= 1
    at.switch_page("pages/persons.py").run()
    person_id = demo_db.execute(
        "SELECT person_id FROM attendance WHERE person_id IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    at.session_state["per_pick"] = person_id
    at.run()
    assert date_problems(at) == []
    assert dated_tables(at) >= 1


def test_intakes_of_a_use_case_hold_dates(demo_db, sign_in):
    case_id = demo_db.execute(
        "SELECT use_case_id FROM intakes WHERE use_case_id IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    at = demo_sign_in(sign_in, "leider", "pages/board.py")
    at.session_state["use_case_id"] = case_id
    at.switch_page("pages/use_case.py").run()
    assert date_problems(at) == []
    assert dated_tables(at) == 1


def test_activities_sort_by_date_not_by_text(demo_db, sign_in):
    """The issue's example: sorted by Datum, 01-12-2026 came before 02-04-2025."""
    at = demo_sign_in(sign_in, "leider", "pages/activities.py")
    column = at.dataframe[0].value["Datum"].tolist()
    assert column == sorted(column, reverse=True)  # newest first, and as dates
    assert all(isinstance(day, dt.date) for day in column)

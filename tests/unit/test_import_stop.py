"""An import stops when the user leaves: reading, checking and planning a file call the
caller's ``tick`` every :data:`funnel.tables.TICK_ROWS` rows, and whatever ``tick`` raises (in
the app: Streamlit's stop of a run whose tab was closed or that a new click replaced) ends the
import there, with nothing written."""

from __future__ import annotations

import io

import openpyxl
import pytest
import sqlite_utils

from funnel import imports, services, tables
from funnel.auth import Actor
from tests.conftest import dump_tables


class Left(BaseException):
    """What Streamlit raises in the script thread of a run it stops (not an Exception)."""


def _csv(rows: int) -> bytes:
    lines = "".join(f"14-03-2025;Workshop;Bedrijf {i}\n" for i in range(rows))
    return ("datum;activiteit;organisatie\n" + lines).encode()


def _xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["datum", "activiteit", "organisatie"])
    for i in range(rows):
        sheet.append(["14-03-2025", "Workshop", f"Bedrijf {i}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("make", "name"), [(_csv, "lijst.csv"), (_xlsx, "lijst.xlsx")])
def test_reading_a_file_ticks_every_so_many_rows(make, name) -> None:
    ticks: list[int] = []
    table = tables.read_table(make(5 * tables.TICK_ROWS), name, tick=ticks.append)
    assert len(table.rows) == 5 * tables.TICK_ROWS
    assert len(ticks) >= 5 and ticks == sorted(ticks)


def test_a_dry_run_ticks_while_it_reads_checks_and_plans(db: sqlite_utils.Database) -> None:
    ticks: list[int] = []
    report = imports.import_participants(
        db, _csv(3 * tables.TICK_ROWS), name="lijst.csv", dry_run=True, tick=ticks.append
    )
    assert report.rows_read == 3 * tables.TICK_ROWS
    # reading, checking and planning each tick at least once per TICK_ROWS rows
    assert len(ticks) >= 9


@pytest.mark.parametrize("at_tick", [1, 4, 8])
def test_leaving_while_the_file_is_read_checked_or_planned_writes_nothing(
    db: sqlite_utils.Database, leader: Actor, at_tick: int
) -> None:
    before = dump_tables(db)
    seen = {"ticks": 0}

    def tick(_rows: int) -> None:
        seen["ticks"] += 1
        if seen["ticks"] == at_tick:
            raise Left

    with pytest.raises(Left):
        services.import_file(
            db, leader, "participants", _csv(3 * tables.TICK_ROWS), "lijst.csv", tick=tick
        )
    assert seen["ticks"] == at_tick  # it stopped there
    assert dump_tables(db) == before
    # and the database is usable: the same file imports in full afterwards
    done = services.import_file(db, leader, "participants", _csv(10), "lijst.csv")
    assert done.committed

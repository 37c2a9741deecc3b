"""Hostile uploads: a file over the size limit is refused before it is read, a file with too
many rows and a workbook that unpacks to too much are refused with a clear message, early."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import sqlite_utils

from funnel import services, settings, tables
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.tables import Limits, read_table

HEADER = "datum;activiteit;organisatie\n"


def _csv(rows: int) -> bytes:
    return (HEADER + "".join(f"14-03-2025;Workshop;Bedrijf {i}\n" for i in range(rows))).encode()


def _xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["datum", "activiteit", "organisatie"])
    for i in range(rows):
        sheet.append(["14-03-2025", "Workshop", f"Bedrijf {i}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "groot.csv"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # 21 MB on paper, nothing to read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(FunnelError) as refused:
        read_table(big, limits=Limits(max_bytes=20 * 1024 * 1024))
    assert refused.value.code == "file_too_large"
    assert "20 MB" in refused.value.message("nl") and "21 MB" in refused.value.message("nl")


def test_uploaded_bytes_over_the_limit_are_refused_without_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tables, "_read_csv", lambda *a: pytest.fail("parsed"))
    with pytest.raises(FunnelError) as refused:
        read_table(b"x" * 2_000_001, "upload.csv", limits=Limits(max_bytes=2_000_000))
    assert refused.value.code == "file_too_large"


def test_a_csv_with_too_many_rows_is_refused_with_the_limit() -> None:
    assert len(read_table(_csv(500), "ok.csv", limits=Limits(max_rows=500)).rows) == 500
    with pytest.raises(FunnelError) as refused:
        read_table(_csv(2_000), "veel.csv", limits=Limits(max_rows=500))
    assert refused.value.code == "file_too_many_rows"
    assert "500" in refused.value.message("nl")


def test_a_workbook_with_too_many_rows_is_refused_early() -> None:
    data = _xlsx(3_000)
    assert len(read_table(data, "ok.xlsx", limits=Limits(max_rows=3_000)).rows) == 3_000
    started = time.monotonic()
    with pytest.raises(FunnelError) as refused:
        read_table(data, "veel.xlsx", limits=Limits(max_rows=100))
    assert refused.value.code == "file_too_many_rows"
    assert time.monotonic() - started < 2


def test_a_workbook_whose_declared_size_is_a_lie_still_stops_at_the_row_limit() -> None:
    data = _xlsx(2_000)
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(b'<dimension ref="A1:C2001"/>', b'<dimension ref="A1"/>')
            out.writestr(item, content)
    with pytest.raises(FunnelError) as refused:
        read_table(target.getvalue(), "gelogen.xlsx", limits=Limits(max_rows=100))
    assert refused.value.code == "file_too_many_rows"


def test_a_small_workbook_that_unpacks_to_too_much_is_refused_before_openpyxl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("xl/worksheets/sheet1.xml", b" " * (30 * 1024 * 1024))  # 30 MB of spaces
    data = target.getvalue()
    assert len(data) < 100_000
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(FunnelError) as refused:
        read_table(data, "bom.xlsx", limits=Limits(max_unpacked_bytes=20 * 1024 * 1024))
    assert refused.value.code == "xlsx_unpacked_too_large"
    assert "20 MB" in refused.value.message("nl")


def test_the_app_s_imports_take_their_limits_from_the_settings(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    assert settings.get(db, "upload_max_mb") == 20
    services.set_setting(db, leader, "upload_max_mb", 1)
    with pytest.raises(FunnelError) as refused:
        services.import_file(db, leader, "participants", b"a" * 1_100_000, "groot.csv")
    assert refused.value.code == "file_too_large"
    services.set_setting(db, leader, "import_max_rows", 100)
    with pytest.raises(FunnelError) as rows:
        services.import_file(db, leader, "participants", _csv(150), "veel.csv", dry_run=True)
    assert rows.value.code == "file_too_many_rows"
    report = services.import_file(db, leader, "participants", _csv(100), "ok.csv", dry_run=True)
    assert report.rows_read == 100


def test_the_server_refuses_large_uploads_itself() -> None:
    config = (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text()
    assert "maxUploadSize = 20" in config


def _cli(db_path: Path, *args: str):
    from click.testing import CliRunner

    from funnel.cli import cli

    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def test_the_command_line_import_refuses_a_file_over_the_size_setting(
    db: sqlite_utils.Database, db_path: Path, leader: Actor, tmp_path: Path
) -> None:
    from tests.conftest import dump_tables

    services.set_setting(db, leader, "upload_max_mb", 1)
    big = tmp_path / "groot.csv"
    big.write_bytes(_csv(40_000))  # about 1.3 MB
    before = dump_tables(db)
    refused = _cli(db_path, "import", "participants", str(big))
    assert refused.exit_code == 1, refused.output
    # the file named once, not "F: 'F' is 2 MB"
    assert f"'{big}' is 2 MB; de grens is 1 MB" in refused.output
    assert f"{big}: '{big}'" not in refused.output
    assert "Traceback" not in refused.output
    assert dump_tables(db) == before
    english = _cli(db_path, "--lang", "en", "import", "participants", "--dry-run", str(big))
    assert english.exit_code == 1
    assert "the limit is 1 MB" in english.output
    # within the limit it imports as before
    services.set_setting(db, leader, "upload_max_mb", 2)
    assert _cli(db_path, "import", "participants", "--dry-run", str(big)).exit_code == 0


def test_the_command_line_import_refuses_a_workbook_over_the_row_or_unpacked_limit(
    db: sqlite_utils.Database, db_path: Path, leader: Actor, tmp_path: Path
) -> None:
    from tests.conftest import dump_tables

    services.set_setting(db, leader, "import_max_rows", 100)
    many = tmp_path / "veel.xlsx"
    many.write_bytes(_xlsx(150))
    before = dump_tables(db)
    refused = _cli(db_path, "import", "participants", str(many))
    assert refused.exit_code == 1, refused.output
    assert "heeft meer dan 100 rijen" in refused.output
    assert dump_tables(db) == before

    services.set_setting(db, leader, "xlsx_max_unpacked_mb", 1)
    bomb = tmp_path / "bom.xlsx"
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("xl/worksheets/sheet1.xml", b" " * (3 * 1024 * 1024))
    bomb.write_bytes(target.getvalue())
    before = dump_tables(db)
    refused = _cli(db_path, "import", "use-cases", str(bomb))
    assert refused.exit_code == 1, refused.output
    assert "pakt uit tot 4 MB; de grens is 1 MB" in refused.output
    assert dump_tables(db) == before


def test_the_command_line_reads_a_csv_of_many_rows_within_the_size_limit(
    db: sqlite_utils.Database, db_path: Path, leader: Actor, tmp_path: Path
) -> None:
    # the row limit is the workbooks' (openpyxl's cost); a year's list as CSV is imported here
    services.set_setting(db, leader, "import_max_rows", 100)
    rows = tmp_path / "jaar.csv"
    rows.write_bytes(_csv(150))
    done = _cli(db_path, "import", "participants", "--dry-run", str(rows))
    assert done.exit_code == 0, done.output
    assert "150 rijen gelezen" in done.output

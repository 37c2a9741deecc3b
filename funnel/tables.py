"""Reading import files: CSV (comma or semicolon, with or without BOM) and XLSX, as header + rows."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from funnel.errors import FunnelError


@dataclass
class Table:
    """A file's header and its rows with the line (CSV) or row (XLSX) number each came from."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    warnings: list[FunnelError] = field(default_factory=list)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(
    source: str | Path | bytes, name: str | None = None, sheet: str | None = None
) -> Table:
    """Read a CSV or XLSX file (path or bytes) into a :class:`Table`; ``name`` decides the format."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FunnelError(
                "file_unreadable", name=name, reason=exc.strerror or str(exc)
            ) from exc
    else:
        data = source
        name = name or "upload"
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name, sheet)
    if sheet:
        raise FunnelError("sheet_for_csv", name=name)
    return _read_csv(data, name)


def _read_csv(data: bytes, name: str) -> Table:
    warnings: list[FunnelError] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(FunnelError("file_not_utf8", name=name))
    if not text.strip():
        raise FunnelError("file_empty", name=name)
    first_line = text.lstrip("\r\n").splitlines()[0]
    if first_line.lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's "sep=;" line names the separator; it is not part of the table
        delimiter = first_line.strip()[4]
        text = text.lstrip("\r\n").split("\n", 1)[1] if "\n" in text else ""
        skipped = 1
    else:
        delimiter = max([";", ",", "\t"], key=lambda d: first_line.count(d))
        skipped = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    body: list[tuple[int, list[Any]]] = []
    line = skipped
    for record in reader:
        start = line + 1
        line = reader.line_num + skipped
        if all(_is_blank(v) for v in record):
            continue
        if headers is None:
            headers = [h.strip() for h in record]
            continue
        body.append((start, record))
    if headers is None:
        raise FunnelError("file_empty", name=name)
    return Table(name, headers, body, warnings)


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FunnelError("xlsx_unreadable", name=name, reason=str(exc)) from exc
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise FunnelError(
                    "sheet_missing", name=name, sheet=sheet, sheets=", ".join(workbook.sheetnames)
                )
            ws = workbook[sheet]
        else:
            ws = workbook.worksheets[0]
        headers: list[str] | None = None
        body: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            record = list(values)
            if all(_is_blank(v) for v in record):
                continue
            if headers is None:
                headers = ["" if v is None else str(v).strip() for v in record]
                continue
            body.append((number, record))
    finally:
        workbook.close()
    if headers is None:
        raise FunnelError("file_empty", name=name)
    return Table(name, headers, body)


def header_key(header: str) -> str:
    """A header in comparable form: lower case, no accents, ``_``/``-`` as spaces, no trailing ``:*``."""
    text = unicodedata.normalize("NFKD", str(header))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[_\-/]+", " ", text)
    text = re.sub(r"[\s:*.]+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def map_columns(
    table: Table, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[dict[str, int], list[FunnelError]]:
    """Which column index holds each field; problems for missing or doubled columns (line 1)."""
    lookup = {header_key(alias): key for key, names in aliases.items() for alias in names}
    mapping: dict[str, int] = {}
    problems: list[FunnelError] = []
    for index, header in enumerate(table.headers):
        key = lookup.get(header_key(header))
        if key is None:
            continue
        if key in mapping:
            problems.append(FunnelError("column_twice", field=header, column=header))
            continue
        mapping[key] = index
    for key in required:
        if key not in mapping:
            problems.append(
                FunnelError(
                    "column_missing", field=aliases[key][0], names=" / ".join(aliases[key][:2])
                )
            )
    return mapping, problems

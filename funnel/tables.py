"""Reading import files: CSV (comma or semicolon, with or without BOM) and XLSX, as header + rows."""

from __future__ import annotations

import codecs
import csv
import errno
import io
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
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
    #: the line (CSV) or row (XLSX) the header is on (after a ``sep=`` line: 2)
    header_line: int = 1


@dataclass(frozen=True)
class Limits:
    """How much of an untrusted file is read at most (None: no limit).

    ``max_bytes``: the file's size, checked before it is read. ``max_rows``: data rows; reading
    stops at the first row over it (of a CSV too, unless ``csv_rows`` is False).
    ``max_unpacked_bytes``: what a workbook (a zip archive) unpacks to, checked in the
    archive's directory before anything is unpacked.
    """

    max_bytes: int | None = None
    max_rows: int | None = None
    max_unpacked_bytes: int | None = None
    csv_rows: bool = True


NO_LIMITS = Limits()
#: Told how many rows are done so far, every :data:`TICK_ROWS` rows of a long read, check or
#: plan. What it raises ends the work there, with nothing written: the app's tick draws on the
#: page, which is where Streamlit stops a run whose tab was closed or that a new click replaced
#: (its StopException is a BaseException, which no handler on the way catches).
Tick = Callable[[int], None]
TICK_ROWS = 1000
#: Records that may come before the header (title lines) and blank ones, on top of max_rows.
_ROW_SLACK = 50
_MB = 1024 * 1024


def _mb(size: int) -> int:
    return max(1, -(-size // _MB))  # rounded up: "21 MB" for 20.5 MB


def _too_large(name: str, size: int, limit: int) -> FunnelError:
    return FunnelError("file_too_large", name=name, size_mb=_mb(size), limit_mb=limit // _MB)


def _too_many_rows(name: str, limit: int) -> FunnelError:
    return FunnelError("file_too_many_rows", name=name, limit=limit)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(
    source: str | Path | bytes,
    name: str | None = None,
    sheet: str | None = None,
    limits: Limits = NO_LIMITS,
    tick: Tick | None = None,
) -> Table:
    """Read a CSV or XLSX file (path or bytes) into a :class:`Table`.

    The content decides the format where it can (a workbook renamed .csv is read as a
    workbook), else ``name``. A file that is neither (binary, NUL bytes, UTF-16 without BOM, a
    zip that is no workbook, an .xlsx that is really text, an unclosed quote, a cell over the
    csv module's limit) is refused with one :class:`FunnelError` in plain words, its ``line``
    param the row it is on where there is one; never a library's own exception or text.
    ``limits`` bounds what an untrusted file may cost (:class:`Limits`): over a limit, the file
    is refused as early as that limit can be known. ``tick`` (:data:`Tick`) is called while
    the rows are read.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(source)
        try:
            if limits.max_bytes is not None and path.stat().st_size > limits.max_bytes:
                raise _too_large(name, path.stat().st_size, limits.max_bytes)
            data = path.read_bytes()
        except OSError as exc:
            raise FunnelError(_OS_ERRORS.get(exc.errno or 0, "file_unreadable"), name=name) from exc
    else:
        data = source
        name = name or "upload"
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise _too_large(name, len(data), limits.max_bytes)
    if data.startswith(ZIP_SIGNATURES) or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name, sheet, limits, tick)
    if sheet:
        raise FunnelError("sheet_for_csv", name=name)
    # the reader takes the only reference: a file read here is let go once it is text, and the
    # text once it is rows (a list of a million rows: each a hundred MB or more)
    held = [data]
    del data
    return _read_csv(held, name, limits.max_rows if limits.csv_rows else None, tick)


_OS_ERRORS = {
    errno.ENOENT: "file_not_found",
    errno.EACCES: "file_no_permission",
    errno.EPERM: "file_no_permission",
    errno.EISDIR: "file_is_directory",
}
#: how a zip archive (and so an XLSX workbook) begins: a file, or an empty archive
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
#: how Excel's old binary workbooks (.xls, OLE2) begin
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: how some common binary files begin (images, PDF, archives, programs)
BINARY_SIGNATURES = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"\x1f\x8b",
    b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\x7fELF", b"II*\x00", b"MM\x00*",
)  # fmt: skip
#: control characters a text file may hold (tab, line breaks, form feed; Ctrl-Z at the end)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1a")
#: above this share of other control characters (NUL aside) a file is binary, not text
_BINARY_SHARE = 0.01


def _binary_kind(data: bytes) -> str | None:
    """``file_old_xls``/``file_not_text`` for a file that is no text at all, else None."""
    if data.startswith(OLE2_SIGNATURE):
        return "file_old_xls"
    if data.startswith(BINARY_SIGNATURES):
        return "file_not_text"
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 0x20 and byte and byte not in _TEXT_CONTROLS)
    if sample and controls / len(sample) > _BINARY_SHARE:
        return "file_not_text"
    return None


def _looks_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a BOM: nearly every other byte NUL (Latin text), the rest not."""
    sample = data[: 8192 - 8192 % 2]
    if len(sample) < 4 or len(data) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return (odd > 0.7 * half and even < 0.1 * half) or (even > 0.7 * half and odd < 0.1 * half)


def _decode(data: bytes, name: str) -> tuple[str, list[FunnelError]]:
    """The text of a CSV file; refuses what is not text in words the user can act on."""
    warnings: list[FunnelError] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark, tab separated
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise FunnelError("file_not_text", name=name) from None
    else:
        kind = _binary_kind(data)
        if kind:
            raise FunnelError(kind, name=name)
        if b"\x00" in data:
            if _looks_utf16(data):
                raise FunnelError("file_utf16_without_bom", name=name)
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise FunnelError("file_nul", name=name, line=line)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warnings.append(FunnelError("file_not_utf8", name=name))
    if "\x00" in text:
        raise FunnelError("file_nul", name=name, line=text[: text.index("\x00")].count("\n") + 1)
    return text.removesuffix("\x1a"), warnings


def _read_csv(
    held: list[bytes], name: str, max_rows: int | None = None, tick: Tick | None = None
) -> Table:
    """The table of a CSV file's bytes (``held``: a list with them, emptied here)."""
    text, warnings = _decode(held.pop(), name)
    if not text.strip():
        raise FunnelError("file_empty", name=name)
    start = len(text) - len(text.lstrip("\r\n"))
    # the first line only (splitlines of the whole text made a string of every line)
    end = text.find("\n", start)
    first_line = text[start : end if end >= 0 else len(text)].splitlines()[0]
    if first_line.lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's "sep=;" line names the separator; it is not part of the table
        delimiter = first_line.strip()[4]
        text = text.lstrip("\r\n").split("\n", 1)[1] if "\n" in text else ""
        skipped = 1
    else:
        delimiter = max([";", ",", "\t"], key=lambda d: first_line.count(d))
        skipped = 0
    headers: list[str] | None = None
    header_line = 1
    body: list[tuple[int, list[Any]]] = []
    # the row number is the record's, as a spreadsheet shows it: a cell holding a line break
    # does not shift the rows after it
    if max_rows is not None:
        _check_csv_rows(text, delimiter, name, max_rows)
    records = _records(text, delimiter, name, skipped, tick)
    del text
    for item in records:
        record = item[1]
        if not "".join(record).strip():  # the csv module gives text cells only
            continue
        if headers is None:
            headers = [h.strip() for h in record]
            header_line = item[0]
            continue
        body.append(item)  # the same (row number, cells) pair: no second million tuples
        if max_rows is not None and len(body) > max_rows:
            raise _too_many_rows(name, max_rows)
    if headers is None:
        raise FunnelError("file_empty", name=name)
    return Table(name, headers, body, warnings, header_line)


def _check_csv_rows(text: str, delimiter: str, name: str, max_rows: int) -> None:
    """Refuse a file with more than ``max_rows`` data rows, reading no further than that."""
    reader = csv.reader(_lines(text), delimiter=delimiter)
    filled = 0
    try:
        for record in reader:
            if any(not _is_blank(v) for v in record):
                filled += 1
                if filled > max_rows + 1:  # the header and max_rows rows
                    raise _too_many_rows(name, max_rows)
    except csv.Error:
        return  # the full reading says what is wrong with it


def _records(
    text: str, delimiter: str, name: str, skipped: int, tick: Tick | None = None
) -> list[tuple[int, list[str]]]:
    """Every record with its row number. Strict first (fast, and it notices quotes that do not
    close); when it objects, find out where and why, and refuse the file with that row, or,
    when it objected only to text after a closing quote on one line (``"De Vries" BV``), read
    the file as the csv module always did."""
    try:
        return _parse(text, delimiter, skipped, strict=True, tick=tick)
    except csv.Error:
        pass
    trouble = _quote_trouble(text, delimiter, csv.field_size_limit())
    if trouble is not None:
        code, row, index = trouble
        column = _column_at(text, delimiter, row, index)
        params: dict[str, Any] = (
            {"limit": csv.field_size_limit()} if code == "csv_cell_too_long" else {}
        )
        raise FunnelError(code, field=column, name=name, line=row + skipped, **params)
    try:
        return _parse(text, delimiter, skipped, strict=False, tick=tick)
    except csv.Error:
        raise FunnelError("file_not_csv", name=name) from None


#: one line of a text as io.StringIO(text, newline="") gives it: up to and with \r\n, \r or \n
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` for the csv module, one at a time, as a file opened with
    ``newline=""`` gives them (io.StringIO would first copy the whole text at four bytes a
    character: over half a gigabyte for a list of a million rows)."""
    return (match.group() for match in _LINE.finditer(text))


def _parse(
    text: str, delimiter: str, skipped: int, strict: bool, tick: Tick | None = None
) -> list[tuple[int, list[str]]]:
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=strict)
    # a list repeats its dates, activities and organisations on many rows: each distinct cell
    # text is kept once (a million rows hold a few hundred thousand texts, not nine million)
    if tick is None:
        return [
            (number + skipped, list(map(sys.intern, record)))
            for number, record in enumerate(reader, start=1)
        ]
    found: list[tuple[int, list[str]]] = []
    for number, record in enumerate(reader, start=1):
        found.append((number + skipped, list(map(sys.intern, record))))
        if number % TICK_ROWS == 0:
            tick(number)
    return found


def _quote_trouble(text: str, delimiter: str, limit: int) -> tuple[str, int, int] | None:
    """The first cell the csv module would misread or refuse: (error code, record number, cell
    index). A quoted cell that runs over a line break and never closes, or closes with text
    after it (its quote was never meant to close there), is an unclosed quote on the record
    where it opened; a cell longer than ``limit`` is too long. Reads as the csv module does."""
    stop = re.compile(f"[{re.escape(delimiter)}\r\n]")
    size = len(text)
    row, index, pos = 1, 0, 0
    while pos < size:
        if text[pos] == '"':
            opened, length, spans_lines = row, 0, False
            pos += 1
            while True:
                close = text.find('"', pos)
                if close < 0:
                    return "csv_quote_unclosed", opened, index
                spans_lines = spans_lines or _has_line_break(text, pos, close)
                length += close - pos
                if text.startswith('""', close):  # a quote inside the cell, written twice
                    length += 1
                    pos = close + 2
                    continue
                pos = close + 1
                break
            if pos < size and text[pos] not in (delimiter, "\r", "\n"):
                if spans_lines:
                    return "csv_quote_unclosed", opened, index
                found = stop.search(text, pos)
                end = found.start() if found else size
                length += end - pos
                pos = end
            if length > limit:
                return "csv_cell_too_long", opened, index
        else:
            found = stop.search(text, pos)
            end = found.start() if found else size
            if end - pos > limit:
                return "csv_cell_too_long", row, index
            pos = end
        if pos >= size:
            break
        if text[pos] == delimiter:
            index += 1
            pos += 1
        else:
            pos += 2 if text.startswith("\r\n", pos) else 1
            row, index = row + 1, 0
    return None


def _has_line_break(text: str, start: int, end: int) -> bool:
    return text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0


def _column_at(text: str, delimiter: str, row: int, index: int) -> str:
    """The header of cell ``index`` in record ``row`` ("-" if that is the header itself)."""
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if number >= row:
                return "-"
            if not all(_is_blank(v) for v in record):
                header = record[index].strip() if index < len(record) else ""
                return header or "-"
    except csv.Error:
        pass
    return "-"


def _unpacked_size(data: bytes) -> int | None:
    """What a zip archive says it unpacks to (None if its directory cannot be read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _read_xlsx(
    data: bytes,
    name: str,
    sheet: str | None,
    limits: Limits = NO_LIMITS,
    tick: Tick | None = None,
) -> Table:
    if not data.startswith(ZIP_SIGNATURES):
        raise _not_a_workbook(data, name)
    if limits.max_unpacked_bytes is not None:
        unpacked = _unpacked_size(data)
        if unpacked is not None and unpacked > limits.max_unpacked_bytes:
            raise FunnelError(
                "xlsx_unpacked_too_large",
                name=name,
                size_mb=_mb(unpacked),
                limit_mb=limits.max_unpacked_bytes // _MB,
            )
    max_rows = limits.max_rows
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _unreadable_zip(name) from exc
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise FunnelError(
                    "sheet_missing", name=name, sheet=sheet, sheets=", ".join(workbook.sheetnames)
                )
            ws = workbook[sheet]
        else:
            ws = workbook.worksheets[0]
        if max_rows is not None:
            declared = ws.max_row  # the sheet's own dimension: cheap, but may be missing or lie
            if isinstance(declared, int) and declared > max_rows + _ROW_SLACK:
                raise _too_many_rows(name, max_rows)
        headers: list[str] | None = None
        header_line = 1
        body: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            record = list(values)
            if all(_is_blank(v) for v in record):
                continue
            if headers is None:
                headers = ["" if v is None else str(v).strip() for v in record]
                header_line = number
                continue
            body.append((number, record))
            if max_rows is not None and len(body) > max_rows:
                raise _too_many_rows(name, max_rows)
            if tick is not None and len(body) % TICK_ROWS == 0:
                tick(len(body))  # a stop passes the handlers below (no Exception)
    except FunnelError:
        raise
    except Exception as exc:  # a damaged sheet is read row by row, so it fails here
        raise _unreadable_zip(name) from exc
    finally:
        workbook.close()
    if headers is None:
        raise FunnelError("file_empty", name=name)
    return Table(name, headers, body, header_line=header_line)


def _not_a_workbook(data: bytes, name: str) -> FunnelError:
    """Why a file named .xlsx is not one: empty, the old .xls format, text, or something else."""
    if not data.strip():
        return FunnelError("file_empty", name=name)
    if data.startswith(OLE2_SIGNATURE):
        return FunnelError("file_old_xls", name=name)
    if b"\x00" not in data and _binary_kind(data) is None:
        return FunnelError("xlsx_is_text", name=name)
    return FunnelError("xlsx_unreadable", name=name)


def _unreadable_zip(name: str) -> FunnelError:
    """A zip archive openpyxl cannot read: a zip renamed .csv, or a damaged workbook."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        return FunnelError("xlsx_unreadable", name=name)
    return FunnelError("file_is_zip", name=name)


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

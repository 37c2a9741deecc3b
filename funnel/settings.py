"""The installation's settings: named, typed values with defaults, kept in the database.

A setting that is never changed has its default. Values are stored in the ``meta`` table as
``setting:<name>``; :func:`funnel.services.set_setting` changes one on behalf of the programme
leader (rights checked there), :func:`get` reads one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlite_utils

from funnel.db import get_meta
from funnel.errors import FunnelError
from funnel.tables import Limits


@dataclass(frozen=True)
class Setting:
    """One setting: its default, and the smallest and largest value it may take."""

    default: int
    minimum: int
    maximum: int


#: Every setting, by name.
SETTINGS: dict[str, Setting] = {
    # a use case longer than this many days in one stage is "stuck"
    "stuck_days": Setting(default=90, minimum=1, maximum=3650),
    # a person not seen (no participation) for this many years is listed for erasure (AVG/GDPR)
    "retention_years": Setting(default=3, minimum=1, maximum=30),
    # a session not used for this many minutes ends (the user signs in again)
    "idle_minutes": Setting(default=120, minimum=5, maximum=24 * 60),
    # an uploaded or imported file larger than this many megabytes is refused before it is read
    "upload_max_mb": Setting(default=20, minimum=1, maximum=200),
    # an uploaded import file with more data rows than this is refused (reading stops there)
    "import_max_rows": Setting(default=50_000, minimum=100, maximum=2_000_000),
    # an uploaded workbook (XLSX, a zip archive) that unpacks to more megabytes than this is
    # refused before it is unpacked
    "xlsx_max_unpacked_mb": Setting(default=100, minimum=1, maximum=2_000),
}


def meta_key(name: str) -> str:
    """Where the setting is kept in the ``meta`` table (a refusal for an unknown name)."""
    return _key(name)


def _key(name: str) -> str:
    if name not in SETTINGS:
        raise FunnelError("setting_unknown", field="name", value=name)
    return f"setting:{name}"


def get(db: sqlite_utils.Database, name: str) -> int:
    """The value of a setting (its default when never set)."""
    stored = get_meta(db, _key(name))
    return int(stored) if stored is not None else SETTINGS[name].default


def upload_limits(db: sqlite_utils.Database) -> Limits:
    """The limits of a file uploaded in the app (the settings above)."""
    return Limits(
        max_bytes=get(db, "upload_max_mb") * 1024 * 1024,
        max_rows=get(db, "import_max_rows"),
        max_unpacked_bytes=get(db, "xlsx_max_unpacked_mb") * 1024 * 1024,
    )


def command_line_limits(db: sqlite_utils.Database) -> Limits:
    """The limits of a file imported with ``python -m funnel import``: the app's size limit, and
    its row and unpacked-size limits for workbooks (what openpyxl costs); a CSV within the size
    limit is read whatever its number of rows (a year's list is imported there)."""
    return replace(upload_limits(db), csv_rows=False)


def checked(name: str, value: object) -> int:
    """``value`` as a valid value of the setting, else a refusal that says the allowed range."""
    _key(name)
    setting = SETTINGS[name]
    refusal = FunnelError(
        "setting_invalid", field=name, value=value, minimum=setting.minimum, maximum=setting.maximum
    )
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise refusal
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise refusal from exc
    if not setting.minimum <= number <= setting.maximum:
        raise refusal
    return number

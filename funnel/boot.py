"""Start-up of the command line: sqlite-utils without pandas (see :func:`load_sqlite_utils`)."""

from __future__ import annotations

import sys


def load_sqlite_utils() -> None:
    """Import sqlite-utils with pandas and numpy blocked.

    sqlite-utils imports pandas and numpy whenever they are installed (Streamlit brings them),
    only to map their value types when it creates a table from Python values, which this program
    never does: about 0.7 s and 100 MB of a command that needs 0.1 s. Blocked while sqlite-utils
    loads, they import as usual afterwards. Without effect once sqlite-utils is loaded.
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import name" fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]

"""The text catalogue: every user-facing text in Dutch (default) and English.

Texts live in section modules in this package (``common``, ``errors``, ``app_*``, ...), each a
dict ``TEXTS = {key: (dutch, english)}``; this module merges them (a key may appear only once)
and renders them.

Strict mode (``FUNNEL_STRICT_I18N=1``, which the tests set): a key without a text, or a
placeholder the caller did not fill, raises :class:`MissingText` instead of showing the key or
the bare ``{placeholder}``; each such problem is also kept in :data:`STRICT_PROBLEMS`, so a test
fails even where Streamlit shows the exception on the page instead of raising it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import pkgutil
import re
import string
from typing import Any, NoReturn

DEFAULT_LANG = "nl"
#: The languages of the catalogue, the default first.
LANGUAGES = ("nl", "en")
STRICT_ENV = "FUNNEL_STRICT_I18N"
#: What strict mode found since the list was last cleared (``key: problem``).
STRICT_PROBLEMS: list[str] = []


#: a placeholder right before a full stop: ``{name}.``
_STOP_AFTER_FIELD = re.compile(r"(\{(\w+)[^{}]*\})\.")


class MissingText(LookupError):
    """Strict mode: a catalogue key has no text, or a placeholder of its text was not filled."""


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, value in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise RuntimeError(f"duplicate catalogue key {key!r} in {module.__name__}")
            merged[key] = value
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _merge()


def _strict() -> bool:
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def _refuse(key: str, problem: str) -> NoReturn:
    STRICT_PROBLEMS.append(f"{key}: {problem}")
    raise MissingText(f"catalogue key {key!r}: {problem}")


def _check_placeholders(key: str, text: str, params: dict[str, Any]) -> None:
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as exc:
        _refuse(key, f"malformed text ({exc})")
    for field in fields:
        name = field.split(".")[0].split("[")[0]
        if name not in params:
            _refuse(key, f"placeholder {{{field}}} not filled (given: {sorted(params)})")


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``params``."""
    entry = CATALOGUE.get(key)
    if entry is None:
        if _strict():
            _refuse(key, "no such key in the catalogue")
        return key if not params else f"{key} {params}"
    text = entry[1] if lang == "en" else entry[0]
    if _strict():
        _check_placeholders(key, text, params)
    if params:
        # "{name}." with a name that ends in a full stop ("B.V.") ends the sentence once
        text = _STOP_AFTER_FIELD.sub(
            lambda m: m[1] if str(params.get(m[2], "")).endswith(".") else m[0], text
        )
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError) as exc:
            if _strict():
                _refuse(key, f"cannot fill the text ({exc!r})")
            return text
    return text


def plural(key: str, count: int, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """``key.one`` for a count of 1, else ``key.other`` ("1 rij", "0 rijen", "3 rijen"), with
    ``{count}`` filled the language's way (1.234 in Dutch); Dutch and English need no other forms."""
    form = "one" if count == 1 else "other"
    return t(f"{key}.{form}", lang, count=fmt_number(count, lang), **params)


MONTHS_NL = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


#: How a table column shows a date (the moment.js pattern Streamlit's DateColumn takes), the way
#: :func:`fmt_date` writes one.
DATE_PATTERNS = {"nl": "DD-MM-YYYY", "en": "YYYY-MM-DD"}


def fmt_date(value: dt.date | None, lang: str = DEFAULT_LANG, long: bool = False) -> str:
    """A date as people write it: ``14-03-2025`` (nl) or ``2025-03-14`` (en); long: ``14 maart 2025``."""
    if value is None:
        return "–"
    if long:
        months = MONTHS_EN if lang == "en" else MONTHS_NL
        return f"{value.day} {months[value.month - 1]} {value.year}"
    return value.isoformat() if lang == "en" else value.strftime("%d-%m-%Y")


def fmt_number(value: float | int, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A number with Dutch separators (1.234,5) or English ones (1,234.5)."""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(value: float | None, lang: str = DEFAULT_LANG) -> str:
    """A share (0.5) as a whole percentage: ``50 %`` (nl) / ``50%`` (en)."""
    if value is None:
        return "–"
    number = fmt_number(round(value * 100), lang)
    return f"{number}%" if lang == "en" else f"{number} %"

"""Reading dates as people write them in import files and forms (SPEC: Import files)."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from functools import lru_cache

from dateutil import parser as du_parser

from funnel.errors import FunnelError


def utc_now() -> dt.datetime:
    """This moment, in UTC (what sign-ins, sessions and provider logins are stamped with)."""
    return dt.datetime.now(dt.UTC)


def utc_iso(moment: dt.datetime) -> str:
    """A moment as the database keeps it: ISO text in UTC, to the microsecond."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


#: The years a date may fall in; anything outside is a typing error.
FIRST_YEAR = 1990
LAST_YEAR = 2100

#: Day 0 of Excel's 1900 date system (serial 1 is 1900-01-01, counting the fictitious 29-02-1900).
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_FIRST_SERIAL = (dt.date(FIRST_YEAR, 1, 1) - EXCEL_EPOCH).days  # 32874
EXCEL_LAST_SERIAL = (dt.date(LAST_YEAR, 12, 31) - EXCEL_EPOCH).days  # 73415

MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("jan", "januari", "january"),
    ("feb", "februari", "february"),
    ("mrt", "mar", "maart", "march"),
    ("apr", "april"),
    ("mei", "may"),
    ("jun", "juni", "june"),
    ("jul", "juli", "july"),
    ("aug", "augustus", "august"),
    ("sep", "sept", "september"),
    ("okt", "oct", "oktober", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
WEEKDAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("ma", "maandag", "mon", "monday"),
    ("di", "dinsdag", "tue", "tues", "tuesday"),
    ("wo", "woensdag", "wed", "wednesday"),
    ("do", "donderdag", "thu", "thur", "thurs", "thursday"),
    ("vr", "vrijdag", "fri", "friday"),
    ("za", "zaterdag", "sat", "saturday"),
    ("zo", "zondag", "sun", "sunday"),
)
_MONTH_NUMBER = {name: number for number, names in enumerate(MONTH_NAMES, 1) for name in names}
_WEEKDAY_NUMBER = {name: number for number, names in enumerate(WEEKDAY_NAMES) for name in names}
#: Letters allowed next to the month name: English ordinals ("March 14th").
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME, re.ASCII)
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d+)" + _TIME, re.ASCII)
_LEADING_WORD = re.compile(r"([^\W\d_]+)\.?,?\s*(.*)")
_WORD = re.compile(r"[^\W\d_]+")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)", re.ASCII)


class DutchParserInfo(du_parser.parserinfo):
    """dateutil's vocabulary with Dutch and English month names; weekdays are checked by us."""

    MONTHS = list(MONTH_NAMES)
    WEEKDAYS: list[tuple[str, ...]] = []


_PARSER = du_parser.parser(DutchParserInfo(dayfirst=True))
# Two defaults that differ in year, month and day: a part missing from the text shows up as a
# difference between the two readings (dateutil fills missing parts silently).
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))


def parse_date(value: object, today: dt.date | None = None) -> dt.date:
    """The date in ``value``: a date/datetime, an Excel serial number, or text in an accepted form.

    Accepted text: ``2025-03-14`` (optionally with a time, or with ``/``), day-first numbers
    ``14-03-2025``, ``14/3/2025``, ``14.03.2025``, and Dutch or English month names
    (``14 maart 2025``, ``14 mrt. 2025``, ``March 14, 2025``, ``vrijdag 14 maart 2025``).
    Numbers in text are always day-first unless they start with a four-digit year.
    Raises :class:`FunnelError` (``date_*``) for anything else. ``today`` is accepted for
    callers that have a reference day; no accepted form depends on it, since a date missing
    its day, month or year is refused rather than completed.
    """
    del today  # no accepted form needs it (see docstring)
    if value is None:
        raise FunnelError("date_missing")
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value)
    if isinstance(value, dt.date):
        return _in_range(value, value)
    if isinstance(value, bool):
        raise FunnelError("date_unreadable", value=str(value))
    if isinstance(value, numbers.Real):
        return _from_excel_serial(value)
    if not isinstance(value, str):
        raise FunnelError("date_unreadable", value=str(value))
    text = " ".join(value.split())
    if not text:
        raise FunnelError("date_missing")
    return _parse_text(text)


def parse_optional_date(value: object, today: dt.date | None = None) -> dt.date | None:
    """None for a missing or blank value, otherwise :func:`parse_date`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, today)


def _in_range(day: dt.date, shown: object) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FunnelError("date_out_of_range", value=str(shown), first=FIRST_YEAR, last=LAST_YEAR)
    return day


def _from_excel_serial(number: numbers.Real) -> dt.date:
    value = float(number)
    shown = str(number)
    if not math.isfinite(value) or not EXCEL_FIRST_SERIAL <= value < EXCEL_LAST_SERIAL + 1:
        raise FunnelError("date_number_invalid", value=shown)
    return EXCEL_EPOCH + dt.timedelta(days=math.floor(value))


def _build(year: int, month: int, day: int, text: str, reading: str) -> dt.date:
    """The date, or ``date_impossible`` saying how the text was read (``reading``: a
    ``date.reading.*`` key, so that an ISO date gets no day-first hint)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FunnelError("date_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FunnelError("date_impossible", value=text, reading=reading) from None


@lru_cache(maxsize=1 << 14)
def _parse_text(text: str) -> dt.date:
    """The date a text says (a list has the same few dates on many rows: read each once)."""
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        year, _, month, day = match.groups()
        return _build(int(year), int(month), int(day), text, "year_first")
    match = _DAY_FIRST.fullmatch(text)
    if match:
        day, _, month, year = match.groups()
        if len(year) == 2:
            raise FunnelError("date_year_two_digits", value=text)
        if len(year) != 4:
            raise FunnelError("date_unreadable", value=text)
        return _build(int(year), int(month), int(day), text, "day_first")
    return _parse_month_name(text)


#: The month-name forms lists use most, read without dateutil (the same dates and refusals:
#: tests/unit/test_dates.py compares the two readers): "14 maart 2025", "14 mrt. 2025",
#: "maart 14, 2025" (day 1-31 without a leading zero or with one, a four-digit year).
_DAY_MONTH_YEAR = re.compile(r"(0?[1-9]|[12]\d|3[01]) ([^\W\d_]+)\.? ([1-9]\d{3})", re.ASCII)
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.? (0?[1-9]|[12]\d|3[01]),? ([1-9]\d{3})", re.ASCII)


def _parse_month_name(text: str) -> dt.date:
    """``14 maart 2025`` and friends: the common forms read here, the others by dateutil."""
    rest, weekday_word = text, ""
    leading = _LEADING_WORD.fullmatch(text)
    if leading and leading.group(1).casefold() in _WEEKDAY_NUMBER:
        weekday_word, rest = leading.group(1), leading.group(2)
    match = _DAY_MONTH_YEAR.fullmatch(rest)
    if match:
        day_text, month_word, year_text = match.groups()
    else:
        match = _MONTH_DAY_YEAR.fullmatch(rest)
        if match:
            month_word, day_text, year_text = match.groups()
    month = _MONTH_NUMBER.get(month_word.casefold()) if match else None
    if month is None:
        return _parse_month_name_by_dateutil(text)
    year, day_number = int(year_text), int(day_text)
    try:  # as dateutil: an impossible day is refused before the year's range is looked at
        dt.date(year, month, day_number)
    except ValueError:
        raise FunnelError("date_impossible", value=text, reading="month_name") from None
    day = _build(year, month, day_number, text, "month_name")
    if weekday_word and day.weekday() != _WEEKDAY_NUMBER[weekday_word.casefold()]:
        raise FunnelError("date_weekday_mismatch", value=text, weekday=weekday_word)
    return day


def _parse_month_name_by_dateutil(text: str) -> dt.date:
    """``14 maart 2025`` and friends, read by dateutil after our own checks."""
    rest = text
    weekday_word = ""
    leading = _LEADING_WORD.fullmatch(text)
    if leading and leading.group(1).casefold() in _WEEKDAY_NUMBER:
        weekday_word, rest = leading.group(1), leading.group(2)
    words = [word.casefold() for word in _WORD.findall(rest)]
    months = [word for word in words if word in _MONTH_NUMBER]
    others = [word for word in words if word not in _MONTH_NUMBER]
    if len(months) != 1 or any(word not in _ORDINAL_SUFFIXES for word in others):
        raise FunnelError("date_unreadable", value=text)
    try:
        readings = [_PARSER.parse(rest, default=default, ignoretz=True) for default in _DEFAULTS]
    except du_parser.ParserError as error:
        if isinstance(error.__cause__, ValueError):
            raise FunnelError("date_impossible", value=text, reading="month_name") from None
        raise FunnelError("date_unreadable", value=text) from None
    except (OverflowError, ValueError):
        raise FunnelError("date_unreadable", value=text) from None
    first, second = readings
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise FunnelError("date_incomplete", value=text)
    # dateutil turns "25" (and even "0025") into 2025: the year must be written as four digits.
    years = [int(digits) for digits in _FOUR_DIGITS.findall(rest)]
    if first.year not in years:
        if not years:
            raise FunnelError("date_year_two_digits", value=text)
        raise FunnelError("date_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)
    day = _build(first.year, first.month, first.day, text, "month_name")
    if weekday_word and day.weekday() != _WEEKDAY_NUMBER[weekday_word.casefold()]:
        raise FunnelError("date_weekday_mismatch", value=text, weekday=weekday_word)
    return day

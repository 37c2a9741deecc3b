"""Reading dates in every form the imports accept, and refusing everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funnel import dates
from funnel.dates import parse_date, parse_optional_date
from funnel.errors import FunnelError
from funnel.i18n import CATALOGUE

PI_DAY = dt.date(2025, 3, 14)  # a Friday

# Written out here rather than imported, so the tests check the module's tables too.
DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
DUTCH_ABBREVIATIONS = [
    ["jan"], ["feb"], ["mrt", "mar"], ["apr"], ["mei"], ["jun"],
    ["jul"], ["aug"], ["sep", "sept"], ["okt"], ["nov"], ["dec"],
]  # fmt: skip
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
ENGLISH_ABBREVIATIONS = [
    ["Jan"], ["Feb"], ["Mar"], ["Apr"], ["May"], ["Jun"],
    ["Jul"], ["Aug"], ["Sep", "Sept"], ["Oct"], ["Nov"], ["Dec"],
]  # fmt: skip
DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DUTCH_WEEKDAY_ABBREVIATIONS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ENGLISH_WEEKDAY_ABBREVIATIONS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

ALL_MONTH_NAMES = [
    (number, name)
    for number in range(1, 13)
    for name in [
        DUTCH_MONTHS[number - 1],
        ENGLISH_MONTHS[number - 1],
        *DUTCH_ABBREVIATIONS[number - 1],
        *ENGLISH_ABBREVIATIONS[number - 1],
    ]
]

in_range_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


def refusal(value: object) -> FunnelError:
    with pytest.raises(FunnelError) as caught:
        parse_date(value)
    return caught.value


# --- accepted text forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-14",
        "2025-3-14",
        "2025-03-14 00:00:00",
        "2025-03-14 10:00",
        "2025-03-14T10:00",
        "2025-03-14T10:00:00.123+01:00",
        "2025/03/14",
        "2025.03.14",
        "14-03-2025",
        "14-3-2025",
        "14/3/2025",
        "14/03/2025",
        "14.03.2025",
        "14.3.2025",
        "14-03-2025 00:00",
        "14 maart 2025",
        "14 mrt 2025",
        "14 mrt. 2025",
        "14 MAART 2025",
        "14 March 2025",
        "14 Mar 2025",
        "14 mar. 2025",
        "March 14, 2025",
        "maart 14, 2025",
        "March 14th, 2025",
        "14-mrt-2025",
        "vrijdag 14 maart 2025",
        "Vrijdag, 14 maart 2025",
        "vr 14 mrt 2025",
        "vr. 14 mrt. 2025",
        "Friday, March 14, 2025",
        "Fri 14 Mar 2025",
        "14 maart 2025 10:00",
    ],
)
def test_every_accepted_text_form_reads_as_the_same_day(text: str) -> None:
    assert parse_date(text) == PI_DAY


@pytest.mark.parametrize("text", ["  14-03-2025  ", "\t14 maart 2025\n", "14\xa0maart\xa0 2025"])
def test_surrounding_and_repeated_whitespace_is_ignored(text: str) -> None:
    assert parse_date(text) == PI_DAY


@pytest.mark.parametrize(("number", "name"), ALL_MONTH_NAMES)
def test_every_dutch_and_english_month_name_and_abbreviation_is_read(
    number: int, name: str
) -> None:
    expected = dt.date(2025, number, 7)
    assert parse_date(f"7 {name} 2025") == expected
    assert parse_date(f"7 {name.upper()} 2025") == expected
    assert parse_date(f"7 {name.lower()} 2025") == expected
    assert parse_date(f"{name.capitalize()} 7, 2025") == expected
    if len(name) <= 4:
        assert parse_date(f"7 {name}. 2025") == expected


@pytest.mark.parametrize(
    "weekdays", [DUTCH_WEEKDAYS, DUTCH_WEEKDAY_ABBREVIATIONS, ENGLISH_WEEKDAYS]
)
@given(day=in_range_dates)
def test_a_leading_weekday_that_matches_the_date_is_accepted(
    weekdays: list[str], day: dt.date
) -> None:
    weekday = weekdays[day.weekday()]
    text = f"{weekday} {day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"
    assert parse_date(text) == day


@given(day=in_range_dates)
def test_english_weekday_abbreviations_are_accepted(day: dt.date) -> None:
    weekday = ENGLISH_WEEKDAY_ABBREVIATIONS[day.weekday()]
    assert parse_date(f"{weekday}, {ENGLISH_MONTHS[day.month - 1]} {day.day}, {day.year}") == day


def test_a_weekday_that_does_not_match_the_date_is_refused() -> None:
    error = refusal("zaterdag 14 maart 2025")
    assert error.code == "date_weekday_mismatch"
    assert error.params["weekday"] == "zaterdag"


def test_leap_day_is_accepted_in_a_leap_year() -> None:
    assert parse_date("29-02-2024") == dt.date(2024, 2, 29)
    assert parse_date("29 februari 2024") == dt.date(2024, 2, 29)


# --- round trips ----------------------------------------------------------------------------

FORMATS: list[Callable[[dt.date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.isoformat()} 00:00:00",
    lambda d: f"{d.isoformat()}T10:00",
    lambda d: d.strftime("%Y/%m/%d"),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: d.strftime("%d-%m-%Y"),
    lambda d: f"{d.day}-{d.month}-{d.year}",
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: d.strftime("%d.%m.%Y"),
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: f"{d.day} {DUTCH_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {DUTCH_ABBREVIATIONS[d.month - 1][0]} {d.year}",
    lambda d: f"{d.day} {DUTCH_ABBREVIATIONS[d.month - 1][-1]}. {d.year}",
    lambda d: f"{d.day} {ENGLISH_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {ENGLISH_ABBREVIATIONS[d.month - 1][0]} {d.year}",
    lambda d: f"{ENGLISH_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{DUTCH_WEEKDAYS[d.weekday()]} {d.day} {DUTCH_MONTHS[d.month - 1]} {d.year}",
]


@given(day=in_range_dates, form=st.sampled_from(FORMATS))
def test_any_date_in_range_written_in_any_accepted_form_reads_back_as_itself(
    day: dt.date, form: Callable[[dt.date], str]
) -> None:
    assert parse_date(form(day)) == day


@given(day=in_range_dates.filter(lambda d: d.day <= 12 and d.day != d.month))
def test_day_first_numeric_dates_never_swap_day_and_month(day: dt.date) -> None:
    for separator in "-/.":
        text = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"
        assert parse_date(text) == day


@given(day=in_range_dates.filter(lambda d: d.day <= 12 and d.day != d.month))
def test_iso_dates_are_never_read_day_first(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day


def test_month_first_american_dates_are_not_swapped_into_a_real_date() -> None:
    assert refusal("03-14-2025").code == "date_impossible"
    assert parse_date("03-04-2025") == dt.date(2025, 4, 3)


# --- Excel cells ----------------------------------------------------------------------------


def test_excel_datetime_cells_give_their_date_part() -> None:
    assert parse_date(dt.datetime(2025, 3, 14, 0, 0)) == PI_DAY
    assert parse_date(dt.datetime(2025, 3, 14, 23, 59, 59)) == PI_DAY
    assert parse_date(dt.datetime(2025, 3, 14, 10, tzinfo=dt.UTC)) == PI_DAY
    assert type(parse_date(dt.datetime(2025, 3, 14, 10))) is dt.date


def test_date_objects_are_returned_as_they_are() -> None:
    assert parse_date(PI_DAY) == PI_DAY


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (45730, PI_DAY),
        (45730.0, PI_DAY),
        (45730.75, PI_DAY),
        (32874, dt.date(1990, 1, 1)),
        (73415, dt.date(2100, 12, 31)),
        (45351, dt.date(2024, 2, 29)),
    ],
)
def test_excel_serial_numbers_are_read_in_the_1900_date_system(
    serial: float, expected: dt.date
) -> None:
    assert parse_date(serial) == expected


@given(day=in_range_dates)
def test_any_excel_serial_in_range_reads_back_as_its_date(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == day
    assert parse_date(float(serial) + 0.5) == day


@pytest.mark.parametrize(
    "number", [0, 1, 2025, 32873, 73416, -45730, 1e12, float("nan"), float("inf")]
)
def test_numbers_outside_the_plausible_excel_serial_range_are_refused(number: float) -> None:
    error = refusal(number)
    assert error.code == "date_number_invalid"
    assert error.params["value"] == str(number)


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_not_dates(value: bool) -> None:
    assert refusal(value).code == "date_unreadable"


def test_a_serial_number_written_as_text_is_not_a_date() -> None:
    assert refusal("45730").code == "date_unreadable"


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   ", "\xa0\t"])
def test_a_blank_date_is_missing(value: object) -> None:
    assert refusal(value).code == "date_missing"


@pytest.mark.parametrize(
    "text",
    [
        "morgen",
        "14 maart 2025 foo",
        "14 of maart 2025",
        "2025",
        "14-03",
        "20250314",
        "14--03--2025",
        "14-03/2025",
        "14 3 2025",
        "14-03-202",
        "14-03-02025",
        "١٤-٠٣-٢٠٢٥",
        "14 maart vrijdag 2025",
        "14 maart april 2025",
    ],
)
def test_unreadable_text_is_refused_with_the_accepted_forms_in_the_message(text: str) -> None:
    error = refusal(text)
    assert error.code == "date_unreadable"
    assert error.params["value"] == text
    for lang in ("nl", "en"):
        assert "14-03-2025" in error.message(lang)
        assert text in error.message(lang)


@pytest.mark.parametrize("value", [[2025, 3, 14], object(), b"2025-03-14"])
def test_values_of_other_types_are_unreadable(value: object) -> None:
    assert refusal(value).code == "date_unreadable"


@pytest.mark.parametrize(
    "text",
    [
        "31-02-2025",
        "29-02-2025",
        "2025-02-29",
        "29 februari 2025",
        "31 april 2025",
        "32-01-2025",
        "00-01-2025",
        "14-13-2025",
        "14-00-2025",
        "2025-13-01",
        "31 Feb 2025",
    ],
)
def test_dates_that_do_not_exist_are_refused_as_impossible(text: str) -> None:
    error = refusal(text)
    assert error.code == "date_impossible"
    assert error.params["value"] == text


@pytest.mark.parametrize(
    "text", ["14-03-25", "14/3/25", "14.03.25", "14 mrt 25", "14-mrt-25", "March 14, 25"]
)
def test_two_digit_years_are_refused_with_a_request_for_four_digits(text: str) -> None:
    error = refusal(text)
    assert error.code == "date_year_two_digits"
    assert "14-03-2025" in error.message("nl")


@pytest.mark.parametrize(
    "value",
    [
        "31-12-1989",
        "1989-12-31",
        "01-01-2101",
        "1 januari 2101",
        "1 mei 0001",
        dt.date(1989, 12, 31),
        dt.datetime(2101, 1, 1),
    ],
)
def test_years_outside_1990_to_2100_are_refused(value: object) -> None:
    error = refusal(value)
    assert error.code == "date_out_of_range"
    assert "1990" in error.message("nl") and "2100" in error.message("nl")


def test_the_first_and_last_year_are_in_range() -> None:
    assert parse_date("01-01-1990") == dt.date(1990, 1, 1)
    assert parse_date("31-12-2100") == dt.date(2100, 12, 31)


@pytest.mark.parametrize("text", ["maart 2025", "March 2025", "14 maart", "March 14", "mrt"])
def test_dates_missing_day_month_or_year_are_not_completed_silently(text: str) -> None:
    assert refusal(text).code == "date_incomplete"


def test_today_does_not_complete_a_date() -> None:
    with pytest.raises(FunnelError):
        parse_date("14 maart", today=dt.date(2025, 6, 1))
    assert parse_date("14-03-2025", today=dt.date(2030, 1, 1)) == PI_DAY


def test_every_date_error_code_has_dutch_and_english_text() -> None:
    codes = [
        "date_missing",
        "date_unreadable",
        "date_impossible",
        "date_incomplete",
        "date_year_two_digits",
        "date_out_of_range",
        "date_weekday_mismatch",
        "date_number_invalid",
    ]
    for code in codes:
        dutch, english = CATALOGUE[f"err.{code}"]
        assert dutch and english and dutch != english
    error = refusal("31-02-2025")
    assert error.message("nl") == "'31-02-2025' is geen bestaande datum (dag eerst: dag-maand-jaar)"


# --- optional dates -------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "  ", "\xa0"])
def test_an_optional_date_left_blank_is_none(value: object) -> None:
    assert parse_optional_date(value) is None


def test_an_optional_date_that_is_given_is_parsed_and_checked() -> None:
    assert parse_optional_date("14 mrt 2025") == PI_DAY
    assert parse_optional_date(45730) == PI_DAY
    with pytest.raises(FunnelError) as caught:
        parse_optional_date("31-02-2025")
    assert caught.value.code == "date_impossible"


@pytest.mark.parametrize(
    ("text", "dutch", "english"),
    [
        ("2025-13-01", "(jaar eerst: jaar-maand-dag)", "(year first: year-month-day)"),
        ("2025-02-30", "(jaar eerst: jaar-maand-dag)", "(year first: year-month-day)"),
        ("31 Feb 2025", "(die maand heeft zo'n dag niet)", "(that month has no such day)"),
    ],
)
def test_an_impossible_date_not_written_day_first_gets_no_day_first_hint(
    text: str, dutch: str, english: str
) -> None:
    error = refusal(text)
    assert error.code == "date_impossible"
    assert error.message("nl") == f"'{text}' is geen bestaande datum {dutch}"
    assert error.message("en") == f"'{text}' is not a real date {english}"


# --- the month-name reader without dateutil (issue 7: a sixth of an import's validation) ------


def _outcome(read: Callable[[str], dt.date], text: str) -> tuple[object, ...]:
    try:
        return ("date", read(text))
    except FunnelError as error:
        return ("refused", error.code, error.field, error.params)


_any_case = st.sampled_from([str.lower, str.upper, str.title, str.capitalize])
_month_words = st.sampled_from(
    [name for names in dates.MONTH_NAMES for name in names] + ["maa", "mrz", "xyz", "sept."]
)
_weekday_words = st.sampled_from(
    [name for names in dates.WEEKDAY_NAMES for name in names] + ["vrij", "dag"]
)


@st.composite
def month_name_texts(draw: st.DrawFn) -> str:
    """Texts like the month-name dates of lists: the common forms and their near misses."""
    # mostly days and years that exist, so that the readers' dates (and impossible days of a
    # month) are compared, not only their refusals
    day = draw(st.one_of(st.integers(1, 31), st.integers(28, 31), st.integers(0, 40)))
    day_text = draw(
        st.sampled_from([str(day), str(day), f"{day:02d}", f"{day}e", f"{day}th", f"{day:03d}"])
    )
    month = draw(_any_case)(draw(_month_words)) + draw(st.sampled_from(["", ".", ","]))
    year = draw(st.one_of(st.integers(1985, 2105), st.integers(1985, 2105), st.integers(0, 10_000)))
    year_text = draw(st.sampled_from([str(year), str(year), f"{year:04d}", f"{year % 100:02d}"]))
    comma = draw(st.sampled_from(["", ","]))
    parts = draw(
        st.sampled_from(
            [
                [day_text, month, year_text],
                [day_text, month, year_text],
                [month, day_text + comma, year_text],
                [month, day_text + comma, year_text],
                [day_text + comma, month, year_text],
                [month, year_text],
                [day_text, month, month, year_text],
                [day_text, month, year_text, "10:00"],
            ]
        )
    )
    text = " ".join(parts)
    if draw(st.booleans()):
        weekday = draw(_any_case)(draw(_weekday_words))
        text = f"{weekday}{draw(st.sampled_from(['', '.', ',', '.,']))} {text}"
    return " ".join(text.split())


@settings(max_examples=1000)
@given(text=month_name_texts())
def test_the_month_name_reader_reads_as_dateutil_did(text: str) -> None:
    assert _outcome(dates._parse_month_name, text) == _outcome(
        dates._parse_month_name_by_dateutil, text
    )


@given(day=in_range_dates, style=st.integers(0, 5), month_case=_any_case)
def test_the_month_name_reader_reads_every_day_as_dateutil_did(
    day: dt.date, style: int, month_case: Callable[[str], str]
) -> None:
    month = month_case(
        dates.MONTH_NAMES[day.month - 1][style % len(dates.MONTH_NAMES[day.month - 1])]
    )
    weekday = dates.WEEKDAY_NAMES[(day.weekday() + style // 3) % 7][style % 2]
    for text in (
        f"{day.day} {month} {day.year}",
        f"{day.day:02d} {month}. {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{weekday} {day.day} {month} {day.year}",
    ):
        assert _outcome(dates._parse_month_name, text) == _outcome(
            dates._parse_month_name_by_dateutil, text
        ), text

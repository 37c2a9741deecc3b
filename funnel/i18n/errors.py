"""errors texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # dates (funnel/dates.py)
    "err.date_missing": (
        "De datum ontbreekt; vul een datum in, zoals 14-03-2025",
        "The date is missing; fill in a date, such as 14-03-2025",
    ),
    "err.date_unreadable": (
        "'{value}' is geen datum die we kunnen lezen; schrijf hem als 14-03-2025, 2025-03-14 "
        "of 14 maart 2025",
        "'{value}' is not a date we can read; write it as 14-03-2025, 2025-03-14 or 14 March 2025",
    ),
    "err.date_impossible": (
        "'{value}' is geen bestaande datum ({reading})",
        "'{value}' is not a real date ({reading})",
    ),
    # how a date that does not exist was read (the {reading} of err.date_impossible)
    "date.reading.day_first": ("dag eerst: dag-maand-jaar", "day first: day-month-year"),
    "date.reading.year_first": ("jaar eerst: jaar-maand-dag", "year first: year-month-day"),
    "date.reading.month_name": (
        "die maand heeft zo'n dag niet",
        "that month has no such day",
    ),
    "err.date_incomplete": (
        "'{value}' is geen volledige datum; geef dag, maand en jaar, zoals 14 maart 2025",
        "'{value}' is not a complete date; give day, month and year, such as 14 March 2025",
    ),
    "err.date_year_two_digits": (
        "'{value}' heeft een jaartal van twee cijfers; schrijf het jaar voluit, zoals 14-03-2025",
        "'{value}' has a two-digit year; write the year in full, such as 14-03-2025",
    ),
    "err.date_out_of_range": (
        "'{value}' valt buiten de jaren {first} tot en met {last}; klopt het jaartal?",
        "'{value}' is outside the years {first} to {last}; is the year right?",
    ),
    "err.date_weekday_mismatch": (
        "'{value}': die datum valt niet op {weekday}; controleer dag en datum",
        "'{value}': that date is not a {weekday}; check the weekday and the date",
    ),
    "err.date_number_invalid": (
        "{value} is een getal en geen datum; vul een datum in, zoals 14-03-2025",
        "{value} is a number, not a date; fill in a date, such as 14-03-2025",
    ),
    # identity (funnel/identity.py)
    "err.kvk_invalid": (
        "'{value}' is geen geldig KvK-nummer; een KvK-nummer heeft precies 8 cijfers",
        "'{value}' is not a valid KvK number; a KvK number has exactly 8 digits",
    ),
    "err.email_invalid": (
        "'{value}' is geen geldig e-mailadres; verwacht iets als naam@bedrijf.nl",
        "'{value}' is not a valid e-mail address; expected something like name@company.nl",
    ),
    "err.org_kind_invalid": (
        "'{value}' is geen bekend type organisatie; gebruik bijvoorbeeld {accepted}",
        "'{value}' is not a known type of organisation; use for example {accepted}",
    ),
}

"""Synthetic data at N times the demo size, written as SPEC import files and imported through them.

``python -m funnel demo --scale N`` and the benchmark use it. The files look like the lists people
keep: Dutch headers, semicolons, Dutch dates in several forms, legal forms written in several
ways, names in other case or without their accents, e-mail addresses in mixed case, KvK numbers
with spaces or dots. The skew is the network's: a few large companies send people to many
activities and own many use cases, many small ones come once. The same scale, seed and ``today``
always give the same files.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import itertools
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

#: The demo data set's size (funnel.demo on a fresh database): scale 1 is about this much.
DEMO_SIZE = {
    "attendance": 2365,
    "activities": 107,
    "organisations": 240,
    "persons": 400,
    "use_cases": 34,
}
SEED = 7_2026
YEARS = 3  # the data spans the three years up to today, as the demo's does

PARTICIPANT_HEADERS = [
    "Datum", "Activiteit", "Type activiteit", "Fieldlab", "Organisatie", "KvK",
    "Type organisatie", "Naam", "E-mail",
]  # fmt: skip
USE_CASE_HEADERS = [
    "Kenmerk", "Titel", "Asset owner", "Asset owner KvK", "Thema", "Fieldlab", "Gesignaleerd",
    "Intake", "Intake bedrijf", "Projectdefinitie", "Uitvoering", "Gerealiseerd", "Afgevallen",
    "Reden",
]  # fmt: skip

THEMES = ["Smart Maintenance", "Smart Energy", "Sustainable Industry", "Green Energy", "Hydrogen"]
FIELDLABS = ["Smart Maintenance", "Smart Energy", "Sustainable Industry"]
ACTIVITY_TYPES = [("workshop", 4), ("meetup", 3), ("fieldlab", 3), ("learning community", 1),
                  ("event", 1)]  # fmt: skip
#: The import's words for each kind (SPEC's kinds table), as people type them; "" is left blank.
KIND_WORDS = {
    "company": ["mkb", "MKB", "bedrijf", "Bedrijf", "sme", "startup", "grootbedrijf"],
    "education": ["hbo", "mbo", "ROC", "Hogeschool", "vmbo", "universiteit", "school"],
    "knowledge_institution": ["kennisinstelling", "Research"],
    "government": ["gemeente", "Gemeente", "overheid", "provincie"],
    "other": ["overig", "anders"],
    "unknown": [""],
}
KIND_SHARE = [("company", 88), ("education", 4), ("knowledge_institution", 1),
              ("government", 3), ("other", 1), ("unknown", 3)]  # fmt: skip

PLACES = [
    "Velsen", "IJmond", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest", "Santpoort",
    "Driehuis", "Velserbroek", "Wijk aan Zee", "Kennemer", "Hoogoven", "Noordpier", "Breesaap",
    "Haarlem", "Zaanstad", "Assendelft", "Spaarndam", "Westpoort", "Halfweg", "Zaandam",
    "Kanaal", "Noordzee", "Duin", "Polder", "Kust", "Staal", "Sluis", "Haven", "Zuidkade",
    "Éénhoorn", "Café-Noord", "Brückner", "Hélène", "Zoë", "Crème",
]  # fmt: skip
TRADES = [
    "Installatietechniek", "Onderhoud", "Robotics", "Engineering", "Metaalbewerking",
    "Elektrotechniek", "Sensortechniek", "Automatisering", "Hydrauliek", "Aandrijftechniek",
    "Isolatietechniek", "Meettechniek", "Energieadvies", "Warmtetechniek", "Klimaattechniek",
    "Procestechniek", "Inspecties", "Industrieservice", "Staalbouw", "Machinebouw",
    "Koeltechniek", "Vision Systems", "Data Solutions", "Drone Services", "Solar", "Coatings",
    "Montage", "Lastechniek", "Pomptechniek", "Compressoren", "Kraanservice", "Leidingbouw",
]  # fmt: skip
SCHOOL_WORDS = ["ROC", "Hogeschool", "College", "Academie", "Lyceum", "Vakschool"]
LEGAL_FORMS = [" B.V.", " B.V.", " BV", " N.V.", " V.O.F.", " C.V.", "", "", ""]
#: A legal form as other lists write it (SPEC: one trailing bv, nv, vof or cv is not the name).
LEGAL_VARIANTS = {
    " B.V.": [" BV", " bv", " b.v.", " B.V", ""],
    " BV": [" B.V.", " bv", ""],
    " N.V.": [" NV", " nv", ""],
    " V.O.F.": [" VOF", " v.o.f."],
    " C.V.": [" CV", " c.v."],
}
FIRST_NAMES = [
    "Jan", "Pieter", "Kees", "Joost", "Bas", "Ruud", "Mark", "Erik", "Martijn", "Sander",
    "Thijs", "Niels", "Wouter", "Youssef", "Mohamed", "Emre", "René", "Hüseyin", "Sven",
    "Anouk", "Lotte", "Femke", "Esther", "Marieke", "Linda", "Saskia", "Fatima", "Elif",
    "Daniëlle", "Zoë", "Ayşe", "Noor", "Iris", "Priya", "Chloé", "Inès",
]  # fmt: skip
SURNAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
    "van Leeuwen", "Brouwer", "de Wit", "Dijkstra", "Yılmaz", "Kaya", "Demir", "El Amrani",
    "Çelik", "Ramdin", "Groen", "de Ruiter", "Verbeek", "Koster", "Kramer", "Schipper",
]  # fmt: skip
TOPICS = [
    "trillingsanalyse", "thermografie", "drones en robots", "predictive maintenance",
    "restwarmte", "waterstof", "elektrificatie", "circulair staal", "stofmeting",
    "digitale werkinstructies", "corrosie", "energiemonitoring", "perslucht",
]  # fmt: skip
DROP_REASONS = ["geen match", "te duur", "geen capaciteit", "prioriteit verschoven"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]  # fmt: skip
MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@dataclass(frozen=True)
class Sizes:
    """How much to generate: attendance rows, activities, organisations, persons, use cases."""

    attendance: int
    activities: int
    organisations: int
    persons: int
    use_cases: int

    @classmethod
    def scaled(cls, scale: float) -> Sizes:
        """``scale`` times the demo data set."""
        return cls(**{key: max(1, round(value * scale)) for key, value in DEMO_SIZE.items()})

    @classmethod
    def rows(cls, attendance: int, use_cases: int) -> Sizes:
        """``attendance`` rows in activities, organisations and persons as the demo has them
        per row, with ``use_cases`` use cases (the benchmark's sizes)."""
        scale = attendance / DEMO_SIZE["attendance"]
        return cls(**{**vars(cls.scaled(scale)), "use_cases": use_cases})


@dataclass
class _Org:
    name: str
    kind: str
    words: list[str]  # the kind as rows give it (one of the kind's import words, or blank)
    kvk: str | None
    domain: str
    persons: list[tuple[str, str]]  # (name, e-mail or "")


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _local_part(name: str) -> str:
    """An e-mail address's part before the @ made of a name: ``jan.a.de.jong``."""
    return ".".join(re.findall(r"[a-z0-9]+", _strip_accents(name).lower()))


def _name_variant(rng: random.Random, name: str) -> str:
    """The same organisation as another list writes it: case, accents, the legal form."""
    pick = rng.random()
    if pick < 0.75:
        return name
    if pick < 0.82:
        return name.upper()
    if pick < 0.88:
        return name.lower()
    if pick < 0.94:
        return _strip_accents(name)
    for form, others in LEGAL_VARIANTS.items():
        if name.endswith(form):
            return name[: -len(form)] + rng.choice(others)
    return name


def _kvk_variant(rng: random.Random, kvk: str) -> str:
    pick = rng.random()
    if pick < 0.7:
        return kvk
    if pick < 0.85:
        return f"{kvk[:4]} {kvk[4:]}"
    return f"{kvk[:2]}.{kvk[2:4]}.{kvk[4:6]}.{kvk[6:]}"


def dutch_date(rng: random.Random, day: dt.date, style: int) -> str:
    """``day`` as Dutch lists write it; ``style`` is the list's habit, now and then another."""
    if rng.random() < 0.05:
        style = rng.randrange(6)
    if style == 0:
        return day.strftime("%d-%m-%Y")
    if style == 1:
        return f"{day.day}/{day.month}/{day.year}"
    if style == 2:
        return day.strftime("%d.%m.%Y")
    if style == 3:
        return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"
    if style == 4:
        return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"
    return day.isoformat()


class _Weighted:
    """Picks from items with fixed weights (bisect over cumulative weights)."""

    def __init__(self, items: list[Any], weights: list[float]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng: random.Random) -> Any:
        index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        return self.items[min(index, len(self.items) - 1)]


class Generator:
    """The synthetic network: organisations, persons, activities and use cases."""

    def __init__(self, sizes: Sizes, today: dt.date | None = None, seed: int = SEED) -> None:
        self.sizes = sizes
        self.today = today or dt.date.today()
        self.first_day = self.today.replace(year=self.today.year - YEARS, month=1, day=1)
        self.seed = seed
        self.orgs = self._organisations()
        # Zipf-like: the first organisations are the large ones, the tail comes once
        weights = [1 / (rank + 1) ** 1.1 for rank in range(len(self.orgs))]
        self.attending = _Weighted(self.orgs, weights)
        companies = [o for o in self.orgs if o.kind == "company"]
        self.owners = _Weighted(companies, [1 / (r + 1) ** 1.2 for r in range(len(companies))])
        self.kinds = {o.name: o.kind for o in self.orgs}

    def _rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}:{part}")

    def _organisations(self) -> list[_Org]:
        rng = self._rng("organisations")
        kinds = _Weighted([k for k, _ in KIND_SHARE], [w for _, w in KIND_SHARE])
        taken_names: set[str] = set()
        taken_kvk: set[str] = set()
        orgs: list[_Org] = []
        pairs = list(itertools.product(PLACES, TRADES))
        rng.shuffle(pairs)
        combos = iter(pairs)
        for number in range(self.sizes.organisations):
            kind = "company" if number < 5 else kinds.pick(rng)
            place, trade = next(combos, (rng.choice(PLACES), rng.choice(TRADES)))
            if kind in ("education", "knowledge_institution"):
                base = f"{rng.choice(SCHOOL_WORDS)} {place}"
            elif kind == "government":
                base = f"Gemeente {place}"
            else:
                base = f"{place} {trade}"
            name = base
            counter = 2
            while _strip_accents(name).casefold() in taken_names:
                name = f"{base} {counter}"
                counter += 1
            taken_names.add(_strip_accents(name).casefold())
            if kind == "company":
                name += rng.choice(LEGAL_FORMS)
            kvk = None
            if kind in ("company", "other") and rng.random() < 0.6:
                while kvk is None or kvk in taken_kvk:
                    kvk = f"{rng.randint(10_000_000, 99_999_999):08d}"
                taken_kvk.add(kvk)
            # one word per organisation: two words could name two education levels
            words = [rng.choice(KIND_WORDS[kind])]
            domain = "".join(c for c in _strip_accents(base).lower() if c.isalnum())[:24]
            orgs.append(_Org(name, kind, words, kvk, f"{domain}.example", []))
        # persons: the large organisations have many, most have one or two
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(orgs))]
        spread = _Weighted(orgs, weights)
        emails: set[str] = set()
        names: dict[int, dict[str, bool]] = {}  # per organisation: name -> has an e-mail
        for number in range(self.sizes.persons):
            org = orgs[number] if number < len(orgs) else spread.pick(rng)
            taken = names.setdefault(id(org), {})
            for _retry in range(5):
                first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
                if taken.get(_strip_accents(f"{first} {last}").casefold()) is not False:
                    break
            else:  # the name of a person without e-mail: one more initial tells them apart
                first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
            key = _strip_accents(f"{first} {last}").casefold()
            email = ""
            # without an e-mail address a name must be the only one of its organisation (SPEC:
            # the name identifies the person), else the list would be ambiguous
            if rng.random() < 0.85 or key in taken:
                local = _local_part(f"{first} {last}")
                email = f"{local}@{org.domain}"
                counter = 2
                while email in emails:
                    email = f"{local}{counter}@{org.domain}"
                    counter += 1
                emails.add(email)
            if key not in taken or not email:
                taken[key] = bool(email)
            org.persons.append((f"{first} {last}", email))
        return orgs

    def activities(self) -> list[tuple[dt.date, str, str, str, int]]:
        """(date, title, type, fieldlab, attendees) per activity, in date order."""
        rng = self._rng("activities")
        span = (self.today - self.first_day).days
        kinds = _Weighted([k for k, _ in ACTIVITY_TYPES], [w for _, w in ACTIVITY_TYPES])
        found = []
        sizes = [rng.lognormvariate(0, 0.7) for _ in range(self.sizes.activities)]
        total = sum(sizes)
        counts = [max(1, round(s / total * self.sizes.attendance)) for s in sizes]
        counts[-1] = max(1, counts[-1] + self.sizes.attendance - sum(counts))
        for number, attendees in enumerate(counts):
            day = self.first_day + dt.timedelta(days=rng.randrange(span + 1))
            kind = kinds.pick(rng)
            fieldlab = rng.choice(FIELDLABS) if kind == "fieldlab" else ""
            title = f"{kind.title()} {rng.choice(TOPICS)} #{number + 1}"
            found.append((day, title, kind, fieldlab, attendees))
        return sorted(found)

    def participant_rows(self) -> Iterator[tuple[dt.date, list[str]]]:
        """Every attendance row (an activity's date and the row's cells), activity by activity."""
        rng = self._rng("attendance")
        for day, title, kind, fieldlab, attendees in self.activities():
            style = rng.randrange(6)
            seen: set[tuple[str, str]] = set()
            for _ in range(attendees):
                org = self.attending.pick(rng)
                person, email = rng.choice(org.persons) if org.persons else ("", "")
                for _retry in range(3):  # someone already on this list: take another
                    if (org.name, person) not in seen:
                        break
                    org = self.attending.pick(rng)
                    person, email = rng.choice(org.persons) if org.persons else ("", "")
                seen.add((org.name, person))
                shape = rng.random()
                org_cell = _name_variant(rng, org.name)
                if shape < 0.05:  # a private person: no organisation
                    org_cell = ""
                    person = person or "Anoniem"
                    email = (
                        email or f"{_strip_accents(person).lower().replace(' ', '.')}@mail.example"
                    )
                elif shape < 0.09:  # only the organisation is known
                    person = email = ""
                if email and rng.random() < 0.2:
                    local, _, domain = email.partition("@")
                    email = f"{local.title()}@{domain.capitalize()}"
                if person and rng.random() < 0.05:
                    person = person.upper()
                kvk = (
                    _kvk_variant(rng, org.kvk)
                    if org_cell and org.kvk and rng.random() < 0.7
                    else ""
                )
                kind_word = rng.choice(org.words) if org_cell and rng.random() < 0.6 else ""
                cells = [dutch_date(rng, day, style), title, kind, fieldlab, org_cell, kvk,
                         kind_word, person, email]  # fmt: skip
                yield day, cells

    def use_case_rows(self) -> Iterator[list[Any]]:
        """One row per use case, a column per stage date (dates as Dutch text)."""
        rng = self._rng("use_cases")
        span = (self.today - self.first_day).days
        for number in range(self.sizes.use_cases):
            owner = self.owners.pick(rng)
            detected = self.first_day + dt.timedelta(days=rng.randrange(span + 1))
            dates: list[dt.date | None] = [detected]
            day = detected
            for chance in (0.6, 0.55, 0.6, 0.5):
                if rng.random() >= chance:
                    break
                day += dt.timedelta(days=rng.randint(7, 150))
                if day > self.today:
                    break
                if rng.random() < 0.15 and len(dates) == 1:
                    dates.append(None)  # the intake is skipped
                dates.append(day)
            dates += [None] * (5 - len(dates))
            dates = dates[:5]
            dropped = None
            if dates[4] is None and rng.random() < 0.2:
                last = max(d for d in dates if d is not None)
                candidate = last + dt.timedelta(days=rng.randint(1, 90))
                dropped = candidate if candidate <= self.today else None
            style = rng.randrange(6)

            def cell(value: dt.date | None, style: int = style) -> str:
                return dutch_date(rng, value, style) if value else ""

            intake_company = ""
            if dates[1] and rng.random() < 0.3:
                intake_company = self.attending.pick(rng).name
                if self.kinds[intake_company] != "company":
                    intake_company = ""
            yield [
                f"UC-{number + 1:05d}",
                f"{rng.choice(TOPICS).capitalize()} bij {owner.name} ({number + 1})",
                _name_variant(rng, owner.name),
                _kvk_variant(rng, owner.kvk) if owner.kvk else "",
                rng.choice(THEMES),
                rng.choice(FIELDLABS) if rng.random() < 0.5 else "",
                cell(dates[0]),
                cell(dates[1]),
                intake_company,
                cell(dates[2]),
                cell(dates[3]),
                cell(dates[4]),
                cell(dropped),
                rng.choice(DROP_REASONS) if dropped else "",
            ]


def write_csv(path: Path, headers: list[str], rows: Iterator[list[Any]], bom: bool = False) -> int:
    """A semicolon-separated CSV as Dutch Excel writes it; returns the number of rows."""
    count = 0
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers)
        for count, row in enumerate(rows, start=1):  # noqa: B007
            writer.writerow(row)
    return count


def write_xlsx(path: Path, headers: list[str], rows: Iterator[list[Any]]) -> int:
    """An XLSX file with one sheet (openpyxl's streaming writer); returns the number of rows."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Blad1")
    sheet.append(headers)
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007
        sheet.append(row)
    book.save(path)
    return count


def write_files(generator: Generator, folder: Path) -> list[tuple[str, Path]]:
    """The import files, in import order: (``use-cases`` or ``participants``, path).

    The use cases as one XLSX sheet; the attendance lists as one CSV per year, except each
    year's January, kept as an XLSX file (as some lists come).
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: list[tuple[str, Path]] = []
    path = folder / "use-cases.xlsx"
    write_xlsx(path, USE_CASE_HEADERS, generator.use_case_rows())
    files.append(("use-cases", path))
    by_file: dict[Path, list[list[str]]] = {}
    for day, cells in generator.participant_rows():
        name = f"deelnemers-{day.year}-01.xlsx" if day.month == 1 else f"deelnemers-{day.year}.csv"
        by_file.setdefault(folder / name, []).append(cells)
    for index, (path, rows) in enumerate(sorted(by_file.items())):
        if path.suffix == ".xlsx":
            write_xlsx(path, PARTICIPANT_HEADERS, iter(rows))
        else:
            write_csv(path, PARTICIPANT_HEADERS, iter(rows), bom=index % 2 == 0)
        files.append(("participants", path))
    return files


def write_participants_csv(generator: Generator, path: Path) -> int:
    """Every attendance row in one CSV (the benchmark's file); returns the number of rows."""
    return write_csv(
        path, PARTICIPANT_HEADERS, (cells for _day, cells in generator.participant_rows())
    )


def fill(
    db: sqlite_utils.Database,
    scale: float,
    folder: Path,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write the files for ``scale`` times the demo size to ``folder`` and import them through
    the SPEC imports (use cases first); the demo accounts are added. Returns the counts."""
    from funnel import auth, demo, imports
    from funnel.db import one, set_meta, transaction

    with transaction(db):
        demo.check_may_become_demo(db)
        set_meta(db, "is_demo", "1")
        for username, role, display_name, _password in demo.DEMO_ACCOUNTS:
            if not one(db, "SELECT 1 AS x FROM users WHERE username = ?", [username]):
                auth.create_demo_user(db, username, role, display_name)
    generator = Generator(Sizes.scaled(scale), today)
    for kind, path in write_files(generator, folder):
        if progress:
            progress(str(path))
        report = imports.IMPORTERS[kind](db, path, name=path.name, today=generator.today)
        if report.errors:
            first = report.errors[0].render(path.name, "en")
            raise RuntimeError(f"{len(report.errors)} invalid rows in {path.name}: {first}")
    return demo.summary(db)

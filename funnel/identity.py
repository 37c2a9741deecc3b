"""Normal forms and matching of organisations and persons: names, KvK numbers, e-mail, kinds."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from stdnum.exceptions import ValidationError
from stdnum.nl import brin

from funnel.errors import FunnelError
from funnel.models import EducationLevel, OrgKind

#: Legal forms removed from the end of an organisation name (one token, after punctuation is gone).
LEGAL_FORMS = frozenset({"bv", "nv", "vof", "cv"})


def clean_text(value: object) -> str:
    """``value`` as text, trimmed, with every run of whitespace (tabs, NBSP, ...) one space."""
    if value is None:
        return ""
    return " ".join(str(value).split())


#: The longest text each kind of field takes (characters); a longer one is refused, not cut.
TEXT_LIMITS: dict[str, int] = {
    "title": 300,
    "name": 200,
    "new_use_case_title": 300,
    "organisation_name": 200,
    "asset_owner_name": 200,
    "person_name": 200,
    "next_step": 1000,
    "note": 2000,
    "description": 10_000,
    "result_summary": 10_000,
    "notes": 10_000,
}
#: Control characters (NUL and the like) that no form field holds; long texts keep newlines/tabs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_SHORT = re.compile(r"[\x00-\x1f\x7f]")


def check_texts(**fields: object) -> None:
    """Refuse a form's text that holds a NUL or another control character, or is longer than its
    field takes (:data:`TEXT_LIMITS`), with a message that names the field."""
    for field, value in fields.items():
        if not isinstance(value, str) or not value:
            continue
        limit = TEXT_LIMITS.get(field, 300)
        control = _CONTROL if limit > 1000 else _CONTROL_SHORT
        if control.search(value):
            raise FunnelError("text_control", field=field)
        if len(value.strip()) > limit:
            raise FunnelError("text_too_long", field=field, limit=limit, length=len(value.strip()))


def strip_marks(text: str) -> str:
    """``text`` without accents and other combining marks ("Zoë" -> "Zoe"), case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_strip_marks = strip_marks


#: The ASCII characters Unicode counts as punctuation (category P*; "$", "+", "<", "|" and the
#: like are symbols and stay), to delete with str.translate.
_ASCII_PUNCTUATION = {
    code: None for code in range(128) if unicodedata.category(chr(code)).startswith("P")
}


@lru_cache(maxsize=1 << 16)
def normal_text(text: str) -> str:
    """The normal form of a person's name, an activity title or a use-case title (SPEC: Identity).

    Accents, case and punctuation are removed and whitespace is collapsed; unlike
    :func:`normal_org_name`, no legal form is dropped.
    """
    text = str(text)
    if text.isascii():
        # most names: nothing to decompose, and casefold is lower (the same result, 5x faster)
        return " ".join(text.lower().translate(_ASCII_PUNCTUATION).split())
    return _normal_unicode(text)


def _normal_unicode(text: str) -> str:
    """:func:`normal_text` of any text, character by character."""
    # Casefolding can produce new decomposable characters, so decompose again afterwards.
    folded = _strip_marks(_strip_marks(text).casefold())
    folded = "".join(char for char in folded if not unicodedata.category(char).startswith("P"))
    return " ".join(folded.split())


@lru_cache(maxsize=1 << 16)
def normal_org_name(name: str) -> str:
    """The organisation name normal form (SPEC: Identity).

    Accents, case and punctuation are removed ("B.V." becomes "bv"), whitespace is collapsed, and
    then one trailing legal form (bv, nv, vof, cv) is dropped when another word remains:
    "Tata Steel Nederland B.V." and "tata steel nederland" have the same normal form.
    """
    tokens = normal_text(name).split(" ")
    if len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
        tokens.pop()
    return " ".join(tokens)


def normalize_brin(value: object, field: str = "brin") -> str | None:
    """A BRIN code (a school's code: 2 digits and 2 letters, optionally 2 digits for a location)
    in capitals without spaces; None when blank; ``brin_invalid`` otherwise (python-stdnum)."""
    text = clean_text(value)
    if not text:
        return None
    try:
        return str(brin.validate(text.upper()))
    except ValidationError as exc:
        raise FunnelError("brin_invalid", field=field, value=text) from exc


_KVK = re.compile(r"[0-9]{8}")


def normalize_kvk(value: object, field: str = "kvk") -> str | None:
    """A KvK number as 8 digits; None when blank.

    Spaces and dots in text are removed ("12.345.678"). A number from an Excel cell that lost its
    leading zeros (1234567) is padded back to 8 digits. Anything else is a ``kvk_invalid`` error.
    """
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        compact = "".join(value.split()).replace(".", "")
        if _KVK.fullmatch(compact):
            return compact
        raise FunnelError("kvk_invalid", field=field, value=value.strip())
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    if number is not None and 0 <= number <= 99_999_999:
        return f"{number:08d}"
    raise FunnelError("kvk_invalid", field=field, value=str(value))


_LABEL = r"[^\W_](?:(?:[^\W_]|-)*[^\W_])?"
_EMAIL = re.compile(r"[^\s\x00-\x1f\x7f@,;:<>()\[\]\"\\]+@(?:" + _LABEL + r"\.)+[^\W\d_]{2,}")


def normalize_email(value: object, field: str = "email") -> str | None:
    """An e-mail address trimmed and casefolded; None when blank; ``email_invalid`` if malformed.

    A leading ``mailto:`` is removed. The address needs one @, a local part without spaces, and a
    domain of letter/digit/hyphen labels with a dot and a top-level domain of 2+ letters.
    """
    if value is None:
        return None
    shown = str(value).strip()
    if not shown:
        return None
    if not isinstance(value, str):
        raise FunnelError("email_invalid", field=field, value=shown)
    address = shown.casefold()
    if address.startswith("mailto:"):
        address = address[len("mailto:") :]
    if len(address) > 254 or _EMAIL.fullmatch(address) is None:
        raise FunnelError("email_invalid", field=field, value=shown)
    return address


#: Accepted import values per kind (SPEC: kinds table), written as :func:`_kind_key` makes them.
KIND_VALUES: dict[OrgKind, tuple[str, ...]] = {
    OrgKind.COMPANY: (
        "company", "bedrijf", "mkb", "mkb bedrijf", "sme", "grootbedrijf", "large company",
        "startup", "start up", "asset owner", "zzp", "zzp'er", "zzper",
    ),
    OrgKind.EDUCATION: (
        "education", "school", "onderwijs", "po", "basisschool", "vo", "vmbo", "havo", "vwo",
        "mbo", "roc", "hbo", "hogeschool", "wo", "universiteit", "university",
    ),
    OrgKind.KNOWLEDGE_INSTITUTION: (
        "knowledge institution", "kennisinstelling", "research", "onderzoeksinstituut",
    ),
    OrgKind.GOVERNMENT: ("government", "overheid", "gemeente", "provincie", "municipality"),
    OrgKind.OTHER: ("other", "overig", "anders"),
}  # fmt: skip
#: The values that also name an education level.
LEVEL_VALUES: dict[str, EducationLevel] = {
    "po": EducationLevel.PO,
    "basisschool": EducationLevel.PO,
    "vo": EducationLevel.VO,
    "havo": EducationLevel.VO,
    "vwo": EducationLevel.VO,
    "vmbo": EducationLevel.VMBO,
    "mbo": EducationLevel.MBO,
    "roc": EducationLevel.MBO,
    "hbo": EducationLevel.HBO,
    "hogeschool": EducationLevel.HBO,
    "wo": EducationLevel.WO,
    "universiteit": EducationLevel.WO,
    "university": EducationLevel.WO,
}
_KIND_BY_VALUE = {value: kind for kind, values in KIND_VALUES.items() for value in values}

#: The short list shown when a kind is not recognised.
KIND_EXAMPLES = (
    "bedrijf, mkb, asset owner, school, mbo, hbo, wo, kennisinstelling, overheid, overig"
)


def _kind_key(value: str) -> str:
    text = value.casefold().replace("\u2019", "'").replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def parse_org_kind(
    value: object, field: str = "organisation_type"
) -> tuple[OrgKind | None, EducationLevel | None]:
    """The kind (and education level, where the value names one) of an import value.

    Blank gives ``(None, None)``; "hbo" gives ``(education, hbo)``; "mkb" gives ``(company, None)``.
    Unknown values are an ``org_kind_invalid`` error.
    """
    text = clean_text(value)
    if not text:
        return None, None
    key = _kind_key(text)
    kind = _KIND_BY_VALUE.get(key)
    if kind is None:
        raise FunnelError("org_kind_invalid", field=field, value=text, accepted=KIND_EXAMPLES)
    return kind, LEVEL_VALUES.get(key)


#: Short words that alone do not make two names alike ("van" in "van dijk" and "van vliet").
_FILLER_WORDS = frozenset({"van", "der", "den", "het", "the", "and", "voor", "for", "von", "und"})
FILLER_WORDS = _FILLER_WORDS
SIMILARITY_THRESHOLD = 90.0


def name_similarity(a_normal: str, b_normal: str) -> float:
    """How alike two normal names are as text, 0..100, ignoring word order (rapidfuzz)."""
    from rapidfuzz import fuzz  # loaded on first use: a quick command never compares names

    return max(fuzz.ratio(a_normal, b_normal), fuzz.token_sort_ratio(a_normal, b_normal))


def are_similar(a_normal: str, b_normal: str) -> bool:
    """Whether two different normal names are close enough to propose as one organisation.

    Similar: the words of one are some of the words of the other and include a real word
    ("tata steel" / "tata steel nederland"), or the texts differ by a typo or word order
    (similarity >= 90) while their numbers agree ("windpark 1" / "windpark 2" are not similar).
    Identical names are not "similar": they are the same.
    """
    if a_normal == b_normal:
        return False
    a_words, b_words = set(a_normal.split()), set(b_normal.split())
    shorter, longer = sorted((a_words, b_words), key=len)
    if shorter < longer and any(len(word) >= 3 and word not in _FILLER_WORDS for word in shorter):
        return True
    if re.findall(r"\d+", a_normal) != re.findall(r"\d+", b_normal):
        return False
    return name_similarity(a_normal, b_normal) >= SIMILARITY_THRESHOLD


#: Words in an organisation's name that tell its kind (and level), as a suggestion to classify.
_NAME_HINTS: dict[str, tuple[OrgKind, EducationLevel | None]] = {
    "roc": (OrgKind.EDUCATION, EducationLevel.MBO),
    "mbo": (OrgKind.EDUCATION, EducationLevel.MBO),
    "college": (OrgKind.EDUCATION, None),
    "academy": (OrgKind.EDUCATION, None),
    "academie": (OrgKind.EDUCATION, None),
    "school": (OrgKind.EDUCATION, None),
    "lyceum": (OrgKind.EDUCATION, EducationLevel.VO),
    "basisschool": (OrgKind.EDUCATION, EducationLevel.PO),
    "hogeschool": (OrgKind.EDUCATION, EducationLevel.HBO),
    "universiteit": (OrgKind.EDUCATION, EducationLevel.WO),
    "university": (OrgKind.EDUCATION, EducationLevel.WO),
    "tno": (OrgKind.KNOWLEDGE_INSTITUTION, None),
    "kennisinstituut": (OrgKind.KNOWLEDGE_INSTITUTION, None),
    "onderzoeksinstituut": (OrgKind.KNOWLEDGE_INSTITUTION, None),
    "gemeente": (OrgKind.GOVERNMENT, None),
    "provincie": (OrgKind.GOVERNMENT, None),
    "omgevingsdienst": (OrgKind.GOVERNMENT, None),
    "rijkswaterstaat": (OrgKind.GOVERNMENT, None),
    "stichting": (OrgKind.OTHER, None),
    "vereniging": (OrgKind.OTHER, None),
    "bv": (OrgKind.COMPANY, None),
    "nv": (OrgKind.COMPANY, None),
    "vof": (OrgKind.COMPANY, None),
    "groep": (OrgKind.COMPANY, None),
    "advies": (OrgKind.COMPANY, None),
    "services": (OrgKind.COMPANY, None),
}


def suggest_kind(name: str) -> tuple[OrgKind | None, EducationLevel | None]:
    """A likely kind (and level) for an unclassified organisation, from the words of its name
    ("Hogeschool X" is education, hbo; "X B.V." a company); (None, None) when nothing tells.
    Only a suggestion: the programme leader classifies."""
    for word in normal_text(name).split():
        if word in _NAME_HINTS:
            return _NAME_HINTS[word]
    return None, None

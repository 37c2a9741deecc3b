"""Who is the same: name normal forms, KvK numbers, e-mail addresses, kinds, near-duplicates, and
merges (undone exactly)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from funnel import directory, services
from funnel.errors import FunnelError
from funnel.i18n import CATALOGUE
from funnel.identity import (
    are_similar,
    clean_text,
    name_similarity,
    normal_org_name,
    normal_text,
    normalize_email,
    normalize_kvk,
    parse_org_kind,
)
from funnel.models import EducationLevel, OrgKind

LEGAL_FORMS = ["bv", "nv", "vof", "cv"]
ACCENTED = {"a": "áàâäå", "e": "éèêë", "i": "íìîï", "o": "óòôö", "u": "úùûü", "n": "ñ", "c": "ç"}
PUNCTUATION = ".,-'&()/!?\"'’:;"

# Words of a name: lower-case ASCII, never a legal form on its own.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10).filter(
    lambda w: w not in LEGAL_FORMS
)
plain_names = st.lists(words, min_size=1, max_size=5).map(" ".join)


@st.composite
def disguised(draw: st.DrawFn, name: str) -> str:
    """``name`` with random case, accents, punctuation inside words and messy whitespace."""
    out = []
    for word in name.split(" "):
        letters = []
        for char in word:
            if char in ACCENTED and draw(st.booleans()):
                char = draw(st.sampled_from(ACCENTED[char]))
            if draw(st.booleans()):
                char = char.upper()
            letters.append(char)
            if draw(st.integers(0, 4)) == 0:
                letters.append(draw(st.sampled_from(PUNCTUATION)))
        out.append("".join(letters))
    gaps = st.sampled_from([" ", "  ", "\t", "\xa0", " \xa0 ", "\n"])
    text = out[0]
    for word in out[1:]:
        text += draw(gaps) + word
    return draw(gaps) + text + draw(gaps)


def error_of(func: Callable[..., object], *args: object, **kwargs: object) -> FunnelError:
    with pytest.raises(FunnelError) as caught:
        func(*args, **kwargs)
    return caught.value


# --- clean_text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Tata   Steel ", "Tata Steel"),
        ("Tata\xa0Steel\tNederland\n", "Tata Steel Nederland"),
        ("\u202fNova\u2003College", "Nova College"),
        (12345678, "12345678"),
    ],
)
def test_clean_text_trims_and_collapses_all_kinds_of_whitespace(
    value: object, expected: str
) -> None:
    assert clean_text(value) == expected


@given(st.text())
def test_clean_text_leaves_no_double_or_outer_whitespace(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert clean_text(cleaned) == cleaned


# --- organisation and person names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tata Steel Nederland B.V.", "tata steel nederland"),
        ("tata steel nederland bv", "tata steel nederland"),
        ("Tata  Steel Nederland", "tata steel nederland"),
        ("Café Noord", "cafe noord"),
        ("CROWN VAN GELDER N.V.", "crown van gelder"),
        ("Jansen & Zn. V.O.F.", "jansen zn"),
        ("De Groot C.V.", "de groot"),
        ("Start-Up B.V.", "startup"),
        ("Straße", "strasse"),
        ("ﬁrma Ĳmond", "firma ijmond"),
        ("B.V.", "bv"),
        ("bv", "bv"),
        ("BV Nederland", "bv nederland"),
        ("Jansen B. V.", "jansen b v"),
        ("", ""),
    ],
)
def test_organisation_name_normal_form(name: str, expected: str) -> None:
    assert normal_org_name(name) == expected


def test_only_one_trailing_legal_form_is_removed() -> None:
    assert normal_org_name("Jansen CV B.V.") == "jansen cv"


@pytest.mark.parametrize("form", ["B.V.", "bv", "BV", "N.V.", "nv", "V.O.F.", "vof", "C.V.", "cv"])
def test_a_trailing_legal_form_does_not_change_the_organisation(form: str) -> None:
    assert normal_org_name(f"Polder Installaties {form}") == "polder installaties"


@given(name=plain_names, data=st.data())
def test_org_normal_form_ignores_case_accents_punctuation_whitespace_and_legal_form(
    name: str, data: st.DataObject
) -> None:
    messy = data.draw(disguised(name))
    legal = data.draw(st.sampled_from(["", " B.V.", " bv", " N.V.", " v.o.f.", " CV", "\tB.V."]))
    assert normal_org_name(messy + legal) == name
    assert normal_org_name(name) == name


@given(name=plain_names, data=st.data())
def test_person_normal_form_ignores_case_accents_punctuation_and_whitespace(
    name: str, data: st.DataObject
) -> None:
    assert normal_text(data.draw(disguised(name))) == name


@given(st.text())
def test_person_normal_form_is_idempotent(text: str) -> None:
    once = normal_text(text)
    assert normal_text(once) == once


@given(st.text())
def test_org_normal_form_is_idempotent(text: str) -> None:
    # Removing exactly one legal form (SPEC) cannot be idempotent for "x bv bv"; leave that out.
    tokens = normal_text(text).split()
    assume(not (len(tokens) > 2 and tokens[-1] in LEGAL_FORMS and tokens[-2] in LEGAL_FORMS))
    once = normal_org_name(text)
    assert normal_org_name(once) == once


@given(st.text())
def test_normal_forms_have_no_punctuation_upper_case_or_loose_whitespace(text: str) -> None:
    normal = normal_org_name(text)
    assert normal == normal.strip() and "  " not in normal
    assert normal == normal.casefold()
    assert not any(char in PUNCTUATION for char in normal)


def test_person_names_keep_a_trailing_legal_form_like_word() -> None:
    assert normal_text("Jan de Vries BV") == "jan de vries bv"
    assert normal_text("  José  Müller-Lüdenscheidt ") == "jose mullerludenscheidt"


# --- KvK numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12345678", "12345678"),
        ("1234 5678", "12345678"),
        ("12.345.678", "12345678"),
        (" 12 34 56 78 ", "12345678"),
        ("1234\xa05678", "12345678"),
        ("01234567", "01234567"),
        (12345678, "12345678"),
        (1234567, "01234567"),
        (0, "00000000"),
        (1234567.0, "01234567"),
    ],
)
def test_kvk_numbers_are_normalised_to_eight_digits(value: object, expected: str) -> None:
    assert normalize_kvk(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "\xa0"])
def test_a_blank_kvk_number_is_none(value: object) -> None:
    assert normalize_kvk(value) is None


@given(digits=st.text(alphabet="0123456789", min_size=8, max_size=8), data=st.data())
def test_kvk_with_spaces_and_dots_anywhere_is_accepted(digits: str, data: st.DataObject) -> None:
    text = "".join(char + data.draw(st.sampled_from(["", "", " ", ".", "\xa0"])) for char in digits)
    assert normalize_kvk(text) == digits


@given(st.integers(min_value=0, max_value=99_999_999))
def test_kvk_from_a_numeric_excel_cell_gets_its_leading_zeros_back(number: int) -> None:
    result = normalize_kvk(number)
    assert result is not None and len(result) == 8 and int(result) == number


@pytest.mark.parametrize(
    "value",
    [
        "1234567",
        "123456789",
        "1234567a",
        "12-345-678",
        "KvK 12345678",
        ".",
        "１２３４５６７８",
        "١٢٣٤٥٦٧٨",
        -1,
        100_000_000,
        1234567.5,
        float("nan"),
        True,
        ["12345678"],
    ],
)
def test_kvk_numbers_of_the_wrong_length_or_with_other_characters_are_refused(
    value: object,
) -> None:
    error = error_of(normalize_kvk, value, field="asset_owner_kvk")
    assert error.code == "kvk_invalid"
    assert error.field == "asset_owner_kvk"
    assert "8" in error.message("nl")


@given(st.text(alphabet="0123456789", min_size=1, max_size=12).filter(lambda s: len(s) != 8))
def test_any_digit_string_not_eight_long_is_refused(digits: str) -> None:
    assert error_of(normalize_kvk, digits).code == "kvk_invalid"


def test_a_refused_kvk_shows_the_value_as_given() -> None:
    error = error_of(normalize_kvk, " 1234-5678 ")
    assert error.params["value"] == "1234-5678"
    assert error.field == "kvk"
    assert "1234-5678" in error.message("nl")


# --- e-mail addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jan@tatasteel.nl", "jan@tatasteel.nl"),
        ("  Jan.de.Vries@TataSteel.COM ", "jan.de.vries@tatasteel.com"),
        ("\xa0piet@nova-college.nl\t", "piet@nova-college.nl"),
        ("mailto:Anna@HvA.nl", "anna@hva.nl"),
        ("MAILTO:anna@hva.nl", "anna@hva.nl"),
        ("anna+funnel@mail.hva.nl", "anna+funnel@mail.hva.nl"),
        ("k.o'brien@sub.domain.co.uk", "k.o'brien@sub.domain.co.uk"),
    ],
)
def test_email_addresses_are_trimmed_and_casefolded(value: str, expected: str) -> None:
    assert normalize_email(value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "\xa0"])
def test_a_blank_email_address_is_none(value: object) -> None:
    assert normalize_email(value) is None


@given(local=st.from_regex(r"[a-z0-9._+]{1,12}", fullmatch=True), data=st.data())
def test_email_case_and_surrounding_whitespace_do_not_change_the_address(
    local: str, data: st.DataObject
) -> None:
    address = f"{local}@techport-ijmond.nl"
    messy = "".join(c.upper() if data.draw(st.booleans()) else c for c in address)
    padding = st.sampled_from(["", " ", "\t", "\xa0", "  \n"])
    assert normalize_email(data.draw(padding) + messy + data.draw(padding)) == address


@pytest.mark.parametrize(
    "value",
    [
        "jan",
        "jan@",
        "@tatasteel.nl",
        "jan@tatasteel",
        "jan@@tatasteel.nl",
        "jan@piet@tatasteel.nl",
        "jan de vries@tatasteel.nl",
        "jan@tata steel.nl",
        "jan@tatasteel.n",
        "jan@tatasteel.n1",
        "jan@-tatasteel.nl",
        "jan@tatasteel-.nl",
        "jan@tata_steel.nl",
        "jan@.nl",
        "jan@tatasteel..nl",
        "jan@tatasteel.nl.",
        "jan@tatasteel.nl;piet@tatasteel.nl",
        "jan@tatasteel.nl, piet@tatasteel.nl",
        "Jan <jan@tatasteel.nl>",
        "mailto:",
        12345,
    ],
)
def test_malformed_email_addresses_are_refused(value: object) -> None:
    error = error_of(normalize_email, value, field="e-mail")
    assert error.code == "email_invalid"
    assert error.field == "e-mail"
    assert error.params["value"] == str(value).strip()
    assert str(value).strip() in error.message("nl")


# --- organisation kinds ---------------------------------------------------------------------

COMPANY = [
    "bedrijf", "company", "mkb", "sme", "grootbedrijf", "large company", "startup", "start-up",
    "asset owner", "mkb-bedrijf", "zzp", "zzp'er", "asset-owner",
]  # fmt: skip
EDUCATION_WITHOUT_LEVEL = ["school", "onderwijs", "education"]
LEVELS = {
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
KNOWLEDGE = ["kennisinstelling", "knowledge institution", "research", "onderzoeksinstituut"]
GOVERNMENT = ["overheid", "gemeente", "provincie", "government", "municipality"]
OTHER = ["overig", "other", "anders"]
ALL_KINDS = (
    [(value, OrgKind.COMPANY, None) for value in COMPANY]
    + [(value, OrgKind.EDUCATION, None) for value in EDUCATION_WITHOUT_LEVEL]
    + [(value, OrgKind.EDUCATION, level) for value, level in LEVELS.items()]
    + [(value, OrgKind.KNOWLEDGE_INSTITUTION, None) for value in KNOWLEDGE]
    + [(value, OrgKind.GOVERNMENT, None) for value in GOVERNMENT]
    + [(value, OrgKind.OTHER, None) for value in OTHER]
    + [
        (kind.value, kind, None)
        for kind in OrgKind
        if kind is not OrgKind.UNKNOWN  # "unknown" is what a blank value means, not a value
    ]
)


@pytest.mark.parametrize(("value", "kind", "level"), ALL_KINDS)
def test_every_accepted_kind_value_gives_its_kind_and_level(
    value: str, kind: OrgKind, level: EducationLevel | None
) -> None:
    assert parse_org_kind(value) == (kind, level)
    assert parse_org_kind(f"  {value.upper()} ") == (kind, level)
    assert parse_org_kind(value.title().replace(" ", "\xa0 ")) == (kind, level)


@pytest.mark.parametrize("value", [None, "", "   ", "\xa0"])
def test_a_blank_kind_is_no_kind(value: object) -> None:
    assert parse_org_kind(value) == (None, None)


@pytest.mark.parametrize(
    "value", ["unknown", "onbekend", "bedrijfje", "stichting", "hbo-v", "b.v."]
)
def test_an_unknown_kind_is_refused_with_a_short_list_of_accepted_values(value: str) -> None:
    error = error_of(parse_org_kind, value, field="type organisatie")
    assert error.code == "org_kind_invalid"
    assert error.field == "type organisatie"
    message = error.message("nl")
    assert value in message
    assert "bedrijf" in message and "hbo" in message and "overheid" in message


def test_the_curly_apostrophe_of_zzper_is_accepted() -> None:
    assert parse_org_kind("ZZP’er") == (OrgKind.COMPANY, None)


# --- near-duplicate organisations -----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("tata steel", "tata steel nederland"),
        ("techport", "stichting techport"),
        ("polder installaties", "polder instalaties"),
        ("crown van gelder", "crown van gelders"),
        ("nova college", "nova colege"),
        ("steel tata", "tata steel"),
    ],
)
def test_similar_names_are_proposed_as_possible_duplicates(a: str, b: str) -> None:
    assert are_similar(a, b)
    assert are_similar(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("zee montage", "zee robotica"),
        ("kanaal energie", "kanaal engineering"),
        ("hogeschool van amsterdam", "hogeschool van arnhem"),
        ("de", "de vries"),
        ("van", "van dijk"),
        ("windpark noord 1", "windpark noord 2"),
        ("abc", "abd"),
    ],
)
def test_different_organisations_are_not_proposed_as_duplicates(a: str, b: str) -> None:
    assert not are_similar(a, b)
    assert not are_similar(b, a)


@given(plain_names)
def test_identical_names_are_the_same_not_similar(name: str) -> None:
    assert not are_similar(name, name)
    assert name_similarity(name, name) == 100


@given(plain_names, plain_names)
def test_similarity_is_a_symmetric_score_from_0_to_100(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0 <= score <= 100
    assert score == name_similarity(b, a)
    assert are_similar(a, b) == are_similar(b, a)


@given(plain_names, words.filter(lambda w: len(w) >= 3 and not w.isdigit()))
def test_a_name_plus_an_extra_word_is_similar_to_the_name(name: str, extra: str) -> None:
    assume(extra not in name.split())
    assume(
        any(
            len(w) >= 3 and w not in {"van", "der", "den", "het", "the", "and"}
            for w in name.split()
        )
    )
    assert are_similar(name, f"{name} {extra}")


def test_similarity_scores_rank_typos_above_different_names() -> None:
    assert name_similarity("polder installaties", "polder instalaties") > 95
    assert name_similarity("zee montage", "zee robotica") < 70


def test_merge_proposals_find_the_same_pairs_as_comparing_every_pair(db, leader):
    names = [
        "Tata Steel", "Tata Steel Nederland B.V.", "Polder Installaties", "Polder Instalaties",
        "Acme", "Acmee", "Zee Montage", "Zee Robotica", "Kanaal Energie", "Kanaal Engineering",
        "Steel Tata", "Hogeschool Inholland", "Inholland", "Windpark Noord 1", "Windpark Noord 2",
    ]  # fmt: skip
    for name in names:
        services.create_organisation(db, leader, name)
    orgs = list(db.query("SELECT id, normal_name FROM organisations ORDER BY id"))
    expected = {
        (a["id"], b["id"])
        for a, b in itertools.combinations(orgs, 2)
        if are_similar(a["normal_name"], b["normal_name"])
    }
    found = {(p.a_id, p.b_id) for p in directory.merge_proposals(db)}
    assert found == expected
    assert len(found) >= 5


def test_every_identity_error_code_has_dutch_and_english_text() -> None:
    for code in ("kvk_invalid", "email_invalid", "org_kind_invalid"):
        dutch, english = CATALOGUE[f"err.{code}"]
        assert "{value}" in dutch and "{value}" in english


# --- merges ---------------------------------------------------------------------------------------


def test_undoing_merges_in_creation_order_frees_every_organisation(db, leader):
    ids = [services.create_organisation(db, leader, name).id for name in ("A", "B", "C")]
    a, b, c = ids
    first = services.merge_organisations(db, leader, a, b)
    second = services.merge_organisations(db, leader, b, c)
    services.undo_merge(db, leader, first)
    services.undo_merge(db, leader, second)
    merged = db.execute("SELECT id, merged_into FROM organisations ORDER BY id").fetchall()
    assert merged == [(a, None), (b, None), (c, None)]


def test_undo_keeps_a_kind_set_by_hand_after_the_merge(db, leader):
    school = services.create_organisation(db, leader, "ROC", kind=OrgKind.EDUCATION).id
    blank = services.create_organisation(db, leader, "ROC Nova").id
    merge_id = services.merge_organisations(db, leader, school, blank)
    services.update_organisation(db, leader, blank, kind="knowledge_institution")
    services.undo_merge(db, leader, merge_id)
    kind = db.execute("SELECT kind FROM organisations WHERE id = ?", [blank]).fetchone()[0]
    assert kind == "knowledge_institution"


@given(text=st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_normal_form_is_the_unicode_one(text: str) -> None:
    # normal_text reads ASCII text without unicodedata (issue 7: imports at scale)
    from funnel import identity

    identity.normal_text.cache_clear()
    assert identity.normal_text(text) == identity._normal_unicode(text)
    assert identity.normal_text("Zoë  van  't Hoff-B.V.") == identity._normal_unicode(
        "Zoë  van  't Hoff-B.V."
    )

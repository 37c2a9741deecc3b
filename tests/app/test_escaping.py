"""User text is escaped wherever it meets markdown: a name never becomes a link, an image or bold."""

from __future__ import annotations

import datetime as dt

import pytest

from funnel import services
from tests.app.conftest import actor

TODAY = dt.date.today()
LINK = "[klik](https://phish.example)"
BOLD = "**vet**"
IMAGE = "![](https://evil.example/p.png)"
#: As markdown: brackets escaped, and a word joiner (U+2060) in "https://" so no autolink forms.
LINK_ESCAPED = "\\[klik\\](https:\u2060//phish.example)"
BOLD_ESCAPED = r"\*\*vet\*\*"
IMAGE_ESCAPED = "!\\[\\](https:\u2060//evil.example/p.png)"

#: The AppTest collections whose text Streamlit renders as markdown.
MARKDOWN_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "success",
    "info",
    "warning",
    "error",
    "toast",
)


def rendered(at) -> list[str]:
    """Every markdown body on the page: texts, alerts, toasts, button and radio labels."""
    bodies = [element.value for kind in MARKDOWN_ELEMENTS for element in getattr(at, kind)]
    bodies += [button.label for button in at.button]
    bodies += [option for radio in at.radio for option in radio.options]
    return bodies


def assert_escaped(at, *expected: str) -> None:
    """Each expected escaped text is on the page, and no link, image, bold name or bare address."""
    assert not at.exception, at.exception
    bodies = rendered(at)
    page = "\n".join(bodies)
    for text in expected:
        assert text in page, f"{text!r} not in {bodies}"
    for body in bodies:
        assert "[klik](" not in body, body
        assert "![](" not in body, body
        assert "**vet**" not in body, body
        assert "https://" not in body, body


@pytest.fixture
def tricky(app_db):
    """An organisation named like a link, its use case named in bold, a person named as an image."""
    leader = actor(app_db, "leider")
    org = services.create_organisation(app_db, leader, LINK, kind="company").id
    case_id = services.create_use_case(
        app_db,
        leader,
        BOLD,
        TODAY - dt.timedelta(days=3),
        asset_owner_id=org,
        next_step=LINK,
    )
    services.link_involvement(
        app_db, leader, case_id, "other", TODAY, organisation_id=org, person_name=IMAGE
    )
    return {"org": org, "case": case_id}


def test_organisation_detail_escapes_the_name(app_db, tricky, sign_in):
    at = sign_in("leider", page="pages/organisations.py")
    at.selectbox(key="org_pick").select(tricky["org"]).run()
    assert at.subheader[0].value == LINK_ESCAPED
    assert_escaped(at, LINK_ESCAPED)


def test_added_organisation_message_escapes_the_name(app_db, sign_in):
    at = sign_in("leider", page="pages/organisations.py")
    next(ti for ti in at.text_input if ti.form_id == "org_add" and ti.label == "Naam").input(BOLD)
    next(b for b in at.button if b.label == "Toevoegen").click().run()
    assert_escaped(at, BOLD_ESCAPED)
    assert any(BOLD_ESCAPED in message.value for message in at.success)


def test_board_card_escapes_title_source_and_next_step(app_db, tricky, sign_in):
    at = sign_in("leider", page="pages/board.py")
    card_title = next(b.label for b in at.button if b.key == f"open_{tricky['case']}")
    assert card_title == f"**{BOLD_ESCAPED}**"
    assert_escaped(at, LINK_ESCAPED, BOLD_ESCAPED)


def test_use_case_page_escapes_title_source_and_involvements(app_db, tricky, sign_in):
    at = sign_in("leider", page="pages/use_case.py")
    assert at.subheader[0].value == BOLD_ESCAPED
    assert_escaped(
        at,
        BOLD_ESCAPED,
        LINK_ESCAPED,
        IMAGE_ESCAPED,
    )


def test_duplicates_page_escapes_names_and_keeper_labels(app_db, tricky, sign_in):
    leader = actor(app_db, "leider")
    services.create_organisation(app_db, leader, "[klik](https://phish.example) Groep")
    at = sign_in("leider", page="pages/duplicates.py")
    assert at.radio, "the two organisations are proposed as duplicates"
    assert_escaped(at, LINK_ESCAPED)
    assert all(option.startswith(r"\[klik\]") for option in at.radio[0].options)


SHORTCODE = ":material/delete: Weg ermee :smile:"


def test_streamlit_shortcodes_in_a_title_stay_text_on_the_board_and_the_use_case_page(
    app_db, sign_in
):
    leader = actor(app_db, "leider")
    case_id = services.create_use_case(
        app_db, leader, SHORTCODE, TODAY, asset_owner_name=":red[Rood] BV"
    )
    for page in ("pages/board.py", "pages/use_case.py"):
        at = sign_in("leider", page=page)
        assert not at.exception
        bodies = rendered(at)
        assert any("Weg ermee" in body for body in bodies), (page, bodies)
        for body in bodies:
            # an icon or emoji shortcode is ":name:" with nothing in between
            assert ":material/delete:" not in body and ":smile:" not in body, (page, body)
            assert ":red[" not in body, (page, body)
    assert at.subheader[0].value.replace("\u2060", "") == SHORTCODE
    assert case_id


def test_a_nul_byte_in_a_form_field_gets_a_message_naming_the_field(app_db, sign_in):
    from funnel import queries
    from tests.app.test_use_case import open_page, widget

    leader = actor(app_db, "leider")
    case_id = services.create_use_case(app_db, leader, "Restwarmte", TODAY, asset_owner_name="T")
    at = open_page(sign_in, "leider", case_id)
    form = f"uc_edit_{case_id}"
    widget(at.text_input, "Volgende stap", form).input("bel\0len")
    at.button(key=f"FormSubmitter:{form}-Opslaan").click().run()
    assert at.error[0].value.startswith(
        "Volgende stap: deze tekst bevat een onzichtbaar stuurteken"
    )
    assert widget(at.text_input, "Volgende stap", form).value == "bel\0len"
    assert queries.get_use_case(app_db, case_id)["next_step"] == ""

"""The funnel board: cards per stage, filters, and moving a use case through the dialog."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from funnel import queries, services
from funnel.errors import PermissionDenied
from tests.app.conftest import actor

TODAY = dt.date.today()


def board_columns(at) -> dict[str, list[str]]:
    """Stage label -> the titles of the cards in that column.

    The board is a column per stage: the stage header on top, its cards below.
    """
    result = {}
    for column in at.columns:
        if column.selectbox or not column.markdown:
            continue  # the filter row, or an unused column of the side states
        stage = column.markdown[0].value.strip("*").rsplit(" · ", 1)[0]
        result[stage] = [
            b.label.strip("*") for b in column.button if (b.key or "").startswith("open_")
        ]
    return result


@pytest.fixture
def two_cases(app_db):
    """A detected use case (Smart Energy) and one in project definition (Smart Maintenance)."""
    leider = actor(app_db, "leider")
    first = services.create_use_case(
        app_db,
        leider,
        "Restwarmte hergebruiken",
        TODAY - dt.timedelta(days=40),
        asset_owner_name="Tata Steel Nederland B.V.",
        asset_owner_kvk="12345678",
        theme="Smart Energy",
        next_step="Bellen met energiemanager",
    )
    second = services.create_use_case(
        app_db,
        leider,
        "Voorspellend onderhoud pompen",
        TODAY - dt.timedelta(days=20),
        asset_owner_name="Crown van Gelder",
        theme="Smart Maintenance",
        fieldlab="Smart Maintenance",
    )
    services.move_use_case(app_db, leider, second, "definition", TODAY - dt.timedelta(days=12))
    return first, second


def test_cards_appear_in_the_column_of_their_stage(app_db, two_cases, sign_in):
    at = sign_in("leider", page="pages/board.py")
    assert at.title[0].value == "Funnelbord"
    columns = board_columns(at)
    assert columns["Gesignaleerd"] == ["Restwarmte hergebruiken"]
    assert columns["Projectdefinitie"] == ["Voorspellend onderhoud pompen"]
    assert columns["In uitvoering"] == []
    assert "**Projectdefinitie · 1**" in [m.value for m in at.markdown]
    # a compact card: title, asset owner, days in stage; the rest when hovering over the title
    captions = " ".join(c.value for c in at.caption)
    assert "Tata Steel Nederland B.V." in captions
    assert "Bellen met energiemanager" not in captions and "Leider" not in captions
    hover = {b.label.strip("*"): b.help for b in at.button if (b.key or "").startswith("open_")}
    assert "Volgende stap: Bellen met energiemanager" in hover["Restwarmte hergebruiken"]
    assert ":material/category: Smart Energy" in hover["Restwarmte hergebruiken"]
    assert (
        ":material/category: Fieldlab Smart Maintenance" in hover["Voorspellend onderhoud pompen"]
    )
    assert ":material/person: Leider" in hover["Restwarmte hergebruiken"]
    assert any("12 dagen in fase" in m.value for m in at.markdown)


def test_a_long_title_word_gets_soft_hyphens_between_its_syllables(app_db, sign_in):
    """A narrow column (1024 px with the sidebar open) breaks "levensmiddelenproducent" between
    syllables, where Dutch breaks it, and never inside one; short words are left alone."""
    services.create_use_case(
        app_db,
        actor(app_db, "leider"),
        "Perslucht bij een levensmiddelenproducent",
        TODAY,
        asset_owner_name="Hoekstra Elektrotechniek V.O.F.",
    )
    at = sign_in("leider", page="pages/board.py")
    [label] = [b.label.strip("*") for b in at.button if (b.key or "").startswith("open_")]
    assert label == "Perslucht bij een levens\u00admid\u00adde\u00adlen\u00adpro\u00addu\u00adcent"
    assert label.replace("\u00ad", "") == "Perslucht bij een levensmiddelenproducent"


def test_stuck_cards_are_marked_after_the_stuck_days_setting(app_db, two_cases, sign_in):
    services.set_setting(app_db, actor(app_db, "leider"), "stuck_days", 30)
    at = sign_in("leider", page="pages/board.py")
    badges = [m.value for m in at.markdown if "dagen in fase" in m.value]
    stuck = [
        m.value for m in at.markdown if m.value.startswith(":orange-badge") and "Vast:" in m.value
    ]
    assert len(stuck) == 1 and "Vast: 40 dagen" in stuck[0]
    assert any("12 dagen in fase" in b for b in badges)


def test_filters_narrow_the_board(app_db, two_cases, sign_in):
    leider = actor(app_db, "leider")
    old = services.create_use_case(
        app_db, leider, "Oud vraagstuk", dt.date(TODAY.year - 1, 3, 1), asset_owner_name="Oud BV"
    )
    services.move_use_case(
        app_db, leider, old, "dropped", dt.date(TODAY.year - 1, 6, 1), note="geen budget"
    )
    at = sign_in("leider", page="pages/board.py")
    # this year: the use case dropped last year is not on the board
    assert "Oud vraagstuk" not in board_columns(at)["Afgevallen"]
    at.selectbox(key="board_year.nl").select("all").run()
    assert board_columns(at)["Afgevallen"] == ["Oud vraagstuk"]
    at.selectbox(key="board_theme.nl").select("Smart Maintenance").run()
    columns = board_columns(at)
    assert sum(len(titles) for titles in columns.values()) == 1
    assert columns["Projectdefinitie"] == ["Voorspellend onderhoud pompen"]
    at.selectbox(key="board_theme.nl").select("all").run()
    coach = actor(app_db, "coach")
    at.selectbox(key="board_owner.nl").select(coach.id).run()
    assert "Geen use cases bij deze filters." in at.info[0].value


def test_move_through_the_dialog_records_a_stage_event(app_db, two_cases, sign_in):
    first, _ = two_cases
    at = sign_in("leider", page="pages/board.py")
    at.button(key=f"move_{first}").click().run()
    assert at.selectbox(key=f"move_to_{first}").value == "intake"  # the next stage by default
    at.selectbox(key=f"move_to_{first}").select("definition")
    at.date_input(key=f"move_date_{first}").set_value(TODAY - dt.timedelta(days=3))
    at.text_area(key=f"move_note_{first}").input("Geen incubatorhulp nodig")
    at.button(key=f"FormSubmitter:move_form_{first}-Verplaatsen").click().run()
    assert not at.exception
    history = queries.get_use_case(app_db, first)["history"]
    assert [e["to_stage"] for e in history] == ["detected", "definition"]
    assert history[-1]["effective_on"] == (TODAY - dt.timedelta(days=3)).isoformat()
    assert history[-1]["note"] == "Geen incubatorhulp nodig"
    assert "staat nu in Projectdefinitie" in at.toast[0].value
    assert "Restwarmte hergebruiken" in board_columns(at)["Projectdefinitie"]
    # the dialog is closed
    assert not [s for s in at.selectbox if s.key == f"move_to_{first}"]


def test_move_refused_by_the_execution_gate_shows_the_gate_and_records_nothing(
    app_db, two_cases, sign_in
):
    _, second = two_cases
    at = sign_in("leider", page="pages/board.py")
    at.button(key=f"move_{second}").click().run()
    at.selectbox(key=f"move_to_{second}").select("execution")
    at.button(key=f"FormSubmitter:move_form_{second}-Verplaatsen").click().run()
    assert not at.exception
    assert "Poort In uitvoering" in at.error[0].value
    # the dialog stays open with the message, and nothing was recorded
    assert at.selectbox(key=f"move_to_{second}").value == "execution"
    history = queries.get_use_case(app_db, second)["history"]
    assert [e["to_stage"] for e in history] == ["detected", "definition"]
    # the dialog offers the way forward: the use case page, to link a partner
    at.button(key="move_open_case").click().run()
    assert not at.exception
    assert at.title[0].value == "Use cases"
    assert at.selectbox(key="uc_pick").value == second


def test_open_button_shows_the_use_case_page_for_that_card(app_db, two_cases, sign_in):
    _, second = two_cases
    at = sign_in("leider", page="pages/board.py")
    at.button(key=f"open_{second}").click().run()
    assert not at.exception
    assert at.title[0].value == "Use cases"
    assert at.selectbox(key="uc_pick").value == second


def test_empty_board_shows_a_friendly_empty_state(app_db, sign_in):
    at = sign_in("leider", page="pages/board.py")
    assert not at.exception
    assert "Nog geen use cases" in at.info[0].value


def test_steering_and_coach_have_no_board_and_steering_cannot_move(app_db, two_cases, sign_in):
    first, _ = two_cases
    coach = sign_in("coach")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        coach.switch_page("pages/board.py").run()
    at = sign_in("stuur")
    # the page is not in the steering member's navigation (AppTest knows only registered pages)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/board.py").run()
    with pytest.raises(PermissionDenied):
        services.move_use_case(app_db, actor(app_db, "stuur"), first, "intake", TODAY)
    assert len(queries.get_use_case(app_db, first)["history"]) == 1


def test_filters_are_kept_while_moving_between_pages_and_languages(app_db, two_cases, sign_in):
    at = sign_in("leider", page="pages/board.py")
    at.selectbox(key="board_theme.nl").select("Smart Maintenance").run()
    at.switch_page("pages/snapshot.py").run()
    at.switch_page("pages/board.py").run()
    assert at.selectbox(key="board_theme.nl").value == "Smart Maintenance"
    # another language draws the filter anew (in English), with the same choice
    at.selectbox(key="lang_picker").select("en").run()
    theme = at.selectbox(key="board_theme.en")
    assert theme.value == "Smart Maintenance"
    assert theme.label == "Theme"
    # and the filters still work in English (their words were looked up when a label was
    # formatted, outside the run, in Dutch: "'Alle thema's' is not in list")
    at.selectbox(key="board_theme.en").select("all").run()
    assert not at.exception, at.exception
    at.selectbox(key="board_year.en").select("all").run()
    assert at.selectbox(key="board_year.en").value == "all"


def test_the_search_box_finds_cards_by_asset_owner_and_is_kept(app_db, two_cases, sign_in):
    at = sign_in("leider", page="pages/board.py")
    at.text_input(key="board_search.nl").input("crown").run()
    columns = board_columns(at)
    assert sum(len(titles) for titles in columns.values()) == 1
    assert columns["Projectdefinitie"] == ["Voorspellend onderhoud pompen"]
    at.switch_page("pages/snapshot.py").run()
    at.switch_page("pages/board.py").run()
    assert at.text_input(key="board_search.nl").value == "crown"


def test_the_first_page_shows_the_users_own_next_steps_and_stuck_use_cases(
    app_db, two_cases, sign_in
):
    first, _second = two_cases
    leider = actor(app_db, "leider")
    services.update_use_case(app_db, leider, first, owner_id=leider.id)
    services.set_setting(app_db, leider, "stuck_days", 30)
    at = sign_in("leider", page="pages/board.py")
    [reminder] = [e for e in at.expander if e.label.startswith("Mijn werk")]
    assert reminder.label == "Mijn werk — volgende stappen: 1 · vastgelopen: 1"
    # closed, so the board stays in view (the heading has the counts)
    assert reminder.proto.expanded is False
    texts = [m.value for m in reminder.markdown]
    assert "- Restwarmte hergebruiken: Bellen met energiemanager" in texts
    assert "**1 use case loopt vast bij u**" in texts


def drag_board(at):
    """The drag view's component (the router's cookie component may be on the page too)."""
    [frame] = [c for c in at.get("component_instance") if "items" in json.loads(c.proto.json_args)]
    return frame


def drop(at, title: str, to_column: int) -> None:
    """What the drag view's component sends after a drop: its columns with ``title`` moved to
    column ``to_column`` (funnel order, then Geparkeerd and Afgevallen)."""
    frame = drag_board(at)
    columns = json.loads(frame.proto.json_args)["items"]
    for column in columns:
        column["items"] = [label for label in column["items"] if label != title]
    columns[to_column]["items"].append(title)
    at.session_state[frame.key] = columns
    at.run()
    assert not at.exception, at.exception


def test_a_card_dropped_in_the_next_column_moves_there_today(app_db, two_cases, sign_in):
    first, _second = two_cases
    at = sign_in("leider", page="pages/board.py")
    at.toggle(key="board_drag.nl").set_value(True).run()
    assert not [b for b in at.button if (b.key or "").startswith("open_")]  # no cards now
    drop(at, "Restwarmte hergebruiken", 1)
    case = queries.get_use_case(app_db, first, today=TODAY)
    assert case["stage"] == "intake" and case["stage_since"] == TODAY
    assert [toast.value for toast in at.toast] == [
        f"'Restwarmte hergebruiken' staat nu in Intake Green Incubator (per {TODAY:%d-%m-%Y})."
    ]
    frame = drag_board(at)  # drawn anew from the database
    columns = json.loads(frame.proto.json_args)["items"]
    assert columns[1]["items"] == ["Restwarmte hergebruiken"]


def test_a_refused_drop_shows_the_gate_and_draws_the_card_back(app_db, two_cases, sign_in):
    _first, second = two_cases
    at = sign_in("leider", page="pages/board.py")
    at.toggle(key="board_drag.nl").set_value(True).run()
    before = drag_board(at)
    drop(at, "Voorspellend onderhoud pompen", 0)  # back to Gesignaleerd: needs a note
    assert queries.get_use_case(app_db, second, today=TODAY)["stage"] == "definition"
    assert "'Voorspellend onderhoud pompen' is niet verplaatst" in " ".join(
        m.value for m in at.markdown
    )
    assert [e.value for e in at.error] == [
        "Poort: een stap terug, of uit Gerealiseerd of Afgevallen, vraagt een toelichting waarom"
    ]
    after = drag_board(at)
    assert after.key != before.key  # a new component: the card is back where the database says
    columns = json.loads(after.proto.json_args)["items"]
    assert columns[2]["items"] == ["Voorspellend onderhoud pompen"]
    # the dialog takes a note
    at.button(key="drag_refused_move").click().run()
    assert "Voorspellend onderhoud pompen" in " ".join(m.value for m in at.markdown)
    assert at.button(key=f"FormSubmitter:move_form_{second}-Verplaatsen")

"""Messages read as Dutch sentences: Dutch dates, the field names the form uses, real plurals."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from funnel import queries, services
from funnel.errors import FunnelError
from funnel.i18n import CATALOGUE, t

D = dt.date
TODAY = dt.date.today()
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def refusal(fn, *args, **kwargs) -> FunnelError:
    with pytest.raises(FunnelError) as refused:
        fn(*args, **kwargs)
    return refused.value


def test_dates_inside_dutch_refusals_are_written_the_dutch_way(db, leader):
    tomorrow = TODAY + dt.timedelta(days=1)
    future = refusal(
        services.create_use_case, db, leader, "Vraag", tomorrow, asset_owner_name="Acme"
    )
    assert tomorrow.strftime("%d-%m-%Y") in future.message("nl")
    assert tomorrow.isoformat() in future.message("en")
    case = services.create_use_case(db, leader, "Vraag", D(2025, 3, 14), asset_owner_name="Acme")
    early = refusal(services.move_use_case, db, leader, case, "definition", D(2025, 3, 1))
    assert "14-03-2025" in early.message("nl")
    services.create_activity(db, leader, "Meetup waterstof", D(2025, 12, 1))
    twice = refusal(services.create_activity, db, leader, "Meetup waterstof", D(2025, 12, 1))
    assert twice.message("nl") == "er bestaat al een activiteit 'Meetup waterstof' op 01-12-2025"
    for error in (future, early, twice):
        assert not ISO_DATE.search(error.message("nl")), error.message("nl")


def test_the_dropped_gate_names_the_field_the_move_dialog_shows(db, leader):
    case = services.create_use_case(db, leader, "Vraag", D(2025, 3, 14), asset_owner_name="Acme")
    gate = refusal(services.move_use_case, db, leader, case, "dropped", D(2025, 4, 1))
    field = t("move.note", "nl")
    assert field.casefold() in gate.message("nl").casefold()
    assert t("move.note", "en").casefold() in gate.message("en").casefold()


#: "1 rij(en)", "6 paar/paren", "171 deelname(s)": a count with both forms glued together
GLUED_PLURAL = re.compile(r"\w\((s|en|e|n)\)|paar/paren|\(s\)")


def test_no_text_glues_singular_and_plural_together():
    glued = {
        key: texts
        for key, texts in CATALOGUE.items()
        if any(GLUED_PLURAL.search(text) for text in texts)
    }
    assert glued == {}, "use plural(key, count) with key.one and key.other"


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once():
    """ "Organisatie Tata Steel Nederland B.V.. toegevoegd" had a double full stop."""
    name = "Tata Steel Nederland B.V."
    doubled = {}
    for key, texts in CATALOGUE.items():
        for lang, text in zip(("nl", "en"), texts, strict=True):
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            if not re.search(r"\}\.", text) or any(not f.isidentifier() for f in fields):
                continue
            shown = t(key, lang, **dict.fromkeys(fields, name))
            if ".." in shown.replace("...", ""):
                doubled[key] = shown
    assert doubled == {}


def test_the_organisation_page_says_what_it_lists_under_each_year(db, leader):
    """It said a participation counts "in het jaar waarin hij begon" while the 2026 group
    listed participations that began in 2024: it is listed under every year it ran."""
    case = services.create_use_case(
        db, leader, "Vraag", D(2024, 3, 14), asset_owner_name="Tata Steel"
    )
    org = queries.get_use_case(db, case)["asset_owner_id"]
    years = {p["year"] for p in queries.get_organisation(db, org)["participations"]}
    assert years == set(range(2024, TODAY.year + 1))
    intro = t("org.participations_intro", "nl")
    assert "waarin hij begon" not in intro
    assert "elk jaar waarin die liep" in intro

"""The duplicates page shows the best proposals (with their evidence) and says how many more
there are: the evidence of the others is not built (issue 7, at scale)."""

from __future__ import annotations

import datetime as dt

from funnel import directory, duplicates, services
from tests.app.conftest import actor


def test_the_page_shows_the_best_25_and_counts_the_rest(app_db, sign_in, monkeypatch):
    leader = actor(app_db)
    meetup = services.create_activity(app_db, leader, "Meetup", dt.date(2025, 3, 3))
    pairs = []
    for number in range(27):
        a = services.create_organisation(app_db, leader, f"Bedrijf{number:02d} Techniek")
        b = services.create_organisation(app_db, leader, f"Bedrijf{number:02d} Techniek Groep")
        pairs.append((a.id, b.id))
    # the last pair shares an activity: its evidence is the strongest, so it comes first
    for org in pairs[-1]:
        services.add_attendance(app_db, leader, meetup, organisation_id=org)
    built = []
    segments = duplicates.name_segments

    def counted(name: str, other: str) -> list[tuple[str, bool]]:
        built.append(name)
        return segments(name, other)

    monkeypatch.setattr(duplicates, "name_segments", counted)
    persons = []
    monkeypatch.setattr(directory, "person_merge_proposals", lambda db: persons.append(1) or [])
    at = sign_in("leider", page="pages/duplicates.py")
    assert not at.exception
    # the evidence (names side by side) of the 25 shown only, not of all 27; and the persons'
    # proposals are not looked for while their tab is not open
    assert len(built) == 2 * 25
    assert not persons
    # choosing another one to keep reruns the page: the evidence is kept until a write
    first = cards_of(at)[0]
    at.radio(key=first).set_value(at.radio(key=first).options[1]).run()
    assert len(built) == 2 * 25
    at.session_state["dup_tab"] = "Personen"
    at.run()
    assert persons and "Geen mogelijke dubbele personen" in at.success[0].value
    at.session_state["dup_tab"] = "Organisaties"
    at.run()
    cards = cards_of(at)
    assert len(cards) == 25
    assert cards[0] == f"dup_keep_{pairs[-1][0]}_{pairs[-1][1]}"
    monkeypatch.undo()
    expected = [f"dup_keep_{e.a.id}_{e.b.id}" for e in duplicates.evidence(app_db, "organisation")]
    assert cards == expected[:25]
    captions = " ".join(c.value for c in at.caption)
    assert "27 paren met een vergelijkbare naam" in captions
    assert "Nog 2 voorstellen" in captions


def cards_of(at) -> list[str]:
    return [r.key for r in at.radio if r.key and r.key.startswith("dup_keep_")]

"""The activities page: a sign-up list uploaded for the activity that is open, previewed per row."""

from __future__ import annotations

import datetime as dt

from funnel import queries, services
from tests.app.conftest import actor

SIGNUPS = (
    b"Organisatie;KvK;Type organisatie;Naam;E-mail\n"
    b"Tata Steel;12345678;bedrijf;Sanne Bakker;s.bakker@tatasteel.com\n"
    b"Kotterbouw B.V.;87654321;bedrijf;Anouk Smit;anouk@kotter.example\n"
    b"Kotterbouw B.V.;87654321;bedrijf;Anouk Smit;anouk@kotter.example\n"
    b"Lasschool IJmond;;mbo;Fatima El Amrani;geen-adres\n"
)


def test_a_sign_up_list_for_the_open_activity_shows_each_row_then_saves(app_db, sign_in):
    leader = actor(app_db)
    activity = services.create_activity(app_db, leader, "Fieldlab-dag", dt.date(2025, 5, 1))
    services.create_organisation(app_db, leader, "Tata Steel Nederland B.V.", "12345678", "company")
    at = sign_in("leider", page="pages/activities.py")
    at.selectbox(key="act_pick").select(activity).run()
    assert any("Aanmeldlijst uploaden" in m.value for m in at.markdown)
    uploader = at.file_uploader(key=f"imp_signups_{activity}_file_0")
    uploader.set_value(("aanmeldingen.csv", SIGNUPS, "text/csv")).run()
    assert not at.exception, at.exception

    table = next(df.value for df in at.dataframe if "Organisatie gevonden op" in df.value.columns)
    assert list(table.columns) == [
        "Regel", "Organisatie", "Organisatie gevonden op", "Persoon", "Persoon gevonden op",
        "Uitkomst",
    ]  # fmt: skip
    rows = table.set_index("Regel").to_dict("index")
    assert rows[2]["Organisatie"] == "Tata Steel Nederland B.V."
    assert rows[2]["Organisatie gevonden op"] == "KvK-nummer"
    assert rows[2]["Persoon gevonden op"] == "nieuw"
    assert rows[2]["Uitkomst"] == "nieuwe deelname"
    assert (rows[3]["Organisatie"], rows[3]["Organisatie gevonden op"]) == (
        "Kotterbouw B.V.", "nieuw"
    )  # fmt: skip
    assert rows[4]["Uitkomst"] == "dubbel in het bestand (regel 3)"
    assert rows[5]["Uitkomst"].startswith("geweigerd: ")
    assert "geen-adres" in rows[5]["Uitkomst"]
    assert queries.get_activity(app_db, activity)["attendance"] == []  # a preview saves nothing

    at.checkbox(key=f"imp_signups_{activity}_skip_0").check().run()
    at.button(key=f"imp_signups_{activity}_commit").click().run()
    assert not at.exception, at.exception
    attendance = queries.get_activity(app_db, activity)["attendance"]
    assert sorted(a["person_name"] for a in attendance) == ["Anouk Smit", "Sanne Bakker"]
    assert any(m.value == "**Deelnemers (2)**" for m in at.markdown)
    assert any("is opgeslagen" in s.value for s in at.success)


def test_the_attendance_list_preview_shows_each_row_with_its_activity_in_english(app_db, sign_in):
    services.create_organisation(
        app_db, actor(app_db), "ROC Nova College", None, "education", "mbo"
    )
    at = sign_in("leider", page="pages/activities.py")
    at.file_uploader(key="imp_participants_file_0").set_value(
        (
            "list.csv",
            b"date;activity;organisation;name;email\n"
            b"14-03-2025;Meetup waterstof;roc nova college;Ahmed Yilmaz;a.yilmaz@nova.nl\n",
            "text/csv",
        )
    ).run()
    assert not at.exception, at.exception
    table = next(df.value for df in at.dataframe if "Organisatie gevonden op" in df.value.columns)
    assert table.to_dict("records") == [
        {
            "Regel": 2,
            "Activiteit": "14-03-2025 Meetup waterstof",
            "Organisatie": "ROC Nova College",
            "Organisatie gevonden op": "naam",
            "Persoon": "Ahmed Yilmaz",
            "Persoon gevonden op": "nieuw",
            "Uitkomst": "nieuwe deelname",
        }
    ]

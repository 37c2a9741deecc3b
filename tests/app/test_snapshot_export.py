"""The snapshot page offers the PDF and Excel downloads and shows the shared funnel chart."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow.ipc

from funnel import auth, metrics, services

TODAY = dt.date.today()


def test_steering_member_gets_pdf_and_excel_downloads_and_the_funnel_chart(app_db, sign_in):
    leider = auth.actor_by_id(
        app_db, next(u["id"] for u in auth.list_users(app_db) if u["username"] == "leider")
    )
    for days, title in ((30, "Restwarmte hergebruiken"), (20, "Pompen voorspellen")):
        services.create_use_case(
            app_db, leider, title, TODAY - dt.timedelta(days=days), asset_owner_name="Tata Steel"
        )
    case = services.create_use_case(
        app_db, leider, "Geluid meten", TODAY - dt.timedelta(days=10), asset_owner_name="Crown"
    )
    services.move_use_case(app_db, leider, case, "definition", TODAY)

    at = sign_in("stuur")

    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download als PDF", "Download als Excel"]
    # the funnel comes first (then the days in each stage and the trend over the years)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3
    spec = json.loads(charts[0].proto.spec)
    assert spec["layer"][0]["encoding"]["y"]["sort"][:3] == [
        "Gesignaleerd", "Intake Green Incubator", "Projectdefinitie",
    ]  # fmt: skip
    # Streamlit moves the spec's inline ``data.values`` (our counts) to ``proto.data`` (Arrow).
    values = pyarrow.ipc.open_stream(charts[0].proto.data.data).read_all().to_pylist()
    counts = {v["stage"]: v["count"] for v in values}
    funnel = metrics.snapshot(app_db, TODAY.year, TODAY)["funnel"]
    assert counts["Gesignaleerd"] == funnel["detected"] == 2
    assert counts["Projectdefinitie"] == funnel["definition"] == 1
    assert list(counts.values()) == list(funnel.values())

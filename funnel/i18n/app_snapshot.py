"""Snapshot page texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "snap.page_title": ("Stand van zaken innovatiefunnel", "Innovation funnel snapshot"),
    "snap.page_intro": (
        "Actielijn Innoveren in Smart Energy: de jaarlijkse doelen van de stuurgroep en waar we nu staan.",
        "Action line Innovating in Smart Energy: the steering committee's yearly goals and where we stand.",
    ),
    "snap.as_of": ("Peildatum", "As of"),
    "snap.compare": ("Vergelijk met (vorige stuurgroep)", "Compare with (previous meeting)"),
    "snap.compare_help": (
        "De pijltjes tonen de groei sinds deze datum in hetzelfde jaar.",
        "The arrows show the growth since this date in the same year.",
    ),
    "snap.since": ("sinds {date}", "since {date}"),
    "snap.targets_heading": ("Doelen {year} — stand op {as_of}", "Targets {year} — as of {as_of}"),
    "snap.of_target": ("doel {target} · {pct}", "target {target} · {pct}"),
    "snap.other_heading": ("Verder in de funnel", "Further in the funnel"),
    "snap.funnel_heading": ("De funnel op de peildatum", "The funnel on the as-of date"),
    "snap.funnel_rule": (
        "Alle use cases die op de peildatum gesignaleerd waren, behalve die al vóór 1 januari "
        "gerealiseerd of afgevallen waren; elk in de fase waarin het op de peildatum stond.",
        "Every use case detected by the as-of date, except those already realised or dropped "
        "before 1 January; each in the stage it was in on the as-of date.",
    ),
    "snap.side_state": ("Geparkeerd of afgevallen", "On hold or dropped"),
    "snap.funnel_stage": ("Funnelfase", "Funnel stage"),
    "snap.use_cases_axis": ("Aantal use cases", "Number of use cases"),
    "snap.cases_heading": ("Use cases per fase", "Use cases per stage"),
    "snap.no_cases": ("Nog geen use cases in dit jaar.", "No use cases in this year yet."),
    "snap.col_title": ("Use case", "Use case"),
    "snap.col_asset_owner": ("Asset owner", "Asset owner"),
    "snap.col_since": ("In fase sinds", "In stage since"),
    "snap.col_age": ("Dagen in fase", "Days in stage"),
}

"""Texts of the use case overview (the sortable list beside the board): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.use_case_list": ("Overzicht use cases", "Use case overview"),
    "list.title": ("Overzicht use cases", "Use case overview"),
    "list.title_coach": ("Overzicht van mijn use cases", "Overview of my use cases"),
    "list.intro": (
        "Alle use cases in één tabel: sorteer op een kolom door op de kop te klikken, filter "
        "hierboven. Klik op een regel om de use case te openen.",
        "Every use case in one table: sort by a column by clicking its header, filter above. "
        "Click a row to open the use case.",
    ),
    "list.all_stages": ("Alle fasen", "All stages"),
    "list.only_stuck": ("Alleen vastgelopen", "Stuck only"),
    "list.only_stuck_help": (
        "Vastgelopen: langer dan {days} dagen in gesignaleerd, intake, projectdefinitie of "
        "uitvoering (de termijn staat bij Stand van zaken, tab Funnelanalyse).",
        "Stuck: more than {days} days in detected, intake, project definition or execution "
        "(the term is set in Snapshot, tab Funnel analytics).",
    ),
    "list.col_days": ("Dagen in fase", "Days in stage"),
    "list.col_since": ("In fase sinds", "In stage since"),
    "list.col_stuck": ("Vastgelopen", "Stuck"),
    "list.col_ref": ("Kenmerk", "Ref"),
    "list.days_help": (
        "Dagen sinds de laatste verplaatsing naar deze fase",
        "Days since the last move into this stage",
    ),
    "list.stuck_help": (
        "Langer dan de ingestelde termijn in gesignaleerd, intake, projectdefinitie of uitvoering",
        "Longer than the set term in detected, intake, project definition or execution",
    ),
    "list.count": ("{shown} van {total} use cases", "{shown} of {total} use cases"),
    "list.stuck_count.one": ("1 vastgelopen", "1 stuck"),
    "list.stuck_count.other": ("{count} vastgelopen", "{count} stuck"),
    "list.open_hint": ("klik op een regel om te openen", "click a row to open it"),
}

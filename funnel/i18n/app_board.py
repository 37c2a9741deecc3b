"""Funnel board and move dialog texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # the board
    "board.title": ("Funnelbord", "Funnel board"),
    "board.intro": (
        "Alle use cases per fase, van gesignaleerd tot gerealiseerd. Klik op een titel voor de "
        "details; verplaats een use case met de knop op de kaart.",
        "Every use case per stage, from detected to realised. Click a title for the details; move "
        "a use case with the button on its card.",
    ),
    "board.all_years": ("Alle jaren", "All years"),
    "board.year_help": (
        "Een jaar toont de use cases die in dat jaar in de funnel zaten: gesignaleerd vóór of in "
        "dat jaar en niet al eerder gerealiseerd of afgevallen.",
        "A year shows the use cases that were in the funnel in that year: detected before or in "
        "that year and not realised or dropped earlier.",
    ),
    "board.all_themes": ("Alle thema's", "All themes"),
    "board.all_fieldlabs": ("Alle Fieldlabs", "All Fieldlabs"),
    "board.all_owners": ("Alle eigenaren", "All owners"),
    "board.column_count": ("{stage} · {count}", "{stage} · {count}"),
    "board.column_empty": ("Geen use cases", "No use cases"),
    "board.more_cards": (
        "En nog {count}, langer in deze fase: kies een jaar, thema of eigenaar om ze te zien.",
        "And {count} more, longer in this stage: pick a year, theme or owner to see them.",
    ),
    "board.side_states": (
        "Geparkeerd ({on_hold}) en afgevallen ({dropped})",
        "On hold ({on_hold}) and dropped ({dropped})",
    ),
    "board.days_one": ("1 dag in fase", "1 day in stage"),
    "board.days_many": ("{days} dagen in fase", "{days} days in stage"),
    "board.days_today": ("Vandaag in fase", "Today in stage"),
    "board.stage_since": ("In deze fase sinds {date}", "In this stage since {date}"),
    "board.no_owner": ("geen eigenaar", "no owner"),
    "rem.heading": (
        "Mijn werk — volgende stappen: {steps} · vastgelopen: {stuck}",
        "My work — next steps: {steps} · stuck: {stuck}",
    ),
    "rem.heading_overdue": (
        "Mijn werk — volgende stappen: {steps}, {overdue} te laat · vastgelopen: {stuck}",
        "My work — next steps: {steps}, {overdue} overdue · stuck: {stuck}",
    ),
    "rem.overdue": ("te laat (uiterlijk {date})", "overdue (due {date})"),
    "rem.due_today": ("vandaag", "due today"),
    "rem.due": ("uiterlijk {date}", "due {date}"),
    "rem.stuck.one": ("{count} use case loopt vast bij u", "{count} use case stuck in your care"),
    "rem.stuck.other": (
        "{count} use cases lopen vast bij u",
        "{count} use cases stuck in your care",
    ),
    "rem.steps.one": ("{count} volgende stap", "{count} next step"),
    "rem.steps.other": ("{count} volgende stappen", "{count} next steps"),
    "board.search_placeholder": (
        "Titel, asset owner, organisatie, persoon of kenmerk",
        "Title, asset owner, organisation, person or ref",
    ),
    "board.stuck": ("Vast: {days} dagen", "Stuck: {days} days"),
    "board.next_step": ("Volgende stap: {step}", "Next step: {step}"),
    "board.no_next_step": ("Nog geen volgende stap", "No next step yet"),
    "board.open_help": (
        "Openen: gegevens, betrokkenen en historie",
        "Open: details, involvements and history",
    ),
    "board.empty": (
        "Nog geen use cases. Leg de eerste vast op de pagina Use cases.",
        "No use cases yet. Record the first one on the Use cases page.",
    ),
    "board.no_match": (
        "Geen use cases bij deze filters.",
        "No use cases match these filters.",
    ),
    "board.to_use_cases": ("Naar Use cases", "Go to Use cases"),
    "board.total": ("{count} use cases", "{count} use cases"),
    "board.drag": ("Slepen", "Drag"),
    "board.drag_help": (
        "Verplaats use cases door ze naar een andere kolom te slepen: de stap gaat in op vandaag, "
        "zonder toelichting. Voor een eerdere ingangsdatum of een toelichting (een stap terug, "
        "Afgevallen) gebruikt u de knop Verplaatsen op de kaart.",
        "Move use cases by dragging them to another column: the move takes effect today, "
        "without a note. For an earlier effect date or a note (a move back, Dropped) use the "
        "Move button on the card.",
    ),
    "board.drag_intro": (
        "Sleep een titel naar een andere fase; de stap gaat in op vandaag. Met het toetsenbord: "
        "Tab naar een titel, spatie om op te pakken, pijltjes, spatie om neer te zetten.",
        "Drag a title to another stage; the move takes effect today. With the keyboard: Tab to a "
        "title, space to pick it up, arrow keys, space to drop it.",
    ),
    "board.drag_refused": (
        "'{title}' is niet verplaatst en staat weer in zijn kolom:",
        "'{title}' was not moved and is back in its column:",
    ),
    # the move dialog (shared by the board and the use case page)
    "move.button": ("Verplaatsen", "Move"),
    "move.button_help": (
        "Naar een andere fase zetten, met ingangsdatum en toelichting",
        "Move to another stage, with effect date and note",
    ),
    "move.title": ("Use case verplaatsen", "Move use case"),
    "move.current": (
        "Nu in **{stage}** sinds {date}.",
        "Now in **{stage}** since {date}.",
    ),
    "move.to_stage": ("Naar fase", "To stage"),
    "move.effective_on": ("Ingangsdatum", "Effect date"),
    "move.effective_help": (
        "De dag waarop de stap echt plaatsvond; mag in het verleden liggen, niet in de toekomst.",
        "The day the move really happened; may be in the past, not in the future.",
    ),
    "move.note": ("Toelichting", "Note"),
    "move.note_help": (
        "Verplicht bij een stap terug, bij een stap uit Gerealiseerd of Afgevallen, en bij "
        "Afgevallen (de reden).",
        "Required for a move back, a move out of Realised or Dropped, and for Dropped (the reason).",
    ),
    "move.gates": (
        "Poorten: naar In uitvoering moet minstens één bedrijf (naast de asset owner) of een "
        "onderwijs- of kennisinstelling gekoppeld zijn; naar Gerealiseerd is een "
        "resultaatsamenvatting nodig.",
        "Gates: In execution needs at least one company (other than the asset owner) or an "
        "education or knowledge institution linked; Realised needs a result summary.",
    ),
    "move.submit": ("Verplaatsen", "Move"),
    "move.done": (
        "'{title}' staat nu in {stage} (per {date}).",
        "'{title}' is now in {stage} (as of {date}).",
    ),
    "move.gone": ("Deze use case bestaat niet meer.", "This use case no longer exists."),
    "move.open_use_case": (
        "Naar de use case om dit aan te vullen",
        "Go to the use case to complete this",
    ),
}

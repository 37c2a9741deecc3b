"""Snapshot page texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "snap.page_title": ("Stand van zaken innovatiefunnel", "Innovation funnel snapshot"),
    "snap.page_intro": (
        "Actielijn Innoveren in Smart Energy: de jaarlijkse doelen van de stuurgroep en waar we nu staan.",
        "Action line Innovating in Smart Energy: the steering committee's yearly goals and where we stand.",
    ),
    "snap.as_of": ("Peildatum", "As of"),
    "snap.since": ("sinds {date}", "since {date}"),
    "snap.of_target": ("doel {target} · {pct}", "target {target} · {pct}"),
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
    "snap.open_hint": (
        "Klik op een regel om de use case te openen.",
        "Click a row to open the use case.",
    ),
    "snap.not_openable": (
        "Deze use case coacht u niet; u kunt alleen uw eigen use cases openen.",
        "You do not coach this use case; you can open only your own use cases.",
    ),
    "snap.col_title": ("Use case", "Use case"),
    "snap.col_asset_owner": ("Asset owner", "Asset owner"),
    "snap.col_since": ("In fase sinds", "In stage since"),
    "snap.col_age": ("Dagen in fase", "Days in stage"),
    # the meeting (pages/snapshot.py)
    "meet.pick": ("Vergadering", "Meeting"),
    "meet.option": ("{label} · {date}", "{label} · {date}"),
    "meet.live_option": ("Actuele stand (niet vastgelegd)", "Live snapshot (not frozen)"),
    "meet.compare_with": ("Vergelijk met", "Compare with"),
    "meet.compare_help": (
        "Standaard de vorige vergadering. Kies een andere vastgelegde stand, of Nu om te zien wat "
        "er sinds deze vergadering tot vandaag veranderde.",
        "The previous meeting by default. Choose another frozen snapshot, or Now to see what "
        "moved since this meeting up to today.",
    ),
    "meet.compare_previous": ("{label} (vorige vergadering)", "{label} (previous meeting)"),
    "meet.compare_none": ("Niet vergelijken", "No comparison"),
    "meet.compare_now": ("Nu (de actuele stand van vandaag)", "Now (today's live snapshot)"),
    "meet.header_frozen": (
        "**{label}** · vergadering van {meeting} · peildatum {as_of}",
        "**{label}** · meeting of {meeting} · as of {as_of}",
    ),
    "meet.header_live": (
        "**Actuele stand {year}** · peildatum {as_of} · nog niet vastgelegd: deze cijfers kunnen "
        "nog veranderen.",
        "**Live snapshot {year}** · as of {as_of} · not frozen: these figures may still change.",
    ),
    "meet.no_meetings": (
        "Er is nog geen stand vastgelegd voor een vergadering van de stuurgroep; hieronder staat "
        "de actuele stand. De programmaleider legt de stand vast onderaan deze pagina.",
        "No snapshot has been frozen for a steering committee meeting yet; below is the live "
        "snapshot. The programme leader freezes it at the bottom of this page.",
    ),
    "meet.drift_warning.one": (
        "De vastgelegde stand verandert niet meer. De actuele gegevens geven voor dezelfde peildatum inmiddels {count} cijfer anders.",
        "The frozen snapshot no longer changes. The live data now gives {count} figure differently for the same as-of date.",
    ),
    "meet.drift_warning.other": (
        "De vastgelegde stand verandert niet meer. De actuele gegevens geven voor dezelfde peildatum inmiddels {count} cijfers anders.",
        "The frozen snapshot no longer changes. The live data now gives {count} figures differently for the same as-of date.",
    ),
    "meet.drift_expander": (
        "Wat is er sindsdien veranderd, en waarom?",
        "What changed since, and why?",
    ),
    "meet.no_drift": (
        "De actuele gegevens geven voor deze peildatum nog precies dezelfde cijfers.",
        "The live data still gives exactly the same figures for this as-of date.",
    ),
    "meet.goals_heading": (
        "De doelen van {year} — stand op {as_of}",
        "The goals of {year} — as of {as_of}",
    ),
    "meet.deltas": (
        "De pijltjes tonen het verschil {since}.",
        "The arrows show the change {since}.",
    ),
    "meet.moved_until_now": (
        "Wat is er veranderd sinds {label}, tot vandaag",
        "What moved since {label}, up to today",
    ),
    "meet.moved_none": (
        "Kies bij Vergelijk met een stand om te zien wat er veranderde.",
        "Choose a snapshot under Compare with to see what moved.",
    ),
    "meet.moves_table": ("Alle {count} veranderingen als tabel", "All {count} changes as a table"),
    "meet.new_orgs_expander": (
        "De nieuwe deelnemende organisaties ({count})",
        "The new participating organisations ({count})",
    ),
    "meet.tab_funnel": ("Funnel en use cases", "Funnel and use cases"),
    "meet.tab_other": ("Overige cijfers", "Other figures"),
    "meet.tab_fieldlabs": ("Fieldlabs en kernpartners", "Fieldlabs and core partners"),
    "meet.tab_analysis": ("Funnelanalyse", "Funnel analytics"),
    "meet.tab_trend": ("Verloop sinds {year}", "Trend since {year}"),
    "meet.fieldlabs_caption": (
        "Per Fieldlab de bedrijven en de onderwijs- en kennisinstellingen die dit jaar meededen "
        "aan een activiteit van het Fieldlab, of als asset owner of betrokkene bij een use case "
        "van het Fieldlab; elk één keer per Fieldlab.",
        "Per Fieldlab the companies and the education and knowledge institutions that took part "
        "this year in an activity of the Fieldlab, or as asset owner of or involved in a use "
        "case of the Fieldlab; each once per Fieldlab.",
    ),
    "meet.partner_missing": (
        "Niet gevonden in de database: {names}. Zolang een kernpartner ontbreekt (of onder een "
        "andere naam staat: voeg de dubbele dan samen), heeft geen project alle vier.",
        "Not found in the database: {names}. While a core partner is missing (or stored under "
        "another name: merge the duplicate), no project has all four.",
    ),
    "meet.analysis_live": (
        "Berekend uit de actuele gegevens (ook bij een vastgelegde stand).",
        "Computed from the live data (also for a frozen snapshot).",
    ),
    "meet.freeze_heading": (
        "Stand vastleggen voor een vergadering",
        "Freeze the snapshot for a meeting",
    ),
    "meet.freeze_intro": (
        "Legt de cijfers en de lijsten erachter vast zoals ze nu zijn. Daarna veranderen ze niet "
        "meer, ook niet als gegevens later worden aangevuld, samengevoegd of gewist; de pagina "
        "laat zien hoeveel de actuele cijfers er dan van afwijken, en waarom.",
        "Freezes the figures and the lists behind them as they are now. After that they never "
        "change, also not when data is added, merged or erased later; the page shows how far "
        "the live figures then differ, and why.",
    ),
    "meet.freeze_label": ("Naam van de vergadering", "Name of the meeting"),
    "meet.freeze_label_default": ("Stuurgroep {month} {year}", "Steering committee {month} {year}"),
    "meet.freeze_meeting_date": ("Vergaderdatum", "Meeting date"),
    "meet.freeze_submit": ("Stand vastleggen", "Freeze snapshot"),
    "meet.frozen_done": ("'{label}' is vastgelegd.", "'{label}' has been frozen."),
    # the funnel analytics
    "ana.scope": ("Periode", "Period"),
    "ana.scope_year": ("{year} (tot en met {as_of})", "{year} (up to {as_of})"),
    "ana.scope_all": (
        "Alle strategiejaren ({first} tot nu)",
        "All strategy years ({first} to now)",
    ),
    "ana.group": ("Uitsplitsen naar", "Break down by"),
    "ana.group_none": ("Niet uitsplitsen", "No breakdown"),
    "ana.group_theme": ("Thema", "Theme"),
    "ana.group_fieldlab": ("Fieldlab", "Fieldlab"),
    "ana.per_theme": ("Per thema", "Per theme"),
    "ana.per_fieldlab": ("Per Fieldlab", "Per Fieldlab"),
    "ana.no_group": ("(geen)", "(none)"),
    "ana.stuck_setting": ("Vastgelopen na (dagen)", "Stuck after (days)"),
    "ana.stuck_setting_help": (
        "Een use case die langer dan dit aantal dagen in Gesignaleerd, Intake, Projectdefinitie "
        "of In uitvoering staat, telt als vastgelopen. Geldt voor iedereen.",
        "A use case longer than this many days in Detected, Intake, Project definition or In "
        "execution counts as stuck. Applies to everyone.",
    ),
    "ana.stuck_rule": (
        "Vastgelopen: langer dan {days} dagen in een fase (instelling van de programmaleider).",
        "Stuck: more than {days} days in a stage (the programme leader's setting).",
    ),
    "ana.setting_changed_meanwhile": (
        "Iemand anders heeft ‘Vastgelopen na’ intussen op {days} dagen gezet; uw {typed} is "
        "niet opgeslagen. Vul het opnieuw in om het toch te wijzigen.",
        "Someone else set ‘Stuck after’ to {days} days meanwhile; your {typed} was not saved. "
        "Enter it again to change it anyway.",
    ),
    "ana.setting_saved": (
        "Vastgelopen na {days} dagen: opgeslagen.",
        "Stuck after {days} days: saved.",
    ),
    "ana.rules": (
        "Conversie: van de use cases die een fase bereikten (of oversloegen), het deel dat ook de "
        "volgende fase en Gerealiseerd bereikte, tot de peildatum. Doorlooptijd: dagen tussen de "
        "stap in een fase en de stap eruit, alleen voor verblijven die in de periode afliepen; "
        "mediaan en 90e percentiel.",
        "Conversion: of the use cases that reached (or skipped) a stage, the share that also "
        "reached the next stage and Realised, up to the as-of date. Time in stage: days between "
        "the move into a stage and the move out of it, only for stays that ended in the period; "
        "median and 90th percentile.",
    ),
    "ana.cases": ("{count} use cases", "{count} use cases"),
    "ana.no_stuck": ("Geen vastgelopen use cases.", "No stuck use cases."),
    "ana.drops_heading": ("Redenen van afvallen", "Drop reasons"),
    "ana.no_drops": (
        "Geen use cases afgevallen in deze periode.",
        "No use cases dropped in this period.",
    ),
    "ana.no_reason": ("(geen reden genoteerd)", "(no reason recorded)"),
    "ana.col_reason": ("Reden", "Reason"),
    "ana.col_count": ("Aantal", "Number"),
    "ana.col_cases": ("Use cases", "Use cases"),
    "ana.col_use_cases": ("Use cases", "Use cases"),
    "ana.col_median_in": ("Mediaan dagen {stage}", "Median days {stage}"),
    "ana.col_stuck": ("Vastgelopen", "Stuck"),
}

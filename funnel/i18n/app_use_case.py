"""Use case page texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "uc.title": ("Use cases", "Use cases"),
    "uc.title_coach": ("Mijn use cases", "My use cases"),
    "uc.intro": (
        "Eén use case in detail: gegevens bijwerken, bedrijven, scholen en personen koppelen, de "
        "historie van de fases en de intakes.",
        "One use case in detail: edit its fields, link companies, schools and persons, the stage "
        "history and the intakes.",
    ),
    "uc.intro_coach": (
        "De use cases die u coacht: die u bij een intake oppakte of waarvoor de programmaleider "
        "u als coach indeelde.",
        "The use cases you coach: those you took on at an intake or the programme leader "
        "assigned to you.",
    ),
    "uc.pick": ("Use case", "Use case"),
    "uc.pick_placeholder": ("Zoek een use case…", "Search a use case…"),
    "uc.option": ("{title} — {stage}", "{title} — {stage}"),
    "uc.empty": (
        "Nog geen use cases. Leg hieronder de eerste vast.",
        "No use cases yet. Record the first one below.",
    ),
    "uc.empty_coach": (
        "U coacht nog geen use cases. Een use case hoort bij u zodra u er als eerste coach een "
        "intake voor vastlegt, of de programmaleider u als coach indeelt.",
        "You coach no use cases yet. A use case is yours once you are the first coach to log an "
        "intake for it, or the programme leader assigns you as its coach.",
    ),
    # new use case
    "uc.new": ("Nieuwe use case vastleggen", "Record a new use case"),
    "uc.new_intro": (
        "Een vraagstuk van een asset owner. Kies de asset owner uit de lijst (typ om te zoeken) of "
        "vul een nieuwe in; met het KvK-nummer wordt een bekende organisatie herkend.",
        "A question from an asset owner. Pick the asset owner from the list (type to search) or "
        "enter a new one; a known organisation is recognised by its KvK number.",
    ),
    "uc.new_submit": ("Use case vastleggen", "Record use case"),
    "uc.created": (
        "Use case '{title}' vastgelegd als Gesignaleerd.",
        "Use case '{title}' recorded as Detected.",
    ),
    "uc.field_title": ("Titel", "Title"),
    "uc.field_description": ("Omschrijving", "Description"),
    "uc.field_asset_owner": ("Asset owner", "Asset owner"),
    "uc.field_asset_owner_pick": ("Asset owner (bestaand)", "Asset owner (existing)"),
    "uc.field_asset_owner_new": ("of nieuwe asset owner: naam", "or new asset owner: name"),
    "uc.field_detected_on": ("Gesignaleerd op", "Detected on"),
    "uc.field_effect": ("Duurzaamheidseffect", "Sustainability effect"),
    "uc.field_coach": ("Coach Green Incubator", "Green Incubator coach"),
    "uc.field_next_step": ("Volgende stap", "Next step"),
    "uc.field_next_step_due": ("Streefdatum", "Due date"),
    "uc.field_next_step_due_help": (
        "Wanneer de volgende stap gezet moet zijn (mag leeg blijven). Mijn werk op de eerste "
        "pagina zet wat te laat is of vandaag moet bovenaan.",
        "When the next step should be done (may stay empty). My work on the first page lists "
        "what is overdue or due today first.",
    ),
    "uc.field_result": ("Resultaatsamenvatting", "Result summary"),
    "uc.field_result_help": (
        "Nodig om de use case naar Gerealiseerd te verplaatsen.",
        "Needed to move the use case to Realised.",
    ),
    "uc.org_placeholder": ("Typ om te zoeken…", "Type to search…"),
    "uc.org_option": ("{name} · {kind}", "{name} · {kind}"),
    "uc.org_option_kvk": ("{name} · {kind} (KvK {kvk})", "{name} · {kind} (KvK {kvk})"),
    "uc.kind_unknown": ("soort onbekend", "kind unknown"),
    # header
    "uc.asset_owner_line": ("Asset owner: **{name}**", "Asset owner: **{name}**"),
    "uc.detected_line": ("gesignaleerd op {date}", "detected on {date}"),
    # tabs
    "uc.tab_details": ("Gegevens", "Details"),
    "uc.tab_involvements": ("Betrokkenen ({count})", "Involvements ({count})"),
    "uc.tab_history": ("Historie", "History"),
    "uc.tab_intakes": ("Intakes ({count})", "Intakes ({count})"),
    # details
    "uc.saved": ("Wijzigingen opgeslagen.", "Changes saved."),
    "uc.owner_coach_locked": (
        "Eigenaar en coach worden door de programmaleider ingedeeld.",
        "The owner and coach are assigned by the programme leader.",
    ),
    "uc.no_user": ("– niemand –", "– nobody –"),
    # involvements
    "uc.asset_owner_involvement": (
        "**{name}** is de asset owner (bron) van deze use case.",
        "**{name}** is the asset owner (source) of this use case.",
    ),
    "uc.no_involvements": (
        "Nog niemand gekoppeld.",
        "Nobody linked yet.",
    ),
    "uc.gate_ok": (
        "Poort naar In uitvoering: voldaan — er is een bedrijf (naast de asset owner) of een "
        "onderwijs- of kennisinstelling gekoppeld.",
        "Gate to In execution: passed — a company (other than the asset owner) or an education "
        "or knowledge institution is linked.",
    ),
    "uc.gate_open": (
        "Poort naar In uitvoering: nog niet voldaan — koppel minstens één bedrijf (naast de asset "
        "owner) of een onderwijs- of kennisinstelling.",
        "Gate to In execution: not yet passed — link at least one company (other than the asset "
        "owner) or an education or knowledge institution.",
    ),
    "uc.col_organisation": ("Organisatie", "Organisation"),
    "uc.not_reachable": (
        "Die use case kunt u hier niet openen: hij bestaat niet (meer) of u coacht hem niet. "
        "Kies hieronder een van uw use cases.",
        "You cannot open that use case here: it does not exist (any more) or you do not coach "
        "it. Choose one of your use cases below.",
    ),
    "uc.col_person": ("Persoon", "Person"),
    "uc.col_role": ("Rol", "Role"),
    "uc.col_period": ("Periode", "Period"),
    "uc.period": ("{start} – {end}", "{start} – {end}"),
    "uc.period_open": ("vanaf {start}", "from {start}"),
    "uc.remove": ("Ontkoppelen", "Unlink"),
    "uc.removed": ("Koppeling verwijderd.", "Link removed."),
    "uc.link_heading": ("Betrokkene koppelen", "Link an involvement"),
    "uc.link_intro": (
        "Kies een bestaande organisatie of persoon (typ om te zoeken) of vul een nieuwe in. Een "
        "organisatie met een bekend KvK-nummer of precies dezelfde naam wordt herkend, niet dubbel "
        "aangemaakt.",
        "Pick an existing organisation or person (type to search) or enter a new one. An "
        "organisation with a known KvK number or exactly the same name is recognised, not doubled.",
    ),
    "uc.link_org_pick": ("Organisatie (bestaand)", "Organisation (existing)"),
    "uc.link_org_new": ("of nieuwe organisatie: naam", "or new organisation: name"),
    "uc.link_person_pick": ("Persoon (bestaand, optioneel)", "Person (existing, optional)"),
    "uc.link_person_new": ("of nieuwe persoon: naam", "or new person: name"),
    "uc.link_role": ("Rol", "Role"),
    "uc.link_start": ("Vanaf", "From"),
    "uc.link_end": ("Tot en met (optioneel)", "Until (optional)"),
    "uc.link_end_help": (
        "Leeg: betrokken tot de use case gerealiseerd of afgevallen is.",
        "Empty: involved until the use case is realised or dropped.",
    ),
    "uc.link_submit": ("Koppelen", "Link"),
    "uc.linked": ("{who} gekoppeld als {role}.", "{who} linked as {role}."),
    "uc.link_role_auto": ("Volgens de soort organisatie", "By the kind of organisation"),
    "uc.link_role_help": (
        "Zonder keuze: een school wordt onderwijspartner, een kennisinstelling kennispartner, "
        "een bedrijf oplossingsaanbieder, een andere organisatie 'anders'.",
        "Without a choice: a school becomes education partner, a knowledge institution "
        "knowledge partner, a company solution provider, any other organisation 'other'.",
    ),
    "uc.link_coach": (
        "Koppelen van organisaties en personen doet de programmaleider.",
        "Linking organisations and persons is done by the programme leader.",
    ),
    # history
    "uc.history_empty": ("Nog geen fasewisselingen.", "No stage changes yet."),
    "uc.history_by": ("door {who}", "by {who}"),
    "uc.history_recorded": ("vastgelegd {date}", "recorded {date}"),
    "uc.history_import": ("import", "import"),
    # intakes
    "uc.no_intakes": (
        "Nog geen intakes bij deze use case.",
        "No intakes for this use case yet.",
    ),
    "uc.col_date": ("Datum", "Date"),
    "uc.col_company": ("Bedrijf", "Company"),
    "uc.col_contact": ("Contactpersoon", "Contact person"),
    "uc.col_coach": ("Coach", "Coach"),
    "uc.col_needs": ("Behoeften", "Needs"),
    "uc.col_outcome": ("Uitkomst", "Outcome"),
    "uc.col_next_step": ("Volgende stap", "Next step"),
}

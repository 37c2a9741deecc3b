"""Shared texts of the catalogue (stages, KPIs, kinds, CLI): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # stages
    "stage.detected": ("Gesignaleerd", "Detected"),
    "stage.intake": ("Intake Green Incubator", "Green Incubator intake"),
    "stage.definition": ("Projectdefinitie", "Project definition"),
    "stage.execution": ("In uitvoering", "In execution"),
    "stage.realised": ("Gerealiseerd", "Realised"),
    "stage.on_hold": ("Geparkeerd", "On hold"),
    "stage.dropped": ("Afgevallen", "Dropped"),
    # KPIs
    "kpi.use_cases_detected": ("Use cases gesignaleerd", "Use cases detected"),
    "kpi.intakes": ("Intakes Green Incubator", "Green Incubator intakes"),
    "kpi.projects_started": ("Projecten gestart", "Projects started"),
    "kpi.projects_realised": ("Innovatieprojecten gerealiseerd", "Innovation projects realised"),
    "kpi.use_cases_dropped": ("Use cases afgevallen", "Use cases dropped"),
    "kpi.unique_companies": ("Unieke bedrijven", "Unique companies"),
    "kpi.unique_persons": ("Unieke personen", "Unique persons"),
    "kpi.unique_education_institutions": ("Onderwijsinstellingen", "Education institutions"),
    "kpi.unclassified_organisations": (
        "Nog niet ingedeelde organisaties",
        "Unclassified organisations",
    ),
    # a list behind the figures (frozen snapshots, the report's Excel file), not a figure itself
    "kpi.other_organisations": (
        "Overige organisaties (overheid, overig)",
        "Other organisations (government, other)",
    ),
    "kpi.projects_with_all_core_partners": (
        "Projecten met alle vier kernpartners",
        "Projects with all four core partners",
    ),
    "kpi.fieldlabs_coordinated": ("Fieldlabs gecoördineerd", "Fieldlabs coordinated"),
    "kpi.fieldlab_companies": ("Bedrijven in de Fieldlabs", "Companies in the Fieldlabs"),
    "kpi.fieldlab_education_institutions": (
        "Onderwijs- en kennisinstellingen in de Fieldlabs",
        "Education and knowledge institutions in the Fieldlabs",
    ),
    "kpi.core_partner_share": (
        "Projecten met alle vier kernpartners uit het onderwijs",
        "Projects with all four core education partners",
    ),
    "kpi.projects": ("Lopende en gerealiseerde projecten", "Running and realised projects"),
    "kpi.multilevel_share": ("Multilevel projecten", "Multilevel projects"),
    "kpi.multisectoral_share": ("Multisectorale projecten", "Multisectoral projects"),
    "rule.use_cases_detected": (
        "Aantal use cases met een signaleringsdatum in dit jaar tot en met de peildatum.",
        "Use cases whose detection date falls in this year, up to the as-of date.",
    ),
    "rule.intakes": (
        "Aantal use cases dat in dit jaar de stap Intake Green Incubator zette.",
        "Use cases that entered the Green Incubator intake stage this year.",
    ),
    "rule.projects_started": (
        "Aantal use cases dat dit jaar in uitvoering ging (ook als een stap werd overgeslagen).",
        "Use cases that went into execution this year (also when a stage was skipped).",
    ),
    "rule.projects_realised": (
        "Aantal use cases dat dit jaar als innovatieproject is gerealiseerd.",
        "Use cases realised as an innovation project this year.",
    ),
    "rule.use_cases_dropped": (
        "Aantal use cases dat dit jaar is afgevallen.",
        "Use cases dropped this year.",
    ),
    "rule.unique_companies": (
        "Elk bedrijf telt één keer, hoe vaak het dit jaar ook meedeed (activiteit, intake, "
        "vraagstuk of project); samengevoegde dubbelen tellen één keer.",
        "Each company counts once however often it took part this year (activity, intake, "
        "use case or project); merged duplicates count once.",
    ),
    "rule.unique_persons": (
        "Elke persoon telt één keer (herkend aan e-mailadres, anders naam binnen organisatie).",
        "Each person counts once (recognised by e-mail, else by name within the organisation).",
    ),
    "rule.unique_education_institutions": (
        "Unieke scholen en kennisinstellingen die dit jaar meededen, elk één keer.",
        "Unique schools and knowledge institutions that took part this year, each once.",
    ),
    "rule.unclassified_organisations": (
        "Deelnemende organisaties waarvan het soort nog onbekend is: deel ze in.",
        "Participating organisations whose kind is still unknown: classify them.",
    ),
    "rule.fieldlabs_coordinated": (
        "Aantal Fieldlabs (Smart Maintenance, Smart Energy, Sustainable Industry, Green Energy, "
        "Hydrogen) waarin dit jaar tot de peildatum iemand meedeed: aan een activiteit van het "
        "Fieldlab, of als asset owner of betrokkene bij een use case van het Fieldlab.",
        "Fieldlabs (Smart Maintenance, Smart Energy, Sustainable Industry, Green Energy, "
        "Hydrogen) in which anyone took part this year up to the as-of date: in an activity of "
        "the Fieldlab, or as asset owner of or involved in a use case of the Fieldlab.",
    ),
    "rule.fieldlab_companies": (
        "Elk bedrijf één keer dat dit jaar meedeed aan een Fieldlab: bij een activiteit van het "
        "Fieldlab, of als asset owner of betrokkene bij een use case van het Fieldlab (een "
        "intake telt hier niet). Ook per Fieldlab.",
        "Each company once that took part in a Fieldlab this year: in an activity of the "
        "Fieldlab, or as asset owner of or involved in a use case of the Fieldlab (an intake "
        "does not count here). Also per Fieldlab.",
    ),
    "rule.fieldlab_education_institutions": (
        "Elke school en kennisinstelling één keer die dit jaar meedeed aan een Fieldlab, op "
        "dezelfde manier geteld als de bedrijven in de Fieldlabs. Ook per Fieldlab.",
        "Each school and knowledge institution once that took part in a Fieldlab this year, "
        "counted as the companies in the Fieldlabs. Also per Fieldlab.",
    ),
    "rule.core_partner_share": (
        "Van de projecten (use cases in uitvoering of gerealiseerd op de peildatum): het deel "
        "waarbij ROC Nova College, Tata Steel Academy, Hogeschool Inholland én Hogeschool van "
        "Amsterdam alle vier als betrokkene gekoppeld zijn (begindatum tot de peildatum).",
        "Of the projects (use cases in execution or realised on the as-of date): the share in "
        "which ROC Nova College, Tata Steel Academy, Hogeschool Inholland and Hogeschool van "
        "Amsterdam are all four linked as involved (start date up to the as-of date).",
    ),
    "rule.projects": (
        "Use cases in de funnel van dit jaar die op de peildatum in uitvoering of gerealiseerd "
        "zijn: de innovatietrajecten waarover de kernpartner-, multilevel- en multisectorale "
        "cijfers gaan.",
        "Use cases in this year's funnel that are in execution or realised on the as-of date: "
        "the innovation trajectories the core partner, multilevel and multisectoral figures "
        "are about.",
    ),
    "rule.multilevel_share": (
        "Deel van de projecten met scholen van twee of meer onderwijsniveaus (po, vo, vmbo, "
        "mbo, hbo, wo) als betrokkene.",
        "Share of the projects with schools of two or more education levels (po, vo, vmbo, mbo, "
        "hbo, wo) involved.",
    ),
    "rule.multisectoral_share": (
        "Deel van de projecten met organisaties uit twee of meer sectoren (bedrijfsleven, "
        "onderwijs en kennis, overheid) erbij, de asset owner meegerekend.",
        "Share of the projects with organisations from two or more sectors (business, "
        "education and knowledge, government), the asset owner included.",
    ),
    "sector.business": ("Bedrijfsleven", "Business"),
    "sector.education": ("Onderwijs en kennis", "Education and knowledge"),
    "sector.government": ("Overheid", "Government"),
    # kinds and levels
    "kind.company": ("Bedrijf", "Company"),
    "kind.education": ("Onderwijsinstelling", "Education institution"),
    "kind.knowledge_institution": ("Kennisinstelling", "Knowledge institution"),
    "kind.government": ("Overheid", "Government"),
    "kind.other": ("Overig", "Other"),
    "kind.unknown": ("Onbekend", "Unknown"),
    "level.po": ("po", "primary"),
    "level.vo": ("vo", "secondary"),
    "level.vmbo": ("vmbo", "vmbo"),
    "level.mbo": ("mbo", "mbo"),
    "level.hbo": ("hbo", "hbo"),
    "level.wo": ("wo", "university"),
    # roles
    "role.programme_leader": ("Programmaleider Innovatie", "Programme leader Innovation"),
    "role.coach": ("Coach Green Incubator", "Green Incubator coach"),
    "role.steering": ("Lid stuurgroep", "Steering committee member"),
    # involvement roles, needs, outcomes, effects
    "involvement.solution_provider": ("Oplossingsaanbieder", "Solution provider"),
    "involvement.education_partner": ("Onderwijspartner", "Education partner"),
    "involvement.knowledge_partner": ("Kennispartner", "Knowledge partner"),
    "involvement.student_team": ("Studententeam", "Student team"),
    "involvement.asset_owner_contact": ("Contactpersoon asset owner", "Asset owner contact"),
    "involvement.other": ("Anders", "Other"),
    "need.knowledge": ("Kennis", "Knowledge"),
    "need.connections": ("Verbindingen", "Connections"),
    "need.project_definition": ("Projectdefinitie", "Project definition"),
    "need.execution": ("Uitvoering", "Execution"),
    "need.infrastructure": ("Fysieke infrastructuur", "Physical infrastructure"),
    "outcome.start_definition": ("Start projectdefinitie", "Start project definition"),
    "outcome.refer": ("Doorverwijzen", "Refer"),
    "outcome.no_fit": ("Geen match", "No fit"),
    "outcome.open": ("Nog open", "Open"),
    "effect.energy": ("Energie", "Energy"),
    "effect.co2": ("CO2", "CO2"),
    "effect.noise": ("Geluid", "Noise"),
    "effect.fine_dust": ("Fijnstof", "Fine dust"),
    "effect.other": ("Anders", "Other"),
    "via.activity": ("Activiteit", "Activity"),
    "via.intake": ("Intake", "Intake"),
    "via.asset_owner": ("Asset owner van use case", "Asset owner of use case"),
    "via.involvement": ("Betrokken bij use case", "Involved in use case"),
    # entities
    "entity.activities": ("activiteiten", "activities"),
    "entity.attendance": ("aanwezigheden", "attendances"),
    "entity.organisations": ("organisaties", "organisations"),
    "entity.persons": ("personen", "persons"),
    "entity.use_cases": ("use cases", "use cases"),
    "entity.intakes": ("intakes", "intakes"),
    # CLI
    "cli.import_rows": (
        "{file}: {rows} gelezen, {valid} geldig, {invalid} ongeldig",
        "{file}: {rows} read, {valid} valid, {invalid} invalid",
    ),
    "cli.rows.one": ("{count} rij", "{count} row"),
    "cli.rows.other": ("{count} rijen", "{count} rows"),
    "cli.import_entity": (
        "{entity}: {new} nieuw, {updated} bijgewerkt, {unchanged} ongewijzigd",
        "{entity}: {new} new, {updated} updated, {unchanged} unchanged",
    ),
    "cli.import_incomplete.one": (
        "Aan te vullen ({count} use case haalt een poort nog niet):",
        "To complete ({count} use case would not yet pass a gate):",
    ),
    "cli.import_incomplete.other": (
        "Aan te vullen ({count} use cases halen een poort nog niet):",
        "To complete ({count} use cases would not yet pass a gate):",
    ),
    "cli.waiting": (
        "wacht op een andere import of opslag die de database nu bijwerkt ({seconds} s) ...",
        "waiting for another import or save that is updating the database ({seconds} s) ...",
    ),
    "imp.warning": ("waarschuwing: {message}", "warning: {message}"),
    "cli.import_dry_run": ("Proefrun: er is niets opgeslagen.", "Dry run: nothing was written."),
    "cli.import_committed": ("Opgeslagen.", "Saved."),
    "cli.activity_unknown": (
        "Geen activiteit met id {id} (zie de pagina Activiteiten).",
        "No activity with id {id} (see the Activities page).",
    ),
    "cli.import_refused": (
        "Niets opgeslagen: het bestand bevat ongeldige rijen (gebruik --skip-invalid om de geldige "
        "rijen toch op te slaan).",
        "Nothing saved: the file has invalid rows (use --skip-invalid to save the valid rows).",
    ),
    "cli.demo_done": (
        "Demodata geladen: {use_cases} use cases, {organisations} organisaties, {persons} personen, "
        "{activities} activiteiten.",
        "Demo data loaded: {use_cases} use cases, {organisations} organisations, {persons} persons, "
        "{activities} activities.",
    ),
    "cli.setting_default": ("standaard {value}", "default {value}"),
    "cli.setting_set": ("{name} is nu {value}.", "{name} is now {value}."),
    "cli.setting_unknown": (
        "onbekende instelling; bekend zijn: {names}",
        "unknown setting; known are: {names}",
    ),
    "cli.user_added": (
        "Account {username} ({role}) aangemaakt.",
        "Account {username} ({role}) added.",
    ),
    "cli.password_set": ("Wachtwoord van {username} gewijzigd.", "Password of {username} changed."),
    "cli.backup_done": ("Back-up geschreven naar {path}.", "Backup written to {path}."),
    "cli.frozen": (
        "Vastgelegd als stand {id}: {label}",
        "Frozen as snapshot {id}: {label}",
    ),
    "cli.no_frozen": (
        "Nog geen vastgelegde standen (python -m funnel snapshot freeze ...).",
        "No frozen snapshots yet (python -m funnel snapshot freeze ...).",
    ),
    "cli.frozen_header": (
        "Vastgelegde stand: {label} (vergadering {date})",
        "Frozen snapshot: {label} (meeting {date})",
    ),
    "cli.side_frozen": ("{id} {label} (peildatum {as_of})", "{id} {label} (as of {as_of})"),
    "cli.side_live": ("nu (peildatum {as_of})", "now (as of {as_of})"),
    "cli.compare_header": ("Van {before} naar {after}", "From {before} to {after}"),
    "cli.as_of_before_year": (
        "de peildatum ligt vóór 1 januari {year}",
        "the as-of date is before 1 January {year}",
    ),
    # wrong usage (click's own errors, said in the user's language)
    "cli.usage.usage": ("Gebruik: {usage}", "Usage: {usage}"),
    "cli.usage.help_hint": (
        "Typ '{command} --help' voor hulp.",
        "Try '{command} --help' for help.",
    ),
    "cli.usage.error": ("Fout: {message}", "Error: {message}"),
    "cli.usage.no_such_option": ("onbekende optie '{option}'.", "no such option '{option}'."),
    "cli.usage.no_such_command": (
        "onbekende opdracht '{command}'.",
        "no such command '{command}'.",
    ),
    "cli.usage.did_you_mean": ("Bedoelde u {possibilities}?", "Did you mean {possibilities}?"),
    "cli.usage.missing_argument": ("het argument {name} ontbreekt.", "missing argument {name}."),
    "cli.usage.missing_option": ("de optie {name} ontbreekt.", "missing option {name}."),
    "cli.usage.choose_from": ("Kies uit: {choices}.", "Choose from: {choices}."),
    "cli.usage.missing_command": (
        "geef een opdracht (zie --help).",
        "give a command (see --help).",
    ),
    "cli.usage.option_needs_value": (
        "de optie '{value}' heeft een waarde nodig.",
        "the option '{value}' needs a value.",
    ),
    "cli.usage.option_takes_no_value": (
        "de optie '{value}' heeft geen waarde.",
        "the option '{value}' takes no value.",
    ),
    "cli.usage.extra_arguments": (
        "onverwacht extra argument: {value}.",
        "unexpected extra argument: {value}.",
    ),
    "cli.usage.bad_value": (
        "ongeldige waarde voor {param}: {message}",
        "invalid value for {param}: {message}",
    ),
    "cli.usage.not_a_choice": (
        "'{value}' is geen van de keuzes; kies uit: {choices}.",
        "'{value}' is not one of the choices; choose from: {choices}.",
    ),
    "cli.usage.not_an_integer": (
        "'{value}' is geen geheel getal.",
        "'{value}' is not a whole number.",
    ),
    "cli.usage.not_a_number": ("'{value}' is geen getal.", "'{value}' is not a number."),
    "cli.usage.out_of_range": (
        "{value} ligt buiten het bereik {range}.",
        "{value} is outside the range {range}.",
    ),
    "cli.usage.path_missing": (
        "het bestand '{value}' bestaat niet.",
        "the file '{value}' does not exist.",
    ),
    "cli.usage.path_is_directory": (
        "'{value}' is een map, geen bestand.",
        "'{value}' is a directory, not a file.",
    ),
    "cli.usage.path_is_file": (
        "'{value}' is een bestand, geen map.",
        "'{value}' is a file, not a directory.",
    ),
    "cli.usage.path_not_readable": (
        "het bestand '{value}' mag niet gelezen worden (geen leesrechten).",
        "the file '{value}' may not be read (no read permission).",
    ),
    "cli.usage.path_not_writable": (
        "naar '{value}' mag niet geschreven worden (geen schrijfrechten).",
        "'{value}' may not be written to (no write permission).",
    ),
    "cli.usage_error": ("Fout: {message}", "Error: {message}"),
    "cli.file_error": (
        "Fout: het bestand '{path}' kan niet geopend worden: {reason}",
        "Error: the file '{path}' cannot be opened: {reason}",
    ),
    "cli.aborted": ("Afgebroken.", "Aborted."),
    "users.disabled": ("uitgeschakeld", "disabled"),
    # snapshot text
    "snap.title": (
        "Funnel-snapshot {year} (peildatum {as_of})",
        "Funnel snapshot {year} (as of {as_of})",
    ),
    "snap.col_kpi": ("Indicator", "Indicator"),
    "snap.col_actual": ("Stand", "Actual"),
    "snap.col_target": ("Doel", "Target"),
    "snap.col_pct": ("% van doel", "% of target"),
    "snap.funnel": (
        "Funnel (use cases per fase op de peildatum)",
        "Funnel (use cases per stage on the as-of date)",
    ),
}

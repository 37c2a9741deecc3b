"""Snapshot export texts of the catalogue (PDF, Excel, download buttons): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "export.title": ("Stand van zaken innovatiefunnel {year}", "Innovation funnel snapshot {year}"),
    "export.as_of": ("Peildatum: {date}", "As of: {date}"),
    "export.compared_with": ("vergeleken met {date}", "compared with {date}"),
    "export.compare_label": ("Vergeleken met", "Compared with"),
    "export.kpis_heading": ("Indicatoren en doelen", "Indicators and targets"),
    "export.col_rule": ("Telregel", "Counting rule"),
    "export.col_count": ("Aantal use cases", "Number of use cases"),
    "export.chart_alt": (
        "Staafdiagram: aantal use cases per fase op de peildatum",
        "Bar chart: number of use cases per stage on the as-of date",
    ),
    "export.footer": ("Techport — gegenereerd op {date}", "Techport — generated on {date}"),
    "export.page": ("Pagina {page} van {pages}", "Page {page} of {pages}"),
    "export.sheet_snapshot": ("Stand van zaken", "Snapshot"),
    "export.sheet_cases": ("Use cases", "Use cases"),
    "export.download_pdf": ("Download als PDF", "Download as PDF"),
    "export.download_xlsx": ("Download als Excel", "Download as Excel"),
    "export.download_help": (
        "De stand op de peildatum (met de vergelijking) en de use cases, voor het jaarverslag.",
        "The snapshot on the as-of date (with the comparison) and the use cases, for the annual report.",
    ),
    "export.output_required": (
        "--format {fmt} schrijft een bestand: geef --output PAD.",
        "--format {fmt} writes a file: give --output PATH.",
    ),
    "export.written": ("Geschreven: {path}", "Written: {path}"),
    # the report pack: cover, sections, sheets (funnel/exports.py)
    "export.cover_kicker": (
        "Techport · actielijn Innoveren in Smart Energy · stuurgroep",
        "Techport · action line Innovating in Smart Energy · steering committee",
    ),
    "export.meeting": ("Vergadering van {date}", "Meeting of {date}"),
    "export.live": (
        "Actuele stand, niet vastgelegd voor een vergadering",
        "Live snapshot, not frozen for a meeting",
    ),
    "export.frozen_by": ("Vastgelegd op {date} door {user}", "Frozen on {date} by {user}"),
    "export.frozen_on": ("Vastgelegd op {date}", "Frozen on {date}"),
    "export.col_change": ("Verschil", "Change"),
    "export.change_note": (
        "Verschil: de verandering {since}.",
        "Change: the change {since}.",
    ),
    "export.compared_with_meeting": (
        "Vergeleken met {label} (peildatum {date})",
        "Compared with {label} (as of {date})",
    ),
    "export.meeting_label": ("Vergadering", "Meeting"),
    "export.meeting_date": ("Vergaderdatum", "Meeting date"),
    "export.frozen_at": ("Vastgelegd", "Frozen"),
    "export.points": ("{value} %-punt", "{value} pp"),
    "export.drift_heading": (
        "Verschil met de actuele cijfers",
        "Difference with the live figures",
    ),
    "export.drift_intro": (
        "{date}; deze cijfers veranderen niet meer. Sindsdien zijn gegevens aangevuld of "
        "gewijzigd, zodat de actuele gegevens voor dezelfde peildatum iets anders geven:",
        "{date}; these figures no longer change. Data has been added or changed since, so the "
        "live data gives slightly different figures for the same as-of date:",
    ),
    "export.progress_heading": ("Voortgang op de doelen", "Progress towards the targets"),
    "export.progress_alt": (
        "Staafdiagram: elk doel als deel van de doelstelling",
        "Bar chart: each goal as a share of its target",
    ),
    "export.moved_heading": ("Wat is er veranderd sinds {label}", "What moved since {label}"),
    "export.no_compare": (
        "Er is geen eerdere stand om mee te vergelijken.",
        "There is no earlier snapshot to compare with.",
    ),
    "export.trend_heading": ("Het verloop sinds {year}", "The trend since {year}"),
    "export.trend_rule": (
        "Elk doel per jaar (eerdere jaren tot en met 31 december, dit jaar tot de peildatum); de "
        "stippellijn is het doel van dat jaar. Aandelen in procenten.",
        "Each goal per year (earlier years up to 31 December, this year up to the as-of date); "
        "the dashed line is that year's target. Shares in percent.",
    ),
    "export.trend_alt": (
        "Lijndiagrammen: elk doel per jaar met de doelstelling",
        "Line charts: each goal per year with its target",
    ),
    "export.stays_heading": ("Doorlooptijd en conversie per fase", "Time in stage and conversion"),
    "export.stays_rule": (
        "Dagen tussen de stap in een fase en de stap eruit, voor verblijven die in de periode "
        "afliepen (de doos loopt van het 25e tot het 75e percentiel, de streep is de mediaan). "
        "Conversie: van de use cases die een fase bereikten (of oversloegen), het deel dat ook "
        "de volgende fase en Gerealiseerd bereikte.",
        "Days between the move into a stage and the move out of it, for stays that ended in the "
        "period (the box runs from the 25th to the 75th percentile, the line is the median). "
        "Conversion: of the use cases that reached (or skipped) a stage, the share that also "
        "reached the next stage and Realised.",
    ),
    "export.stays_alt": (
        "Boxplot: dagen per fase",
        "Box plot: days per stage",
    ),
    "export.conversion_heading": ("Conversie per fase", "Conversion per stage"),
    "export.stuck_heading": (
        "Vastgelopen use cases (langer dan {days} dagen in een fase)",
        "Stuck use cases (more than {days} days in a stage)",
    ),
    "export.fieldlabs_heading": ("Fieldlabs", "Fieldlabs"),
    "export.partners_heading": (
        "Kernpartners uit het onderwijs per project",
        "Core education partners per project",
    ),
    "export.no_projects": (
        "Geen projecten in uitvoering of gerealiseerd op de peildatum.",
        "No projects in execution or realised on the as-of date.",
    ),
    "export.partner_short.0": ("Nova", "Nova"),
    "export.partner_short.1": ("TSA", "TSA"),
    "export.partner_short.2": ("Inh.", "Inh."),
    "export.partner_short.3": ("HvA", "HvA"),
    "export.partner_legend": ("{names}.", "{names}."),
    "export.stage_count": ("{stage} ({count})", "{stage} ({count})"),
    "export.sheet_moved": ("Wat is veranderd", "What moved"),
    "export.sheet_new_orgs": ("Nieuwe organisaties", "New organisations"),
    "export.sheet_counted": ("Geteld per KPI", "Counted per KPI"),
    "export.sheet_fieldlabs": ("Fieldlabs", "Fieldlabs"),
    "export.sheet_partners": ("Kernpartners", "Core partners"),
    "export.sheet_analysis": ("Analyse", "Analytics"),
    "export.col_what": ("Wat", "What"),
    "export.col_from": ("Van", "From"),
    "export.col_to": ("Naar", "To"),
    "export.col_id": ("Nummer", "Id"),
    "export.col_entity": ("Wie of wat", "Who or what"),
    "export.col_coordinated": ("Gecoördineerd", "Coordinated"),
    "export.col_companies": ("Bedrijven", "Companies"),
    "export.col_education": (
        "Onderwijs- en kennisinstellingen",
        "Education and knowledge institutions",
    ),
    "export.col_all_four": ("Alle vier", "All four"),
    "export.col_levels": ("Onderwijsniveaus", "Education levels"),
    "export.col_sectors": ("Sectoren", "Sectors"),
    "export.col_reached": ("Bereikt", "Reached"),
    "export.col_to_next": ("Naar volgende fase", "To next stage"),
    "export.col_to_realised": ("Tot gerealiseerd", "To realised"),
    "export.col_stays": ("Afgeronde verblijven", "Finished stays"),
    "export.col_median": ("Mediaan (dagen)", "Median (days)"),
    "export.col_p90": ("90e percentiel (dagen)", "90th percentile (days)"),
    "export.yes": ("ja", "yes"),
    "export.no": ("nee", "no"),
    "export.persons_by_number": (
        "Personen staan hier alleen met hun nummer: namen en e-mailadressen staan niet in dit bestand.",
        "Persons appear here by number only: names and e-mail addresses are not in this file.",
    ),
    "counted.use_case": ("use case", "use case"),
    "counted.organisation": ("organisatie", "organisation"),
    "counted.person": ("persoon", "person"),
}

"""Texts of the data-quality and privacy screens: classification, completeness, privacy."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.section_quality": ("Datakwaliteit en privacy", "Data quality and privacy"),
    "nav.classify": ("Organisaties indelen", "Classify organisations"),
    "nav.completeness": ("Volledigheid", "Completeness"),
    "nav.privacy": ("Privacy (AVG)", "Privacy (GDPR)"),
    # --- classification queue -----------------------------------------------------------------
    "cls.page_title": ("Organisaties indelen", "Classify organisations"),
    "cls.page_intro": (
        "Organisaties die zonder soort binnenkwamen (meestal via een presentielijst). Ze tellen "
        "pas mee als bedrijf of onderwijsinstelling als ze zijn ingedeeld. De meeste deelnames "
        "staan bovenaan; een voorstel leest de soort uit de naam.",
        "Organisations that came in without a kind (usually from an attendance list). They count "
        "as a company or education institution only once classified. Most participations first; "
        "a suggestion reads the kind from the name.",
    ),
    "cls.empty": (
        "Alle organisaties zijn ingedeeld.",
        "Every organisation is classified.",
    ),
    "cls.col_years": ("Jaren", "Years"),
    "cls.col_suggestion": ("Voorstel", "Suggestion"),
    "cls.count.one": (
        "{count} organisatie nog in te delen",
        "{count} organisation to classify",
    ),
    "cls.count.other": (
        "{count} organisaties nog in te delen",
        "{count} organisations to classify",
    ),
    "cls.one_heading": ("Eén organisatie indelen", "Classify one organisation"),
    "cls.pick": ("Organisatie", "Organisation"),
    "cls.suggested": ("voorstel: {kind}", "suggestion: {kind}"),
    "cls.save_one": ("Indelen", "Classify"),
    "cls.classified_one": ("{name} is ingedeeld als {kind}.", "{name} was classified as {kind}."),
    "cls.bulk_heading": ("Meerdere tegelijk", "Several at once"),
    "cls.bulk_intro": (
        "Dezelfde soort (en eventueel niveau, regio, partnerschap) voor alle gekozen organisaties.",
        "The same kind (and optionally level, region, partnership) for every organisation chosen.",
    ),
    "cls.bulk_pick": ("Organisaties", "Organisations"),
    "cls.bulk_placeholder": ("Kies organisaties…", "Choose organisations…"),
    "cls.save_bulk": ("Alle gekozen indelen", "Classify all chosen"),
    "cls.classified_bulk.one": (
        "{count} organisatie ingedeeld als {kind}.",
        "{count} organisation classified as {kind}.",
    ),
    "cls.classified_bulk.other": (
        "{count} organisaties ingedeeld als {kind}.",
        "{count} organisations classified as {kind}.",
    ),
    # --- completeness ---------------------------------------------------------------------------
    "cmp.page_title": ("Volledigheid", "Completeness"),
    "cmp.page_intro": (
        "Wat nog ontbreekt, met per punt een knop naar het scherm waar u het aanvult. Een use case "
        "staat vast als hij langer dan {days} dagen in één fase staat (instelling).",
        "What is still missing, each item with a button to the screen where you complete it. A "
        "use case is stuck after more than {days} days in one stage (setting).",
    ),
    "cmp.all_complete": ("Alles is compleet.", "Everything is complete."),
    "cmp.short.gate": ("Poort niet gehaald", "Gate not met"),
    "cmp.short.no_owner": ("Zonder eigenaar", "No owner"),
    "cmp.short.no_next_step": ("Zonder volgende stap", "No next step"),
    "cmp.short.stuck": ("Staat vast", "Stuck"),
    "cmp.short.no_attendance": ("Zonder deelnemers", "No attendance"),
    "cmp.short.person_no_organisation": (
        "Zonder organisatie",
        "No organisation",
    ),
    "cmp.short.organisation_no_kind": ("Zonder soort", "Without kind"),
    "cmp.check.gate": (
        "Use cases die een poort niet halen",
        "Use cases that would not pass a gate",
    ),
    "cmp.check.no_owner": ("Use cases zonder eigenaar", "Use cases without an owner"),
    "cmp.check.no_next_step": ("Use cases zonder volgende stap", "Use cases without a next step"),
    "cmp.check.stuck": ("Use cases die vaststaan", "Use cases stuck in a stage"),
    "cmp.check.no_attendance": ("Activiteiten zonder deelnemers", "Activities without attendance"),
    "cmp.check.person_no_organisation": (
        "Personen zonder organisatie",
        "Persons without an organisation",
    ),
    "cmp.check.organisation_no_kind": ("Organisaties zonder soort", "Organisations without a kind"),
    "cmp.more": (
        "En nog {count}; begin met deze.",
        "And {count} more; start with these.",
    ),
    "cmp.days_in_stage": ("{days} dagen in deze fase", "{days} days in this stage"),
    "cmp.fix.use_case": ("Use case", "Use case"),
    "cmp.fix.activity": ("Activiteit", "Activity"),
    "cmp.fix.person": ("Persoon", "Person"),
    "cmp.fix.organisation": ("Indelen", "Classify"),
    # --- privacy ----------------------------------------------------------------------------------
    "prv.page_title": ("Privacy (AVG)", "Privacy (GDPR)"),
    "prv.page_intro": (
        "De funnel bewaart van personen naam, e-mailadres en organisatie, om unieke deelnemers te "
        "tellen. Op verzoek geeft u iemand al diens gegevens (export) of wist u ze. Een gewiste "
        "persoon telt nog mee in de jaren dat die deelnam, maar niets over die persoon is nog te "
        "lezen.",
        "The funnel keeps persons' names, e-mail addresses and organisations, to count unique "
        "participants. On request you give someone all their data (export) or erase it. An erased "
        "person still counts in the years it took part, but nothing about it can be read.",
    ),
    "prv.request_heading": ("Verzoek van één persoon", "A request from one person"),
    "prv.request_hint": (
        "Zoek de persoon op naam, e-mailadres of organisatie.",
        "Search the person by name, e-mail address or organisation.",
    ),
    "prv.export_heading": ("Inzage (export)", "Access (export)"),
    "prv.export_summary": (
        "Records: {records} · deelnames: {participations} · intakes: {intakes}; als JSON.",
        "Records: {records} · participations: {participations} · intakes: {intakes}; as JSON.",
    ),
    "prv.export": ("Gegevens downloaden (JSON)", "Download data (JSON)"),
    "prv.erase_sure": (
        "Ik wis de gegevens van {name} voorgoed",
        "I erase the data of {name} for good",
    ),
    "prv.erased.one": (
        "{count} persoon gewist; die telt nog mee waar die deelnam.",
        "{count} person erased; it still counts where it took part.",
    ),
    "prv.erased.other": (
        "{count} personen gewist; ze tellen nog mee waar ze deelnamen.",
        "{count} persons erased; they still count where they took part.",
    ),
    "prv.retention_heading": ("Bewaartermijn", "Retention"),
    "prv.retention_years": ("Wissen na (jaren niet gezien)", "Erase after (years not seen)"),
    "prv.retention_saved": ("Bewaartermijn is nu {years} jaar.", "Retention is now {years} years."),
    "prv.none_due": (
        "Niemand is langer dan {years} jaar niet gezien.",
        "Nobody has gone unseen for more than {years} years.",
    ),
    "prv.due_intro.one": (
        "{count} persoon niet gezien in {years} jaar (geen deelname sindsdien).",
        "{count} person not seen for {years} years (no participation since).",
    ),
    "prv.due_intro.other": (
        "{count} personen niet gezien in {years} jaar (geen deelname sindsdien).",
        "{count} persons not seen for {years} years (no participation since).",
    ),
    "prv.col_last_seen": ("Laatst gezien", "Last seen"),
    "prv.erase_due_sure.one": (
        "Ik wis deze {count} persoon voorgoed",
        "I erase this {count} person for good",
    ),
    "prv.erase_due_sure.other": (
        "Ik wis deze {count} personen voorgoed",
        "I erase these {count} persons for good",
    ),
    "prv.erase_due": ("{count} wissen", "Erase {count}"),
    "prv.log_heading": ("Gewist", "Erased"),
    "prv.log_intro": (
        "Dat er gewist is, wanneer en door wie; niet wat.",
        "That an erasure happened, when and by whom; not what.",
    ),
    "prv.log_empty": ("Nog niemand gewist.", "Nobody erased yet."),
    "prv.col_when": ("Wanneer", "When"),
    "prv.col_person": ("Persoon", "Person"),
    "prv.col_records": ("Records", "Records"),
    "prv.col_by": ("Door", "By"),
}

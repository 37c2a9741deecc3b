"""Network and import screen texts (activities, imports, organisations, persons, duplicates): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- activities -----------------------------------------------------------------------------
    "act.page_title": ("Activiteiten", "Activities"),
    "act.page_intro": (
        "Workshops, meetups, Fieldlab-sessies en Learning Communities: wie er was telt mee als "
        "deelnemer aan de innovatiefunnel.",
        "Workshops, meetups, Fieldlab sessions and Learning Communities: whoever attended counts "
        "as a participant in the innovation funnel.",
    ),
    "act.list_heading": ("Overzicht", "Overview"),
    "act.search_placeholder": ("Titel, type of Fieldlab", "Title, type or Fieldlab"),
    "act.all_years": ("Alle jaren", "All years"),
    "act.empty": (
        "Nog geen activiteiten. Maak er hierboven een aan, of upload een presentielijst onderaan "
        "deze pagina.",
        "No activities yet. Create one above, or upload an attendance list at the bottom of this "
        "page.",
    ),
    "act.none_found": ("Geen activiteiten gevonden met deze filters.", "No activities match."),
    "act.col_title": ("Activiteit", "Activity"),
    "act.col_type": ("Type", "Type"),
    "act.col_attendees": ("Deelnemers", "Attendees"),
    "act.count": ("{shown} van {total} activiteiten", "{shown} of {total} activities"),
    "act.attendees_total": ("{count} deelnemers in totaal", "{count} attendees in total"),
    "act.new_heading": ("Nieuwe activiteit aanmaken", "Create a new activity"),
    "act.field_title": ("Titel", "Title"),
    "act.title_placeholder": (
        "bijv. Learning Community Smart Energy",
        "e.g. Learning Community Smart Energy",
    ),
    "act.no_fieldlab": ("Geen Fieldlab", "No Fieldlab"),
    "act.create": ("Activiteit aanmaken", "Create activity"),
    "act.created": (
        "Activiteit '{title}' op {date} aangemaakt. Voeg hieronder de deelnemers toe.",
        "Activity '{title}' on {date} created. Add the attendees below.",
    ),
    "act.type.workshop": ("Workshop", "Workshop"),
    "act.type.meetup": ("Meetup", "Meetup"),
    "act.type.fieldlab": ("Fieldlab-sessie", "Fieldlab session"),
    "act.type.learning_community": ("Learning Community", "Learning Community"),
    "act.type.event": ("Evenement", "Event"),
    "act.type.other": ("Anders", "Other"),
    "act.detail_heading": ("Aanwezigheid", "Attendance"),
    "act.detail_intro": (
        "Kies een activiteit om te zien wie er was en om deelnemers met de hand toe te voegen.",
        "Pick an activity to see who attended and to add attendees by hand.",
    ),
    "act.pick": ("Activiteit", "Activity"),
    "act.pick_placeholder": ("Kies een activiteit…", "Choose an activity…"),
    "act.attendance_heading": ("Deelnemers ({count})", "Attendees ({count})"),
    "act.no_attendance": ("Nog geen deelnemers vastgelegd.", "No attendees recorded yet."),
    "act.col_organisation": ("Organisatie", "Organisation"),
    "act.col_person": ("Persoon", "Person"),
    "act.remove_pick": ("Deelnemer verwijderen", "Remove attendee"),
    "act.remove_placeholder": ("Kies een deelnemer…", "Choose an attendee…"),
    "act.remove": ("Verwijderen", "Remove"),
    "act.removed": ("{who} is van de deelnemerslijst gehaald.", "{who} was removed from the list."),
    "act.add_heading": ("Deelnemer toevoegen", "Add attendee"),
    "act.add_intro": (
        "Kies een bekende organisatie of typ een nieuwe (met KvK-nummer als u het heeft). Een "
        "persoon wordt herkend aan het e-mailadres, anders aan de naam binnen de organisatie.",
        "Pick a known organisation or type a new one (with its KvK number if you have it). A "
        "person is recognised by e-mail address, else by name within the organisation.",
    ),
    "act.field_existing_org": ("Bekende organisatie", "Known organisation"),
    "act.existing_org_placeholder": ("Zoek een organisatie…", "Search an organisation…"),
    "act.field_new_org": (
        "of: nieuwe organisatie (naam)",
        "or: new organisation (name)",
    ),
    "act.field_person": ("Naam deelnemer", "Attendee's name"),
    "act.add": ("Deelnemer toevoegen", "Add attendee"),
    "act.attendee_added": ("Deelnemer toegevoegd.", "Attendee added."),
    "act.attendee_known": (
        "Deze deelnemer stond al op de lijst van deze activiteit; er is niets dubbel vastgelegd.",
        "This attendee was already recorded for this activity; nothing was added twice.",
    ),
    "act.upload_heading": ("Presentielijst uploaden", "Upload an attendance list"),
    "act.signup_heading": ("Aanmeldlijst uploaden", "Upload a sign-up list"),
    "act.signup_intro": (
        "Een lijst deelnemers van '{title}' (CSV of Excel): één rij per deelnemer met "
        "organisatie, KvK-nummer, naam en e-mail; datum en activiteit zijn niet nodig. U ziet "
        "per regel wie er herkend wordt voordat u opslaat.",
        "A list of the attendees of '{title}' (CSV or Excel): one row per attendee with "
        "organisation, KvK number, name and e-mail; no date or activity needed. You see who is "
        "recognised on every row before you save.",
    ),
    "act.upload_intro": (
        "Eén rij per deelnemer per activiteit (CSV of Excel). Activiteiten, organisaties en "
        "personen die er al zijn worden herkend; u ziet eerst wat er nieuw is voordat u opslaat.",
        "One row per attendee per activity (CSV or Excel). Known activities, organisations and "
        "persons are recognised; you see what is new before you save.",
    ),
    # --- imports ----------------------------------------------------------------------------------
    "imp.page_title": ("Use cases importeren", "Import use cases"),
    "imp.page_intro": (
        "Lees de use-case-spreadsheet in die u tot nu toe bijhield: u ziet eerst wat er nieuw en "
        "gewijzigd is, en slaat dan op.",
        "Read in the use-case spreadsheet you kept so far: you first see what is new and changed, "
        "then you save.",
    ),
    "imp.use_cases_rules": (
        "Eén rij per use case, met een kolom per fasedatum (gesignaleerd, intake, projectdefinitie, "
        "uitvoering, gerealiseerd, afgevallen). De datums mogen in die volgorde niet teruglopen; "
        "bij een datum afgevallen hoort een reden. Een rij met een bekend kenmerk werkt die use "
        "case bij, dus hetzelfde bestand twee keer inlezen voegt niets dubbel toe.",
        "One row per use case, with a column per stage date (detected, intake, definition, "
        "execution, realised, dropped). The dates must not go back in that order; a dropped date "
        "needs a reason. A row with a known reference updates that use case, so reading the same "
        "file twice adds nothing twice.",
    ),
    "imp.guide_heading": ("Welke kolommen?", "Which columns?"),
    "imp.guide_dutch": ("Kolom (Nederlands)", "Column (Dutch)"),
    "imp.guide_english": ("Kolom (Engels)", "Column (English)"),
    "imp.guide_required": ("Verplicht", "Required"),
    "imp.guide_meaning": ("Betekenis", "Meaning"),
    "imp.guide_formats": (
        "Kopregels mogen Nederlands of Engels zijn (hoofdletters maken niet uit). CSV met komma "
        "of puntkomma (zoals Excel het opslaat) of XLSX (eerste werkblad). Datums als 14-03-2025, "
        "2025-03-14, 14/3/2025 of 14 maart 2025; dag eerst.",
        "Headers may be Dutch or English (case does not matter). CSV with commas or semicolons "
        "(as Excel saves it) or XLSX (first sheet). Dates as 14-03-2025, 2025-03-14, 14/3/2025 "
        "or 14 March 2025; day first.",
    ),
    "imp.template": ("Leeg sjabloon downloaden", "Download an empty template"),
    "imp.template_name.participants": ("presentielijst", "attendance-list"),
    "imp.template_name.use-cases": ("use-cases", "use-cases"),
    "imp.template_name.signups": ("aanmeldlijst", "sign-up-list"),
    "imp.req_yes": ("ja", "yes"),
    "imp.req_no": ("nee", "no"),
    "imp.req_one_of": (
        "minstens één van organisatie, naam, e-mail",
        "at least one of organisation, name, e-mail",
    ),
    "imp.req_with_dropped_on": ("ja, bij een datum afgevallen", "yes, with a dropped date"),
    "imp.help.participants.activity_date": ("dag van de activiteit", "day of the activity"),
    "imp.help.participants.activity": (
        "titel van de activiteit; datum + titel herkennen de activiteit",
        "title of the activity; date + title identify the activity",
    ),
    "imp.help.participants.activity_type": (
        "workshop, meetup, fieldlab, learning community, event, …",
        "workshop, meetup, fieldlab, learning community, event, …",
    ),
    "imp.help.participants.fieldlab": (
        "Smart Maintenance, Smart Energy, Sustainable Industry, Green Energy, Hydrogen",
        "Smart Maintenance, Smart Energy, Sustainable Industry, Green Energy, Hydrogen",
    ),
    "imp.help.participants.organisation": (
        "organisatie van de deelnemer",
        "the attendee's organisation",
    ),
    "imp.help.participants.kvk": (
        "KvK-nummer van de organisatie (8 cijfers)",
        "KvK number of the organisation (8 digits)",
    ),
    "imp.help.participants.organisation_type": (
        "bijv. bedrijf, mkb, asset owner, school, mbo, hbo, kennisinstelling, overheid",
        "e.g. company, sme, asset owner, school, mbo, hbo, knowledge institution, government",
    ),
    "imp.help.participants.person": ("volledige naam van de deelnemer", "the attendee's full name"),
    "imp.help.participants.email": (
        "e-mailadres van de deelnemer (herkent de persoon)",
        "the attendee's e-mail address (identifies the person)",
    ),
    "imp.help.use-cases.ref": (
        "uw eigen kenmerk; opnieuw inlezen met hetzelfde kenmerk werkt de use case bij",
        "your own reference; re-importing the same reference updates the use case",
    ),
    "imp.help.use-cases.title": ("titel van de use case", "title of the use case"),
    "imp.help.use-cases.asset_owner": (
        "de asset owner die de vraag inbracht (nieuw: soort bedrijf)",
        "the asset owner that brought the question (new: kind company)",
    ),
    "imp.help.use-cases.asset_owner_kvk": (
        "KvK-nummer van de asset owner",
        "KvK number of the asset owner",
    ),
    "imp.help.use-cases.theme": (
        "Smart Maintenance, Smart Energy, Sustainable Industry, Green Energy of Hydrogen",
        "Smart Maintenance, Smart Energy, Sustainable Industry, Green Energy or Hydrogen",
    ),
    "imp.help.use-cases.fieldlab": ("het Fieldlab, als er een is", "the Fieldlab, if any"),
    "imp.help.use-cases.detected_on": ("datum gesignaleerd", "date detected"),
    "imp.help.use-cases.intake_on": (
        "datum van de intake Green Incubator",
        "date of the Green Incubator intake",
    ),
    "imp.help.use-cases.intake_company": (
        "bedrijf van de intake (leeg: de asset owner)",
        "the intake company (blank: the asset owner)",
    ),
    "imp.help.use-cases.intake_company_kvk": (
        "KvK-nummer van het intakebedrijf",
        "KvK number of the intake company",
    ),
    "imp.help.use-cases.definition_on": ("start projectdefinitie", "start of project definition"),
    "imp.help.use-cases.execution_on": ("start uitvoering", "start of execution"),
    "imp.help.use-cases.realised_on": ("datum gerealiseerd", "date realised"),
    "imp.help.use-cases.dropped_on": ("datum afgevallen", "date dropped"),
    "imp.help.use-cases.dropped_reason": ("waarom de use case afviel", "why the use case dropped"),
    "imp.upload_heading": ("Bestand inlezen", "Read a file"),
    "imp.upload_label": ("Kies een CSV- of Excel-bestand", "Choose a CSV or Excel file"),
    "imp.upload_help": (
        "Er wordt niets opgeslagen voordat u op Opslaan klikt.",
        "Nothing is saved until you click Save.",
    ),
    "imp.unreadable": (
        "Dit bestand kan niet worden ingelezen: {error}",
        "This file cannot be read: {error}",
    ),
    "imp.unreadable_at": (
        "Dit bestand kan niet worden ingelezen: regel {line}, kolom {column}: {error}",
        "This file cannot be read: line {line}, column {column}: {error}",
    ),
    "imp.unreadable_line": (
        "Dit bestand kan niet worden ingelezen: regel {line}: {error}",
        "This file cannot be read: line {line}: {error}",
    ),
    "imp.reading": ("{file} wordt gecontroleerd…", "Checking {file}…"),
    "imp.reading_rows": ("{rows} rijen gelezen en gecontroleerd…", "{rows} rows read and checked…"),
    "imp.preview_heading": ("Voorbeeld: {file}", "Preview: {file}"),
    "imp.preview_intro": (
        "Zo zou het bestand worden opgeslagen; er is nog niets veranderd.",
        "This is what saving the file would do; nothing has changed yet.",
    ),
    "imp.no_rows": (
        "Het bestand heeft een kopregel maar geen rijen.",
        "The file has a header row but no rows.",
    ),
    "imp.no_rows_problems": (
        "Dit bestand kan niet worden ingelezen: controleer de kopregel (zie hieronder).",
        "This file cannot be read: check the header row (see below).",
    ),
    "imp.rows_read": ("Rijen gelezen", "Rows read"),
    "imp.rows_valid": ("Geldig", "Valid"),
    "imp.rows_invalid": ("Ongeldig", "Invalid"),
    "imp.col_entity": ("Gegevens", "Records"),
    "imp.col_new": ("Nieuw", "New"),
    "imp.col_updated": ("Bijgewerkt", "Updated"),
    "imp.col_unchanged": ("Ongewijzigd", "Unchanged"),
    "imp.has_errors.one": (
        "{count} rij met fouten. Verbeter het bestand en lees het opnieuw in, of sla alleen de geldige rijen op.",
        "{count} row with errors. Correct the file and read it again, or save only the valid rows.",
    ),
    "imp.has_errors.other": (
        "{count} rijen met fouten. Verbeter het bestand en lees het opnieuw in, of sla alleen de geldige rijen op.",
        "{count} rows with errors. Correct the file and read it again, or save only the valid rows.",
    ),
    "imp.errors_heading": ("Fouten", "Errors"),
    "imp.warnings_heading": (
        "Waarschuwingen (worden wel opgeslagen)",
        "Warnings (saved nevertheless)",
    ),
    "imp.col_line": ("Regel", "Line"),
    "imp.col_column": ("Kolom", "Column"),
    "imp.col_message": ("Melding", "Message"),
    "imp.incomplete_heading": ("Aan te vullen ({count})", "To complete ({count})"),
    "imp.incomplete_intro": (
        "Deze use cases staan in een fase waarvan de poort in de app nog niet gehaald is; vul ze "
        "aan op de use-casepagina.",
        "These use cases are in a stage whose gate is not yet met in the app; complete them on "
        "the use case page.",
    ),
    "imp.col_ref": ("Kenmerk", "Reference"),
    "imp.col_title": ("Use case", "Use case"),
    "imp.col_missing": ("Wat ontbreekt", "What is missing"),
    "imp.rows_heading": ("Per regel", "Row by row"),
    "imp.rows_intro": (
        "Welke organisatie en persoon elke regel herkent en waarop (KvK-nummer, naam, e-mail), "
        "of dat ze nieuw worden aangemaakt, en wat er met de regel gebeurt.",
        "Which organisation and person each row recognises and on what (KvK number, name, "
        "e-mail), or that they will be created, and what becomes of the row.",
    ),
    "imp.rows_more": (
        "De eerste {shown} van {total} regels; de tellingen hierboven gaan over alle regels.",
        "The first {shown} of {total} rows; the counts above cover every row.",
    ),
    "imp.col_activity": ("Activiteit", "Activity"),
    "imp.col_organisation": ("Organisatie", "Organisation"),
    "imp.col_organisation_on": ("Organisatie gevonden op", "Organisation found on"),
    "imp.col_person": ("Persoon", "Person"),
    "imp.col_person_on": ("Persoon gevonden op", "Person found on"),
    "imp.col_outcome": ("Uitkomst", "Outcome"),
    "imp.on.kvk": ("KvK-nummer", "KvK number"),
    "imp.on.name": ("naam", "name"),
    "imp.on.email": ("e-mail", "e-mail"),
    "imp.on.new": ("nieuw", "new"),
    "imp.on_updated": ("{on}, aangevuld", "{on}, filled in"),
    "imp.outcome.new": ("nieuwe deelname", "new participation"),
    "imp.outcome.known": ("stond al op de lijst", "already on the list"),
    "imp.outcome.updated": (
        "stond al op de lijst; organisatie erbij gezet",
        "already on the list; organisation added",
    ),
    "imp.outcome.duplicate": (
        "dubbel in het bestand (regel {line})",
        "twice in the file (line {line})",
    ),
    "imp.outcome.refused": ("geweigerd: {reason}", "refused: {reason}"),
    "imp.skip_invalid": (
        "Ongeldige rijen overslaan ({count}) en de rest opslaan",
        "Skip the invalid rows ({count}) and save the rest",
    ),
    "imp.skip_invalid_help": (
        "Zonder dit vinkje wordt niets opgeslagen zolang er een ongeldige rij is.",
        "Without this tick nothing is saved while there is an invalid row.",
    ),
    "imp.commit": ("Opslaan", "Save"),
    "imp.progress_start": ("Bezig met opslaan…", "Saving…"),
    "imp.progress": ("Rij {done} van {total}", "Row {done} of {total}"),
    "imp.refused": (
        "Niets opgeslagen: het bestand bevat ongeldige rijen. Verbeter ze, of vink aan dat de "
        "ongeldige rijen worden overgeslagen.",
        "Nothing saved: the file has invalid rows. Correct them, or tick that the invalid rows "
        "are skipped.",
    ),
    "imp.committed": (
        "{file} is opgeslagen: {valid} rijen verwerkt.",
        "{file} was saved: {valid} rows processed.",
    ),
    "imp.committed_skipped.one": (
        "{count} ongeldige rij overgeslagen.",
        "{count} invalid row skipped.",
    ),
    "imp.committed_skipped.other": (
        "{count} ongeldige rijen overgeslagen.",
        "{count} invalid rows skipped.",
    ),
    "imp.another": ("Nog een bestand inlezen", "Read another file"),
    # --- organisations ------------------------------------------------------------------------
    "org.page_title": ("Organisaties", "Organisations"),
    "org.page_intro": (
        "Bedrijven, scholen, kennisinstellingen en overheden in het netwerk: zoek op naam of "
        "KvK-nummer, deel ze in en bekijk hun deelnames per jaar.",
        "Companies, schools, knowledge institutions and governments in the network: search by "
        "name or KvK number, classify them and see their participations by year.",
    ),
    "org.search_placeholder": ("Naam of KvK-nummer", "Name or KvK number"),
    "org.all_kinds": ("Alle soorten", "All kinds"),
    "org.kind_unknown_filter": ("Onbekend (nog in te delen)", "Unknown (to classify)"),
    "org.unknown_hint.one": (
        "{count} organisatie is nog niet ingedeeld; kies soort 'Onbekend' om die in te delen. Pas dan telt die mee als bedrijf of onderwijsinstelling.",
        "{count} organisation is not classified yet; choose kind 'Unknown' to classify it. Only then does it count as a company or education institution.",
    ),
    "org.unknown_hint.other": (
        "{count} organisaties zijn nog niet ingedeeld; kies soort 'Onbekend' om ze in te delen. Pas dan tellen ze mee als bedrijf of onderwijsinstelling.",
        "{count} organisations are not classified yet; choose kind 'Unknown' to classify them. Only then do they count as a company or education institution.",
    ),
    "org.empty": (
        "Nog geen organisaties. Voeg er onderaan een toe, of lees een presentielijst in bij "
        "Activiteiten.",
        "No organisations yet. Add one below, or read an attendance list at Activities.",
    ),
    "org.none_found": ("Geen organisaties gevonden.", "No organisations found."),
    "org.col_partner": ("Techport-partner", "Techport partner"),
    "org.col_participations": ("Deelnames", "Participations"),
    "org.count": ("{shown} van {total} organisaties", "{shown} of {total} organisations"),
    "org.pick": ("Organisatie bekijken", "View organisation"),
    "org.pick_placeholder": ("Kies een organisatie uit de lijst…", "Choose an organisation…"),
    "org.partner_badge": ("Techport-partner", "Techport partner"),
    "org.merged_from": ("Samengevoegd met: {names}", "Merged with: {names}"),
    "org.edit_heading": ("Gegevens", "Details"),
    "org.field_level": ("Onderwijsniveau", "Education level"),
    "org.level_help": ("Alleen voor scholen.", "For schools only."),
    "org.field_brin": ("BRIN-code", "BRIN code"),
    "org.brin_help": (
        "De code van een school bij DUO, bijv. 25LR.",
        "A school's DUO code, e.g. 25LR.",
    ),
    "org.field_region": ("Regio", "Region"),
    "org.field_partner": ("Techport-partner", "Techport partner"),
    "org.region.IJmond": ("IJmond", "IJmond"),
    "org.region.MRA": ("MRA", "MRA"),
    "org.region.other": ("Elders", "Elsewhere"),
    "org.region_help": (
        "IJmond, of elders in de Metropoolregio Amsterdam (MRA).",
        "IJmond, or elsewhere in the Amsterdam metropolitan region (MRA).",
    ),
    "org.saved": ("Gegevens van {name} opgeslagen.", "Details of {name} saved."),
    "org.people_heading": ("Personen ({count})", "Persons ({count})"),
    "org.no_people": ("Geen personen bekend bij deze organisatie.", "No persons known here."),
    "org.participations_heading": ("Deelnames per jaar", "Participations by year"),
    "org.participations_intro": (
        "Activiteiten, intakes, use cases als asset owner en betrokkenheid bij projecten. Een "
        "deelname telt mee in elk jaar waarin die liep, en staat dus bij elk van die jaren: een "
        "betrokkenheid die in 2024 begon en nog loopt, staat ook bij dit jaar.",
        "Activities, intakes, use cases as asset owner and involvement in projects. A "
        "participation counts in every year it ran, so it is listed under each of those years: "
        "an involvement that began in 2024 and still runs is listed under this year too.",
    ),
    "org.no_participations": ("Nog geen deelnames.", "No participations yet."),
    "org.more_participations": (
        "De laatste {shown}; het aantal hierboven telt ze allemaal.",
        "The latest {shown}; the count above includes them all.",
    ),
    "org.col_count": ("Deelnames", "Participations"),
    "org.year_heading.one": (
        "{year} — {count} deelname",
        "{year} — {count} participation",
    ),
    "org.year_heading.other": (
        "{year} — {count} deelnames",
        "{year} — {count} participations",
    ),
    "org.col_via": ("Soort deelname", "Kind of participation"),
    "org.col_title": ("Waarbij", "What"),
    "org.col_person": ("Persoon", "Person"),
    "org.col_start": ("Van", "From"),
    "org.col_end": ("Tot en met", "Until"),
    "org.open": ("loopt nog", "ongoing"),
    "org.add_heading": ("Organisatie toevoegen", "Add an organisation"),
    "org.add_intro": (
        "Een organisatie met hetzelfde KvK-nummer, of dezelfde naam (B.V. en hoofdletters tellen "
        "niet), wordt herkend en niet dubbel aangemaakt.",
        "An organisation with the same KvK number, or the same name (B.V. and capitals do not "
        "matter), is recognised and not created twice.",
    ),
    "org.add": ("Toevoegen", "Add"),
    "org.added": ("{name} is toegevoegd.", "{name} was added."),
    "org.exists": (
        "{name} bestond al; er is geen nieuwe organisatie aangemaakt (ontbrekende gegevens zijn "
        "aangevuld).",
        "{name} already existed; no new organisation was created (missing details were added).",
    ),
    # --- persons ---------------------------------------------------------------------------------
    "per.page_title": ("Personen", "Persons"),
    "per.page_intro": (
        "De mensen die meededen aan activiteiten, intakes en projecten; iedereen telt één keer "
        "per jaar.",
        "The people who took part in activities, intakes and projects; everyone counts once a year.",
    ),
    "per.search_placeholder": ("Naam, e-mail of organisatie", "Name, e-mail or organisation"),
    "per.empty": (
        "Nog geen personen. Ze komen binnen via presentielijsten, intakes en use cases.",
        "No persons yet. They come in through attendance lists, intakes and use cases.",
    ),
    "per.none_found": ("Geen personen gevonden.", "No persons found."),
    "per.col_organisation": ("Organisatie", "Organisation"),
    "per.col_participations": ("Deelnames", "Participations"),
    "per.count": ("{shown} van {total} personen", "{shown} of {total} persons"),
    "per.pick": ("Persoon bekijken", "View person"),
    "per.pick_placeholder": ("Kies een persoon uit de lijst…", "Choose a person…"),
    "per.erased": ("gewist", "erased"),
    "per.no_name": ("(naam onbekend)", "(name unknown)"),
    "per.erased_note": (
        "De gegevens van deze persoon zijn op {date} gewist (AVG). De persoon telt nog mee in de "
        "jaren waarin die deelnam, maar naam en e-mailadres zijn niet meer bekend.",
        "This person's data was erased on {date} (GDPR). The person still counts in the years "
        "they took part, but name and e-mail address are no longer known.",
    ),
    "per.participations_heading": ("Deelnames per jaar", "Participations by year"),
    "per.no_participations": ("Nog geen deelnames.", "No participations yet."),
    "per.erase_heading": ("Gegevens wissen (AVG)", "Erase data (GDPR)"),
    "per.erase_intro": (
        "Op verzoek van de persoon: naam en e-mailadres worden gewist. De deelnames blijven "
        "meetellen, zonder dat te zien is wie het was. Dit kan niet ongedaan worden gemaakt.",
        "At the person's request: name and e-mail address are erased. The participations still "
        "count, without showing who it was. This cannot be undone.",
    ),
    "per.erase": ("Gegevens wissen (AVG)", "Erase data (GDPR)"),
    "per.erase_confirm": (
        "Weet u zeker dat u de gegevens van {name} wilt wissen? Dit kan niet ongedaan worden "
        "gemaakt.",
        "Are you sure you want to erase the data of {name}? This cannot be undone.",
    ),
    "per.erase_yes": ("Ja, wissen", "Yes, erase"),
    "per.erased_done": (
        "Gegevens gewist. De persoon telt nog mee in de jaren waarin die deelnam.",
        "Data erased. The person still counts in the years they took part.",
    ),
    # --- duplicates -------------------------------------------------------------------------------
    "dup.page_title": ("Dubbelen samenvoegen", "Merge duplicates"),
    "dup.page_intro": (
        "Organisaties met bijna dezelfde naam worden nooit vanzelf samengevoegd: u beslist. Een "
        "samenvoeging behoudt alle deelnames en kan ongedaan worden gemaakt.",
        "Organisations with nearly the same name are never merged automatically: you decide. A "
        "merge keeps every participation and can be undone.",
    ),
    "dup.proposals_intro_organisation.one": (
        "{count} paar met een vergelijkbare naam. Wat verschilt is gemarkeerd. Kies welke blijft bestaan (standaard de organisatie met een KvK-nummer).",
        "{count} pair with a similar name. What differs is marked. Choose which one stays (by default the one with a KvK number).",
    ),
    "dup.proposals_intro_organisation.other": (
        "{count} paren met een vergelijkbare naam, het sterkste bewijs eerst. Wat verschilt is gemarkeerd. Kies welke blijft bestaan (standaard de organisatie met een KvK-nummer).",
        "{count} pairs with a similar name, strongest evidence first. What differs is marked. Choose which one stays (by default the one with a KvK number).",
    ),
    "dup.proposals_intro_person.one": (
        "{count} paar: dezelfde naam bij dezelfde organisatie met een ander e-mailadres, of dezelfde e-mailnaam bij twee domeinen van één organisatie.",
        "{count} pair: the same name at the same organisation with another e-mail address, or the same e-mail local part at two domains of one organisation.",
    ),
    "dup.proposals_intro_person.other": (
        "{count} paren: dezelfde naam bij dezelfde organisatie met een ander e-mailadres, of dezelfde e-mailnaam bij twee domeinen van één organisatie.",
        "{count} pairs: the same name at the same organisation with another e-mail address, or the same e-mail local part at two domains of one organisation.",
    ),
    "dup.no_proposals_organisation": (
        "Geen mogelijke dubbele organisaties gevonden.",
        "No possible duplicate organisations found.",
    ),
    "dup.no_proposals_person": (
        "Geen mogelijke dubbele personen gevonden.",
        "No possible duplicate persons found.",
    ),
    "dup.tab_organisations": ("Organisaties", "Organisations"),
    "dup.tab_persons": ("Personen", "Persons"),
    "dup.domains": ("E-maildomeinen", "E-mail domains"),
    "dup.score": ("Score {score} · {reason}", "Score {score} · {reason}"),
    "dup.shared_domains": ("Zelfde e-maildomein", "Same e-mail domain"),
    "dup.shared_activities": ("Samen bij", "Both at"),
    "dup.shared_use_cases": ("Samen in use cases", "Both in use cases"),
    "dup.nothing_shared": (
        "Geen gedeelde activiteiten of use cases.",
        "No shared activities or use cases.",
    ),
    "dup.and_more": ("en nog {count}", "and {count} more"),
    "dup.after_merge": ("Na samenvoegen", "After the merge"),
    "dup.no_count_change": (
        "Na samenvoegen: de unieke aantallen blijven gelijk (ze deden niet in hetzelfde jaar mee).",
        "After the merge: the unique counts stay the same (they did not take part in the same year).",
    ),
    "dup.keep": ("Blijft bestaan", "Stays"),
    "dup.merge": ("Samenvoegen", "Merge"),
    "dup.apart": ("Niet dezelfde", "Not the same"),
    "dup.merged": (
        "{source} is samengevoegd met {target}.",
        "{source} was merged into {target}.",
    ),
    "dup.kept_apart": (
        "{a} en {b} blijven apart en worden niet meer voorgesteld.",
        "{a} and {b} stay apart and are no longer proposed.",
    ),
    "dup.more.one": (
        "Nog {count} voorstel; handel eerst deze af.",
        "{count} more proposal; deal with these first.",
    ),
    "dup.more.other": (
        "Nog {count} voorstellen; handel eerst deze af.",
        "{count} more proposals; deal with these first.",
    ),
    "dup.manual_heading": ("Zelf samenvoegen", "Merge by hand"),
    "dup.manual_intro": (
        "Twee organisaties die dezelfde zijn maar niet als voorstel verschijnen.",
        "Two organisations that are the same but are not proposed.",
    ),
    "dup.manual_too_few": (
        "Er zijn nog geen twee organisaties om samen te voegen.",
        "There are not yet two organisations to merge.",
    ),
    "dup.manual_source": ("Deze organisatie…", "This organisation…"),
    "dup.manual_target": ("…gaat op in (blijft bestaan)", "…is merged into (stays)"),
    "dup.pick_placeholder": ("Kies een organisatie…", "Choose an organisation…"),
    "dup.history_heading": ("Eerdere samenvoegingen", "Earlier merges"),
    "dup.history_intro": (
        "Ongedaan maken laat de organisatie weer op zichzelf meetellen.",
        "Undoing makes the organisation count on its own again.",
    ),
    "dup.no_history": ("Nog niets samengevoegd.", "Nothing merged yet."),
    "dup.history_line": (
        "**{source}** → **{target}** (door {user})",
        "**{source}** → **{target}** (by {user})",
    ),
    "dup.history_person": (
        "Persoon **{source}** → **{target}** (door {user})",
        "Person **{source}** → **{target}** (by {user})",
    ),
    "dup.undone_on": ("ongedaan gemaakt op {date}", "undone on {date}"),
    "dup.undo": ("Ongedaan maken", "Undo"),
    "dup.undone": (
        "Samenvoeging ongedaan gemaakt: {source} telt weer apart.",
        "Merge undone: {source} counts on its own again.",
    ),
    "imp.nothing_new": (
        "Alles in dit bestand is al bekend: opslaan verandert niets.",
        "Everything in this file is already known: saving would change nothing.",
    ),
}

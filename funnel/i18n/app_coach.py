"""Green Incubator coach texts of the catalogue (intake form, my intakes): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # intake form (pages/intake.py, ui/intake_form.py)
    "intake.page_title": ("Intake vastleggen", "Log an intake"),
    "intake.page_intro": (
        "Leg het One Stop Shop-gesprek van de Green Incubator vast: met welk bedrijf, over welke "
        "use case, wat het bedrijf nodig heeft en wat de vervolgstap is.",
        "Record the Green Incubator's One Stop Shop conversation: with which company, about which "
        "use case, what the company needs and what the next step is.",
    ),
    "intake.section_company": ("Bedrijf en contactpersoon", "Company and contact person"),
    "intake.company_mode": ("Bedrijf", "Company"),
    "intake.company_existing": ("Bekend bedrijf", "Known company"),
    "intake.company_new": ("Nieuw bedrijf", "New company"),
    "intake.company": ("Bedrijf", "Company"),
    "intake.company_placeholder": ("Typ om te zoeken…", "Type to search…"),
    "intake.company_name": ("Naam van het bedrijf", "Company name"),
    "intake.kvk_help": (
        "8 cijfers; spaties en punten mogen. Met een KvK-nummer herkennen we het bedrijf ook als "
        "de naam iets anders geschreven is.",
        "8 digits; spaces and dots are fine. With a KvK number we recognise the company even when "
        "its name is written differently.",
    ),
    "intake.company_new_hint": (
        "Bestaat het bedrijf al (zelfde naam of KvK-nummer), dan wordt dat bedrijf gebruikt.",
        "If the company already exists (same name or KvK number), that company is used.",
    ),
    "intake.contact_name": ("Contactpersoon", "Contact person"),
    "intake.contact_email": ("E-mail contactpersoon", "Contact person's e-mail"),
    "intake.section_use_case": ("Use case", "Use case"),
    "intake.use_case_mode": ("Use case", "Use case"),
    "intake.use_case_existing": ("Bestaande use case", "Existing use case"),
    "intake.use_case_new": ("Nieuwe use case", "New use case"),
    "intake.use_case": ("Hoort bij use case", "Belongs to use case"),
    "intake.use_case_placeholder": ("Kies een use case…", "Choose a use case…"),
    "intake.use_case_title": ("Titel van de nieuwe use case", "Title of the new use case"),
    "intake.use_case_hint": (
        "Een use case die nog op Gesignaleerd staat, gaat door deze intake naar Intake Green "
        "Incubator. Een nieuwe use case krijgt het bedrijf als bron. Laat leeg als het gesprek "
        "(nog) geen use case oplevert.",
        "A use case still at Detected moves to Green Incubator intake with this intake. A new "
        "use case gets the company as its source. Leave empty when the conversation does not "
        "(yet) lead to a use case.",
    ),
    "intake.no_theme": ("— geen thema —", "— no theme —"),
    "intake.section_talk": ("Het gesprek", "The conversation"),
    "intake.date": ("Datum intake", "Intake date"),
    "intake.needs": ("Waar heeft het bedrijf behoefte aan?", "What does the company need?"),
    "intake.outcome": ("Uitkomst", "Outcome"),
    "intake.notes": ("Aantekeningen", "Notes"),
    "intake.next_step": ("Vervolgstap", "Next step"),
    "intake.next_step_placeholder": (
        "Bijvoorbeeld: koppelen aan Fieldlab Smart Energy, afspraak met Hogeschool Inholland",
        "For example: link to Fieldlab Smart Energy, meeting with Hogeschool Inholland",
    ),
    "intake.save": ("Intake opslaan", "Save intake"),
    "intake.saved": (
        "Intake met {company} van {date} opgeslagen.",
        "Intake with {company} of {date} saved.",
    ),
    "intake.moved": (
        "De use case '{title}' is van {from_stage} naar {to_stage} gegaan.",
        "The use case '{title}' moved from {from_stage} to {to_stage}.",
    ),
    "intake.not_moved": (
        "De use case '{title}' blijft {stage}: u coacht hem niet. De programmaleider kan u als "
        "coach toewijzen.",
        "The use case '{title}' stays {stage}: you do not coach it. The programme leader can "
        "assign you as its coach.",
    ),
    "intake.error_field": ("{field}: {message}", "{field}: {message}"),
    # my intakes (pages/my_intakes.py)
    "myint.page_title": ("Mijn intakes", "My intakes"),
    "myint.page_title_all": ("Alle intakes", "All intakes"),
    "myint.page_intro": (
        "De intakes die u voerde; kies er een om hem aan te passen.",
        "The intakes you held; choose one to change it.",
    ),
    "myint.page_intro_all": (
        "Alle intakes van de Green Incubator; kies er een om hem aan te passen.",
        "All Green Incubator intakes; choose one to change it.",
    ),
    "myint.empty": (
        "U heeft nog geen intakes vastgelegd. Gebruik 'Intake vastleggen' voor het eerste gesprek.",
        "You have not logged any intakes yet. Use 'Log intake' for the first conversation.",
    ),
    "myint.none_match": (
        "Geen intakes die bij deze filters passen.",
        "No intakes match these filters.",
    ),
    "myint.filter_year": ("Jaar", "Year"),
    "myint.filter_outcome": ("Uitkomst", "Outcome"),
    "myint.filter_search": ("Zoek bedrijf", "Search company"),
    "myint.filter_search_placeholder": ("Naam van het bedrijf", "Company name"),
    "myint.count": ("{count} intakes", "{count} intakes"),
    "myint.count_one": ("1 intake", "1 intake"),
    "myint.col_date": ("Datum", "Date"),
    "myint.col_company": ("Bedrijf", "Company"),
    "myint.col_contact": ("Contactpersoon", "Contact person"),
    "myint.col_use_case": ("Use case", "Use case"),
    "myint.col_needs": ("Behoeften", "Needs"),
    "myint.col_outcome": ("Uitkomst", "Outcome"),
    "myint.col_next_step": ("Vervolgstap", "Next step"),
    "myint.col_coach": ("Coach", "Coach"),
    "myint.edit_heading": ("Intake aanpassen", "Change an intake"),
    "myint.pick": ("Kies een intake", "Choose an intake"),
    "myint.pick_placeholder": ("Kies een intake om aan te passen…", "Choose an intake to change…"),
}

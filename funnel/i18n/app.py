"""App shell texts of the catalogue (sign-in, navigation, shared words): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "app.sign_in_first": ("Log eerst in.", "Please sign in first."),
    "app.waiting": (
        "Even geduld: een import werkt de database bij; uw wijziging volgt direct daarna.",
        "One moment: an import is updating the database; your change follows right after.",
    ),
    # Streamlit's own texts, shown through ui/chrome.py's style sheet
    "app.upload_button": ("Bestand kiezen", "Choose file"),
    "app.upload_limit": (
        "CSV of Excel (XLSX), tot {size} MB per bestand",
        "CSV or Excel (XLSX), up to {size} MB per file",
    ),
    "app.no_results": ("Geen resultaten", "No results"),
    # an empty date field's year part, in the language's letters (Streamlit shows "yyyy")
    "app.year_placeholder": ("jjjj", "yyyy"),
    "signin.title": ("Techport innovatiefunnel", "Techport innovation funnel"),
    "signin.subtitle": (
        "Van gesignaleerd vraagstuk tot gerealiseerd innovatieproject — actielijn Innoveren in "
        "Smart Energy.",
        "From detected question to realised innovation project — action line Innovating in Smart "
        "Energy.",
    ),
    "signin.username": ("Gebruikersnaam", "Username"),
    "signin.password": ("Wachtwoord", "Password"),
    "signin.password_repeat": ("Herhaal wachtwoord", "Repeat password"),
    "signin.display_name": ("Volledige naam", "Full name"),
    "signin.role": ("Rol", "Role"),
    "signin.submit": ("Inloggen", "Sign in"),
    "signin.sign_out": ("Uitloggen", "Sign out"),
    "signin.setup_title": (
        "Eerste gebruik: maak de programmaleider aan",
        "First use: create the programme leader",
    ),
    "signin.setup_intro": (
        "Deze database heeft nog geen accounts. Maak het account van de programmaleider Innovatie "
        "aan; daarna kan die de andere accounts toevoegen.",
        "This database has no accounts yet. Create the account of the programme leader Innovation; "
        "they can then add the other accounts.",
    ),
    "signin.create_first": ("Account aanmaken", "Create account"),
    "signin.passwords_differ": (
        "De twee wachtwoorden zijn niet gelijk.",
        "The two passwords differ.",
    ),
    "signin.demo_accounts": (
        "**Demodatabase** — dit zijn de demo-accounts (alleen zichtbaar zolang dit een demodatabase is):",
        "**Demo database** — these are the demo accounts (shown only while this is a demo database):",
    ),
    "nav.section_funnel": ("Funnel", "Funnel"),
    "nav.section_network": ("Netwerk", "Network"),
    "nav.section_manage": ("Beheer", "Administration"),
    "nav.section_incubator": ("Green Incubator", "Green Incubator"),
    "nav.board": ("Funnelbord", "Funnel board"),
    "nav.use_case": ("Use cases", "Use cases"),
    "nav.my_use_cases": ("Mijn use cases", "My use cases"),
    "nav.snapshot": ("Stand van zaken", "Snapshot"),
    "nav.organisations": ("Organisaties", "Organisations"),
    "nav.persons": ("Personen", "Persons"),
    "nav.duplicates": ("Dubbelen samenvoegen", "Merge duplicates"),
    "nav.activities": ("Activiteiten", "Activities"),
    "nav.import_use_cases": ("Use cases importeren", "Import use cases"),
    "nav.targets": ("Doelstellingen", "Targets"),
    "nav.users": ("Gebruikers", "Users"),
    "nav.intake": ("Intake vastleggen", "Log intake"),
    "nav.my_intakes": ("Mijn intakes", "My intakes"),
    # shared words
    "common.save": ("Opslaan", "Save"),
    "form.changed_meanwhile": (
        "Iemand anders heeft dit intussen gewijzigd. Laad de nieuwste versie, of sla op: "
        "wat de ander wijzigde wordt dan eerst getoond.",
        "Someone else changed this in the meantime. Load the latest version, or save: what "
        "they changed is shown first.",
    ),
    "form.reload": ("Nieuwste versie laden", "Load the latest version"),
    "common.cancel": ("Annuleren", "Cancel"),
    "common.search": ("Zoeken", "Search"),
    "common.more_found": (
        "En nog {count} die hier niet staan: zoek om ze te vinden.",
        "And {count} more not listed here: search to find them.",
    ),
    "common.all": ("Alle", "All"),
    "common.year": ("Jaar", "Year"),
    "common.date": ("Datum", "Date"),
    "common.name": ("Naam", "Name"),
    "common.email": ("E-mail", "E-mail"),
    "common.kvk": ("KvK-nummer", "KvK number"),
    "common.kind": ("Soort", "Kind"),
    "common.theme": ("Thema", "Theme"),
    "common.fieldlab": ("Fieldlab", "Fieldlab"),
    "common.owner": ("Eigenaar", "Owner"),
    "common.stage": ("Fase", "Stage"),
}

"""Administration texts of the catalogue (targets, user accounts): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # targets (pages/targets.py)
    "targets.page_title": ("Doelstellingen", "Targets"),
    "targets.page_intro": (
        "De jaarlijkse doelen van de actielijn Innoveren in Smart Energy. De stuurgroep stelt ze "
        "elk jaar vast; zolang er voor een jaar niets is vastgesteld, gelden de standaarddoelen: "
        "10 use cases, 10 innovatieprojecten, 200 bedrijven en 300 personen; 3 Fieldlabs met "
        "minstens 50 bedrijven en 5 onderwijs- en kennisinstellingen; en alle vier "
        "kernpartners uit het onderwijs in elk project (100 %).",
        "The yearly goals of the action line Innovating in Smart Energy. The steering committee "
        "sets them every year; as long as nothing is set for a year, the default targets apply: "
        "10 use cases, 10 innovation projects, 200 companies and 300 persons; 3 Fieldlabs with "
        "at least 50 companies and 5 education and knowledge institutions; and all four core "
        "education partners in every project (100%).",
    ),
    "targets.editor_hint": (
        "Klik op een getal om het te wijzigen en druk daarna op Opslaan.",
        "Click a number to change it, then press Save.",
    ),
    "targets.save": ("Opslaan", "Save"),
    "targets.undo": ("Wijzigingen ongedaan maken", "Discard changes"),
    "targets.saved": (
        "{count} doelstelling(en) opgeslagen.",
        "{count} target(s) saved.",
    ),
    "targets.refused": ("{where}: {message}", "{where}: {message}"),
    "targets.partly_saved": (
        "{count} wijziging(en) opgeslagen; de geweigerde staan hieronder.",
        "{count} change(s) saved; the refused ones are listed below.",
    ),
    # user accounts (pages/users.py)
    "users.page_title": ("Gebruikers", "Users"),
    "users.page_intro": (
        "Accounts van programmaleider, coaches van de Green Incubator en leden van de stuurgroep.",
        "Accounts of the programme leader, the Green Incubator coaches and the steering committee "
        "members.",
    ),
    "users.col_username": ("Gebruikersnaam", "Username"),
    "users.col_name": ("Naam", "Name"),
    "users.col_role": ("Rol", "Role"),
    "users.col_status": ("Status", "Status"),
    "users.col_created": ("Aangemaakt", "Created"),
    "users.active": ("actief", "active"),
    "users.add_heading": ("Account toevoegen", "Add an account"),
    "users.username_help": (
        "Letters, cijfers en . _ - @; minstens 2 tekens.",
        "Letters, digits and . _ - @; at least 2 characters.",
    ),
    "users.password_help": (
        "Minstens 10 tekens; geen bekend wachtwoord (zoals 'welkom123') en niet de gebruikersnaam. "
        "Een zin van een paar woorden werkt goed.",
        "At least 10 characters; no well-known password (such as 'welcome123') and not the "
        "username. A phrase of a few words works well.",
    ),
    "users.add_submit": ("Account toevoegen", "Add account"),
    "users.added": (
        "Account {username} ({role}) toegevoegd.",
        "Account {username} ({role}) added.",
    ),
    "users.manage_heading": ("Account beheren", "Manage an account"),
    "users.pick": ("Account", "Account"),
    "users.status_active": (
        "Dit account is actief en kan inloggen.",
        "This account is active and can sign in.",
    ),
    "users.status_disabled": (
        "Dit account is uitgeschakeld en kan niet inloggen.",
        "This account is disabled and cannot sign in.",
    ),
    "users.disable": ("Uitschakelen", "Disable"),
    "users.enable": ("Weer inschakelen", "Enable again"),
    "users.disabled_done": ("Account {username} is uitgeschakeld.", "Account {username} disabled."),
    "users.enabled_done": (
        "Account {username} is weer ingeschakeld.",
        "Account {username} enabled again.",
    ),
    "users.access_heading": ("Toegang", "Access"),
    "users.reset_heading": ("Wachtwoord opnieuw instellen", "Reset the password"),
    "users.new_password": ("Nieuw wachtwoord", "New password"),
    "users.new_password_repeat": ("Herhaal nieuw wachtwoord", "Repeat new password"),
    "users.reset_submit": ("Wachtwoord instellen", "Set password"),
    "users.reset_done": (
        "Het wachtwoord van {username} is gewijzigd.",
        "The password of {username} has been changed.",
    ),
}

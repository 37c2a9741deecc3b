"""Accounts, sessions, backups and limits texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # passwords and sign-in
    "err.password_common": (
        "dit wachtwoord is te bekend (het staat op elke lijst die wordt uitgeprobeerd); kies een "
        "langere zin of een combinatie van woorden",
        "this password is too well known (it is on every list that gets tried); choose a longer "
        "phrase or a combination of words",
    ),
    "err.password_is_username": (
        "het wachtwoord mag niet de gebruikersnaam zijn",
        "the password may not be the username",
    ),
    "err.account_locked": (
        "te veel verkeerde wachtwoorden: dit account is tijdelijk geblokkeerd; probeer het over "
        "{minutes} minuten opnieuw",
        "too many wrong passwords: this account is locked for now; try again in {minutes} minutes",
    ),
    "err.demo_real_database": (
        "dit is geen demodatabase (er staan eigen accounts of gegevens in); de demodata en "
        "demo-accounts worden er niet aan toegevoegd",
        "this is not a demo database (it holds accounts or data of its own); the demo data and "
        "demo accounts are not added to it",
    ),
    "err.demo_no_real_leader": (
        "maak eerst een eigen account met de rol programmaleider aan (met een eigen wachtwoord); "
        "daarna worden de demo-accounts verwijderd",
        "first create an account of your own with the programme leader role (with its own "
        "password); then the demo accounts are removed",
    ),
    "err.not_a_demo": ("dit is geen demodatabase", "this is not a demo database"),
    "app.demo_banner": (
        "**Demodatabase** — voorbeeldgegevens met openbare demo-wachtwoorden. Niet gebruiken voor "
        "echte gegevens.",
        "**Demo database** — sample data with public demo passwords. Do not use for real data.",
    ),
    "cli.demo_ended": (
        "De database is geen demodatabase meer; verwijderde demo-accounts: {names}.",
        "The database is no longer a demo database; demo accounts removed: {names}.",
    ),
    # the users page: sessions, failed sign-ins, ending the demo
    "users.sessions_heading": ("Sessies", "Sessions"),
    "users.idle_minutes": ("Uitloggen na minuten zonder gebruik", "Sign out after idle minutes"),
    "users.idle_help": (
        "Wie zo lang niets doet in de app, moet opnieuw inloggen. Uitloggen, een uitgeschakeld "
        "account en een nieuw wachtwoord beëindigen een sessie direct.",
        "Whoever does nothing in the app for this long signs in again. Signing out, a disabled "
        "account and a new password end a session at once.",
    ),
    "users.idle_saved": (
        "Sessies eindigen nu na {minutes} minuten zonder gebruik.",
        "Sessions now end after {minutes} idle minutes.",
    ),
    "users.failures_heading": ("Mislukte inlogpogingen", "Failed sign-ins"),
    "users.no_failures": ("Geen mislukte inlogpogingen.", "No failed sign-ins."),
    "users.col_reason": ("Reden", "Reason"),
    "users.col_at": ("Tijdstip", "When"),
    "users.reason.password": ("verkeerd wachtwoord", "wrong password"),
    "users.reason.unknown_user": ("onbekende gebruikersnaam", "unknown username"),
    "users.reason.disabled": ("account uitgeschakeld", "account disabled"),
    "users.reason.locked": ("account tijdelijk geblokkeerd", "account locked for now"),
    "users.demo_heading": ("Van demo naar echt gebruik", "From demo to real use"),
    "users.demo_intro": (
        "Dit is een demodatabase: de demo-accounts hebben openbare wachtwoorden. Maak eerst "
        "hierboven een eigen account met de rol programmaleider aan en log daarmee in; verwijder "
        "dan de demo-accounts. De gegevens blijven staan, de demomelding verdwijnt.",
        "This is a demo database: the demo accounts have public passwords. First create an "
        "account of your own with the programme leader role above and sign in with it; then "
        "remove the demo accounts. The data stays, the demo notice goes.",
    ),
    "users.demo_confirm": (
        "Ja, verwijder de demo-accounts (dit kan niet ongedaan worden gemaakt)",
        "Yes, remove the demo accounts (this cannot be undone)",
    ),
    "users.demo_end": ("Demo-accounts verwijderen", "Remove the demo accounts"),
    "users.demo_ended": (
        "De database is geen demodatabase meer; verwijderd: {names}.",
        "The database is no longer a demo database; removed: {names}.",
    ),
}

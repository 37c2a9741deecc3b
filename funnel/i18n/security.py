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
    # backup, restore, doctor
    "err.backup_same_file": (
        "'{path}' is de database zelf; kies een ander bestand of een map voor de back-up",
        "'{path}' is the database itself; choose another file or a folder for the backup",
    ),
    "err.restore_missing": (
        "het bestand '{path}' bestaat niet",
        "the file '{path}' does not exist",
    ),
    "err.restore_not_funnel": (
        "'{path}' is geen funnel-database (geen back-up van deze app); er is niets teruggezet",
        "'{path}' is not a funnel database (no backup of this app); nothing was restored",
    ),
    "err.restore_damaged": (
        "'{path}' is beschadigd ({detail}); er is niets teruggezet. Kies een andere back-up",
        "'{path}' is damaged ({detail}); nothing was restored. Choose another backup",
    ),
    "err.restore_newer": (
        "'{path}' komt van een nieuwere versie van de app (schema {version}, deze versie kent "
        "tot {supported}); werk de app eerst bij",
        "'{path}' comes from a newer version of the app (schema {version}, this version knows up "
        "to {supported}); upgrade the app first",
    ),
    "cli.restore_confirm": (
        "De inhoud van {db} vervangen door de back-up {path}? Iedereen moet daarna opnieuw inloggen.",
        "Replace the content of {db} by the backup {path}? Everybody signs in again afterwards.",
    ),
    "cli.restore_done": (
        "Back-up {path} teruggezet. De database zoals hij was staat in {kept}. Iedereen logt "
        "opnieuw in.",
        "Backup {path} restored. The database as it was is kept in {kept}. Everybody signs in "
        "again.",
    ),
    "doctor.status.ok": ("OK", "OK"),
    "doctor.status.warning": ("LET OP", "WARNING"),
    "doctor.status.error": ("FOUT", "ERROR"),
    "doctor.db_missing": (
        "de database {path} bestaat niet (verkeerd pad of $FUNNEL_DB?)",
        "the database {path} does not exist (wrong path or $FUNNEL_DB?)",
    ),
    "doctor.db_unreadable": (
        "de database {path} kan niet geopend worden: {detail}",
        "the database {path} cannot be opened: {detail}",
    ),
    "doctor.db_ok": ("database {path} opent ({mb} MB)", "database {path} opens ({mb} MB)"),
    "doctor.integrity_ok": (
        "integriteit: in orde (integrity_check)",
        "integrity: ok (integrity_check)",
    ),
    "doctor.integrity_bad": (
        "integriteit: de database is beschadigd ({detail}); zet de laatste goede back-up terug",
        "integrity: the database is damaged ({detail}); restore the last good backup",
    ),
    "doctor.journal_ok": ("journal: WAL", "journal: WAL"),
    "doctor.journal_not_wal": (
        "journal: {mode} in plaats van WAL; start de app of een commando eenmaal",
        "journal: {mode} instead of WAL; start the app or a command once",
    ),
    "doctor.schema_ok": ("schema: versie {version}, actueel", "schema: version {version}, current"),
    "doctor.schema_old": (
        "schema: versie {version}, deze app verwacht {current}; start de app of een commando "
        "(bijvoorbeeld snapshot) om bij te werken, na een back-up",
        "schema: version {version}, this app expects {current}; start the app or a command (for "
        "example snapshot) to upgrade, after a backup",
    ),
    "doctor.schema_newer": (
        "schema: versie {version} is nieuwer dan deze app ({current}); werk de app bij",
        "schema: version {version} is newer than this app ({current}); upgrade the app",
    ),
    "doctor.leader_ok": (
        "accounts: {count} actieve programmaleider(s)",
        "accounts: {count} active programme leader(s)",
    ),
    "doctor.no_leader": (
        "accounts: geen actieve programmaleider; maak er een met 'user add'",
        "accounts: no active programme leader; make one with 'user add'",
    ),
    "doctor.demo": (
        "dit is een demodatabase (openbare demo-wachtwoorden); voor echt gebruik: 'demo end'",
        "this is a demo database (public demo passwords); for real use: 'demo end'",
    ),
    "doctor.settings_ok": ("instellingen: {values}", "settings: {values}"),
    "doctor.settings_bad": (
        "instellingen buiten hun bereik: {values}",
        "settings out of their range: {values}",
    ),
    "doctor.backup_unknown": (
        "back-up: geen map opgegeven (--backups of $FUNNEL_BACKUPS); niet gecontroleerd",
        "backup: no folder given (--backups or $FUNNEL_BACKUPS); not checked",
    ),
    "doctor.backup_none": ("geen back-up gevonden in {folder}", "no backup found in {folder}"),
    "doctor.backup_bad": (
        "back-up: de nieuwste ({name}) is onbruikbaar ({code})",
        "backup: the newest ({name}) is unusable ({code})",
    ),
    "doctor.backup_old": (
        "back-up: de nieuwste ({name}) is {hours} uur oud; verwacht hoogstens {max} uur (draait "
        "de dagelijkse back-up?)",
        "backup: the newest ({name}) is {hours} hours old; expected at most {max} hours (does the "
        "daily backup run?)",
    ),
    "doctor.backup_ok": (
        "back-up: de nieuwste ({name}) is {hours} uur oud en in orde",
        "backup: the newest ({name}) is {hours} hours old and sound",
    ),
    "doctor.summary_ok": ("Alles in orde.", "All is well."),
    "doctor.summary_bad.one": ("1 probleem gevonden.", "1 problem found."),
    "doctor.summary_bad.other": ("{count} problemen gevonden.", "{count} problems found."),
    # upload limits
    "err.file_too_large": (
        "'{name}' is {size_mb} MB; de grens is {limit_mb} MB. Splits het bestand (bijvoorbeeld "
        "per jaar) of laat de programmaleider de grens verhogen",
        "'{name}' is {size_mb} MB; the limit is {limit_mb} MB. Split the file (for example by "
        "year) or have the programme leader raise the limit",
    ),
    "err.file_too_many_rows": (
        "'{name}' heeft meer dan {limit} rijen; dat is de grens voor één import. Splits het "
        "bestand (bijvoorbeeld per jaar)",
        "'{name}' has more than {limit} rows; that is the limit for one import. Split the file "
        "(for example by year)",
    ),
    "err.xlsx_unpacked_too_large": (
        "'{name}' pakt uit tot {size_mb} MB; de grens is {limit_mb} MB. Sla het blad op als CSV "
        "of splits het bestand",
        "'{name}' unpacks to {size_mb} MB; the limit is {limit_mb} MB. Save the sheet as CSV or "
        "split the file",
    ),
}

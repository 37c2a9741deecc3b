"""Single sign-on texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "err.sso_no_account": (
        "geen account voor {email}; vraag de programmaleider om uw e-mailadres aan een account "
        "te koppelen",
        "no account for {email}; ask the programme leader to link your e-mail address to an "
        "account",
    ),
    "err.sso_account_disabled": (
        "het account voor {email} is uitgeschakeld; vraag de programmaleider",
        "the account for {email} is disabled; ask the programme leader",
    ),
    "err.sso_unverified": (
        "de aanbieder heeft {email} niet als bevestigd e-mailadres doorgegeven; inloggen met dit "
        "adres kan niet, vraag de programmaleider",
        "the provider did not pass on {email} as a verified e-mail address; signing in with it "
        "is not possible, ask the programme leader",
    ),
    "err.sso_no_email": (
        "de aanbieder gaf geen e-mailadres door; vraag de programmaleider",
        "the provider passed on no e-mail address; ask the programme leader",
    ),
    "err.email_taken": (
        "het e-mailadres '{value}' hoort al bij een ander account",
        "the e-mail address '{value}' already belongs to another account",
    ),
    "signin.sso_button": ("Inloggen met {provider}", "Sign in with {provider}"),
    "signin.sso_or": ("of met gebruikersnaam en wachtwoord", "or with username and password"),
    "signin.sso_other_account": (
        "Afmelden bij de aanbieder (ander account)",
        "Sign out at the provider (another account)",
    ),
    "users.reason.sso_unknown": (
        "geen account met dit e-mailadres (single sign-on)",
        "no account with this e-mail address (single sign-on)",
    ),
    "users.reason.sso_unverified": (
        "e-mailadres niet bevestigd door de aanbieder (single sign-on)",
        "e-mail address not verified by the provider (single sign-on)",
    ),
    "users.reason.sso_no_email": (
        "geen e-mailadres van de aanbieder (single sign-on)",
        "no e-mail address from the provider (single sign-on)",
    ),
    "users.col_email": ("E-mail (single sign-on)", "E-mail (single sign-on)"),
    "users.email": ("E-mailadres voor single sign-on", "E-mail address for single sign-on"),
    "users.email_help": (
        "Met dit adres logt het account in via Microsoft 365 of Google (als dat is ingesteld). "
        "Leeg: alleen met wachtwoord.",
        "With this address the account signs in through Microsoft 365 or Google (when that is "
        "set up). Empty: password only.",
    ),
    "users.email_heading": ("Single sign-on", "Single sign-on"),
    "users.email_submit": ("E-mailadres opslaan", "Save e-mail address"),
    "users.email_saved": (
        "E-mailadres van {username} opgeslagen.",
        "E-mail address of {username} saved.",
    ),
    "users.email_cleared": (
        "{username} logt niet meer in met single sign-on.",
        "{username} no longer signs in by single sign-on.",
    ),
    "cli.email_set": (
        "E-mailadres van {username}: {email}",
        "E-mail address of {username}: {email}",
    ),
    "cli.email_cleared": (
        "{username} heeft geen e-mailadres meer (alleen wachtwoord).",
        "{username} has no e-mail address any more (password only).",
    ),
}

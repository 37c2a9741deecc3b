"""Texts of the audit trail (the "Wijzigingen" of a record): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "audit.tab": ("Wijzigingen", "Changes"),
    "audit.heading": ("Wijzigingen", "Changes"),
    "audit.intro": (
        "Elke wijziging: wie, wanneer, welk veld, wat het was en wat het werd. Niets hieruit "
        "kan worden aangepast of verwijderd.",
        "Every change: who, when, which field, what it was and what it became. Nothing here can "
        "be edited or deleted.",
    ),
    "audit.empty": ("Nog geen wijzigingen vastgelegd.", "No changes recorded yet."),
    "audit.nobody": ("(systeem)", "(system)"),
    "audit.download": ("Wijzigingen als CSV", "Changes as CSV"),
    "audit.col_at": ("Wanneer (UTC)", "When (UTC)"),
    "audit.col_user": ("Wie", "Who"),
    "audit.col_record": ("Wat", "What"),
    "audit.col_action": ("Handeling", "Action"),
    "audit.col_field": ("Veld", "Field"),
    "audit.col_before": ("Was", "Before"),
    "audit.col_after": ("Werd", "After"),
    "audit.col_source": ("Bron", "Source"),
    "audit.action.create": ("aangemaakt", "created"),
    "audit.action.update": ("gewijzigd", "changed"),
    "audit.action.delete": ("verwijderd", "deleted"),
    "audit.entity.use_case": ("Use case", "Use case"),
    "audit.entity.stage_event": ("Fasewijziging", "Stage move"),
    "audit.entity.intake": ("Intake", "Intake"),
    "audit.entity.involvement": ("Betrokkenheid", "Involvement"),
    "audit.entity.organisation": ("Organisatie", "Organisation"),
    "audit.entity.person": ("Persoon", "Person"),
    "audit.entity.activity": ("Activiteit", "Activity"),
    "audit.entity.attendance": ("Aanwezigheid", "Attendance"),
    "audit.entity.target": ("Doelstelling", "Target"),
    "audit.entity.user": ("Account", "Account"),
    "audit.entity.merge": ("Samenvoeging", "Merge"),
    "audit.entity.kept_apart": ("Apart gehouden", "Kept apart"),
    "audit.entity.setting": ("Instelling", "Setting"),
    "audit.settings_heading": ("Wijzigingen van de instellingen", "Changes of the settings"),
    "cli.audit_one_subject": (
        "geef hoogstens een van --use-case, --organisation, --person, --settings",
        "give at most one of --use-case, --organisation, --person, --settings",
    ),
    # the settings by name (funnel/settings.py), as the trail names them
    "setting.stuck_days": ("Vastgelopen na (dagen)", "Stuck after (days)"),
    "setting.retention_years": (
        "Wissen na (jaren niet gezien)",
        "Erase after (years not seen)",
    ),
    "setting.idle_minutes": (
        "Uitloggen na minuten zonder gebruik",
        "Sign out after idle minutes",
    ),
    "setting.upload_max_mb": ("Grootste upload (MB)", "Largest upload (MB)"),
    "setting.import_max_rows": ("Meeste rijen per import", "Most rows per import"),
    "setting.xlsx_max_unpacked_mb": (
        "Grootste uitgepakte werkmap (MB)",
        "Largest unpacked workbook (MB)",
    ),
}

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
}

"""Texts of the search-first pickers (ui/pickers.py): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "pick.search_placeholder": ("Typ een deel van de naam", "Type part of the name"),
    "pick.type_first": (
        "Er zijn {count} om uit te kiezen: typ eerst een deel van de naam.",
        "There are {count} to choose from: type part of the name first.",
    ),
    "pick.more": (
        "De eerste {shown} van {total} gevonden; typ meer om te verfijnen.",
        "The first {shown} of {total} found; type more to narrow it down.",
    ),
    "pick.none": ("Niets gevonden.", "Nothing found."),
    "pick.find_org": ("Organisatie zoeken", "Find an organisation"),
    "pick.find_person": ("Persoon zoeken", "Find a person"),
}

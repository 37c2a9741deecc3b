"""app texts of the catalogue: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {}

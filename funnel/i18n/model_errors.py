"""Texts for validation errors of the pydantic models: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "err.model_missing": (
        "dit veld is verplicht",
        "this field is required",
    ),
    "err.model_string_too_short": (
        "te kort: vul minstens {min_length} in (tekens)",
        "too short: give at least {min_length} (characters)",
    ),
    "err.model_string_too_long": (
        "maximaal {max_length} tekens",
        "at most {max_length} characters",
    ),
    "err.model_string_pattern_mismatch": (
        "'{value}' heeft niet de juiste vorm",
        "'{value}' does not have the right form",
    ),
    "err.model_greater_than_equal": (
        "moet {ge} of meer zijn (niet {value})",
        "must be {ge} or more (not {value})",
    ),
    "err.model_less_than_equal": (
        "moet {le} of minder zijn (niet {value})",
        "must be {le} or less (not {value})",
    ),
    "err.model_enum": (
        "'{value}' is geen toegestane waarde (kies uit {expected})",
        "'{value}' is not an allowed value (choose from {expected})",
    ),
    "err.model_int_parsing": (
        "'{value}' is geen geheel getal",
        "'{value}' is not a whole number",
    ),
    "err.model_int_type": (
        "'{value}' is geen geheel getal",
        "'{value}' is not a whole number",
    ),
    "err.model_date_parsing": (
        "'{value}' is geen datum",
        "'{value}' is not a date",
    ),
    "err.model_date_type": (
        "'{value}' is geen datum",
        "'{value}' is not a date",
    ),
    "err.model_value_error": (
        "'{value}' is niet geldig",
        "'{value}' is not valid",
    ),
    "err.model_invalid": (
        "'{value}' is niet geldig",
        "'{value}' is not valid",
    ),
}

"""Texts for validation errors of the pydantic models: key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "err.model_missing": (
        "{field_name}: dit veld is verplicht",
        "{field_name}: this field is required",
    ),
    "err.model_string_too_short": (
        "{field_name}: vul minstens {min_length} teken(s) in",
        "{field_name}: give at least {min_length} character(s)",
    ),
    "err.model_string_too_long": (
        "{field_name}: maximaal {max_length} tekens",
        "{field_name}: at most {max_length} characters",
    ),
    "err.model_string_pattern_mismatch": (
        "{field_name}: '{value}' heeft niet de juiste vorm",
        "{field_name}: '{value}' does not have the right form",
    ),
    "err.model_greater_than_equal": (
        "{field_name}: moet {ge} of meer zijn (niet {value})",
        "{field_name}: must be {ge} or more (not {value})",
    ),
    "err.model_less_than_equal": (
        "{field_name}: moet {le} of minder zijn (niet {value})",
        "{field_name}: must be {le} or less (not {value})",
    ),
    "err.model_enum": (
        "{field_name}: '{value}' is geen toegestane waarde (kies uit {expected})",
        "{field_name}: '{value}' is not an allowed value (choose from {expected})",
    ),
    "err.model_int_parsing": (
        "{field_name}: '{value}' is geen geheel getal",
        "{field_name}: '{value}' is not a whole number",
    ),
    "err.model_int_type": (
        "{field_name}: '{value}' is geen geheel getal",
        "{field_name}: '{value}' is not a whole number",
    ),
    "err.model_date_parsing": (
        "{field_name}: '{value}' is geen datum",
        "{field_name}: '{value}' is not a date",
    ),
    "err.model_date_type": (
        "{field_name}: '{value}' is geen datum",
        "{field_name}: '{value}' is not a date",
    ),
    "err.model_value_error": (
        "{field_name}: '{value}' is niet geldig",
        "{field_name}: '{value}' is not valid",
    ),
    "err.model_invalid": (
        "{field_name}: '{value}' is niet geldig",
        "{field_name}: '{value}' is not valid",
    ),
}

"""The one exception type the domain raises for bad input or refused actions."""

from __future__ import annotations

import datetime as dt
from typing import Any


class FunnelError(Exception):
    """A refusal in plain words: ``code`` names a catalogue entry ``err.<code>``.

    ``field`` is the input field or column the problem is about (if any); ``params`` fill
    the placeholders of the message. ``message(lang)`` renders it for a user. A few params
    hold a key rather than words (``known``/``given``: an organisation kind such as
    ``company``; ``reading``: how a date was read; ``candidates``: the organisations a name
    could mean; ``limit``: a number, written the user's way; ``role``: an involvement role; any
    date: written the user's way, 14-03-2025 in Dutch); they are put in words, in the user's
    language, when the message is rendered.
    A ``line`` param, where there is one, is the file row the problem is on.
    """

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        from funnel.i18n import t

        shown = {name: _in_words(name, value, lang) for name, value in self.params.items()}
        for name in OPTIONAL_PARAMS:
            shown.setdefault(name, "")
        return t(f"err.{self.code}", lang, **shown)


#: params a message may be given without: their place in the text stays empty
OPTIONAL_PARAMS = ("candidates",)


class PermissionDenied(FunnelError):
    """The acting user's role may not do this."""


def _in_words(name: str, value: Any, lang: str) -> Any:
    """A param as the message shows it: keys become their catalogue words, the rest as is."""
    from funnel.i18n import CATALOGUE, t

    if name in ("known", "given") and isinstance(value, str) and "kind." + value in CATALOGUE:
        return _lower_first(t("kind." + value, lang))
    if isinstance(value, dt.date):
        from funnel.i18n import fmt_date

        return fmt_date(value, lang)
    if name == "role" and isinstance(value, str) and "involvement." + value in CATALOGUE:
        return _lower_first(t("involvement." + value, lang))
    if name == "reading" and isinstance(value, str) and "date.reading." + value in CATALOGUE:
        return t("date.reading." + value, lang)
    if name == "limit" and isinstance(value, int):
        from funnel.i18n import fmt_number

        return fmt_number(value, lang)
    if name == "conflicts" and isinstance(value, (list, tuple)):
        return "; ".join(_conflict(item, lang) for item in value)
    if name == "when" and isinstance(value, str) and len(value) >= 16:
        from funnel.i18n import fmt_date

        moment = dt.datetime.fromisoformat(value)
        return f"{fmt_date(moment.date(), lang)} {moment.strftime('%H:%M')} UTC"
    if name == "candidates" and isinstance(value, (list, tuple)):
        return ": " + ", ".join(_candidate(item, lang) for item in value) if value else ""
    return value


def _conflict(item: Any, lang: str) -> str:
    """One field someone else changed: ``(field, theirs, yours)``, the field put in words."""
    from funnel.i18n import CATALOGUE, t

    field, theirs, yours = item
    label = t("field." + field, lang) if "field." + field in CATALOGUE else field
    empty = t("err.edit_conflict_empty", lang)
    return t(
        "err.edit_conflict_item",
        lang,
        field=label,
        theirs=empty if theirs in (None, "") else theirs,
        yours=empty if yours in (None, "") else yours,
    )


def _candidate(item: Any, lang: str) -> str:
    """One organisation a name could mean: ``(name, kvk or None, only in the file)``."""
    from funnel.i18n import t

    name, kvk, in_file = item
    if not kvk:
        return t("err.candidate_no_kvk", lang, name=name)
    if in_file:
        return t("err.candidate_in_file", lang, name=name, kvk=kvk)
    return t("err.candidate", lang, name=name, kvk=kvk)


def _lower_first(text: str) -> str:
    """``Bedrijf`` as a word inside a sentence: ``bedrijf`` (an abbreviation such as CO2 stays)."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text

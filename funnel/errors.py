"""The one exception type the domain raises for bad input or refused actions."""

from __future__ import annotations

from typing import Any


class FunnelError(Exception):
    """A refusal in plain words: ``code`` names a catalogue entry ``err.<code>``.

    ``field`` is the input field or column the problem is about (if any); ``params`` fill
    the placeholders of the message. ``message(lang)`` renders it for a user.
    """

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        from funnel.i18n import t

        return t(f"err.{self.code}", lang, **self.params)


class PermissionDenied(FunnelError):
    """The acting user's role may not do this."""

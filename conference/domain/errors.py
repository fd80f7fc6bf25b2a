"""Refusals as values: a code from the contract and a sentence a parent could understand."""

from __future__ import annotations

from typing import Any

ERROR_CODES = (
    "invalid",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "locked",
    "closed",
    "rate_limited",
    "too_large",
    "unavailable",
)


def N_(message: str) -> str:
    """Marks a message for the catalogue (conference/i18n.py); translated where it is shown."""
    return message


class DomainError(Exception):
    """A command or request that cannot be carried out; nothing was changed.

    The message is a sentence in British English with {named} values given apart
    (`DomainError("invalid", "Names are up to {limit} characters.", limit=60)`), so the web
    edge can say it in the language of whoever was refused (conference/web/language.py)."""

    def __init__(
        self,
        code: str,
        message: str,
        retry_after: float | None = None,
        **values: Any,
    ):
        assert code in ERROR_CODES, code
        self.template, self.values = message, values
        message = message.format(**values) if values else message
        super().__init__(message)
        self.code = code
        self.message = message
        # seconds after which the same request may succeed (rate_limited, unavailable)
        self.retry_after = retry_after

    def to_dict(self) -> dict:
        out: dict = {"code": self.code, "message": self.message}
        if self.retry_after is not None:
            out["retry_after"] = round(self.retry_after, 2)
        return out

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.message!r})"

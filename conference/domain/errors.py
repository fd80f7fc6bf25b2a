"""Refusals as values: a code from the contract and a sentence a parent could understand."""

from __future__ import annotations

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


class DomainError(Exception):
    """A command or request that cannot be carried out; nothing was changed."""

    def __init__(self, code: str, message: str):
        assert code in ERROR_CODES, code
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.message!r})"

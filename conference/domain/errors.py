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

    def __init__(self, code: str, message: str, retry_after: float | None = None, retry: str | None = None):
        assert code in ERROR_CODES, code
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

"""Storage out of reach, said as the contract's `unavailable`: one sentence for the service,
its parts and the accounts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .domain.errors import DomainError
from .store.base import StoreUnavailable


@contextmanager
def storage(refusal: Callable[[bool], DomainError] | None = None) -> Iterator[None]:
    """Storage that can't be reached becomes the contract's `unavailable` (or `refusal`)."""
    try:
        yield
    except StoreUnavailable as down:
        raise (refusal or unavailable)(down.uncertain) from None


def unavailable(uncertain: bool = False) -> DomainError:
    if uncertain:
        # the append was sent and no answer came: it may have landed. The client resends the
        # same op_id, which is applied at most once.
        return DomainError(
            "unavailable",
            "We couldn't confirm that your change was saved. It will be sent again and can't be saved twice.",
            retry_after=1.0,
        )
    return DomainError(
        "unavailable",
        "The board can't be saved just now, so your change is not saved yet. Please try again in a moment.",
        retry_after=1.0,
    )

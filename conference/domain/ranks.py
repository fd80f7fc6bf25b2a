"""Order keys for items: strings that sort as base-36 fractions, so one move changes one item."""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)
_HEAD = 4  # appends step the first four digits, so keys stay short


def _digit(key: str, i: int) -> int:
    return DIGITS.index(key[i]) if i < len(key) else 0


def _midpoint(low: str, high: str | None) -> str:
    """A key strictly between low and high (None meaning 1.0); keys never end in '0'."""
    prefix = ""
    i = 0
    while True:
        d_low = _digit(low, i)
        d_high = BASE if high is None else _digit(high, i)
        if d_low == d_high:
            prefix += DIGITS[d_low]
            i += 1
            continue
        if d_high - d_low > 1:
            return prefix + DIGITS[(d_low + d_high) // 2]
        return prefix + DIGITS[d_low] + _midpoint(low[i + 1 :], None)


def rank_between(low: str | None, high: str | None) -> str:
    """A key that sorts after low and before high; None means the start or the end."""
    low = low or ""
    if high is None:
        head = int((low + "0" * _HEAD)[:_HEAD], BASE)
        if head < BASE**_HEAD - 1:
            n = head + 1
            out = ""
            for _ in range(_HEAD):
                n, r = divmod(n, BASE)
                out = DIGITS[r] + out
            return out.rstrip("0")
    if high is not None and not low < high:
        raise ValueError(f"no key between {low!r} and {high!r}")
    return _midpoint(low, high)

"""Render the minutes model to each format; each renderer takes the model and returns bytes."""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Callable
from typing import Any

from ..domain import vocabulary as v
from ..domain.validate import is_noncharacter
from . import html_render, md_render

MIMETYPES = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _json(model: dict[str, Any], large: bool = False) -> bytes:
    return json.dumps(model, ensure_ascii=False, indent=2).encode()


# Present, though not imported until needed: a server missing one says so when it starts,
# not at the end of a meeting when the chair asks for the minutes
_MISSING = [name for name in ("fpdf", "fontTools", "PIL", "docx") if importlib.util.find_spec(name) is None]
if _MISSING:
    raise ImportError(f"the minutes need these packages, not installed: {', '.join(_MISSING)}")


def later(module: str, name: str = "render") -> Callable[..., Any]:
    """A renderer of this package imported when the first such file is made: the PDF and
    Word ones bring fpdf2, fontTools, Pillow and python-docx (35 MB), which a server process
    that makes no minutes never needs."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f".{module}", __package__), name)(*args, **kwargs)

    return call


# each takes the model and `large` (16 pt print for those that have a page; the others ignore it)
RENDERERS: dict[str, Callable[..., bytes]] = {
    "md": md_render.render,
    "json": _json,
    "html": html_render.render,
    "docx": later("docx_render"),
    "pdf": later("pdf_render"),
}
# the vocabulary names the formats (and the export panel's words for them); each has a renderer
FORMATS = tuple(v.MINUTES_FORMATS)
assert set(RENDERERS) == set(FORMATS), "a minutes format without a renderer, or the other way round"


def _printable(ch: str) -> str:
    n = ord(ch)
    if 0xD800 <= n <= 0xDFFF or is_noncharacter(ch):
        return "\ufffd"
    if ch not in "\n\t" and (n < 0x20 or 0x7F <= n < 0xA0):
        return "\ufffd"
    return ch


def sanitise(value: Any) -> Any:
    """Text the store holds is written as it was typed, except what no file format can
    carry: a lone surrogate, a non-character or a control character (an older log may hold
    them) becomes U+FFFD, so one bad character never stops the minutes."""
    if isinstance(value, str):
        if value.isprintable() or all(ch in "\n\t" or ch.isprintable() for ch in value):
            return value
        return "".join(_printable(ch) for ch in value)
    if isinstance(value, dict):
        return {sanitise(k): sanitise(x) for k, x in value.items()}
    if isinstance(value, list | tuple):
        return [sanitise(x) for x in value]
    return value


def render(model: dict[str, Any], fmt: str, large: bool = False) -> bytes:
    return RENDERERS[fmt](sanitise(model), large=large)

"""Render the minutes model to each format; each renderer takes the model and returns bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import docx_render, html_render, md_render, pdf_render

MIMETYPES = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _json(model: dict[str, Any]) -> bytes:
    return json.dumps(model, ensure_ascii=False, indent=2).encode()


RENDERERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "md": md_render.render,
    "json": _json,
    "html": html_render.render,
    "docx": docx_render.render,
    "pdf": pdf_render.render,
}
FORMATS = tuple(RENDERERS)


def render(model: dict[str, Any], fmt: str) -> bytes:
    return RENDERERS[fmt](model)

"""HTML minutes (also the print view): an escaped Jinja template with a print stylesheet."""

from __future__ import annotations

import os
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import i18n
from . import words

_env = Environment(
    loader=FileSystemLoader(os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(m: dict[str, Any], large: bool = False) -> bytes:
    template = _env.get_template("minutes.html")
    return template.render(m=m, w=words, large=large, direction=i18n.direction(words.language())).encode()

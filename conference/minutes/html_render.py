"""HTML minutes (also the print view): an escaped Jinja template with a print stylesheet."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import i18n
from . import phrases
from .language import language
from .sections import sections

# what the template calls `w`: the phrases it draws, the sections at each place, the language
words = SimpleNamespace(
    **{
        name: getattr(phrases, name)
        for name in (
            "attendance_label",
            "decision_lines",
            "family_wording",
            "headers",
            "heading",
            "item_author",
            "item_extras",
            "item_responses",
            "meta_lines",
            "goal_numbers",
            "plan_row",
            "private_note",
            "quoted",
            "say",
            "statements_heading",
            "summary_line",
        )
    },
    sections=sections,
    language=language,
)

_env = Environment(
    loader=FileSystemLoader(os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(m: dict[str, Any], large: bool = False) -> bytes:
    template = _env.get_template("minutes.html")
    return template.render(m=m, w=words, large=large, direction=i18n.direction(words.language())).encode()

"""The minutes: one model built from the board and its log, rendered to md, html, docx, pdf and json."""

from .language import speaking
from .model import build_minutes, file_name
from .render import FORMATS, render

__all__ = ["FORMATS", "build_minutes", "file_name", "render", "speaking"]

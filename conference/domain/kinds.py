"""The kinds of meeting and their words, from a data file a council can edit
(`conference/data/kinds.json`, or the file `CONFERENCE_KINDS_FILE` names).

`parse()` is pure: text in, checked data out, or `KindsFileError` naming the line of the
first mistake. `load()` reads the file once, when the vocabulary is first imported — the
one piece of configuration the domain reads itself, so every rule sees the same words."""

from __future__ import annotations

import json
import os
from typing import Any

DEFAULT_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "kinds.json")
DECISIONS = ("cp", "strategy", "care_plan", "notes", "none")
KIND_FIELDS = ("label", "statement", "question", "low_label", "high_label", "decision", "family", "roles")
OPTIONAL_FIELDS = ("quorum",)  # quorum: how many agencies besides the family make the meeting quorate
TEXT_LIMITS = {"label": 80, "statement": 40, "question": 500, "low_label": 120, "high_label": 120}


class KindsFileError(ValueError):
    """The kinds file can't be used: the message names the file and the line."""


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def parse(
    text: str,
    name: str,
    columns: tuple[str, ...],
    roles: tuple[str, ...],
    known_categories: set[str],
) -> dict[str, Any]:
    """{"order": [...], "extra_categories": {column: [{key, label, meaning}]}, "kinds": {...}}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise KindsFileError(f"{name} line {err.lineno}: this is not valid JSON ({err.msg}).") from None

    def fail(needle: str, message: str) -> KindsFileError:
        return KindsFileError(f"{name} line {_line_of(text, needle)}: {message}")

    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict) or not data["kinds"]:
        raise fail('"kinds"', "the file needs a 'kinds' object with at least one kind of meeting.")
    unknown = set(data) - {"_about", "columns", "kinds"}
    if unknown:
        key = sorted(unknown)[0]
        raise fail(f'"{key}"', f"'{key}' is not something this file can set.")
    cols = data.get("columns") or {}
    order = cols.get("order", list(columns))
    if sorted(order) != sorted(columns):
        raise fail('"order"', f"the column order must name each of {', '.join(columns)} once.")
    extra = _extra_categories(cols, columns, known_categories, fail)
    kinds = {key: _kind(key, kind, roles, fail) for key, kind in data["kinds"].items()}
    return {"order": order, "extra_categories": extra, "kinds": kinds}


def _extra_categories(cols: dict, columns: tuple[str, ...], known: set[str], fail) -> dict[str, list]:
    """The council's own headings under a column: {column: [{key, label, meaning}]}."""
    extra: dict[str, list[dict[str, str]]] = {}
    for column, cats in (cols.get("extra_categories") or {}).items():
        if column not in columns:
            raise fail(f'"{column}"', f"'{column}' is not a column (use {', '.join(columns)}).")
        if not isinstance(cats, list):
            raise fail(f'"{column}"', "the extra headings must be a list.")
        for cat in cats:
            if not isinstance(cat, dict) or set(cat) != {"key", "label", "meaning"}:
                raise fail(f'"{column}"', "each extra heading needs exactly 'key', 'label' and 'meaning'.")
            if not all(isinstance(cat[k], str) and cat[k].strip() for k in cat):
                raise fail(
                    f'"{cat.get("key", column)}"', "an extra heading's key, label and meaning must be words."
                )
            if cat["key"] in known:
                raise fail(f'"{cat["key"]}"', f"the heading '{cat['key']}' already exists.")
            known = known | {cat["key"]}
        extra[column] = cats
    return extra


def _kind(key: str, kind: Any, roles: tuple[str, ...], fail) -> dict[str, Any]:
    """One kind of meeting, checked field by field."""
    where = f'"{key}"'
    if not isinstance(kind, dict):
        raise fail(where, f"the kind '{key}' must be an object.")
    missing = [f for f in KIND_FIELDS if f not in kind]
    if missing:
        raise fail(where, f"the kind '{key}' has no '{missing[0]}'.")
    strange = sorted(set(kind) - set(KIND_FIELDS) - set(OPTIONAL_FIELDS))
    if strange:
        raise fail(f'"{strange[0]}"', f"'{strange[0]}' is not something a kind of meeting can set.")
    for field, limit in TEXT_LIMITS.items():
        value = kind[field]
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise fail(where, f"the kind '{key}' needs '{field}' as words of at most {limit} characters.")
    if kind["decision"] not in DECISIONS:
        raise fail(
            where,
            f"the kind '{key}' has decision '{kind['decision']}'; use one of {', '.join(DECISIONS)}.",
        )
    if not isinstance(kind["family"], bool):
        raise fail(where, f"the kind '{key}' needs 'family' as true or false.")
    offered = kind["roles"]
    if offered == "all":
        offered = list(roles)
    if not isinstance(offered, list) or not offered or any(r not in roles for r in offered):
        bad = next((r for r in offered if r not in roles), None) if isinstance(offered, list) else None
        raise fail(
            where,
            f"the kind '{key}' offers a role this app doesn't know: '{bad}'."
            if bad
            else f"the kind '{key}' needs 'roles': \"all\" or a list of roles.",
        )
    quorum = kind.get("quorum")
    if quorum is not None and (
        isinstance(quorum, bool) or not isinstance(quorum, int) or not 1 <= quorum <= 9
    ):
        raise fail('"quorum"', f"the kind '{key}' needs 'quorum' as a number of agencies from 1 to 9.")
    return {**kind, "roles": offered, "quorum": quorum}


def load(columns: tuple[str, ...], roles: tuple[str, ...], known_categories: set[str]) -> dict[str, Any]:
    from ..config import kinds_file  # settings only: which file, never anything else

    path = kinds_file() or DEFAULT_FILE
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as err:
        raise KindsFileError(f"{path}: the kinds file can't be read ({err.strerror}).") from None
    return parse(text, path, columns, roles, known_categories)

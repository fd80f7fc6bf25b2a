"""Build the one minutes model (a plain dict) from a board and its log, one function per
section (meeting.py: the meeting; over_time.py: the case over time; here: the full copy's
own parts). Pure: no I/O, no clock."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from .. import i18n
from ..domain import vocabulary as v
from ..domain.errors import N_
from ..domain.previous_minutes import MINUTES_FORMAT, MINUTES_VERSION
from ..domain.state import Board
from ..plain_language import check as plain_check
from . import meeting
from .language import _, language
from .over_time import children_words, since_last, trends
from .record import record_lines
from .who_and_when import local_time, meeting_start, person

DEFAULT_HOW_TO_DISAGREE = N_(
    "If you think something in these minutes is wrong, tell the chair or your social worker within "
    "14 days and it will be looked at. You can ask for an advocate (someone on your side who helps "
    "you have your say) at any time: ask your social worker, or contact the council's children's services."
)
FAMILY_NOTICE = N_(
    "This is the family's copy. It does not include the part of the meeting the professionals held in private."
)


def file_name(board: Board, copy: str, fmt: str, tz_name: str = "Europe/London", language: str = "") -> str:
    """2026-11-27-review-conference.docx, …-family-cy.pdf, …-decision-letter-cy.pdf (the
    chair's letter, minutes/letter.py); no names of the family in a file name."""
    date = meeting_start(board.conference, board.closed_at, ZoneInfo(tz_name))
    label = v.MEETING_KIND_LABELS[board.conference["kind"]].lower().replace("child protection ", "")
    slug = re.sub(r"[^a-z0-9]+", "-", label).strip("-")
    suffix = {"family": "-family", "letter": "-decision-letter"}.get(copy, "")
    if language and language != i18n.SOURCE:
        suffix += "-" + language.lower()
    return f"{date:%Y-%m-%d}-{slug}{suffix}.{fmt}"


def build_minutes(
    board: Board,
    events: list[dict[str, Any]],
    copy: str = "full",
    generated_at: str = "",
    tz_name: str = "Europe/London",
    access: list[dict[str, Any]] | None = None,
    how_to_disagree: str | None = None,
) -> dict[str, Any]:
    """The conference record. The family copy leaves out everything private; neither copy
    holds a score that was never revealed, nor an item the chair did not accept."""
    if copy not in ("full", "family"):
        raise ValueError(copy)
    tz = ZoneInfo(tz_name)
    family = copy == "family"
    conf = board.conference
    # private, or held in a report that was never sent: never in the family copy
    shown = lambda thing: not (family and (thing.get("private") or thing.get("held")))  # noqa: E731
    model = _about_the_copy(board, events, copy, generated_at, tz_name, how_to_disagree)
    model["attendance"] = meeting.attendance(board, tz)
    model["reports"] = meeting.reports(board, tz)
    items = meeting.accepted_items(board, shown)
    model["columns"] = meeting.columns(board, items, family, tz)
    statements = model["statements"] = meeting.statements(board, shown)
    model["unpaired_safety_goals"] = [
        g["text"] for g in meeting.safety_goals(board, shown) if not g["pairs_with"]
    ]
    model["scaling"] = meeting.scaling(board, shown)
    model["decision"] = meeting.decision(board)
    model["plan"] = meeting.plan(board, items, shown)
    model["quorum"] = meeting.quorum(board)
    model["children"] = [dict(c) for c in conf.get("children") or []]
    model["network"] = [dict(n) for n in conf.get("network") or []]
    model["children_words"] = children_words(board, items)
    model["since_last"] = since_last(conf, statements, model["plan"])
    model["trends"] = trends(board, model["conference"], statements, shown)
    model["corrections"] = _corrections(board, shown, tz)

    if not family:
        model["record"] = _record(board, events, tz)
        model["access"] = _access(access, tz)
        model["plain_language"] = _plain_language(statements)
    return model


def _about_the_copy(
    board: Board,
    events: list[dict[str, Any]],
    copy: str,
    generated_at: str,
    tz_name: str,
    how_to_disagree: str | None,
) -> dict[str, Any]:
    """The model's first part: which copy this is, of which meeting, in which language."""
    had_closed_session = any(e["type"] == "session.closed" for e in events)
    return {
        "format": MINUTES_FORMAT,
        "version": MINUTES_VERSION,
        "copy": copy,
        "generated_at": generated_at,
        "timezone": tz_name,
        "conference": meeting.conference(board, events, ZoneInfo(tz_name)),
        "notice": _(FAMILY_NOTICE) if copy == "family" and had_closed_session else None,
        "how_to_disagree": how_to_disagree or _(DEFAULT_HOW_TO_DISAGREE),
        "language": language(),  # the minutes' own words; what people typed is as typed
    }


def _corrections(board: Board, shown: Any, tz: ZoneInfo) -> list[dict[str, Any]]:
    """Every request for a correction after the end, with the chair's answer (the family copy
    leaves out those a professional or the chair sent: they may speak of the private part)."""
    out = []
    for c in board.corrections.values():
        if not shown(c):
            continue
        who = person(board, c["from"])
        answered = local_time(c.get("answered_at"), tz)
        out.append(
            {
                "id": c["id"],
                "from": who["name"],
                "role": who["role"],
                "text": c["text"],
                "about": (c.get("about") or {}).get("text"),
                "status": c["status"],
                "reason": c["reason"],
                "at": f"{local_time(c['at'], tz):%Y-%m-%d %H:%M}",
                "answered_at": f"{answered:%Y-%m-%d %H:%M}" if answered else None,
                # what the chair corrected in answer (record.correct with this request)
                "changes": [{"old": ch["old"], "new": ch["new"]} for ch in c.get("changes", [])],
            }
        )
    return out


def _access(access: list[dict[str, Any]] | None, tz: ZoneInfo) -> list[dict[str, str]]:
    """The full copy's access record: who joined, was let in, removed, exported, when."""
    return [
        {
            "at": f"{local_time(a['at'], tz):%Y-%m-%d %H:%M:%S}",
            "who": a["who"],
            "what": a["what"]
            + "".join(f"; {k}: {val}" for k, val in a.items() if k not in ("at", "who", "what")),
        }
        for a in access or []
    ]


def _plain_language(statements: list[dict[str, Any]]) -> dict[str, Any]:
    """The full copy's plain-language check of the statements and safety goals."""
    texts = [s["sentence"] for s in statements] + [g for g in [s["safety_goal"] for s in statements] if g]
    joined = "\n".join(texts)
    report = plain_check(joined) if joined else {"reading_age": None, "flags": []}
    return {
        "reading_age": report["reading_age"],
        "flags": [{k: f[k] for k in ("term", "suggestion", "why")} for f in report["flags"]],
    }


def _record(board: Board, events: list[dict[str, Any]], tz: ZoneInfo) -> list[dict[str, str]]:
    """Who did what, when: every change in the log, in words (minutes/record.py)."""
    return record_lines(board, events, tz)

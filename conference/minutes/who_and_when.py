"""People and times as the minutes write them: a member's name and role, a moment in the
council's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from ..domain import vocabulary as v
from ..domain.state import Board
from .language import _


def local_time(iso: str | None, tz: ZoneInfo) -> dt.datetime | None:
    if not iso:
        return None
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(tz)


def meeting_start(conference: dict[str, Any], closed_at: str | None, tz: ZoneInfo) -> dt.datetime:
    """When the meeting began, as the minutes and their file name say it: the time it was
    called for (`meeting_at`, the council's local time) when the chair set one — a board
    made days before, for the invitations and reports, did not begin then — unless the
    conference ended before that time (a date set wrong); else when the board was made."""
    made = local_time(conference["created_at"], tz)
    assert made is not None
    if not conference.get("meeting_at"):
        return made
    called = dt.datetime.strptime(conference["meeting_at"], "%Y-%m-%dT%H:%M").replace(tzinfo=tz)
    ended = local_time(closed_at, tz)
    return made if ended is not None and ended < called else called


def clock_time(iso: str | None, tz: ZoneInfo) -> str | None:
    t = local_time(iso, tz)
    return t.strftime("%H:%M") if t else None


def role_label(member: dict[str, Any]) -> str:
    if member["kind"] == v.MemberKind.FACILITATOR:
        return _("Chair")
    return _(v.ROLES.get(member.get("role") or "", ""))


def unnamed_chair(member: dict[str, Any]) -> bool:
    return member["kind"] == v.MemberKind.FACILITATOR and member["name"] == v.DEFAULT_CHAIR_NAME


def display_name(member: dict[str, Any]) -> str:
    """A member's name as the minutes write it: a chair who gave none is "Chair" in the
    copy's language (never "Chair" in English in a Welsh copy)."""
    return _("Chair") if unnamed_chair(member) else member["name"]


def person(board: Board, member_id: str | None) -> dict[str, str]:
    m = board.members.get(member_id or "")
    if m is None:
        return {"name": "Someone", "role": ""}
    if unnamed_chair(m):  # "Chair", not "Chair (Chair)"
        return {"name": display_name(m), "role": ""}
    return {"name": m["name"], "role": role_label(m)}

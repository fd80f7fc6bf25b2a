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


def clock_time(iso: str | None, tz: ZoneInfo) -> str | None:
    t = local_time(iso, tz)
    return t.strftime("%H:%M") if t else None


def role_label(member: dict[str, Any]) -> str:
    if member["kind"] == v.MemberKind.FACILITATOR:
        return _("Chair")
    return _(v.ROLES.get(member.get("role") or "", ""))


def person(board: Board, member_id: str | None) -> dict[str, str]:
    m = board.members.get(member_id or "")
    if m is None:
        return {"name": "Someone", "role": ""}
    return {"name": m["name"], "role": role_label(m)}

"""The meeting itself: starting the board, its settings, what the projector shows, locking,
the closed session, the conference's decision and the end."""

from __future__ import annotations

import copy
import re
from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import Event, Teller, declare, set_conference, update_conference
from ..state import Board
from ..validate import (
    Payload,
    check_bool,
    check_choice,
    check_date,
    check_id,
    clean_text,
    invalid,
    required_text,
)
from ..views import Viewer, view_snapshot
from ..working_days import corrections_until, parse_meeting_at, reports_due
from .common import EVERYONE, conflict, not_found, restrict
from .members import new_member
from .registry import Change, Context, command

# --- the events -------------------------------------------------------------------


def _created(b: Board, p: dict, e: Event) -> None:
    b.conference = dict(p["conference"])
    for m in p["members"]:
        b.members[m["member_id"]] = dict(m)
        b.public_members.add(m["member_id"])


def _show_created(snap: dict, p: dict) -> None:
    snap.update(conference=dict(p["conference"]), members=[dict(m) for m in p["members"]])
    snap.update(items=[], statements=[], rounds=[])


def _session_closed(b: Board, p: dict, e: Event) -> None:
    b.conference["closed_session"] = True
    # the board as the family side last saw it, kept while the session runs
    b.frozen = None
    b.frozen = copy.deepcopy(b)
    b.frozen.seq = e["seq"]


def _session_opened(b: Board, p: dict, e: Event) -> None:
    b.conference["closed_session"] = False
    b.frozen = None


def _show_session_opened(snap: dict, p: dict) -> dict:
    if "board" in p:
        snap = copy.deepcopy(p["board"])
    snap["conference"]["closed_session"] = False
    return snap


def _family_catches_up(event: Event, viewer: Viewer, board_after: Board | None) -> dict:
    """The family side missed the closed session: they are sent the board as it is now."""
    if viewer.side != v.Side.FAMILY:
        return event["payload"]
    if board_after is None or board_after.seq != event["seq"]:
        raise ValueError("session.opened for the family side needs the board at that seq")
    return {"board": view_snapshot(board_after, viewer)}


def _focused(b: Board, p: dict, e: Event) -> None:
    b.conference["focus"] = p["section"]


def _show_focused(snap: dict, p: dict) -> None:
    snap["conference"]["focus"] = p["section"]


def _decided(b: Board, p: dict, e: Event) -> None:
    b.conference["decision"] = dict(p["decision"])


def _show_decided(snap: dict, p: dict) -> None:
    snap["conference"]["decision"] = dict(p["decision"])


def _closed(b: Board, p: dict, e: Event) -> None:
    b.conference["status"] = "closed"
    if "corrections_until" in p:  # logs from before corrections have none
        b.conference["corrections_until"] = p["corrections_until"]
    b.closed_at = e["at"]  # retention counts from here


def _show_closed(snap: dict, p: dict) -> None:
    snap["conference"]["status"] = "closed"
    if "corrections_until" in p:
        snap["conference"]["corrections_until"] = p["corrections_until"]


def _settings(t: Teller, p: dict) -> str:
    # logs written before each command had its own event type made this one for the
    # children, the safety network and a review's start too (see case.py)
    if p["conference"].get("previous") and t.first_time("review started"):
        return f"started this review from the conference of {p['conference']['previous']['date']}"
    return "changed the conference settings, children or safety network"


CONFERENCE_CREATED = declare(
    "conference.created",
    fold=_created,
    view=_show_created,
    says=lambda t, p: f"started the board “{p['conference']['title']}”",
)
CONFERENCE_UPDATED = declare("conference.updated", *update_conference(), says=_settings)
CONFERENCE_FOCUSED = declare(
    "conference.focused",
    fold=_focused,
    view=_show_focused,
    says=lambda t, p: f"showed {p['section'] or 'the whole board'} on the projector",
)
CONFERENCE_LOCKED = declare(
    "conference.locked", *set_conference(status="locked"), says=lambda t, p: "locked the board"
)
CONFERENCE_UNLOCKED = declare(
    "conference.unlocked", *set_conference(status="open"), says=lambda t, p: "unlocked the board"
)
SESSION_CLOSED = declare(
    "session.closed",
    fold=_session_closed,
    view=set_conference(closed_session=True)[1],
    says=lambda t, p: "started a closed session (the family left the room)",
)
SESSION_OPENED = declare(
    "session.opened",
    fold=_session_opened,
    view=_show_session_opened,
    says=lambda t, p: "ended the closed session",
    shown=_family_catches_up,
)
DECISION_RECORDED = declare(
    "decision.recorded", fold=_decided, view=_show_decided, says=lambda t, p: "recorded the decision"
)
CONFERENCE_CLOSED = declare(
    "conference.closed",
    fold=_closed,
    view=_show_closed,
    says=lambda t, p: "ended the conference",
)

# --- the rules ----------------------------------------------------------------------


def create_conference(
    conference_id: str,
    title: Any,
    kind: Any,
    facilitator_id: str,
    display_id: str,
    ctx: Context,
    chair_name: Any = None,
    meeting_at: Any = None,
) -> Change:
    kind = check_choice(
        kind if kind is not None else v.DEFAULT_MEETING_KIND, v.MEETING_KIND_LABELS, "kind of meeting"
    )
    conference = {
        "id": conference_id,
        "title": required_text(title, "title", v.MAX_TITLE),
        "kind": kind,
        "status": "open",
        # the lobby is where the family waits to be let in; a professionals-only meeting has none
        "lobby": v.MEETING_KINDS[kind]["family"],
        "moderation": False,
        "closed_session": False,
        "focus": None,
        "created_at": ctx.now,
        "decision": None,
    }
    if meeting_at is not None:
        _set_meeting_at(conference, meeting_at, ctx)
    chair = clean_text(chair_name, "chair's name", v.MAX_NAME, required=False) or v.DEFAULT_CHAIR_NAME
    members = [
        new_member(facilitator_id, v.MemberKind.FACILITATOR, chair, None, None, ctx.now),
        new_member(display_id, v.MemberKind.DISPLAY, "Projector", None, None, ctx.now),
    ]
    return Change(CONFERENCE_CREATED, {"conference": conference, "members": members}, list(EVERYONE))


@command("session.close", SESSION_CLOSED, chair_only=True)
def session_close(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    Payload(payload, ())
    if board.closed_session:
        raise conflict("A closed session is already running.")
    return Change(SESSION_CLOSED, {}, list(EVERYONE))


@command("session.open", SESSION_OPENED, chair_only=True)
def session_open(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    Payload(payload, ())
    if not board.closed_session:
        raise conflict("There is no closed session to end.")
    return Change(SESSION_OPENED, {}, list(EVERYONE), per_viewer=True)


def _set_meeting_at(conference: dict, value: Any, ctx: Context) -> None:
    """The meeting's local date and time, and the day the reports are due before it (working
    days in the chair's nation: 3 before an initial conference, 5 before a review)."""
    at = parse_meeting_at(value)
    conference["meeting_at"] = at.strftime("%Y-%m-%dT%H:%M") if at else None
    conference["reports_due"] = reports_due(conference["kind"], conference["meeting_at"], ctx.nation)


@command("conference.update", CONFERENCE_UPDATED, chair_only=True)
def conference_update(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("title", "kind", "lobby", "moderation", "observer_consent", "meeting_at"))
    if not p.data:
        raise invalid(
            "Nothing to change: send a title, kind, lobby, moderation, observer_consent or meeting_at."
        )
    new = dict(board.conference)
    if p.has("title"):
        new["title"] = required_text(p.get("title"), "title", v.MAX_TITLE)
    if p.has("kind"):
        new["kind"] = check_choice(p.get("kind"), v.MEETING_KIND_LABELS, "kind of meeting")
    if p.has("lobby"):
        new["lobby"] = check_bool(p.get("lobby"), "lobby")
    if p.has("moderation"):
        new["moderation"] = check_bool(p.get("moderation"), "moderation")
    if p.has("observer_consent"):
        # the chair records that the family agreed (or no longer agrees) to observers
        new["observer_consent"] = check_bool(p.get("observer_consent"), "observer_consent")
    if p.has("meeting_at") or (p.has("kind") and new.get("meeting_at")):
        _set_meeting_at(new, p.get("meeting_at") if p.has("meeting_at") else new["meeting_at"], ctx)
    return Change(CONFERENCE_UPDATED, {"conference": new}, restrict(board, EVERYONE))


@command("conference.focus", CONFERENCE_FOCUSED, chair_only=True)
def conference_focus(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("section",))
    if not p.has("section"):
        raise invalid("Say which section to show, or null for the whole board.")
    section = check_choice(p.get("section"), v.FOCUS_SECTIONS, "section", nullable=True)
    return Change(CONFERENCE_FOCUSED, {"section": section}, restrict(board, EVERYONE))


@command("conference.lock", CONFERENCE_LOCKED, chair_only=True)
def conference_lock(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    Payload(payload, ())
    if board.status == "locked":
        raise conflict("The board is already locked.")
    return Change(CONFERENCE_LOCKED, {}, restrict(board, EVERYONE))


@command("conference.unlock", CONFERENCE_UNLOCKED, chair_only=True)
def conference_unlock(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    Payload(payload, ())
    if board.status != "locked":
        raise conflict("The board is not locked.")
    return Change(CONFERENCE_UNLOCKED, {}, restrict(board, EVERYONE))


def _decision_fits_the_kind(board: Board, mode: str, p: Payload) -> None:
    """A strategy discussion decides whether there will be an enquiry, a family network
    meeting only when to meet next: those are held to their panel (vocabulary
    DECISION_PANELS); the v1 kinds keep every v1 field (the contract)."""
    if mode not in v.STRICT_DECISIONS:
        return
    extra = sorted(k for k in p.data if k not in v.DECISION_PANELS[mode])
    if extra:
        label = v.meeting_kind(board.conference)["label"].lower()
        raise invalid(
            "This kind of meeting ({label}) doesn't record '{extra}' in its decision.",
            label=label,
            extra=extra[0],
        )


def _categories(value: Any) -> list[str]:
    cats = value or []
    if not isinstance(cats, list):
        raise invalid("The categories must be a list.")
    for c in cats:
        check_choice(c, v.ABUSE_CATEGORIES, "category of harm")
    return [c for c in v.ABUSE_CATEGORIES if c in cats]


def _per_child(board: Board, value: Any) -> list[dict]:
    """[{child_id, outcome, categories, dissent}], one per child named on the board."""
    if not isinstance(value, list):
        raise invalid("The decision for each child must be a list.")
    children = {c["id"] for c in board.conference.get("children") or []}
    out = []
    for raw in value:
        p = Payload(raw, ("child_id", "outcome", "categories", "dissent"))
        child_id = check_id(p.require("child_id", "child"), "child")
        if child_id not in children:
            raise not_found("child")
        out.append(
            {
                "child_id": child_id,
                "outcome": _outcome(board, p.get("outcome")),
                "categories": _categories(p.get("categories")),
                "dissent": clean_text(p.get("dissent"), "dissent", v.MAX_DECISION_TEXT, required=False),
            }
        )
    if len({d["child_id"] for d in out}) != len(out):
        raise invalid("Each child has one decision: a child is listed twice.")
    return out


def _agencies(value: Any) -> list[dict]:
    """[{agency, plan (true/false/null), why}]: each agency's view, asked before the decision."""
    if not isinstance(value, list):
        raise invalid("The agencies' views must be a list.")
    if len(value) > v.MAX_AGENCIES:
        raise DomainError(
            "too_large",
            "At most {max_agencies} agencies' views can be recorded.",
            max_agencies=v.MAX_AGENCIES,
        )
    out = []
    for raw in value:
        p = Payload(raw, ("agency", "plan", "why"))
        plan = p.get("plan")
        if plan is not None and not isinstance(plan, bool):
            raise invalid("Say whether the agency thinks a plan is needed with true, false or null.")
        out.append(
            {
                "agency": required_text(p.get("agency"), "agency", v.MAX_NAME),
                "plan": plan,
                "why": clean_text(p.get("why"), "reason", v.MAX_DECISION_TEXT, required=False),
            }
        )
    return out


def _outcome(board: Board, value: Any) -> str | None:
    """An outcome this kind of meeting can reach (or null): an initial conference cannot
    end a plan there is not yet, nor a review start one it already has."""
    mode = v.meeting_kind(board.conference)["decision"]
    outcome = check_choice(value, v.DECISION_OUTCOMES[mode], "outcome", nullable=True)
    fits = v.outcomes_of(board.conference)
    if outcome is not None and outcome not in fits:
        # the app's own words, said in the language of whoever was refused
        raise invalid(
            "“{target}” is not an outcome of this meeting ({label}): choose one of the outcomes it offers.",
            target=v.OUTCOMES[outcome],
            label=v.meeting_kind(board.conference)["label"],
        )
    return outcome


@command("decision.record", DECISION_RECORDED, chair_only=True)
def decision_record(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, v.DECISION_PANELS["cp"])  # every field a decision can hold
    if board.closed_session:
        # the family hears the decision with everyone: one made in private would reach
        # them when the session ends, so it is recorded after it
        raise conflict(
            "Please end the closed session before recording the decision, so the family hears it too."
        )
    if not p.data:
        raise invalid("Nothing to record: send the outcome, categories, text, dissent or next meeting.")
    decision = dict(
        board.conference.get("decision")
        or {"outcome": None, "categories": [], "text": None, "dissent": None, "next_meeting": None}
    )
    mode = v.meeting_kind(board.conference)["decision"]
    _decision_fits_the_kind(board, mode, p)
    if p.has("outcome"):
        decision["outcome"] = _outcome(board, p.get("outcome"))
    if p.has("categories"):
        decision["categories"] = _categories(p.get("categories"))
    if p.has("per_child"):
        decision["per_child"] = _per_child(board, p.get("per_child"))
    if p.has("agencies"):
        decision["agencies"] = _agencies(p.get("agencies"))
    if p.has("lead_social_worker"):
        decision["lead_social_worker"] = clean_text(
            p.get("lead_social_worker"), "lead social worker", v.MAX_NAME, required=False
        )
    if p.has("first_core_group"):
        decision["first_core_group"] = check_date(p.get("first_core_group"), "first core group date")
    if p.has("text"):
        decision["text"] = clean_text(p.get("text"), "decision", v.MAX_DECISION_TEXT, required=False)
    if p.has("dissent"):
        decision["dissent"] = clean_text(p.get("dissent"), "dissent", v.MAX_DECISION_TEXT, required=False)
    if p.has("next_meeting"):
        decision["next_meeting"] = check_date(p.get("next_meeting"), "next meeting date")
    if p.has("next_meeting_time"):
        decision["next_meeting_time"] = _time_of_day(p.get("next_meeting_time"))
    if p.has("next_meeting_place"):
        decision["next_meeting_place"] = clean_text(
            p.get("next_meeting_place"), "next meeting place", v.MAX_PLACE, required=False
        )
    decision["recorded_at"] = ctx.now
    decision["recorded_by"] = actor["member_id"]
    return Change(DECISION_RECORDED, {"decision": decision}, restrict(board, EVERYONE))


_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _time_of_day(value: Any) -> str | None:
    """A time of day as HH:MM (24-hour), or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise invalid("Please give the time of the next meeting as hours and minutes, like 14:30.")
    return value


@command("conference.close", CONFERENCE_CLOSED, chair_only=True)
def conference_close(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    Payload(payload, ())
    if board.closed_session:
        raise conflict("Please end the closed session before closing the conference.")
    # the last day anyone who took part may ask for a correction: 10 working days on
    until = corrections_until(ctx.now, ctx.nation, ctx.timezone)
    return Change(CONFERENCE_CLOSED, {"corrections_until": until}, restrict(board, EVERYONE))

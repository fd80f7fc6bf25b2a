"""People: joining by code, the lobby, the chair letting in, adding and removing, and each
person's own language. Their events are declared here with how each is folded and told."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import N_, DomainError
from ..events import Event, Teller, declare, upsert
from ..state import Board, sort_items, sort_members
from ..validate import Payload, check_bool, check_choice, clean_text, invalid, required_text
from ..views import Viewer, item_visible
from .common import EVERYONE, conflict, forbidden, member_by_id, restrict
from .items import folded_item
from .registry import Change, Context, command

# --- the events -------------------------------------------------------------------


def _put(b: Board, p: dict, e: Event) -> None:
    m = dict(p["member"])
    b.members[m["member_id"]] = m
    if m.get("status") != v.Status.WAITING:
        b.public_members.add(m["member_id"])


def _replace(b: Board, p: dict, e: Event) -> None:
    b.members[p["member"]["member_id"]] = dict(p["member"])


def _show(snap: dict, p: dict) -> None:
    upsert(snap["members"], "member_id", p["member"])
    snap["members"] = sort_members(snap["members"])


def _role(member: dict) -> str:
    return v.ROLES.get(member.get("role") or "", "").lower()


def _joined(t: Teller, p: dict) -> str:
    waited = " and waited to be let in" if p["member"]["status"] == v.Status.WAITING else ""
    return f"joined as {_role(p['member'])}{waited}"


def _added(t: Teller, p: dict) -> str:
    m = p["member"]
    where = "in the room without a phone" if m["present"] else "who sent apologies"
    return f"added {m['name']} ({v.ROLES.get(m['role'], '')}), {where}"


def _language(t: Teller, p: dict) -> str:
    own = v.LANGUAGES.get(p["member"].get("language") or "", ("?",))[0]
    return f"{p['member']['name']} chose to read the board in {own}"


def _remove(b: Board, p: dict, e: Event) -> None:
    b.members[p["member_id"]]["status"] = v.Status.REMOVED


def _show_removed(snap: dict, p: dict) -> None:
    for m in snap["members"]:
        if m["member_id"] == p["member_id"]:
            m["status"] = v.Status.REMOVED


MEMBER_JOINED = declare("member.joined", fold=_put, view=_show, says=_joined)
MEMBER_ADMITTED = declare(
    "member.admitted",
    fold=_put,
    view=_show,
    says=lambda t, p: (
        f"let {p['member']['name']} in to the meeting"
        if p["member"].get("arrived_at")
        else f"let {p['member']['name']} in"
    ),
)
MEMBER_LANGUAGE_SET = declare("member.language_set", fold=_replace, view=_show, says=_language)
MEMBER_ADDED = declare("member.added", fold=_put, view=_show, says=_added)
MEMBER_INVITED = declare(
    "member.invited",
    fold=_put,
    view=_show,
    says=lambda t, p: (
        f"invited {p['member']['name']} ({_role(p['member'])}) to send a report before the meeting"
    ),
)
INVITATION_OPENED = declare(
    "invitation.opened",
    fold=_replace,
    view=_show,
    says=lambda t, p: "opened the link the chair sent them",
)


def _report_sent(b: Board, p: dict, e: Event) -> None:
    _replace(b, p, e)
    for item in p.get("items", []):  # logs from before held items have none
        b.items[item["id"]] = folded_item(item)


def _show_report_sent(snap: dict, p: dict) -> None:
    _show(snap, p)
    if p.get("items"):
        for item in p["items"]:
            upsert(snap["items"], "id", item)
        snap["items"] = sort_items(snap["items"])


def _sent_items(event: Event, viewer: Viewer, board_after: Board | None) -> dict:
    """The report's items reach each screen that may now see them: the family side is sent
    them here for the first time (never the private ones, nor those still waiting for the
    chair); the professionals' screens learn they are no longer held."""
    p = event["payload"]
    if "items" not in p:
        return p
    return {"member": p["member"], "items": [i for i in p["items"] if item_visible(i, viewer)]}


REPORT_SUBMITTED = declare(
    "report.submitted",
    fold=_report_sent,
    view=_show_report_sent,
    says=lambda t, p: "sent their report",
    shown=_sent_items,
)
MEMBER_REMOVED = declare(
    "member.removed",
    fold=_remove,
    view=_show_removed,
    says=lambda t, p: f"removed {t.name(p['member_id'])}",
)

# --- the rules ----------------------------------------------------------------------


def join(board: Board, member_id: str, name: Any, role: Any, ctx: Context, language: Any = None) -> Change:
    """Someone joins by code: they wait in the lobby, or come straight in without one."""
    if board.status == "closed":
        raise DomainError("closed", "This conference has finished, so it can't be joined.")
    name = required_text(name, "name", v.MAX_NAME)
    role = offered_role(board, role)
    observer_allowed(board, role)
    # once the chair has removed someone, everyone joining waits to be let in, lobby or not:
    # the person removed cannot come straight back under another name
    lobby = board.conference["lobby"] or board.anyone_removed()
    room_for(board, waiting=lobby)
    status = v.Status.WAITING if lobby else v.Status.ADMITTED
    member = new_member(member_id, v.MemberKind.PARTICIPANT, name, role, status, ctx.now)
    if language is not None:
        member["language"] = check_choice(language, v.LANGUAGES, "language")
    vis = [] if status == v.Status.WAITING else restrict(board, EVERYONE)
    return Change(MEMBER_JOINED, {"member": member}, vis, {"member_id": member_id})


def offered_role(board: Board, role: Any) -> str:
    """A role this kind of meeting has: a strategy discussion is for professionals only."""
    role = check_choice(role, v.ROLES, "role")
    kind = v.meeting_kind(board.conference)
    if role not in kind["roles"]:
        if not kind["family"]:
            raise invalid("A {label} is for professionals only.", label=kind["label"].lower())
        raise invalid(
            "A {label} doesn't have a {roles}.", label=kind["label"].lower(), roles=v.ROLES[role].lower()
        )
    return role


def observer_allowed(board: Board, role: str | None) -> None:
    """An observer (a student, an auditor) comes in only once the chair has recorded that
    the family agreed."""
    if role == v.OBSERVER_ROLE and not board.conference.get("observer_consent"):
        raise forbidden(
            "Observers can join only once the family has agreed and the chair has noted it. Please ask the chair."
        )


def room_for(board: Board, waiting: bool = False) -> None:
    """The meeting holds MAX_MEMBERS people; its lobby MAX_WAITING more, counted apart, so
    a leaked code can fill the lobby but never the meeting."""
    if waiting:
        if board.waiting() >= v.MAX_WAITING:
            raise DomainError(
                "too_large",
                "Too many people are waiting to be let in just now. Please tell the chair, or try again in a few minutes.",
            )
    elif board.live_members() >= v.MAX_MEMBERS:
        raise DomainError(
            "too_large", "This conference already has {max_members} people.", max_members=v.MAX_MEMBERS
        )


def new_member(mid: str, kind: str, name: str, role: str | None, status: str | None, now: str) -> dict:
    return {
        "member_id": mid,
        "kind": kind,
        "name": name,
        "role": role,
        "status": status,
        "present": True,
        "joined_at": now,
        "language": None,  # their own choice of language for their screens (None: the page's)
    }


def invite(
    board: Board, chair_id: str, member_id: str, name: Any, role: Any, agency: Any, ctx: Context
) -> Change:
    """The chair invites a professional ahead of the meeting: a participant let in at once
    to the board and marked invited, who may add items and send their report before the
    meeting — but not in the meeting (`present: false`) until the chair lets them in to it
    (member.admit): someone who only sent a report was not there."""
    if board.status == "closed":
        raise DomainError("closed", "This conference has finished; the board can no longer change.")
    name = required_text(name, "name", v.MAX_NAME)
    role = check_choice(role, v.PROFESSIONAL_ROLES, "role")
    if role == v.OBSERVER_ROLE:
        raise invalid("Invite the professionals who send a report: an observer does not send one.")
    role = offered_role(board, role)
    agency = clean_text(agency, "agency", v.MAX_AGENCY, required=False)
    room_for(board)
    member = new_member(member_id, v.MemberKind.PARTICIPANT, name, role, v.Status.ADMITTED, ctx.now)
    member.update(
        present=False,
        invited=True,
        agency=agency,
        opened_at=None,
        report_submitted_at=None,
        report_view=None,
        arrived_at=None,
    )
    return Change(
        MEMBER_INVITED,
        {"member": member},
        restrict(board, EVERYONE),
        {"member_id": member_id},
        audit=(N_("invited before the meeting"), member_id),
    )


def opens_invitation(board: Board, member_id: str) -> bool:
    """Is this the first time an invited professional opens their link? (the tracker's
    "opened"; every later connection changes nothing)"""
    m = board.members.get(member_id)
    return bool(
        m
        and m.get("invited")
        and not m.get("opened_at")
        and m["status"] == v.Status.ADMITTED
        and board.status != "closed"
    )


def invitation_opened(board: Board, member_id: str, ctx: Context) -> Change:
    """An invited professional's screen connects for the first time: when is kept, once."""
    if not opens_invitation(board, member_id):
        raise conflict("This link was opened before.")
    new = dict(board.members[member_id], opened_at=ctx.now)
    return Change(INVITATION_OPENED, {"member": new}, restrict(board, EVERYONE), {"member_id": member_id})


@command("report.submit", REPORT_SUBMITTED)
def report_submit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """An invited professional says their report is done, with their view on the decision if
    they give one; the time is kept (the minutes say whether it came by the reports' date)."""
    p = Payload(payload, ("view",))
    if not actor.get("invited"):
        raise forbidden("Only someone the chair invited before the meeting sends a report here.")
    if actor.get("report_submitted_at"):
        raise conflict("You have already sent your report.")
    view = clean_text(p.get("view"), "view on the decision", v.MAX_REPORT_VIEW, required=False)
    new = dict(actor, report_submitted_at=ctx.now, report_view=view)
    mid = new["member_id"]
    # what they wrote into the board is sent with it: no longer held from the family
    items = [
        dict(i, held=False)
        for i in sort_items(list(board.items.values()))
        if i.get("held") and i["author"] == mid
    ]
    vis = restrict(board, EVERYONE)
    payload = {"member": new, "items": items}
    return Change(REPORT_SUBMITTED, payload, vis, {"member_id": mid}, per_viewer=True)


def joins_meeting(member: dict) -> bool:
    """Someone invited before the meeting, on the board but not yet in the meeting: the
    chair lets them in to it (member.admit) when they come."""
    return bool(member.get("invited")) and not member.get("present") and member["status"] == v.Status.ADMITTED


@command("member.admit", MEMBER_ADMITTED, chair_only=True)
def member_admit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair lets in someone waiting in the lobby, or someone invited before the meeting
    who has now come to it (in the room or on their link): from then on they are present."""
    p = Payload(payload, ("member_id",))
    member = member_by_id(board, p.require("member_id", "member id"))
    if joins_meeting(member):
        new = dict(member, present=True, arrived_at=ctx.now)
        admit = None  # their screens already follow the board
    elif member["kind"] == v.MemberKind.PARTICIPANT and member["status"] == v.Status.WAITING:
        observer_allowed(board, member["role"])
        room_for(board)
        new = dict(member, status=v.Status.ADMITTED)
        admit = new["member_id"]
    else:
        raise conflict("{name} is not waiting to be let in.", name=member["name"])
    mid = new["member_id"]
    return Change(
        MEMBER_ADMITTED,
        {"member": new},
        restrict(board, EVERYONE),
        {"member_id": mid},
        admit=admit,
        audit=(N_("let in"), mid),
    )


@command("member.language", MEMBER_LANGUAGE_SET, in_closed_session=True)
def member_language(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Someone chooses the language of their own screens; kept in their member record."""
    p = Payload(payload, ("language",))
    language = check_choice(p.require("language", "language"), v.LANGUAGES, "language")
    new = dict(actor, language=language)
    mid = new["member_id"]
    vis = restrict(board, EVERYONE) if mid in board.public_members else ["m:" + mid]
    return Change(MEMBER_LANGUAGE_SET, {"member": new}, vis, {"member_id": mid, "language": language})


@command("member.remove", MEMBER_REMOVED, chair_only=True)
def member_remove(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("member_id",))
    member = member_by_id(board, p.require("member_id", "member id"))
    if member["kind"] == v.MemberKind.FACILITATOR:
        raise forbidden("The chair cannot be removed from their own conference.")
    if member["status"] == v.Status.REMOVED:
        raise conflict("{name} has already been removed.", name=member["name"])
    vis = restrict(board, EVERYONE) if member["member_id"] in board.public_members else []
    mid = member["member_id"]
    return Change(
        MEMBER_REMOVED, {"member_id": mid}, vis, {"member_id": mid}, remove=mid, audit=(N_("removed"), mid)
    )


@command("member.add", MEMBER_ADDED, chair_only=True)
def member_add(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("name", "role", "present"))
    name = required_text(p.get("name"), "name", v.MAX_NAME)
    role = offered_role(board, p.require("role", "role"))
    present = check_bool(p.get("present", True), "present")
    observer_allowed(board, role)
    room_for(board)
    member = new_member(ctx.new_id(), v.MemberKind.OFFLINE, name, role, None, ctx.now)
    member["present"] = present
    return Change(
        MEMBER_ADDED, {"member": member}, restrict(board, EVERYONE), {"member_id": member["member_id"]}
    )

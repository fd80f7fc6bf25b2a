"""The command rules: decide(board, actor, command) -> the event it makes, or a DomainError."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import vocabulary as v
from .errors import N_, DomainError
from .ranks import rank_between
from .state import Board, summarise
from .validate import (
    Payload,
    check_bool,
    check_choice,
    check_date,
    check_id,
    check_int,
    clean_text,
    invalid,
    required_text,
)

ALL = (v.Audience.STAFF, v.Audience.FAMILY)


@dataclass(frozen=True)
class Context:
    """What comes in from the edge: the time and a source of fresh ids."""

    now: str
    new_id: Callable[[], str]


@dataclass
class Decision:
    """The event a command makes, before the store gives it a seq, and what else it means
    beyond the board (the service carries that out; the domain only says it)."""

    type: str
    payload: dict[str, Any]
    vis: list[str]
    result: dict[str, Any] | None = None
    per_viewer: bool = False  # each member gets their own version (a score, a board)
    admit: str | None = None  # this member is now in the room: their screens join it
    remove: str | None = None  # this member's tokens stop and their screens are cut
    audit: tuple[str, str] | None = None  # (what happened, to which member) for the access audit


def make_event(seq: int, decision: Decision, actor: str | None, at: str) -> dict[str, Any]:
    """The one place an event is made: what the log holds and every screen folds."""
    return {
        "seq": seq,
        "type": decision.type,
        "payload": decision.payload,
        "actor": actor,
        "at": at,
        "vis": decision.vis,
    }


def forbidden(message: str, **values: Any) -> DomainError:
    return DomainError("forbidden", message, **values)


NOT_FOUND = {
    "child": N_("We couldn't find that child. It may have been removed."),
    "danger statement": N_("We couldn't find that danger statement. It may have been removed."),
    "item": N_("We couldn't find that item. It may have been removed."),
    "item to place it before": N_("We couldn't find that item to place it before. It may have been removed."),
    "person": N_("We couldn't find that person. It may have been removed."),
    "safety goal": N_("We couldn't find that safety goal. It may have been removed."),
    "scaling round": N_("We couldn't find that scaling round. It may have been removed."),
    "statement": N_("We couldn't find that statement. It may have been removed."),
}


def not_found(what: str) -> DomainError:
    return DomainError("not_found", NOT_FOUND[what])


def conflict(message: str, **values: Any) -> DomainError:
    return DomainError("conflict", message, **values)


# --- who may see an event -------------------------------------------------------------


def restrict(board: Board, vis: list[str] | tuple[str, ...]) -> list[str]:
    """During a closed session the family side and the display see nothing."""
    if not board.closed_session:
        return list(vis)
    return [
        t
        for t in vis
        if t != v.Audience.FAMILY and not (t.startswith("m:") and board.side_of(t[2:]) == v.Side.FAMILY)
    ]


def item_vis(item: dict[str, Any]) -> list[str]:
    if item["status"] == v.ItemStatus.PENDING:
        return ["m:" + item["author"]]
    if item["private"]:
        return [v.Audience.STAFF]
    return list(ALL)


def private_vis(thing: dict[str, Any]) -> list[str]:
    return [v.Audience.STAFF] if thing.get("private") else list(ALL)


# --- server-made events ---------------------------------------------------------------


def create_conference(
    conference_id: str,
    title: Any,
    kind: Any,
    facilitator_id: str,
    display_id: str,
    ctx: Context,
    chair_name: Any = None,
) -> Decision:
    kind = check_choice(kind if kind is not None else v.DEFAULT_KIND, v.KINDS, "kind of meeting")
    conference = {
        "id": conference_id,
        "title": required_text(title, "title", v.MAX_TITLE),
        "kind": kind,
        "status": "open",
        # the lobby is where the family waits to be let in; a professionals-only meeting has none
        "lobby": v.KIND_DETAILS[kind]["family"],
        "moderation": False,
        "closed_session": False,
        "focus": None,
        "created_at": ctx.now,
        "decision": None,
    }
    chair = clean_text(chair_name, "chair's name", v.MAX_NAME, required=False) or "Chair"
    members = [
        _member(facilitator_id, v.Kind.FACILITATOR, chair, None, None, ctx.now),
        _member(display_id, v.Kind.DISPLAY, "Projector", None, None, ctx.now),
    ]
    return Decision("conference.created", {"conference": conference, "members": members}, list(ALL))


def _offered_role(board: Board, role: Any) -> str:
    """A role this kind of meeting has: a strategy discussion is for professionals only."""
    role = check_choice(role, v.ROLES, "role")
    kind = v.kind_of(board.conference)
    if role not in kind["roles"]:
        if not kind["family"]:
            raise invalid("A {label} is for professionals only.", label=kind["label"].lower())
        raise invalid(
            "A {label} doesn't have a {roles}.", label=kind["label"].lower(), roles=v.ROLES[role].lower()
        )
    return role


def join(board: Board, member_id: str, name: Any, role: Any, ctx: Context, language: Any = None) -> Decision:
    """Someone joins by code: they wait in the lobby, or come straight in without one."""
    if board.status == "closed":
        raise DomainError("closed", "This conference has finished, so it can't be joined.")
    name = required_text(name, "name", v.MAX_NAME)
    role = _offered_role(board, role)
    _observer_allowed(board, role)
    # once the chair has removed someone, everyone joining waits to be let in, lobby or not:
    # the person removed cannot come straight back under another name
    lobby = board.conference["lobby"] or board.anyone_removed()
    _room_for(board, waiting=lobby)
    status = v.Status.WAITING if lobby else v.Status.ADMITTED
    member = _member(member_id, v.Kind.PARTICIPANT, name, role, status, ctx.now)
    if language is not None:
        member["language"] = check_choice(language, v.LANGUAGES, "language")
    vis = [] if status == v.Status.WAITING else restrict(board, ALL)
    return Decision("member.joined", {"member": member}, vis, {"member_id": member_id})


def _observer_allowed(board: Board, role: str | None) -> None:
    """An observer (a student, an auditor) comes in only once the chair has recorded that
    the family agreed."""
    if role == v.OBSERVER_ROLE and not board.conference.get("observer_consent"):
        raise forbidden(
            "Observers can join only once the family has agreed and the chair has noted it. Please ask the chair."
        )


def _room_for(board: Board, waiting: bool = False) -> None:
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


def _member(mid: str, kind: str, name: str, role: str | None, status: str | None, now: str) -> dict:
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


# --- commands -------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One command, registered once: its rule, the event it makes and who may send it."""

    name: str
    event: str
    rule: Callable[[Board, dict, bool, Any, Context], Decision]
    chair_only: bool
    while_open: bool  # a participant needs the board unlocked
    in_closed_session: bool  # the family side may send it during a closed session
    after_end: bool = False  # only once the conference has ended (checking the record)


COMMANDS: dict[str, Command] = {}
# events the server makes itself, not from a command
SERVER_EVENTS = ("conference.created", "member.joined")


def command(
    name: str,
    event: str,
    *,
    chair_only: bool = False,
    while_open: bool = False,
    in_closed_session: bool = False,
    after_end: bool = False,
):
    """Register a command's rule: @command("item.add", "item.added", while_open=True)."""

    def register(rule: Callable[[Board, dict, bool, Any, Context], Decision]):
        assert name not in COMMANDS, name
        COMMANDS[name] = Command(name, event, rule, chair_only, while_open, in_closed_session, after_end)
        return rule

    return register


def event_types() -> list[str]:
    """Every event type there is, from the registrations (two commands may make one)."""
    return list(dict.fromkeys([*SERVER_EVENTS, *(c.event for c in COMMANDS.values())]))


def decide(board: Board, actor_id: str, type_: Any, payload: Any, ctx: Context) -> Decision:
    """Check a command against the board and say which event it makes."""
    if not isinstance(type_, str) or type_ not in COMMANDS:
        raise invalid("'{type}' is not a command this board knows.", type=type_)
    spec = COMMANDS[type_]
    actor = board.members.get(actor_id)
    if actor is None or actor["status"] == v.Status.REMOVED:
        raise DomainError("unauthorized", "You are no longer part of this conference.")
    kind = actor["kind"]
    if kind == v.Kind.DISPLAY:
        raise forbidden("The projector shows the board; it cannot change it.")
    if kind == v.Kind.PARTICIPANT and actor["status"] != v.Status.ADMITTED:
        raise forbidden("The chair will let you in shortly. Please wait.")
    if kind not in (v.Kind.FACILITATOR, v.Kind.PARTICIPANT):
        raise forbidden("This person cannot change the board.")
    if (
        kind == v.Kind.PARTICIPANT
        and board.closed_session
        and board.side_of(actor_id) == v.Side.FAMILY
        and not spec.in_closed_session
    ):
        raise DomainError(
            "forbidden",
            "The professionals are talking privately. What you wrote is kept and will be sent when you are back on the board.",
        )
    if board.status == "closed" and not spec.after_end:
        raise DomainError("closed", "This conference has finished; the board can no longer change.")
    is_chair = kind == v.Kind.FACILITATOR
    if not is_chair and spec.chair_only:
        raise forbidden("Only the chair can do that.")
    if spec.after_end and board.status != "closed":
        raise conflict("The record is checked after the end. Until then, change it on the board.")
    if not is_chair and spec.while_open and board.status == "locked":
        raise DomainError(
            "locked",
            "The chair has paused changes to the board for now. What you wrote is kept and will be sent when the board opens again.",
        )
    decision = spec.rule(board, actor, is_chair, payload, ctx)
    assert decision.type == spec.event, (type_, decision.type)
    return decision


def _visible_item(board: Board, actor: dict, is_chair: bool, item_id: Any) -> dict:
    item_id = check_id(item_id, "item id")
    item = board.items.get(item_id)
    if item is None:
        raise not_found("item")
    if not is_chair:
        side = board.side_of(actor["member_id"])
        if item["private"] and side != v.Side.PROFESSIONAL:
            raise not_found("item")
        if item["status"] == v.ItemStatus.PENDING and item["author"] != actor["member_id"]:
            raise not_found("item")
    return item


def _check_plan_fields(column: str, owner: Any, due: Any) -> None:
    if column != v.PLAN_COLUMN and (owner is not None or due is not None):
        raise invalid("Only 'What needs to happen?' items can have a person and a date.")


def _check_category(column: str, category: Any) -> str | None:
    if category is None:
        return None
    if not isinstance(category, str) or category not in v.CATEGORIES[column]:
        raise invalid(
            "'{category}' is not a heading in the '{value}' column.",
            category=category,
            value=v.COLUMNS[column][0],
        )
    return category


def _check_voice(board: Board, actor: dict, is_chair: bool, voice: Any) -> str | None:
    voice = check_choice(voice, v.VOICES, "voice", nullable=True)
    if voice == "child" and not is_chair and actor["role"] != v.CHILD_ROLE:
        raise forbidden("Only the chair or the child can mark words as the child's own.")
    return voice


CHILD_FIELDS = ("child_id", "heard_how")
PLAN_LINK = ("goal_id",)  # a next step may say which safety goal it serves


def _check_goal(board: Board, column: str, goal_id: Any) -> str | None:
    if goal_id is None:
        return None
    if column != v.PLAN_COLUMN:
        raise invalid("Only 'What needs to happen?' items can serve a safety goal.")
    goal = board.statements.get(check_id(goal_id, "safety goal"))
    if goal is None or goal["kind"] != "safety_goal":
        raise not_found("safety goal")
    return goal["id"]


def _check_child_words(board: Board, voice: str | None, child_id: Any, heard_how: Any) -> tuple:
    """Which child said it and how we heard it: only for the child's own words."""
    if child_id is None and heard_how is None:
        return None, None
    if voice != "child":
        raise invalid("Which child and how we heard it go with the child's own words only.")
    if child_id is not None:
        check_id(child_id, "child")
        if not any(c["id"] == child_id for c in board.conference.get("children") or []):
            raise not_found("child")
    heard_how = check_choice(heard_how, v.HEARD_HOW, "way we heard the child", nullable=True)
    return child_id, heard_how


@command("item.add", "item.added", while_open=True)
def item_add(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(
        payload,
        ("id", "column", "category", "text", "owner", "due", "voice", "source", *CHILD_FIELDS, *PLAN_LINK),
    )
    item_id = check_id(p.get("id"), "item id") if p.get("id") is not None else ctx.new_id()
    column = check_choice(p.require("column", "column"), v.COLUMNS, "column")
    category = _check_category(column, p.get("category"))
    text = required_text(p.get("text"), "text", v.MAX_ITEM_TEXT)
    owner = clean_text(p.get("owner"), "person responsible", v.MAX_OWNER, required=False)
    due = check_date(p.get("due"), "date")
    _check_plan_fields(column, owner, due)
    voice = _check_voice(board, actor, is_chair, p.get("voice"))
    source = clean_text(p.get("source"), "source", v.MAX_SOURCE, required=False)
    if source is not None and voice != "child":
        raise invalid("A source can only be given for the child's own words.")
    child_id, heard_how = _check_child_words(board, voice, p.get("child_id"), p.get("heard_how"))
    goal_id = _check_goal(board, column, p.get("goal_id"))
    if item_id in board.items:
        raise conflict("An item with this id already exists.")
    if len(board.items) >= v.MAX_ITEMS:
        raise DomainError("too_large", "This board already has {max_items} items.", max_items=v.MAX_ITEMS)
    last = board.column_ranks(column)
    pending = not is_chair and bool(board.conference["moderation"])
    item = {
        "id": item_id,
        "column": column,
        "category": category,
        "text": text,
        "author": actor["member_id"],
        "status": v.ItemStatus.PENDING if pending else v.ItemStatus.ACCEPTED,
        "private": board.closed_session,
        "voice": voice,
        "source": source,
        "child_id": child_id,
        "heard_how": heard_how,
        "goal_id": goal_id,
        "owner": owner,
        "due": due,
        "created_at": ctx.now,
        "updated_at": ctx.now,
        "version": 1,
        "rank": rank_between(last[-1][0] if last else None, None),
    }
    return Decision("item.added", {"item": item}, restrict(board, item_vis(item)), {"id": item_id})


def _check_version(thing: dict, version: Any) -> None:
    check_int(version, "version", 1, 2**31)
    if version != thing["version"]:
        raise conflict(
            "Someone else changed this a moment ago. Please look at the latest version and try again."
        )


@command("item.edit", "item.edited", while_open=True)
def item_edit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(
        payload,
        ("id", "version", "text", "category", "owner", "due", "voice", "source", *CHILD_FIELDS, *PLAN_LINK),
    )
    item = _visible_item(board, actor, is_chair, p.require("id", "item id"))
    if not is_chair and item["author"] != actor["member_id"]:
        raise forbidden("You can only change what you added yourself.")
    _check_version(item, p.require("version", "version"))
    changes = [
        k
        for k in ("text", "category", "owner", "due", "voice", "source", *CHILD_FIELDS, *PLAN_LINK)
        if p.has(k)
    ]
    if not changes:
        raise invalid("Nothing to change: send the text, heading, person or date.")
    new = dict(item)
    if p.has("text"):
        new["text"] = required_text(p.get("text"), "text", v.MAX_ITEM_TEXT)
    if p.has("category"):
        new["category"] = _check_category(item["column"], p.get("category"))
    if p.has("owner"):
        new["owner"] = clean_text(p.get("owner"), "person responsible", v.MAX_OWNER, required=False)
    if p.has("due"):
        new["due"] = check_date(p.get("due"), "date")
    if p.has("owner") or p.has("due"):
        _check_plan_fields(item["column"], new["owner"], new["due"])
    if p.has("voice"):
        new["voice"] = _check_voice(board, actor, is_chair, p.get("voice"))
        if new["voice"] is None:
            new["source"] = None
            new["child_id"] = new["heard_how"] = None
    if p.has("source"):
        new["source"] = clean_text(p.get("source"), "source", v.MAX_SOURCE, required=False)
        if new["source"] is not None and new["voice"] != "child":
            raise invalid("A source can only be given for the child's own words.")
    if any(p.has(k) for k in CHILD_FIELDS):
        new["child_id"], new["heard_how"] = _check_child_words(
            board,
            new["voice"],
            p.get("child_id") if p.has("child_id") else new.get("child_id"),
            p.get("heard_how") if p.has("heard_how") else new.get("heard_how"),
        )
    if p.has("goal_id"):
        new["goal_id"] = _check_goal(board, item["column"], p.get("goal_id"))
    new["version"] = item["version"] + 1
    new["updated_at"] = ctx.now
    return Decision("item.edited", {"item": new}, restrict(board, item_vis(new)), {"id": new["id"]})


@command("item.move", "item.moved", chair_only=True)
def item_move(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("id", "column", "category", "before"))
    item = _visible_item(board, actor, is_chair, p.require("id", "item id"))
    column = check_choice(p.require("column", "column"), v.COLUMNS, "column")
    if p.has("category"):
        category = _check_category(column, p.get("category"))
    else:
        category = item["category"] if item["category"] in v.CATEGORIES[column] else None
    ranks = [(r, i) for r, i in board.column_ranks(column) if i != item["id"]]
    before = p.get("before")
    if before is None:
        rank = rank_between(ranks[-1][0] if ranks else None, None)
    else:
        before = check_id(before, "item id")
        if before == item["id"]:
            raise invalid("An item cannot be placed before itself.")
        index = next((n for n, (_, i) in enumerate(ranks) if i == before), None)
        if index is None:
            raise not_found("item to place it before")
        rank = rank_between(ranks[index - 1][0] if index else None, ranks[index][0])
    new = dict(item, column=column, category=category, rank=rank)
    if column != v.PLAN_COLUMN:
        new["owner"] = None
        new["due"] = None
        new["goal_id"] = None
    new["version"] = item["version"] + 1
    new["updated_at"] = ctx.now
    return Decision("item.moved", {"item": new}, restrict(board, item_vis(new)), {"id": new["id"]})


@command("item.delete", "item.deleted", while_open=True)
def item_delete(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("id",))
    item = _visible_item(board, actor, is_chair, p.require("id", "item id"))
    if not is_chair and item["author"] != actor["member_id"]:
        raise forbidden("You can only remove what you added yourself.")
    return Decision("item.deleted", {"id": item["id"]}, restrict(board, item_vis(item)), {"id": item["id"]})


def _pending_item(board: Board, actor: dict, payload: Any, verb: str) -> dict:
    p = Payload(payload, ("id",))
    item = _visible_item(board, actor, True, p.require("id", "item id"))
    if item["status"] != v.ItemStatus.PENDING:
        raise conflict("This item is already on the board, so there is nothing to {verb}.", verb=verb)
    return item


@command("item.accept", "item.accepted", chair_only=True)
def item_accept(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    item = _pending_item(board, actor, payload, "accept")
    new = dict(item, status=v.ItemStatus.ACCEPTED)
    return Decision("item.accepted", {"item": new}, restrict(board, item_vis(new)), {"id": item["id"]})


@command("item.reject", "item.rejected", chair_only=True)
def item_reject(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    item = _pending_item(board, actor, payload, "reject")
    return Decision("item.rejected", {"id": item["id"]}, restrict(board, item_vis(item)), {"id": item["id"]})


STATEMENT_TEXT = ("who", "behaviour", "impact", "disagreement", "text")


def _statement_language(p: Payload, default: str | None) -> str:
    """The language a statement's fields were typed in: its sentence is built only in that
    language (other readers get the fields labelled in theirs)."""
    if p.get("language") is None:
        return default or v.SOURCE_LANGUAGE
    return check_choice(p.get("language"), v.LANGUAGES, "language")


def _statement_fields(board: Board, kind: str, p: Payload, base: dict) -> dict:
    new = dict(base)
    for key in STATEMENT_TEXT:
        if p.has(key):
            new[key] = clean_text(p.get(key), key, v.MAX_STATEMENT_FIELD, required=False)
    if p.has("language"):
        new["language"] = _statement_language(p, base.get("language"))
    if p.has("pairs_with"):
        pairs = p.get("pairs_with")
        if pairs is not None:
            target = board.statements.get(check_id(pairs, "statement id"))
            if target is None or (target["private"] and not new["private"]):
                raise not_found("danger statement")
            if target["kind"] != "danger":
                raise invalid("A safety goal can only be paired with a danger statement.")
        new["pairs_with"] = pairs
    if kind == "danger":
        if new["pairs_with"] is not None:
            raise invalid("Only a safety goal can be paired with a danger statement.")
        if not any(new[k] for k in ("who", "behaviour", "impact", "text")):
            raise invalid("Please say who is worried, about what, or what might happen to the child.")
    else:
        if any(new[k] for k in v.DANGER_FIELDS):
            raise invalid("A safety goal has only its text and the danger statement it answers.")
        if not new["text"]:
            raise invalid("Please write the safety goal.")
    return new


@command("statement.add", "statement.added", chair_only=True)
def statement_add(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("id", "kind", *STATEMENT_TEXT, "pairs_with", "language"))
    statement_id = check_id(p.get("id"), "statement id") if p.get("id") is not None else ctx.new_id()
    kind = check_choice(p.require("kind", "kind of statement"), v.STATEMENT_KINDS, "kind of statement")
    base = {
        "id": statement_id,
        "kind": kind,
        **{k: None for k in STATEMENT_TEXT},
        "pairs_with": None,
        "private": board.closed_session,
        # the chair's own language unless the console says which the fields are in
        "language": _statement_language(p, actor.get("language")),
        "version": 1,
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }
    statement = _statement_fields(board, kind, p, base)
    if statement_id in board.statements:
        raise conflict("A statement with this id already exists.")
    if len(board.statements) >= v.MAX_STATEMENTS:
        raise DomainError(
            "too_large",
            "This board already has {max_statements} statements.",
            max_statements=v.MAX_STATEMENTS,
        )
    vis = restrict(board, private_vis(statement))
    return Decision("statement.added", {"statement": statement}, vis, {"id": statement_id})


def _statement(board: Board, actor: dict, statement_id: Any) -> dict:
    statement = board.statements.get(check_id(statement_id, "statement id"))
    if statement is None:
        raise not_found("statement")
    return statement


@command("statement.edit", "statement.edited", chair_only=True)
def statement_edit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("id", "version", *STATEMENT_TEXT, "pairs_with", "language"))
    statement = _statement(board, actor, p.require("id", "statement id"))
    _check_version(statement, p.require("version", "version"))
    if not any(p.has(k) for k in (*STATEMENT_TEXT, "pairs_with")):
        raise invalid("Nothing to change in this statement.")
    if p.get("pairs_with") == statement["id"]:
        raise invalid("A statement cannot be paired with itself.")
    new = _statement_fields(board, statement["kind"], p, statement)
    new["version"] = statement["version"] + 1
    new["updated_at"] = ctx.now
    vis = restrict(board, private_vis(new))
    return Decision("statement.edited", {"statement": new}, vis, {"id": new["id"]})


@command("statement.delete", "statement.deleted", chair_only=True)
def statement_delete(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("id",))
    statement = _statement(board, actor, p.require("id", "statement id"))
    vis = restrict(board, private_vis(statement))
    return Decision("statement.deleted", {"id": statement["id"]}, vis, {"id": statement["id"]})


def _round(board: Board, actor: dict, round_id: Any) -> dict:
    found = board.rounds.get(check_id(round_id, "round id"))
    if found is None:
        raise not_found("scaling round")
    if (
        found["private"]
        and actor["kind"] != v.Kind.FACILITATOR
        and board.side_of(actor["member_id"]) != v.Side.PROFESSIONAL
    ):
        raise not_found("scaling round")
    return found


# The chair's optional words for the family-side phones: the question and the two ends.
FAMILY_WORDING = {
    "family_question": ("question", "question for the family", v.MAX_QUESTION),
    "family_low_label": ("low_label", "family's label for 0", v.MAX_LABEL),
    "family_high_label": ("high_label", "family's label for 10", v.MAX_LABEL),
}


def _family_wording(p: Payload) -> dict | None:
    """{question, low_label, high_label} with None where the chair left the usual words, or
    None when the family sees the same wording as everyone."""
    out = {
        key: clean_text(p.get(field), what, limit, required=False)
        for field, (key, what, limit) in FAMILY_WORDING.items()
    }
    return out if any(out.values()) else None


@command("round.open", "round.opened", chair_only=True)
def round_open(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(
        payload,
        ("id", "question", "low_label", "high_label", "statement_id", *FAMILY_WORDING, "family_language"),
    )
    round_id = check_id(p.get("id"), "round id") if p.get("id") is not None else ctx.new_id()
    question = clean_text(p.get("question"), "question", v.MAX_QUESTION, required=False)
    low = clean_text(p.get("low_label"), "label for 0", v.MAX_LABEL, required=False)
    high = clean_text(p.get("high_label"), "label for 10", v.MAX_LABEL, required=False)
    family = _family_wording(p)
    # the language the chair wrote the family's wording in: family phones in another
    # language read the usual words (in their own language where they are the kind's)
    language = check_choice(p.get("family_language"), v.LANGUAGES, "language of the family's wording", True)
    if language is not None:
        if family is None:
            raise invalid("Write the family's wording first, then say which language it is in.")
        family["language"] = language
    statement_id = p.get("statement_id")
    if statement_id is not None:
        target = _statement(board, actor, statement_id)
        if target["kind"] != "danger":
            raise invalid("A scaling round can be about a danger statement, not a safety goal.")
        if target["private"] and not board.closed_session:
            raise invalid("A round everyone sees cannot be about a statement from a closed session.")
    if round_id in board.rounds:
        raise conflict("A round with this id already exists.")
    if any(r["status"] == "open" for r in board.rounds.values()):
        raise conflict("A scaling round is already open. Close it before starting another.")
    if len(board.rounds) >= v.MAX_ROUNDS:
        raise DomainError(
            "too_large", "This board already has {max_rounds} scaling rounds.", max_rounds=v.MAX_ROUNDS
        )
    scaling_round = {
        "id": round_id,
        # the usual words of this kind of meeting (early help: "things are really difficult")
        "question": question or v.kind_of(board.conference)["question"],
        "low_label": low or v.kind_of(board.conference)["low_label"],
        "high_label": high or v.kind_of(board.conference)["high_label"],
        "statement_id": statement_id,
        "family": family,
        "status": "open",
        "revealed": False,
        "count": 0,
        "private": board.closed_session,
        "opened_at": ctx.now,
    }
    vis = restrict(board, private_vis(scaling_round))
    return Decision("round.opened", {"round": scaling_round}, vis, {"id": round_id})


@command("round.score", "round.scored")
def round_score(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("round_id", "score", "reason"))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    score = check_int(p.get("score"), "score", v.SCORE_MIN, v.SCORE_MAX)
    reason = clean_text(p.get("reason"), "reason", v.MAX_REASON, required=False)
    return _scored(board, scaling_round, actor["member_id"], score, reason)


def _scored(
    board: Board, scaling_round: dict, member_id: str, score: int, reason: str | None, **extra: Any
) -> Decision:
    """A score for one member of an open round (theirs, or given aloud for them): the event
    goes member by member, so only the scorer ever sees it before the reveal."""
    if scaling_round["status"] != "open":
        raise conflict("This round has closed, so scores can no longer change.")
    scores = board.scores[scaling_round["id"]]
    count = len(scores) + (0 if member_id in scores else 1)
    stored = {
        "round_id": scaling_round["id"],
        "count": count,
        "member_id": member_id,
        "score": score,
        "reason": reason,
        **extra,
    }
    vis = restrict(board, private_vis(scaling_round))
    result = {"round_id": scaling_round["id"], "count": count}
    return Decision("round.scored", stored, vis, result, per_viewer=True)


@command("round.score_aloud", "round.scored", chair_only=True)
def round_score_aloud(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    """The chair records the score of someone in the room without a phone, as they say it.
    It is a score like any other: hidden from everyone, the chair included, until the reveal."""
    p = Payload(payload, ("round_id", "member_id", "score", "reason"))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    member = _member_by_id(board, p.require("member_id", "member id"))
    score = check_int(p.get("score"), "score", v.SCORE_MIN, v.SCORE_MAX)
    reason = clean_text(p.get("reason"), "reason", v.MAX_REASON, required=False)
    if member["kind"] != v.Kind.OFFLINE or member["status"] == v.Status.REMOVED:
        raise invalid("{name} has their own screen: they can give their score there.", name=member["name"])
    if not member["present"]:
        raise invalid("{name} sent apologies, so there is no score to give for them.", name=member["name"])
    return _scored(board, scaling_round, member["member_id"], score, reason, aloud=True)


@command("round.close", "round.closed", chair_only=True)
def round_close(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("round_id",))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    if scaling_round["status"] != "open":
        raise conflict("This round is already closed.")
    vis = restrict(board, private_vis(scaling_round))
    return Decision("round.closed", {"round_id": scaling_round["id"]}, vis)


@command("round.reveal", "round.revealed", chair_only=True)
def round_reveal(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("round_id",))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    if scaling_round["revealed"]:
        raise conflict("The scores for this round have already been shown.")
    scores = {mid: dict(s) for mid, s in board.scores[scaling_round["id"]].items()}
    body = {"round_id": scaling_round["id"], "scores": scores, "summary": summarise(scores)}
    return Decision("round.revealed", body, restrict(board, private_vis(scaling_round)))


def _member_by_id(board: Board, member_id: Any) -> dict:
    member = board.members.get(check_id(member_id, "member id"))
    if member is None:
        raise not_found("person")
    return member


@command("member.admit", "member.admitted", chair_only=True)
def member_admit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("member_id",))
    member = _member_by_id(board, p.require("member_id", "member id"))
    if member["kind"] != v.Kind.PARTICIPANT or member["status"] != v.Status.WAITING:
        raise conflict("{name} is not waiting to be let in.", name=member["name"])
    _observer_allowed(board, member["role"])
    _room_for(board)
    new = dict(member, status=v.Status.ADMITTED)
    mid = new["member_id"]
    return Decision(
        "member.admitted",
        {"member": new},
        restrict(board, ALL),
        {"member_id": mid},
        admit=mid,
        audit=("let in", mid),
    )


@command("member.language", "member.language_set", in_closed_session=True)
def member_language(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    """Someone chooses the language of their own screens; kept in their member record."""
    p = Payload(payload, ("language",))
    language = check_choice(p.require("language", "language"), v.LANGUAGES, "language")
    new = dict(actor, language=language)
    mid = new["member_id"]
    vis = restrict(board, ALL) if mid in board.public_members else ["m:" + mid]
    return Decision("member.language_set", {"member": new}, vis, {"member_id": mid, "language": language})


@command("member.remove", "member.removed", chair_only=True)
def member_remove(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("member_id",))
    member = _member_by_id(board, p.require("member_id", "member id"))
    if member["kind"] == v.Kind.FACILITATOR:
        raise forbidden("The chair cannot be removed from their own conference.")
    if member["status"] == v.Status.REMOVED:
        raise conflict("{name} has already been removed.", name=member["name"])
    vis = restrict(board, ALL) if member["member_id"] in board.public_members else []
    mid = member["member_id"]
    return Decision(
        "member.removed", {"member_id": mid}, vis, {"member_id": mid}, remove=mid, audit=("removed", mid)
    )


@command("member.add", "member.added", chair_only=True)
def member_add(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("name", "role", "present"))
    name = required_text(p.get("name"), "name", v.MAX_NAME)
    role = _offered_role(board, p.require("role", "role"))
    present = check_bool(p.get("present", True), "present")
    _observer_allowed(board, role)
    _room_for(board)
    member = _member(ctx.new_id(), v.Kind.OFFLINE, name, role, None, ctx.now)
    member["present"] = present
    return Decision(
        "member.added", {"member": member}, restrict(board, ALL), {"member_id": member["member_id"]}
    )


@command("session.close", "session.closed", chair_only=True)
def session_close(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    Payload(payload, ())
    if board.closed_session:
        raise conflict("A closed session is already running.")
    return Decision("session.closed", {}, list(ALL))


@command("session.open", "session.opened", chair_only=True)
def session_open(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    Payload(payload, ())
    if not board.closed_session:
        raise conflict("There is no closed session to end.")
    return Decision("session.opened", {}, list(ALL), per_viewer=True)


@command("conference.update", "conference.updated", chair_only=True)
def conference_update(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("title", "kind", "lobby", "moderation", "observer_consent"))
    if not p.data:
        raise invalid("Nothing to change: send a title, kind, lobby, moderation or observer_consent.")
    new = dict(board.conference)
    if p.has("title"):
        new["title"] = required_text(p.get("title"), "title", v.MAX_TITLE)
    if p.has("kind"):
        new["kind"] = check_choice(p.get("kind"), v.KINDS, "kind of meeting")
    if p.has("lobby"):
        new["lobby"] = check_bool(p.get("lobby"), "lobby")
    if p.has("moderation"):
        new["moderation"] = check_bool(p.get("moderation"), "moderation")
    if p.has("observer_consent"):
        # the chair records that the family agreed (or no longer agrees) to observers
        new["observer_consent"] = check_bool(p.get("observer_consent"), "observer_consent")
    return Decision("conference.updated", {"conference": new}, restrict(board, ALL))


@command("conference.focus", "conference.focused", chair_only=True)
def conference_focus(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    p = Payload(payload, ("section",))
    if not p.has("section"):
        raise invalid("Say which section to show, or null for the whole board.")
    section = check_choice(p.get("section"), v.FOCUS_SECTIONS, "section", nullable=True)
    return Decision("conference.focused", {"section": section}, restrict(board, ALL))


@command("conference.lock", "conference.locked", chair_only=True)
def conference_lock(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    Payload(payload, ())
    if board.status == "locked":
        raise conflict("The board is already locked.")
    return Decision("conference.locked", {}, restrict(board, ALL))


@command("conference.unlock", "conference.unlocked", chair_only=True)
def conference_unlock(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    Payload(payload, ())
    if board.status != "locked":
        raise conflict("The board is not locked.")
    return Decision("conference.unlocked", {}, restrict(board, ALL))


def _decision_fits_the_kind(board: Board, mode: str, p: Payload) -> None:
    """A strategy discussion decides whether there will be an enquiry, a family network
    meeting only when to meet next: those are held to their panel (vocabulary
    DECISION_PANELS); the v1 kinds keep every v1 field (the contract)."""
    if mode not in v.STRICT_DECISIONS:
        return
    extra = sorted(k for k in p.data if k not in v.DECISION_PANELS[mode])
    if extra:
        label = v.kind_of(board.conference)["label"].lower()
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
                "outcome": check_choice(
                    p.get("outcome"),
                    v.DECISION_OUTCOMES[v.kind_of(board.conference)["decision"]],
                    "outcome",
                    nullable=True,
                ),
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


@command("decision.record", "decision.recorded", chair_only=True)
def decision_record(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
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
    mode = v.kind_of(board.conference)["decision"]
    _decision_fits_the_kind(board, mode, p)
    if p.has("outcome"):
        decision["outcome"] = check_choice(
            p.get("outcome"), v.DECISION_OUTCOMES[mode], "outcome", nullable=True
        )
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
    return Decision("decision.recorded", {"decision": decision}, restrict(board, ALL))


_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _time_of_day(value: Any) -> str | None:
    """A time of day as HH:MM (24-hour), or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise invalid("Please give the time of the next meeting as hours and minutes, like 14:30.")
    return value


@command("conference.close", "conference.closed", chair_only=True)
def conference_close(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Decision:
    Payload(payload, ())
    if board.closed_session:
        raise conflict("Please end the closed session before closing the conference.")
    return Decision("conference.closed", {}, restrict(board, ALL))


def check_projector(board: Board, actor_id: str, payload: Any) -> dict[str, Any]:
    """How the chair wants the projector to show the board just now: its pages turning by
    themselves or held (`paused`) on `page`, and scores asked with the family's own words
    (`family_wording`). Not a command: nothing is logged, it goes only to the projector."""
    actor = board.members.get(actor_id)
    if actor is None or actor["kind"] != v.Kind.FACILITATOR:
        raise forbidden("Only the chair can turn the projector's pages.")
    p = Payload(payload, ("paused", "page", "family_wording"))
    return {
        "paused": check_bool(p.get("paused", False), "paused"),
        "page": check_int(p.get("page", 0), "page", 0, v.MAX_PROJECTOR_PAGE),
        "family_wording": check_bool(p.get("family_wording", False), "family_wording"),
    }


def check_draft(board: Board, actor_id: str, payload: Any) -> dict[str, Any]:
    """A statement the chair is still typing, for the projector's dashed "Draft — not agreed
    yet" box. Not a command: nothing is logged, and it goes only to the projector. {} (or
    no kind) clears the box. `id` names a statement being changed, shown in its place."""
    actor = board.members.get(actor_id)
    if actor is None or actor["kind"] != v.Kind.FACILITATOR:
        raise forbidden("Only the chair's drafts are shown on the projector.")
    if board.status == "closed":
        raise DomainError("closed", "This conference has finished; the board can no longer change.")
    if board.closed_session:
        raise forbidden("The projector shows no drafts while the professionals talk privately.")
    p = Payload(payload, ("id", "kind", *STATEMENT_TEXT, "pairs_with", "language"))
    if p.get("kind") is None:
        if any(p.has(k) for k in ("id", *STATEMENT_TEXT, "pairs_with", "language")):
            raise invalid("A draft needs its kind: 'danger' or 'safety_goal'.")
        return {}
    kind = check_choice(p.get("kind"), v.STATEMENT_KINDS, "kind of statement")
    draft: dict[str, Any] = {
        "kind": kind,
        "id": None,
        "pairs_with": None,
        "language": _statement_language(p, actor.get("language")),
    }
    for key in STATEMENT_TEXT:
        draft[key] = clean_text(p.get(key), key, v.MAX_STATEMENT_FIELD, required=False)
    for key in ("id", "pairs_with"):
        if p.get(key) is not None:
            target = board.statements.get(check_id(p.get(key), "statement id"))
            if target is None or target["private"]:
                raise not_found("statement")
            draft[key] = target["id"]
    return draft

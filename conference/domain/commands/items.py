"""Items: what the room adds under the three columns (worries, what's working well, what
needs to happen), the chair's moderation, moving, and the child's own words."""

from __future__ import annotations

import sys
from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import Event, Teller, declare, upsert
from ..ranks import rank_between
from ..state import Board, kept_from_family, sort_items
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
from ..working_days import before_meeting
from .common import check_version, conflict, forbidden, item_vis, not_found, restrict
from .registry import Change, Context, command

# --- the item's one shape -----------------------------------------------------------


def new_item(
    item_id: str, column: str, text: str, author: str, now: str, *, category: str | None, status: str
) -> dict[str, Any]:
    """An item as the log holds it (added on the board, or carried from last time)."""
    return {
        "id": item_id,
        "column": column,
        "category": category,
        "text": text,
        "author": author,
        "status": status,
        "private": False,
        # kept from the family before the meeting (`private` on item.add/edit with no closed
        # session running), as opposed to said in a closed session: decided by how the item
        # was made, never by its time against meeting_at (which the chair may move)
        "kept": False,
        # written into an invited professional's report not sent yet: kept from the family
        # until report.submitted sends it (members.py)
        "held": False,
        "voice": None,
        "source": None,
        "child_id": None,
        "heard_how": None,
        "goal_id": None,
        "owner": None,
        "due": None,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "rank": None,
        "responses": [],  # what members answered (item.respond): [{member_id, name, text, at}]
    }


# --- the item as the board holds it ---------------------------------------------------

# fields whose values come from a small set (the vocabulary, the board's members and
# children, its goals; ranks, as items added at the end of a column get the same ranks in
# every column of every board): one string object for each value, however many items hold it
SHARED_VALUES = frozenset(
    ("column", "category", "status", "author", "voice", "heard_how", "child_id", "goal_id", "rank")
)


class NoAnswers(list):
    """The one empty `responses` every folded item without answers holds: equal to [] and
    read as a list, but never changed in place (item.respond makes a new list), so a
    mistake that tried would fail here instead of reaching every board."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a folded item's responses are replaced whole, never changed in place")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


NO_ANSWERS = NoAnswers()


class _Fields:
    """Nothing but a holder of a folded item's fields, set as its attributes: CPython keeps
    the attribute names of a class's instances once, shared by all of them (a key-sharing
    dict, PEP 412), so the dict `vars()` gives for each holder stores only its values. It is
    a real dict (type dict: reads, equality, JSON, copies all as for any dict), about 270
    bytes for an item's 21 fields against 470 for a dict of its own keys."""


def folded_item(item: dict[str, Any]) -> dict[str, Any]:
    """A copy of an event's item for the board to keep, equal to it as a dict (the same
    fields in the same order), that takes less room: its field names are kept once for all
    items (_Fields), one string is shared per column, heading, status, author or rank, updated_at
    is the same object as created_at while they are equal, and no answers is one list
    (NO_ANSWERS). Folded items are always replaced whole (put_item), never changed in
    place, except by a correction after the end (record.py), which sets one field."""
    if "__class__" in item or "__dict__" in item:  # names no instance attribute may have
        return dict(item)
    holder = _Fields()
    created = item.get("created_at")
    try:
        for key, value in item.items():
            if type(value) is str:
                if key in SHARED_VALUES:
                    value = sys.intern(value)
                elif key == "updated_at" and value == created:
                    value = created
            elif key == "responses" and value == []:
                value = NO_ANSWERS
            setattr(holder, key, value)  # the name interned and kept in the shared keys
    except (TypeError, AttributeError):  # a name not a string, or __weakref__: never an item's
        return dict(item)
    return vars(holder)


# --- the events -------------------------------------------------------------------


def put_item(b: Board, p: dict, e: Event) -> None:
    b.items[p["item"]["id"]] = folded_item(p["item"])


def show_item(snap: dict, p: dict) -> None:
    upsert(snap["items"], "id", p["item"])
    snap["items"] = sort_items(snap["items"])


def _gone(b: Board, p: dict, e: Event) -> None:
    b.items.pop(p["id"], None)


def _show_gone(snap: dict, p: dict) -> None:
    snap["items"] = [i for i in snap["items"] if i["id"] != p["id"]]


def in_private(p: dict) -> str:
    return " (in private)" if p["item"].get("private") else ""


def _added(t: Teller, p: dict) -> str:
    pending = " — waiting for the chair" if p["item"]["status"] == v.ItemStatus.PENDING else ""
    return f"added to {t.where(p['item'])}: “{p['item']['text']}”{pending}{in_private(p)}"


def _edited(t: Teller, p: dict) -> str:
    item = p["item"]
    c = item.get("carried") or {}
    # a log written before item.review made item.reviewed: the same words, a new status
    if c.get("status") and t.text_before(item["id"]) == item["text"]:
        return said_of_action(t, p)
    return f"changed {t.quoted(item['id'])} to “{item['text']}”{in_private(p)}"


def said_of_action(t: Teller, p: dict) -> str:
    c = p["item"]["carried"]
    note = f" — {c['note']}" if c.get("note") else ""
    return f"said of the action “{p['item']['text']}”: {v.ACTION_REVIEW[c['status']].lower()}{note}"


ITEM_ADDED = declare("item.added", put_item, show_item, says=_added)
ITEM_EDITED = declare("item.edited", put_item, show_item, says=_edited)
ITEM_MOVED = declare(
    "item.moved",
    put_item,
    show_item,
    says=lambda t, p: f"moved “{p['item']['text']}” to {t.where(p['item'])}{in_private(p)}",
)


def _accepted(t: Teller, p: dict) -> str:
    if p.get("shown_to_family"):
        return f"showed “{p['item']['text']}” to the family before its report was sent{in_private(p)}"
    return f"accepted “{p['item']['text']}” onto the board{in_private(p)}"


ITEM_ACCEPTED = declare("item.accepted", put_item, show_item, says=_accepted)
ITEM_DELETED = declare("item.deleted", _gone, _show_gone, says=lambda t, p: f"deleted {t.quoted(p['id'])}")
ITEM_REJECTED = declare(
    "item.rejected", _gone, _show_gone, says=lambda t, p: f"did not accept {t.quoted(p['id'])}"
)

ITEM_RESPONDED = declare(
    "item.responded",
    put_item,
    show_item,
    says=lambda t, p: f"answered {t.quoted(p['item']['id'])}: “{p['item']['responses'][-1]['text']}”",
)

# --- the rules ----------------------------------------------------------------------


def _visible_item(board: Board, actor: dict, is_chair: bool, item_id: Any) -> dict:
    item_id = check_id(item_id, "item id")
    item = board.items.get(item_id)
    if item is None:
        raise not_found("item")
    if not is_chair:
        side = board.side_of(actor["member_id"])
        if kept_from_family(item) and side != v.Side.STAFF:
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


def _keep_from_family(board: Board, actor: dict, is_chair: bool, value: Any, ctx: Context) -> bool:
    """`private: true` before the meeting: what the family must not read (someone else's
    address, what a third party said) is kept from them exactly like what is said in a
    closed session. The chair and the professionals may; only before the meeting (during
    it, the chair holds a closed session)."""
    private = check_bool(value, "private")
    if not private or board.closed_session:
        return private
    if not is_chair and board.side_of(actor["member_id"]) != v.Side.STAFF:
        raise forbidden("Only the chair and the professionals can keep something from the family.")
    if not before_meeting(board.conference.get("meeting_at"), ctx.now, ctx.timezone):
        raise conflict(
            "Something can be kept from the family only before the meeting. During it, the chair holds a closed session."
        )
    return True


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


@command("item.add", ITEM_ADDED, while_open=True)
def item_add(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(
        payload,
        (
            "id",
            "column",
            "category",
            "text",
            "owner",
            "due",
            "voice",
            "source",
            "private",
            *CHILD_FIELDS,
            *PLAN_LINK,
        ),
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
    private = _keep_from_family(board, actor, is_chair, p.get("private", False), ctx)
    if item_id in board.items:
        raise conflict("An item with this id already exists.")
    if len(board.items) >= v.MAX_ITEMS:
        raise DomainError("too_large", "This board already has {max_items} items.", max_items=v.MAX_ITEMS)
    last = board.column_ranks(column)
    pending = not is_chair and bool(board.conference["moderation"])
    status = v.ItemStatus.PENDING if pending else v.ItemStatus.ACCEPTED
    item = new_item(item_id, column, text, actor["member_id"], ctx.now, category=category, status=status)
    item.update(private=board.closed_session or private, voice=voice, source=source, child_id=child_id)
    item["kept"] = private and not board.closed_session
    item.update(heard_how=heard_how, goal_id=goal_id, owner=owner, due=due)
    item["held"] = not is_chair and bool(actor.get("invited")) and not actor.get("report_submitted_at")
    item["rank"] = rank_between(last[-1][0] if last else None, None)
    return Change(ITEM_ADDED, {"item": item}, restrict(board, item_vis(item)), {"id": item_id})


def never_sent_to_family(item: dict) -> bool:
    """The family side has never been sent this item: it waits for the chair's acceptance,
    or it is held in a report not sent yet."""
    return item["status"] == v.ItemStatus.PENDING or bool(item.get("held"))


def _private_edit(board: Board, actor: dict, is_chair: bool, item: dict, value: Any, ctx: Context) -> bool:
    """Marking an item private after it was added: only while the family has never been
    sent it (it waits for the chair's acceptance, or its report is not sent yet), and never
    back: like what is said in a closed session, what was kept from the family stays so."""
    private = _keep_from_family(board, actor, is_chair, value, ctx)
    if item["private"] and not private:
        raise conflict("What was kept from the family stays so. Add it again if the family should read it.")
    if private and not item["private"] and not never_sent_to_family(item):
        raise conflict(
            "The family may already have read this, so it can't be kept from them now. Please talk to the chair."
        )
    return private


@command("item.edit", ITEM_EDITED, while_open=True)
def item_edit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(
        payload,
        (
            "id",
            "version",
            "text",
            "category",
            "owner",
            "due",
            "voice",
            "source",
            "private",
            *CHILD_FIELDS,
            *PLAN_LINK,
        ),
    )
    item = _visible_item(board, actor, is_chair, p.require("id", "item id"))
    if not is_chair and item["author"] != actor["member_id"]:
        raise forbidden("You can only change what you added yourself.")
    check_version(item, p.require("version", "version"))
    changes = [
        k
        for k in ("text", "category", "owner", "due", "voice", "source", "private", *CHILD_FIELDS, *PLAN_LINK)
        if p.has(k)
    ]
    if not changes:
        raise invalid("Nothing to change: send the text, heading, person or date.")
    new = dict(item)
    if p.has("private"):
        new["private"] = _private_edit(board, actor, is_chair, item, p.get("private"), ctx)
        if new["private"] and not item["private"]:  # kept from the family, or in a closed session
            new["kept"] = not board.closed_session
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
    return Change(ITEM_EDITED, {"item": new}, restrict(board, item_vis(new)), {"id": new["id"]})


@command("item.move", ITEM_MOVED, chair_only=True)
def item_move(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
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
    return Change(ITEM_MOVED, {"item": new}, restrict(board, item_vis(new)), {"id": new["id"]})


@command("item.delete", ITEM_DELETED, while_open=True)
def item_delete(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("id",))
    item = _visible_item(board, actor, is_chair, p.require("id", "item id"))
    if not is_chair and item["author"] != actor["member_id"]:
        raise forbidden("You can only remove what you added yourself.")
    return Change(ITEM_DELETED, {"id": item["id"]}, restrict(board, item_vis(item)), {"id": item["id"]})


def _pending_item(board: Board, actor: dict, payload: Any, verb: str, held: bool = False) -> dict:
    p = Payload(payload, ("id",))
    item = _visible_item(board, actor, True, p.require("id", "item id"))
    sendable = held and item.get("held") and not item["private"]
    if item["status"] != v.ItemStatus.PENDING and not sendable:
        raise conflict("This item is already on the board, so there is nothing to {verb}.", verb=verb)
    return item


@command("item.accept", ITEM_ACCEPTED, chair_only=True)
def item_accept(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair accepts an item waiting for them; or, for an item held in a report not sent
    yet, shows it to the family now (at the meeting, when its author never sent the report)."""
    item = _pending_item(board, actor, payload, "accept", held=True)
    if item["status"] == v.ItemStatus.PENDING:
        new = dict(item, status=v.ItemStatus.ACCEPTED)
        out: dict[str, Any] = {"item": new}
    else:
        new = dict(item, held=False)
        out = {"item": new, "shown_to_family": True}
    return Change(ITEM_ACCEPTED, out, restrict(board, item_vis(new)), {"id": item["id"]})


@command("item.reject", ITEM_REJECTED, chair_only=True)
def item_reject(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    item = _pending_item(board, actor, payload, "reject")
    return Change(ITEM_REJECTED, {"id": item["id"]}, restrict(board, item_vis(item)), {"id": item["id"]})


@command("item.respond", ITEM_RESPONDED, while_open=True)
def item_respond(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Any member let in answers an item they can see: the answer is kept beside it, under
    their name (the item's own words and version are unchanged)."""
    p = Payload(payload, ("id", "text"))
    item = _visible_item(board, actor, is_chair, p.require("id", "item id"))
    text = required_text(p.get("text"), "answer", v.MAX_RESPONSE)
    responses = list(item.get("responses") or [])
    if len(responses) >= v.MAX_RESPONSES:
        raise DomainError(
            "too_large", "This item already has {max_responses} answers.", max_responses=v.MAX_RESPONSES
        )
    responses.append({"member_id": actor["member_id"], "name": actor["name"], "text": text, "at": ctx.now})
    new = dict(item, responses=responses)
    return Change(ITEM_RESPONDED, {"item": new}, restrict(board, item_vis(new)), {"id": new["id"]})

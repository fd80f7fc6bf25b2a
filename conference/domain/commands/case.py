"""The case over time: the children as people, the safety network, and a review that
starts from the last conference's minutes: carry() turns what previous_minutes.py read into
the new board's first events, and the room says what has changed since (reviews)."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import declare, update_conference
from ..ranks import rank_between
from ..state import Board
from ..validate import Payload, check_choice, check_id, check_int, clean_text, invalid, required_text
from .common import EVERYONE, conflict, item_vis, private_vis, restrict
from .items import ITEM_ADDED, new_item, put_item, said_of_action, show_item
from .registry import Change, Context, command
from .statements import STATEMENT_ADDED, STATEMENT_TEXT, put_statement, said_of_statement, show_statement

# --- the events -------------------------------------------------------------------


def _names(people: list[dict]) -> str:
    return ", ".join(p["name"] for p in people) or "nobody"


CHILDREN_SET = declare(
    "conference.children_set",
    *update_conference(),
    says=lambda t, p: f"named the children: {_names(p['conference'].get('children') or [])}",
)
NETWORK_SET = declare(
    "conference.network_set",
    *update_conference(),
    says=lambda t, p: f"wrote down the safety network: {_names(p['conference'].get('network') or [])}",
)
REVIEW_STARTED = declare(
    "review.started",
    *update_conference(),
    says=lambda t, p: f"started this review from the conference of {p['conference']['previous']['date']}",
)
STATEMENT_REVIEWED = declare("statement.reviewed", put_statement, show_statement, says=said_of_statement)
ITEM_REVIEWED = declare("item.reviewed", put_item, show_item, says=said_of_action)

# --- children and the safety network ----------------------------------------------


def check_children(value: Any, known: list[dict], ctx: Context) -> list[dict]:
    """[{id?, name, age?}]: ids kept for children already on the board, new ones given."""
    if not isinstance(value, list):
        raise invalid("The children must be a list of names and ages.")
    if len(value) > v.MAX_CHILDREN:
        raise DomainError(
            "too_large", "A board can name at most {max_children} children.", max_children=v.MAX_CHILDREN
        )
    ids = {c["id"] for c in known}
    out = []
    for raw in value:
        p = Payload(raw, ("id", "name", "age"))
        child_id = p.get("id")
        if child_id is None:
            child_id = ctx.new_id()
        elif check_id(child_id, "child") not in ids:
            raise DomainError("not_found", "We couldn't find that child on this board.")
        age = p.get("age")
        out.append(
            {
                "id": child_id,
                "name": required_text(p.get("name"), "child's first name", v.MAX_NAME),
                "age": None if age is None else check_int(age, "child's age", 0, v.MAX_AGE),
            }
        )
    if len({c["id"] for c in out}) != len(out):
        raise invalid("The same child is listed twice.")
    return out


@command("children.set", CHILDREN_SET, chair_only=True)
def children_set(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("children",))
    known = board.conference.get("children") or []
    children = check_children(p.require("children", "children"), known, ctx)
    kept = {c["id"] for c in children}
    for item in board.items.values():
        gone = item.get("child_id")
        if gone and gone not in kept:
            name = next((c["name"] for c in known if c["id"] == gone), "this child")
            raise conflict(
                "Some of {name}'s own words are on the board. Change who said them before taking {name} off.",
                name=name,
            )
    new = dict(board.conference, children=children)
    return Change(CHILDREN_SET, {"conference": new}, restrict(board, EVERYONE), {"children": children})


def check_network(value: Any) -> list[dict]:
    """[{name, does}]: who is in the safety network and what each person does."""
    if not isinstance(value, list):
        raise invalid("The safety network must be a list of people and what each will do.")
    if len(value) > v.MAX_NETWORK:
        raise DomainError(
            "too_large", "A safety network can list at most {max_network} people.", max_network=v.MAX_NETWORK
        )
    out = []
    for raw in value:
        p = Payload(raw, ("name", "does"))
        out.append(
            {
                "name": required_text(p.get("name"), "name", v.MAX_NAME),
                "does": required_text(p.get("does"), "what they will do", v.MAX_ITEM_TEXT),
            }
        )
    return out


@command("network.set", NETWORK_SET, chair_only=True)
def network_set(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("network",))
    network = check_network(p.require("network", "safety network"))
    new = dict(board.conference, network=network)
    return Change(NETWORK_SET, {"conference": new}, restrict(board, EVERYONE))


def _carried(thing: dict | None, what: str) -> dict:
    if thing is None or not thing.get("carried"):
        raise DomainError("not_found", "We couldn't find that {what} from the last conference.", what=what)
    return thing


def _with_the_family(board: Board, thing: dict) -> None:
    """What the family can see is reviewed with them: its status and the room's words, said
    in a closed session, would reach their phones and the projector when it ends."""
    if board.closed_session and not thing["private"]:
        raise conflict(
            "The family sees this on their board: please look at it with them, after the closed session."
        )


def _reviewed(thing: dict, ctx: Context, **said: Any) -> dict:
    """The statement or action with what the room said of it since last time."""
    return dict(
        thing, carried=dict(thing["carried"], **said), version=thing["version"] + 1, updated_at=ctx.now
    )


@command("statement.review", STATEMENT_REVIEWED, chair_only=True)
def statement_review(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Still the worry / changed / no longer a worry, with the room's reason."""
    p = Payload(payload, ("id", "status", "reason"))
    statement = _carried(
        board.statements.get(check_id(p.require("id", "statement id"), "statement id")), "danger statement"
    )
    if statement["kind"] != "danger":
        raise invalid("Only a danger statement is reviewed; its safety goal goes with it.")
    _with_the_family(board, statement)
    status = check_choice(p.require("status", "status"), v.STATEMENT_REVIEW, "status")
    reason = clean_text(p.get("reason"), "reason", v.MAX_REASON, required=False)
    new = _reviewed(statement, ctx, status=status, reason=reason)
    return Change(
        STATEMENT_REVIEWED, {"statement": new}, restrict(board, private_vis(new)), {"id": new["id"]}
    )


@command("item.review", ITEM_REVIEWED, chair_only=True)
def item_review(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """Done / partly / not done / no longer needed, with a note."""
    p = Payload(payload, ("id", "status", "note"))
    item = _carried(board.items.get(check_id(p.require("id", "item id"), "item id")), "action")
    _with_the_family(board, item)
    status = check_choice(p.require("status", "status"), v.ACTION_REVIEW, "status")
    note = clean_text(p.get("note"), "note", v.MAX_REASON, required=False)
    new = _reviewed(item, ctx, status=status, note=note)
    return Change(ITEM_REVIEWED, {"item": new}, restrict(board, item_vis(new)), {"id": new["id"]})


def carry(board: Board, carried: dict, chair_id: str, ctx: Context) -> list[Change]:
    """The new board's first events: last time's children, network, statements with their
    safety goals and score history (marked carried), and the plan's open actions."""
    prev = carried["previous"]
    date = prev["date"]
    conference = dict(
        board.conference,
        children=carried["children"],
        network=carried["network"],
        previous={**prev, "chain": carried["chain"], "overall": carried["overall"]},
    )
    out = [Change(REVIEW_STARTED, {"conference": conference}, list(EVERYONE))]
    base = {"pairs_with": None, "version": 1, "created_at": ctx.now, "updated_at": ctx.now}
    for s in carried["statements"]:
        sid = ctx.new_id()
        vis = private_vis(s)
        danger = {
            "id": sid,
            "kind": "danger",
            **s["fields"],
            **base,
            "private": s["private"],
            "language": s["language"],
            "carried": {
                "thread": s["thread"],
                "from_date": date,
                "wording": s["fields"],
                "history": s["history"],
                "status": None,
                "reason": None,
            },
        }
        out.append(Change(STATEMENT_ADDED, {"statement": danger}, vis, {"id": sid}))
        if s["goal"]:
            gid = ctx.new_id()
            goal = {
                "id": gid,
                "kind": "safety_goal",
                **{k: None for k in STATEMENT_TEXT},
                "text": s["goal"],
                **base,
                "pairs_with": sid,
                "private": s["private"],
                "carried": {"from_date": date},
            }
            out.append(Change(STATEMENT_ADDED, {"statement": goal}, vis, {"id": gid}))
    rank = None
    accepted = v.ItemStatus.ACCEPTED
    for a in carried["actions"]:
        rank = rank_between(rank, None)
        iid = ctx.new_id()
        item = new_item(iid, v.PLAN_COLUMN, a["text"], chair_id, ctx.now, category="actions", status=accepted)
        item.update(private=a["private"], owner=a["owner"], due=a["due"], rank=rank)
        item["carried"] = {"from_date": date, "status": None, "note": None}
        out.append(Change(ITEM_ADDED, {"item": item}, item_vis(item), {"id": iid}))
    return out

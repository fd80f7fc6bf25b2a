"""Statements: the danger statements (who is worried, about what, what might happen) and
the safety goals that answer them, built by the chair with the room."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import Event, Teller, declare, upsert
from ..state import Board
from ..validate import Payload, check_choice, check_id, clean_text, invalid
from .common import check_version, conflict, not_found, private_vis, restrict
from .registry import Change, Context, command

# --- the events -------------------------------------------------------------------


def put_statement(b: Board, p: dict, e: Event) -> None:
    b.statements[p["statement"]["id"]] = dict(p["statement"])


def show_statement(snap: dict, p: dict) -> None:
    upsert(snap["statements"], "id", p["statement"])


def _gone(b: Board, p: dict, e: Event) -> None:
    b.statements.pop(p["id"], None)
    for s in b.statements.values():
        if s.get("pairs_with") == p["id"]:
            s["pairs_with"] = None


def _show_gone(snap: dict, p: dict) -> None:
    snap["statements"] = [s for s in snap["statements"] if s["id"] != p["id"]]
    for s in snap["statements"]:
        if s.get("pairs_with") == p["id"]:
            s["pairs_with"] = None


def _added(t: Teller, p: dict) -> str:
    s = p["statement"]
    label = "a danger statement" if s["kind"] == "danger" else "a safety goal"
    return f"added {label}: “{t.statement(s)}”" + (" (in private)" if s["private"] else "")


def _edited(t: Teller, p: dict) -> str:
    s = p["statement"]
    # a log written before statement.review made statement.reviewed
    if (s.get("carried") or {}).get("status"):
        return said_of_statement(t, p)
    return f"changed a statement to “{t.statement(s)}”"


def said_of_statement(t: Teller, p: dict) -> str:
    s = p["statement"]
    c = s["carried"]
    reason = f" — {c['reason']}" if c.get("reason") else ""
    return f"said of “{t.statement(s)}” since last time: {v.STATEMENT_REVIEW[c['status']].lower()}{reason}"


STATEMENT_ADDED = declare("statement.added", put_statement, show_statement, says=_added)
STATEMENT_EDITED = declare("statement.edited", put_statement, show_statement, says=_edited)
STATEMENT_DELETED = declare("statement.deleted", _gone, _show_gone, says=lambda t, p: "deleted a statement")

# --- the rules ----------------------------------------------------------------------


STATEMENT_TEXT = v.STATEMENT_TEXT


def statement_language(p: Payload, default: str | None) -> str:
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
        new["language"] = statement_language(p, base.get("language"))
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


@command("statement.add", STATEMENT_ADDED, chair_only=True)
def statement_add(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
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
        "language": statement_language(p, actor.get("language")),
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
    return Change(STATEMENT_ADDED, {"statement": statement}, vis, {"id": statement_id})


def find_statement(board: Board, actor: dict, statement_id: Any) -> dict:
    statement = board.statements.get(check_id(statement_id, "statement id"))
    if statement is None:
        raise not_found("statement")
    return statement


@command("statement.edit", STATEMENT_EDITED, chair_only=True)
def statement_edit(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("id", "version", *STATEMENT_TEXT, "pairs_with", "language"))
    statement = find_statement(board, actor, p.require("id", "statement id"))
    check_version(statement, p.require("version", "version"))
    if not any(p.has(k) for k in (*STATEMENT_TEXT, "pairs_with")):
        raise invalid("Nothing to change in this statement.")
    if p.get("pairs_with") == statement["id"]:
        raise invalid("A statement cannot be paired with itself.")
    new = _statement_fields(board, statement["kind"], p, statement)
    new["version"] = statement["version"] + 1
    new["updated_at"] = ctx.now
    vis = restrict(board, private_vis(new))
    return Change(STATEMENT_EDITED, {"statement": new}, vis, {"id": new["id"]})


@command("statement.delete", STATEMENT_DELETED, chair_only=True)
def statement_delete(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("id",))
    statement = find_statement(board, actor, p.require("id", "statement id"))
    vis = restrict(board, private_vis(statement))
    return Change(STATEMENT_DELETED, {"id": statement["id"]}, vis, {"id": statement["id"]})

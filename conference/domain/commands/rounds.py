"""Scaling: "where are we, 0 to 10?" asked of everyone, scored privately (or aloud for
someone without a phone) and shown to the room together when the chair reveals them."""

from __future__ import annotations

from typing import Any

from .. import vocabulary as v
from ..errors import DomainError
from ..events import Event, Teller, declare
from ..state import Board, in_meeting, summarise
from ..validate import Payload, check_choice, check_id, check_int, clean_text, invalid
from ..views import Viewer
from .common import conflict, forbidden, member_by_id, not_found, private_vis, restrict
from .registry import Change, Context, command
from .statements import find_statement

# --- the events -------------------------------------------------------------------


def _opened(b: Board, p: dict, e: Event) -> None:
    r = dict(p["round"])
    b.rounds[r["id"]] = r
    b.scores[r["id"]] = {}


def _show_opened(snap: dict, p: dict) -> None:
    snap["rounds"].append(dict(p["round"]))


def _scored_fold(b: Board, p: dict, e: Event) -> None:
    score = {"score": p["score"], "reason": p["reason"]}
    if p.get("aloud"):
        score["aloud"] = True  # given aloud by someone without a phone, entered by the chair
    b.scores[p["round_id"]][p["member_id"]] = score
    b.rounds[p["round_id"]]["count"] = p["count"]


def _only_the_scorer(event: Event, viewer: Viewer, board_after: Board | None) -> dict:
    """Everyone learns how many have scored; only the scorer sees the score."""
    p = event["payload"]
    out: dict[str, Any] = {"round_id": p["round_id"], "count": p["count"]}
    if p["member_id"] == viewer.member_id:
        out["mine"] = {"score": p["score"], "reason": p["reason"]}
    return out


def _each_round(change):
    """A member's fold for an event about one round: change(round, payload)."""

    def view(snap: dict, p: dict) -> None:
        for r in snap["rounds"]:
            if r["id"] == p["round_id"]:
                change(r, p)

    return view


def _show_scored(r: dict, p: dict) -> None:
    r["count"] = p["count"]
    if "mine" in p:
        r["mine"] = dict(p["mine"])


def _closed(b: Board, p: dict, e: Event) -> None:
    b.rounds[p["round_id"]]["status"] = "closed"


def _show_closed(r: dict, p: dict) -> None:
    r["status"] = "closed"


def _revealed(b: Board, p: dict, e: Event) -> None:
    r = b.rounds[p["round_id"]]
    r["status"] = "closed"
    r["revealed"] = True


def _show_revealed(r: dict, p: dict) -> None:
    r["status"] = "closed"
    r["revealed"] = True
    r["scores"] = {mid: dict(s) for mid, s in p["scores"].items()}
    r["summary"] = dict(p["summary"])


def _says_scored(t: Teller, p: dict) -> str:
    # a log written before round.score_aloud made round.scored_aloud marks it `aloud`
    aloud = " aloud (entered by the chair)" if p.get("aloud") else ""
    return f"{t.name(p['member_id'])} gave a score{aloud}"


ROUND_OPENED = declare(
    "round.opened", _opened, _show_opened, says=lambda t, p: f"started scaling: “{p['round']['question']}”"
)
ROUND_SCORED = declare(
    "round.scored", _scored_fold, _each_round(_show_scored), says=_says_scored, shown=_only_the_scorer
)
ROUND_SCORED_ALOUD = declare(
    "round.scored_aloud",
    _scored_fold,
    _each_round(_show_scored),
    says=lambda t, p: f"{t.name(p['member_id'])} gave a score aloud (entered by the chair)",
    shown=_only_the_scorer,
)
ROUND_CLOSED = declare(
    "round.closed", _closed, _each_round(_show_closed), says=lambda t, p: "closed the scaling round"
)
ROUND_REVEALED = declare(
    "round.revealed", _revealed, _each_round(_show_revealed), says=lambda t, p: "showed everyone's scores"
)

# --- the rules ----------------------------------------------------------------------


def _round(board: Board, actor: dict, round_id: Any) -> dict:
    found = board.rounds.get(check_id(round_id, "round id"))
    if found is None:
        raise not_found("scaling round")
    if (
        found["private"]
        and actor["kind"] != v.MemberKind.FACILITATOR
        and board.side_of(actor["member_id"]) != v.Side.STAFF
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


@command("round.open", ROUND_OPENED, chair_only=True)
def round_open(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(
        payload,
        (
            "id",
            "question",
            "low_label",
            "high_label",
            "statement_id",
            *FAMILY_WORDING,
            "family_language",
            "scale",
        ),
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
    # how the phones draw the ladder (numbers, faces, colours): the numbers when not said
    scale = check_choice(p.get("scale"), v.SCALES, "scale", nullable=True) or v.SCALES[0]
    statement_id = p.get("statement_id")
    if statement_id is not None:
        target = find_statement(board, actor, statement_id)
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
        "question": question or v.meeting_kind(board.conference)["question"],
        "low_label": low or v.meeting_kind(board.conference)["low_label"],
        "high_label": high or v.meeting_kind(board.conference)["high_label"],
        "statement_id": statement_id,
        "family": family,
        "scale": scale,
        "status": "open",
        "revealed": False,
        "count": 0,
        "private": board.closed_session,
        "opened_at": ctx.now,
    }
    vis = restrict(board, private_vis(scaling_round))
    return Change(ROUND_OPENED, {"round": scaling_round}, vis, {"id": round_id})


@command("round.score", ROUND_SCORED)
def round_score(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("round_id", "score", "reason"))
    if not in_meeting(actor):  # invited before the meeting, not let in to it: not counted either
        raise forbidden("You are not in the meeting yet: the chair lets you in when you join it.")
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    score = check_int(p.get("score"), "score", v.SCORE_MIN, v.SCORE_MAX)
    reason = clean_text(p.get("reason"), "reason", v.MAX_REASON, required=False)
    return _scored(ROUND_SCORED, board, scaling_round, actor["member_id"], score, reason)


def _scored(
    event: str,
    board: Board,
    scaling_round: dict,
    member_id: str,
    score: int,
    reason: str | None,
    **extra: Any,
) -> Change:
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
    return Change(event, stored, vis, result, per_viewer=True)


@command("round.score_aloud", ROUND_SCORED_ALOUD, chair_only=True)
def round_score_aloud(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    """The chair records the score of someone in the room without a phone, as they say it.
    It is a score like any other: hidden from everyone, the chair included, until the reveal."""
    p = Payload(payload, ("round_id", "member_id", "score", "reason"))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    member = member_by_id(board, p.require("member_id", "member id"))
    score = check_int(p.get("score"), "score", v.SCORE_MIN, v.SCORE_MAX)
    reason = clean_text(p.get("reason"), "reason", v.MAX_REASON, required=False)
    if member["kind"] != v.MemberKind.OFFLINE or member["status"] == v.Status.REMOVED:
        raise invalid("{name} has their own screen: they can give their score there.", name=member["name"])
    if not member["present"]:
        raise invalid("{name} sent apologies, so there is no score to give for them.", name=member["name"])
    return _scored(ROUND_SCORED_ALOUD, board, scaling_round, member["member_id"], score, reason, aloud=True)


@command("round.close", ROUND_CLOSED, chair_only=True)
def round_close(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("round_id",))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    if scaling_round["status"] != "open":
        raise conflict("This round is already closed.")
    vis = restrict(board, private_vis(scaling_round))
    return Change(ROUND_CLOSED, {"round_id": scaling_round["id"]}, vis)


@command("round.reveal", ROUND_REVEALED, chair_only=True)
def round_reveal(board: Board, actor: dict, is_chair: bool, payload: Any, ctx: Context) -> Change:
    p = Payload(payload, ("round_id",))
    scaling_round = _round(board, actor, p.require("round_id", "round id"))
    if scaling_round["revealed"]:
        raise conflict("The scores for this round have already been shown.")
    scores = {mid: dict(s) for mid, s in board.scores[scaling_round["id"]].items()}
    body = {"round_id": scaling_round["id"], "scores": scores, "summary": summarise(scores)}
    return Change(ROUND_REVEALED, body, restrict(board, private_vis(scaling_round)))

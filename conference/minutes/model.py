"""Build the one minutes model (a plain dict) from a board and its log. Pure: no I/O, no clock."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from typing import Any
from zoneinfo import ZoneInfo

from .. import i18n
from ..domain import vocabulary as v
from ..domain.errors import N_
from ..domain.review import MINUTES_FORMAT, MINUTES_VERSION
from ..domain.state import Board, agencies_present, in_plan
from ..plain_language import check as plain_check
from .language import _, language, long_date

OTHER_GROUP = N_("Other things said")  # items the chair did not put under a heading
DEFAULT_HOW_TO_DISAGREE = N_(
    "If you think something in these minutes is wrong, tell the chair or your social worker within "
    "14 days and it will be looked at. You can ask for an advocate (someone on your side who helps "
    "you have your say) at any time: ask your social worker, or contact the council's children's services."
)
FAMILY_NOTICE = N_(
    "This is the family's copy. It does not include the part of the meeting the professionals held in private."
)


# What people often type into the builder's fields themselves, which the sentence already
# says around them ("are worried that", "does not agree"): dropped, so nothing reads twice.
# Only in a statement written in English, the language of these words.
_SAID_AROUND = {
    "who": re.compile(r"\s+(?:are|is)\s+(?:really\s+)?worried(?:\s+that)?\s*$", re.I),
    "behaviour": re.compile(r"^\s*(?:(?:are|is)\s+worried(?:\s+about)?\s+)?(?:that\s+)*", re.I),
    "impact": re.compile(r"^\s*(?:if\s+nothing\s+changes,?\s+)?", re.I),
    "disagreement": re.compile(r"\s+(?:does\s+not|do\s+not|doesn't|don't)\s+agree\.?\s*$", re.I),
}


def tidy_fields(s: dict[str, Any]) -> dict[str, Any]:
    """The statement's fields without the builder's own words typed again (see _SAID_AROUND);
    static/js/sentences.js tidyFields does the same."""
    out = dict(s)
    if (s.get("language") or i18n.SOURCE) != i18n.SOURCE:
        return out
    for key, pattern in _SAID_AROUND.items():
        if out.get(key):
            out[key] = pattern.sub("", out[key], count=1)
    return out


def labelled_fields(s: dict[str, Any]) -> str:
    """A statement typed in another language than the reader's: its fields, each labelled in
    the reader's language, never spliced into a sentence of the reader's connectors."""
    parts = [
        _(label, what=s[key])
        for key, label in (
            ("who", N_("Who is worried: {what}")),
            ("behaviour", N_("What they are worried about: {what}")),
            ("impact", N_("If nothing changes: {what}")),
            ("text", "{what}"),
            ("disagreement", N_("Who does not agree: {what}")),
        )
        if s.get(key)
    ]
    return " · ".join(parts)


def danger_sentence(s: dict[str, Any]) -> str:
    """The danger statement read as one sentence, built only in the language its fields were
    typed in (the screens build the same in sentences.js); in any other language the reader
    gets the fields labelled in theirs."""
    written = s.get("language") or i18n.SOURCE
    s = tidy_fields(s)
    if written != language():
        return labelled_fields(s)
    who = (s.get("who") or "").strip()
    # re.A: word boundaries as the browser's JavaScript draws them (static/js/sentences.js)
    plural = bool(
        re.search(r"\band\b|,|&|^(we|they|the police|police|professionals|everyone)\Z", who, re.I | re.A)
    )
    parts = []
    if who or s.get("behaviour"):
        # the sentence puts its own full stop: one typed at the end is not said twice
        what = re.sub(r"[.!?]+\s*$", "", s.get("behaviour") or "…") or "…"
        values = {"who": who or "…", "what": what}
        parts.append(
            _("{who} are worried that {what}.", **values)
            if plural
            else _("{who} is worried that {what}.", **values)
        )
    if s.get("impact"):
        impact = _("If nothing changes, {what}", what=s["impact"])
        parts.append(impact if impact[-1] in ".!?" else impact + ".")
    if s.get("text"):
        parts.append(s["text"])
    if s.get("disagreement"):
        parts.append(_disagreeing(s["disagreement"]))
    sentence = " ".join(parts)
    return sentence[:1].upper() + sentence[1:]


def _disagreeing(words: str) -> str:
    """ "Dad does not agree." — or, when the words already say it ("Mark disagrees", "Anna
    and Mark don't agree that…"), those words as their own sentence (sentences.js too)."""
    if re.search(r"\b(dis)?agree(s|d)?\b", words, re.I | re.A):
        return words if words[-1] in ".!?" else words + "."
    if re.search(r"\band\b|,|&", words, re.I | re.A):
        return _("{who} do not agree.", who=words)
    return _("{who} does not agree.", who=words)


def _family_wording(r: dict[str, Any]) -> dict[str, Any] | None:
    family = r.get("family") or {}
    if not any(family.get(k) for k in ("question", "low_label", "high_label")):
        return None
    return {
        "question": family.get("question") or _(r["question"]),
        "low_label": family.get("low_label") or _(r["low_label"]),
        "high_label": family.get("high_label") or _(r["high_label"]),
        "language": family.get("language"),
    }


def _local(iso: str | None, tz: ZoneInfo) -> dt.datetime | None:
    if not iso:
        return None
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(tz)


def _time(iso: str | None, tz: ZoneInfo) -> str | None:
    t = _local(iso, tz)
    return t.strftime("%H:%M") if t else None


def _role_label(member: dict[str, Any]) -> str:
    if member["kind"] == v.Kind.FACILITATOR:
        return _("Chair")
    return _(v.ROLES.get(member.get("role") or "", ""))


def _person(board: Board, member_id: str | None) -> dict[str, str]:
    m = board.members.get(member_id or "")
    if m is None:
        return {"name": "Someone", "role": ""}
    return {"name": m["name"], "role": _role_label(m)}


def _score_row(board: Board, member_id: str, s: dict[str, Any]) -> dict[str, Any]:
    """One revealed score; a score given aloud (entered by the chair) says so by the name."""
    person = _person(board, member_id)
    if s.get("aloud"):
        person["name"] += " " + _("(score given aloud)")
    return {**person, "score": s["score"], "reason": s["reason"], "aloud": bool(s.get("aloud"))}


def file_name(board: Board, copy: str, fmt: str, tz_name: str = "Europe/London", language: str = "") -> str:
    """2026-11-27-review-conference.docx, …-family-cy.pdf (no names of the family in a file name)."""
    date = _local(board.conference["created_at"], ZoneInfo(tz_name))
    label = v.KINDS[board.conference["kind"]].lower().replace("child protection ", "")
    slug = re.sub(r"[^a-z0-9]+", "-", label).strip("-")
    suffix = "-family" if copy == "family" else ""
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
    shown = lambda thing: not (family and thing.get("private"))  # noqa: E731
    chair = next(m for m in board.members.values() if m["kind"] == v.Kind.FACILITATOR)
    closed_at = next((e["at"] for e in reversed(events) if e["type"] == "conference.closed"), None)
    had_closed_session = any(e["type"] == "session.closed" for e in events)
    start = _local(conf["created_at"], tz)
    model: dict[str, Any] = {
        "format": MINUTES_FORMAT,
        "version": MINUTES_VERSION,
        "copy": copy,
        "generated_at": generated_at,
        "timezone": tz_name,
        "conference": {
            "id": conf["id"],
            "title": conf["title"],
            "kind": conf["kind"],
            "kind_label": _(v.KINDS[conf["kind"]]),
            "statement_label": v.statement_word(conf),
            "date": f"{start:%Y-%m-%d}",
            "date_label": long_date(start.date() if start else None),
            "started_at": _time(conf["created_at"], tz),
            "ended_at": _time(closed_at, tz),
            "status": conf["status"],
            "chair": chair["name"],
            "approved": (
                {"by": conf["approved"]["by_name"], "at": f"{_local(conf['approved']['at'], tz):%Y-%m-%d}"}
                if conf.get("approved")
                else None
            ),
        },
        "notice": _(FAMILY_NOTICE) if family and had_closed_session else None,
        "how_to_disagree": how_to_disagree or _(DEFAULT_HOW_TO_DISAGREE),
        "language": language(),  # the minutes' own words; what people typed is as typed
    }

    attendance = []
    for m in sorted(board.members.values(), key=lambda m: (m["joined_at"], m["member_id"])):
        if m["kind"] == v.Kind.DISPLAY or (
            m["kind"] == v.Kind.PARTICIPANT and m["member_id"] not in board.public_members
        ):
            continue
        attendance.append(
            {
                "name": m["name"],
                "role": m.get("role"),
                "role_label": _role_label(m),
                "attendance": "present" if m["present"] else "apologies",
                "device": m["kind"] in (v.Kind.FACILITATOR, v.Kind.PARTICIPANT),
                "joined_at": _time(m["joined_at"], tz) if m["present"] else None,
                "removed": m["status"] == v.Status.REMOVED,
            }
        )
    model["attendance"] = attendance

    children_by_id = {c["id"]: c for c in conf.get("children") or []}

    def item_out(item: dict[str, Any]) -> dict[str, Any]:
        author = _person(board, item["author"])
        if item["voice"] == "child" and (item.get("child_id") or item.get("heard_how")):
            # the child's own words are credited to the child, never to whoever typed them
            author = {
                "name": child_credit(children_by_id.get(item.get("child_id") or ""), item.get("heard_how")),
                "role": "",
            }
        return {
            "id": item["id"],
            "text": item["text"],
            "author": author["name"],
            "author_role": author["role"],
            "child_words": item["voice"] == "child",
            "source": item["source"],
            "owner": item["owner"],
            "due": item["due"],
            "private": item["private"],
            "added_at": _time(item["created_at"], tz),
        }

    items = sorted(
        (i for i in board.items.values() if i["status"] == v.ItemStatus.ACCEPTED and shown(i)),
        key=lambda i: (v.COLUMN_ORDER.index(i["column"]), i["rank"], i["id"]),
    )
    columns = []
    for key, (heading, cats) in v.COLUMNS.items():
        groups = []
        for cat_key, label in [*cats, (None, OTHER_GROUP)]:
            mine = [item_out(i) for i in items if i["column"] == key and i["category"] == cat_key]
            # the family copy has no empty headings: only what was said
            if mine or (cat_key is not None and not family):
                groups.append({"key": cat_key, "label": _(label), "items": mine})
        columns.append({"key": key, "heading": _(heading), "categories": groups})
    model["columns"] = columns

    statements = []
    goals = [s for s in board.statements.values() if s["kind"] == "safety_goal" and shown(s)]
    for s in board.statements.values():
        if s["kind"] != "danger" or not shown(s):
            continue
        goal = next((g for g in goals if g["pairs_with"] == s["id"]), None)
        statements.append(
            {
                "id": s["id"],
                "danger": {k: s[k] for k in ("who", "behaviour", "impact", "disagreement", "text")},
                "sentence": danger_sentence(s),
                "language": s.get("language") or i18n.SOURCE,  # what its fields were typed in
                "safety_goal": goal["text"] if goal else None,
                "private": s["private"],
                "thread": _thread(s),
                "carried": _carried_statement(s),
            }
        )
    model["statements"] = statements
    model["unpaired_safety_goals"] = [g["text"] for g in goals if not g["pairs_with"]]

    rounds = []
    for r in board.rounds.values():
        if not shown(r):
            continue
        about = board.statements.get(r["statement_id"] or "")
        out: dict[str, Any] = {
            "id": r["id"],
            # the kind's own scale words are in the catalogue; the chair's own wording stays as typed
            "question": _(r["question"]),
            "low_label": _(r["low_label"]),
            "high_label": _(r["high_label"]),
            "about": danger_sentence(about) if about and shown(about) else None,
            "statement_id": about["id"] if about and shown(about) else None,
            "thread": _thread(about) if about and shown(about) else None,
            "revealed": r["revealed"],
            "private": r["private"],
            # the words the family's phones asked, when the chair gave them their own: part
            # of the record, so nobody later reads only the professional wording
            "family_wording": _family_wording(r),
        }
        if r["revealed"]:
            scores = board.scores.get(r["id"], {})
            out["scores"] = [
                _score_row(board, mid, s)
                for mid, s in sorted(scores.items(), key=lambda kv: board.members[kv[0]]["joined_at"])
            ]
            values = [s["score"] for s in scores.values()]
            median = statistics.median(values) if values else None
            out["summary"] = {
                "n": len(values),
                "lowest": min(values) if values else None,
                "highest": max(values) if values else None,
                "median": int(median) if median is not None and float(median).is_integer() else median,
            }
        rounds.append(out)
    model["scaling"] = rounds

    d = conf.get("decision")
    model["decision"] = (
        None
        if not d
        else {
            "outcome": d.get("outcome"),
            "outcome_label": _(v.OUTCOMES.get(d.get("outcome") or "", "")) or None,
            "categories": d.get("categories") or [],
            "category_labels": [_(v.ABUSE_CATEGORIES[c]) for c in d.get("categories") or []],
            "text": d.get("text"),
            "dissent": d.get("dissent"),
            "next_meeting": d.get("next_meeting"),
            "next_meeting_time": d.get("next_meeting_time"),
            "next_meeting_place": d.get("next_meeting_place"),
        }
    )
    if d:
        model["decision"].update(_decision_more(board, d))
    model["plan"] = [
        {
            "id": i["id"],
            "action": i["text"],
            "who": i["owner"],
            "by_when": i["due"],
            "category": i["category"],
            "private": i["private"],
            "carried": _carried_action(i),
            "serves": _goal_text(board, i, shown),
        }
        for i in items
        if in_plan(i)
    ]
    needed = v.kind_of(conf).get("quorum")
    agencies = agencies_present(board.members.values())
    model["quorum"] = (
        {
            "needed": needed,
            "agencies": agencies,
            "agency_labels": [_(v.ROLES[r]) for r in agencies],
            "met": len(agencies) >= needed,
        }
        if needed
        else None
    )
    model["children"] = [dict(c) for c in conf.get("children") or []]
    model["network"] = [dict(n) for n in conf.get("network") or []]
    model["children_words"] = _children_words(board, items)
    model["since_last"] = _since_last(conf, statements, model["plan"])
    model["trends"] = _trends(board, model["conference"], statements, shown)

    if not family:
        model["record"] = _record(board, events, tz)
        model["access"] = [
            {
                "at": f"{_local(a['at'], tz):%Y-%m-%d %H:%M:%S}",
                "who": a["who"],
                "what": a["what"]
                + "".join(f"; {k}: {val}" for k, val in a.items() if k not in ("at", "who", "what")),
            }
            for a in access or []
        ]
        texts = [s["sentence"] for s in statements] + [g for g in [s["safety_goal"] for s in statements] if g]
        joined = "\n".join(texts)
        report = plain_check(joined) if joined else {"reading_age": None, "flags": []}
        model["plain_language"] = {
            "reading_age": report["reading_age"],
            "flags": [{k: f[k] for k in ("term", "suggestion", "why")} for f in report["flags"]],
        }
    return model


# --- the case over time (step 9) -------------------------------------------------------


def _thread(s: dict[str, Any]) -> str:
    """A danger statement's id across the chain of conferences: where it was first written."""
    return (s.get("carried") or {}).get("thread") or s["id"]


def _carried_statement(s: dict[str, Any]) -> dict[str, Any] | None:
    c = s.get("carried")
    if not c:
        return None
    return {
        "from_date": c["from_date"],
        "wording": danger_sentence(c["wording"]),
        "status": c["status"],
        "reason": c["reason"],
    }


def _goal_text(board: Board, item: dict[str, Any], shown) -> str | None:
    goal = board.statements.get(item.get("goal_id") or "")
    return goal["text"] if goal and shown(goal) else None


def _carried_action(item: dict[str, Any]) -> dict[str, Any] | None:
    c = item.get("carried")
    if not c:
        return None
    return {"from_date": c["from_date"], "status": c["status"], "note": c["note"]}


def child_credit(child: dict[str, Any] | None, heard_how: str | None) -> str:
    """ "Jayden, 6 — Three Houses, House of Worries": the child, never the typist."""
    who = _("One of the children")
    if child:
        who = child["name"] + (f", {child['age']}" if child.get("age") is not None else "")
    how = _(v.HEARD_HOW.get(heard_how or "", ""))
    return f"{who} — {how}" if how else who


def _children_words(board: Board, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    children = {c["id"]: c for c in board.conference.get("children") or []}
    return [
        {
            "text": i["text"],
            "child": children[i["child_id"]]["name"] if i.get("child_id") in children else None,
            "heard_how": i.get("heard_how"),
            "credit": child_credit(children.get(i.get("child_id") or ""), i.get("heard_how")),
            "column": _(v.COLUMNS[i["column"]][0]),
        }
        for i in items
        if i["voice"] == "child"
    ]


def _child_outcome(c: dict[str, Any], d: dict[str, Any]) -> dict[str, Any]:
    """A child the chair gave no outcome of their own has the conference's outcome and
    categories (never "not decided" beside a decision that was made)."""
    own = c["outcome"] is not None
    outcome = c["outcome"] if own else d.get("outcome")
    categories = c["categories"] if own else (c["categories"] or d.get("categories") or [])
    return {
        "outcome": outcome,
        "outcome_label": _(v.OUTCOMES.get(outcome or "", "")) or None,
        "categories": categories,
        "category_labels": [_(v.ABUSE_CATEGORIES[k]) for k in categories],
    }


def _decision_more(board: Board, d: dict[str, Any]) -> dict[str, Any]:
    children = {c["id"]: c for c in board.conference.get("children") or []}
    return {
        "per_child": [
            {
                "child": children[c["child_id"]]["name"] if c["child_id"] in children else _("A child"),
                "age": (children.get(c["child_id"]) or {}).get("age"),
                # a child the chair gave no outcome of their own has the conference's
                # (never "not decided" beside a decision that was made)
                **_child_outcome(c, d),
                "dissent": c["dissent"],
            }
            for c in d.get("per_child") or []
        ],
        "agencies": [dict(a) for a in d.get("agencies") or []],
        "lead_social_worker": d.get("lead_social_worker"),
        "first_core_group": d.get("first_core_group"),
        # the core group: the people who were at the conference (the chair and the projector aside)
        "core_group": [
            m["name"]
            for m in sorted(board.members.values(), key=lambda m: (m["joined_at"], m["member_id"]))
            if m["kind"] in (v.Kind.PARTICIPANT, v.Kind.OFFLINE)
            and m["present"]
            and m["status"] != v.Status.WAITING
            and (m["kind"] == v.Kind.OFFLINE or m["member_id"] in board.public_members)
        ],
    }


NOT_LOOKED_AT = N_("Not looked at yet")


def _since_last(conf: dict[str, Any], statements: list[dict], plan: list[dict]) -> dict[str, Any] | None:
    """What has changed since the last conference: each carried statement and action."""
    prev = conf.get("previous")
    if not prev:
        return None
    return {
        "date": prev["date"],
        "kind": prev["kind"],
        "kind_label": _(v.KINDS[prev["kind"]]),
        "statements": [
            {
                "sentence": s["sentence"],
                "was": s["carried"]["wording"] if s["carried"]["wording"] != s["sentence"] else None,
                "status": s["carried"]["status"],
                "status_label": _(v.STATEMENT_REVIEW.get(s["carried"]["status"] or "", NOT_LOOKED_AT)),
                "reason": s["carried"]["reason"],
                "private": s["private"],
            }
            for s in statements
            if s["carried"]
        ],
        "actions": [
            {
                "action": a["action"],
                "who": a["who"],
                "by_when": a["by_when"],
                "status": a["carried"]["status"],
                "status_label": _(v.ACTION_REVIEW.get(a["carried"]["status"] or "", NOT_LOOKED_AT)),
                "note": a["carried"]["note"],
            }
            for a in plan
            if a["carried"]
        ],
    }


def _trends(board: Board, conference: dict, statements: list[dict], shown) -> dict[str, Any]:
    """Each danger statement's middle score, and the overall one, at every conference of the
    chain: what the last minutes carried, then this conference's last revealed round about
    it (rounds in a closed session never count, so both copies tell the same story). Every
    series has one point per conference, in order, `middle` null where nobody scored it."""
    this = {"date": conference["date"], "kind": conference["kind"]}
    previous = board.conference.get("previous") or {}
    chain = [dict(c) for c in previous.get("chain", [])] + [this]
    blank = [{**c, "middle": None} for c in chain[:-1]]

    def latest(statement_id: str | None) -> dict:
        found = [
            r
            for r in board.rounds.values()
            if r["revealed"] and not r["private"] and r["statement_id"] == statement_id
        ]
        scores = [s["score"] for s in board.scores.get(found[-1]["id"], {}).values()] if found else []
        middle = statistics.median(scores) if scores else None
        if middle is not None and float(middle).is_integer():
            middle = int(middle)
        return {**this, "middle": middle}

    by_id = {s["id"]: s for s in board.statements.values()}
    return {
        "conferences": chain,
        "overall": [dict(p) for p in previous.get("overall", blank)] + [latest(None)],
        "statements": [
            {
                "thread": s["thread"],
                "sentence": s["sentence"],
                "points": [dict(p) for p in (by_id[s["id"]].get("carried") or {}).get("history", blank)]
                + [latest(s["id"])],
            }
            for s in statements
        ],
    }


def _record(board: Board, events: list[dict[str, Any]], tz: ZoneInfo) -> list[dict[str, str]]:
    """Who did what, when: every change in the log, in words. Scores are never shown here."""
    texts: dict[str, str] = {}
    out = []
    for e in events:
        who = _person(board, e["actor"])
        p = e["payload"]
        kind = e["type"]
        what = _describe(board, kind, p, texts)
        if "item" in p:
            texts[p["item"]["id"]] = p["item"]["text"]
        local = _local(e["at"], tz)
        out.append(
            {
                "seq": e["seq"],
                "at": f"{local:%H:%M:%S}" if local else "",
                "who": f"{who['name']} ({who['role']})" if who["role"] else who["name"],
                "what": what,
            }
        )
    return out


def _describe(board: Board, kind: str, p: dict[str, Any], texts: dict[str, str]) -> str:
    def name(mid: str) -> str:
        return _person(board, mid)["name"]

    def where(item: dict[str, Any]) -> str:
        heading = v.COLUMNS[item["column"]][0]
        cat = dict(v.COLUMNS[item["column"]][1]).get(item["category"] or "")
        return f"{heading}{' — ' + cat if cat else ''}"

    def quoted(item_id: str) -> str:
        return f"“{texts.get(item_id, 'an item')}”"

    private = " (in private)" if isinstance(p.get("item"), dict) and p["item"].get("private") else ""
    match kind:
        case "conference.created":
            return f"started the board “{p['conference']['title']}”"
        case "member.joined":
            m = p["member"]
            return f"joined as {v.ROLES.get(m['role'], '').lower()}" + (
                " and waited to be let in" if m["status"] == v.Status.WAITING else ""
            )
        case "member.admitted":
            return f"let {p['member']['name']} in"
        case "member.language_set":
            own = v.LANGUAGES.get(p["member"].get("language") or "", ("?",))[0]
            return f"{p['member']['name']} chose to read the board in {own}"
        case "member.added":
            m = p["member"]
            return f"added {m['name']} ({v.ROLES.get(m['role'], '')}), " + (
                "in the room without a phone" if m["present"] else "who sent apologies"
            )
        case "member.removed":
            return f"removed {name(p['member_id'])}"
        case "item.added":
            pending = " — waiting for the chair" if p["item"]["status"] == v.ItemStatus.PENDING else ""
            return f"added to {where(p['item'])}: “{p['item']['text']}”{pending}{private}"
        case "item.edited":
            c = p["item"].get("carried") or {}
            if c.get("status") and texts.get(p["item"]["id"]) == p["item"]["text"]:
                return f"said of the action “{p['item']['text']}”: {v.ACTION_REVIEW[c['status']].lower()}" + (
                    f" — {c['note']}" if c.get("note") else ""
                )
            return f"changed {quoted(p['item']['id'])} to “{p['item']['text']}”{private}"
        case "item.moved":
            return f"moved “{p['item']['text']}” to {where(p['item'])}{private}"
        case "item.accepted":
            return f"accepted “{p['item']['text']}” onto the board{private}"
        case "item.rejected":
            return f"did not accept {quoted(p['id'])}"
        case "item.deleted":
            return f"deleted {quoted(p['id'])}"
        case "statement.added":
            s = p["statement"]
            label = "a danger statement" if s["kind"] == "danger" else "a safety goal"
            return f"added {label}: “{danger_sentence(s) if s['kind'] == 'danger' else s['text']}”" + (
                " (in private)" if s["private"] else ""
            )
        case "statement.edited":
            s = p["statement"]
            c = s.get("carried") or {}
            if c.get("status"):
                label = v.STATEMENT_REVIEW[c["status"]].lower()
                return f"said of “{danger_sentence(s)}” since last time: {label}" + (
                    f" — {c['reason']}" if c.get("reason") else ""
                )
            return f"changed a statement to “{danger_sentence(s) if s['kind'] == 'danger' else s['text']}”"
        case "statement.deleted":
            return "deleted a statement"
        case "round.opened":
            return f"started scaling: “{p['round']['question']}”"
        case "round.scored":
            aloud = " aloud (entered by the chair)" if p.get("aloud") else ""
            return f"{name(p['member_id'])} gave a score{aloud}"
        case "round.closed":
            return "closed the scaling round"
        case "round.revealed":
            return "showed everyone's scores"
        case "session.closed":
            return "started a closed session (the family left the room)"
        case "session.opened":
            return "ended the closed session"
        case "conference.updated":
            c = p["conference"]
            if c.get("previous") and not board.items and not board.statements:
                return f"started this review from the conference of {c['previous']['date']}"
            return "changed the conference settings, children or safety network"
        case "conference.focused":
            return f"showed {p['section'] or 'the whole board'} on the projector"
        case "conference.locked":
            return "locked the board"
        case "conference.unlocked":
            return "unlocked the board"
        case "decision.recorded":
            return "recorded the decision"
        case "conference.closed":
            return "ended the conference"
        case "record.corrected":
            what = {"item": "an item", "statement": "a statement", "member": "a name"}[p["target"]]
            return f"corrected the typing of {what} after the end: “{p['old'] or ''}” → “{p['new'] or ''}”"
        case "record.approved":
            return "approved the minutes"
    return kind

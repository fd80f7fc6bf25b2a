"""Reading the last conference's minutes: a review starts from the minutes JSON the last
board exported (the carrier; nothing of the case is kept here beyond each board's
retention). read_previous() checks the document field by field and returns what
commands/case.py carry() turns into the new board's first events."""

from __future__ import annotations

from typing import Any

from . import vocabulary as v
from .errors import DomainError
from .validate import check_choice, check_date, check_id, clean_text, invalid

MINUTES_FORMAT = "conference-minutes"


MINUTES_VERSION = 2  # the minutes JSON this server writes; it reads 1 and 2


class Doc:
    """One object of the document: only the keys its schema names, each checked."""

    def __init__(self, value: Any, where: str, keys: tuple[str, ...], optional: tuple[str, ...] = ()):
        if not isinstance(value, dict):
            raise invalid(
                "The minutes file is not as this app writes it: '{where}' should be an object.", where=where
            )
        unknown = sorted(str(k) for k in value if k not in keys and k not in optional)
        if unknown:
            raise invalid(
                "The minutes file has something this app never writes in '{where}': {unknown}.",
                where=where,
                unknown=unknown[0],
            )
        missing = [k for k in keys if k not in value]
        if missing:
            raise invalid(
                "The minutes file is missing '{missing}' in '{where}'.", missing=missing[0], where=where
            )
        self.value, self.where = value, where

    def __getitem__(self, key: str) -> Any:
        return self.value.get(key)

    def text(self, key: str, limit: int, required: bool = False) -> str | None:
        try:
            return clean_text(self.value.get(key), key, limit, required=required)
        except DomainError as err:
            raise invalid(
                "In the minutes file, {where}: {message_}", where=self.where, message_=err.message
            ) from None

    def items(self, key: str, limit: int) -> list:
        value = self.value.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise invalid(
                "The minutes file is not as this app writes it: '{where}.{key}' should be a list.",
                where=self.where,
                key=key,
            )
        if len(value) > limit:
            raise invalid(
                "The minutes file has more in '{where}.{key}' than a conference can hold.",
                where=self.where,
                key=key,
            )
        return value


TOP_KEYS = (
    "format",
    "version",
    "copy",
    "generated_at",
    "timezone",
    "conference",
    "notice",
    "attendance",
    "columns",
    "statements",
    "unpaired_safety_goals",
    "scaling",
    "decision",
    "plan",
)


TOP_KEYS_V2 = ("children", "network", "children_words", "since_last", "trends", "how_to_disagree")


TOP_KEYS_FULL = ("record", "access", "plain_language")


def _middle(value: Any, where: str) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 10:
        raise invalid("The minutes file has a score outside 0 to 10 in {where}.", where=where)
    if isinstance(value, float) and not (value * 2).is_integer():
        raise invalid("The minutes file has a middle score no scoring could give in {where}.", where=where)
    return int(value) if float(value).is_integer() else value


def _points(raw: Any, where: str) -> list[dict]:
    if not isinstance(raw, list) or len(raw) > v.MAX_CHAIN:
        raise invalid(
            "The minutes file's score history in {where} is not a list this app writes.", where=where
        )
    out = []
    for point in raw:
        d = Doc(point, where, ("date", "kind", "middle"))
        out.append(
            {
                "date": _date(d["date"], where),
                "kind": _kind(d["kind"], where),
                "middle": _middle(d["middle"], where),
            }
        )
    return out


def _date(value: Any, where: str) -> str:
    try:
        date = check_date(value, "date")
    except DomainError:
        date = None
    if date is None:
        raise invalid("The minutes file has a date that isn't a real date in {where}.", where=where)
    return date


def _kind(value: Any, where: str) -> str:
    if value not in v.MEETING_KIND_LABELS:
        raise invalid(
            "The minutes file names a kind of meeting this app doesn't know in {where}.", where=where
        )
    return value


def _check_scores_add_up(scaling: list) -> None:
    """A revealed round's summary must be what its scores give: a changed score shows."""
    for n, raw in enumerate(scaling):
        if not isinstance(raw, dict) or not raw.get("revealed"):
            continue
        scores, summary = raw.get("scores"), raw.get("summary")
        if not isinstance(scores, list) or not isinstance(summary, dict):
            raise invalid(
                "The minutes file's scaling round {number} is revealed but has no scores.", number=n + 1
            )
        values = []
        for s in scores:
            if not isinstance(s, dict):
                raise invalid(
                    "The minutes file's scaling round {number} has a score that isn't one.", number=n + 1
                )
            score = s.get("score")
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
                raise invalid(
                    "The minutes file's scaling round {number} has a score outside 0 to 10.", number=n + 1
                )
            values.append(score)
        values.sort()
        want: dict[str, Any] = {"n": 0, "lowest": None, "highest": None, "median": None}
        if values:
            mid = len(values) // 2
            median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
            median = int(median) if float(median).is_integer() else median
            want = {"n": len(values), "lowest": values[0], "highest": values[-1], "median": median}
        if summary != want:
            raise invalid(
                "The minutes file's scaling round {number} doesn't add up: its scores and its summary differ, so the file has been changed since it was made.",
                number=n + 1,
            )


# The longest a string may be in a minutes file, by the key that holds it: the live limits.
# Every string of the document is held to them, carried or not (an import is checked as
# a whole, never only the parts a review keeps).
TEXT_LIMITS = {
    # names the minutes write with more after them: "Nan (score given aloud)", a child's
    # credit "In Jo's own words (7) — Three Houses, House of Worries" as an item's author
    "name": 2 * v.MAX_NAME,
    "author": 4 * v.MAX_NAME,
    # a statement's sentence: its five fields (up to 1,000 each) and the words around them
    "sentence": 6 * v.MAX_STATEMENT_FIELD,
    "chair": v.MAX_NAME,
    "child": v.MAX_NAME,
    "owner": v.MAX_OWNER,
    "source": v.MAX_SOURCE,
    "reason": v.MAX_REASON,
    "question": v.MAX_QUESTION,
    "low_label": v.MAX_LABEL,
    "high_label": v.MAX_LABEL,
    "title": v.MAX_TITLE,
    "id": v.MAX_ID,
}


ITEM_SECTIONS = ("columns", "children_words")  # their `text` is an item's: 500


RECORD_LINE = 3 * v.MAX_DECISION_TEXT  # a record line quotes a decision and its dissent


MAX_DEPTH = 12  # the minutes nest 6 deep


def check_whole(doc: dict) -> None:
    """Every string, number and nesting level of the document against the live limits."""
    stack: list[tuple[Any, str, str, int]] = [(doc, "", "", 0)]
    while stack:
        value, section, key, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise invalid("The minutes file is not as this app writes it: it nests too deep.")
        if isinstance(value, dict):
            for k, x in value.items():
                stack.append((x, section or str(k), str(k), depth + 1))
        elif isinstance(value, list):
            stack.extend((x, section, key, depth + 1) for x in value)
        elif isinstance(value, str):
            limit = TEXT_LIMITS.get(key, v.MAX_DECISION_TEXT)
            if key == "text" and section in ITEM_SECTIONS:
                limit = v.MAX_ITEM_TEXT
            elif section == "record" and key == "what":
                limit = RECORD_LINE
            try:
                clean_text(value, key, limit, required=False)
            except DomainError:
                raise invalid(
                    "The minutes file has words in '{where}' that this app would not have written (too long, or with a character that isn't allowed).",
                    where=section,
                ) from None
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int | float):
            out_of_range = value != value or value in (float("inf"), float("-inf"))
            if key == "score":
                out_of_range = out_of_range or not isinstance(value, int) or not 0 <= value <= 10
            if out_of_range or abs(value) > 10**12:
                raise invalid(
                    "The minutes file has a number in '{where}' that this app would not have written.",
                    where=section,
                )


def _private_items(top: Doc) -> dict[str, bool]:
    """Item id -> private, from the board's columns: where an older minutes file (before the
    plan carried its own flag) says whether an action was said in the closed session."""
    out: dict[str, bool] = {}
    for column in top.items("columns", 100_000):
        groups = column.get("categories") if isinstance(column, dict) else None
        for group in groups if isinstance(groups, list) else []:
            items = group.get("items") if isinstance(group, dict) else None
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    out[item["id"]] = item.get("private") is not False
    return out


def _private_flag(d: Doc, private_items: dict[str, bool]) -> bool:
    """An action is public only when the file says so: its own flag, else its board item's;
    when neither says, it stays with the professionals (private)."""
    flag = d["private"]
    if flag is not None:
        if not isinstance(flag, bool):
            raise invalid("The minutes file marks an action private with something other than true or false.")
        return flag
    return private_items.get(d["id"], True) if isinstance(d["id"], str) else True


def read_previous(doc: Any) -> dict:
    """Check a minutes document and keep what a review carries. Anything this app would not
    have written — a family copy, a newer version, an unknown key, a value out of range, text
    over a limit or with broken characters, scores that don't add up — is `invalid`."""
    version = _check_envelope(doc)
    keys = TOP_KEYS + TOP_KEYS_FULL + (TOP_KEYS_V2 if version >= 2 else ())
    # language: since 1.1, always the source in a full copy; quorum: only in newer files
    top = Doc(doc, "the file", keys, optional=("language", "quorum", "reports", "corrections"))
    check_whole(doc)
    previous = _conference(top)
    for key in ("attendance", "columns", "unpaired_safety_goals", "record", "access"):
        top.items(key, 100_000)
    top.text("how_to_disagree", v.MAX_DECISION_TEXT)
    _check_scores_add_up(top.items("scaling", v.MAX_ROUNDS))
    chain, overall, threads = _history(top, previous)
    blank = [{**c, "middle": None} for c in chain]
    return {
        "previous": previous,
        "overall": overall,
        "chain": chain,
        "children": _children(top),
        "network": _network(top),
        "statements": _statements(top, threads, blank),
        "actions": _actions(top),
    }


def _check_envelope(doc: Any) -> int:
    """The full minutes JSON of a version this app reads: its version."""
    if not isinstance(doc, dict) or doc.get("format") != MINUTES_FORMAT:
        raise invalid(
            "That file is not the minutes of a conference (download the JSON minutes from the last board)."
        )
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise invalid("The minutes file has no version this app understands.")
    if version > MINUTES_VERSION:
        raise invalid(
            "These minutes were made by a newer version of Conference Board (format {version}); this one reads up to format {minutes_version}.",
            version=version,
            minutes_version=MINUTES_VERSION,
        )
    if doc.get("copy") != "full":
        raise invalid(
            "A review starts from the full record, not the family copy: download the full JSON minutes of the last conference."
        )
    return version


def _conference(top: Doc) -> dict:
    conf = Doc(
        top["conference"],
        "conference",
        (
            "id",
            "title",
            "kind",
            "kind_label",
            "date",
            "date_label",
            "started_at",
            "ended_at",
            "status",
            "chair",
        ),
        ("approved", "statement_label"),
    )
    return {
        "conference_id": check_id(conf["id"], "conference id"),
        "title": conf.text("title", v.MAX_TITLE, required=True),
        "kind": _kind(conf["kind"], "conference"),
        "date": _date(conf["date"], "conference"),
    }


def _children(top: Doc) -> list[dict]:
    children = []
    for raw in top.items("children", v.MAX_CHILDREN):
        d = Doc(raw, "children", ("id", "name", "age"))
        age = d["age"]
        if age is not None and (
            isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= v.MAX_AGE
        ):
            raise invalid("The minutes file gives a child an age this app wouldn't accept.")
        children.append(
            {"id": check_id(d["id"], "child"), "name": d.text("name", v.MAX_NAME, True), "age": age}
        )
    return children


def _network(top: Doc) -> list[dict]:
    network = []
    for raw in top.items("network", v.MAX_NETWORK):
        d = Doc(raw, "network", ("name", "does"))
        network.append(
            {"name": d.text("name", v.MAX_NAME, True), "does": d.text("does", v.MAX_ITEM_TEXT, True)}
        )
    return network


def _history(top: Doc, previous: dict) -> tuple[list[dict], list[dict], dict[str, list[dict]]]:
    """The chain of conferences so far, the middle score at each, and each statement's."""
    # version 1 has no history: the chain starts with that conference, its own scores unknown
    trends = top["trends"] or {"conferences": [], "overall": [], "statements": []}
    t = Doc(trends, "trends", ("conferences", "overall", "statements"))
    chain = _points(
        [dict(c, middle=None) for c in t.items("conferences", v.MAX_CHAIN) if isinstance(c, dict)], "trends"
    )
    if len(chain) != len(t["conferences"]):
        raise invalid("The minutes file's list of earlier conferences is not as this app writes it.")
    chain = [{"date": c["date"], "kind": c["kind"]} for c in chain]
    if not chain:
        chain = [{"date": previous["date"], "kind": previous["kind"]}]
    elif chain[-1] != {"date": previous["date"], "kind": previous["kind"]}:
        raise invalid(
            "The minutes file's score history doesn't end with the conference it is the minutes of."
        )

    def aligned(raw: Any) -> list[dict]:
        """One point per conference of the chain, in order (null where nobody scored)."""
        points = _points(raw, "trends")
        if [{"date": p["date"], "kind": p["kind"]} for p in points] != chain:
            raise invalid("The minutes file's score history doesn't line up with its list of conferences.")
        return points

    blank = [{**c, "middle": None} for c in chain]
    overall = aligned(t["overall"]) if t["conferences"] else blank
    threads: dict[str, list[dict]] = {}
    for raw in t.items("statements", v.MAX_STATEMENTS):
        d = Doc(raw, "trends", ("thread", "sentence", "points"))
        threads[check_id(d["thread"], "statement")] = aligned(d["points"])
    return chain, overall, threads


def _statements(top: Doc, threads: dict[str, list[dict]], blank: list[dict]) -> list[dict]:
    statements = []
    for raw in top.items("statements", v.MAX_STATEMENTS):
        d = Doc(
            raw,
            "statements",
            ("id", "danger", "sentence", "safety_goal", "private"),
            ("thread", "carried", "language"),
        )
        danger = Doc(d["danger"], "statements", v.STATEMENT_TEXT)
        fields = {k: danger.text(k, v.MAX_STATEMENT_FIELD) for k in v.STATEMENT_TEXT}
        if not any(fields[k] for k in ("who", "behaviour", "impact", "text")):
            raise invalid("The minutes file has an empty danger statement.")
        carried = d["carried"]
        if carried is not None:
            c = Doc(carried, "statements", ("from_date", "wording", "status", "reason"))
            check_choice(c["status"], v.STATEMENT_REVIEW, "status", nullable=True)
            if c["status"] == "gone":
                continue  # no longer a worry last time: it does not come back
        thread = check_id(d["thread"] if d["thread"] is not None else d["id"], "statement")
        if not isinstance(d["private"], bool):
            raise invalid(
                "The minutes file marks a statement private with something other than true or false."
            )
        statements.append(
            {
                "thread": thread,
                "fields": fields,
                "goal": d.text("safety_goal", v.MAX_STATEMENT_FIELD),
                "private": d["private"],
                "language": check_choice(d["language"] or v.SOURCE_LANGUAGE, v.LANGUAGES, "language"),
                "history": threads.get(thread, blank),
            }
        )
    return statements


def _actions(top: Doc) -> list[dict]:
    private_items = _private_items(top)
    actions = []
    for raw in top.items("plan", v.MAX_ITEMS):
        d = Doc(raw, "plan", ("action", "who", "by_when", "category"), ("id", "carried", "serves", "private"))
        carried = d["carried"]
        if carried is not None:
            c = Doc(carried, "plan", ("from_date", "status", "note"))
            check_choice(c["status"], v.ACTION_REVIEW, "status", nullable=True)
            if c["status"] in v.FINISHED_ACTIONS:
                continue  # finished last time
        d.text("serves", v.MAX_STATEMENT_FIELD)  # the goal's text: checked like any text, then left
        due = d["by_when"]
        actions.append(
            {
                "text": d.text("action", v.MAX_ITEM_TEXT, True),
                "owner": d.text("who", v.MAX_OWNER),
                "due": None if due is None else _date(due, "plan"),
                "private": _private_flag(d, private_items),
            }
        )
    return actions

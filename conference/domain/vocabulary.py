"""The words of the practice: columns, categories, roles, kinds and limits — the one source."""

from __future__ import annotations

from enum import StrEnum

from . import kinds as kinds_file

PROTOCOL_VERSION = 1

# column key -> (heading, [(category key, label), ...]); order is board order.
COLUMNS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "worries": (
        "What are we worried about?",
        (
            ("past_harm", "Past harm"),
            ("future_danger", "Danger"),
            ("complicating_factors", "Complicating factors"),
        ),
    ),
    "working_well": (
        "What's working well?",
        (
            ("existing_strengths", "Existing strengths"),
            ("existing_safety", "Existing safety"),
        ),
    ),
    "next_steps": (
        "What needs to happen?",
        (
            ("family_goals", "Family's goals"),
            ("agency_goals", "Agency goals"),
            ("actions", "Next steps"),
        ),
    ),
}
# Each heading's one-line meaning, from the Signs of Safety practice's own definitions: shown
# under the chips on phones and console, and as the hint on the projector's headings.
CATEGORY_MEANINGS: dict[str, str] = {
    "past_harm": "What has already happened to the children, with dates and examples",
    "future_danger": "What everyone fears will happen if nothing changes, and what it would do to the children",
    "complicating_factors": "What makes the worries harder to sort out, including things professionals do",
    "existing_strengths": "What the family already does well for the children",
    "existing_safety": "What people already do that keeps the children safe when the worry is there",
    "family_goals": "What the family wants life to look like when nobody needs to worry",
    "agency_goals": "What the professionals need to see to know the children are safe",
    "actions": "Who will do what, and by when",
}
# Only "what needs to happen" items carry an owner and a date.
PLAN_COLUMN = "next_steps"

# the languages a person can choose for their own screens (the catalogues in
# conference/translations): tag -> (its own name, writing direction). The first is the source.
LANGUAGES: dict[str, tuple[str, str]] = {
    "en-GB": ("English", "ltr"),
    "cy": ("Cymraeg", "ltr"),
    "pl": ("Polski", "ltr"),
    "ar": ("العربية", "rtl"),
}

SOURCE_LANGUAGE = next(iter(LANGUAGES))  # British English: what every message is written in

FAMILY_ROLES: dict[str, str] = {
    "parent_carer": "Parent or carer",
    "child_young_person": "Child or young person",
    "family_network": "Family or friend",
    # sits with the family: leaves with them for a closed session, never sees private items
    "interpreter": "Interpreter",
    "foster_carer": "Foster carer",
    "advocate": "Advocate (for the family or the child)",
}
PROFESSIONAL_ROLES: dict[str, str] = {
    "social_worker": "Social worker",
    "health": "Health (nurse, doctor, health visitor)",
    "education": "School or nursery",
    "police": "Police",
    "other_professional": "Other professional",
    # a student or an auditor: joins only once the chair has recorded the family's consent,
    # and is never counted as an agency
    "observer": "Observer (a student or auditor)",
}
OBSERVER_ROLE = "observer"
ROLES: dict[str, str] = {**FAMILY_ROLES, **PROFESSIONAL_ROLES}
CHILD_ROLE = "child_young_person"

# The kinds of meeting, their words, and a council's column order and extra headings:
# from the data file (conference/data/kinds.json), checked when this module loads.
_DATA = kinds_file.load(tuple(COLUMNS), tuple(ROLES), set(CATEGORY_MEANINGS))
for _column, _extra in _DATA["extra_categories"].items():
    _heading, _cats = COLUMNS[_column]
    COLUMNS[_column] = (_heading, (*_cats, *((c["key"], c["label"]) for c in _extra)))
    CATEGORY_MEANINGS.update({c["key"]: c["meaning"] for c in _extra})
COLUMNS = {key: COLUMNS[key] for key in _DATA["order"]}
COLUMN_ORDER: tuple[str, ...] = tuple(COLUMNS)
CATEGORIES: dict[str, tuple[str, ...]] = {
    column: tuple(key for key, _ in cats) for column, (_, cats) in COLUMNS.items()
}
MEETING_KINDS: dict[str, dict] = _DATA["kinds"]
MEETING_KIND_LABELS: dict[str, str] = {key: kind["label"] for key, kind in MEETING_KINDS.items()}
DEFAULT_MEETING_KIND = "other"


class MemberKind(StrEnum):
    """What a member is: the chair, someone who joined by code, the projector, or someone
    the chair added who has no phone (or sent apologies)."""

    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    DISPLAY = "display"
    OFFLINE = "offline"


class Status(StrEnum):
    """Where someone who joined by code stands."""

    WAITING = "waiting"
    ADMITTED = "admitted"
    REMOVED = "removed"


class ItemStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"


class Side(StrEnum):
    """Which side of the room a member sits on (the family leaves for a closed session), and
    so who may see an event: besides the chair, who sees everything, an event's `vis` holds
    these and "m:<member id>" for one member. The staff are the professional side."""

    FAMILY = "family"
    STAFF = "staff"


class StatementKind(StrEnum):
    """A danger statement, or the safety goal that answers one."""

    DANGER = "danger"
    SAFETY_GOAL = "safety_goal"


VOICES = ("child",)
STATEMENT_KINDS = tuple(StatementKind)
DANGER_FIELDS = ("who", "behaviour", "impact", "disagreement")
STATEMENT_TEXT = (*DANGER_FIELDS, "text")  # every field of a statement a person types
FOCUS_SECTIONS = (*COLUMN_ORDER, "statements", "scaling", "people")  # people: who is in the meeting
MAX_PROJECTOR_PAGE = 99

OUTCOMES: dict[str, str] = {
    "cp_plan": "Child protection plan",
    "no_plan": "No child protection plan",
    "continue_plan": "Child protection plan continues",
    "end_plan": "Child protection plan ends",
    "step_down": "Step down to other support",
    "other": "Other",
}
# a strategy discussion decides whether there will be a child protection enquiry
STRATEGY_OUTCOMES: dict[str, str] = {
    "enquiry_yes": "A child protection enquiry will start",
    "enquiry_no": "No child protection enquiry",
}
# the outcomes each kind of meeting's decision may record
# (the v1 kinds keep every v1 outcome whatever their panel shows: the contract)
DECISION_OUTCOMES: dict[str, tuple[str, ...]] = {
    "cp": tuple(OUTCOMES),
    "strategy": tuple(STRATEGY_OUTCOMES),
    "care_plan": tuple(OUTCOMES),
    "notes": tuple(OUTCOMES),
    "none": (),
}
OUTCOMES.update(STRATEGY_OUTCOMES)
# a child protection conference's outcomes narrowed to what that meeting can reach: an
# initial conference decides whether there will be a plan (there is none yet); a review
# whether the plan goes on or ends (docs/practice.md). Any other kind: its mode's outcomes.
KIND_OUTCOMES: dict[str, tuple[str, ...]] = {
    "initial_cp": ("cp_plan", "no_plan", "step_down", "other"),
    "review_cp": ("continue_plan", "end_plan", "step_down", "other"),
}
# what each kind of meeting's decision panel holds (the console shows these and no more)
# when and where the family next meets: a date, a time (HH:MM) and a place (PROTOCOL 1.2)
NEXT_MEETING = ("next_meeting", "next_meeting_time", "next_meeting_place")
MAX_PLACE = 200
MAX_CORRECTION = 2000  # a request for a correction after the end, and the chair's reason
MAX_ABOUT = 200  # what a correction is about, in the sender's words
MAX_CORRECTIONS = 100  # requests for corrections a conference takes
CORRECTION_STATUSES = ("requested", "accepted", "declined")
DECISION_PANELS: dict[str, tuple[str, ...]] = {
    "cp": (
        "outcome",
        "categories",
        "text",
        "dissent",
        "next_meeting",
        "next_meeting_time",
        "next_meeting_place",
        "per_child",
        "agencies",
        "lead_social_worker",
        "first_core_group",
    ),
    "strategy": ("outcome", "text", "dissent", *NEXT_MEETING, "agencies"),
    "care_plan": ("text", "dissent", *NEXT_MEETING),
    "notes": ("text", "dissent", *NEXT_MEETING, "agencies"),
    "none": NEXT_MEETING,
}
# the decisions the server holds to their panel; the others are the v1 kinds', which keep
# every v1 field whatever their panel shows (the contract)
STRICT_DECISIONS = ("strategy", "none")
ABUSE_CATEGORIES: dict[str, str] = {
    "neglect": "Neglect",
    "emotional": "Emotional abuse",
    "physical": "Physical abuse",
    "sexual": "Sexual abuse",
}

# How the child's words were heard (Signs of Safety tools for children); the Three Houses
# pre-select their column on the console.
HEARD_HOW: dict[str, str] = {
    "three_houses_worries": "Three Houses, House of Worries",
    "three_houses_good": "Three Houses, House of Good Things",
    "three_houses_dreams": "Three Houses, House of Dreams",
    "wizard_fairy": "Wizard and Fairy",
    "words_pictures": "Words and Pictures",
    "said_to_worker": "Said to a worker",
    "other": "Other",
}
HEARD_HOW_COLUMN: dict[str, str] = {
    "three_houses_worries": "worries",
    "three_houses_good": "working_well",
    "three_houses_dreams": "next_steps",
}

# A review asks of each carried danger statement and each carried action what has changed.
STATEMENT_REVIEW: dict[str, str] = {
    "still": "Still the worry",
    "changed": "Changed",
    "gone": "No longer a worry",
}
ACTION_REVIEW: dict[str, str] = {
    "done": "Done",
    "partly": "Partly done",
    "not_done": "Not done",
    "not_needed": "No longer needed",
}
# what the review said of a carried action that ends it: not carried again, not "to do"
FINISHED_ACTIONS = ("done", "not_needed")
# the next meeting is due within this many months of this kind of meeting
NEXT_MEETING_MONTHS: dict[str, int] = {"initial_cp": 3, "review_cp": 6}

# the scale's usual words when a board's kind has none of its own: the default kind's, from
# the kinds file (each kind's own are in MEETING_KINDS)
DEFAULT_QUESTION = MEETING_KINDS[DEFAULT_MEETING_KIND]["question"]
DEFAULT_LOW_LABEL = MEETING_KINDS[DEFAULT_MEETING_KIND]["low_label"]
DEFAULT_HIGH_LABEL = MEETING_KINDS[DEFAULT_MEETING_KIND]["high_label"]
SCORE_MIN, SCORE_MAX = 0, 10
# how the family's phones draw the 0–10 ladder, chosen by the chair for each round: the
# numbers alone, or a face or a red→amber→green colour beside each number (easy read, for a
# parent or a child who finds numbers hard). The first is the default.
SCALES = ("numbers", "faces", "colours")

# Limits (characters unless said otherwise).
# the minutes' file formats, in the order the export panel offers them
MINUTES_FORMATS: dict[str, str] = {
    "docx": "Word",
    "pdf": "PDF",
    "html": "Web page (to print)",
    "md": "Markdown",
    "json": "JSON (for the case system)",
}

MAX_TITLE = 120
MAX_CHILDREN = 12
MAX_AGE = 25  # care leavers are supported to 25
MAX_NETWORK = 30
MAX_AGENCIES = 20
MAX_IMPORT_BYTES = 5 * 1024 * 1024  # a previous conference's minutes JSON
MAX_CHAIN = 40  # conferences of history a review carries
MAX_ITEM_TEXT = 500
MAX_REASON = 280
MAX_NAME = 60
# the name a chair who gave none has on the board (conference.created); every screen and the
# minutes say it as "Chair" in their own language, once
DEFAULT_CHAIR_NAME = "Chair"
MAX_OWNER = 60
MAX_SOURCE = 60
MAX_STATEMENT_FIELD = 1000
MAX_QUESTION = 500
MAX_LABEL = 120
MAX_DECISION_TEXT = 5000
MAX_REPORT_VIEW = 5000  # an invited professional's view on the decision, with their report
MAX_RESPONSE = 500  # an answer to an item (item.respond)
MAX_RESPONSES = 50  # answers one item holds
MAX_AGENCY = 80
MAX_ID = 64
MAX_ITEMS = 1000
MAX_MEMBERS = 100
MAX_WAITING = 30  # the lobby's own cap, apart from the meeting's
MAX_ROUNDS = 50
MAX_STATEMENTS = 100
MAX_MESSAGE_BYTES = 64 * 1024

# Join codes: 8 characters with no look-alikes (no 0/O, 1/I/L).
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 8


def is_family_side(role: str | None) -> bool:
    return role in FAMILY_ROLES


def public_vocabulary() -> dict:
    """Everything a page needs to label the board, served as JSON to the views."""
    return {
        "protocol": PROTOCOL_VERSION,
        "columns": [
            {
                "key": key,
                "heading": heading,
                "categories": [
                    {"key": c, "label": label, "meaning": CATEGORY_MEANINGS[c]} for c, label in cats
                ],
            }
            for key, (heading, cats) in COLUMNS.items()
        ],
        "roles": [
            {"key": k, "label": v, "side": Side.FAMILY if k in FAMILY_ROLES else Side.STAFF}
            for k, v in ROLES.items()
        ],
        "kinds": [
            {
                "key": k,
                "label": d["label"],
                "statement": d["statement"],
                "statements_heading": statements_heading(d["statement"]),
                "question": d["question"],
                "low_label": d["low_label"],
                "high_label": d["high_label"],
                "decision": d["decision"],
                "family": d["family"],
                "roles": d["roles"],
                "quorum": d["quorum"],
                "outcomes": list(KIND_OUTCOMES.get(k, DECISION_OUTCOMES[d["decision"]])),
            }
            for k, d in MEETING_KINDS.items()
        ],
        "outcomes": [{"key": k, "label": v} for k, v in OUTCOMES.items()],
        "decision_outcomes": {mode: list(keys) for mode, keys in DECISION_OUTCOMES.items()},
        "decision_panels": {mode: list(fields) for mode, fields in DECISION_PANELS.items()},
        "abuse_categories": [{"key": k, "label": v} for k, v in ABUSE_CATEGORIES.items()],
        "plan_column": PLAN_COLUMN,
        "child_role": CHILD_ROLE,
        "default_question": DEFAULT_QUESTION,
        "default_low_label": DEFAULT_LOW_LABEL,
        "default_high_label": DEFAULT_HIGH_LABEL,
        "limits": {
            "title": MAX_TITLE,
            "item_text": MAX_ITEM_TEXT,
            "reason": MAX_REASON,
            "name": MAX_NAME,
            "decision_text": MAX_DECISION_TEXT,
            "items": MAX_ITEMS,
            "members": MAX_MEMBERS,
            "rounds": MAX_ROUNDS,
            "statements": MAX_STATEMENTS,
            "statement_field": MAX_STATEMENT_FIELD,
            "question": MAX_QUESTION,
            "label": MAX_LABEL,
            "owner": MAX_OWNER,
            "source": MAX_SOURCE,
            "message_bytes": MAX_MESSAGE_BYTES,
            "children": MAX_CHILDREN,
            "age": MAX_AGE,
            "network": MAX_NETWORK,
            "import_bytes": MAX_IMPORT_BYTES,
            "place": MAX_PLACE,
            "correction": MAX_CORRECTION,
            "about": MAX_ABOUT,
            "projector_pages": MAX_PROJECTOR_PAGE + 1,  # "Next page" presses counted modulo this
        },
        "languages": [{"key": k, "name": name, "dir": d} for k, (name, d) in LANGUAGES.items()],
        "minutes_formats": [{"key": k, "label": label} for k, label in MINUTES_FORMATS.items()],
        "heard_how": [
            {"key": k, "label": label, "column": HEARD_HOW_COLUMN.get(k)} for k, label in HEARD_HOW.items()
        ],
        "statement_review": [{"key": k, "label": label} for k, label in STATEMENT_REVIEW.items()],
        "action_review": [{"key": k, "label": label} for k, label in ACTION_REVIEW.items()],
        "next_meeting_months": NEXT_MEETING_MONTHS,
    }


def meeting_kind(conference: dict) -> dict:
    """The words and rules of this conference's kind of meeting."""
    return (
        MEETING_KINDS.get(conference.get("kind") or DEFAULT_MEETING_KIND)
        or MEETING_KINDS[DEFAULT_MEETING_KIND]
    )


def outcomes_of(conference: dict) -> tuple[str, ...]:
    """The outcomes this conference's decision may record, in the order offered."""
    mode = meeting_kind(conference)["decision"]
    return KIND_OUTCOMES.get(conference.get("kind") or DEFAULT_MEETING_KIND, DECISION_OUTCOMES[mode])


def statements_heading(statement: str) -> str:
    """'Danger statements and safety goals' for the kind's 'Danger statement' (the
    catalogue holds each kind's, so a translated page never pastes an English plural)."""
    return f"{statement}s and safety goals"


def statement_word(conference: dict) -> str:
    """'Danger statement' or 'Worry statement', as this kind of meeting says it."""
    return meeting_kind(conference)["statement"]

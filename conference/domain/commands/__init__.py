"""The commands, by aggregate, with the events each makes declared beside its rules.

The registry is explicit: the modules below are every command there is (each registers
its rules with @command and declares its events with events.declare); decide() in
registry.py checks who is asking and runs the rule. The service imports from here."""

from __future__ import annotations

from . import case, corrections, items, meeting, members, record, rounds, statements
from .case import carry
from .drafts import check_draft, check_projector
from .meeting import create_conference
from .members import invitation_opened, invite, join, opens_invitation
from .registry import COMMANDS, Change, Command, Context, decide, event_types, make_event
from .rounds import FAMILY_WORDING

AGGREGATES = (items, statements, rounds, members, meeting, case, record, corrections)

__all__ = [
    "AGGREGATES",
    "COMMANDS",
    "FAMILY_WORDING",
    "Change",
    "Command",
    "Context",
    "carry",
    "check_draft",
    "check_projector",
    "create_conference",
    "decide",
    "event_types",
    "invitation_opened",
    "invite",
    "join",
    "make_event",
    "opens_invitation",
]

"""The managers' JSON routes (/api/manage/...): every conference's details and access
record, and moving a conference to another chair. Signed-in managers only; every answer
is written to the access record first (conference/oversight.py)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from ..access import in_words
from ..domain.errors import N_, DomainError
from .api import accounts, json_body, only_fields, only_options, service
from .auth import client_address, signed_in_user
from .language import page_language

bp = Blueprint("manage", __name__, url_prefix="/api/manage")


def manager(state_changing: bool) -> str:
    """The signed-in facilitator, if a manager; a plain refusal (and an entry in the access
    record) for any other."""
    user = signed_in_user(accounts(), state_changing)
    if not accounts().is_manager(user):
        service().access.audit(None, N_("manager: refused, not a manager"), user, address=client_address())
        raise DomainError(
            "forbidden",
            "Only a manager can see this. Ask your information governance lead if you need to.",
        )
    return user


def _days() -> tuple[int, int]:
    return current_app.config["RETENTION_DAYS"], current_app.config["IDLE_DAYS"]


@bp.get("/conferences")
def conferences():
    only_options(())
    user = manager(state_changing=False)
    return jsonify({"conferences": service().oversight.conferences(user, *_days())})


@bp.get("/conferences/<conference:conference_id>/access")
def access_record(conference_id: str):
    """Who did what to one conference, each `what` in the page's language too (?lang=)."""
    only_options(("lang",))
    user = manager(state_changing=False)
    entries = service().oversight.access_record(user, conference_id)
    return jsonify({"entries": in_words(entries, page_language())})


@bp.post("/conferences/<conference:conference_id>/transfer")
def transfer(conference_id: str):
    user = manager(state_changing=True)
    body = json_body()
    only_fields(body, {"to"})
    moved = service().oversight.transfer(user, conference_id, body.get("to"), *_days())
    return jsonify({"conference": moved})

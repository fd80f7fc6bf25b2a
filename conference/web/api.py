"""JSON routes: conferences (create, join, delete, links, minutes, audit), sign-in, and the plain-language hint."""

from __future__ import annotations

import json
from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from ..access import CHAIR_LINK, in_words
from ..accounts import Accounts
from ..domain import vocabulary as v
from ..domain.errors import N_, DomainError
from ..domain.validate import check_unicode
from ..minutes.render import MIMETYPES
from ..plain_language import MAX_TEXT as PLAIN_LANGUAGE_MAX
from ..plain_language import check as plain_language_check
from ..service import Service
from . import language
from .auth import (
    SESSION_COOKIE,
    OneAtATime,
    bearer_token,
    client_address,
    csrf_token,
    https,
    new_session,
    session_cookie,
    set_session_cookie,
    signed_in_user,
)
from .guard import too_deep
from .oidc import end_session_url

bp = Blueprint("api", __name__, url_prefix="/api")

HTTP_STATUS = {
    "invalid": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "closed": 409,
    "locked": 423,
    "too_large": 413,
    "rate_limited": 429,
    "unavailable": 503,
}


def only_fields(body: dict, allowed) -> None:
    """A body with a field this address doesn't take is refused, naming the field."""
    unknown = set(body) - set(allowed)
    if unknown:
        raise DomainError("invalid", "Unknown field(s): {names}.", names=", ".join(sorted(unknown)))


def only_options(allowed) -> None:
    """The same for the address's ?options."""
    unknown = set(request.args) - set(allowed)
    if unknown:
        raise DomainError("invalid", "Unknown option(s): {names}.", names=", ".join(sorted(unknown)))


def error_response(err: DomainError):
    response = jsonify({"error": language.refusal(err)})
    response.status_code = HTTP_STATUS[err.code]
    if err.code == "rate_limited":
        response.headers["Retry-After"] = "60"
    return response


def service() -> Service:
    return current_app.extensions["conference_service"]


def limits():
    return current_app.extensions["conference_limits"]


def accounts() -> Accounts:
    return current_app.extensions["conference_accounts"]


def chair_access(conference_id: str, state_changing: bool) -> str:
    """The chair's token as a bearer, or the signed-in facilitator who owns the conference.
    Returns who it is, for the access audit."""
    token = bearer_token()
    if token is not None:
        service().access.authenticate_facilitator(token, conference_id)
        return CHAIR_LINK
    return owner_access(conference_id, state_changing)


def owner_access(conference_id: str, state_changing: bool) -> str:
    """The signed-in facilitator who owns the conference (never a link), or a refusal."""
    user = signed_in_user(accounts(), state_changing)
    if not service().access.owns(user, conference_id):
        raise DomainError("forbidden", "Only the facilitator who started this conference can do that.")
    return user


def json_body() -> dict[str, Any]:
    """The request's JSON object. Nesting is checked on the raw text first (linear, in the
    packet guard's way), so no body makes the decoder recurse until it fails."""
    raw = request.get_data(cache=True)
    if too_deep(raw.decode("utf-8", "replace")):
        raise DomainError("invalid", "Please send a JSON object.")
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        body = None
    if not isinstance(body, dict):
        raise DomainError("invalid", "Please send a JSON object.")
    check_unicode(body)
    return body


def public_url(path: str) -> str:
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + path


@bp.errorhandler(DomainError)
def domain_error(err: DomainError):
    return error_response(err)


# a review's body carries the last conference's minutes: up to 5 MB, plus the rest
CREATE_BODY_BYTES = v.MAX_IMPORT_BYTES + 64 * 1024
TOO_BIG_MINUTES = DomainError(
    "invalid",
    "That minutes file is too big (over 5 MB) to be the minutes of one conference. Please use the JSON minutes the last board gave you.",
)


@bp.post("/conferences")
def create_conference():
    owner = signed_in_user(accounts(), state_changing=True)
    if (request.content_length or 0) > CREATE_BODY_BYTES:
        raise TOO_BIG_MINUTES
    request.max_content_length = CREATE_BODY_BYTES
    body = json_body()
    fields = {
        "title",
        "kind",
        "chair_name",
        "children",
        "previous_minutes",
        "previous_conference_id",
        "meeting_at",
    }
    only_fields(body, fields)
    if "previous_minutes" in body and "previous_conference_id" in body:
        raise DomainError("invalid", "Start from the last conference's minutes or from its board, not both.")
    address = client_address()
    limits()["create"].check(
        address, N_("Too many conferences were started from here. Please wait a minute.")
    )
    previous = body.get("previous_minutes")
    if "previous_conference_id" in body:
        previous = service().exports.previous_minutes(
            owner, body["previous_conference_id"], current_app.config["TIMEZONE"]
        )
    elif previous is not None and len(json.dumps(previous, ensure_ascii=False).encode()) > v.MAX_IMPORT_BYTES:
        raise TOO_BIG_MINUTES
    made = service().create_conference(
        body.get("title"),
        body.get("kind"),
        body.get("chair_name"),
        owner,
        previous=previous,
        children=body.get("children"),
        meeting_at=body.get("meeting_at"),
    )
    cid = made["conference_id"]
    made.update(
        join_url=public_url(f"/j/{made['join_code']}"),
        facilitator_url=public_url(f"/c/{cid}/facilitate#t={made['facilitator_token']}"),
        display_url=public_url(f"/c/{cid}/display#t={made['display_token']}"),
    )
    return jsonify(made), 201


JOIN_FAILURES = N_(
    "Too many codes that didn't match were tried from here. Please wait a minute and try again."
)


@bp.post("/join-code")
def join_code_check():
    """Is this a code a person can join with? The join page asks before anyone's name, so a
    wrong code is said at once and can be put right. Wrong codes count toward the same limit
    as wrong joins."""
    body = json_body()
    only_fields(body, {"join_code"})
    address = client_address()
    failures = limits()["join_failures"]
    message = N_("Too many codes that didn't match were tried from here. Please wait a minute and try again.")
    if failures.blocked(address):
        raise DomainError("rate_limited", message)
    try:
        service().access.conference_of_code(body.get("join_code"))
    except DomainError as err:
        if err.code == "not_found":
            failures.record(address)
        raise
    return jsonify({"ok": True})


@bp.post("/join")
def join():
    body = json_body()
    only_fields(body, {"join_code", "name", "role", "language"})
    address = client_address()
    failures = limits()["join_failures"]
    message = N_("Too many codes that didn't match were tried from here. Please wait a minute and try again.")
    if failures.blocked(address):
        raise DomainError("rate_limited", message)
    code = str(body.get("join_code", ""))[:40].upper().replace(" ", "").replace("-", "")
    limits()["join_code"].check(
        code, N_("A lot of people just joined with this code. Please wait a minute and try again.")
    )
    try:
        joined = service().join(
            body.get("join_code"), body.get("name"), body.get("role"), body.get("language")
        )
    except DomainError as err:
        if err.code == "not_found":
            failures.record(address)
        raise
    return jsonify(joined), 201


def chair_only(state_changing: bool):
    """A route for the chair of the conference in its URL (a well-formed id: the
    `conference` converter); the handler gets `who` (for the access audit) after the id."""

    def wrap(handler):
        @wraps(handler)
        def guarded(conference_id: str, **kwargs):
            who = chair_access(conference_id, state_changing)
            return handler(conference_id, who, **kwargs)

        return guarded

    return wrap


@bp.delete("/conferences/<conference:conference_id>")
@chair_only(state_changing=True)
def delete_conference(conference_id: str, who: str):
    service().retention.delete_conference(conference_id, who)
    return "", 204


# a new link for the projector, or for the chair's console on another device (added to the
# contract's routes; see docs/protocol.md): member kind, answer field, page
LINKS = {
    "display-link": ("display", "display_url", "display"),
    "facilitator-link": ("facilitator", "facilitator_url", "facilitate"),
}


@bp.post("/conferences/<conference:conference_id>/<any('display-link', 'facilitator-link'):link>")
@chair_only(state_changing=True)
def new_link(conference_id: str, who: str, link: str):
    kind, field, page = LINKS[link]
    token = service().access.new_link_token(conference_id, kind)
    return jsonify({field: public_url(f"/c/{conference_id}/{page}#t={token}")}), 201


@bp.post("/conferences/<conference:conference_id>/invitations")
@chair_only(state_changing=True)
def invite(conference_id: str, who: str):
    """The chair invites a professional before the meeting: their own link to the board,
    to add items and send their report (the chair sends it to them)."""
    body = json_body()
    only_fields(body, {"name", "role", "agency"})
    made = service().invite(conference_id, body.get("name"), body.get("role"), body.get("agency"))
    made["contribute_url"] = public_url(f"/c/{conference_id}/participate#t={made['participant_token']}")
    return jsonify(made), 201


@bp.post("/conferences/<conference:conference_id>/cancel-links")
def cancel_links(conference_id: str):
    """A leaked chair's or projector link: only the signed-in owner may cancel them (a link
    cannot cancel itself and its owner's), and gets a new pair."""
    user = owner_access(conference_id, state_changing=True)
    fresh = service().access.cancel_links(conference_id, user)
    pages = {"facilitator": ("facilitator_url", "facilitate"), "display": ("display_url", "display")}
    return jsonify(
        {
            field: public_url(f"/c/{conference_id}/{page}#t={fresh[kind]}")
            for kind, (field, page) in pages.items()
            if kind in fresh
        }
    ), 201


@bp.get("/conferences/<conference:conference_id>/minutes.<fmt>")
@chair_only(state_changing=False)
def minutes(conference_id: str, who: str, fmt: str):
    only_options({"copy", "large", "lang"})
    large = request.args.get("large", "0")
    if large not in ("0", "1"):
        raise DomainError("invalid", "Large print is large=1 (or large=0 for the usual 12 pt).")
    body, name = service().exports.minutes(
        conference_id,
        request.args.get("copy", "full"),
        fmt,
        current_app.config["TIMEZONE"],
        who,
        large=large == "1",
        how_to_disagree=current_app.config.get("HOW_TO_DISAGREE"),
        language=request.args.get("lang"),
    )
    response = Response(body, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    if fmt == "html":  # a self-contained document: its own inline styles, never a script
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@bp.get("/conferences/<conference:conference_id>/letter.<fmt>")
@chair_only(state_changing=False)
def decision_letter(conference_id: str, who: str, fmt: str):
    """The chair's decision letter to the family: one page, PDF or Word, in their language."""
    only_options({"lang"})
    body, name = service().exports.letter(
        conference_id,
        fmt,
        current_app.config["TIMEZONE"],
        who,
        how_to_disagree=current_app.config.get("HOW_TO_DISAGREE"),
        language=request.args.get("lang"),
    )
    response = Response(body, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/conferences/<conference:conference_id>/plain-language")
@chair_only(state_changing=False)
def minutes_check(conference_id: str, who: str):
    """What the plain-language check flags in a copy of the minutes, before it goes out."""
    only_options({"copy"})
    copy = request.args.get("copy", "family")
    return jsonify(
        {"flags": service().exports.plain_language_check(conference_id, copy, current_app.config["TIMEZONE"])}
    )


@bp.post("/conferences/<conference:conference_id>/distribution")
@chair_only(state_changing=True)
def distribution(conference_id: str, who: str):
    """Who the minutes were sent to: which copy, which format, to whom (free text)."""
    body = json_body()
    only_fields(body, {"copy", "format", "recipient"})
    service().exports.record_distribution(
        conference_id, who, body.get("copy"), body.get("format"), body.get("recipient")
    )
    return jsonify({"ok": True}), 201


@bp.get("/conferences/<conference:conference_id>/audit")
@chair_only(state_changing=False)
def access_audit(conference_id: str, who: str):
    """Who joined, was let in or removed, and who exported the minutes; each `what` in the
    page's language too (`what_words`; ?lang= says which)."""
    entries = service().access.audit_of(conference_id)
    return jsonify({"entries": in_words(entries, language.page_language())})


@bp.get("/conferences")
def my_conferences():
    user = signed_in_user(accounts(), state_changing=False)
    return jsonify({"username": user, "conferences": service().access.conferences_of(user)})


SIGNING_IN = OneAtATime()


@bp.post("/login")
def login():
    if not current_app.config.get("PASSWORD_SIGN_IN", True):
        raise DomainError(
            "forbidden", "Sign in with your organisation's account: passwords are not used here."
        )
    body = json_body()
    if set(body) != {"username", "password"}:
        raise DomainError("invalid", "Send your username and password.")
    user, sid = sign_in(str(body["username"]), body["password"])
    response = jsonify({"username": user, "csrf_token": csrf_token(sid, current_app.config["SECRET_KEY"])})
    set_session_cookie(response, sid)
    return response


def sign_in(username: str, password: Any) -> tuple[str, str]:
    """A facilitator's username and password checked, with the sign-in limits and the access
    audit: (who, a new session id), or a refusal. The page's script signs in through
    /api/login; the form itself posts to /login (pages.py) when the script has not run."""
    if not current_app.config.get("PASSWORD_SIGN_IN", True):
        raise DomainError(
            "forbidden", "Sign in with your organisation's account: passwords are not used here."
        )
    address = client_address()
    failures = limits()["login_failures"]
    username = username[:60].lower()
    message = N_("Too many sign-ins that didn't work. Please wait a few minutes and try again.")
    # per address, and per username from that address: someone guessing a chair's password
    # elsewhere locks out only themselves, never the chair
    per_user = f"user:{username}:{address}"
    # one sign-in at a time from an address: argon2 now runs off the event loop, so without
    # this a burst would all pass the check below before the first failure was counted
    with SIGNING_IN.hold(address):
        if failures.blocked(address) or failures.blocked(per_user):
            raise DomainError("rate_limited", message)
        user = accounts().verify(username, password)
        service().access.audit(
            None, N_("signed in") if user else N_("sign-in failed"), username, address=address
        )
        if user is None:
            for key in (address, per_user):
                failures.record(key)
            raise DomainError("unauthorized", "That username and password don't match. Please try again.")
    return user, new_session(accounts(), user)


@bp.post("/logout")
def logout():
    user = accounts().session_user(session_cookie())
    if user is not None:
        signed_in_user(accounts(), state_changing=True)  # another site can't sign a chair out
    accounts().end_session(session_cookie())
    # the provider's own sign-out page, when it publishes one (ours has ended either way)
    provider_page = end_session_url() if user and accounts().signs_in_elsewhere(user) else None
    response = jsonify({"ok": True, "end_session_url": provider_page})
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="Strict", secure=https())
    return response


@bp.get("/me")
def me():
    user = signed_in_user(accounts(), state_changing=False)
    return jsonify(
        {
            "username": user,
            "name": accounts().display_name(user),
            "manager": accounts().is_manager(user),
            "csrf_token": csrf_token(session_cookie() or "", current_app.config["SECRET_KEY"]),
        }
    )


@bp.post("/plain-language")
def plain_language():
    """A hint for the writer: acronyms, jargon, labels, long sentences, reading age."""
    limits()["plain_language"].check(
        client_address(),
        N_("That was a lot of checking very quickly. Please wait a moment."),
    )
    body = json_body()
    if set(body) != {"text"} or not isinstance(body["text"], str):
        raise DomainError("invalid", 'Send {"text": "..."} with the words to check.')
    if len(body["text"]) > PLAIN_LANGUAGE_MAX:
        raise DomainError(
            "too_large",
            "The check reads up to {limit} characters at a time. Please check a shorter piece.",
            limit=PLAIN_LANGUAGE_MAX,
        )
    return jsonify(plain_language_check(body["text"]))


@bp.get("/vocabulary")
def vocabulary():
    return jsonify(v.public_vocabulary())

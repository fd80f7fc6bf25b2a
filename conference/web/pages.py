"""HTML routes: the start page, join links, the three screens, the QR code and vendored JS."""

from __future__ import annotations

import datetime as dt
import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext

from .. import i18n
from ..access import normalise_join_code
from ..domain import vocabulary as v
from ..domain import working_days
from ..domain.errors import N_, DomainError
from . import assets, language, oidc
from .assets import VENDOR
from .auth import client_address, same_origin, set_session_cookie

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def limits() -> dict:
    """Every page's maxlength comes from the vocabulary's limits, never retyped."""
    return {"limits": v.public_vocabulary()["limits"]}


@bp.get("/")
def index():
    return render_template("index.html")


@bp.get("/login")
def login(refused: str = ""):
    config = current_app.config
    oidc_name = (config.get("OIDC_NAME") or gettext("your organisation")) if oidc.configured(config) else None
    return render_template(
        "login.html",
        oidc_name=oidc_name,
        password_sign_in=config.get("PASSWORD_SIGN_IN", True),
        refused=refused,
    )


@bp.post("/login")
def login_form():
    """The sign-in form posted by the browser itself, when the page's script has not run
    (sent before it loaded, or scripts off): never a GET, so a password is never put in an
    address. Signed in, the browser is sent on to My conferences with a 303, so its address
    bar says /mine and a reload does not post again; refused, the form again with why."""
    from .api import HTTP_STATUS, sign_in

    try:
        if not _posted_from_here():
            raise DomainError(
                "forbidden",
                "This request did not come from a Conference Board page. Please reload and try again.",
            )
        _, sid = sign_in(request.form.get("username", "").strip(), request.form.get("password", ""))
    except DomainError as err:
        return login(refused=language.refusal(err)["message"]), HTTP_STATUS[err.code]
    response = redirect(url_for("pages.my_conferences"), code=303)
    set_session_cookie(response, sid)
    return response


def _posted_from_here() -> bool:
    """A form posted from one of our own pages, never another site's (which could sign a
    chair's browser in as someone else). Our pages' Referrer-Policy (no-referrer) makes the
    browser send "Origin: null" with a form, so the browser's Sec-Fetch-Site says it; a
    browser too old to send that must send an Origin of ours."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    return same_origin() and request.headers.get("Origin") != "null"


@bp.get("/mine")
def my_conferences():
    """My conferences (the page asks /api/me and sends people to /login if need be)."""
    return render_template(
        "my_conferences.html",
        kinds=v.MEETING_KIND_LABELS,
        vocabulary=i18n.vocabulary(language.page_language()),
    )


@bp.get("/manage")
def manage():
    """The managers' view (the page asks /api/manage/...; anyone else is told it isn't theirs)."""
    return render_template(
        "manage.html", kinds=v.MEETING_KIND_LABELS, vocabulary=i18n.vocabulary(language.page_language())
    )


@bp.get("/join")
def join_form():
    code = normalise_join_code(request.args.get("code", ""))
    if not code:
        return redirect(url_for("pages.index"))
    return redirect(url_for("pages.join", join_code=code))


@bp.get("/j/<join_code>")
def join(join_code: str):
    code = normalise_join_code(join_code)
    checked, said = _check_code(code)
    return render_template(
        "join.html",
        join_code=code,
        code_checked=checked,
        code_said=said,
        family_roles=v.FAMILY_ROLES,
        professional_roles=v.PROFESSIONAL_ROLES,
    )


def _check_code(code: str) -> tuple[str, str]:
    """The code in the link checked while the page is made, as POST /api/join-code checks it
    and under the same limit on wrong codes, so a phone on a poor line is asked its name with
    no round trip more: ("ok", ""), ("bad", the sentence to read), or ("", "") when the page
    is to ask for itself (a code of the wrong length, the limit reached, the store away)."""
    if len(code) != v.JOIN_CODE_LENGTH:
        return "", ""
    address = client_address()
    failures = current_app.extensions["conference_limits"]["join_failures"]
    if failures.blocked(address):
        return "", ""
    try:
        current_app.extensions["conference_service"].access.conference_of_code(code)
    except DomainError as err:
        if err.code == "not_found":
            failures.record(address)
        if err.code in ("not_found", "closed"):
            return "bad", language.refusal(err)["message"]
        return "", ""
    return "ok", ""


SCREENS = {
    "facilitate": N_("The chair's console"),
    "participate": N_("Your board"),
    "display": N_("The board"),
}


@bp.get("/c/<conference:conference_id>/<screen>")
def screen(conference_id: str, screen: str):
    """The three screens; tokens ride in the URL fragment or local storage, never reaching here."""
    if screen not in SCREENS:
        abort(404)
    vocabulary = i18n.vocabulary(language.page_language())
    if screen == "facilitate":  # the chair's dates in working days: the nation's bank holidays
        year = dt.date.today().year
        vocabulary = {
            **vocabulary,
            "bank_holidays": working_days.bank_holidays(
                current_app.config.get("NATION", "england"), year - 1, year + 2
            ),
            "first_core_group_days": working_days.FIRST_CORE_GROUP_DAYS,
            # the council's time zone: the tracker's on-time rule reads local days
            "timezone": current_app.config["TIMEZONE"],
        }
    return render_template(
        f"{screen}.html",
        conference_id=conference_id,
        title=gettext(SCREENS[screen]),
        vocabulary=vocabulary,
        retention_days=current_app.config["RETENTION_DAYS"],
        idle_days=current_app.config["IDLE_DAYS"],
    )


@bp.get("/qr/<join_code>.svg")
def qr(join_code: str):
    """The QR code a phone scans: it opens /j/<code>. Drawn here, never by a third party."""
    code = normalise_join_code(join_code)
    if len(code) != v.JOIN_CODE_LENGTH or any(ch not in v.JOIN_CODE_ALPHABET for ch in code):
        abort(404)
    import segno  # on the first QR code drawn, not at every start

    base = current_app.config.get("PUBLIC_URL") or request.host_url
    out = io.BytesIO()
    segno.make(base.rstrip("/") + url_for("pages.join", join_code=code), error="m").save(
        out, kind="svg", scale=10, border=2, dark="#0b0c0c", light="#ffffff", xmldecl=False, svgns=True
    )
    return Response(out.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.get("/favicon.ico")
def favicon():
    """No icon of our own: an empty answer, so a browser's automatic request is no error."""
    return Response(status=204, headers={"Cache-Control": "max-age=86400"})


@bp.get("/vendor/<name>")
def vendor(name: str):
    """Browser packages installed from the npm registry by `make setup`, served by us."""
    if name not in VENDOR:
        abort(404)
    return assets.serve(f"vendor/{name}")


@bp.get("/healthz")
def healthz():
    return {"ok": True}

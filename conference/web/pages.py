"""HTML routes: the start page and join links (the full screens come with step 2)."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from ..domain import vocabulary as v
from ..service import normalise_join_code

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    return render_template("index.html")


@bp.get("/join")
def join_form():
    code = normalise_join_code(request.args.get("code", ""))
    if not code:
        return redirect(url_for("pages.index"))
    return redirect(url_for("pages.join", join_code=code))


@bp.get("/j/<join_code>")
def join(join_code: str):
    return render_template("join.html", join_code=normalise_join_code(join_code), roles=v.ROLES)


SCREENS = {
    "facilitate": "The chair's console",
    "participate": "Your board",
    "display": "The projector board",
}


@bp.get("/c/<conference_id>/<screen>")
def screen(conference_id: str, screen: str):
    """The three screens (step 2); tokens ride in the URL fragment, never reaching here."""
    if screen not in SCREENS:
        abort(404)
    return render_template("screen_placeholder.html", heading=SCREENS[screen])


@bp.get("/healthz")
def healthz():
    return {"ok": True}

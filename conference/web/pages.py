"""HTML routes: the start page and join links (the full screens come with step 2)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

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


@bp.get("/healthz")
def healthz():
    return {"ok": True}

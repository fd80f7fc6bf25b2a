"""Sign-in with the council's identity provider (OpenID Connect), with Authlib's Flask client.

GET /login/oidc starts the authorization code flow (PKCE S256, state, nonce); the provider
sends the person back to GET /login/oidc/callback, where Authlib checks the state and the
ID token (issuer, audience, expiry, nonce, signature from the issuer's JWKS) and we sign the
person in exactly as a password does. Without CONFERENCE_OIDC_ISSUER both routes are 404.

The flow's state (state, nonce, code verifier) is kept in Flask's signed session cookie,
`cb_signin_flow`: SameSite=Lax, so the provider's redirect back — a cross-site top-level
navigation — carries it, while the sign-in session itself (`cb_session`) stays Strict.
Signed with SECRET_KEY, it works whichever process the callback lands on."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, session

from ..access import IDENTITY_PROVIDER
from ..domain.errors import N_
from .auth import client_address, new_session, set_session_cookie

bp = Blueprint("oidc", __name__)
log = logging.getLogger("conference.oidc")
FLOW_COOKIE = "cb_signin_flow"
SCOPES = "openid profile email groups"


def configured(config: dict[str, Any]) -> bool:
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


def init(app) -> None:
    """Register the provider with Authlib when the council has configured one."""
    app.config.update(
        SESSION_COOKIE_NAME=FLOW_COOKIE,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=str(app.config.get("PUBLIC_URL") or "").startswith("https://"),
    )
    app.register_blueprint(bp)
    if not configured(app.config):
        return
    # Authlib (and joserfc, cryptography, 3 MB) only for a council that signs in this way
    from authlib.integrations.flask_client import OAuth

    oauth = OAuth(app)
    issuer = app.config["OIDC_ISSUER"].rstrip("/")
    oauth.register(
        name="council",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config.get("OIDC_CLIENT_SECRET") or None,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPES, "code_challenge_method": "S256"},
    )
    app.extensions["conference_oidc"] = oauth.council


def provider():
    found = current_app.extensions.get("conference_oidc")
    if found is None:
        abort(404)
    return found


def redirect_uri() -> str:
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + "/login/oidc/callback"


@bp.get("/login/oidc")
def start():
    client = provider()
    session.clear()  # one flow at a time in this browser
    return client.authorize_redirect(redirect_uri())


def refused(reason: str, status: int = 403):
    """The page a person sees when the sign-in did not let them in (and no session)."""
    session.clear()
    response = current_app.make_response(
        (render_template("signin_refused.html", reason=reason, name=provider_name()), status)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def provider_name() -> str:
    return current_app.config.get("OIDC_NAME") or N_("your organisation")


@bp.get("/login/oidc/callback")
def callback():
    client = provider()
    access = current_app.extensions["conference_service"].access
    address = client_address()
    try:
        token = client.authorize_access_token()
    except Exception as err:  # noqa: BLE001 — every failure is the same page, and logged
        # a wrong or replayed state, a refused code, an ID token that fails a check
        # (AuthlibBaseError or joserfc's), or the provider out of reach
        why = getattr(err, "error", None) or type(err).__name__
        access.audit(None, N_("sign-in failed"), IDENTITY_PROVIDER, address=address, why=str(why))
        log.info("OpenID Connect sign-in refused: %s", why)
        return refused("failed")
    claims = token.get("userinfo") or {}
    if not claims.get("sub") or not claims.get("iss"):
        return refused("failed")
    groups = claims.get("groups") or []
    if not isinstance(groups, list):
        groups = [groups]
    chairs = current_app.config.get("OIDC_CHAIRS")
    accounts = current_app.extensions["conference_accounts"]
    username = accounts.oidc_username(claims["iss"], claims["sub"])
    if chairs and chairs not in groups:
        access.audit(None, N_("sign-in refused: not a chair"), username, address=address)
        return refused("not_a_chair")
    name = str(claims.get("name") or claims.get("email") or claims["sub"])
    accounts.put_oidc_account(username, claims["iss"], claims["sub"], name, str(claims.get("email") or ""))
    managers = current_app.config.get("OIDC_MANAGERS")
    if managers:  # the group decides at every sign-in; unset, the CLI's flag stands
        accounts.set_manager(username, managers in groups)
    access.audit(None, N_("signed in"), username, address=address, via=IDENTITY_PROVIDER)
    session.clear()
    response = redirect("/mine")
    set_session_cookie(response, new_session(accounts, username))
    return response


def end_session_url() -> str | None:
    """The provider's own sign-out page, when it publishes one (after ours has ended)."""
    client = current_app.extensions.get("conference_oidc")
    if client is None:
        return None
    try:
        metadata = client.load_server_metadata()
    except Exception:  # the provider is away: our session has ended all the same
        return None
    return metadata.get("end_session_endpoint")

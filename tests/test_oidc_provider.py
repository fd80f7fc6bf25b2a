"""The tests' OpenID Provider (real oidc-provider from npm, tests/oidc/provider.mjs) does what the
sign-in tests rely on: discovery, its key, PKCE enforced, the dev login form, a whole code flow whose
ID token carries name, email, groups and the nonce, and RP-initiated logout. requests only."""

from __future__ import annotations

import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from .oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    OidcProvider,
    follow_sign_in,
    forms_of,
    generate_rsa_jwk,
    pkce_pair,
    sign_jwt_with_cryptography,
)

# Nothing listens here: the flow stops at the redirect to it.
CALLBACK = "http://127.0.0.1:9/auth/callback"
SIGNED_OUT = "http://127.0.0.1:9/signed-out"


@pytest.fixture(scope="module")
def op():
    with OidcProvider(redirect_uris=[CALLBACK], post_logout_redirect_uris=[SIGNED_OUT]) as provider:
        yield provider


@pytest.fixture(scope="module")
def discovery(op):
    r = requests.get(op.discovery_url, timeout=10)
    assert r.status_code == 200
    return r.json()


def published_keys(discovery):
    return KeySet.import_key_set(requests.get(discovery["jwks_uri"], timeout=10).json())


def verified(token, keys):
    """The claims of an RS256 JWT whose signature `keys` verify, with its header as ["header"]."""
    decoded = jwt.decode(token, keys, algorithms=["RS256"])
    return {**decoded.claims, "header": decoded.header}


def authorize_url(discovery, **params):
    query = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": CALLBACK,
        "scope": "openid profile email groups",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        **params,
    }
    return (
        discovery["authorization_endpoint"]
        + "?"
        + urlencode({k: v for k, v in query.items() if v is not None})
    )


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def sign_in(discovery, session, login, **params):
    """The code flow up to the callback: (query of the redirect to CALLBACK, code_verifier, nonce)."""
    verifier, challenge = pkce_pair()
    nonce = secrets.token_urlsafe(12)
    state = secrets.token_urlsafe(12)
    url = authorize_url(
        discovery, code_challenge=challenge, code_challenge_method="S256", nonce=nonce, state=state, **params
    )
    location = follow_sign_in(session, url, login, stop_at=CALLBACK)
    query = query_of(location)
    assert query["state"] == state
    return query, verifier, nonce


def exchange(discovery, code, verifier, auth=(CLIENT_ID, CLIENT_SECRET)):
    return requests.post(
        discovery["token_endpoint"],
        auth=auth,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
        },
        timeout=10,
    )


def test_discovery_offers_the_code_flow_with_s256_and_logout(op, discovery):
    assert discovery["issuer"] == op.issuer
    assert op.issuer.startswith("http://127.0.0.1:")
    assert discovery["response_types_supported"] == ["code"]
    assert discovery["code_challenge_methods_supported"] == ["S256"]
    assert discovery["end_session_endpoint"] == f"{op.issuer}/session/end"
    assert "client_secret_basic" in discovery["token_endpoint_auth_methods_supported"]
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]
    assert {"openid", "profile", "email", "groups"} <= set(discovery["scopes_supported"])
    assert {"sub", "name", "email", "groups"} <= set(discovery["claims_supported"])


def test_the_jwks_publishes_our_public_key_only(op, discovery):
    keys = requests.get(discovery["jwks_uri"], timeout=10).json()["keys"]
    assert [k["kid"] for k in keys] == [op.kid]
    assert keys[0]["n"] == op.private_jwk["n"] and keys[0]["e"] == op.private_jwk["e"]
    assert "d" not in keys[0] and "p" not in keys[0]
    assert op.public_jwks == {"keys": [{k: keys[0][k] for k in ("kty", "kid", "alg", "use", "n", "e")}]}


def test_crafted_tokens_verify_against_the_published_jwks(op, discovery):
    keys = published_keys(discovery)
    claims = op.id_token_claims("alice", nonce="n-1", aud="someone-else")
    for token in (
        op.sign_id_token(claims),
        sign_jwt_with_cryptography({"alg": "RS256", "typ": "JWT", "kid": op.kid}, claims, op.private_jwk),
    ):
        decoded = verified(token, keys)
        assert decoded.pop("header")["kid"] == op.kid
        assert decoded == claims
        assert decoded["iss"] == op.issuer and decoded["groups"] == ["conference-chairs"]


def test_a_token_signed_by_another_key_does_not_verify(op, discovery):
    rogue = generate_rsa_jwk(kid=op.kid)  # same kid, different key
    token = op.sign_id_token(op.id_token_claims("alice"), key=rogue)
    with pytest.raises(BadSignatureError):
        verified(token, published_keys(discovery))


@pytest.mark.parametrize(
    "pkce",
    [
        {},
        {"code_challenge_method": "S256"},
        {"code_challenge": pkce_pair()[0], "code_challenge_method": "plain"},
    ],
    ids=["no-challenge", "no-challenge-with-method", "plain"],
)
def test_an_authorization_request_without_an_s256_challenge_is_refused(discovery, pkce):
    r = requests.get(authorize_url(discovery, state="st", **pkce), allow_redirects=False, timeout=10)
    assert r.is_redirect, r.text[:500]
    location = r.headers["Location"]
    assert location.startswith(CALLBACK + "?")
    query = query_of(location)
    assert query["error"] == "invalid_request", query
    assert "PKCE" in query["error_description"] or "code_challenge" in query["error_description"], query
    assert query["state"] == "st" and "code" not in query


def test_the_login_page_has_the_documented_fields_and_fetches_nothing_outside(discovery):
    _verifier, challenge = pkce_pair()
    r = requests.get(
        authorize_url(discovery, code_challenge=challenge, code_challenge_method="S256"), timeout=10
    )
    assert r.status_code == 200 and "/interaction/" in r.url
    html = r.text
    assert '<input required type="text" name="login"' in html
    assert '<input required type="password" name="password"' in html
    assert '<button type="submit"' in html and html.count('type="submit"') == 1
    assert "googleapis" not in html and "@import" not in html
    (form,) = [f for f in forms_of(html) if f["fields"].get("prompt") == "login"]
    assert form["method"] == "post" and set(form["fields"]) == {"prompt", "login", "password"}


def test_a_whole_code_flow_with_pkce_gives_an_id_token_with_groups(op, discovery):
    session = requests.Session()
    query, verifier, nonce = sign_in(discovery, session, "alice")
    assert query["iss"] == op.issuer
    r = exchange(discovery, query["code"], verifier)
    assert r.status_code == 200, r.text
    tokens = r.json()
    assert tokens["token_type"].lower() == "bearer"
    id_token = verified(tokens["id_token"], published_keys(discovery))
    registry = jwt.JWTClaimsRegistry(
        now=int(time.time()), leeway=5, iss={"essential": True, "value": op.issuer}
    )
    registry.validate(id_token)
    assert id_token["header"]["kid"] == op.kid
    assert id_token["iss"] == op.issuer
    assert id_token["aud"] == CLIENT_ID
    assert id_token["sub"] == "alice"
    assert id_token["nonce"] == nonce
    assert id_token["name"] == "Alice Chair"
    assert id_token["email"] == "alice@council.example"
    assert id_token["groups"] == ["conference-chairs"]
    assert 0 < id_token["exp"] - id_token["iat"] <= 600

    # The code is single use.
    again = exchange(discovery, query["code"], verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "login, name, groups",
    [
        ("mel", "Mel Manager", ["conference-chairs", "conference-managers"]),
        ("bob", "Bob Other", ["housing"]),
        ("stranger", "stranger", []),
    ],
)
def test_every_login_name_signs_in_as_that_sub(discovery, login, name, groups):
    query, verifier, nonce = sign_in(discovery, requests.Session(), login)
    r = exchange(discovery, query["code"], verifier)
    assert r.status_code == 200, r.text
    id_token = verified(r.json()["id_token"], published_keys(discovery))
    assert (id_token["sub"], id_token["name"], id_token["groups"], id_token["nonce"]) == (
        login,
        name,
        groups,
        nonce,
    )


def test_the_token_endpoint_wants_the_right_verifier_and_secret(discovery):
    query, verifier, _nonce = sign_in(discovery, requests.Session(), "alice")
    wrong_verifier = exchange(discovery, query["code"], pkce_pair()[0])
    assert wrong_verifier.status_code == 400 and wrong_verifier.json()["error"] == "invalid_grant"
    query, verifier, _nonce = sign_in(discovery, requests.Session(), "alice")
    wrong_secret = exchange(discovery, query["code"], verifier, auth=(CLIENT_ID, "not-the-secret"))
    assert wrong_secret.status_code == 401 and wrong_secret.json()["error"] == "invalid_client"


def test_a_second_sign_in_in_the_same_session_asks_nothing_and_logout_ends_it(op, discovery):
    session = requests.Session()
    query, verifier, _nonce = sign_in(discovery, session, "mel")
    id_token = exchange(discovery, query["code"], verifier).json()["id_token"]

    # Single sign-on: the provider's session answers without its login form.
    _verifier, challenge = pkce_pair()
    url = authorize_url(discovery, code_challenge=challenge, code_challenge_method="S256")
    r = session.get(url, allow_redirects=False)
    while r.is_redirect and not r.headers["Location"].startswith(CALLBACK):
        r = session.get(r.headers["Location"], allow_redirects=False)
    assert r.is_redirect and "code" in query_of(r.headers["Location"])

    # RP-initiated logout: one confirmation page, then back to the post_logout_redirect_uri.
    page = session.get(
        discovery["end_session_endpoint"],
        params={"id_token_hint": id_token, "post_logout_redirect_uri": SIGNED_OUT, "state": "bye"},
    )
    assert page.status_code == 200
    (form,) = forms_of(page.text)
    assert form["method"] == "post" and form["fields"]["logout"] == "yes"  # LOGOUT_CONFIRM
    r = session.post(
        requests.compat.urljoin(page.url, form["action"]),
        data={**form["fields"], "logout": "yes"},
        allow_redirects=False,
    )
    assert r.is_redirect, r.text[:500]
    assert r.headers["Location"] == f"{SIGNED_OUT}?state=bye"

    # Signed out: the login form shows again.
    r = session.get(url)
    assert r.status_code == 200 and any(f["fields"].get("prompt") == "login" for f in forms_of(r.text))


def test_the_id_token_lifetime_can_be_short():
    with OidcProvider(redirect_uris=[CALLBACK], id_token_ttl=2) as short:
        discovery = requests.get(short.discovery_url, timeout=10).json()
        query, verifier, _nonce = sign_in(discovery, requests.Session(), "alice")
        keys = KeySet.import_key_set(short.public_jwks)
        id_token = verified(exchange(discovery, query["code"], verifier).json()["id_token"], keys)
        assert id_token["exp"] - id_token["iat"] == 2


def test_the_provider_stops_on_stop():
    provider = OidcProvider(redirect_uris=[CALLBACK]).start()
    proc, url = provider.proc, provider.discovery_url
    assert requests.get(url, timeout=10).status_code == 200
    provider.stop()
    assert proc is not None and proc.returncode == 0  # SIGTERM handled: a clean exit
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)

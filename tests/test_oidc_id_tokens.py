"""The ID-token checks the callback relies on, against the real provider's discovery and
JWKS: tokens crafted with the provider's own key (or another) and handed to the app's own
registered client, exactly as the callback hands it the provider's answer."""

from __future__ import annotations

import time

import pytest
from authlib.common.errors import AuthlibBaseError
from joserfc.errors import BadSignatureError, JoseError

from conference.app import create_app

from .oidc_provider import OidcProvider, generate_rsa_jwk

NONCE = "the-nonce-this-browser-sent"
# what a token failing a check raises (the callback answers each with the refusal page)
REFUSALS = (JoseError, AuthlibBaseError)


@pytest.fixture(scope="module")
def provider():
    with OidcProvider(redirect_uris=["http://127.0.0.1:9/login/oidc/callback"]) as op:
        yield op


@pytest.fixture(scope="module")
def client(provider, tmp_path_factory):
    app = create_app(
        {
            "DATA_DIR": str(tmp_path_factory.mktemp("data")),
            "OIDC_ISSUER": provider.issuer,
            "OIDC_CLIENT_ID": provider.client_id,
            "OIDC_CLIENT_SECRET": provider.client_secret,
        }
    )
    with app.app_context():
        yield app.extensions["conference_oidc"]


def check(client, id_token: str):
    return client.parse_id_token({"id_token": id_token, "access_token": "unused"}, nonce=NONCE)


def test_a_good_token_passes(provider, client):
    claims = check(client, provider.sign_id_token(provider.id_token_claims("alice", nonce=NONCE)))
    assert (claims["sub"], claims["name"], claims["groups"]) == (
        "alice",
        "Alice Chair",
        ["conference-chairs"],
    )


@pytest.mark.parametrize(
    "why, change",
    [
        ("another audience", {"aud": "someone-elses-app"}),
        ("expired", {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}),
        ("another nonce", {"nonce": "a-nonce-from-another-flow"}),
        ("no nonce", {"nonce": None}),
        ("another issuer", {"iss": "https://login.microsoftonline.com/common/v2.0"}),
    ],
)
def test_a_token_failing_a_check_is_refused(provider, client, why, change):
    claims = {**provider.id_token_claims("alice", nonce=NONCE), **change}
    claims = {k: value for k, value in claims.items() if value is not None}
    with pytest.raises(REFUSALS):
        check(client, provider.sign_id_token(claims))


def test_a_token_signed_with_another_key_is_refused(provider, client):
    stranger = generate_rsa_jwk(kid=provider.kid)  # the same key id, not the provider's key
    with pytest.raises(BadSignatureError):
        check(client, provider.sign_id_token(provider.id_token_claims("alice", nonce=NONCE), key=stranger))

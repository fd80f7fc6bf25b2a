"""A real OpenID Provider for the tests: panva's oidc-provider (npm), run by tests/oidc/provider.mjs.

    with OidcProvider(redirect_uris=["http://127.0.0.1:5000/auth/callback"]) as op:
        op.issuer            # "http://127.0.0.1:<port>", discovery at op.issuer + "/.well-known/openid-configuration"
        op.sign_id_token(op.id_token_claims("alice", nonce="n", aud="someone-else"))

Sign-in goes through oidc-provider's own development login form: any login name (it becomes the
account's sub; a sub not in `accounts` gets its sub as name and no groups), any password.
Selectors: LOGIN_FIELD, PASSWORD_FIELD, SUBMIT_BUTTON. Consent is granted without a page.
RP-initiated logout asks once: LOGOUT_CONFIRM. Without a browser, follow_sign_in() walks the same
pages with a requests.Session; pkce_pair() makes a (code_verifier, S256 code_challenge).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from conference.launch import ROOT, free_port

SCRIPT = os.path.join(ROOT, "tests", "oidc", "provider.mjs")

LOGIN_FIELD = "input[name=login]"
PASSWORD_FIELD = "input[name=password]"
SUBMIT_BUTTON = "button[type=submit]"
LOGOUT_CONFIRM = "button[name=logout][value=yes]"

CLIENT_ID = "conference-board"
CLIENT_SECRET = "a-test-secret-of-enough-length-123"

DEFAULT_ACCOUNTS: dict[str, dict[str, Any]] = {
    "alice": {"name": "Alice Chair", "email": "alice@council.example", "groups": ["conference-chairs"]},
    "bob": {"name": "Bob Other", "email": "bob@council.example", "groups": ["housing"]},
    "mel": {
        "name": "Mel Manager",
        "email": "mel@council.example",
        "groups": ["conference-chairs", "conference-managers"],
    },
}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_int(n: int) -> str:
    return _b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def _b64url_decode_int(s: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)), "big")


def generate_rsa_jwk(kid: str | None = None) -> dict[str, str]:
    """A fresh private RSA JWK (2048 bits, alg RS256, use sig); `cryptography` comes with Authlib."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    kid = kid or f"test-{secrets.token_hex(4)}"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    priv = key.private_numbers()
    pub = priv.public_numbers
    return {
        "kty": "RSA",
        "kid": kid,
        "alg": "RS256",
        "use": "sig",
        "n": _b64url_int(pub.n),
        "e": _b64url_int(pub.e),
        "d": _b64url_int(priv.d),
        "p": _b64url_int(priv.p),
        "q": _b64url_int(priv.q),
        "dp": _b64url_int(priv.dmp1),
        "dq": _b64url_int(priv.dmq1),
        "qi": _b64url_int(priv.iqmp),
    }


def public_jwk(private_jwk: dict[str, str]) -> dict[str, str]:
    return {k: private_jwk[k] for k in ("kty", "kid", "alg", "use", "n", "e")}


def sign_jwt(
    claims: dict[str, Any], private_jwk: dict[str, str], headers: dict[str, Any] | None = None
) -> str:
    """An RS256 JWS (compact) of `claims`, its header carrying the key's kid (and `headers`, if given)."""
    header = {"alg": "RS256", "typ": "JWT", "kid": private_jwk["kid"], **(headers or {})}
    try:  # joserfc arrives with Authlib 1.9 (its OpenID client verifies ID tokens with it)
        from joserfc import jwt
        from joserfc.jwk import RSAKey
    except ImportError:
        return sign_jwt_with_cryptography(header, claims, private_jwk)
    return jwt.encode(header, claims, RSAKey.import_key(private_jwk))


def sign_jwt_with_cryptography(
    header: dict[str, Any], claims: dict[str, Any], private_jwk: dict[str, str]
) -> str:
    """The same JWS without Authlib: PKCS#1 v1.5 over SHA-256 by `cryptography`."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    n = {k: _b64url_decode_int(private_jwk[k]) for k in ("n", "e", "d", "p", "q", "dp", "dq", "qi")}
    key = rsa.RSAPrivateNumbers(
        n["p"], n["q"], n["d"], n["dp"], n["dq"], n["qi"], rsa.RSAPublicNumbers(n["e"], n["n"])
    ).private_key()
    signing_input = (
        _b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64url(json.dumps(claims, separators=(",", ":")).encode())
    )
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + _b64url(signature)


class OidcProvider:
    """oidc-provider on http://127.0.0.1:<free port>, stopped on leaving the `with` block."""

    def __init__(
        self,
        redirect_uris: list[str],
        accounts: dict[str, dict[str, Any]] | None = None,
        client_id: str = CLIENT_ID,
        client_secret: str = CLIENT_SECRET,
        post_logout_redirect_uris: list[str] | None = None,
        id_token_ttl: int | None = None,
        start_timeout: float = 20.0,
    ):
        self.redirect_uris = list(redirect_uris)
        self.accounts = DEFAULT_ACCOUNTS if accounts is None else accounts
        self.client_id = client_id
        self.client_secret = client_secret
        self.post_logout_redirect_uris = list(post_logout_redirect_uris or [])
        self.id_token_ttl = id_token_ttl
        self.start_timeout = start_timeout
        self.private_jwk = generate_rsa_jwk()
        self.public_jwks = {"keys": [public_jwk(self.private_jwk)]}
        self.kid = self.private_jwk["kid"]
        self.folder: str | None = None
        self.config_path: str | None = None
        self.log_path: str | None = None
        self.port: int | None = None
        self.issuer: str | None = None
        self.proc: subprocess.Popen | None = None

    # -- what tests use ------------------------------------------------------------------------

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def sign_id_token(self, claims: dict[str, Any], key: dict[str, str] | None = None) -> str:
        """`claims` signed RS256 with the provider's own key (or `key`, a private JWK with a kid)."""
        return sign_jwt(claims, key or self.private_jwk)

    def id_token_claims(
        self, sub: str = "alice", nonce: str | None = None, **overrides: Any
    ) -> dict[str, Any]:
        """The claims the provider would put in an ID token for `sub`; `overrides` replace any."""
        now = int(time.time())
        account = self.accounts.get(sub, {"name": sub, "groups": []})
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": sub,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 600,
            **{k: account[k] for k in ("name", "email", "groups") if k in account},
        }
        if nonce is not None:
            claims["nonce"] = nonce
        claims.update(overrides)
        return claims

    def log(self) -> str:
        """What the provider wrote to stdout and stderr so far."""
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    # -- the process ---------------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        cfg: dict[str, Any] = {
            "port": self.port,
            "clients": [
                {
                    "client_id": self.client_id,
                    "client_secret": self.client_secret,
                    "redirect_uris": self.redirect_uris,
                    "post_logout_redirect_uris": self.post_logout_redirect_uris,
                }
            ],
            "jwks": {"keys": [self.private_jwk]},
            "accounts": self.accounts,
            "cookie_keys": [secrets.token_urlsafe(32), secrets.token_urlsafe(32)],
        }
        if self.id_token_ttl is not None:
            cfg["ttl"] = {"IdToken": self.id_token_ttl}
        return cfg

    def start(self) -> OidcProvider:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not installed (the OpenID Provider is oidc-provider from npm)")
        if not os.path.isdir(os.path.join(ROOT, "node_modules", "oidc-provider")):
            raise RuntimeError("node_modules/oidc-provider is missing: run `npm ci` (or `make setup`)")
        self.folder = tempfile.mkdtemp(prefix="cb-oidc-")
        self.config_path = os.path.join(self.folder, "provider.json")
        self.log_path = os.path.join(self.folder, "provider.log")
        last_error = ""
        for _attempt in range(3):  # a free port can be taken between free_port() and listen()
            self.port = free_port()
            self.issuer = f"http://127.0.0.1:{self.port}"
            with open(self.config_path, "w", encoding="utf-8") as f:
                json.dump(self.config(), f)
            with open(self.log_path, "w", encoding="utf-8") as log:
                self.proc = subprocess.Popen(
                    [node, SCRIPT, self.config_path],
                    cwd=ROOT,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_ready():
                return self
            last_error = self.log()
            self._end_process()
            if "EADDRINUSE" not in last_error:
                break
        self.stop()
        raise RuntimeError(f"oidc-provider did not start:\n{last_error}")

    def _wait_ready(self) -> bool:
        assert self.proc is not None
        expected = f"READY {self.issuer}"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if any(line.strip() == expected for line in self.log().splitlines()):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def _end_process(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def stop(self) -> None:
        self._end_process()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> OidcProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- driving the provider's pages without a browser ----------------------------------------------


class _Forms(HTMLParser):
    """Every <form> on a page: its action, method, id and the name=value of its inputs and buttons
    (those inside it, and those outside naming it in form="...")."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.open = {"action": a.get("action", ""), "method": a.get("method", "get").lower()}
            self.open.update(id=a.get("id"), fields={})
            self.forms.append(self.open)
        elif tag in ("input", "button") and a.get("name"):
            owner = self.open
            if a.get("form"):
                owner = next((f for f in self.forms if f["id"] == a["form"]), None)
            if owner is not None:
                owner["fields"][a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.open = None


def forms_of(html: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = secrets.token_urlsafe(48)
    return verifier, _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def follow_sign_in(
    session: Any, url: str, login: str, stop_at: str, password: str = "any", max_hops: int = 20
) -> str:
    """GET `url` with a `requests.Session` and follow the redirects by hand, filling the provider's
    login form with `login` when it shows; return the first redirect Location that starts with
    `stop_at` (without requesting it). Raises AssertionError with the page if anything else shows."""
    for _hop in range(max_hops):
        r = session.get(url, allow_redirects=False)
        while r.is_redirect:
            location = urljoin(r.url, r.headers["Location"])
            if location.startswith(stop_at):
                return location
            r = session.get(location, allow_redirects=False)
        login_forms = [f for f in forms_of(r.text) if f["fields"].get("prompt") == "login"]
        if r.status_code != 200 or not login_forms:
            raise AssertionError(f"{r.status_code} at {r.url}, not a redirect to {stop_at}:\n{r.text[:2000]}")
        form = login_forms[0]
        fields = {**form["fields"], "login": login, "password": password}
        r = session.post(urljoin(r.url, form["action"]), data=fields, allow_redirects=False)
        if not r.is_redirect:
            raise AssertionError(f"the login form answered {r.status_code}:\n{r.text[:2000]}")
        url = urljoin(r.url, r.headers["Location"])
        if url.startswith(stop_at):
            return url
    raise AssertionError(f"no redirect to {stop_at} after {max_hops} pages")

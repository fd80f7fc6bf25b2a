// A real OpenID Provider for the tests: panva's oidc-provider on http://127.0.0.1:<port>.
//
//   node tests/oidc/provider.mjs <config.json>
//
// config.json: {port, clients: [{client_id, client_secret, redirect_uris, post_logout_redirect_uris}],
//               jwks: {keys: [<private RSA JWK, kid, alg RS256, use sig>]},
//               accounts: {<sub>: {name, email, groups}}, cookie_keys: [...], ttl?: {IdToken: <seconds>}}
//
// Sign-in is oidc-provider's own development login form (any login name; the name typed is the
// account's sub; any password):  input[name=login], input[name=password], button[type=submit].
// Consent is granted without a page for every configured client. The sign-out confirmation page
// has button[name=logout][value=yes] ("Yes, sign me out").
// Prints "READY <issuer>" on stdout once listening; exits on SIGTERM or SIGINT.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const issuer = `http://127.0.0.1:${config.port}`;
const accounts = config.accounts || {};
const SCOPES = ["openid", "profile", "email", "groups"];

// Any login name signs in; a sub not in accounts gets a bare profile (its sub as name, no groups).
function profileOf(sub) {
  const known = accounts[sub];
  if (known) return { sub, name: known.name, email: known.email, groups: known.groups || [] };
  return { sub, name: sub, groups: [] };
}

async function findAccount(ctx, sub) {
  return { accountId: sub, claims: async () => profileOf(sub) };
}

// No consent page: the grant always holds what the client asked for (every client here is ours).
async function loadExistingGrant(ctx) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
  const grant =
    (grantId && (await oidc.provider.Grant.find(grantId))) ||
    new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
  const scopes = [...oidc.requestParamOIDCScopes];
  if (scopes.length) grant.addOIDCScope(scopes.join(" "));
  const claims = [...oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

const page = (title, body) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: config.clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    redirect_uris: c.redirect_uris,
    post_logout_redirect_uris: c.post_logout_redirect_uris || [],
    // A web client's code-flow redirect_uris may be http; nothing else needs loosening for 127.0.0.1.
    application_type: "web",
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
    id_token_signed_response_alg: "RS256",
  })),
  jwks: config.jwks,
  cookies: { keys: config.cookie_keys },
  findAccount,
  loadExistingGrant,
  responseTypes: ["code"],
  scopes: SCOPES,
  claims: { openid: ["sub"], profile: ["name"], email: ["email"], groups: ["groups"] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page(
          "Sign out",
          `<h1>Sign out?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
        );
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page("Signed out", "<h1>Signed out</h1>");
      },
    },
  },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 3600,
    IdToken: config.ttl?.IdToken ?? 600,
    Interaction: 600,
    Session: 3600,
  },
});

// The stock pages @import a Google font; a test machine has no business fetching it.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === "string" && ctx.body.includes("@import")) {
    ctx.body = ctx.body.replace(/@import url\([^)]*\);?/g, "");
  }
});

const server = provider.listen(config.port, "127.0.0.1", () => {
  process.stdout.write(`READY ${issuer}\n`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}

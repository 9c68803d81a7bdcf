/**
 * `google()` end to end against a fake Google that behaves as "OpenID Connect | Sign in with
 * Google" documents it: its authorization URL parameters, the code exchange (with PKCE), a
 * refresh token only for `access_type=offline` with consent, RS256 ID tokens from its JWKS,
 * the `hd` claim of Workspace accounts, the userinfo endpoint and its discovery document.
 */
import assert from "node:assert/strict";
import { clearDiscoveryCache, OAuth2Client } from "../../oauth2/mod.ts";
import { google, profile } from "../../providers/mod.ts";
import { OAuthRegistry } from "../../web/mod.ts";
import { bearer, oauthError, router, s256, signingKey, signJwt } from "./_idp.ts";

const CLIENT_ID = "1234.apps.googleusercontent.com";
const SECRET = "GOCSPX-the-client-secret";
const REDIRECT = "https://app.example/callback";
const NOW = 1_750_000_000_000;

/** A fake Google: one user, codes issued by `authorize`, tokens checked on the APIs. */
async function fakeGoogle(user: { hd?: string } = { hd: "example.com" }) {
  const key = await signingKey("RS256", "google-1");
  const codes = new Map<string, URLSearchParams>();
  const accessTokens = new Set<string>();
  let issued = 0;
  const idToken = (nonce: string | null) =>
    signJwt(key, {
      iss: "https://accounts.google.com",
      azp: CLIENT_ID,
      aud: CLIENT_ID,
      sub: "110169484474386276334",
      email: "ada@example.com",
      email_verified: true,
      ...(user.hd ? { hd: user.hd } : {}),
      ...(nonce ? { nonce } : {}),
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
    });
  const { fetch, seen } = router({
    "GET https://accounts.google.com/.well-known/openid-configuration": () =>
      Response.json({
        issuer: "https://accounts.google.com",
        authorization_endpoint: "https://accounts.google.com/o/oauth2/v2/auth",
        device_authorization_endpoint: "https://oauth2.googleapis.com/device/code",
        token_endpoint: "https://oauth2.googleapis.com/token",
        userinfo_endpoint: "https://openidconnect.googleapis.com/v1/userinfo",
        revocation_endpoint: "https://oauth2.googleapis.com/revoke",
        jwks_uri: "https://www.googleapis.com/oauth2/v3/certs",
        response_types_supported: ["code", "token", "id_token", "code token", "code id_token"],
        token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
        code_challenge_methods_supported: ["plain", "S256"],
      }),
    "GET https://www.googleapis.com/oauth2/v3/certs": () => Response.json({ keys: [key.jwk] }),
    "POST https://oauth2.googleapis.com/token": async ({ headers, form }) => {
      const basic = headers.get("authorization");
      const authenticated =
        basic === `Basic ${btoa(`${encodeURIComponent(CLIENT_ID)}:${SECRET}`)}` ||
        (form.get("client_id") === CLIENT_ID && form.get("client_secret") === SECRET);
      if (!authenticated) return oauthError("invalid_client", 401);
      const access = `ya29.${++issued}`;
      accessTokens.add(access);
      if (form.get("grant_type") === "refresh_token") {
        if (form.get("refresh_token") !== "1//refresh") return oauthError("invalid_grant");
        return Response.json({
          access_token: access,
          expires_in: 3599,
          token_type: "Bearer",
          scope: "openid",
        });
      }
      const asked = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (form.get("grant_type") !== "authorization_code" || asked === undefined) {
        return oauthError("invalid_grant");
      }
      if (form.get("redirect_uri") !== asked.get("redirect_uri")) {
        return oauthError("redirect_uri_mismatch");
      }
      if (await s256(form.get("code_verifier") ?? "") !== asked.get("code_challenge")) {
        return oauthError("invalid_grant");
      }
      // "Refresh tokens": only with access_type=offline, and again only with prompt=consent.
      const offline = asked.get("access_type") === "offline" && asked.get("prompt") === "consent";
      return Response.json({
        access_token: access,
        expires_in: 3599,
        token_type: "Bearer",
        scope: asked.get("scope"),
        id_token: await idToken(asked.get("nonce")),
        ...(offline ? { refresh_token: "1//refresh" } : {}),
      });
    },
    "GET https://openidconnect.googleapis.com/v1/userinfo": ({ headers }) =>
      accessTokens.has(bearer(headers) ?? "")
        ? Response.json({
          sub: "110169484474386276334",
          email: "ada@example.com",
          email_verified: true,
          name: "Ada Lovelace",
          picture: "https://lh3.googleusercontent.com/a/ada",
          hd: user.hd,
        })
        : new Response(null, {
          status: 401,
          headers: { "www-authenticate": 'Bearer error="invalid_token"' },
        }),
  });
  /** The user consents: the code for the authorization URL, as the redirect Google sends. */
  const authorize = (url: URL) => {
    assert.equal(url.origin + url.pathname, "https://accounts.google.com/o/oauth2/v2/auth");
    assert.equal(url.searchParams.get("response_type"), "code");
    assert.equal(url.searchParams.get("client_id"), CLIENT_ID);
    const code = `4/0A${codes.size + 1}`;
    codes.set(code, url.searchParams);
    return `${url.searchParams.get("redirect_uri")}?code=${code}&state=${
      url.searchParams.get("state")
    }&scope=email`;
  };
  return { fetch, seen, authorize };
}

Deno.test("google: the code flow with PKCE and a nonce, a validated ID token, and profile() from userinfo", async () => {
  const fake = await fakeGoogle();
  const client = new OAuth2Client({
    ...google({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT }),
    fetch: fake.fetch,
    now: () => NOW,
  });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  assert.equal(url.searchParams.get("scope"), "openid email profile");
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  assert.equal(url.searchParams.has("access_type"), false);
  assert.ok(nonce);
  const token = await client.fetchToken({
    authorizationResponse: fake.authorize(url),
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.refresh_token, undefined, "no refresh token without offline access");
  assert.equal(client.idTokenClaims?.sub, "110169484474386276334");
  assert.deepEqual(await profile(client), {
    id: "110169484474386276334",
    email: "ada@example.com",
    emailVerified: true,
    name: "Ada Lovelace",
    picture: "https://lh3.googleusercontent.com/a/ada",
    raw: {
      sub: "110169484474386276334",
      email: "ada@example.com",
      email_verified: true,
      name: "Ada Lovelace",
      picture: "https://lh3.googleusercontent.com/a/ada",
      hd: "example.com",
    },
  });
});

Deno.test("google: offline asks for access_type=offline and prompt=consent, and the refresh token works", async () => {
  const fake = await fakeGoogle();
  const client = new OAuth2Client({
    ...google({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT, offline: true }),
    fetch: fake.fetch,
    now: () => NOW,
  });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  assert.equal(url.searchParams.get("access_type"), "offline");
  assert.equal(url.searchParams.get("prompt"), "consent");
  const token = await client.fetchToken({
    authorizationResponse: fake.authorize(url),
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.refresh_token, "1//refresh");
  const refreshed = await client.refreshToken();
  assert.equal(refreshed.access_token, "ya29.2");
  assert.equal(
    refreshed.refresh_token,
    "1//refresh",
    "Google keeps the refresh token: the client keeps it too",
  );
  const last = fake.seen.at(-1)!;
  assert.equal(last.form.get("grant_type"), "refresh_token");
});

Deno.test("google: hd is sent, and an ID token of another domain or none is refused", async () => {
  for (
    const [hd, claim, accepted] of [
      ["example.com", "example.com", true],
      ["example.com", "other.example", false],
      ["example.com", undefined, false],
      ["*", "any.example", true],
      ["*", undefined, false],
    ] as const
  ) {
    const fake = await fakeGoogle({ hd: claim });
    const client = new OAuth2Client({
      ...google({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT, hd }),
      fetch: fake.fetch,
      now: () => NOW,
    });
    const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
    assert.equal(url.searchParams.get("hd"), hd);
    const exchange = client.fetchToken({
      authorizationResponse: fake.authorize(url),
      state,
      codeVerifier,
      nonce,
    });
    if (accepted) {
      assert.equal((await exchange).token_type, "Bearer");
    } else {
      await assert.rejects(
        exchange,
        { name: "OAuthError", code: "invalid_id_token" },
        `${hd} / ${claim}`,
      );
      assert.equal(client.authorized, false);
    }
  }
});

Deno.test("google: the same preset discovers Google's metadata", async () => {
  clearDiscoveryCache();
  const fake = await fakeGoogle();
  const preset = google({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT });
  const client = await OAuth2Client.discover(preset.issuer!, {
    ...preset,
    fetch: fake.fetch,
    now: () => NOW,
  });
  assert.equal(client.metadata?.issuer, "https://accounts.google.com");
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  await client.fetchToken({
    authorizationResponse: fake.authorize(url),
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(client.idTokenClaims?.email, "ada@example.com");
  clearDiscoveryCache();
});

Deno.test("google: the preset's options are checked", () => {
  assert.throws(() => google({ clientId: CLIENT_ID, hd: "https://example.com" }), TypeError);
  assert.throws(
    () => google({ clientId: CLIENT_ID, offline: "yes" as unknown as boolean }),
    TypeError,
  );
  const preset = google({ clientId: CLIENT_ID, scope: ["openid", "email"] });
  assert.deepEqual(preset.scope, ["openid", "email"]);
  assert.deepEqual(preset.authorizationParams, {});
});

Deno.test("google: registered in the registry, a login gives a Token and the app reads the profile", async () => {
  const fake = await fakeGoogle();
  const sessions = new Map<string, unknown>();
  const oauth = new OAuthRegistry({
    secret: "the google preset test's cookie secret",
    fetch: fake.fetch,
    now: () => NOW,
    fetchToken: () => Promise.resolve(sessions.get("google") as never),
  });
  const app = oauth.register(
    "google",
    google({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT }),
  );
  const start = await app.authorizeRedirect(new Request("https://app.example/login"));
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  assert.match(start.headers.getSetCookie()[0], /SameSite=Lax$/);
  const callback = fake.authorize(new URL(start.headers.get("location")!));
  const login = await app.authorizeAccessToken(new Request(callback, { headers: { cookie } }));
  assert.equal(login.token.token_type, "Bearer");
  assert.equal(login.claims?.hd, "example.com");
  sessions.set("google", login.token);
  const user = await app.profile({ request: new Request("https://app.example/me") });
  assert.equal(user.id, "110169484474386276334");
  assert.equal(user.emailVerified, true);
});

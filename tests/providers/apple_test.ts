/**
 * `apple()` end to end against a fake Sign in with Apple that behaves as Apple documents it: a
 * client secret that must be an ES256 JWT of the team's key (iss, sub, aud, iat, exp ≤ six
 * months, kid), `response_mode=form_post` for the name and email scopes with a POSTed callback
 * carrying `user` once, RS256 ID tokens from its keys (`email_verified` as a string) that echo
 * the authorization request's `nonce` (or, as a test asks, another or none), the PKCE check
 * of a code asked for with a challenge, refresh and revocation with a new secret each, and no
 * userinfo endpoint.
 */
import assert from "node:assert/strict";
import { encodeBase64 } from "@oslojs/encoding";
import { clearDiscoveryCache, OAuth2Client, type Token } from "../../oauth2/mod.ts";
import { apple, appleClientSecret, appleUser, profile } from "../../providers/mod.ts";
import { OAuthRegistry, OAuthResponseError } from "../../web/mod.ts";
import { oauthError, router, s256, type Seen, signingKey, signJwt, verifyJwt } from "./_idp.ts";

const CLIENT_ID = "com.example.web";
const TEAM_ID = "ABCDE12345";
const KEY_ID = "KEY1234567";
const REDIRECT = "https://app.example/callback/apple";
const NOW = 1_750_000_000_000;
const SIX_MONTHS = 15_777_000;
const USER_JSON =
  '{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"ada@privaterelay.appleid.com"}';

/** The developer's Sign in with Apple key, as the .p8 file's PKCS#8 PEM text. */
async function developerKey() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const pem = `-----BEGIN PRIVATE KEY-----\n${
    encodeBase64(der).replace(/.{64}/g, "$&\n")
  }\n-----END PRIVATE KEY-----\n`;
  return { pem, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** A fake appleid.apple.com that checks every client secret against the developer's key. */
async function fakeApple(developer: CryptoKey, clock: { now: number }) {
  const key = await signingKey("RS256", "W6WcOKB");
  const codes = new Map<string, URLSearchParams>();
  const secrets: Record<string, unknown>[] = [];
  /** What the ID token of a code says as `nonce`: the request's (Apple's way), another, none. */
  const answer = { nonce: "echo" as "echo" | "other" | "none" };
  /** Apple's checks of `client_secret` ("Creating a client secret"). */
  const validSecret = async (form: URLSearchParams) => {
    if (form.get("client_id") !== CLIENT_ID) return false;
    const verified = await verifyJwt(form.get("client_secret") ?? "", developer, "ES256");
    if (verified === undefined) return false;
    const { header, payload } = verified;
    secrets.push(payload);
    const now = clock.now / 1000;
    return header.alg === "ES256" && header.kid === KEY_ID && payload.iss === TEAM_ID &&
      payload.sub === CLIENT_ID && payload.aud === "https://appleid.apple.com" &&
      typeof payload.iat === "number" && payload.iat <= now &&
      typeof payload.exp === "number" && payload.exp > now &&
      payload.exp - payload.iat <= SIX_MONTHS;
  };
  const idToken = (nonce?: string | null) =>
    signJwt(key, {
      iss: "https://appleid.apple.com",
      aud: CLIENT_ID,
      sub: "001234.abcdef0123456789.0123",
      email: "ada@privaterelay.appleid.com",
      email_verified: "true",
      is_private_email: "true",
      auth_time: clock.now / 1000,
      nonce_supported: true,
      ...(nonce ? { nonce } : {}),
      iat: clock.now / 1000,
      exp: clock.now / 1000 + 600,
    });
  const { fetch, seen } = router({
    "GET https://appleid.apple.com/.well-known/openid-configuration": () =>
      Response.json({
        issuer: "https://appleid.apple.com",
        authorization_endpoint: "https://appleid.apple.com/auth/authorize",
        token_endpoint: "https://appleid.apple.com/auth/token",
        revocation_endpoint: "https://appleid.apple.com/auth/revoke",
        jwks_uri: "https://appleid.apple.com/auth/keys",
        response_types_supported: ["code"],
        response_modes_supported: ["query", "fragment", "form_post"],
        token_endpoint_auth_methods_supported: ["client_secret_post"],
        scopes_supported: ["openid", "email", "name"],
      }),
    "GET https://appleid.apple.com/auth/keys": () => Response.json({ keys: [key.jwk] }),
    "POST https://appleid.apple.com/auth/token": async ({ form }: Seen) => {
      if (!await validSecret(form)) {
        // Echoes what it got, as a careless server might: the client must not repeat it.
        return Response.json({
          error: "invalid_client",
          error_description: `not a secret of this team: ${form.get("client_secret")}`,
        }, { status: 400 });
      }
      if (form.get("grant_type") === "refresh_token") {
        return form.get("refresh_token") === "r.apple"
          ? Response.json({
            access_token: "a.apple2",
            token_type: "Bearer",
            expires_in: 3600,
            id_token: await idToken(),
          })
          : oauthError("invalid_grant");
      }
      const asked = codes.get(form.get("code") ?? "");
      if (asked === undefined || form.get("redirect_uri") !== asked.get("redirect_uri")) {
        return oauthError("invalid_grant");
      }
      // A code asked for with a PKCE challenge needs its verifier (RFC 7636 §4.6), as Apple's
      // token endpoint is seen to check (a-tokyo/apple-signin-auth#180).
      const challenge = asked.get("code_challenge");
      if (
        challenge !== null &&
        (asked.get("code_challenge_method") !== "S256" ||
          await s256(form.get("code_verifier") ?? "") !== challenge)
      ) {
        return oauthError("invalid_grant");
      }
      codes.delete(form.get("code")!);
      const nonce = { echo: asked.get("nonce"), other: "an-attackers-nonce", none: null };
      return Response.json({
        access_token: "a.apple1",
        token_type: "Bearer",
        expires_in: 3600,
        refresh_token: "r.apple",
        id_token: await idToken(nonce[answer.nonce]),
      });
    },
    "POST https://appleid.apple.com/auth/revoke": async ({ form }: Seen) =>
      await validSecret(form) ? new Response(null, { status: 200 }) : oauthError("invalid_client"),
  });
  /** The user signs in: the form Apple's page POSTs to the redirect URI. */
  const authorize = (url: URL, firstTime = true) => {
    assert.equal(url.origin + url.pathname, "https://appleid.apple.com/auth/authorize");
    const code = `c${codes.size}.0.apple`;
    codes.set(code, url.searchParams);
    const body = new URLSearchParams({ state: url.searchParams.get("state")!, code });
    if (firstTime) body.set("user", USER_JSON);
    return body;
  };
  return { fetch, seen, authorize, secrets, answer };
}

/** The browser's form POST to the redirect URI, from appleid.apple.com. */
function formPost(body: URLSearchParams, cookie?: string): Request {
  return new Request(REDIRECT, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://appleid.apple.com",
      ...(cookie ? { cookie } : {}),
    },
    body,
  });
}

async function setup() {
  const developer = await developerKey();
  const clock = { now: NOW };
  const fake = await fakeApple(developer.publicKey, clock);
  const preset = apple({
    clientId: CLIENT_ID,
    teamId: TEAM_ID,
    keyId: KEY_ID,
    privateKey: developer.pem,
    redirectUri: REDIRECT,
    now: () => clock.now,
  });
  return { developer, clock, fake, preset };
}

Deno.test("apple: form_post login with a nonce and PKCE, a fresh ES256 client secret, the ID token, and profile() from it", async () => {
  const { fake, preset, clock } = await setup();
  const client = new OAuth2Client({ ...preset, fetch: fake.fetch, now: () => clock.now });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  assert.equal(url.searchParams.get("scope"), "name email");
  assert.equal(url.searchParams.get("response_mode"), "form_post");
  assert.equal(url.searchParams.get("response_type"), "code");
  // Without openid in the scope: Apple's nonce binds the ID token to this login.
  assert.match(nonce!, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(url.searchParams.get("nonce"), nonce);
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  assert.equal(url.searchParams.get("code_challenge"), await s256(codeVerifier!));
  const callback = formPost(fake.authorize(url));
  const token = await client.fetchToken({
    authorizationResponse: callback,
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.refresh_token, "r.apple");
  assert.equal(client.idTokenClaims?.nonce, nonce);
  const sent = fake.seen.find(({ url }) => url.pathname === "/auth/token")!;
  assert.equal(sent.headers.get("authorization"), null, "client_secret_post, never Basic");
  assert.equal(sent.form.get("code_verifier"), codeVerifier);
  assert.equal(fake.secrets[0].exp as number - (fake.secrets[0].iat as number), 300);
  assert.deepEqual(await profile(client), {
    id: "001234.abcdef0123456789.0123",
    email: "ada@privaterelay.appleid.com",
    emailVerified: true,
    raw: client.idTokenClaims,
  });
});

Deno.test("apple: each refresh and revocation is sent a new client secret", async () => {
  const { fake, preset, clock } = await setup();
  const client = new OAuth2Client({
    ...preset,
    fetch: fake.fetch,
    now: () => clock.now,
    token: { access_token: "a.apple1", token_type: "Bearer", refresh_token: "r.apple" },
  });
  clock.now += 60_000;
  await client.refreshToken();
  clock.now += 60_000;
  await client.revokeToken();
  const [refreshed, revoked] = fake.secrets;
  assert.equal(refreshed.iat, (NOW + 60_000) / 1000);
  assert.equal(revoked.iat, (NOW + 120_000) / 1000);
  const revocation = fake.seen.at(-1)!;
  assert.equal(revocation.url.pathname, "/auth/revoke");
  assert.equal(revocation.form.get("token"), "r.apple");
  assert.equal(revocation.form.get("token_type_hint"), "refresh_token");
});

Deno.test("apple: a secret the server refuses and echoes is not repeated in the error", async () => {
  const developer = await developerKey();
  const other = await developerKey();
  const fake = await fakeApple(developer.publicKey, { now: NOW });
  const client = new OAuth2Client({
    ...apple({
      clientId: CLIENT_ID,
      teamId: TEAM_ID,
      keyId: KEY_ID,
      privateKey: other.privateKey,
      now: () => NOW,
    }),
    fetch: fake.fetch,
    now: () => NOW,
    token: { access_token: "a", token_type: "Bearer", refresh_token: "r.apple" },
  });
  // The other key's signature fails Apple's check.
  const error = await client.refreshToken().catch((error) => error);
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.error, "invalid_client");
  assert.match(error.errorDescription!, /^not a secret of this team: \[redacted\]$/);
  const sent = fake.seen[0].form.get("client_secret")!;
  assert.equal(sent.split(".").length, 3);
  assert.ok(!`${error.message} ${error.errorDescription} ${JSON.stringify(error)}`.includes(sent));
});

Deno.test("apple: a malformed private key is a TypeError that does not quote it", async () => {
  const pem = "-----BEGIN PRIVATE KEY-----\nTUlJQ2VrZXlub3RyZWFsbHk=\n-----END PRIVATE KEY-----";
  const secret = appleClientSecret({
    teamId: TEAM_ID,
    keyId: KEY_ID,
    privateKey: pem,
    clientId: CLIENT_ID,
  });
  const error = await secret().catch((error) => error);
  assert.ok(error instanceof TypeError);
  assert.ok(!error.message.includes("TUlJQ2Vr"));
  const rsa = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    false,
    ["sign", "verify"],
  );
  const wrongKind = appleClientSecret({
    teamId: TEAM_ID,
    keyId: KEY_ID,
    privateKey: rsa.privateKey,
    clientId: CLIENT_ID,
  });
  await assert.rejects(wrongKind(), TypeError);
  assert.throws(
    () => apple({ clientId: CLIENT_ID, teamId: "", keyId: KEY_ID, privateKey: pem }),
    TypeError,
  );
  assert.throws(
    () => apple({ clientId: "", teamId: TEAM_ID, keyId: KEY_ID, privateKey: pem }),
    TypeError,
  );
  assert.throws(
    () =>
      apple({
        clientId: CLIENT_ID,
        teamId: TEAM_ID,
        keyId: KEY_ID,
        privateKey: 1 as unknown as string,
      }),
    TypeError,
  );
});

Deno.test("apple: without name or email in the scope, no form_post", () => {
  const preset = apple({
    clientId: CLIENT_ID,
    teamId: TEAM_ID,
    keyId: KEY_ID,
    privateKey: "pem",
    scope: [],
  });
  assert.equal(preset.authorizationParams, undefined);
  const email = apple({
    clientId: CLIENT_ID,
    teamId: TEAM_ID,
    keyId: KEY_ID,
    privateKey: "pem",
    scope: ["email"],
  });
  assert.deepEqual(email.authorizationParams, { response_mode: "form_post" });
});

Deno.test("apple: appleUser reads the first callback's user, and refuses a malformed one", () => {
  assert.deepEqual(appleUser(new URLSearchParams({ user: USER_JSON })), JSON.parse(USER_JSON));
  assert.equal(appleUser(new URL("https://app.example/cb?code=c")), undefined);
  for (
    const user of ["not json", "[]", '{"name":"Ada"}', '{"email":1}', '{"name":{"firstName":1}}']
  ) {
    assert.throws(
      () => appleUser(new URLSearchParams({ user })),
      { code: "invalid_callback" },
      user,
    );
  }
});

Deno.test("apple: profile() of a client that validated no ID token needs the login's claims", async () => {
  const { fake, preset } = await setup();
  const client = new OAuth2Client({
    ...preset,
    fetch: fake.fetch,
    token: { access_token: "a", token_type: "Bearer" },
  });
  await assert.rejects(profile(client), TypeError);
  const claims = {
    iss: "https://appleid.apple.com",
    sub: "0012",
    aud: CLIENT_ID,
    exp: 0,
    iat: 0,
    email: "a@b.example",
  };
  assert.equal((await profile(client, { idTokenClaims: claims })).id, "0012");
});

Deno.test("apple: the same preset discovers Apple's metadata", async () => {
  clearDiscoveryCache();
  const { fake, preset, clock } = await setup();
  const client = await OAuth2Client.discover(preset.issuer!, {
    ...preset,
    fetch: fake.fetch,
    now: () => clock.now,
  });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  assert.equal(url.searchParams.get("nonce"), nonce);
  const token = await client.fetchToken({
    authorizationResponse: formPost(fake.authorize(url)),
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.access_token, "a.apple1");
  clearDiscoveryCache();
});

Deno.test("apple through the registry: a SameSite=None login cookie, the POSTed callback, and user on the first login only", async () => {
  const { fake, preset, clock } = await setup();
  const oauth = new OAuthRegistry({
    secret: "the apple preset test's cookie secret",
    fetch: fake.fetch,
    now: () => clock.now,
  });
  const app = oauth.register("apple", preset);
  for (const firstTime of [true, false]) {
    const start = await app.authorizeRedirect(new Request("https://app.example/login/apple"));
    const setCookie = start.headers.getSetCookie()[0];
    // A cross-site form POST carries no SameSite=Lax cookie.
    assert.match(
      setCookie,
      /^__Host-oauth-apple\.[\w-]+=[\w-]+; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=None$/,
    );
    const form = fake.authorize(new URL(start.headers.get("location")!), firstTime);
    const login = await app.authorizeAccessToken(formPost(form, setCookie.split(";")[0]));
    const token: Token = login.token;
    assert.equal(token.token_type, "Bearer");
    assert.equal(login.claims?.sub, "001234.abcdef0123456789.0123");
    assert.deepEqual(login.user, firstTime ? JSON.parse(USER_JSON) : undefined);
  }
});

Deno.test("apple: an ID token with another nonce, or none, is refused; so is a redemption without the nonce", async () => {
  const { fake, preset, clock } = await setup();
  const client = new OAuth2Client({ ...preset, fetch: fake.fetch, now: () => clock.now });
  for (const answer of ["other", "none"] as const) {
    fake.answer.nonce = answer;
    const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
    await assert.rejects(
      client.fetchToken({
        authorizationResponse: formPost(fake.authorize(url)),
        state,
        codeVerifier,
        nonce,
      }),
      { code: "nonce_mismatch" },
      answer,
    );
  }
  assert.equal(client.authorized, false);
  // OpenID Connect Core §3.1.2.1: the nonce only protects a login that checks it.
  fake.answer.nonce = "echo";
  const { url, state, codeVerifier } = await client.authorizationUrl();
  const redemptions = fake.seen.length;
  await assert.rejects(
    client.fetchToken({
      authorizationResponse: formPost(fake.authorize(url)),
      state,
      codeVerifier,
    }),
    { name: "TypeError", message: /nonce/ },
  );
  assert.equal(fake.seen.length, redemptions, "refused before the code is sent");
});

Deno.test("apple: the preset asks for a nonce and PKCE; the client's pkce: false still turns PKCE off", async () => {
  const preset = apple({ clientId: CLIENT_ID, teamId: TEAM_ID, keyId: KEY_ID, privateKey: "pem" });
  assert.equal(preset.nonce, true);
  assert.equal(preset.pkce, undefined, "the client's default, S256");
  const client = new OAuth2Client({ ...preset, pkce: false });
  const { url, codeVerifier, nonce } = await client.authorizationUrl();
  assert.equal(codeVerifier, undefined);
  assert.equal(url.searchParams.has("code_challenge"), false);
  assert.equal(url.searchParams.get("nonce"), nonce);
});

Deno.test("apple through the registry: the login cookie keeps the nonce, and an ID token without it is refused", async () => {
  const { fake, preset, clock } = await setup();
  const oauth = new OAuthRegistry({
    secret: "the apple preset test's cookie secret",
    fetch: fake.fetch,
    now: () => clock.now,
  });
  const app = oauth.register("apple", preset);
  for (const answer of ["other", "none", "echo"] as const) {
    fake.answer.nonce = answer;
    const start = await app.authorizeRedirect(new Request("https://app.example/login/apple"));
    const url = new URL(start.headers.get("location")!);
    assert.match(url.searchParams.get("nonce")!, /^[A-Za-z0-9_-]{43}$/);
    const cookie = start.headers.getSetCookie()[0].split(";")[0];
    const login = app.authorizeAccessToken(formPost(fake.authorize(url), cookie));
    if (answer === "echo") {
      assert.equal((await login).claims?.nonce, url.searchParams.get("nonce"));
    } else {
      await assert.rejects(login, { code: "nonce_mismatch" }, answer);
    }
  }
});

/**
 * `github()` end to end against a fake GitHub that behaves as "Authorizing OAuth apps" and the
 * REST API documentation say: a form-encoded token answer unless JSON is asked for, the client
 * secret in the form, PKCE, comma-separated scopes, errors with HTTP 200, `/user` whose email
 * may be `null`, `/user/emails` (a JSON array, 404 without `user:email`), and Enterprise Server
 * at its own host with the API under `/api/v3`.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";
import { github, profile } from "../../providers/mod.ts";
import { OAuthRegistry } from "../../web/mod.ts";
import { bearer, router, s256 } from "./_idp.ts";

const CLIENT_ID = "Ov23liExample";
const SECRET = "github-client-secret-value";
const REDIRECT = "https://app.example/callback/github";

interface Account {
  email: string | null;
  emails?: { email: string; primary: boolean; verified: boolean; visibility: string | null }[];
}

/** A fake GitHub (or Enterprise Server at `site`, API at `api`) with one user. */
function fakeGitHub(account: Account, site = "https://github.com", api = "https://api.github.com") {
  const codes = new Map<string, URLSearchParams>();
  const { fetch, seen } = router({
    [`POST ${site}/login/oauth/access_token`]: async ({ headers, form }) => {
      const asked = codes.get(form.get("code") ?? "");
      const answer = (body: Record<string, string>) =>
        headers.get("accept") === "application/json"
          ? Response.json(body)
          : new Response(new URLSearchParams(body).toString(), {
            headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
          });
      if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== SECRET) {
        return answer({ error: "incorrect_client_credentials" });
      }
      if (
        asked === undefined ||
        await s256(form.get("code_verifier") ?? "") !== asked.get("code_challenge")
      ) {
        // GitHub reports a bad code with HTTP 200.
        return answer({
          error: "bad_verification_code",
          error_description: "The code passed is incorrect or expired.",
        });
      }
      codes.delete(form.get("code")!);
      return answer({
        access_token: "gho_16C7e42F292c6912E7710c838347Ae178B4a",
        scope: "read:user,user:email",
        token_type: "bearer",
      });
    },
    [`GET ${api}/user`]: ({ headers }) =>
      bearer(headers) === "gho_16C7e42F292c6912E7710c838347Ae178B4a"
        ? Response.json({
          login: "octocat",
          id: 583231,
          avatar_url: "https://avatars.githubusercontent.com/u/583231?v=4",
          name: "The Octocat",
          email: account.email,
        })
        : Response.json({ message: "Bad credentials" }, { status: 401 }),
    [`GET ${api}/user/emails`]: () =>
      account.emails === undefined
        ? Response.json({ message: "Not Found" }, { status: 404 })
        : Response.json(account.emails),
  });
  const authorize = (url: URL) => {
    assert.equal(url.origin + url.pathname, `${site}/login/oauth/authorize`);
    const code = `code${codes.size}`;
    codes.set(code, url.searchParams);
    return `${REDIRECT}?code=${code}&state=${url.searchParams.get("state")}`;
  };
  return { fetch, seen, authorize };
}

async function signIn(fake: ReturnType<typeof fakeGitHub>, options: { baseUrl?: string } = {}) {
  const client = new OAuth2Client({
    ...github({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT, ...options }),
    fetch: fake.fetch,
  });
  const { url, state, codeVerifier } = await client.authorizationUrl();
  assert.equal(url.searchParams.get("scope"), "read:user user:email");
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  const token = await client.fetchToken({
    authorizationResponse: fake.authorize(url),
    state,
    codeVerifier,
  });
  return { client, token };
}

Deno.test("github: the code flow asks for JSON, sends the secret in the form, and reads the comma-separated scope", async () => {
  const fake = fakeGitHub({ email: "octocat@github.com" });
  const { token } = await signIn(fake);
  assert.equal(token.access_token, "gho_16C7e42F292c6912E7710c838347Ae178B4a");
  assert.equal(token.scope, "read:user user:email");
  const sent = fake.seen[0];
  assert.equal(sent.headers.get("accept"), "application/json");
  assert.equal(sent.headers.get("authorization"), null);
});

Deno.test("github: a bad code, reported with HTTP 200, is the provider's error", async () => {
  const fake = fakeGitHub({ email: null });
  const client = new OAuth2Client({
    ...github({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: REDIRECT }),
    fetch: fake.fetch,
  });
  const error = await client.fetchToken({ code: "stale", codeVerifier: "v".repeat(43) }).catch((
    e,
  ) => e);
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.error, "bad_verification_code");
});

Deno.test("github: profile() with a public email reads /user only", async () => {
  const fake = fakeGitHub({ email: "octocat@github.com" });
  const { client } = await signIn(fake);
  const user = await profile(client);
  assert.deepEqual(
    { ...user, raw: undefined },
    {
      id: "583231",
      name: "The Octocat",
      picture: "https://avatars.githubusercontent.com/u/583231?v=4",
      email: "octocat@github.com",
      raw: undefined,
    },
  );
  assert.equal(user.raw.login, "octocat");
  assert.deepEqual(fake.seen.slice(1).map(({ url }) => url.pathname), ["/user"]);
  assert.equal(fake.seen[1].headers.get("accept"), "application/vnd.github+json");
});

Deno.test("github: profile() without a public email takes the primary verified address of /user/emails", async () => {
  const fake = fakeGitHub({
    email: null,
    emails: [
      { email: "old@example.com", primary: false, verified: true, visibility: null },
      { email: "octocat@example.com", primary: true, verified: true, visibility: "private" },
    ],
  });
  const { client } = await signIn(fake);
  const user = await profile(client);
  assert.equal(user.email, "octocat@example.com");
  assert.equal(user.emailVerified, true);
});

Deno.test("github: an unverified primary address, or /user/emails refused for want of user:email, gives no email", async () => {
  const unverified = fakeGitHub({
    email: null,
    emails: [{ email: "new@example.com", primary: true, verified: false, visibility: "private" }],
  });
  const first = await profile((await signIn(unverified)).client);
  assert.equal(first.email, undefined);
  assert.equal(first.emailVerified, undefined);
  const refused = fakeGitHub({ email: null });
  const second = await profile((await signIn(refused)).client);
  assert.equal(second.email, undefined);
  assert.equal(second.id, "583231");
});

Deno.test("github: a revoked token makes profile() fail with the API's status", async () => {
  const fake = fakeGitHub({ email: null });
  const client = new OAuth2Client({
    ...github({ clientId: CLIENT_ID, clientSecret: SECRET }),
    token: { access_token: "gho_revoked", token_type: "bearer" },
    fetch: fake.fetch,
  });
  await assert.rejects(profile(client), {
    name: "OAuthError",
    code: "invalid_response",
    status: 401,
  });
});

Deno.test("github: Enterprise Server at baseUrl, with its API under /api/v3", async () => {
  const site = "https://github.example.com";
  const fake = fakeGitHub({ email: "octocat@example.com" }, site, `${site}/api/v3`);
  const { client } = await signIn(fake, { baseUrl: `${site}/` });
  assert.equal((await profile(client)).email, "octocat@example.com");
  assert.equal(
    github({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrl: site })
      .deviceAuthorizationEndpoint,
    `${site}/login/device/code`,
  );
  assert.throws(() => github({ clientId: CLIENT_ID, baseUrl: "github.example.com" }), TypeError);
  assert.equal(github({ clientId: CLIENT_ID }).clientAuthentication, "none");
});

Deno.test("github through the registry: the login, then the profile with the session's token", async () => {
  const fake = fakeGitHub({ email: "octocat@github.com" });
  const session = new Map<string, unknown>();
  const oauth = new OAuthRegistry({
    secret: "the github preset test's cookie secret",
    fetch: fake.fetch,
    fetchToken: (name) => Promise.resolve(session.get(name) as never),
  });
  const app = oauth.register("github", {
    ...github({ clientId: CLIENT_ID, clientSecret: SECRET }),
    apiBaseUrl: "https://api.github.com/",
  });
  const start = await app.authorizeRedirect(new Request("https://app.example/login"), REDIRECT);
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const callback = fake.authorize(new URL(start.headers.get("location")!));
  const login = await app.authorizeAccessToken(new Request(callback, { headers: { cookie } }));
  session.set("github", login.token);
  const request = new Request("https://app.example/me");
  assert.equal((await app.profile({ request })).name, "The Octocat");
  const response = await app.get("user", { request });
  assert.equal((await response.json()).login, "octocat");
});

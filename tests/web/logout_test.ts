/**
 * `RemoteApp.logoutRedirect`: the session's token revoked at the provider (RFC 7009), a failed
 * revocation told to `onError` without stopping the logout, the redirect to the provider's
 * end-session endpoint (OpenID Connect RP-Initiated Logout 1.0) and the login cookies it ends;
 * against a provider played by an injected fetch, then once against oidc-provider.
 */
import assert from "node:assert/strict";
import {
  type OAuth1Token,
  OAuthError,
  OAuthRegistry,
  type OAuthRegistryOptions,
  type Token,
} from "../../web/mod.ts";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { authorizeAsBrowser, CookieJar, endSessionAsBrowser } from "../oauth2/_oidc_browser.ts";
import { POST_LOGOUT_REDIRECT_URI } from "../oauth2/_oidc_config.ts";
import { startOidcProvider, withoutProviderNotices } from "../oauth2/_oidc_provider.ts";

const SECRET = "the logout test's cookie secret, long enough";
const BACK = "https://app.example/logged-out";
const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
const SESSION: Token = {
  access_token: "session-at",
  token_type: "Bearer",
  refresh_token: "session-rt",
  id_token: ID_TOKEN,
};
const PROVIDER = {
  clientId: "app",
  clientSecret: "app-secret",
  authorizationEndpoint: "https://op.example/authorize",
  tokenEndpoint: "https://op.example/token",
  revocationEndpoint: "https://op.example/revoke",
  endSessionEndpoint: "https://op.example/logout",
};

/**
 * A registry whose provider `op` is played by `answer` (200 to everything by default), with the
 * session's token `token`; records what reached the provider and what `onError` heard.
 */
function registry(
  token: Token | OAuth1Token | undefined = SESSION,
  answer: (request: Request) => Response | Promise<Response> = () => new Response(null),
  options: Partial<OAuthRegistryOptions> = {},
) {
  const sent: Request[] = [];
  const errors: { error: unknown; request: Request }[] = [];
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetchToken: (name, request) => {
      assert.equal(name, "op");
      assert.equal(request.headers.get("cookie")?.includes("sid=abc"), true);
      return Promise.resolve(token);
    },
    fetch: async (request) => {
      sent.push(request.clone());
      return await answer(request);
    },
    onError: (error, request) => void errors.push({ error, request }),
    ...options,
  });
  return { oauth, sent, errors };
}

/** The app's logout request: the session cookie and, optionally, login cookies. */
function logoutRequest(cookies: string[] = []): Request {
  return new Request("https://app.example/logout", {
    method: "POST",
    headers: { cookie: ["sid=abc", ...cookies].join("; ") },
  });
}

/** The names of the cookies a response deletes (`Max-Age=0`). */
function deletedCookies(response: Response): string[] {
  return response.headers.getSetCookie()
    .filter((line) => /; Max-Age=0(;|$)/.test(line))
    .map((line) => line.slice(0, line.indexOf("=")));
}

Deno.test("logoutRedirect revokes the session's refresh token, then redirects to the end-session endpoint with the ID token, the post-logout URI and the state", async () => {
  const { oauth, sent, errors } = registry();
  const app = oauth.register("op", PROVIDER);
  const response = await app.logoutRedirect(logoutRequest(), BACK, { state: "bye" });
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get("location")!);
  assert.equal(location.origin + location.pathname, PROVIDER.endSessionEndpoint);
  assert.deepEqual([...location.searchParams], [
    ["id_token_hint", ID_TOKEN],
    ["post_logout_redirect_uri", BACK],
    ["state", "bye"],
  ]);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].url, PROVIDER.revocationEndpoint);
  assert.equal(sent[0].headers.get("authorization"), `Basic ${btoa("app:app-secret")}`);
  assert.equal(await sent[0].text(), "token=session-rt&token_type_hint=refresh_token");
  assert.deepEqual(errors, []);
  assert.deepEqual(response.headers.getSetCookie(), []);
});

Deno.test("without a refresh token the access token is revoked", async () => {
  const { access_token, token_type, id_token } = SESSION;
  const { oauth, sent } = registry({ access_token, token_type, id_token });
  const app = oauth.register("op", PROVIDER);
  assert.equal((await app.logoutRedirect(logoutRequest(), BACK)).status, 302);
  assert.equal(await sent[0].text(), "token=session-at&token_type_hint=access_token");
});

Deno.test("ui_locales and logout_hint reach the end-session URL", async () => {
  const { oauth } = registry();
  const app = oauth.register("op", PROVIDER);
  const response = await app.logoutRedirect(logoutRequest(), BACK, {
    uiLocales: ["fr", "en"],
    logoutHint: "alice@example.com",
  });
  const location = new URL(response.headers.get("location")!);
  assert.equal(location.searchParams.get("ui_locales"), "fr en");
  assert.equal(location.searchParams.get("logout_hint"), "alice@example.com");
});

Deno.test("a revocation the provider refuses or cannot be sent still logs out, and onError hears of it without the request's cookies", async () => {
  const failures: [string, () => Response | Promise<Response>][] = [
    ["a 503", () => new Response("down", { status: 503 })],
    ["an error", () => Response.json({ error: "invalid_client" }, { status: 401 })],
    ["no connection", () => Promise.reject(new TypeError("fetch failed"))],
  ];
  for (const [what, fail] of failures) {
    const { oauth, errors } = registry(SESSION, fail);
    const app = oauth.register("op", PROVIDER);
    const response = await app.logoutRedirect(logoutRequest(), BACK, { state: "s" });
    assert.equal(response.status, 302, what);
    assert.equal(new URL(response.headers.get("location")!).searchParams.get("state"), "s");
    assert.equal(errors.length, 1, what);
    assert.ok(errors[0].error instanceof OAuthError, `${what}: ${errors[0].error}`);
    assert.doesNotMatch(String(errors[0].error), /session-rt|app-secret/);
    assert.equal(errors[0].request.headers.get("cookie"), null, "the session cookie is not logged");
    assert.equal(errors[0].request.url, "https://app.example/logout");
  }
});

Deno.test("an onError that throws does not stop the logout either", async () => {
  const { oauth } = registry(SESSION, () => new Response(null, { status: 500 }), {
    onError: () => {
      throw new Error("the logger is down");
    },
  });
  const app = oauth.register("op", PROVIDER);
  assert.equal((await app.logoutRedirect(logoutRequest(), BACK)).status, 302);
});

Deno.test("every login of this provider in progress in this browser ends; another provider's and the app's cookies stay", async () => {
  const { oauth } = registry();
  const app = oauth.register("op", PROVIDER);
  const other = oauth.register("other", { ...PROVIDER, clientId: "other" });
  const start = (provider: typeof app) =>
    provider.authorizeRedirect(new Request("https://app.example/login"), "https://app.example/cb");
  const cookieOf = async (response: Promise<Response>) =>
    (await response).headers.getSetCookie()[0].split(";")[0];
  const first = await cookieOf(start(app));
  const second = await cookieOf(start(app));
  const others = await cookieOf(start(other));
  const [name, value] = first.split("=");
  const stale = `__Host-oauth-op.stale-login-id=${value.slice(1)}${value[0] === "A" ? "B" : "A"}`;
  const response = await app.logoutRedirect(logoutRequest([first, second, others, stale]), BACK);
  assert.deepEqual(
    deletedCookies(response).sort(),
    [name, second.split("=")[0], "__Host-oauth-op.stale-login-id"].sort(),
  );
  for (const line of response.headers.getSetCookie()) {
    assert.match(line, /; Path=\/; Max-Age=0; HttpOnly; Secure; SameSite=Lax$/);
  }
});

Deno.test("a provider without an end-session endpoint is end_session_unsupported before anything is revoked, and errorResponse answers it 501", async () => {
  const { oauth, sent, errors } = registry();
  const { endSessionEndpoint: _, ...withoutEndSession } = PROVIDER;
  const app = oauth.register("op", withoutEndSession);
  const request = logoutRequest();
  const error = await app.logoutRedirect(request, BACK).catch((error) => error);
  assert.ok(error instanceof OAuthError);
  assert.equal(error.code, "end_session_unsupported");
  assert.equal(sent.length, 0, "no revocation when the logout cannot go on");
  const page = await oauth.errorResponse(error, request);
  assert.equal(page.status, 501);
  assert.match(await page.text(), /end_session_unsupported/);
  assert.equal(errors.length, 1, "errorResponse told onError");
});

Deno.test("an OAuth 1.0a provider has no RP-initiated logout: a TypeError naming it", async () => {
  const { oauth, sent } = registry({ oauth_token: "t", oauth_token_secret: "s" });
  const app = oauth.register("op", {
    clientId: "key",
    clientSecret: "secret",
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  });
  await assert.rejects(app.logoutRedirect(logoutRequest(), BACK), {
    name: "TypeError",
    message: /logoutRedirect is OpenID Connect's, and op is an OAuth 1.0a provider/,
  });
  assert.equal(sent.length, 0);
});

Deno.test("without a session token there is no hint and no revocation: client_id goes instead, so the provider can check the URI", async () => {
  const { oauth, sent, errors } = registry(SESSION, undefined, {
    fetchToken: () => Promise.resolve(undefined),
  });
  const app = oauth.register("op", PROVIDER);
  const response = await app.logoutRedirect(logoutRequest(), BACK);
  assert.equal(response.status, 302);
  assert.deepEqual([...new URL(response.headers.get("location")!).searchParams], [
    ["client_id", "app"],
    ["post_logout_redirect_uri", BACK],
  ]);
  assert.equal(sent.length, 0);
  assert.deepEqual(errors, []);
});

Deno.test("a registry without fetchToken logs out without a hint too", async () => {
  const oauth = new OAuthRegistry({ secret: SECRET, fetch: () => assert.fail("no request") });
  const app = oauth.register("op", PROVIDER);
  const response = await app.logoutRedirect(logoutRequest(), BACK);
  assert.equal(new URL(response.headers.get("location")!).searchParams.has("id_token_hint"), false);
});

Deno.test("a provider without a revocation endpoint is not asked to revoke, and nothing is reported", async () => {
  const { oauth, sent, errors } = registry();
  const { revocationEndpoint: _, ...withoutRevocation } = PROVIDER;
  const app = oauth.register("op", withoutRevocation);
  const response = await app.logoutRedirect(logoutRequest(), BACK);
  assert.equal(
    new URL(response.headers.get("location")!).searchParams.get("id_token_hint"),
    ID_TOKEN,
  );
  assert.equal(sent.length, 0);
  assert.deepEqual(errors, []);
});

Deno.test("a discovered provider's end_session_endpoint and revocation_endpoint come from its metadata", async () => {
  const issuer = "https://discovered-logout.example";
  const { oauth, sent } = registry(
    SESSION,
    (request) =>
      request.url.endsWith("/.well-known/openid-configuration")
        ? Response.json({
          issuer,
          revocation_endpoint: `${issuer}/revoke`,
          end_session_endpoint: `${issuer}/session/end`,
        })
        : new Response(null),
  );
  const app = oauth.register("op", { clientId: "app", serverMetadataUrl: issuer });
  const response = await app.logoutRedirect(logoutRequest(), BACK);
  assert.equal(
    response.headers.get("location")!.split("?")[0],
    `${issuer}/session/end`,
  );
  assert.deepEqual(sent.map(({ url }) => url).filter((url) => !url.includes(".well-known")), [
    `${issuer}/revoke`,
  ]);
});

Deno.test("a post-logout redirect URI with a fragment is a TypeError, before anything is revoked", async () => {
  const { oauth, sent } = registry();
  const app = oauth.register("op", PROVIDER);
  await assert.rejects(app.logoutRedirect(logoutRequest(), `${BACK}#x`), { name: "TypeError" });
  assert.equal(sent.length, 0);
});

Deno.test("oidc-provider: logoutRedirect revokes the refresh token there, and its Location ends the provider's session and comes back with the state", async () => {
  await using op = await startOidcProvider();
  const jar = new CookieJar();
  const providerOrigin = new URL(op.issuer).origin;
  const sessions = new Map<string, Token>();
  const errors: unknown[] = [];
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetchToken: () => Promise.resolve(sessions.get("alice")),
    onError: (error) => void errors.push(error),
  });
  const app = oauth.register("op", {
    ...op.clients.basic,
    serverMetadataUrl: op.issuer,
    scope: "openid",
  });
  const start = await app.authorizeRedirect(
    new Request("https://app.example/login"),
    op.redirectUri,
  );
  const callback = await authorizeAsBrowser(start.headers.get("location")!, providerOrigin, {
    jar,
  });
  const login = await app.authorizeAccessToken(
    new Request(callback, { headers: { cookie: start.headers.getSetCookie()[0].split(";")[0] } }),
  );
  const session = login.token as Token;
  sessions.set("alice", session);
  assert.ok(session.refresh_token && session.id_token);

  const response = await app.logoutRedirect(
    new Request("https://app.example/logout", { method: "POST" }),
    POST_LOGOUT_REDIRECT_URI,
    { state: "web-logout" },
  );
  assert.deepEqual(errors, []);
  assert.equal(op.requests("/token/revocation").length, 1);
  assert.equal(op.requests("/token/revocation")[0].body?.token, session.refresh_token);
  const client = new OAuth2Client({ ...op.clientOptions, ...op.clients.basic });
  await assert.rejects(client.refreshToken(session.refresh_token), { code: "invalid_grant" });

  const back = await withoutProviderNotices(() =>
    endSessionAsBrowser(response.headers.get("location")!, providerOrigin, jar)
  );
  assert.equal(back, `${POST_LOGOUT_REDIRECT_URI}?state=web-logout`);
  // The provider's session is over: a new login asks for the user again.
  const again = new URL(op.authorizationEndpoint);
  again.search = new URLSearchParams({
    response_type: "code",
    client_id: op.clients.basic.clientId,
    redirect_uri: op.redirectUri,
    scope: "openid",
    prompt: "none",
  }).toString();
  const silent = new URL(await authorizeAsBrowser(again, providerOrigin, { jar }));
  assert.equal(silent.searchParams.get("error"), "login_required");
  assert.deepEqual(op.serverErrors, []);
});

/**
 * What `errorResponse` answers for each failure, and what the app's `onError` hears of it: a
 * failed login is a 400, a request without a usable session a 401 (or a redirect to the login
 * page), a provider that cannot be reached a 502, a login store that is down a 503; the
 * logger gets every error with the request, but never its cookies, code or state.
 */
import assert from "node:assert/strict";
import { OAuthError, OAuthRegistry, type OAuthRegistryOptions } from "../../web/mod.ts";
import type { Token } from "../../oauth2/mod.ts";
import { serveLoopback } from "../_loopback.ts";
import { startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { SECRET, setup } from "./_setup.ts";

const ME = new Request("https://app.example/me", {
  headers: { cookie: "sid=session-secret", authorization: "Bearer app-token" },
});

/** A registry with one OAuth 2.0 provider `a`, whose API is at https://api.example/. */
function registry(options: Partial<OAuthRegistryOptions> = {}) {
  const oauth = new OAuthRegistry({ secret: SECRET, ...options });
  const app = oauth.register("a", {
    clientId: "app",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    apiBaseUrl: "https://api.example/",
  });
  return { oauth, app };
}

/** The response `errorResponse` makes of what `work` throws, with `request`. */
async function answer(
  oauth: OAuthRegistry,
  work: () => Promise<unknown>,
  request = ME,
): Promise<Response> {
  const error = await work().then(() => assert.fail("it did not fail"), (error) => error);
  return await oauth.errorResponse(error, request);
}

Deno.test("a request without a session is a 401, through the test app and a real server", async () => {
  await using env = await setup();
  const me = await env.visitor().visit("/me/op");
  assert.equal(me.status, 401);
  assert.deepEqual(await me.json(), { error: "missing_token" });
});

Deno.test("an API call without a token is a 401 page, or a redirect to loginUrl when the registry has one", async () => {
  const { oauth, app } = registry({ fetchToken: () => Promise.resolve(undefined) });
  const page = await answer(oauth, () => app.get("me", { request: ME }));
  assert.equal(page.status, 401);
  assert.match(page.headers.get("content-type")!, /^text\/html/);
  assert.match(await page.text(), /not logged in \(missing_token\)/);
  assert.deepEqual(page.headers.getSetCookie(), [], "no login cookie is touched");

  const redirecting = registry({
    fetchToken: () => Promise.resolve(undefined),
    loginUrl: "/login",
  });
  const redirect = await answer(
    redirecting.oauth,
    () => redirecting.app.get("me", { request: ME }),
  );
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get("location"), "/login");
});

Deno.test("a refresh that oidc-provider refuses during an API call is a 401: the session is over", async () => {
  await using op = await startOidcProvider();
  const expired: Token = {
    access_token: "gone",
    token_type: "Bearer",
    refresh_token: "not-a-refresh-token-oidc-provider-issued",
    expires_at: Date.now() / 1000 - 60,
  };
  const oauth = new OAuthRegistry({ secret: SECRET, fetchToken: () => Promise.resolve(expired) });
  const app = oauth.register("op", { ...op.clients.basic, tokenEndpoint: op.tokenEndpoint });
  const error = await app.get(op.userinfoEndpoint, { request: ME }).catch((error) => error);
  assert.equal(error.code, "invalid_grant");
  const page = await oauth.errorResponse(error, ME);
  assert.equal(page.status, 401);
  assert.equal(op.requestCount("/token"), 1);
});

Deno.test("a callback whose code oidc-provider refuses is still a failed login: 400", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login/op");
  const callback = new URL(await env.op.authorize(start.headers.get("location")!));
  callback.searchParams.set("code", "a-code-oidc-provider-never-issued");
  const done = await alice.visit(`/callback/op${callback.search}`);
  assert.equal(done.status, 400);
  assert.deepEqual(await done.json(), { error: "invalid_grant" });
});

Deno.test("a provider that cannot be reached is a 502", async () => {
  const closed = await serveLoopback(() => new Response());
  await closed.close();
  const oauth = new OAuthRegistry({ secret: SECRET });
  const app = oauth.register("down", { clientId: "app", serverMetadataUrl: closed.origin });
  const login = new Request("https://app.example/login");
  const unreachable = await answer(
    oauth,
    () => app.authorizeRedirect(login, "https://app.example/callback"),
    login,
  );
  assert.equal(unreachable.status, 502);
  assert.match(await unreachable.text(), /could not be reached \(network_error\)/);
});

Deno.test("a login store that is down is a 503", async () => {
  const { oauth, app } = registry({
    store: { consume: () => Promise.reject(new OAuthError("store_failed", "the store is down")) },
    fetch: () => Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" })),
  });
  const start = await app.authorizeRedirect(ME, "https://app.example/callback");
  const state = new URL(start.headers.get("location")!).searchParams.get("state");
  const callback = new Request(`https://app.example/callback?code=c&state=${state}`, {
    headers: { cookie: start.headers.getSetCookie()[0].split(";")[0] },
  });
  const page = await answer(oauth, () => app.authorizeAccessToken(callback), callback);
  assert.equal(page.status, 503);
});

Deno.test("errorPage is given the status it answers for", async () => {
  const seen: number[] = [];
  const { oauth, app } = registry({
    fetchToken: () => Promise.resolve(undefined),
    errorPage: (error, _request, status) => (
      seen.push(status), Response.json({ error: error.code }, { status })
    ),
  });
  const page = await answer(oauth, () => app.get("me", { request: ME }));
  assert.deepEqual([page.status, await page.json(), seen], [401, { error: "missing_token" }, [
    401,
  ]]);
});

Deno.test("onError hears of every error with the request, without its cookies, credentials, code or state", async () => {
  const heard: [unknown, Request][] = [];
  const { oauth, app } = registry({
    fetchToken: () => Promise.resolve(undefined),
    onError: (error, request) => void heard.push([error, request]),
  });
  const callback = new Request(
    "https://app.example/callback?code=the-code&state=the-state&oauth_verifier=v&oauth_token=t&iss=https%3A%2F%2Fas.example",
    { headers: { cookie: "__Host-oauth-a.x=sealed; sid=s", "user-agent": "test" } },
  );
  const failed = await app.authorizeAccessToken(callback).catch((error) => error);
  await oauth.errorResponse(failed, callback);
  const missing = await app.get("me", { request: ME }).catch((error) => error);
  await oauth.errorResponse(missing, ME);
  const bug = new Error("a bug in the app");
  await assert.rejects(oauth.errorResponse(bug, ME), /a bug in the app/);

  assert.deepEqual(heard.map(([error]) => error), [failed, missing, bug]);
  const [logged] = heard[0][1].url.split("#");
  const query = new URL(logged).searchParams;
  assert.deepEqual(
    [...query.keys()],
    ["code", "state", "oauth_verifier", "oauth_token", "iss"],
    "names stay",
  );
  for (const name of ["code", "state", "oauth_verifier", "oauth_token"]) {
    assert.equal(query.get(name), "redacted");
  }
  assert.equal(query.get("iss"), "https://as.example");
  for (const [, request] of heard) {
    assert.equal(request.headers.get("cookie"), null);
    assert.equal(request.headers.get("authorization"), null);
  }
  assert.equal(heard[0][1].headers.get("user-agent"), "test");
  assert.equal(heard[1][1].method, "GET");
});

Deno.test("an onError that throws does not change the page the user gets", async () => {
  const { oauth, app } = registry({
    fetchToken: () => Promise.resolve(undefined),
    onError: () => {
      throw new Error("the logger is down");
    },
  });
  const page = await answer(oauth, () => app.get("me", { request: ME }));
  assert.equal(page.status, 401);
});

/**
 * The login app of examples/login_app.ts (what examples/deno_deploy.ts serves) under a real
 * server, against oidc-provider, driven like a browser: login, API call, refresh, logout, and
 * every cookie an attacker could bring.
 */
import assert from "node:assert/strict";
import {
  configFromEnv,
  loginApp,
  type LoginAppConfig,
  MemorySessionStore,
} from "../../examples/login_app.ts";
import { serveLoopback } from "../_loopback.ts";
import { type OidcTestProvider, startOidcProvider } from "../oauth2/_oidc_provider.ts";
import { Visitor } from "./_visitor.ts";

const COOKIE_SECRET = "a-cookie-secret-of-at-least-32-characters";
const LOGIN = "__Host-oauth-provider."; // the registry's login cookies for the provider: <LOGIN><id>
const SESSION = "__Host-oauth-session";

/** oidc-provider, the app on the origin of the registered redirect URI, and its clock. */
async function setup(overrides: Partial<LoginAppConfig> = {}) {
  const op = await startOidcProvider();
  const clock = { now: Date.now() };
  const config: LoginAppConfig = {
    clientId: op.clients.basic.clientId,
    clientSecret: op.clients.basic.clientSecret,
    issuer: op.issuer,
    authorizationEndpoint: op.authorizationEndpoint,
    tokenEndpoint: op.tokenEndpoint,
    revocationEndpoint: op.revocationEndpoint,
    apiUrl: op.userinfoEndpoint,
    redirectUri: op.redirectUri,
    scope: "openid",
    cookieSecret: COOKIE_SECRET,
    now: () => clock.now,
    ...overrides,
  };
  const app = await serveLoopback(loginApp(config), Number(new URL(op.redirectUri).port));
  const visitor = () => new Visitor(app.origin, (request) => fetch(request));
  return {
    op,
    clock,
    visitor,
    grants: () => op.requests("/token").map((request) => request.body?.grant_type),
    async [Symbol.asyncDispose]() {
      await app.close();
      await op[Symbol.asyncDispose]();
    },
  };
}

function cookies(visitor: Visitor): Map<string, string> {
  return new Map(
    visitor.jar.header(new URL("/", visitor.origin)).split("; ").map((pair) => {
      const equals = pair.indexOf("=");
      return [pair.slice(0, equals), pair.slice(equals + 1)] as const;
    }),
  );
}

function cookieValue(visitor: Visitor, name: string): string | undefined {
  return cookies(visitor).get(name);
}

/** The visitor's login cookies, `[name, value]`. */
function loginCookies(visitor: Visitor): [string, string][] {
  return [...cookies(visitor)].filter(([name]) => name.startsWith(LOGIN));
}

async function withCookie(origin: string, path: string, cookie: string, method = "GET") {
  const response = await fetch(new URL(path, origin), {
    method,
    headers: { cookie },
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), response };
}

Deno.test("a visitor logs in with PKCE, calls the API, and an expired token is refreshed once", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const callback = await alice.login(env.op);
  assert.equal(callback.status, 302);
  assert.equal(callback.headers.get("location"), "/");
  assert.deepEqual(loginCookies(alice), [], "the login cookie is cleared");
  assert.match(await (await alice.visit("/")).text(), /Logged in/);
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice" } });
  assert.deepEqual(env.grants(), ["authorization_code"]);

  const before = cookieValue(alice, SESSION);
  // Into the last 30 s of the access token's hour, when the client refreshes; not further, as
  // the refreshed ID token is checked against this clock and the provider's is the real one.
  env.clock.now += 3590 * 1000;
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice" } });
  assert.deepEqual(env.grants(), ["authorization_code", "refresh_token"]);
  assert.notEqual(cookieValue(alice, SESSION), before, "the refreshed token is in the cookie");
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice" } });
  assert.deepEqual(env.grants(), ["authorization_code", "refresh_token"], "no second refresh");
  assert.deepEqual(env.op.serverErrors, []);
});

Deno.test("the login cookie is host-only, HttpOnly, Secure and SameSite=Lax, and holds no secret in clear", async () => {
  await using env = await setup();
  const start = await env.visitor().visit("/login");
  const [cookie] = start.headers.getSetCookie();
  assert.match(
    cookie,
    /^__Host-oauth-provider\.[\w-]{22}=[A-Za-z0-9_-]{100,}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
  );
  const location = new URL(start.headers.get("location")!);
  assert.equal(location.searchParams.get("code_challenge_method"), "S256");
  const state = location.searchParams.get("state")!;
  assert.ok(!cookie.includes(state), "the state is encrypted, not readable in the cookie");
});

Deno.test("logout revokes the grant, so a copy of the old session cookie stops working", async () => {
  await using env = await setup();
  const alice = env.visitor();
  await alice.login(env.op);
  const stolen = `${SESSION}=${cookieValue(alice, SESSION)}`;
  const logout = await alice.visit("/logout", "POST");
  assert.equal(logout.status, 302);
  assert.equal(cookieValue(alice, SESSION), undefined);
  assert.equal((await alice.me()).status, 401);
  assert.equal(env.op.requestCount("/token/revocation"), 1);

  env.clock.now += 2 * 60 * 60 * 1000; // the copied access token has expired: a refresh is needed
  const replay = await withCookie(alice.origin, "/me", stolen);
  assert.equal(replay.status, 401);
  assert.match(replay.text, /session expired/);
  assert.match(replay.response.headers.getSetCookie()[0], /^__Host-oauth-session=; .*Max-Age=0/);
  assert.deepEqual(env.grants(), ["authorization_code", "refresh_token"]);
});

Deno.test("with the token in the session cookie, a copy taken before logout reaches the API until the access token expires, unless the provider revoked it", async () => {
  for (const revocationEndpoint of [undefined, "revoked"]) {
    await using env = await setup(revocationEndpoint ? {} : { revocationEndpoint: undefined });
    const alice = env.visitor();
    await alice.login(env.op);
    const stolen = `${SESSION}=${cookieValue(alice, SESSION)}`;
    assert.equal((await alice.visit("/logout", "POST")).status, 302);
    const replay = await withCookie(alice.origin, "/me", stolen);
    if (revocationEndpoint) {
      // oidc-provider revokes the grant's access tokens with its refresh token.
      assert.equal(replay.status, 401);
    } else {
      assert.equal(replay.status, 200, "nothing told the provider of the logout");
      assert.deepEqual(JSON.parse(replay.text), { sub: "alice" });
    }
  }
});

Deno.test("with server-side sessions, logout empties the store, so a copy of the session cookie is refused at once", async () => {
  const clock = { now: Date.now() };
  const sessions = new MemorySessionStore(() => clock.now);
  await using env = await setup({ sessions, now: () => clock.now });
  const alice = env.visitor();
  await alice.login(env.op);
  assert.equal(sessions.size, 1);
  const cookie = cookieValue(alice, SESSION)!;
  assert.ok(cookie.length < 200, "the cookie holds a session id, not the token");
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice" } });

  clock.now += 3590 * 1000; // refreshed into the store; the cookie stays as it is
  assert.deepEqual(await alice.me(), { status: 200, body: { sub: "alice" } });
  assert.deepEqual(env.grants(), ["authorization_code", "refresh_token"]);
  assert.equal(cookieValue(alice, SESSION), cookie);

  const userinfoCalls = env.op.requestCount("/me");
  assert.equal((await alice.visit("/logout", "POST")).status, 302);
  assert.equal(sessions.size, 0);
  const replay = await withCookie(alice.origin, "/me", `${SESSION}=${cookie}`);
  assert.equal(replay.status, 401);
  assert.deepEqual(JSON.parse(replay.text), { error: "not logged in" });
  assert.equal(env.op.requestCount("/me"), userinfoCalls, "the API saw nothing");
  assert.deepEqual(env.grants(), ["authorization_code", "refresh_token"]);
});

Deno.test("two tabs log in to the app at once, and both logins finish", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const starts = [await alice.visit("/login"), await alice.visit("/login")];
  const callbacks = [];
  for (const start of starts) {
    callbacks.push(await env.op.authorize(start.headers.get("location")!));
  }
  assert.equal(loginCookies(alice).length, 2);
  for (const callback of callbacks.reverse()) {
    assert.equal((await alice.visit(callback)).status, 302);
  }
  assert.deepEqual(loginCookies(alice), []);
  assert.deepEqual(env.grants(), ["authorization_code", "authorization_code"]);
});

Deno.test("/me without a session is a 401, and onError hears of each failure without the cookies or code", async () => {
  const heard: [string, Request][] = [];
  await using env = await setup({
    onError: (error, request) => void heard.push([(error as { code: string }).code, request]),
  });
  const alice = env.visitor();
  assert.deepEqual(await alice.me(), { status: 401, body: { error: "not logged in" } });
  const start = await alice.visit("/login");
  const callback = await env.op.authorize(start.headers.get("location")!);
  const stranger = env.visitor();
  assert.equal((await stranger.visit(callback)).status, 400);
  assert.deepEqual(heard.map(([code]) => code), ["missing_token", "state_unknown"]);
  const logged = new URL(heard[1][1].url);
  assert.equal(logged.searchParams.get("code"), "redacted");
  assert.equal(logged.searchParams.get("state"), "redacted");
  assert.equal(heard[1][1].headers.get("cookie"), null);
});

Deno.test("a callback is refused without this browser's login cookie, before any token request", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login");
  const callback = await env.op.authorize(start.headers.get("location")!);

  // Login CSRF: the attacker's callback URL, opened by a victim who never started a login…
  const fresh = await env.visitor().visit(callback);
  assert.equal(fresh.status, 400);
  assert.match(await fresh.text(), /The login failed \(state_unknown\)/);
  // …or by one whose own login is pending with another state.
  const victim = env.visitor();
  await victim.visit("/login");
  const crossed = await victim.visit(callback);
  assert.equal(crossed.status, 400);
  assert.match(await crossed.text(), /state_mismatch/);
  assert.equal(
    loginCookies(victim).length,
    1,
    "a forged callback does not end the victim's own login in progress",
  );
  assert.deepEqual(env.grants(), []);

  // The code itself still works for the browser that asked for it.
  assert.equal((await alice.visit(callback)).status, 302);
  assert.deepEqual(env.grants(), ["authorization_code"]);
});

Deno.test("tampered, expired, swapped or foreign-secret cookies are refused", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login");
  const callback = await env.op.authorize(start.headers.get("location")!);
  const [[name, login]] = loginCookies(alice);
  const flipped = login.slice(0, 20) + (login[20] === "A" ? "B" : "A") + login.slice(21);
  const tampered = await withCookie(alice.origin, callback, `${name}=${flipped}`);
  assert.equal(tampered.status, 400);
  // The login cookie under the session cookie's name does not open: names are authenticated.
  assert.equal((await withCookie(alice.origin, "/me", `${SESSION}=${login}`)).status, 401);

  env.clock.now += 11 * 60 * 1000; // the login cookie lives ten minutes
  const late = await alice.visit(callback);
  assert.equal(late.status, 400);
  assert.deepEqual(env.grants(), []);

  env.clock.now -= 11 * 60 * 1000;
  const other = await setupOtherSecret(env.op);
  const foreign = await withCookie(alice.origin, "/me", `${SESSION}=${other}`);
  assert.equal(foreign.status, 401);
});

/** A session cookie sealed by an app with another secret. */
async function setupOtherSecret(op: OidcTestProvider): Promise<string> {
  const app = loginApp({
    clientId: op.clients.basic.clientId,
    authorizationEndpoint: op.authorizationEndpoint,
    tokenEndpoint: op.tokenEndpoint,
    apiUrl: op.userinfoEndpoint,
    redirectUri: op.redirectUri,
    cookieSecret: "another-secret-of-at-least-32-characters!",
  });
  const response = await app(new Request(new URL("/login", op.redirectUri)));
  return response.headers.getSetCookie()[0].split(";")[0].split("=")[1];
}

Deno.test("a denied authorization ends on a 400 page naming the provider's error", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login");
  const callback = await env.op.authorize(start.headers.get("location")!, { deny: true });
  const denied = await alice.visit(callback);
  assert.equal(denied.status, 400);
  assert.match(await denied.text(), /The login failed \(access_denied\)/);
  assert.deepEqual(env.grants(), []);
});

Deno.test("the configuration comes from the environment; a missing variable or a short secret is a TypeError", () => {
  const env = {
    OAUTH_CLIENT_ID: "app",
    OAUTH_AUTHORIZATION_ENDPOINT: "https://as.example/authorize",
    OAUTH_TOKEN_ENDPOINT: "https://as.example/token",
    OAUTH_API_URL: "https://api.example/me",
    OAUTH_REDIRECT_URI: "https://app.example/callback",
    COOKIE_SECRET: COOKIE_SECRET,
  };
  assert.equal(configFromEnv(env).tokenEndpoint, "https://as.example/token");
  assert.throws(
    () => configFromEnv({ ...env, OAUTH_TOKEN_ENDPOINT: undefined }),
    (error) => error instanceof TypeError && /OAUTH_TOKEN_ENDPOINT/.test(error.message),
  );
  assert.throws(() => loginApp({ ...configFromEnv(env), cookieSecret: "short" }), TypeError);
});

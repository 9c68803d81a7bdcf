/**
 * Logins in progress, several per browser: two tabs (or a double-clicked "Log in") each finish
 * their own login against oidc-provider and the OAuth 1.0a example provider, in either order;
 * each login is spent once; at most five are kept, the oldest dropped; and every one stays bound
 * to this browser by its own sealed, host-only, HttpOnly, Secure, SameSite=Lax, ten-minute cookie.
 */
import assert from "node:assert/strict";
import { OAuthRegistry } from "../../web/mod.ts";
import { MAX_PENDING_LOGINS } from "../../web/pending_logins.ts";
import { callbackPath, loginCookies, pathOf, SECRET, setup } from "./_setup.ts";

const LOGIN_COOKIE =
  /^__Host-oauth-op\.[\w-]{22}=[\w-]{100,}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/;

Deno.test("two tabs log in at once, finish in either order, and both succeed", async () => {
  for (const order of [[0, 1], [1, 0]]) {
    await using env = await setup();
    const alice = env.visitor();
    const starts = [await alice.visit("/login/op"), await alice.visit("/login/op")];
    for (const start of starts) assert.match(start.headers.getSetCookie()[0], LOGIN_COOKIE);
    assert.deepEqual(starts.map((start) => loginCookies(start).deleted), [[], []]);
    const callbacks = [];
    for (const start of starts) {
      callbacks.push(callbackPath(await env.op.authorize(start.headers.get("location")!)));
    }
    for (const tab of order) {
      const done = await alice.visit(callbacks[tab]);
      assert.equal(done.status, 200, `tab ${tab}: ${await done.clone().text()}`);
      assert.deepEqual(await done.json(), { sub: "alice" });
      assert.deepEqual(loginCookies(done).deleted, loginCookies(starts[tab]).set, "its own only");
    }
    assert.equal(env.op.requestCount("/token"), 2);
    assert.deepEqual(env.op.serverErrors, []);
  }
});

Deno.test("a replayed callback fails, from this browser or with a copy of its cookies, and reaches no provider", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const starts = [await alice.visit("/login/op"), await alice.visit("/login/op")];
  const copied = alice.jar.header(new URL("/callback/op", env.origin));
  const callbacks = [];
  for (const start of starts) {
    callbacks.push(callbackPath(await env.op.authorize(start.headers.get("location")!)));
  }
  assert.equal((await alice.visit(callbacks[0])).status, 200);
  const again = await alice.visit(callbacks[0]);
  assert.equal(again.status, 400);
  assert.deepEqual(await again.json(), { error: "state_mismatch" }, "tab 2's login goes on");
  assert.equal((await alice.visit(callbacks[1])).status, 200);
  for (const callback of callbacks) {
    const replay = await alice.visit(callback);
    assert.deepEqual(await replay.json(), { error: "state_unknown" }, "no login is left");
    const thief = await fetch(new URL(callback, env.origin), { headers: { cookie: copied } });
    assert.deepEqual(await thief.json(), { error: "state_unknown" }, "spent in the store");
  }
  assert.equal(env.op.requestCount("/token"), 2);
});

Deno.test("a double-clicked Log in sends two logins with the same cookies; both can finish", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const starts = await Promise.all([alice.visit("/login/op"), alice.visit("/login/op")]);
  const callbacks = [];
  for (const start of starts) {
    callbacks.push(callbackPath(await env.op.authorize(start.headers.get("location")!)));
  }
  for (const callback of callbacks.reverse()) {
    assert.equal((await alice.visit(callback)).status, 200);
  }
});

Deno.test("a sixth login drops the oldest; the five others still finish", async () => {
  assert.equal(MAX_PENDING_LOGINS, 5);
  await using env = await setup();
  const alice = env.visitor();
  const starts = [];
  for (let i = 0; i < 6; i++) {
    env.clock.now += 1000;
    starts.push(await alice.visit("/login/op"));
  }
  assert.deepEqual(loginCookies(starts[5]).deleted, loginCookies(starts[0]).set);
  const pending = alice.jar.header(new URL("/", env.origin)).split("; ")
    .filter((pair) => pair.startsWith("__Host-oauth-op."));
  assert.equal(pending.length, 5);
  const callbacks = [];
  for (const start of starts) {
    callbacks.push(callbackPath(await env.op.authorize(start.headers.get("location")!)));
  }
  const dropped = await alice.visit(callbacks[0]);
  assert.deepEqual(await dropped.json(), { error: "state_mismatch" });
  assert.equal(env.op.requestCount("/token"), 0);
  for (const callback of callbacks.slice(1)) {
    assert.equal((await alice.visit(callback)).status, 200);
  }
  assert.equal(env.op.requestCount("/token"), 5);
});

Deno.test("two OAuth 1.0a logins in one browser finish in reverse order", async () => {
  await using env = await setup();
  const bob = env.visitor();
  const starts = [await bob.visit("/login/legacy"), await bob.visit("/login/legacy")];
  const callbacks = [];
  for (const start of starts) {
    const approval = await fetch(start.headers.get("location")!, { redirect: "manual" });
    callbacks.push(pathOf(approval.headers.get("location")!));
  }
  for (const callback of callbacks.reverse()) {
    const done = await bob.visit(callback);
    assert.equal(done.status, 200, await done.clone().text());
  }
  assert.equal((await bob.visit(callbacks[0])).status, 400);
});

/** A registry with one OAuth 2.0 provider `a` whose token endpoint answers every request. */
function registry(clock: { now: number }) {
  const oauth = new OAuthRegistry({
    secret: SECRET,
    now: () => clock.now,
    fetch: () => Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" })),
  });
  const app = oauth.register("a", {
    clientId: "app",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
  });
  /** `/login/a` with `cookies` (`name=value` pairs): its login cookie, state and deletions. */
  const login = async (cookies: string[]) => {
    const start = await app.authorizeRedirect(
      new Request("https://app.example/login/a", { headers: { cookie: cookies.join("; ") } }),
      "https://app.example/callback/a",
    );
    return {
      cookie: start.headers.getSetCookie()[0].split(";")[0],
      state: new URL(start.headers.get("location")!).searchParams.get("state")!,
      deleted: loginCookies(start).deleted,
    };
  };
  const callback = (state: string, cookies: string[]) =>
    app.authorizeAccessToken(
      new Request(`https://app.example/callback/a?code=c&state=${state}`, {
        headers: { cookie: cookies.join("; ") },
      }),
    ).then(({ token }) => token.access_token, (error) => error.code);
  return { login, callback };
}

Deno.test("the logins kept are the newest by when they started, whatever order the browser sends them in", async () => {
  const clock = { now: 1_700_000_000_000 };
  const { login } = registry(clock);
  const logins: { cookie: string }[] = [];
  for (let i = 0; i < 5; i++) {
    clock.now += 1000;
    logins.push(await login(logins.map(({ cookie }) => cookie)));
  }
  clock.now += 1000;
  const shuffled = [3, 0, 4, 2, 1].map((i) => logins[i].cookie);
  const sixth = await login(shuffled);
  assert.deepEqual(sixth.deleted, [logins[0].cookie.split("=")[0]]);
});

Deno.test("a login cookie that no longer opens is deleted by the next login, and never counted", async () => {
  const clock = { now: 1_700_000_000_000 };
  const { login, callback } = registry(clock);
  const old = await login([]);
  clock.now += 11 * 60 * 1000; // the browser would have dropped it; a copy is still sent
  const [name, value] = old.cookie.split("=");
  const altered = `__Host-oauth-a.${"A".repeat(22)}=${value}`;
  const next = await login([old.cookie, altered]);
  assert.deepEqual(next.deleted.sort(), [name, altered.split("=")[0]].sort());
  assert.equal(await callback(old.state, [old.cookie, altered]), "state_unknown");
  assert.equal(await callback(next.state, [old.cookie, altered, next.cookie]), "at");
});

Deno.test("a login's cookie under another login's name, or with another login's callback, is refused", async () => {
  const clock = { now: 1_700_000_000_000 };
  const { login, callback } = registry(clock);
  const first = await login([]);
  const second = await login([first.cookie]);
  const renamed = `${second.cookie.split("=")[0]}=${first.cookie.split("=")[1]}`;
  assert.equal(await callback(first.state, [renamed]), "state_unknown", "sealed for its name");
  assert.equal(await callback(first.state, [second.cookie]), "state_mismatch");
  assert.equal(await callback(first.state, [first.cookie, second.cookie]), "at");
  assert.equal(await callback(second.state, [second.cookie]), "at");
});

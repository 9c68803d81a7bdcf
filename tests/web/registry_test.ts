/**
 * `@x/oauth/web` as an app uses it: a small `Request → Response` app under a real server,
 * logging users in with oidc-provider (OpenID Connect) and with the OAuth 1.0a example
 * provider, followed like a browser with a cookie jar; then every way a login cookie can be
 * missing, forged, stale or replayed.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { type LoginStore, MemoryLoginStore, OAuthError, OAuthRegistry } from "../../web/mod.ts";
import type { Token } from "../../oauth2/mod.ts";
import { callbackPath, loginCookies, SECRET, setup } from "./_setup.ts";

Deno.test("OpenID Connect login through the registry: sealed cookie, validated ID token, then an API call", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login/op");
  assert.equal(start.status, 302);
  assert.match(
    start.headers.getSetCookie()[0],
    /^__Host-oauth-op\.[\w-]{22}=[\w-]{100,}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
  );
  const callback = await env.op.authorize(start.headers.get("location")!);
  const done = await alice.visit(callbackPath(callback));
  assert.equal(done.status, 200, await done.clone().text());
  assert.deepEqual(await done.json(), { sub: "alice" });
  const me = await alice.visit("/me/op");
  assert.equal(me.status, 200);
  assert.equal((await me.json()).sub, "alice");
});

Deno.test("OAuth 1.0a login through the same registry, then a signed API call", async () => {
  await using env = await setup();
  const bob = env.visitor();
  const start = await bob.visit("/login/legacy");
  const approval = await fetch(start.headers.get("location")!, { redirect: "manual" });
  const done = await bob.visit(
    new URL(approval.headers.get("location")!).pathname +
      new URL(approval.headers.get("location")!).search,
  );
  assert.equal(done.status, 200, await done.clone().text());
  const me = await bob.visit("/me/legacy");
  assert.equal(me.status, 200);
  assert.deepEqual(await me.json(), { name: "Ada Lovelace", screen_name: "ada" });
});

Deno.test("a callback without this browser's cookie, with a forged, stale or doubled one, or replayed, is state_unknown", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login/op");
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const callback = callbackPath(await env.op.authorize(start.headers.get("location")!));
  const withCookie = async (header: string | undefined) => {
    const response = await fetch(new URL(callback, env.origin), {
      headers: header ? { cookie: header } : {},
    });
    return (await response.json()).error;
  };
  const [name, value] = cookie.split("=");
  const flipped = `${name}=${value.slice(0, 30)}${value[30] === "A" ? "B" : "A"}${value.slice(31)}`;
  assert.equal(await withCookie(undefined), "state_unknown", "another browser (CVE-2025-68158)");
  assert.equal(await withCookie(flipped), "state_unknown", "tampered");
  assert.equal(
    await withCookie(`${cookie}; ${cookie}`),
    "state_unknown",
    "a second cookie of the same name",
  );
  assert.equal(
    await withCookie(`${cookie};${cookie}`),
    "state_unknown",
    "twice, without the space",
  );
  env.clock.now += 11 * 60 * 1000;
  assert.equal(await withCookie(cookie), "state_unknown", "after ten minutes");
  env.clock.now -= 11 * 60 * 1000;
  assert.equal(env.op.requestCount("/token"), 0, "no token request for any of them");

  const done = await alice.visit(callback);
  assert.equal(done.status, 200);
  const again = await alice.visit(callback); // the browser's cookie is gone: a replay
  assert.equal((await again.json()).error, "state_unknown");
  // A thief with the cookie and the callback URL: the store of finished logins refuses it.
  assert.equal(await withCookie(cookie), "state_unknown", "replayed with its cookie");
  assert.equal(env.op.requestCount("/token"), 1);
});

/**
 * A registry with one OAuth 2.0 provider `a`, whose token endpoint answers every request, and
 * `store` as its login store; a login to it has begun.
 */
async function loginInProgress(store?: LoginStore) {
  let tokenRequests = 0;
  const oauth = new OAuthRegistry({
    secret: SECRET,
    store,
    fetch: () => {
      tokenRequests++;
      return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
    },
  });
  const app = oauth.register("a", {
    clientId: "app",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
  });
  const start = await app.authorizeRedirect(
    new Request("https://app.example/login/a"),
    "https://app.example/callback/a",
  );
  const state = new URL(start.headers.get("location")!).searchParams.get("state");
  /** The provider's redirect back, with `header` as the `Cookie` header. */
  const callbackRequest = (header: string) =>
    new Request(`https://app.example/callback/a?code=c&state=${state}`, {
      headers: { cookie: header },
    });
  return {
    oauth,
    app,
    /** The login cookie, `name=value`. */
    cookie: start.headers.getSetCookie()[0].split(";")[0],
    callbackRequest,
    /** The callback's token, or its error's code, with `header` as the `Cookie` header. */
    callback: (header: string) =>
      app.authorizeAccessToken(callbackRequest(header)).then(
        ({ token }) => token.access_token,
        (error) => error.code,
      ),
    tokenRequests: () => tokenRequests,
  };
}

Deno.test("the login callback works beside any sibling site's cookie outside RFC 6265", async () => {
  const { cookie, callback, tokenRequests } = await loginInProgress();
  const siblings = [
    "prefs=a b",
    'data="{\\"a\\":1}"',
    "=abc",
    "abc",
    "a=1, b=2", // two Cookie fields (HTTP/2 sends one per cookie) joined by Headers
    "exp=Wed, 09 Jun 2021 10:18:14 GMT",
  ];
  for (const sibling of siblings) {
    assert.equal(await callback(`${sibling}; ${cookie}`), "at", `before: ${sibling}`);
    assert.equal(await callback(`${cookie}; ${sibling}`), "at", `after: ${sibling}`);
  }
  assert.equal(await callback(`;; ${cookie};;`), "at", "doubled semicolons");
  assert.equal(await callback(`; ; ${cookie}; `), "at", "empty pairs");
  assert.equal(await callback(`${cookie}, theme=dark`), "at", "first of two joined fields");
  assert.equal(await callback(`${siblings.join("; ")}; ${cookie}; ${siblings.join(";")}`), "at");
  assert.equal(tokenRequests(), 2 * siblings.length + 4);
  assert.equal(await callback(""), "state_unknown", "an empty header is no login");
  assert.equal(await callback(siblings.join("; ")), "state_unknown", "siblings alone are none");
  assert.equal(tokenRequests(), 2 * siblings.length + 4);
});

Deno.test("no random cookies of sibling sites beside the login cookie fail its callback", async () => {
  const { cookie, callback } = await loginInProgress();
  // Any text a sibling site can set, but a __Host- cookie, which browsers keep for this host.
  const sibling = fc.string({
    unit: fc.constantFrom(...' \t=,"{}\\abc__Host-oauth-'),
    maxLength: 24,
  })
    .filter((text) => !/^[ \t]*__host-/i.test(text));
  await fc.assert(
    fc.asyncProperty(fc.array(sibling, { maxLength: 6 }), fc.nat(), async (siblings, at) => {
      const pieces = [...siblings];
      pieces.splice(at % (siblings.length + 1), 0, cookie);
      const header = pieces.join("; ");
      assert.equal(await callback(header), "at", JSON.stringify(header));
    }),
    { numRuns: 200 },
  );
});

Deno.test("a callback with this browser's cookie but another state is refused, and leaves the login in progress", async () => {
  await using env = await setup();
  const alice = env.visitor();
  const start = await alice.visit("/login/op");
  const callback = callbackPath(await env.op.authorize(start.headers.get("location")!));
  // A cross-site link to the callback: the browser sends alice's cookie with a forged state.
  const forged = new URL(callback, env.origin);
  forged.searchParams.set("state", "forged-by-another-site");
  const refused = await alice.visit(`${forged.pathname}${forged.search}`);
  assert.equal((await refused.json()).error, "state_mismatch");
  assert.equal(env.op.requestCount("/token"), 0);
  const done = await alice.visit(callback);
  assert.equal(done.status, 200, await done.clone().text());
  assert.deepEqual(await done.json(), { sub: "alice" });

  const bob = env.visitor();
  const legacy = await bob.visit("/login/legacy");
  const approval = await fetch(legacy.headers.get("location")!, { redirect: "manual" });
  const back = new URL(approval.headers.get("location")!);
  const other = new URL(back);
  other.searchParams.set("oauth_token", "forged-by-another-site");
  const mismatch = await bob.visit(`${other.pathname}${other.search}`);
  assert.equal((await mismatch.json()).error, "token_mismatch");
  assert.equal((await bob.visit(`${back.pathname}${back.search}`)).status, 200);
});

Deno.test("API calls with one expired session token refresh once, and every waiting request hears of it", async () => {
  const NOW = 1_700_000_000_000;
  let refreshes = 0;
  const updates: [string, Request][] = [];
  const expired: Token = {
    access_token: "old",
    token_type: "Bearer",
    refresh_token: "r1",
    expires_at: NOW / 1000 - 5,
  };
  const oauth = new OAuthRegistry({
    secret: SECRET,
    now: () => NOW,
    fetchToken: () => Promise.resolve(expired),
    updateToken: (_name, token, request) => void updates.push([token.access_token, request]),
    fetch: (request) => {
      if (request.url.endsWith("/token")) {
        refreshes++;
        return Promise.resolve(
          Response.json({
            access_token: "new",
            token_type: "Bearer",
            refresh_token: "r2",
            expires_in: 600,
          }),
        );
      }
      const ok = request.headers.get("authorization") === "Bearer new";
      return Promise.resolve(new Response(null, { status: ok ? 200 : 401 }));
    },
  });
  oauth.register("api", {
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    apiBaseUrl: "https://api.example/v1/",
  });
  const requests = Array.from(
    { length: 10 },
    (_, i) => new Request(`https://app.example/page/${i}`),
  );
  const responses = await Promise.all(
    requests.map((request) => oauth.client("api").get("items", { request })),
  );
  assert.deepEqual(responses.map((response) => response.status), Array(10).fill(200));
  assert.equal(refreshes, 1);
  assert.deepEqual(updates.map(([token]) => token), Array(10).fill("new"));
  assert.deepEqual(new Set(updates.map(([, request]) => request)), new Set(requests));
});

Deno.test("errorResponse: a 400 page (the app's own when given) that clears the login cookies that no longer open", async () => {
  const plain = new OAuthRegistry({ secret: SECRET });
  plain.register("a", { clientId: "x" });
  const stale = "__Host-oauth-a.stale";
  const request = new Request("https://app.example/callback/a", {
    headers: { cookie: `${stale}=${"A".repeat(60)}; __Host-oauth-b.x=${"A".repeat(60)}` },
  });
  const failure = await plain.client("a").authorizeAccessToken(request).catch((error) => error);
  const page = await plain.errorResponse(failure, request);
  assert.equal(page.status, 400);
  assert.match(await page.text(), /The login failed \(state_unknown\)/);
  assert.deepEqual(loginCookies(page), { set: [], deleted: [stale] }, "only provider a's");
  const custom = new OAuthRegistry({
    secret: SECRET,
    errorPage: (error) => Response.json({ oops: error.code }, { status: 403 }),
  });
  const mine = await custom.errorResponse(failure, request);
  assert.equal(mine.status, 403);
  assert.deepEqual(await mine.json(), { oops: "state_unknown" });
  await assert.rejects(custom.errorResponse(new Error("a bug"), request), /a bug/);
});

/** Counts the entries walked by every `Map` iteration while `fn` runs. */
async function mapEntriesWalked(fn: () => Promise<void>): Promise<number> {
  let walked = 0;
  const proto = Map.prototype as unknown as Record<PropertyKey, unknown>;
  const names = [Symbol.iterator, "entries", "keys", "values"] as const;
  const originals = names.map((name) => proto[name] as (this: unknown) => Iterator<unknown>);
  const originalForEach = Map.prototype.forEach;
  names.forEach((name, i) => {
    proto[name] = function (this: unknown) {
      const inner = originals[i].call(this);
      return {
        next() {
          const step = inner.next();
          if (!step.done) walked++;
          return step;
        },
        [Symbol.iterator]() {
          return this;
        },
      };
    };
  });
  Map.prototype.forEach = function (this: Map<unknown, unknown>, callback, thisArg) {
    originalForEach.call(this, (...args) => (walked++, callback.apply(thisArg, args)));
  };
  try {
    await fn();
  } finally {
    names.forEach((name, i) => proto[name] = originals[i]);
    Map.prototype.forEach = originalForEach;
  }
  return walked;
}

Deno.test("MemoryLoginStore walks a bounded number of entries per login, however many are kept", async () => {
  const store = new MemoryLoginStore();
  const until = Date.now() / 1000 + 600;
  const logins = 5_000;
  const walked = await mapEntriesWalked(async () => {
    for (let i = 0; i < logins; i++) assert.equal(await store.consume(`forged-${i}`, until), true);
  });
  // A walk of every kept login on each call would be 12.5 million.
  assert.ok(walked <= 3 * logins, `${walked} entries walked for ${logins} logins`);
  assert.equal(await store.consume("forged-0", until), false);
  assert.equal(await store.consume(`forged-${logins - 1}`, until), false);
});

Deno.test("MemoryLoginStore refuses a login again exactly until its expiry, in any order of expiries, and stays bounded", async () => {
  let now = 1_700_000_000_000;
  const store = new MemoryLoginStore({ now: () => now });
  assert.equal(await store.consume("a", now / 1000 + 10), true);
  now += 9_999;
  assert.equal(await store.consume("a", now / 1000 + 10), false, "a millisecond before expiry");
  now += 1;
  assert.equal(await store.consume("a", now / 1000 + 10), true, "at expiry");
  assert.throws(() => store.consume("b", NaN), TypeError);

  const expiries: number[] = [];
  let largest = 0;
  for (let i = 0; i < 50_000; i++) {
    // Ten logins a second, each expiring 1 to 600 s later, in no order: at most 6 000 live.
    expiries.push(now / 1000 + 1 + (i * 7919) % 600);
    assert.equal(await store.consume(`login-${i}`, expiries[i]), true);
    now += 100;
    largest = Math.max(largest, store.size);
    if (i % 97 !== 0) continue;
    for (const j of [i, i - 1, i - 100, i - 1_000, i - 3_000, i - 6_000]) {
      if (j < 0) continue;
      const expired = expiries[j] <= now / 1000;
      assert.equal(await store.consume(`login-${j}`, expiries[j]), expired, `login ${j} at ${i}`);
    }
  }
  assert.ok(largest <= 2 * 6_000 + 100, `${largest} logins kept at once`);
});

Deno.test("errorResponse leaves the logins in progress alone after a callback that did not match, and clears a spent one", async () => {
  let tokenRequests = 0;
  const oauth = new OAuthRegistry({
    secret: SECRET,
    store: new MemoryLoginStore(),
    fetch: () => {
      tokenRequests++;
      return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
    },
  });
  for (const name of ["a", "b"]) {
    oauth.register(name, {
      clientId: "app",
      authorizationEndpoint: "https://as.example/authorize",
      tokenEndpoint: "https://as.example/token",
    });
  }
  const start = await oauth.client("a").authorizeRedirect(
    new Request("https://app.example/login/a"),
    "https://app.example/callback/a",
  );
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const state = new URL(start.headers.get("location")!).searchParams.get("state");
  const callback = (name: string, query: string) =>
    new Request(`https://app.example/callback/${name}?${query}`, { headers: { cookie } });
  const failure = async (name: string, request: Request) => {
    const error = await oauth.client(name).authorizeAccessToken(request).catch((error) => error);
    const page = await oauth.errorResponse(error, request);
    return [error.code, page.headers.getSetCookie().map((value) => value.split("=")[0])];
  };

  const forged = callback("a", "code=c&state=forged");
  assert.deepEqual(await failure("a", forged), ["state_mismatch", []]);
  assert.deepEqual(
    await failure("a", callback("a", `error=access_denied&state=${state}`)),
    ["access_denied", []],
  );
  assert.deepEqual(
    await failure("b", callback("b", "code=c&state=forged")),
    ["state_unknown", []],
    "provider a's login is none of b's",
  );
  assert.equal(tokenRequests, 0);
  const done = await oauth.client("a").authorizeAccessToken(callback("a", `code=c&state=${state}`));
  assert.equal(done.token.access_token, "at");
  assert.deepEqual(await failure("a", callback("a", `code=c&state=${state}`)), [
    "state_unknown",
    [cookie.split("=")[0]],
  ]);
  assert.equal(tokenRequests, 1);
  const other = new Error("not a login failure");
  await assert.rejects(oauth.errorResponse(other, forged), /not a login failure/);
});

Deno.test("a login store that fails fails the callback with its own error, and nothing is sent", async () => {
  const down = new OAuthError("store_failed", "the login store is down");
  const { oauth, app, cookie, callbackRequest, tokenRequests } = await loginInProgress({
    consume: () => Promise.reject(down),
  });
  const callback = callbackRequest(cookie);
  const error = await app.authorizeAccessToken(callback).catch((error) => error);
  assert.equal(error, down);
  assert.equal(tokenRequests(), 0);
  const page = await oauth.errorResponse(error, callback);
  assert.deepEqual(loginCookies(page).deleted, [cookie.split("=")[0]]);
});

Deno.test("the registry refuses a short secret, odd names and unknown providers", () => {
  assert.throws(() => new OAuthRegistry({ secret: "short" }), TypeError);
  const oauth = new OAuthRegistry({ secret: SECRET });
  assert.throws(() => oauth.register("no spaces", { clientId: "x" }), TypeError);
  assert.throws(() => oauth.register("x", { clientId: "" }), TypeError);
  assert.throws(() => oauth.client("nobody"), TypeError);
});

Deno.test("register refuses a name already registered, unless asked to replace it", () => {
  const oauth = new OAuthRegistry({ secret: SECRET });
  const first = oauth.register("a", { clientId: "first", tokenEndpoint: "https://as.example/t" });
  assert.throws(
    () => oauth.register("a", { clientId: "second", tokenEndpoint: "https://as.example/t" }),
    (error) =>
      error instanceof TypeError && /a is registered already.*replace: true/.test(error.message),
  );
  assert.equal(oauth.client("a"), first);
  const second = oauth.register("a", { clientId: "second" }, { replace: true });
  assert.equal(oauth.client("a"), second);
  assert.equal(oauth.client("a").config.clientId, "second");
});

Deno.test("a relative API path without apiBaseUrl is a TypeError naming apiBaseUrl, and nothing is sent", async () => {
  const sent: string[] = [];
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetchToken: () => Promise.resolve({ access_token: "at", token_type: "Bearer" }),
    fetch: (request) => (sent.push(request.url), Promise.resolve(new Response("{}"))),
  });
  const app = oauth.register("a", { clientId: "app", tokenEndpoint: "https://as.example/token" });
  const request = new Request("https://app.example/me");
  for (const path of ["userinfo", "/user", "../x", ""]) {
    await assert.rejects(
      app.get(path, { request }),
      (error) =>
        error instanceof TypeError && /apiBaseUrl/.test(error.message) &&
        /\ba\b/.test(error.message),
      JSON.stringify(path),
    );
  }
  assert.deepEqual(sent, []);
  assert.equal((await app.get("https://api.example/user", { request })).status, 200);
  assert.deepEqual(sent, ["https://api.example/user"]);
});

Deno.test("a provider on http beyond loopback needs allowInsecureRequests in its registration", async () => {
  const oauth = new OAuthRegistry({ secret: SECRET });
  const endpoints = {
    clientId: "app",
    authorizationEndpoint: "http://keycloak:8080/realms/dev/auth",
    tokenEndpoint: "http://keycloak:8080/realms/dev/token",
  };
  oauth.register("strict", endpoints);
  await assert.rejects(
    oauth.client("strict").authorizeRedirect(
      new Request("https://app.example/login"),
      "https://app.example/callback",
    ),
    (error: OAuthError) =>
      error.code === "insecure_transport" && /allowInsecureRequests/.test(error.message),
  );
  oauth.register("dev", { ...endpoints, allowInsecureRequests: true });
  const response = await oauth.client("dev").authorizeRedirect(
    new Request("https://app.example/login"),
    "https://app.example/callback",
  );
  assert.equal(response.status, 302);
  assert.equal(new URL(response.headers.get("location")!).origin, "http://keycloak:8080");
});

/**
 * MemoryTokenStore, and OAuth2Client over a store: the token read from it, written to it, and
 * refreshed once under its lock by every client sharing it — or not at all when another
 * instance already has.
 */
import assert from "node:assert/strict";
import { MemoryTokenStore, OAuth2Client, type Token, type TokenStore } from "../../mod.ts";
import { TokenKeeper } from "../../oauth2/refresh.ts";

const NOW = 1_700_000_000_000;
const EXPIRED: Token = {
  access_token: "old",
  token_type: "Bearer",
  refresh_token: "r1",
  expires_at: NOW / 1000 - 10,
};

/** A token endpoint with rotation that refuses a spent refresh token (reuse detection). */
function rotatingServer() {
  const spent = new Set<string>();
  let issued = 0;
  const refreshes: string[] = [];
  const fetch = async (request: Request) => {
    const body = new URLSearchParams(await request.text());
    const refreshToken = body.get("refresh_token")!;
    refreshes.push(refreshToken);
    if (spent.has(refreshToken)) return Response.json({ error: "invalid_grant" }, { status: 400 });
    spent.add(refreshToken);
    issued++;
    return Response.json({
      access_token: `new-${issued}`,
      token_type: "Bearer",
      refresh_token: `r${issued + 1}`,
      expires_in: 3600,
    });
  };
  return { fetch, refreshes };
}

const clientOn = (store: TokenStore, fetch: (request: Request) => Promise<Response>) =>
  new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    store,
    fetch,
    now: () => NOW,
  });

Deno.test("MemoryTokenStore keeps copies, forgets on delete, and runs locked work one at a time", async () => {
  const store = new MemoryTokenStore(EXPIRED);
  const token = (await store.get())!;
  token.access_token = "changed outside";
  assert.equal((await store.get())?.access_token, "old");
  await store.delete();
  assert.equal(await store.get(), undefined);
  const order: string[] = [];
  const slow = store.withLock(async () => {
    order.push("a starts");
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push("a ends");
    throw new Error("a fails");
  });
  const fast = store.withLock(() => Promise.resolve(order.push("b runs")));
  await assert.rejects(slow, /a fails/);
  await fast;
  assert.deepEqual(order, ["a starts", "a ends", "b runs"]);
});

Deno.test("clients sharing a store refresh an expired token once between them, under rotation", async () => {
  const store = new MemoryTokenStore(EXPIRED);
  const server = rotatingServer();
  const clients = [
    clientOn(store, server.fetch),
    clientOn(store, server.fetch),
    clientOn(store, server.fetch),
  ];
  const signed = await Promise.all(
    Array.from({ length: 300 }, (_, i) => clients[i % 3].sign(new Request("https://api.example/"))),
  );
  assert.deepEqual(server.refreshes, ["r1"]);
  assert.ok(signed.every((request) => request.headers.get("authorization") === "Bearer new-1"));
  assert.equal((await store.get())?.refresh_token, "r2");
});

Deno.test("a token another instance refreshed while this one waited is taken, not refreshed again", async () => {
  const server = rotatingServer();
  let inLock = 0;
  const memory = new MemoryTokenStore(EXPIRED);
  // Another instance writes its refreshed token just before this client gets the lock.
  const store: TokenStore = {
    get: () => memory.get(),
    set: (token) => memory.set(token),
    delete: () => memory.delete(),
    withLock: async (fn) => {
      if (inLock++ === 0) {
        await memory.set({
          ...EXPIRED,
          access_token: "theirs",
          refresh_token: "r9",
          expires_at: NOW / 1000 + 3600,
        });
      }
      return await memory.withLock(fn);
    },
  };
  const client = clientOn(store, server.fetch);
  const signed = await client.sign(new Request("https://api.example/"));
  assert.equal(signed.headers.get("authorization"), "Bearer theirs");
  assert.deepEqual(server.refreshes, []);
});

Deno.test("a refresh for an expired token another instance already replaced takes the replacement, even after reading it", async () => {
  // The race the 4-process Deno KV test once lost: the caller found T0 expired, then another
  // request of the same client read the other instance's T1 before the refresh began.
  const fresh: Token = {
    ...EXPIRED,
    access_token: "theirs",
    refresh_token: "r9",
    expires_at: NOW / 1000 + 3600,
  };
  const store = new MemoryTokenStore(fresh);
  const keeper = new TokenKeeper(store, undefined);
  assert.equal((await keeper.read())?.access_token, "theirs");
  const requests: string[] = [];
  const request = {
    prepare: () => {},
    send: (refreshToken: string) => {
      requests.push(refreshToken);
      return Promise.resolve({ access_token: "again", token_type: "Bearer" });
    },
    accept: () => Promise.resolve(),
  };
  const token = await keeper.refresh(undefined, request, EXPIRED);
  assert.equal(token.access_token, "theirs");
  assert.deepEqual(requests, [], "r9 is not spent a second time");
});

Deno.test("fetchToken writes the store, revokeToken empties it; a token beside a store is a TypeError", async () => {
  const store = new MemoryTokenStore();
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    revocationEndpoint: "https://as.example/revoke",
    store,
    fetch: (request) =>
      Promise.resolve(
        request.url.endsWith("/revoke")
          ? new Response(null, { status: 200 })
          : Response.json({ access_token: "at", token_type: "Bearer" }),
      ),
  });
  await client.fetchToken({ grantType: "client_credentials" });
  assert.equal((await store.get())?.access_token, "at");
  await client.revokeToken();
  await assert.rejects(client.sign(new Request("https://api.example/")), { code: "missing_token" });
  assert.equal(await store.get(), undefined);
  assert.throws(() => new OAuth2Client({ clientId: "app", store, token: EXPIRED }), TypeError);
  assert.throws(() => new OAuth2Client({ clientId: "app", store: {} as TokenStore }), TypeError);
});

/**
 * The token lifecycle on a store: what a refresh checks before it spends a refresh token, what
 * it does with a rotated token it cannot check or cannot store, and that an explicit refresh
 * on a new client refreshes.
 */
import assert from "node:assert/strict";
import { MemoryTokenStore, OAuth2Client, OAuthError, type Token } from "../../mod.ts";
import type { TokenStore } from "../../oauth2/token_store.ts";

const NOW = 1_700_000_000_000;

/** A token endpoint that rotates: `at<n>`/`rt<n>`, and records each refresh token spent. */
function rotatingServer(extra: Record<string, string> = {}) {
  const spent: string[] = [];
  const fetch = async (request: Request) => {
    const form = new URLSearchParams(await request.text());
    spent.push(form.get("refresh_token")!);
    const n = spent.length;
    return Response.json({
      access_token: `at${n}`,
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: `rt${n}`,
      ...extra,
    });
  };
  return { spent, fetch };
}

const expiredOidc: Token = {
  access_token: "at0",
  token_type: "Bearer",
  refresh_token: "rt0",
  id_token: "header.payload.signature",
  expires_at: NOW / 1000 - 60,
};

Deno.test("an ID token held without an issuer is refused before the refresh token is spent", async () => {
  const server = rotatingServer();
  const store = new MemoryTokenStore(expiredOidc);
  const updates: Token[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    store,
    now: () => NOW,
    fetch: server.fetch,
    onTokenUpdated: (token) => void updates.push(token),
  });
  await assert.rejects(
    () => client.fetch("https://api.example/me"),
    (error: unknown) => error instanceof TypeError && /issuer option/.test(error.message),
  );
  await assert.rejects(() => client.refreshToken(), TypeError);
  assert.deepEqual(server.spent, [], "rt0 was never sent");
  assert.deepEqual(await store.get(), expiredOidc, "the store still holds the spendable rt0");
  assert.deepEqual(updates, []);
});

Deno.test("a refreshed token whose ID token is refused is still kept, without it, before the error", async () => {
  // The server has spent rt0 when its answer arrives: dropping rt1 would log the user out.
  const server = rotatingServer({ id_token: "not-a-jwt" });
  const store = new MemoryTokenStore(expiredOidc);
  const updates: Token[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    issuer: "https://as.example",
    tokenEndpoint: "https://as.example/token",
    jwksUri: "https://as.example/jwks",
    store,
    now: () => NOW,
    fetch: server.fetch,
    onTokenUpdated: (token) => void updates.push(token),
  });
  await assert.rejects(
    () => client.refreshToken(),
    (error: unknown) => error instanceof OAuthError && error.code === "invalid_id_token",
  );
  assert.deepEqual(server.spent, ["rt0"]);
  const kept = await store.get();
  assert.equal(kept?.refresh_token, "rt1");
  assert.equal(kept?.access_token, "at1");
  assert.equal(kept?.id_token, undefined, "the refused ID token is not kept");
  assert.deepEqual(updates.map((token) => token.refresh_token), ["rt1"]);
});

Deno.test("refreshToken on a new client over a store refreshes the stored token exactly once", async () => {
  // A new CLI process or request handler: the store holds an unexpired token it never saw.
  const server = rotatingServer();
  const store = new MemoryTokenStore({
    access_token: "at0",
    token_type: "Bearer",
    refresh_token: "rt0",
    expires_at: NOW / 1000 + 3600,
  });
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    store,
    now: () => NOW,
    fetch: server.fetch,
  });
  const token = await client.refreshToken();
  assert.deepEqual(server.spent, ["rt0"]);
  assert.equal(token.access_token, "at1");
  assert.equal((await store.get())?.refresh_token, "rt1");
});

Deno.test("two new clients asking for a refresh at once spend the stored refresh token once", async () => {
  const server = rotatingServer();
  const store = new MemoryTokenStore({
    access_token: "at0",
    token_type: "Bearer",
    refresh_token: "rt0",
  });
  const options = {
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    store,
    now: () => NOW,
    fetch: server.fetch,
  };
  const [a, b] = [new OAuth2Client(options), new OAuth2Client(options)];
  const [ta, tb] = await Promise.all([a.refreshToken(), b.refreshToken()]);
  assert.deepEqual(server.spent, ["rt0"], "the second found the first's token, after it asked");
  assert.equal(ta.access_token, "at1");
  assert.equal(tb.access_token, "at1");
  // Asked again now, after that refresh: a refresh of its own.
  await b.refreshToken();
  assert.deepEqual(server.spent, ["rt0", "rt1"]);
});

Deno.test("a rotated token the store fails to take stays in the client and is stored on its next use", async () => {
  const server = rotatingServer();
  const memory = new MemoryTokenStore(expiredOidc);
  let down = true;
  const store: TokenStore = {
    get: () => memory.get(),
    set: (token) => down ? Promise.reject(new Error("store is down")) : memory.set(token),
    delete: () => memory.delete(),
    withLock: (fn) => memory.withLock(fn),
  };
  const updates: string[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    store,
    now: () => NOW,
    fetch: server.fetch,
    onTokenUpdated: (token) => void updates.push(token.refresh_token!),
  });
  const { id_token: _, ...withoutIdToken } = expiredOidc;
  await memory.set(withoutIdToken);
  await assert.rejects(
    () => client.refreshToken(),
    (error: unknown) =>
      error instanceof OAuthError && error.code === "store_failed" &&
      /store is down/.test(String((error.cause as Error).message)),
  );
  assert.deepEqual(server.spent, ["rt0"]);
  assert.equal((await memory.get())?.refresh_token, "rt0", "the write failed");
  assert.deepEqual(updates, ["rt1"], "onTokenUpdated heard of the token all the same");
  assert.equal(client.token?.refresh_token, "rt1", "the client kept it");
  down = false;
  const signed = await client.sign(new Request("https://api.example/"));
  assert.equal(signed.headers.get("authorization"), "Bearer at1");
  assert.equal((await memory.get())?.refresh_token, "rt1", "stored on the next use");
  assert.deepEqual(server.spent, ["rt0"], "and rt0 was not spent again");
});

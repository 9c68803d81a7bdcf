/**
 * Refresh (oauth2/refresh.ts): one refresh at a time however many callers wait, rotation, and
 * the token lifecycle on a store: what a refresh checks before it spends a refresh token, what
 * it does with a rotated token it cannot check or cannot store, that a refresh ending after a
 * new login does not overwrite it, and that an explicit refresh on a new client refreshes.
 */
import assert from "node:assert/strict";
import {
  MemoryTokenStore,
  OAuth2Client,
  OAuthError,
  OAuthResponseError,
  type Token,
} from "../../mod.ts";
import type { TokenStore } from "../../oauth2/token_store.ts";
import { formClient, NOW, setup } from "./_fake_server.ts";

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

Deno.test("a refresh rotates the refresh token, keeps the old one when none comes back, and awaits onTokenUpdated", async () => {
  const updates: string[] = [];
  const { client, sent } = setup(
    {
      token: { access_token: "old", token_type: "Bearer", refresh_token: "rt0" },
      onTokenUpdated: async (token) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        updates.push(token.refresh_token!);
      },
    },
    (_sent, index) =>
      Response.json(
        index === 0
          ? { access_token: "a1", token_type: "Bearer", refresh_token: "rt1" }
          : { access_token: "a2", token_type: "Bearer" },
      ),
  );
  await client.refreshToken();
  assert.deepEqual(updates, ["rt1"], "awaited before refreshToken resolved");
  assert.deepEqual([...sent[0].form], [["grant_type", "refresh_token"], ["refresh_token", "rt0"]]);
  const second = await client.refreshToken();
  assert.equal(sent[1].form.get("refresh_token"), "rt1");
  assert.equal(second.refresh_token, "rt1", "kept: the response had none");
  assert.deepEqual(updates, ["rt1", "rt1"]);
});

Deno.test("1,000 concurrent requests with an expired token make one refresh and all use the new token", async () => {
  let refreshes = 0;
  const { client } = setup({
    token: {
      access_token: "expired",
      token_type: "Bearer",
      refresh_token: "rt0",
      expires_at: NOW / 1000 - 1,
    },
  }, () => {
    refreshes++;
    return Response.json({ access_token: "fresh", token_type: "Bearer", expires_in: 3600 });
  });
  const signed = await Promise.all(
    Array.from({ length: 1000 }, () => client.sign(new Request("https://api.example/"))),
  );
  assert.equal(refreshes, 1);
  assert.ok(signed.every((request) => request.headers.get("authorization") === "Bearer fresh"));
});

Deno.test("a failed refresh rejects every waiter with the same error, and a later call tries again", async () => {
  let refreshes = 0;
  const { client } = setup({
    token: {
      access_token: "expired",
      token_type: "Bearer",
      refresh_token: "rt0",
      expires_at: NOW / 1000,
    },
  }, () => {
    refreshes++;
    return refreshes === 1
      ? Response.json({ error: "temporarily_unavailable" }, { status: 503 })
      : Response.json({ access_token: "fresh", token_type: "Bearer" });
  });
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, () => client.sign(new Request("https://api.example/"))),
  );
  const reasons = new Set(
    results.map((result) => result.status === "rejected" ? result.reason : "fulfilled"),
  );
  assert.equal(reasons.size, 1);
  const [reason] = reasons;
  assert.ok(
    reason instanceof OAuthResponseError && reason.code === "temporarily_unavailable" &&
      reason.status === 503,
  );
  assert.equal(
    (await client.sign(new Request("https://api.example/"))).headers.get("authorization"),
    "Bearer fresh",
  );
  assert.equal(refreshes, 2);
});

Deno.test("an expired token without a way to refresh is token_expired; no token is missing_token", async () => {
  const expired = new OAuth2Client({
    clientId: "app",
    token: { access_token: "a", token_type: "Bearer", expires_at: NOW / 1000 },
    now: () => NOW,
  });
  await assert.rejects(expired.sign(new Request("https://api.example/")), {
    code: "token_expired",
  });
  await assert.rejects(
    new OAuth2Client({ clientId: "app" }).sign(new Request("https://api.example/")),
    { code: "missing_token" },
  );
  await assert.rejects(new OAuth2Client({ clientId: "app" }).refreshToken(), {
    code: "missing_token",
  });
});

Deno.test("when onTokenUpdated fails, the rotated token is kept and handed over again on next use", async () => {
  const saved: string[] = [];
  let failOnce = true;
  const { client: instance } = formClient(
    {
      token: {
        access_token: "old",
        token_type: "Bearer",
        refresh_token: "rt0",
        expires_at: NOW / 1000,
      },
      onTokenUpdated: (token) => {
        if (failOnce) {
          failOnce = false;
          throw new Error("disk full");
        }
        saved.push(token.refresh_token!);
      },
    },
    () =>
      Response.json({
        access_token: "new",
        token_type: "Bearer",
        refresh_token: "rt1",
        expires_in: 3600,
      }),
  );
  await assert.rejects(instance.sign(new Request("https://api.example/")), (error: unknown) => {
    assert.ok(error instanceof OAuthError && error.code === "token_update_failed");
    assert.equal((error.cause as Error).message, "disk full");
    return true;
  });
  assert.equal(instance.token?.refresh_token, "rt1");
  const signed = await instance.sign(new Request("https://api.example/"));
  assert.equal(signed.headers.get("authorization"), "Bearer new");
  assert.deepEqual(saved, ["rt1"]);
});

Deno.test("refreshToken with the client's own refresh token joins the refresh already in flight", async () => {
  const { client: instance, sent } = formClient({
    token: {
      access_token: "old",
      token_type: "Bearer",
      refresh_token: "rt0",
      expires_at: NOW / 1000,
    },
  }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return Response.json({ access_token: "new", token_type: "Bearer", refresh_token: "rt1" });
  });
  await Promise.all([
    instance.sign(new Request("https://api.example/")),
    instance.refreshToken("rt0"),
  ]);
  assert.deepEqual(sent.map((form) => form.get("refresh_token")), ["rt0"]);
});

Deno.test("a refresh that finishes after a new login does not overwrite the new token", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  const { client: instance } = formClient({
    token: { access_token: "old", token_type: "Bearer", refresh_token: "rt0" },
  }, async (form) => {
    if (form.get("grant_type") === "refresh_token") {
      await gate;
      return Response.json({ access_token: "from-refresh", token_type: "Bearer" });
    }
    return Response.json({ access_token: "from-login", token_type: "Bearer" });
  });
  const refreshing = instance.refreshToken();
  await instance.fetchToken({ grantType: "client_credentials" });
  release();
  assert.equal((await refreshing).access_token, "from-refresh");
  assert.equal(instance.token?.access_token, "from-login");
});

Deno.test("a token living less than the leeway is used, not refreshed at once, and not called expired early", async () => {
  let refreshes = 0;
  const { client: instance } = formClient({}, (form) => {
    if (form.get("grant_type") === "refresh_token") refreshes++;
    return Response.json({
      access_token: "short",
      token_type: "Bearer",
      expires_in: 20,
      refresh_token: "rt",
    });
  });
  await instance.fetchToken({ grantType: "client_credentials" });
  for (let i = 0; i < 5; i++) await instance.sign(new Request("https://api.example/"));
  assert.equal(refreshes, 0);
  const noRefresh = new OAuth2Client({
    clientId: "app",
    token: { access_token: "a", token_type: "Bearer", expires_at: NOW / 1000 + 10 },
    now: () => NOW,
  });
  assert.equal(
    (await noRefresh.sign(new Request("https://api.example/"))).headers.get("authorization"),
    "Bearer a",
  );
});

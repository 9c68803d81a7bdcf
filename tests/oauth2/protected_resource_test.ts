import assert from "node:assert/strict";
import { OAuth2Client, type Token } from "../../oauth2/mod.ts";

const NOW = 1_700_000_000_000;

/** An AS that rotates tokens and an RS that accepts only the newest one. */
function setup(token: Token) {
  let current = "fresh-1";
  let refreshes = 0;
  const resource: Request[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    token,
    now: () => NOW,
    fetch: async (request) => {
      if (request.url === "https://as.example/token") {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 2));
        current = `fresh-${refreshes + 1}`;
        return Response.json({ access_token: current, token_type: "Bearer", expires_in: 3600 });
      }
      resource.push(request);
      return request.headers.get("authorization") === `Bearer ${current}`
        ? Response.json({ ok: true })
        : new Response(null, {
          status: 401,
          headers: {
            "www-authenticate":
              'Bearer realm="api", error="invalid_token", error_description="revoked"',
          },
        });
    },
  });
  return { client, resource, refreshes: () => refreshes };
}

const revoked: Token = {
  access_token: "revoked",
  token_type: "Bearer",
  refresh_token: "r",
  expires_at: NOW / 1000 + 3600,
};

Deno.test("a 401 invalid_token on a GET refreshes once and retries with the new token", async () => {
  const { client, resource, refreshes } = setup(revoked);
  const response = await client.fetch("https://api.example/items");
  assert.equal(response.status, 200);
  assert.equal(refreshes(), 1);
  assert.deepEqual(resource.map((request) => request.headers.get("authorization")), [
    "Bearer revoked",
    "Bearer fresh-2",
  ]);
});

Deno.test("ten concurrent GETs that meet the same 401 share one refresh", async () => {
  const { client, refreshes } = setup(revoked);
  const responses = await Promise.all(
    Array.from({ length: 10 }, () => client.fetch("https://api.example/items")),
  );
  assert.deepEqual(responses.map((response) => response.status), Array(10).fill(200));
  assert.equal(refreshes(), 1);
});

Deno.test("a PUT with a body is retried with the same body", async () => {
  const { client, resource } = setup(revoked);
  const response = await client.fetch("https://api.example/items/1", {
    method: "PUT",
    body: '{"a":1}',
    headers: { "content-type": "application/json" },
  });
  assert.equal(response.status, 200);
  assert.deepEqual(await Promise.all(resource.map((request) => request.text())), [
    '{"a":1}',
    '{"a":1}',
  ]);
});

Deno.test("a POST is not retried, and neither is a 401 without invalid_token or without a refresh path", async () => {
  const post = setup(revoked);
  assert.equal(
    (await post.client.fetch("https://api.example/items", { method: "POST", body: "x" })).status,
    401,
  );
  assert.equal(post.refreshes(), 0);
  const noRefresh = setup({ access_token: "revoked", token_type: "Bearer" });
  assert.equal((await noRefresh.client.fetch("https://api.example/items")).status, 401);
  const other = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    token: revoked,
    now: () => NOW,
    fetch: () =>
      Promise.resolve(
        new Response(null, {
          status: 401,
          headers: { "www-authenticate": 'Bearer error="insufficient_scope"' },
        }),
      ),
  });
  assert.equal((await other.fetch("https://api.example/items")).status, 401);
});

Deno.test("a 401 invalid_token from another origin, reached without the token, refreshes nothing", async () => {
  let refreshes = 0;
  const seen: (string | null)[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    token: revoked,
    now: () => NOW,
    fetch: (request) => {
      if (request.url === "https://as.example/token") {
        refreshes++;
        return Promise.resolve(Response.json({ access_token: "new", token_type: "Bearer" }));
      }
      seen.push(request.headers.get("authorization"));
      if (request.url.startsWith("https://api.example/")) {
        return Promise.resolve(
          new Response(null, { status: 302, headers: { location: "https://cdn.example/x" } }),
        );
      }
      return Promise.resolve(
        new Response(null, {
          status: 401,
          headers: { "www-authenticate": 'Bearer error="invalid_token"' },
        }),
      );
    },
  });
  const response = await client.fetch("https://api.example/items");
  assert.equal(response.status, 401, "the other origin's answer, as it came");
  assert.equal(refreshes, 0);
  assert.deepEqual(seen, ["Bearer revoked", null], "the token never went to cdn.example");
});

Deno.test("a retry that meets a second 401 is returned, not retried again", async () => {
  let calls = 0;
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    token: revoked,
    now: () => NOW,
    fetch: (request) => {
      calls++;
      return Promise.resolve(
        request.url.endsWith("/token")
          ? Response.json({ access_token: "also-bad", token_type: "Bearer" })
          : new Response(null, {
            status: 401,
            headers: { "www-authenticate": 'Bearer error="invalid_token"' },
          }),
      );
    },
  });
  assert.equal((await client.fetch("https://api.example/items")).status, 401);
  assert.equal(calls, 3);
});

import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";
import { NOW, setup } from "./_fake_server.ts";

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

import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { reddit, strava } from "../../hooks/mod.ts";

Deno.test("reddit: Basic for installed apps at token and revocation endpoints, the User-Agent everywhere", async () => {
  const seen: Request[] = [];
  const client = new OAuth2Client({
    clientId: "installed",
    tokenEndpoint: "https://www.reddit.com/api/v1/access_token",
    revocationEndpoint: "https://www.reddit.com/api/v1/revoke_token",
    hooks: reddit({ userAgent: "script:test:v1 (by /u/tester)" }),
    fetch: (request) => {
      seen.push(request.clone());
      return Promise.resolve(
        request.url.endsWith("revoke_token")
          ? new Response(null)
          : Response.json({ access_token: "a", token_type: "bearer", refresh_token: "r" }),
      );
    },
  });
  await client.fetchToken({ code: "c", codeVerifier: "v".repeat(43) });
  await client.fetch("https://oauth.reddit.com/api/v1/me");
  await client.revokeToken();
  assert.equal(seen.length, 3);
  for (const request of seen) {
    assert.equal(request.headers.get("user-agent"), "script:test:v1 (by /u/tester)");
  }
  for (const request of [seen[0], seen[2]]) {
    assert.equal(request.headers.get("authorization"), "Basic " + btoa("installed:"));
    assert.equal(new URLSearchParams(await request.text()).has("client_id"), false);
  }
  assert.equal(seen[1].headers.get("authorization"), "Bearer a");
  assert.throws(() => reddit({ userAgent: " " }), TypeError);
});

Deno.test("reddit keeps a confidential client's own Basic credentials", async () => {
  let authorization: string | null = null;
  const client = new OAuth2Client({
    clientId: "web",
    clientSecret: "s",
    tokenEndpoint: "https://www.reddit.com/api/v1/access_token",
    hooks: reddit({ userAgent: "web:x:v1" }),
    fetch: (request) => {
      authorization = request.headers.get("authorization");
      return Promise.resolve(Response.json({ access_token: "a", token_type: "bearer" }));
    },
  });
  await client.fetchToken({ grantType: "client_credentials" });
  assert.equal(authorization, "Basic " + btoa("web:s"));
});

Deno.test("strava: the refresh request carries the (form-decoded) client id and secret in its body", async () => {
  let form = new URLSearchParams();
  const client = new OAuth2Client({
    clientId: "12 34",
    clientSecret: "s:e%c+r",
    tokenEndpoint: "https://www.strava.com/oauth/token",
    token: { access_token: "old", token_type: "Bearer", refresh_token: "r" },
    hooks: strava,
    fetch: async (request) => {
      form = new URLSearchParams(await request.text());
      assert.equal(request.headers.get("authorization"), null);
      return Response.json({
        access_token: "new",
        token_type: "Bearer",
        expires_at: 1700021600,
        expires_in: 21600,
        refresh_token: "r2",
      });
    },
  });
  await client.refreshToken();
  assert.deepEqual([form.get("client_id"), form.get("client_secret"), form.get("refresh_token")], [
    "12 34",
    "s:e%c+r",
    "r",
  ]);
});

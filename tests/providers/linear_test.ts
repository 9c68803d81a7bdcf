import assert from "node:assert/strict";
import { linear } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Linear",
  ...CLIENT,
  authorizationEndpoint: "https://linear.app/oauth/authorize",
  tokenEndpoint: "https://api.linear.app/oauth/token",
  clientAuth: ["post"],
  scopeSeparator: ",",
  pkce: "supported",
  tokenResponse: (token) => ({ ...token, expires_in: 86399 }),
  api: {
    "https://api.linear.app/graphql": async (request) => {
      assert.equal(request.method, "POST");
      const { query } = await request.json();
      assert.match(query, /viewer \{ id name email avatarUrl \}/);
      return Response.json({
        data: {
          viewer: { id: USER.id, name: USER.name, email: USER.email, avatarUrl: USER.picture },
        },
      });
    },
  },
};

Deno.test("linear runs the code flow with comma-separated scopes and reads the GraphQL viewer", async () => {
  const flow = await codeFlow(linear({ ...CLIENT, scope: ["read", "write"] }), await emulate(SPEC));
  assert.equal(flow.request.url.searchParams.get("scope"), "read,write");
  assertUser(flow.profile);
});

Deno.test("linear's emulation refuses space-separated scopes", async () => {
  assert.equal(linear(CLIENT).scope, "read");
  await assert.rejects(
    codeFlow(linear({ ...CLIENT, scope: "read write" }), await emulate(SPEC)),
    /scopes are separated by ","/,
  );
  assert.equal(linear({ clientId: "app" }).clientAuthentication, "none");
});

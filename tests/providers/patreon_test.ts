import assert from "node:assert/strict";
import { patreon } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Patreon",
  ...CLIENT,
  authorizationEndpoint: "https://www.patreon.com/oauth2/authorize",
  tokenEndpoint: "https://www.patreon.com/api/oauth2/token",
  clientAuth: ["post"],
  pkce: "unsupported",
  api: {
    // JSON:API; attributes only for the fields asked for.
    "https://www.patreon.com/api/oauth2/v2/identity": (request) => {
      const fields = (new URL(request.url).searchParams.get("fields[user]") ?? "").split(",");
      const attributes: Record<string, unknown> = {
        email: USER.email,
        full_name: USER.name,
        image_url: USER.picture,
        is_email_verified: true,
      };
      return Response.json({
        data: {
          id: USER.id,
          type: "user",
          attributes: Object.fromEntries(fields.map((name) => [name, attributes[name]])),
        },
        links: { self: `https://www.patreon.com/api/oauth2/v2/user/${USER.id}` },
      });
    },
  },
};

Deno.test("patreon runs the code flow and reads the JSON:API identity against an emulated Patreon", async () => {
  const flow = await codeFlow(patreon(CLIENT), await emulate(SPEC));
  assert.equal(flow.request.url.searchParams.get("scope"), "identity identity[email]");
  assert.equal(flow.request.codeVerifier, undefined);
  assertUser(flow.profile, { emailVerified: true });
  assert.throws(() => patreon({ clientId: "app" }), TypeError);
});

import assert from "node:assert/strict";
import { facebook } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "1234", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(version: string, legacy = false): ProviderSpec {
  return {
    name: "Facebook",
    ...CLIENT,
    authorizationEndpoint: `https://www.facebook.com/${version}/dialog/oauth`,
    tokenEndpoint: `https://graph.facebook.com/${version}/oauth/access_token`,
    clientAuth: ["post"],
    pkce: "supported",
    oidc: {
      issuer: "https://www.facebook.com",
      jwksUri: "https://www.facebook.com/.well-known/oauth/openid/jwks/",
    },
    // No refresh tokens; an old Graph API answered a form-encoded body with `expires`.
    tokenResponse: ({ access_token, id_token }) =>
      legacy
        ? new Response(`access_token=${access_token}&expires=5183999`, {
          headers: { "content-type": "text/plain; charset=UTF-8" },
        })
        : { access_token, token_type: "bearer", expires_in: 5183999, id_token },
    api: {
      [`https://graph.facebook.com/${version}/me`]: (request) => {
        assert.match(new URL(request.url).searchParams.get("fields")!, /picture/);
        return Response.json({
          id: USER.id,
          name: USER.name,
          email: USER.email,
          picture: { data: { url: USER.picture, is_silhouette: false } },
        });
      },
    },
  };
}

Deno.test("facebook runs the code flow and reads the profile against an emulated Graph API", async () => {
  const flow = await codeFlow(facebook(CLIENT), await emulate(spec("v23.0")), { refresh: false });
  assert.equal(flow.request.url.searchParams.get("scope"), "email public_profile");
  assert.equal(flow.token.expires_in, 5183999);
  assertUser(flow.profile);
});

Deno.test("facebook reads an old Graph API's form-encoded token through its hook", async () => {
  const preset = facebook({ ...CLIENT, version: "v2.2" });
  const flow = await codeFlow(preset, await emulate(spec("v2.2", true)), { refresh: false });
  assert.equal(flow.token.token_type, "Bearer");
  assert.equal(flow.token.expires_in, 5183999);
  await assert.rejects(
    codeFlow({ ...preset, hooks: [] }, await emulate(spec("v2.2", true))),
    (error: Error & { code?: string }) => error.code === "invalid_response",
  );
});

Deno.test("facebook refuses a Graph API version that is not vN.N", () => {
  assert.throws(() => facebook({ ...CLIENT, version: "23" }), TypeError);
  assert.throws(() => facebook({ clientId: "1234" }), TypeError);
});

Deno.test("facebook checks the ID token the openid scope brings against Facebook's keys", async () => {
  const preset = facebook({ ...CLIENT, scope: ["openid", "email"] });
  const flow = await codeFlow(preset, await emulate(spec("v23.0")), { refresh: false });
  assert.equal(flow.client.idTokenClaims?.iss, "https://www.facebook.com");
  assert.equal(flow.client.idTokenClaims?.nonce, flow.request.nonce);
});

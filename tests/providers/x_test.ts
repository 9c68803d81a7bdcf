import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { twitter, x } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(clientSecret?: string): ProviderSpec {
  return {
    name: "X",
    ...CLIENT,
    clientSecret,
    authorizationEndpoint: "https://x.com/i/oauth2/authorize",
    tokenEndpoint: "https://api.x.com/2/oauth2/token",
    revocationEndpoint: "https://api.x.com/2/oauth2/revoke",
    // Confidential clients use Basic; public ones send their client_id.
    clientAuth: clientSecret ? ["basic"] : ["none"],
    pkce: "required",
    tokenResponse: (token) => ({ ...token, token_type: "bearer", expires_in: 7200 }),
    api: {
      "https://api.x.com/2/users/me": (request) => {
        assert.match(new URL(request.url).searchParams.get("user.fields")!, /profile_image_url/);
        return Response.json({
          data: {
            id: USER.id,
            name: USER.name,
            username: "ada",
            profile_image_url: USER.picture,
            confirmed_email: USER.email,
          },
        });
      },
    },
  };
}

Deno.test("x runs the code flow with PKCE and Basic credentials against an emulated X", async () => {
  const emulator = await emulate(spec("secret"));
  const flow = await codeFlow(x(CLIENT), emulator);
  assert.equal(flow.request.url.searchParams.get("scope"), "users.read tweet.read offline.access");
  assert.equal(
    emulator.tokenRequests[0].headers.get("authorization"),
    `Basic ${btoa("app:secret")}`,
  );
  assert.ok(flow.refreshed?.access_token);
  assertUser(flow.profile);
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
});

Deno.test("x lets a public client redeem its code with PKCE alone", async () => {
  const emulator = await emulate(spec());
  const flow = await codeFlow(x({ clientId: "app", redirectUri: CLIENT.redirectUri }), emulator);
  assert.equal(emulator.tokenRequests[0].params.client_id, "app");
  assert.equal(flow.profile.id, USER.id);
});

Deno.test("x is refused by X without PKCE or with the secret in the body", async () => {
  const emulator = await emulate(spec("secret"));
  await assert.rejects(codeFlow({ ...x(CLIENT), pkce: false }, emulator), /PKCE is required/);
  await assert.rejects(
    codeFlow({ ...x(CLIENT), clientAuthentication: "client_secret_post" }, emulator),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
});

Deno.test("twitter is the same preset as x", () => {
  assert.equal(twitter, x);
  assert.deepEqual(Object.keys(twitter(CLIENT)), Object.keys(x(CLIENT)));
});

Deno.test("x works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    x(CLIENT),
    await emulate(spec("secret")),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});

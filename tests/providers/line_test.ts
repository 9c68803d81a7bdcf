import assert from "node:assert/strict";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { OAuthError } from "../../mod.ts";
import { line } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = {
  clientId: "1234567890",
  clientSecret: "secret",
  redirectUri: "https://app.example/cb",
};

// A web login's ID token, unless asked for a JWK-signed one: HS256 with the channel secret.
function hs256(idToken: string): string {
  const [, payload] = idToken.split(".");
  const header = encodeBase64urlNoPadding(new TextEncoder().encode('{"typ":"JWT","alg":"HS256"}'));
  return `${header}.${payload}.c2lnbmVkIHdpdGggdGhlIGNoYW5uZWwgc2VjcmV0`;
}

const SPEC: ProviderSpec = {
  name: "LINE",
  ...CLIENT,
  authorizationEndpoint: "https://access.line.me/oauth2/v2.1/authorize",
  tokenEndpoint: "https://api.line.me/oauth2/v2.1/token",
  clientAuth: ["post"],
  pkce: "supported",
  tokenResponse: (token, { params }) =>
    typeof token.id_token === "string" && params.id_token_key_type !== "JWK"
      ? { ...token, id_token: hs256(token.id_token), expires_in: 2592000 }
      : { ...token, expires_in: 2592000 },
  oidc: {
    issuer: "https://access.line.me",
    jwksUri: "https://api.line.me/oauth2/v2.1/certs",
    userinfoEndpoint: "https://api.line.me/oauth2/v2.1/userinfo",
    claims: { amr: ["linesso"] },
  },
  api: {
    // No email here: LINE shares it in the ID token only.
    "https://api.line.me/oauth2/v2.1/userinfo": () =>
      Response.json({ sub: USER.id, name: USER.name, picture: USER.picture }),
  },
};

Deno.test("line gets an ES256 ID token it can check, and the email from it, against an emulated LINE", async () => {
  for (const discover of [false, true]) {
    const emulator = await emulate(SPEC);
    const flow = await codeFlow(line(CLIENT), emulator, { discover });
    assert.equal(emulator.tokenRequests[0].params.id_token_key_type, "JWK");
    assert.equal(flow.client.idTokenClaims?.email, USER.email);
    assertUser(flow.profile);
  }
});

Deno.test("line without its hook gets an HS256 ID token that no key of LINE's fits", async () => {
  await assert.rejects(
    codeFlow({ ...line(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthError && error.code === "invalid_signature",
  );
  assert.throws(() => line({ clientId: "1234567890" }), TypeError);
});

Deno.test("line works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    line(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});

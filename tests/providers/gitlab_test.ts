import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { gitlab } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = {
  clientId: "app",
  clientSecret: "secret",
  redirectUri: "https://app.example/callback",
};

function gitlabSpec(base: string): ProviderSpec {
  return {
    name: "GitLab",
    ...CLIENT,
    authorizationEndpoint: `${base}/oauth/authorize`,
    tokenEndpoint: `${base}/oauth/token`,
    revocationEndpoint: `${base}/oauth/revoke`,
    clientAuth: ["basic", "post"],
    pkce: "supported",
    // Doorkeeper adds the time the token was made.
    tokenResponse: (token) => ({ ...token, created_at: 1_700_000_000 }),
    oidc: {
      issuer: base,
      jwksUri: `${base}/oauth/discovery/keys`,
      userinfoEndpoint: `${base}/oauth/userinfo`,
    },
    api: {
      [`${base}/oauth/userinfo`]: () =>
        Response.json({
          sub: USER.id,
          email: USER.email,
          email_verified: true,
          name: USER.name,
          nickname: "ada",
          picture: USER.picture,
        }),
    },
  };
}

Deno.test("gitlab runs the code flow, refresh and profile against an emulated gitlab.com", async () => {
  const emulator = await emulate(gitlabSpec("https://gitlab.com"));
  const flow = await codeFlow(gitlab(CLIENT), emulator);
  assert.equal(flow.request.url.searchParams.get("scope"), "openid profile email");
  assert.equal(flow.request.url.searchParams.get("code_challenge_method"), "S256");
  assert.equal(flow.client.idTokenClaims?.iss, "https://gitlab.com");
  assert.equal(flow.token.created_at, 1_700_000_000);
  assert.notEqual(flow.refreshed?.access_token, flow.token.access_token);
  assertUser(flow.profile, { emailVerified: true });
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
});

Deno.test("gitlab takes a self-managed instance under a relative URL root as its issuer", async () => {
  const base = "https://code.example.com/gitlab";
  const emulator = await emulate(gitlabSpec(base));
  const preset = gitlab({ ...CLIENT, baseUrl: `${base}/` });
  assert.equal(preset.issuer, base);
  assert.equal(preset.tokenEndpoint, `${base}/oauth/token`);
  const flow = await codeFlow(preset, emulator, { discover: true });
  assert.equal(flow.client.idTokenClaims?.iss, base);
  assert.equal(flow.profile.id, USER.id);
});

Deno.test("gitlab without a secret is a public client that relies on PKCE", async () => {
  const { clientSecret: _, ...publicClient } = CLIENT;
  const preset = gitlab(publicClient);
  assert.equal(preset.clientAuthentication, "none");
  const client = new OAuth2Client(preset);
  const { url } = await client.authorizationUrl();
  assert.ok(url.searchParams.has("code_challenge"));
});

Deno.test("gitlab refuses a baseUrl that is not a plain https URL", () => {
  for (
    const baseUrl of ["gitlab.example.com", "https://gitlab.example.com/?x=1", "ftp://x.example"]
  ) {
    assert.throws(() => gitlab({ ...CLIENT, baseUrl }), TypeError);
  }
});

Deno.test("gitlab lets the caller's scope replace the default one", () => {
  assert.equal(gitlab({ ...CLIENT, scope: "read_user" }).scope, "read_user");
  assert.deepEqual(gitlab({ ...CLIENT, scope: undefined }).scope, ["openid", "profile", "email"]);
});

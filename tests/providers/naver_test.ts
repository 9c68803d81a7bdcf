import assert from "node:assert/strict";
import { OAuth2Client, OAuthResponseError } from "../../mod.ts";
import { naver } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Naver",
  ...CLIENT,
  authorizationEndpoint: "https://nid.naver.com/oauth2.0/authorize",
  tokenEndpoint: "https://nid.naver.com/oauth2.0/token",
  clientAuth: ["post"],
  pkce: "unsupported",
  // expires_in is a string; errors come with HTTP 200.
  tokenResponse: ({ scope: _, ...token }) => ({
    ...token,
    token_type: "bearer",
    expires_in: "3600",
  }),
  errorResponse: (_status, error, error_description) => Response.json({ error, error_description }),
  api: {
    "https://openapi.naver.com/v1/nid/me": () =>
      Response.json({
        resultcode: "00",
        message: "success",
        response: {
          id: USER.id,
          nickname: "ada",
          name: USER.name,
          email: USER.email,
          profile_image: USER.picture,
        },
      }),
  },
};

Deno.test("naver runs the code flow, its string expires_in read as seconds, against an emulated Naver", async () => {
  const flow = await codeFlow(naver(CLIENT), await emulate(SPEC));
  assert.equal(flow.request.url.searchParams.has("scope"), false);
  assert.equal(flow.token.expires_in, 3600);
  assert.equal(typeof flow.token.expires_at, "number");
  assertUser(flow.profile);
});

Deno.test("naver's HTTP 200 error is reported as the error it is", async () => {
  const emulator = await emulate(SPEC);
  const client = new OAuth2Client({ ...naver(CLIENT), fetch: emulator.fetch });
  await assert.rejects(
    client.fetchToken({ code: "spent" }),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_grant",
  );
  assert.throws(() => naver({ clientId: "app" }), TypeError);
});

import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { figma as figmaHooks } from "../../hooks/mod.ts";
import { figma } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Figma",
  ...CLIENT,
  authorizationEndpoint: "https://www.figma.com/oauth",
  tokenEndpoint: "https://api.figma.com/v1/oauth/token",
  refreshEndpoint: "https://api.figma.com/v1/oauth/refresh",
  clientAuth: ["basic"],
  pkce: "supported",
  tokenResponse: ({ scope: _, ...token }, { grant }) => {
    const body: Record<string, unknown> = {
      ...token,
      token_type: "bearer",
      expires_in: 7776000,
      user_id_string: USER.id,
    };
    if (grant === "refresh_token") {
      delete body.refresh_token;
      delete body.user_id_string;
    }
    return body;
  },
  api: {
    "https://api.figma.com/v1/me": () =>
      Response.json({ id: USER.id, email: USER.email, handle: USER.name, img_url: USER.picture }),
  },
};

Deno.test("figma refreshes at /v1/oauth/refresh against an emulated Figma", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(figma(CLIENT), emulator);
  assert.equal(flow.request.url.searchParams.get("scope"), "current_user:read");
  assert.equal(emulator.tokenRequests[1].url, "https://api.figma.com/v1/oauth/refresh");
  assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile);
});

Deno.test("figma without its hook refreshes at the token endpoint, which refuses it", async () => {
  await assert.rejects(
    codeFlow({ ...figma(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthResponseError && error.code === "unsupported_grant_type",
  );
  assert.throws(() => figma({ clientId: "app" }), TypeError);
});

Deno.test("figma's hook leaves a refresh sent anywhere but /oauth/token alone", async () => {
  const [hook] = figmaHooks.refreshTokenRequest!;
  const request = new Request("https://sso.example.com/token", { method: "POST", body: "a=b" });
  assert.equal(await hook(request), request);
});

Deno.test("figma works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    figma(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});

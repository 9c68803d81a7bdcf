import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { strava } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "12345", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const ATHLETE = {
  id: 134815,
  username: "ada",
  firstname: "Ada",
  lastname: "Lovelace",
  profile: USER.picture,
};

const SPEC: ProviderSpec = {
  name: "Strava",
  ...CLIENT,
  authorizationEndpoint: "https://www.strava.com/oauth/authorize",
  tokenEndpoint: "https://www.strava.com/oauth/token",
  clientAuth: ["post"],
  scopeSeparator: ",",
  pkce: "unsupported",
  authorizationParams: { approval_prompt: "auto" },
  // The callback says which scopes the athlete accepted.
  callbackParams: { scope: "read,activity:read_all" },
  // No scope in the answer; the athlete with the first token only.
  tokenResponse: ({ scope: _, ...token }, { grant }) => ({
    ...token,
    expires_at: Math.floor(Date.now() / 1000) + 21600,
    expires_in: 21600,
    ...(grant === "authorization_code" ? { athlete: ATHLETE } : {}),
  }),
  api: {
    "https://www.strava.com/api/v3/athlete": () => Response.json(ATHLETE),
  },
};

Deno.test("strava sends the credentials in the body and keeps the athlete, against an emulated Strava", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(
    strava({ ...CLIENT, scope: ["read", "activity:read_all"] }),
    emulator,
  );
  assert.equal(flow.request.url.searchParams.get("scope"), "read,activity:read_all");
  assert.equal(new URL(flow.callback).searchParams.get("scope"), "read,activity:read_all");
  assert.deepEqual(flow.token.athlete, ATHLETE);
  assert.notEqual(flow.refreshed?.refresh_token, flow.token.refresh_token);
  for (const request of emulator.tokenRequests) {
    assert.equal(request.params.client_secret, "secret");
    assert.equal(request.headers.get("authorization"), null);
  }
  assertUser(flow.profile, { id: "134815", email: undefined });
});

Deno.test("strava is refused Basic credentials without its hook", async () => {
  await assert.rejects(
    codeFlow({ ...strava(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_client",
  );
  assert.equal(strava(CLIENT).scope, "read");
  assert.throws(() => strava({ clientId: "12345" }), TypeError);
});

Deno.test("strava works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    strava(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, "134815");
});

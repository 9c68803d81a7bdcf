import assert from "node:assert/strict";
import { OAuth2Client, OAuthResponseError } from "../../mod.ts";
import { vk as vkHooks } from "../../hooks/mod.ts";
import { vk } from "../../providers/mod.ts";
import { assertUser, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = { clientId: "51234567", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "VK ID",
  ...CLIENT,
  authorizationEndpoint: "https://id.vk.com/authorize",
  tokenEndpoint: "https://id.vk.com/oauth2/auth",
  clientAuth: ["none"],
  pkce: "required",
  // The code is bound to the device the user signed in on.
  callbackParams: { device_id: "device-1", type: "code_v2", expires_in: "600" },
  tokenParams: { device_id: "device-1", state: true },
  refreshParams: { device_id: "device-1", state: true },
  tokenResponse: (token, { params }) => ({
    ...token,
    id_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
    user_id: 1234567890,
    state: params.state,
  }),
  // User methods read the token and client id from the form body.
  apiToken: async (request) =>
    new URLSearchParams(await request.text()).get("access_token") ?? undefined,
  api: {
    "https://id.vk.com/oauth2/user_info": async (request) => {
      assert.equal(request.method, "POST");
      assert.equal(new URLSearchParams(await request.text()).get("client_id"), CLIENT.clientId);
      return Response.json({
        user: {
          user_id: USER.id,
          first_name: "Ada",
          last_name: "Lovelace",
          avatar: USER.picture,
          email: USER.email,
        },
      });
    },
  },
};

/** The login, then a client bound to the callback's device that redeems, refreshes and reads. */
async function signIn(emulator: Awaited<ReturnType<typeof emulate>>) {
  const login = new OAuth2Client({ ...vk(CLIENT), fetch: emulator.fetch });
  const { url, state, codeVerifier } = await login.authorizationUrl();
  const callback = emulator.authorize(url);
  const deviceId = new URL(callback).searchParams.get("device_id")!;
  const client = new OAuth2Client({ ...vk({ ...CLIENT, deviceId }), fetch: emulator.fetch });
  const token = await client.fetchToken({ authorizationResponse: callback, state, codeVerifier });
  return { url, client, token };
}

Deno.test("vk redeems the code and refreshes with the callback's device_id against an emulated VK ID", async () => {
  const emulator = await emulate(SPEC);
  const { url, client, token } = await signIn(emulator);
  assert.equal(url.searchParams.get("scope"), "vkid.personal_info email");
  assert.equal(token.user_id, 1234567890);
  assert.equal(token.vk_id_token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln");
  assert.equal(token.id_token, undefined);
  const refreshed = await client.refreshToken();
  assert.notEqual(refreshed.access_token, token.access_token);
  for (const request of emulator.tokenRequests) assert.ok(request.params.state.length >= 32);
  assertUser(await client.profile());
});

Deno.test("vk is refused a code exchange without the device_id", async () => {
  const emulator = await emulate(SPEC);
  const client = new OAuth2Client({ ...vk(CLIENT), fetch: emulator.fetch });
  const { url, state, codeVerifier } = await client.authorizationUrl();
  await assert.rejects(
    client.fetchToken({ authorizationResponse: emulator.authorize(url), state, codeVerifier }),
    (error) =>
      error instanceof OAuthResponseError && /device_id/.test(error.errorDescription ?? ""),
  );
});

Deno.test("vk takes no client secret and no empty deviceId", () => {
  assert.throws(
    () => vk({ ...CLIENT, clientSecret: "s" } as unknown as Parameters<typeof vk>[0]),
    TypeError,
  );
  assert.throws(() => vk({ ...CLIENT, deviceId: "" }), TypeError);
});

Deno.test("vk's hook leaves other hosts, answers without an id_token, and needs the client id", async () => {
  const hooks = vkHooks({ clientId: CLIENT.clientId });
  const [userMethod] = hooks.protectedRequest!;
  const other = new Request("https://api.vk.com/method/users.get", {
    headers: { authorization: "Bearer t" },
  });
  assert.equal(await userMethod(other), other);
  const [aside] = hooks.accessTokenResponse!;
  const plain = { access_token: "a", token_type: "Bearer" };
  assert.deepEqual(await (await aside(Response.json(plain))).json(), plain);
  assert.throws(() => vkHooks({ clientId: "" }), TypeError);
});

import assert from "node:assert/strict";
import { OAuthResponseError } from "../../mod.ts";
import { reddit } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const USER_AGENT = "web:com.example.app:v1.0 (by /u/ada)";
const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

function spec(clientSecret?: string): ProviderSpec {
  return {
    name: "Reddit",
    ...CLIENT,
    clientSecret,
    authorizationEndpoint: "https://www.reddit.com/api/v1/authorize",
    tokenEndpoint: "https://www.reddit.com/api/v1/access_token",
    revocationEndpoint: "https://www.reddit.com/api/v1/revoke_token",
    clientAuth: ["basic"],
    pkce: "unsupported",
    authorizationParams: { duration: "permanent" },
    tokenHeaders: { "user-agent": /^web:com\.example\.app/ },
    tokenResponse: (token, { grant }) => {
      const body: Record<string, unknown> = { ...token, token_type: "bearer", expires_in: 86400 };
      if (grant === "refresh_token") delete body.refresh_token;
      return body;
    },
    api: {
      "https://oauth.reddit.com/api/v1/me": (request) => {
        assert.equal(request.headers.get("user-agent"), USER_AGENT);
        return Response.json({
          id: USER.id,
          name: USER.name,
          icon_img: "https://styles.redditmedia.com/a.png?width=256&amp;height=256&amp;s=1",
        });
      },
    },
  };
}

Deno.test("reddit runs the permanent code flow with Basic and its User-Agent against an emulated Reddit", async () => {
  const emulator = await emulate(spec("secret"));
  const flow = await codeFlow(reddit({ ...CLIENT, userAgent: USER_AGENT }), emulator);
  assert.equal(flow.request.codeVerifier, undefined);
  assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile, {
    email: undefined,
    picture: "https://styles.redditmedia.com/a.png?width=256&height=256&s=1",
  });
  await flow.client.revokeToken();
  assert.equal(emulator.revoked.size, 1);
});

Deno.test("reddit sends an installed app's Basic client_id: without a secret", async () => {
  const emulator = await emulate(spec());
  const preset = reddit({
    clientId: "app",
    redirectUri: CLIENT.redirectUri,
    userAgent: USER_AGENT,
  });
  await codeFlow(preset, emulator, { refresh: false });
  assert.equal(emulator.tokenRequests[0].headers.get("authorization"), `Basic ${btoa("app:")}`);
});

Deno.test("reddit is refused without its User-Agent, and needs one", async () => {
  const preset = reddit({ ...CLIENT, userAgent: USER_AGENT });
  await assert.rejects(
    codeFlow({ ...preset, hooks: [] }, await emulate(spec("secret"))),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_request",
  );
  assert.throws(() => reddit({ ...CLIENT, userAgent: "" }), TypeError);
});

Deno.test("reddit works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    reddit({ ...CLIENT, userAgent: USER_AGENT }),
    await emulate(spec("secret")),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});

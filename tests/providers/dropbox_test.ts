import assert from "node:assert/strict";
import { dropbox } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = {
  clientId: "appkey",
  clientSecret: "secret",
  redirectUri: "https://app.example/cb",
};

const SPEC: ProviderSpec = {
  name: "Dropbox",
  ...CLIENT,
  authorizationEndpoint: "https://www.dropbox.com/oauth2/authorize",
  tokenEndpoint: "https://api.dropboxapi.com/oauth2/token",
  clientAuth: ["basic", "post"],
  pkce: "supported",
  // Offline access is what gives a refresh token, which refreshes keep.
  authorizationParams: { token_access_type: "offline" },
  tokenResponse: (token, { grant }) => {
    const body: Record<string, unknown> = {
      ...token,
      token_type: "bearer",
      expires_in: 14400,
      account_id: "dbid:AAH4f99",
      uid: "12345",
    };
    if (grant === "refresh_token") delete body.refresh_token;
    return body;
  },
  api: {
    "https://api.dropboxapi.com/2/users/get_current_account": (request) => {
      assert.equal(request.method, "POST");
      assert.equal(request.body, null);
      return Response.json({
        account_id: USER.id,
        name: { display_name: USER.name, given_name: "Ada" },
        email: USER.email,
        email_verified: true,
        profile_photo_url: USER.picture,
      });
    },
  },
};

Deno.test("dropbox runs the offline code flow and reads the account against an emulated Dropbox", async () => {
  const flow = await codeFlow(dropbox(CLIENT), await emulate(SPEC));
  assert.equal(flow.token.account_id, "dbid:AAH4f99");
  assert.equal(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile, { emailVerified: true });
});

Deno.test("dropbox asks for offline access, without which the emulation gives no code", async () => {
  await assert.rejects(
    codeFlow({ ...dropbox(CLIENT), authorizationParams: {} }, await emulate(SPEC)),
    /token_access_type required/,
  );
  assert.equal(dropbox({ clientId: "appkey" }).clientAuthentication, "none");
});

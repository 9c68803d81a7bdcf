/**
 * `profile(client)` of `@x/oauth/providers`: the preset's reader through the client, or the
 * OpenID Connect standard claims without one; the same `Profile` shape for every provider.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import {
  type OAuth2Preset,
  profile,
  profileFromClaims,
  type ProfileReader,
} from "../../providers/mod.ts";

/** A preset as the contract says one declares its reader. */
function examplePreset(): OAuth2Preset {
  const reader: ProfileReader = async ({ getJson }) => {
    const me = await getJson("https://api.example/v1/me");
    return { id: String(me.user_id), name: me.display_name as string, raw: me };
  };
  return { clientId: "app", profile: reader };
}

Deno.test("profile(client) reads the user with the preset's reader and the client's token", async () => {
  const client = new OAuth2Client({
    ...examplePreset(),
    token: { access_token: "at", token_type: "Bearer" },
    fetch: (request) => {
      assert.equal(request.headers.get("authorization"), "Bearer at");
      return Promise.resolve(Response.json({ user_id: 12, display_name: "Grace" }));
    },
  });
  assert.deepEqual(await profile(client), {
    id: "12",
    name: "Grace",
    raw: { user_id: 12, display_name: "Grace" },
  });
});

Deno.test("profile(client) without a reader maps the userinfo's standard claims", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    userinfoEndpoint: "https://op.example/userinfo",
    token: { access_token: "at", token_type: "Bearer" },
    fetch: () =>
      Promise.resolve(Response.json({ sub: "s1", name: "Grace", email_verified: "false" })),
  });
  const user = await profile(client);
  assert.deepEqual(user, profileFromClaims({ sub: "s1", name: "Grace", email_verified: "false" }));
  assert.equal(user.emailVerified, false);
});

Deno.test("profile(client) passes the login's claims on to a reader that needs them", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    profile: ({ idTokenClaims }) => Promise.resolve(profileFromClaims(idTokenClaims!)),
  });
  const claims = { iss: "https://op.example", sub: "s2", aud: "app", exp: 0, iat: 0 };
  assert.equal((await profile(client, { idTokenClaims: claims })).id, "s2");
});

import assert from "node:assert/strict";
import { amazon } from "../../providers/mod.ts";
import { assertUser, codeFlow, emulate, type ProviderSpec, USER } from "./_emulator.ts";

const CLIENT = {
  clientId: "amzn1.application-oa2-client.1",
  clientSecret: "secret",
  redirectUri: "https://app.example/cb",
};

function spec(authorize: string, api: string): ProviderSpec {
  return {
    name: "Login with Amazon",
    ...CLIENT,
    authorizationEndpoint: authorize,
    tokenEndpoint: `${api}/auth/o2/token`,
    clientAuth: ["post"],
    pkce: "supported",
    // Access tokens start with Atza| and carry bars.
    tokenResponse: ({ scope: _, ...token }) => ({
      ...token,
      access_token: `Atza|${token.access_token}`,
      refresh_token: `Atzr|${token.refresh_token}`,
      token_type: "bearer",
    }),
    api: {
      [`${api}/user/profile`]: () =>
        Response.json({ user_id: USER.id, name: USER.name, email: USER.email }),
    },
  };
}

Deno.test("amazon runs the code flow in North America against an emulated Login with Amazon", async () => {
  const flow = await codeFlow(
    amazon(CLIENT),
    await emulate(spec("https://www.amazon.com/ap/oa", "https://api.amazon.com")),
  );
  assert.match(flow.token.access_token, /^Atza\|/);
  assert.match(flow.refreshed!.refresh_token!, /^Atzr\|/);
  assertUser(flow.profile, { picture: undefined });
});

Deno.test("amazon uses the European and Far East hosts for those regions", async () => {
  const eu = await codeFlow(
    amazon({ ...CLIENT, region: "eu" }),
    await emulate(spec("https://eu.account.amazon.com/ap/oa", "https://api.amazon.co.uk")),
    { refresh: false },
  );
  assert.equal(eu.profile.id, USER.id);
  assert.equal(
    amazon({ ...CLIENT, region: "fe" }).tokenEndpoint,
    "https://api.amazon.co.jp/auth/o2/token",
  );
  assert.throws(
    () => amazon({ ...CLIENT, region: "us" as "na" }),
    TypeError,
  );
});

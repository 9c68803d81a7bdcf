/**
 * DPoP against oidc-provider, configured to demand a server nonce in every proof: the code flow
 * gives a DPoP-bound token after one use_dpop_nonce, refresh stays bound, userinfo (a protected
 * resource) is reached after its own nonce challenge, and a proof for another URL is refused.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";
import { DPoPProver } from "../../oauth2/dpop.ts";
import { type OidcTestProvider, startOidcProvider } from "./_oidc_provider.ts";

const key = () =>
  crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]) as Promise<
    CryptoKeyPair
  >;

function clientFor(op: OidcTestProvider, dpop: CryptoKeyPair, extra = {}) {
  return new OAuth2Client({
    ...op.clientOptions,
    ...op.clients.public,
    scope: "openid",
    dpop,
    ...extra,
  });
}

Deno.test("oidc-provider: a DPoP-bound token after one nonce challenge, a bound refresh, and userinfo with its proof", async () => {
  await using op = await startOidcProvider();
  const client = clientFor(op, await key());
  const token = await op.signIn(client);
  assert.equal(token.token_type, "DPoP");
  assert.equal(op.requestCount("/token"), 2, "use_dpop_nonce, then the token");
  const refreshed = await client.refreshToken();
  assert.equal(refreshed.token_type, "DPoP");
  assert.equal(op.requestCount("/token"), 3, "the nonce was kept: no second challenge");
  assert.equal((await client.userinfo()).sub, "alice");
  assert.ok(op.requestCount("/me") >= 1);
  const userinfo = op.requests("/me");
  assert.match(userinfo[userinfo.length - 1].headers.authorization, /^DPoP /);
  assert.deepEqual(op.serverErrors, []);
});

Deno.test("oidc-provider refuses a proof made for another URL (invalid_dpop_proof)", async () => {
  await using op = await startOidcProvider();
  const pair = await key();
  const forger = new DPoPProver(pair, Date.now);
  const client = clientFor(op, pair, {
    hooks: {
      accessTokenRequest: [async (request: Request) => {
        const headers = new Headers(request.headers);
        headers.set("dpop", await forger.proof("POST", "https://elsewhere.example/token"));
        return new Request(request, { headers });
      }],
    },
  });
  await assert.rejects(
    op.signIn(client),
    (error) => error instanceof OAuthResponseError && error.code === "invalid_dpop_proof",
  );
});

/**
 * oidc-provider's own ID tokens, signed RS256 for one client and ES256 for another, validated
 * against its JWK Set, with the nonce of the authorization request, and userinfo about the
 * same user.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { startOidcProvider } from "./_oidc_provider.ts";

for (const [name, clientId] of [["RS256", "public-client"], ["ES256", "es256-id-token-client"]]) {
  Deno.test(`oidc-provider: its ${name} ID token validates against its JWK Set, and userinfo agrees`, async () => {
    await using op = await startOidcProvider();
    const client = new OAuth2Client({ ...op.clientOptions, clientId, scope: "openid" });
    const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
    const callback = await op.authorize(url);
    await client.fetchToken({ authorizationResponse: callback, state, codeVerifier, nonce });
    const claims = client.idTokenClaims!;
    assert.equal(claims.sub, "alice");
    assert.equal(claims.nonce, nonce);
    assert.equal(JSON.parse(atob(client.token!.id_token!.split(".")[0])).alg, name);
    assert.equal((await client.userinfo()).sub, "alice");
    assert.deepEqual(op.serverErrors, []);
  });
}

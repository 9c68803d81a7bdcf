/**
 * `npm run test:interop`: our OAuth1Client against a provider built on Authlib's own server
 * classes (Debian python3-authlib 1.2.0, `authlib_oauth1_server.py`, Authlib unmodified): the
 * 3-legged flow and a protected call for every signature method Authlib verifies (HMAC-SHA1,
 * RSA-SHA1, PLAINTEXT) in every placement. Authlib confirms the callback with Python's `True`,
 * so these pass only because the client reads the confirmation without regard to case.
 */
import assert from "node:assert/strict";
import { OAuth1Client, type SignatureMethod, type SignatureType } from "../../oauth1/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { approve, registered } from "./_oauth1_peer.ts";
import { authlibSelftest, startAuthlibProvider } from "./_authlib_server.ts";

/** What Authlib's BaseServer.SIGNATURE_METHODS can verify. */
const METHODS: SignatureMethod[] = ["HMAC-SHA1", "RSA-SHA1", "PLAINTEXT"];
const TYPES: SignatureType[] = ["header", "query", "body"];

Deno.test("Authlib's provider passes its own check with Authlib's client before ours is held against it", async () => {
  const { success, output } = await authlibSelftest();
  assert.ok(success, output);
  assert.match(output, /ok {3}HMAC-SHA1\nok {3}PLAINTEXT\nok {3}RSA-SHA1\n/);
});

for (const method of METHODS) {
  for (const signatureType of TYPES) {
    Deno.test(`Authlib's provider accepts the 3-legged flow and a protected call, ${method} in the ${signatureType}`, async () => {
      await using provider = await startAuthlibProvider();
      const client = new OAuth1Client({
        ...registered(method),
        signatureType,
        callbackUri: "http://localhost/callback",
        realm: signatureType === "header" ? "photos" : undefined,
      });
      const temporary = await client.fetchRequestToken(`${provider.base}/request_token`);
      assert.equal(temporary.oauth_callback_confirmed, "True", "Python's str(True)");
      const approval = await approve(client.authorizationUrl(`${provider.base}/authorize`));
      assert.equal(approval.status, 302);
      const callback = approval.headers.get("location")!;
      assert.match(callback, /^http:\/\/localhost\/callback\?oauth_token=/);
      client.parseAuthorizationResponse(callback);
      const token = await client.fetchAccessToken(`${provider.base}/access_token`);
      assert.ok(token.oauth_token && token.oauth_token_secret);
      assert.ok(client.authorized);

      const init: RequestInit = signatureType === "body"
        ? {
          method: "POST",
          body: "note=caf%C3%A9+au+lait&tag=a&tag=b",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }
        : { method: "GET" };
      const response = await client.fetch(
        `${provider.base}/resource?q=hello+world&x=%E2%98%83&empty=`,
        init,
      );
      const text = await response.text();
      assert.equal(response.status, 200, text);
      assert.deepEqual(JSON.parse(text), {
        ok: true,
        client: `client-${method.toLowerCase()}`,
        token: token.oauth_token,
        method: init.method,
        signatureMethod: method,
        user: "alice",
      });
      const stats = await provider.stats();
      assert.deepEqual([
        stats.requestTokens,
        stats.accessTokens,
        stats.resourceOk,
        stats.resourceRejected,
      ], [1, 1, 1, 0]);
    });
  }
}

Deno.test("Authlib refuses our request when the secret is wrong, and says so in an OAuthResponseError", async () => {
  await using provider = await startAuthlibProvider();
  for (const method of ["HMAC-SHA1", "PLAINTEXT"] as const) {
    for (const signatureType of TYPES) {
      const client = new OAuth1Client({
        ...registered(method),
        signatureType,
        clientSecret: "not-the-secret",
      });
      await assert.rejects(
        client.fetchRequestToken(`${provider.base}/request_token`),
        (error: unknown) => {
          assert.ok(error instanceof OAuthResponseError);
          assert.equal(error.status, 401);
          assert.equal(error.code, "unexpected_status");
          assert.match(String(error.body), /error=invalid_signature/);
          return true;
        },
      );
    }
  }
  assert.equal((await provider.stats()).requestTokens, 0);
});

Deno.test("Authlib refuses a protected call signed with another client's token", async () => {
  await using provider = await startAuthlibProvider();
  const client = new OAuth1Client({
    ...registered("HMAC-SHA1"),
    callbackUri: "http://localhost/cb",
  });
  await client.fetchRequestToken(`${provider.base}/request_token`);
  client.parseAuthorizationResponse(
    (await approve(client.authorizationUrl(`${provider.base}/authorize`))).headers.get("location")!,
  );
  const token = await client.fetchAccessToken(`${provider.base}/access_token`);
  const other = new OAuth1Client({
    ...registered("PLAINTEXT"),
    token: token.oauth_token,
    tokenSecret: token.oauth_token_secret,
  });
  const response = await other.fetch(`${provider.base}/resource`);
  assert.equal(response.status, 401);
  assert.match(await response.text(), /error=invalid_token/);
});

Deno.test("Authlib's denial names no oauth_token, so the client refuses it as unbound (token_mismatch)", async () => {
  await using provider = await startAuthlibProvider();
  const client = new OAuth1Client({
    ...registered("HMAC-SHA1"),
    callbackUri: "http://localhost/cb",
  });
  await client.fetchRequestToken(`${provider.base}/request_token`);
  const denial = await approve(client.authorizationUrl(`${provider.base}/authorize`), {
    user: "alice",
    deny: "1",
  });
  const callback = denial.headers.get("location")!;
  assert.match(callback, /[?&]error=access_denied/);
  assert.throws(() => client.parseAuthorizationResponse(callback), (error: unknown) => {
    assert.ok(error instanceof OAuthError);
    assert.equal(error.code, "token_mismatch");
    return true;
  });
});

import assert from "node:assert/strict";
import { twitterOAuth1 } from "../../providers/mod.ts";
import { emulateProvider, runFlow } from "./_oauth1_emulator.ts";

const CONSUMER = { key: "x-api-key", secret: "x-api-key-secret" };
const API = "https://api.twitter.com/1.1/account/verify_credentials.json?include_email=true";

function x() {
  return emulateProvider({
    consumer: CONSUMER,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://api.twitter.com/oauth/request_token",
    authorizeUrls: [
      "https://api.twitter.com/oauth/authorize",
      "https://api.twitter.com/oauth/authenticate",
    ],
    accessTokenUrl: "https://api.twitter.com/oauth/access_token",
    apiUrl: "https://api.twitter.com/1.1/account/verify_credentials.json",
    // X: "an oauth_callback is never sent to this method", it belongs to request_token.
    checkAuthorization: (query) =>
      query.has("oauth_callback") ? "oauth_callback on the authorization page" : undefined,
    tokenExtras: { user_id: "6253282", screen_name: "ada" },
  });
}

Deno.test("twitterOAuth1 runs the 3-legged flow against an emulated X and signs a v1.1 API call", async () => {
  const provider = x();
  const { authorizationUrl, token, api, sent } = await runFlow(
    twitterOAuth1({
      clientKey: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      callbackUri: "https://app.example/callback",
    }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.deepEqual(sent.map((request) => `${request.method} ${request.url}`), [
    "POST https://api.twitter.com/oauth/request_token",
    "POST https://api.twitter.com/oauth/access_token",
    `GET ${API}`,
  ]);
  const [temporary, exchange, call] = provider.signed.map((each) => each.oauth);
  assert.equal(temporary.get("oauth_callback"), "https://app.example/callback");
  assert.equal(temporary.get("oauth_signature_method"), "HMAC-SHA1");
  assert.match(
    authorizationUrl,
    /^https:\/\/api\.twitter\.com\/oauth\/authorize\?oauth_token=[0-9a-f]+$/,
  );
  assert.equal(exchange.get("oauth_verifier")?.length, 24);
  assert.equal(token.user_id, "6253282");
  assert.equal(token.screen_name, "ada");
  assert.equal(call.get("oauth_token"), token.oauth_token);
  assert.equal(api.status, 200);
  assert.deepEqual(await api.json(), { user: "ada", query: { include_email: "true" } });
});

Deno.test("twitterOAuth1 sends users to oauth/authenticate with force_login and screen_name, and signs x_auth_access_type", async () => {
  const provider = x();
  const { authorizationUrl, sent } = await runFlow(
    twitterOAuth1({
      clientKey: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      callbackUri: "https://app.example/callback",
      authorizeEndpoint: "authenticate",
      forceLogin: true,
      screenName: "ada lovelace",
      accessType: "read",
    }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.equal(sent[0].url, "https://api.twitter.com/oauth/request_token?x_auth_access_type=read");
  assert.match(
    authorizationUrl,
    /^https:\/\/api\.twitter\.com\/oauth\/authenticate\?force_login=true&screen_name=ada%20lovelace&oauth_token=[0-9a-f]+$/,
  );
  assert.equal(provider.authorizations[0].get("screen_name"), "ada lovelace");
});

Deno.test("twitterOAuth1 checks its own options with TypeErrors that name them", () => {
  const credentials = { clientKey: "k", clientSecret: "s" };
  const cases: [unknown, RegExp][] = [
    [
      { ...credentials, authorizeEndpoint: "login" },
      /authorizeEndpoint must be one of authorize, authenticate, got "login"/,
    ],
    [{ ...credentials, accessType: "admin" }, /accessType must be one of read, write, got "admin"/],
    [{ ...credentials, forceLogin: "yes" }, /forceLogin must be a boolean/],
    [{ ...credentials, screenName: "" }, /screenName must be a non-empty string/],
    [undefined, /twitterOAuth1 options must be an object, got undefined/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => twitterOAuth1(options as never), { name: "TypeError", message });
  }
  assert.equal(
    twitterOAuth1({ ...credentials, forceLogin: false }).authorizeUrl,
    "https://api.twitter.com/oauth/authorize",
  );
});

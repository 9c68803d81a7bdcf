/**
 * A preset's value registers as an OAuth 1.0a provider of `OAuthRegistry` as it is (the
 * registry gives each login its callback), and a login runs through it against the emulated
 * provider: the authorization page gets the preset's own parameters, and the session's token
 * signs an API call.
 */
import assert from "node:assert/strict";
import { type OAuth1Token, OAuthRegistry } from "../../web/mod.ts";
import { flickr, jira, type OAuth1Preset, twitterOAuth1 } from "../../providers/mod.ts";
import { emulateProvider, type Emulator, type EmulatorOptions } from "./_oauth1_emulator.ts";

const SECRET = "the OAuth 1.0a preset registry test's cookie secret";
const CALLBACK = "https://app.example/callback";

/** A login through a registry holding only `preset`, then a signed call to `api`. */
async function login(preset: OAuth1Preset, provider: Emulator, api: string) {
  const session: { token?: OAuth1Token } = {};
  const oauth = new OAuthRegistry({
    secret: SECRET,
    fetch: provider.handle,
    fetchToken: () => Promise.resolve(session.token),
  });
  const app = oauth.register("provider", preset);
  assert.equal(app.isOAuth1, true);
  const start = new Request("https://app.example/login");
  const redirect = await app.authorizeRedirect(start, CALLBACK);
  const location = redirect.headers.get("location")!;
  const back = (await provider.handle(new Request(location))).headers.get("location")!;
  const cookie = redirect.headers.getSetCookie().map((each) => each.split(";")[0]).join("; ");
  const { token } = await app.authorizeAccessToken(new Request(back, { headers: { cookie } }));
  session.token = token;
  const response = await app.get(api, { request: start });
  return { location, token, response };
}

function emulator(options: Omit<EmulatorOptions, "authorizeUrls">, authorize: string[]) {
  return emulateProvider({ ...options, authorizeUrls: authorize });
}

Deno.test("a flickr preset registers as it is, and a registry login sends perms and reaches the API", async () => {
  const consumer = { key: "flickr-key", secret: "flickr-secret" };
  const provider = emulator({
    consumer,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://www.flickr.com/services/oauth/request_token",
    accessTokenUrl: "https://www.flickr.com/services/oauth/access_token",
    apiUrl: "https://api.flickr.com/services/rest",
    checkAuthorization: (query) => query.get("perms") === "write" ? undefined : "perms",
    tokenExtras: { user_nsid: "12345678@N00" },
  }, ["https://www.flickr.com/services/oauth/authorize"]);
  const { location, token, response } = await login(
    flickr({ clientKey: consumer.key, clientSecret: consumer.secret, perms: "write" }),
    provider,
    "https://api.flickr.com/services/rest?method=flickr.test.login",
  );
  assert.deepEqual(provider.refused, []);
  assert.match(location, /^https:\/\/www\.flickr\.com\/services\/oauth\/authorize\?perms=write&/);
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), CALLBACK);
  assert.equal(token.user_nsid, "12345678@N00");
  assert.equal(response.status, 200);
});

Deno.test("a twitterOAuth1 preset's registry login goes to oauth/authenticate", async () => {
  const consumer = { key: "x-key", secret: "x-secret" };
  const provider = emulator({
    consumer,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://api.twitter.com/oauth/request_token",
    accessTokenUrl: "https://api.twitter.com/oauth/access_token",
    apiUrl: "https://api.twitter.com/1.1/account/verify_credentials.json",
  }, ["https://api.twitter.com/oauth/authenticate"]);
  const { location, response } = await login(
    twitterOAuth1({
      clientKey: consumer.key,
      clientSecret: consumer.secret,
      authorizeEndpoint: "authenticate",
    }),
    provider,
    "https://api.twitter.com/1.1/account/verify_credentials.json",
  );
  assert.deepEqual(provider.refused, []);
  assert.match(location, /^https:\/\/api\.twitter\.com\/oauth\/authenticate\?oauth_token=/);
  assert.equal(response.status, 200);
});

Deno.test("a jira preset's registry login signs every request with RSA-SHA1, verified with the public key", async () => {
  const { privateKey, publicKey } = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-1",
    },
    false,
    ["sign", "verify"],
  ) as CryptoKeyPair;
  const base = "https://jira.example.com";
  const provider = emulator({
    consumer: { key: "registry-app", publicKey },
    signatureMethod: "RSA-SHA1",
    requestTokenUrl: `${base}/plugins/servlet/oauth/request-token`,
    accessTokenUrl: `${base}/plugins/servlet/oauth/access-token`,
    apiUrl: `${base}/rest/api/2/myself`,
  }, [`${base}/plugins/servlet/oauth/authorize`]);
  const { response } = await login(
    jira({ baseUrl: base, clientKey: "registry-app", privateKey }),
    provider,
    `${base}/rest/api/2/myself`,
  );
  assert.deepEqual(provider.refused, []);
  assert.deepEqual(
    provider.signed.map(({ oauth }) => oauth.get("oauth_signature_method")),
    ["RSA-SHA1", "RSA-SHA1", "RSA-SHA1"],
  );
  assert.equal(response.status, 200);
});

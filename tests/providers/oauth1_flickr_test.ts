import assert from "node:assert/strict";
import { flickr } from "../../providers/mod.ts";
import { emulateProvider, runFlow } from "./_oauth1_emulator.ts";

const CONSUMER = { key: "flickr-key", secret: "flickr-secret" };
const API =
  "https://api.flickr.com/services/rest?method=flickr.test.login&format=json&nojsoncallback=1";

function emulatedFlickr() {
  return emulateProvider({
    consumer: CONSUMER,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://www.flickr.com/services/oauth/request_token",
    authorizeUrls: ["https://www.flickr.com/services/oauth/authorize"],
    accessTokenUrl: "https://www.flickr.com/services/oauth/access_token",
    apiUrl: "https://api.flickr.com/services/rest",
    checkAuthorization: (query) =>
      ["read", "write", "delete"].includes(query.get("perms") ?? "")
        ? undefined
        : "permission set not recognised",
    tokenExtras: { fullname: "Ada Lovelace", user_nsid: "12345678@N00", username: "ada" },
  });
}

Deno.test("flickr runs the 3-legged flow with perms on the authorization page and signs an API call", async () => {
  const provider = emulatedFlickr();
  const { authorizationUrl, token, api, sent } = await runFlow(
    flickr({
      clientKey: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      callbackUri: "https://app.example/flickr",
      perms: "delete",
    }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.equal(sent[0].url, "https://www.flickr.com/services/oauth/request_token");
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "https://app.example/flickr");
  assert.match(
    authorizationUrl,
    /^https:\/\/www\.flickr\.com\/services\/oauth\/authorize\?perms=delete&oauth_token=[0-9a-f]+$/,
  );
  assert.equal(sent[1].url, "https://www.flickr.com/services/oauth/access_token");
  assert.deepEqual(
    [token.user_nsid, token.username, token.fullname],
    ["12345678@N00", "ada", "Ada Lovelace"],
  );
  assert.equal(api.status, 200);
  assert.equal((await api.json()).query.method, "flickr.test.login");
});

Deno.test("flickr asks for read by default, and without a callback the flow is out-of-band", async () => {
  const provider = emulatedFlickr();
  const { authorizationUrl, token } = await runFlow(
    flickr({ clientKey: CONSUMER.key, clientSecret: CONSUMER.secret }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "oob");
  assert.equal(new URL(authorizationUrl).searchParams.get("perms"), "read");
  assert.equal(token.username, "ada");
});

Deno.test("flickr refuses a permission Flickr does not know, with a TypeError naming perms", () => {
  assert.throws(
    () => flickr({ clientKey: "k", clientSecret: "s", perms: "admin" as never }),
    { name: "TypeError", message: 'perms must be one of read, write, delete, got "admin"' },
  );
});

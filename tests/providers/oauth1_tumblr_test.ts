import assert from "node:assert/strict";
import { tumblrOAuth1 } from "../../providers/mod.ts";
import { OAuth1Client } from "../../oauth1/mod.ts";
import { emulateProvider, runFlow } from "./_oauth1_emulator.ts";

const CONSUMER = { key: "tumblr-consumer-key", secret: "tumblr-consumer-secret" };
const API = "https://api.tumblr.com/v2/user/info";

function emulatedTumblr() {
  return emulateProvider({
    consumer: CONSUMER,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://www.tumblr.com/oauth/request_token",
    authorizeUrls: ["https://www.tumblr.com/oauth/authorize"],
    accessTokenUrl: "https://www.tumblr.com/oauth/access_token",
    apiUrl: API,
    // The reference lists GET for the access token; Tumblr's own clients POST.
    credentialMethods: ["POST", "GET"],
  });
}

Deno.test("tumblrOAuth1 runs the 3-legged flow with HMAC-SHA1 in the header and signs an API call", async () => {
  const provider = emulatedTumblr();
  const { authorizationUrl, api, sent } = await runFlow(
    tumblrOAuth1({
      clientKey: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      callbackUri: "https://app.example/tumblr",
      source: "dashboard",
    }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.deepEqual(sent.map((request) => `${request.method} ${request.url}`), [
    "POST https://www.tumblr.com/oauth/request_token",
    "POST https://www.tumblr.com/oauth/access_token",
    `GET ${API}`,
  ]);
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "https://app.example/tumblr");
  assert.match(
    authorizationUrl,
    /^https:\/\/www\.tumblr\.com\/oauth\/authorize\?source=dashboard&oauth_token=[0-9a-f]+$/,
  );
  for (const request of sent) assert.match(request.headers.get("authorization")!, /^OAuth /);
  assert.equal(api.status, 200);
});

Deno.test("tumblrOAuth1's access token can be fetched with GET, the method Tumblr's reference lists", async () => {
  const provider = emulatedTumblr();
  const client = new OAuth1Client({
    ...tumblrOAuth1({ clientKey: CONSUMER.key, clientSecret: CONSUMER.secret }),
    fetch: provider.handle,
  });
  await client.fetchRequestToken();
  const page = await (await provider.handle(new Request(client.authorizationUrl()))).text();
  await client.fetchAccessToken({
    verifier: page.slice("Your code: ".length),
    init: { method: "GET" },
  });
  assert.deepEqual(provider.refused, []);
  assert.equal(provider.signed[1].method, "GET");
  assert.equal((await client.fetch(API)).status, 200);
});

Deno.test("tumblrOAuth1 refuses a source that is not a string", () => {
  assert.throws(() => tumblrOAuth1({ clientKey: "k", clientSecret: "s", source: 1 as never }), {
    name: "TypeError",
    message: "source must be a string",
  });
  assert.equal(
    tumblrOAuth1({ clientKey: "k", clientSecret: "s" }).authorizeUrl,
    "https://www.tumblr.com/oauth/authorize",
  );
});

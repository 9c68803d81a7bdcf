import assert from "node:assert/strict";
import { garminOAuth1 } from "../../providers/mod.ts";
import { OAuth1Client } from "../../oauth1/mod.ts";
import { emulateProvider, runFlow } from "./_oauth1_emulator.ts";

const CONSUMER = { key: "garmin-consumer-key", secret: "garmin-consumer-secret" };
const API = "https://apis.garmin.com/wellness-api/rest/user/id";

Deno.test("garminOAuth1 runs the 3-legged flow with body-less POSTs and signs a Health API call", async () => {
  const provider = emulateProvider({
    consumer: CONSUMER,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/request_token",
    authorizeUrls: ["https://connect.garmin.com/oauthConfirm"],
    accessTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/access_token",
    apiUrl: API,
    bodyless: true,
  });
  const { authorizationUrl, api, sent } = await runFlow(
    garminOAuth1({
      clientKey: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      callbackUri: "https://app.example/garmin",
    }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.deepEqual(sent.map((request) => `${request.method} ${request.url}`), [
    "POST https://connectapi.garmin.com/oauth-service/oauth/request_token",
    "POST https://connectapi.garmin.com/oauth-service/oauth/access_token",
    `GET ${API}`,
  ]);
  for (const request of sent.slice(0, 2)) {
    assert.equal((await request.arrayBuffer()).byteLength, 0);
    assert.equal(request.headers.get("content-type"), null);
  }
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "https://app.example/garmin");
  assert.match(
    authorizationUrl,
    /^https:\/\/connect\.garmin\.com\/oauthConfirm\?oauth_token=[0-9a-f]+$/,
  );
  assert.equal(api.status, 200);
});

Deno.test("the Garmin emulation refuses a credential request with a body, so the body-less check is real", async () => {
  const provider = emulateProvider({
    consumer: CONSUMER,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/request_token",
    authorizeUrls: ["https://connect.garmin.com/oauthConfirm"],
    accessTokenUrl: "https://connectapi.garmin.com/oauth-service/oauth/access_token",
    apiUrl: API,
    bodyless: true,
  });
  const client = new OAuth1Client({
    ...garminOAuth1({ clientKey: CONSUMER.key, clientSecret: CONSUMER.secret }),
    fetch: provider.handle,
  });
  await assert.rejects(
    client.fetchRequestToken({
      body: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    { code: "body_not_allowed", status: 401 },
  );
  assert.equal(provider.refused.length, 1);
});

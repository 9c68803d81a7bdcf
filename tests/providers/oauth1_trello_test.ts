import assert from "node:assert/strict";
import { trello } from "../../providers/mod.ts";
import { emulateProvider, runFlow } from "./_oauth1_emulator.ts";

const CONSUMER = { key: "trello-api-key", secret: "trello-secret" };
const API = "https://api.trello.com/1/members/me?fields=username";

function emulatedTrello() {
  return emulateProvider({
    consumer: CONSUMER,
    signatureMethod: "HMAC-SHA1",
    requestTokenUrl: "https://trello.com/1/OAuthGetRequestToken",
    authorizeUrls: ["https://trello.com/1/OAuthAuthorizeToken"],
    accessTokenUrl: "https://trello.com/1/OAuthGetAccessToken",
    apiUrl: "https://api.trello.com/1/members/me",
    checkAuthorization: (query) => {
      const scopes = (query.get("scope") ?? "read").split(",");
      if (!scopes.every((scope) => ["read", "write", "account"].includes(scope))) {
        return "invalid scope";
      }
      const expiration = query.get("expiration") ?? "30days";
      if (!["1hour", "1day", "30days", "never"].includes(expiration)) return "invalid expiration";
    },
  });
}

Deno.test("trello runs the 3-legged flow with name, scope and expiration on the authorization page", async () => {
  const provider = emulatedTrello();
  const { authorizationUrl, api, sent } = await runFlow(
    trello({
      clientKey: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      callbackUri: "https://app.example/trello",
      name: "Board Tools & Co",
      scope: ["read", "write", "account"],
      expiration: "1day",
    }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.equal(sent[0].url, "https://trello.com/1/OAuthGetRequestToken");
  assert.equal(provider.signed[0].oauth.get("oauth_callback"), "https://app.example/trello");
  assert.match(
    authorizationUrl,
    /^https:\/\/trello\.com\/1\/OAuthAuthorizeToken\?name=Board%20Tools%20%26%20Co&scope=read%2Cwrite%2Caccount&expiration=1day&oauth_token=[0-9a-f]+$/,
  );
  const shown = provider.authorizations[0];
  assert.deepEqual(
    [shown.get("name"), shown.get("scope"), shown.get("expiration")],
    ["Board Tools & Co", "read,write,account", "1day"],
  );
  assert.equal(sent[1].url, "https://trello.com/1/OAuthGetAccessToken");
  assert.equal(api.status, 200);
});

Deno.test("trello leaves Trello's defaults alone when no scope or expiration is given", async () => {
  const provider = emulatedTrello();
  const { authorizationUrl } = await runFlow(
    trello({ clientKey: CONSUMER.key, clientSecret: CONSUMER.secret, scope: "read" }),
    provider,
    API,
  );
  assert.deepEqual(provider.refused, []);
  assert.match(authorizationUrl, /OAuthAuthorizeToken\?scope=read&oauth_token=[0-9a-f]+$/);
});

Deno.test("trello checks name, scope and expiration with TypeErrors that name them", () => {
  const credentials = { clientKey: "k", clientSecret: "s" };
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { expiration: "forever" },
      /expiration must be one of 1hour, 1day, 30days, never, got "forever"/,
    ],
    [{ scope: ["read", "admin"] }, /scope must be one of read, write, account, got "admin"/],
    [{ scope: [] }, /scope must name at least one of read, write, account/],
    [{ scope: [1] }, /scope must be one of read, write, account, got a number/],
    [{ name: "" }, /name must be a non-empty string/],
  ];
  for (const [extra, message] of cases) {
    assert.throws(() => trello({ ...credentials, ...extra } as never), {
      name: "TypeError",
      message,
    });
  }
});

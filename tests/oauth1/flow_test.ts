import assert from "node:assert/strict";
import { OAuth1Client } from "../../oauth1/mod.ts";

const CREDENTIALS = "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true";
const answering = (body: string) => () => Promise.resolve(new Response(body));

async function finishedFlow() {
  const client = new OAuth1Client({ clientKey: "k", fetch: answering(CREDENTIALS) });
  await client.fetchRequestToken("https://p.example/request_token");
  client.parseAuthorizationResponse("https://a.example/cb?oauth_token=t&oauth_verifier=v");
  await client.fetchAccessToken("https://p.example/access_token");
  return client;
}

Deno.test("after the flow, the token credentials never reach an authorization URL or a callback", async () => {
  const client = await finishedFlow();
  assert.ok(client.authorized);
  assert.throws(() => client.authorizationUrl("https://p.example/authorize"), {
    code: "missing_token",
    message: /already holds token credentials/,
  });
  assert.throws(
    () =>
      client.parseAuthorizationResponse("https://a.example/cb?oauth_token=t&oauth_verifier=zzz"),
    { code: "missing_token" },
  );
  assert.ok(client.authorized, "a forged callback does not change the stage");
  await assert.rejects(
    client.fetchAccessToken("https://p.example/access_token", { verifier: "v" }),
    { code: "missing_token" },
  );
});

Deno.test("fetchAccessToken options are checked: an object with a non-empty verifier", async () => {
  const client = new OAuth1Client({
    clientKey: "k",
    token: "t",
    tokenSecret: "s",
    verifier: "stored",
  });
  const url = "https://p.example/access_token";
  // @ts-expect-error: a caller mistake on purpose
  await assert.rejects(client.fetchAccessToken(url, "1234"), {
    name: "TypeError",
    message: /options must be an object like \{ verifier \}/,
  });
  // @ts-expect-error: a caller mistake on purpose
  await assert.rejects(client.fetchAccessToken(url, null), { name: "TypeError" });
  await assert.rejects(client.fetchAccessToken(url, { verifier: "" }), {
    name: "TypeError",
    message: /verifier must be a non-empty string/,
  });
  // @ts-expect-error: a caller mistake on purpose
  await assert.rejects(client.fetchAccessToken(url, { init: "POST" }), {
    name: "TypeError",
    message: /init must be a RequestInit/,
  });
});

Deno.test("injected nonce and timestamp functions must return non-empty strings", async () => {
  const request = () => new Request("https://api.example/");
  const returning = (value: unknown) => (() => value) as () => string;
  await assert.rejects(
    new OAuth1Client({ clientKey: "k", nonce: returning(null) }).sign(request()),
    {
      name: "TypeError",
      message: /nonce option must return a non-empty string/,
    },
  );
  await assert.rejects(
    new OAuth1Client({ clientKey: "k", timestamp: returning(Date.now()) }).sign(request()),
    { name: "TypeError", message: /timestamp option must return a non-empty string, got a number/ },
  );
  await assert.rejects(new OAuth1Client({ clientKey: "k", nonce: returning("") }).sign(request()), {
    name: "TypeError",
  });
});

Deno.test("a verifier without a token, or extraParams that are not an object, are TypeErrors", () => {
  assert.throws(() => new OAuth1Client({ clientKey: "k", verifier: "v" }), {
    name: "TypeError",
    message: /verifier was given without token/,
  });
  const client = new OAuth1Client({ clientKey: "k", token: "t", tokenSecret: "s" });
  // @ts-expect-error: a caller mistake on purpose
  assert.throws(() => client.authorizationUrl("https://p.example/a", ["x"]), {
    name: "TypeError",
    message: /extraParams must be an object/,
  });
});

Deno.test("a malformed callback URL is a TypeError that does not repeat the URL", () => {
  const client = new OAuth1Client({ clientKey: "k", token: "t", tokenSecret: "s" });
  assert.throws(
    () =>
      client.parseAuthorizationResponse("https://[bad/cb?oauth_token=t&oauth_verifier=VERIFIER_X"),
    (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.doesNotMatch(error.message, /VERIFIER_X/);
      return true;
    },
  );
});

Deno.test("the injected fetch is called unbound, as workerd's and browsers' fetch require", async () => {
  let receiver: unknown = "not called";
  const strictFetch = function (this: unknown, _request: Request) {
    receiver = this;
    return Promise.resolve(new Response("ok"));
  };
  await new OAuth1Client({ clientKey: "k", fetch: strictFetch }).fetch("https://api.example/");
  assert.equal(receiver, undefined);
});

Deno.test("a given token counts as authorized until a callback shows it was temporary", () => {
  const client = new OAuth1Client({ clientKey: "k", token: "t", tokenSecret: "s" });
  assert.ok(client.authorized);
  client.parseAuthorizationResponse("https://a.example/cb?oauth_token=t&oauth_verifier=v");
  assert.equal(client.authorized, false);
});

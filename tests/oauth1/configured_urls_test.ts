/**
 * The three flow URLs as options (`requestTokenUrl`, `authorizeUrl`, `accessTokenUrl`): checked
 * at construction like every URL credentials go to, then the defaults of the three flow steps,
 * which keep taking an explicit URL. The `@ts-expect-error` lines are type tests: `deno test`
 * type-checks this file and fails if any of them compiles.
 */
import assert from "node:assert/strict";
import { OAuth1Client, type OAuth1ClientOptions } from "../../oauth1/mod.ts";
import { OAuthError } from "../../errors.ts";

const URLS = {
  requestTokenUrl: "https://p.example/oauth/request_token",
  authorizeUrl: "https://p.example/oauth/authorize?perms=read",
  accessTokenUrl: "https://p.example/oauth/access_token",
};
const TEMPORARY = "oauth_token=temp&oauth_token_secret=ts&oauth_callback_confirmed=true";
const ACCESS = "oauth_token=access&oauth_token_secret=as";

/** A client with the three URLs that records where each request went; a verifier asks for token credentials. */
function configured(options: Partial<OAuth1ClientOptions> = {}) {
  const sent: Request[] = [];
  const client = new OAuth1Client({
    clientKey: "k",
    clientSecret: "s",
    ...URLS,
    fetch: (request) => {
      sent.push(request);
      const exchange = /oauth_verifier=/.test(request.headers.get("authorization")!);
      return Promise.resolve(new Response(exchange ? ACCESS : TEMPORARY));
    },
    ...options,
  });
  return { client, sent };
}

Deno.test("with the three URL options the whole flow runs without passing a URL to any step", async () => {
  const { client, sent } = configured({ callbackUri: "https://app.example/cb" });
  await client.fetchRequestToken();
  assert.equal(sent[0].url, URLS.requestTokenUrl);
  assert.equal(sent[0].method, "POST");
  assert.equal(sent[0].redirect, "manual");
  assert.equal(
    client.authorizationUrl(),
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp",
  );
  client.parseAuthorizationResponse("https://app.example/cb?oauth_token=temp&oauth_verifier=v");
  const token = await client.fetchAccessToken();
  assert.equal(sent[1].url, URLS.accessTokenUrl);
  assert.match(sent[1].headers.get("authorization")!, /oauth_verifier="v"/);
  assert.deepEqual(token, { oauth_token: "access", oauth_token_secret: "as" });
});

Deno.test("an explicit URL still wins over the configured one, at every step", async () => {
  const { client, sent } = configured();
  await client.fetchRequestToken("https://other.example/rt");
  assert.equal(sent[0].url, "https://other.example/rt");
  assert.equal(
    client.authorizationUrl(new URL("https://other.example/auth"), { force_login: "true" }),
    "https://other.example/auth?oauth_token=temp&force_login=true",
  );
  await client.fetchAccessToken("https://other.example/at", { verifier: "v" });
  assert.equal(sent[1].url, "https://other.example/at");
});

Deno.test("the second argument alone (init, extraParams, { verifier }) goes with the configured URL", async () => {
  const { client, sent } = configured();
  await client.fetchRequestToken({ headers: { "x-trace": "1" } });
  assert.equal(sent[0].url, URLS.requestTokenUrl);
  assert.equal(sent[0].headers.get("x-trace"), "1");
  assert.equal(
    client.authorizationUrl({ perms: "write" }),
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp&perms=write",
  );
  assert.equal(
    client.authorizationUrl(undefined, { lang: "en" }),
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp&lang=en",
  );
  await client.fetchAccessToken({ verifier: "typed-in" });
  assert.equal(sent[1].url, URLS.accessTokenUrl);
  assert.match(sent[1].headers.get("authorization")!, /oauth_verifier="typed-in"/);
});

Deno.test("fetchRequestToken(undefined, init) and fetchAccessToken(undefined, options) use the configured URL too", async () => {
  const { client, sent } = configured();
  await client.fetchRequestToken(undefined, { method: "GET" });
  assert.equal(sent[0].url, URLS.requestTokenUrl);
  assert.equal(sent[0].method, "GET");
  await client.fetchAccessToken(undefined, { verifier: "v" });
  assert.equal(sent[1].url, URLS.accessTokenUrl);
});

Deno.test("a step without a URL and without its option is a TypeError naming the option, before anything is sent", async () => {
  const sent: Request[] = [];
  const client = new OAuth1Client({
    clientKey: "k",
    token: "t",
    tokenSecret: "s",
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(new Response(TEMPORARY));
    },
  });
  await assert.rejects(client.fetchRequestToken(), {
    name: "TypeError",
    message:
      "fetchRequestToken needs a URL: pass one, or give the client the requestTokenUrl option",
  });
  assert.throws(() => client.authorizationUrl({ perms: "read" }), {
    name: "TypeError",
    message: "authorizationUrl needs a URL: pass one, or give the client the authorizeUrl option",
  });
  await assert.rejects(client.fetchAccessToken({ verifier: "v" }), {
    name: "TypeError",
    message: "fetchAccessToken needs a URL: pass one, or give the client the accessTokenUrl option",
  });
  assert.deepEqual(sent, []);
});

Deno.test("two objects, or a value that is neither a URL nor an options object, are TypeErrors", async () => {
  const { client } = configured({ token: "t", tokenSecret: "s" });
  // @ts-expect-error: the URL goes first; two options objects are a caller mistake
  assert.throws(() => client.authorizationUrl({ a: "1" }, { b: "2" }), {
    name: "TypeError",
    message: /authorizationUrl takes \(url, extraParams\) or \(extraParams\), got two objects/,
  });
  // @ts-expect-error: the URL goes first; two options objects are a caller mistake
  await assert.rejects(client.fetchAccessToken({ verifier: "v" }, { verifier: "w" }), {
    name: "TypeError",
    message: /fetchAccessToken takes \(url, options\) or \(options\), got two objects/,
  });
  // @ts-expect-error: the URL goes first; two options objects are a caller mistake
  await assert.rejects(client.fetchRequestToken({ method: "GET" }, { method: "POST" }), {
    name: "TypeError",
    message: /fetchRequestToken takes \(url, init\) or \(init\), got two objects/,
  });
  // @ts-expect-error: a number is no URL
  assert.throws(() => client.authorizationUrl(42), {
    name: "TypeError",
    message: /authorizationUrl url must be an absolute http\(s\) URL, got a number/,
  });
  // @ts-expect-error: null is no URL
  await assert.rejects(client.fetchAccessToken(null, { verifier: "v" }), {
    name: "TypeError",
    message: /fetchAccessToken url must be an absolute http\(s\) URL, got null/,
  });
  // @ts-expect-error: an array is no URL, and no options object either
  await assert.rejects(client.fetchRequestToken(["https://p.example/rt"]), {
    name: "TypeError",
    message: /fetchRequestToken url must be an absolute http\(s\) URL, got an array/,
  });
  // A Request type-checks as a RequestInit, but it is no init: refused rather than ignored.
  await assert.rejects(client.fetchRequestToken(new Request("https://p.example/rt")), {
    name: "TypeError",
    message: /fetchRequestToken url must be an absolute http\(s\) URL, got an object/,
  });
  assert.equal(
    client.authorizationUrl(Object.create(null)),
    "https://p.example/oauth/authorize?perms=read&oauth_token=t",
  );
});

Deno.test("the URL options are checked at construction: absolute http(s), https beyond loopback, a TypeError naming the option", () => {
  const cases: [Partial<OAuth1ClientOptions>, { name?: string; code?: string; message: RegExp }][] =
    [
      [{ requestTokenUrl: "/oauth/request_token" }, {
        name: "TypeError",
        message: /requestTokenUrl must be an absolute http\(s\) URL/,
      }],
      [{ authorizeUrl: "ftp://p.example/authorize" }, {
        name: "TypeError",
        message: /authorizeUrl must use https: .*got ftp:/,
      }],
      // @ts-expect-error: a URL option is a string
      [{ accessTokenUrl: 42 }, { name: "TypeError", message: /accessTokenUrl must be .*a number/ }],
      [{ accessTokenUrl: "http://p.example/oauth/access_token" }, {
        code: "insecure_transport",
        message: /accessTokenUrl must use https: .*allowInsecureRequests/,
      }],
    ];
  for (const [options, expected] of cases) {
    assert.throws(() => new OAuth1Client({ clientKey: "k", ...options }), (error: unknown) => {
      assert.ok(error instanceof Error);
      if (expected.name) assert.equal(error.name, expected.name);
      if (expected.code) {
        assert.ok(error instanceof OAuthError);
        assert.equal(error.code, expected.code);
      }
      assert.match(error.message, expected.message);
      return true;
    }, String(expected.message));
  }
});

Deno.test("http URL options are allowed on loopback, and beyond it with allowInsecureRequests", async () => {
  const loopback = new OAuth1Client({
    clientKey: "k",
    requestTokenUrl: "http://127.0.0.1:8080/rt",
    authorizeUrl: "http://localhost/auth",
    accessTokenUrl: "http://[::1]/at",
  });
  assert.equal(loopback.toJSON().clientKey, "k");
  const { client, sent } = configured({
    requestTokenUrl: "http://p.internal/rt",
    authorizeUrl: "http://p.internal/auth",
    accessTokenUrl: "http://p.internal/at",
    allowInsecureRequests: true,
  });
  await client.fetchRequestToken();
  assert.equal(sent[0].url, "http://p.internal/rt");
  assert.equal(client.authorizationUrl(), "http://p.internal/auth?oauth_token=temp");
});

Deno.test("a configured URL's query is signed with the request, as an explicit URL's is", async () => {
  const { client, sent } = configured({
    requestTokenUrl: "https://p.example/oauth/request_token?x_auth_access_type=read",
    nonce: () => "n",
    timestamp: () => "1",
  });
  await client.fetchRequestToken();
  const explicit = configured({ nonce: () => "n", timestamp: () => "1" });
  await explicit.client.fetchRequestToken(
    "https://p.example/oauth/request_token?x_auth_access_type=read",
  );
  assert.equal(new URL(sent[0].url).searchParams.get("x_auth_access_type"), "read");
  assert.equal(
    sent[0].headers.get("authorization"),
    explicit.sent[0].headers.get("authorization"),
  );
  const bare = configured({ nonce: () => "n", timestamp: () => "1" });
  await bare.client.fetchRequestToken();
  assert.notEqual(
    sent[0].headers.get("authorization"),
    bare.sent[0].headers.get("authorization"),
    "the query parameter is part of the signature",
  );
});

/** Type-level only: the calls each step refuses. Never called. */
async function refusedOverloads(client: OAuth1Client) {
  // @ts-expect-error: extra parameters are strings
  client.authorizationUrl({ perms: 1 });
  // @ts-expect-error: extra parameters are strings
  client.authorizationUrl("https://p.example/a", { perms: true });
  // @ts-expect-error: not a RequestInit
  await client.fetchRequestToken({ verifier: "v" });
  // @ts-expect-error: a misspelt option
  await client.fetchAccessToken({ verfier: "v" });
  // @ts-expect-error: the verifier is a string
  await client.fetchAccessToken("https://p.example/at", { verifier: 1234 });
}

Deno.test("every accepted overload compiles and runs: URL, URL and options, options alone, undefined and options, nothing", async () => {
  assert.equal(typeof refusedOverloads, "function");
  const started = async () => {
    const { client, sent } = configured();
    await client.fetchRequestToken();
    return { client, sent };
  };
  const { client, sent } = await started();
  await client.fetchRequestToken({ method: "GET" });
  await client.fetchRequestToken("https://p.example/rt", { method: "GET" });
  await client.fetchRequestToken(undefined, { method: "PUT" });
  assert.deepEqual(sent.map((request) => [request.method, request.url]), [
    ["POST", URLS.requestTokenUrl],
    ["GET", URLS.requestTokenUrl],
    ["GET", "https://p.example/rt"],
    ["PUT", URLS.requestTokenUrl],
  ]);
  const urls: string[] = [
    client.authorizationUrl(),
    client.authorizationUrl({ perms: "write" }),
    client.authorizationUrl("https://p.example/a"),
    client.authorizationUrl(new URL("https://p.example/a"), { perms: "write" }),
    client.authorizationUrl(undefined, { perms: "write" }),
    client.authorizationUrl(undefined as string | undefined),
  ];
  assert.deepEqual(urls, [
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp",
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp&perms=write",
    "https://p.example/a?oauth_token=temp",
    "https://p.example/a?oauth_token=temp&perms=write",
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp&perms=write",
    "https://p.example/oauth/authorize?perms=read&oauth_token=temp",
  ]);
  const exchanges: [string, (client: OAuth1Client) => Promise<unknown>][] = [
    [URLS.accessTokenUrl, (c) => c.fetchAccessToken({ verifier: "v" })],
    [URLS.accessTokenUrl, (c) => c.fetchAccessToken({ verifier: "v", init: { method: "GET" } })],
    [
      "https://p.example/at",
      (c) => c.fetchAccessToken(new URL("https://p.example/at"), { verifier: "v" }),
    ],
    [URLS.accessTokenUrl, (c) => c.fetchAccessToken(undefined, { verifier: "v" })],
  ];
  for (const [url, exchange] of exchanges) {
    const flow = await started();
    await exchange(flow.client);
    assert.equal(flow.sent[1].url, url);
    assert.equal(flow.client.authorized, true);
  }
});

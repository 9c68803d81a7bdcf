import assert from "node:assert/strict";
import { inspect } from "node:util";
import { OAuth1Client, type OAuth1ClientOptions } from "../../oauth1/mod.ts";
import { OAuthError } from "../../errors.ts";
import { createOAuth1Provider } from "../../examples/oauth1_provider.ts";
import { oauthHeaderParameters } from "../_helpers.ts";

const BASE = "http://127.0.0.1:9";
const SECRET = "SECRET_SENTINEL";

function oauthParameters(request: Request): Map<string, string> {
  return oauthHeaderParameters(request.headers.get("authorization"));
}

/** The example provider, checking signatures with oauth-1.0a, plus a log of what it was sent. */
function providerClient(options: Partial<OAuth1ClientOptions> = {}) {
  const provider = createOAuth1Provider({ consumerKey: "app", consumerSecret: SECRET });
  const sent: Request[] = [];
  const client = new OAuth1Client({
    clientKey: "app",
    clientSecret: SECRET,
    fetch: (request) => {
      sent.push(request.clone());
      return provider.handle(request);
    },
    ...options,
  });
  return { client, sent, provider };
}

async function approve(provider: { handle(r: Request): Promise<Response> }, url: string) {
  return await provider.handle(new Request(url));
}

Deno.test("the 3-legged flow sends oauth_callback, then the verifier, then neither, and ends authorized", async () => {
  const { client, sent, provider } = providerClient({ callbackUri: "https://app.example/cb" });
  assert.equal(client.authorized, false);
  const temporary = await client.fetchRequestToken(`${BASE}/request_token`);
  assert.equal(oauthParameters(sent[0]).get("oauth_callback"), "https://app.example/cb");
  assert.equal(oauthParameters(sent[0]).has("oauth_token"), false);
  assert.equal(sent[0].method, "POST");
  assert.equal(client.authorized, false);
  assert.deepEqual(client.token, temporary);

  const approval = await approve(provider, client.authorizationUrl(`${BASE}/authorize`));
  const callback = approval.headers.get("location")!;
  const { oauth_verifier } = client.parseAuthorizationResponse(callback);

  const token = await client.fetchAccessToken(`${BASE}/access_token`);
  const exchange = oauthParameters(sent[1]);
  assert.equal(exchange.get("oauth_verifier"), oauth_verifier);
  assert.equal(exchange.get("oauth_token"), temporary.oauth_token);
  assert.equal(exchange.has("oauth_callback"), false);
  assert.equal(token.screen_name, "ada");
  assert.equal(client.authorized, true);

  const response = await client.fetch(`${BASE}/api/me`);
  assert.equal(response.status, 200);
  const call = oauthParameters(sent[2]);
  assert.equal(call.get("oauth_token"), token.oauth_token);
  assert.equal(call.has("oauth_verifier"), false);
  assert.equal(call.has("oauth_callback"), false);
  assert.deepEqual(provider.log.filter((line) => line.includes("refused")), []);
});

Deno.test("without a callbackUri the flow is out-of-band: oauth_callback=oob and a typed-in verifier", async () => {
  const { client, sent, provider } = providerClient();
  await client.fetchRequestToken(`${BASE}/request_token`);
  assert.equal(oauthParameters(sent[0]).get("oauth_callback"), "oob");
  const page = await (await approve(provider, client.authorizationUrl(`${BASE}/authorize`))).text();
  const verifier = page.split(": ")[1];
  await client.fetchAccessToken(`${BASE}/access_token`, { verifier });
  assert.equal((await client.fetch(`${BASE}/api/me`)).status, 200);
});

Deno.test("a client made with temporary credentials and a verifier can finish the flow directly", async () => {
  const { client, sent } = providerClient();
  const temporary = await client.fetchRequestToken(`${BASE}/request_token`);
  const resumed = new OAuth1Client({
    clientKey: "app",
    clientSecret: SECRET,
    token: temporary.oauth_token,
    tokenSecret: temporary.oauth_token_secret,
    verifier: "typed-in",
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(new Response("oauth_token=a&oauth_token_secret=b"));
    },
  });
  assert.equal(resumed.authorized, false);
  await resumed.fetchAccessToken(`${BASE}/access_token`);
  assert.equal(oauthParameters(sent[1]).get("oauth_verifier"), "typed-in");
  assert.equal(resumed.authorized, true);
  assert.deepEqual(resumed.token, { oauth_token: "a", oauth_token_secret: "b" });
});

Deno.test("a provider refusing the signature surfaces as OAuthResponseError with its oauth_problem", async () => {
  const { client } = providerClient({ clientSecret: "wrong" });
  await assert.rejects(client.fetchRequestToken(`${BASE}/request_token`), (error: unknown) => {
    assert.ok(error instanceof OAuthError);
    assert.equal(error.code, "signature_invalid");
    assert.equal(error.status, 401);
    return true;
  });
});

Deno.test("steps out of order are OAuthErrors that say what to call first", async () => {
  const client = new OAuth1Client({ clientKey: "k" });
  assert.throws(() => client.authorizationUrl("https://p.example/authorize"), {
    code: "missing_token",
    message: /fetchRequestToken first/,
  });
  assert.throws(
    () => client.parseAuthorizationResponse("https://a.example/cb?oauth_token=t&oauth_verifier=v"),
    { code: "missing_token" },
  );
  await assert.rejects(client.fetchAccessToken("https://p.example/access_token"), {
    code: "missing_token",
  });

  const waiting = new OAuth1Client({
    clientKey: "k",
    fetch: () =>
      Promise.resolve(
        new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true"),
      ),
  });
  await waiting.fetchRequestToken("https://p.example/request_token");
  await assert.rejects(waiting.fetchAccessToken("https://p.example/access_token"), {
    code: "verifier_missing",
  });
});

Deno.test("authorizationUrl keeps the endpoint's query, adds extra parameters, and refuses to override oauth_token", async () => {
  const client = new OAuth1Client({
    clientKey: "k",
    fetch: () =>
      Promise.resolve(
        new Response("oauth_token=t%2B1&oauth_token_secret=s&oauth_callback_confirmed=true"),
      ),
  });
  await client.fetchRequestToken("https://p.example/request_token");
  assert.equal(
    client.authorizationUrl("https://p.example/authorize?lang=en+GB", { force_login: "true" }),
    "https://p.example/authorize?lang=en+GB&oauth_token=t%2B1&force_login=true",
  );
  assert.throws(
    () => client.authorizationUrl("https://p.example/authorize", { oauth_token: "x" }),
    TypeError,
  );
  // @ts-expect-error: a caller mistake on purpose
  assert.throws(() => client.authorizationUrl("https://p.example/authorize", { n: 1 }), {
    name: "TypeError",
    message: /extraParams.n must be a string/,
  });
  assert.throws(() => client.authorizationUrl("http://p.example/authorize"), {
    code: "insecure_transport",
  });
});

Deno.test("a callback given as path and query is accepted, since only its query matters", async () => {
  const client = new OAuth1Client({
    clientKey: "k",
    fetch: () =>
      Promise.resolve(
        new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true"),
      ),
  });
  await client.fetchRequestToken("https://p.example/request_token");
  assert.deepEqual(client.parseAuthorizationResponse("/cb?oauth_token=t&oauth_verifier=v"), {
    oauth_token: "t",
    oauth_verifier: "v",
  });
  assert.deepEqual(
    client.parseAuthorizationResponse(
      new URL("https://a.example/cb?oauth_token=t&oauth_verifier=w"),
    ),
    { oauth_token: "t", oauth_verifier: "w" },
  );
});

Deno.test("fetchRequestToken honours a method from init but never follows redirects", async () => {
  const seen: Request[] = [];
  const client = new OAuth1Client({
    clientKey: "k",
    fetch: (request) => {
      seen.push(request);
      return Promise.resolve(
        new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true"),
      );
    },
  });
  await client.fetchRequestToken("https://p.example/request_token", {
    method: "GET",
    redirect: "follow",
  });
  assert.equal(seen[0].method, "GET");
  assert.equal(seen[0].redirect, "manual");
});

Deno.test("credential endpoints must be absolute https URLs (or http on loopback)", async () => {
  const client = new OAuth1Client({ clientKey: "k" });
  await assert.rejects(client.fetchRequestToken("/request_token"), {
    name: "TypeError",
    message: /fetchRequestToken url must be an absolute/,
  });
  // @ts-expect-error: a caller mistake on purpose
  await assert.rejects(client.fetchRequestToken(42), {
    name: "TypeError",
    message: /got a number/,
  });
  await assert.rejects(client.fetchRequestToken("ftp://p.example/x"), {
    name: "TypeError",
    message: /got ftp:/,
  });
  await assert.rejects(client.fetchRequestToken("http://p.example/request_token"), {
    code: "insecure_transport",
  });
});

Deno.test("by default every step refuses http beyond loopback, and the message names allowInsecureRequests", async () => {
  const refused = {
    code: "insecure_transport",
    message: /must use https: .*allowInsecureRequests: true.*got http:\/\/example\.com\//,
  };
  const sent: Request[] = [];
  const fetch = (request: Request) => {
    sent.push(request);
    return Promise.resolve(new Response("never"));
  };
  const client = new OAuth1Client({ clientKey: "k", fetch });
  await assert.rejects(client.fetchRequestToken("http://example.com/request_token"), refused);
  await assert.rejects(client.sign(new Request("http://example.com/api")), refused);
  await assert.rejects(client.fetch("http://example.com/api"), refused);
  const temporary = new OAuth1Client({ clientKey: "k", token: "t", tokenSecret: "s", fetch });
  assert.throws(() => temporary.authorizationUrl("http://example.com/authorize"), refused);
  await assert.rejects(
    temporary.fetchAccessToken("http://example.com/access_token", { verifier: "v" }),
    refused,
  );
  assert.deepEqual(sent, [], "nothing was sent");
});

Deno.test("with allowInsecureRequests: true the flow and a protected call run against an http provider beyond loopback", async () => {
  const base = "http://provider.example";
  const { client, sent, provider } = providerClient({
    callbackUri: "https://app.example/cb",
    allowInsecureRequests: true,
  });
  await client.fetchRequestToken(`${base}/request_token`);
  const authorizationUrl = client.authorizationUrl(`${base}/authorize`);
  assert.match(authorizationUrl, /^http:\/\/provider\.example\/authorize\?oauth_token=/);
  const approval = await approve(provider, authorizationUrl);
  client.parseAuthorizationResponse(approval.headers.get("location")!);
  await client.fetchAccessToken(`${base}/access_token`);
  const response = await client.fetch(`${base}/api/me`);
  assert.equal(response.status, 200);
  assert.deepEqual(sent.map((request) => new URL(request.url).origin), Array(3).fill(base));
  for (const request of sent) assert.ok(oauthParameters(request).has("oauth_signature"));
  assert.deepEqual(provider.log.filter((line) => line.includes("refused")), []);
});

Deno.test("PLAINTEXT over http beyond loopback is refused even with allowInsecureRequests, before anything is sent", async () => {
  const { client, sent } = providerClient({
    signatureMethod: "PLAINTEXT",
    allowInsecureRequests: true,
  });
  await assert.rejects(client.fetchRequestToken("http://provider.example/request_token"), {
    code: "insecure_transport",
    message:
      /PLAINTEXT request must use https: \(RFC 5849 §3\.4\.4.*even with allowInsecureRequests/,
  });
  await assert.rejects(client.fetch("http://provider.example/api/me"), {
    code: "insecure_transport",
  });
  assert.deepEqual(sent, []);
  // Loopback stays allowed for PLAINTEXT, as for every method.
  await client.fetchRequestToken(`${BASE}/request_token`);
  assert.equal(oauthParameters(sent[0]).get("oauth_signature"), `${SECRET}&`);
});

Deno.test("every option is checked at construction with a TypeError that names it", () => {
  const cases: [unknown, RegExp][] = [
    [undefined, /options must be an object/],
    [{}, /clientKey must be a non-empty string/],
    [{ clientKey: "" }, /clientKey must be a non-empty string/],
    [{ clientKey: "k", consumerSecret: "s" }, /unknown OAuth1Client option "consumerSecret"/],
    [{ clientKey: "k", clientSecret: 1 }, /clientSecret must be a string/],
    [{ clientKey: "k", signatureMethod: "HMAC-MD5" }, /signatureMethod must be one of HMAC-SHA1/],
    [
      { clientKey: "k", signatureType: "cookie" },
      /signatureType must be one of header, query, body/,
    ],
    [{ clientKey: "k", tokenSecret: "s" }, /tokenSecret was given without token/],
    [{ clientKey: "k", realm: "a\r\nb" }, /realm must be printable ASCII/],
    [{ clientKey: "k", callbackUri: "/cb" }, /callbackUri must be an absolute URI or "oob"/],
    [{ clientKey: "k", includeVersion: "yes" }, /includeVersion must be a boolean/],
    [{ clientKey: "k", nonce: "fixed" }, /nonce must be a function/],
    [{ clientKey: "k", fetch: {} }, /fetch must be a function, got an object/],
    [
      { clientKey: "k", requireCallbackConfirmed: "false" },
      /requireCallbackConfirmed must be a boolean, got a string/,
    ],
    [{ clientKey: "k", allowInsecureRequests: 1 }, /allowInsecureRequests must be a boolean/],
    [{ clientKey: "k", allowInsecure: true }, /unknown OAuth1Client option "allowInsecure"/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => new OAuth1Client(options as OAuth1ClientOptions), {
      name: "TypeError",
      message,
    }, String(message));
  }
});

Deno.test("no serialisation of a client shows a secret", () => {
  const client = new OAuth1Client({
    clientKey: "k",
    clientSecret: SECRET,
    token: "t",
    tokenSecret: SECRET,
    fetch: () => Promise.resolve(new Response("x")),
  });
  for (
    const text of [JSON.stringify(client), String(client), inspect(client), Deno.inspect(client)]
  ) {
    assert.doesNotMatch(text, new RegExp(SECRET));
    assert.match(text, /"clientKey":"k"/);
  }
});

Deno.test("the token getter returns a copy that cannot change the client's credentials", () => {
  const client = new OAuth1Client({ clientKey: "k", token: "t", tokenSecret: "s" });
  const token = client.token!;
  token.oauth_token = "changed";
  assert.equal(client.token?.oauth_token, "t");
});

Deno.test("a web app can resume on its callback with a new client made from the stored temporary credentials", async () => {
  const { client: first, provider } = providerClient({ callbackUri: "https://app.example/cb" });
  const stored = await first.fetchRequestToken(`${BASE}/request_token`);
  const callback = (await approve(provider, first.authorizationUrl(`${BASE}/authorize`))).headers
    .get("location")!;

  const resumed = new OAuth1Client({
    clientKey: "app",
    clientSecret: SECRET,
    token: stored.oauth_token,
    tokenSecret: stored.oauth_token_secret,
    fetch: provider.handle,
  });
  resumed.parseAuthorizationResponse(callback);
  assert.equal(resumed.authorized, false, "a matching callback shows the token is temporary");
  await resumed.fetchAccessToken(`${BASE}/access_token`);
  assert.equal(resumed.authorized, true);
  assert.equal((await resumed.fetch(`${BASE}/api/me`)).status, 200);
  assert.deepEqual(provider.log.filter((line) => line.includes("refused")), []);
});

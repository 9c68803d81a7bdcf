/**
 * The registry takes the clients' own option names: every `OAuth2Client` option but those it
 * sets per login and session reaches the client (PKCE, authorization parameters, client
 * authentication, token placement, a profile reader, …), and every `OAuth1Client` option with
 * `clientKey` (or `clientId`) and the three URLs reaches the OAuth 1.0a client.
 */
import assert from "node:assert/strict";
import { OAuthRegistry, type Token } from "../../web/mod.ts";
import { oauthHeaderParameters } from "../_helpers.ts";

const SECRET = "the registry config test's cookie secret";

function registry(fetch: (request: Request) => Promise<Response>, session?: Token) {
  return new OAuthRegistry({
    secret: SECRET,
    fetch,
    fetchToken: () => Promise.resolve(session),
  });
}

Deno.test("every OAuth2Client option in a configuration reaches the client", async () => {
  const seen: Request[] = [];
  const fetch = (request: Request) => {
    seen.push(request);
    if (request.url.startsWith("https://as.example/token")) {
      return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
    }
    return Promise.resolve(Response.json({ uid: 7, who: "Ada" }));
  };
  const oauth = registry(fetch, { access_token: "at", token_type: "Bearer" });
  const app = oauth.register("custom", {
    clientId: "app",
    clientSecret: "s3cret-value",
    clientAuthentication: "client_secret_post",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/cb",
    pkce: false,
    authorizationParams: { prompt: "login" },
    tokenPlacement: "query",
    profile: async ({ getJson }) => {
      const body = await getJson("https://api.example/me");
      return { id: String(body.uid), name: body.who as string, raw: body };
    },
    apiBaseUrl: "https://api.example/",
  });
  const start = await app.authorizeRedirect(new Request("https://app.example/login"));
  const location = new URL(start.headers.get("location")!);
  assert.equal(
    location.searchParams.get("redirect_uri"),
    "https://app.example/cb",
    "the configuration's redirectUri",
  );
  assert.equal(location.searchParams.get("prompt"), "login");
  assert.equal(location.searchParams.has("code_challenge"), false);
  const cookie = start.headers.getSetCookie()[0].split(";")[0];
  const callback = `https://app.example/cb?code=c&state=${location.searchParams.get("state")}`;
  await app.authorizeAccessToken(new Request(callback, { headers: { cookie } }));
  const form = new URLSearchParams(await seen[0].text());
  assert.equal(form.get("client_secret"), "s3cret-value");
  assert.equal(seen[0].headers.get("authorization"), null);
  const request = new Request("https://app.example/me");
  assert.deepEqual(await app.profile({ request }), {
    id: "7",
    name: "Ada",
    raw: { uid: 7, who: "Ada" },
  });
  assert.equal(
    new URL(seen[1].url).searchParams.get("access_token"),
    "at",
    "tokenPlacement: query",
  );
});

Deno.test("authorizeRedirect needs a redirect URI, given or configured", async () => {
  const oauth = registry(() => Promise.reject(new Error("no request")));
  const app = oauth.register("bare", {
    clientId: "app",
    authorizationEndpoint: "https://as.example/authorize",
  });
  await assert.rejects(app.authorizeRedirect(new Request("https://app.example/login")), TypeError);
  const given = await app.authorizeRedirect(
    new Request("https://app.example/login"),
    "https://app.example/given",
  );
  assert.equal(
    new URL(given.headers.get("location")!).searchParams.get("redirect_uri"),
    "https://app.example/given",
  );
});

Deno.test("a configuration with an option the registry sets itself is a TypeError naming it", () => {
  const oauth = registry(() => Promise.reject(new Error("no request")));
  const base = { clientId: "app", tokenEndpoint: "https://as.example/token" };
  for (const option of ["token", "store", "onTokenUpdated", "fetch", "now"]) {
    assert.throws(
      () => oauth.register(`with-${option}`, { ...base, [option]: () => {} }),
      (error: Error) => error instanceof TypeError && error.message.includes(option),
      option,
    );
  }
  assert.throws(() => oauth.register("no-id", { clientId: "" }), /needs a clientId/);
});

Deno.test("an OAuth 1.0a configuration takes clientKey and the OAuth1Client's options", async () => {
  const seen: Request[] = [];
  const oauth = registry((request) => {
    seen.push(request);
    return Promise.resolve(
      new Response("oauth_token=temp&oauth_token_secret=temp-secret&oauth_callback_confirmed=true"),
    );
  });
  const app = oauth.register("legacy", {
    clientKey: "consumer-key",
    clientSecret: "consumer-secret",
    signatureMethod: "HMAC-SHA256",
    realm: "Photos",
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  });
  assert.equal(app.isOAuth1, true);
  assert.equal(JSON.stringify(app), '{"name":"legacy","clientId":"consumer-key","isOAuth1":true}');
  const start = await app.authorizeRedirect(
    new Request("https://app.example/login"),
    "https://app.example/cb",
  );
  assert.equal(start.headers.get("location"), "https://legacy.example/authorize?oauth_token=temp");
  const header = seen[0].headers.get("authorization")!;
  assert.match(header, /^OAuth realm="Photos", /);
  const parameters = oauthHeaderParameters(header);
  assert.equal(parameters.get("oauth_consumer_key"), "consumer-key");
  assert.equal(parameters.get("oauth_signature_method"), "HMAC-SHA256");
  assert.equal(parameters.get("oauth_callback"), "https://app.example/cb");
});

Deno.test("an OAuth 1.0a consumer key is given once, by either name", () => {
  const oauth = registry(() => Promise.reject(new Error("no request")));
  const urls = {
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  };
  assert.equal(oauth.register("by-id", { clientId: "key", ...urls }).toJSON().clientId, "key");
  assert.throws(
    () => oauth.register("both", { clientId: "a", clientKey: "b", ...urls } as never),
    /clientKey and clientId/,
  );
  assert.throws(() => oauth.register("neither", { ...urls } as never), /needs a clientKey/);
  for (const option of ["token", "tokenSecret", "verifier", "fetch"]) {
    assert.throws(
      () => oauth.register(`with-${option}`, { clientKey: "key", ...urls, [option]: "x" } as never),
      (error: Error) => error instanceof TypeError && error.message.includes(option),
      option,
    );
  }
});

Deno.test("an OAuth 1.0a provider's callbackUri is authorizeRedirect's default, as redirectUri is for OAuth 2.0", async () => {
  const callbacks: string[] = [];
  const oauth = new OAuthRegistry({
    secret: "a long secret for sealing the login cookies",
    fetch: (request) => {
      const header = request.headers.get("authorization") ?? "";
      callbacks.push(decodeURIComponent(/oauth_callback="([^"]*)"/.exec(header)?.[1] ?? ""));
      return Promise.resolve(
        new Response("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true", {
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      );
    },
  });
  const app = oauth.register("legacy", {
    clientKey: "key",
    callbackUri: "https://app.example/callback/legacy",
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  });
  const response = await app.authorizeRedirect(new Request("https://app.example/login"));
  assert.equal(response.status, 302);
  await app.authorizeRedirect(
    new Request("https://app.example/login"),
    "https://app.example/other",
  );
  assert.deepEqual(callbacks, [
    "https://app.example/callback/legacy",
    "https://app.example/other",
  ]);
});

Deno.test("an OAuth 1.0a configuration without its authorization or token URL is a TypeError at registration", () => {
  const oauth = new OAuthRegistry({ secret: "a long secret for sealing the login cookies" });
  const urls = {
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  };
  for (const missing of ["authorizeUrl", "accessTokenUrl"] as const) {
    const { [missing]: _, ...rest } = urls;
    assert.throws(
      () => oauth.register(`without-${missing}`, { clientKey: "key", ...rest } as never),
      {
        name: "TypeError",
        message: `without-${missing} needs ${missing}, as an OAuth 1.0a provider`,
      },
    );
  }
});

/** Regressions found in review: each test failed before its fix. */
import assert from "node:assert/strict";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";

const NOW = 1_700_000_000_000;
const SECRET = "SECRET_SENTINEL_VALUE";

function client(
  options: Partial<OAuth2ClientOptions>,
  answer: (form: URLSearchParams) => Response | Promise<Response>,
) {
  const sent: URLSearchParams[] = [];
  const instance = new OAuth2Client({
    clientId: "app",
    clientSecret: "app-secret-value",
    tokenEndpoint: "https://as.example/token",
    now: () => NOW,
    fetch: async (request) => {
      const form = new URLSearchParams(await request.text());
      sent.push(form);
      return await answer(form);
    },
    ...options,
  });
  return { client: instance, sent };
}

Deno.test("a protectedRequest hook that rebuilds the request cannot make the runtime follow a redirect with the token", async () => {
  const seen: Request[] = [];
  const instance = new OAuth2Client({
    clientId: "app",
    token: { access_token: SECRET, token_type: "Bearer" },
    tokenPlacement: "body",
    hooks: {
      protectedRequest: [(request) =>
        new Request(
          request.url,
          {
            method: request.method,
            headers: request.headers,
            body: request.body,
            duplex: "half",
          } as RequestInit,
        )],
    },
    fetch: (request) => {
      seen.push(request);
      const elsewhere = new URL(request.url).origin === "https://elsewhere.example";
      return Promise.resolve(
        elsewhere ? new Response("ok") : new Response(null, {
          status: 307,
          headers: { location: "https://elsewhere.example/x" },
        }),
      );
    },
  });
  await instance.fetch("https://api.example/x", {
    method: "POST",
    body: "a=1",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assert.ok(seen.every((request) => request.redirect === "manual"));
  const crossOrigin = seen.filter((request) =>
    new URL(request.url).origin === "https://elsewhere.example"
  );
  assert.equal(crossOrigin.length, 1);
  assert.equal(await crossOrigin[0].text(), "a=1", "followed without the token");
});

Deno.test("a hook that moves a request to plain http is refused", async () => {
  const instance = new OAuth2Client({
    clientId: "app",
    token: { access_token: "a", token_type: "Bearer" },
    hooks: { protectedRequest: [(request) => new Request("http://api.example/x", request)] },
  });
  await assert.rejects(instance.sign(new Request("https://api.example/x")), {
    code: "insecure_transport",
  });
});

Deno.test("when onTokenUpdated fails, the rotated token is kept and handed over again on next use", async () => {
  const saved: string[] = [];
  let failOnce = true;
  const { client: instance } = client(
    {
      token: {
        access_token: "old",
        token_type: "Bearer",
        refresh_token: "rt0",
        expires_at: NOW / 1000,
      },
      onTokenUpdated: (token) => {
        if (failOnce) {
          failOnce = false;
          throw new Error("disk full");
        }
        saved.push(token.refresh_token!);
      },
    },
    () =>
      Response.json({
        access_token: "new",
        token_type: "Bearer",
        refresh_token: "rt1",
        expires_in: 3600,
      }),
  );
  await assert.rejects(instance.sign(new Request("https://api.example/")), (error: unknown) => {
    assert.ok(error instanceof OAuthError && error.code === "token_update_failed");
    assert.equal((error.cause as Error).message, "disk full");
    return true;
  });
  assert.equal(instance.token?.refresh_token, "rt1");
  const signed = await instance.sign(new Request("https://api.example/"));
  assert.equal(signed.headers.get("authorization"), "Bearer new");
  assert.deepEqual(saved, ["rt1"]);
});

Deno.test("refreshToken with the client's own refresh token joins the refresh already in flight", async () => {
  const { client: instance, sent } = client({
    token: {
      access_token: "old",
      token_type: "Bearer",
      refresh_token: "rt0",
      expires_at: NOW / 1000,
    },
  }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return Response.json({ access_token: "new", token_type: "Bearer", refresh_token: "rt1" });
  });
  await Promise.all([
    instance.sign(new Request("https://api.example/")),
    instance.refreshToken("rt0"),
  ]);
  assert.deepEqual(sent.map((form) => form.get("refresh_token")), ["rt0"]);
});

Deno.test("a refresh that finishes after a new login does not overwrite the new token", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  const { client: instance } = client({
    token: { access_token: "old", token_type: "Bearer", refresh_token: "rt0" },
  }, async (form) => {
    if (form.get("grant_type") === "refresh_token") {
      await gate;
      return Response.json({ access_token: "from-refresh", token_type: "Bearer" });
    }
    return Response.json({ access_token: "from-login", token_type: "Bearer" });
  });
  const refreshing = instance.refreshToken();
  await instance.fetchToken({ grantType: "client_credentials" });
  release();
  assert.equal((await refreshing).access_token, "from-refresh");
  assert.equal(instance.token?.access_token, "from-login");
});

Deno.test("a token living less than the leeway is used, not refreshed at once, and not called expired early", async () => {
  let refreshes = 0;
  const { client: instance } = client({}, (form) => {
    if (form.get("grant_type") === "refresh_token") refreshes++;
    return Response.json({
      access_token: "short",
      token_type: "Bearer",
      expires_in: 20,
      refresh_token: "rt",
    });
  });
  await instance.fetchToken({ grantType: "client_credentials" });
  for (let i = 0; i < 5; i++) await instance.sign(new Request("https://api.example/"));
  assert.equal(refreshes, 0);
  const noRefresh = new OAuth2Client({
    clientId: "app",
    token: { access_token: "a", token_type: "Bearer", expires_at: NOW / 1000 + 10 },
    now: () => NOW,
  });
  assert.equal(
    (await noRefresh.sign(new Request("https://api.example/"))).headers.get("authorization"),
    "Bearer a",
  );
});

Deno.test("with PKCE on, a code exchange without codeVerifier, or with unknown members, is a TypeError", async () => {
  const { client: instance, sent } = client(
    {},
    () => Response.json({ access_token: "a", token_type: "Bearer" }),
  );
  await assert.rejects(instance.fetchToken({ code: "c" }), {
    name: "TypeError",
    message: /codeVerifier is required/,
  });
  await assert.rejects(instance.fetchToken({ code: "c", code_verifier: "v".repeat(43) } as never), {
    name: "TypeError",
    message: /does not know code_verifier/,
  });
  await assert.rejects(instance.fetchToken({ code: "c", state: "s" } as never), {
    name: "TypeError",
    message: /does not know state/,
  });
  assert.equal(sent.length, 0);
  const { client: noPkce } = client(
    { pkce: false },
    () => Response.json({ access_token: "a", token_type: "Bearer" }),
  );
  assert.equal((await noPkce.fetchToken({ code: "c" })).access_token, "a");
});

Deno.test("tokenFromFragment needs the state, or an explicit skipStateCheck", () => {
  const instance = new OAuth2Client({ clientId: "app" });
  const url = "https://app.example/cb#access_token=at&token_type=bearer&state=ATTACKER";
  assert.throws(() => instance.tokenFromFragment(url), {
    name: "TypeError",
    message: /needs the state/,
  });
  assert.throws(() => instance.tokenFromFragment(url, { state: "mine" }), {
    code: "state_mismatch",
  });
  assert.equal(instance.tokenFromFragment(url, { skipStateCheck: true }).access_token, "at");
  assert.equal(
    instance.tokenFromFragment(
      "https://app.example/cb#access_token=a&token_type=bearer&constructor=x",
      { skipStateCheck: true },
    ).constructor,
    "x",
  );
});

Deno.test("a network failure names the endpoint but never the token in the URL", async () => {
  const instance = new OAuth2Client({
    clientId: "app",
    token: { access_token: SECRET, token_type: "Bearer" },
    tokenPlacement: "query",
    fetch: (request) =>
      Promise.reject(new TypeError(`error sending request for url (${request.url})`)),
  });
  await assert.rejects(instance.fetch("https://api.example/me"), (error: unknown) => {
    assert.ok(error instanceof OAuthError && error.code === "network_error");
    assert.match(error.message, /https:\/\/api\.example\/me/);
    assert.doesNotMatch(`${error.message} ${(error.cause as Error).message}`, new RegExp(SECRET));
    return true;
  });
});

Deno.test("an error page that echoes the refresh token or the client secret has them cut out", async () => {
  const { client: instance } = client(
    { token: { access_token: "a", token_type: "Bearer", refresh_token: SECRET } },
    () =>
      new Response(`<h1>bad refresh_token ${SECRET} for app-secret-value</h1>`, {
        status: 500,
        headers: { "content-type": "text/html" },
      }),
  );
  const error = await instance.refreshToken().catch((caught) => caught) as OAuthError;
  assert.equal(error.code, "invalid_response");
  assert.equal(error.body, "<h1>bad refresh_token [redacted] for [redacted]</h1>");
});

Deno.test("a server's non-numeric expires_at is dropped; caller mistakes name the option", async () => {
  const { client: instance } = client(
    {},
    () => Response.json({ access_token: "a", token_type: "Bearer", expires_at: "soon" }),
  );
  assert.equal(
    (await instance.fetchToken({ grantType: "client_credentials" })).expires_at,
    undefined,
  );
  assert.throws(() => new OAuth2Client({ clientId: "app", clientSecret: "" }), {
    message: /clientSecret must not be empty/,
  });
  assert.throws(
    () => new OAuth2Client({ clientId: "app", clientSecret: "s", clientAuthentication: "none" }),
    { message: /not used by clientAuthentication "none"/ },
  );
  assert.throws(
    () =>
      new OAuth2Client({ clientId: "app" }).tokenFromFragment(42 as unknown as string, {
        skipStateCheck: true,
      }),
    { message: /^url must be the callback URL/ },
  );
  const authorizing = new OAuth2Client({
    clientId: "app",
    authorizationEndpoint: "https://as.example/a",
    pkce: false,
  });
  await assert.rejects(authorizing.authorizationUrl({ codeVerifier: "v".repeat(43) }), {
    message: /pkce: false/,
  });
  await assert.rejects(authorizing.authorizationUrl({ nonce: 5 as unknown as string }), {
    message: /nonce must be a non-empty string/,
  });
});

Deno.test("an error page that echoes the client assertion or the Basic credentials has them cut out", async () => {
  const echo = async (request: Request) =>
    new Response(`got ${request.headers.get("authorization") ?? ""} ${await request.text()}`, {
      status: 500,
    });
  const basic = new OAuth2Client({
    clientId: "app",
    clientSecret: "app-secret-value",
    tokenEndpoint: "https://as.example/token",
    fetch: echo,
  });
  const basicError = await basic.fetchToken({ grantType: "client_credentials" }).catch((error) =>
    error
  ) as OAuthError;
  assert.doesNotMatch(basicError.body!, /YXBwOmFwcC1zZWNyZXQtdmFsdWU=/);
  assert.match(basicError.body!, /Basic \[redacted\]/);
  const jwt = new OAuth2Client({
    clientId: "app",
    clientSecret: "app-secret-value-long",
    clientAuthentication: "client_secret_jwt",
    tokenEndpoint: "https://as.example/token",
    fetch: echo,
  });
  const jwtError = await jwt.fetchToken({ grantType: "client_credentials" }).catch((error) =>
    error
  ) as OAuthError;
  assert.doesNotMatch(jwtError.body!, /eyJ/);
  assert.match(jwtError.body!, /client_assertion=\[redacted\]/);
});

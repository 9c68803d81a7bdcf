import assert from "node:assert/strict";
import { inspect } from "node:util";
import { decodeJwt } from "jose";
import { OAuth2Client, type OAuth2ClientOptions, type Token } from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { formClient, NOW, SECRET, setup } from "./_fake_server.ts";

Deno.test("the code exchange sends exactly RFC 6749 §4.1.3 + RFC 7636 §4.5, with the authorization request's redirect URI", async () => {
  const { client, sent } = setup();
  const { url, state, codeVerifier } = await client.authorizationUrl();
  const token = await client.fetchToken({
    authorizationResponse: `https://app.example/callback?code=c0de&state=${state}`,
    state,
    codeVerifier,
  });
  assert.equal(sent.length, 1);
  const { form, headers } = sent[0];
  assert.deepEqual([...form], [
    ["grant_type", "authorization_code"],
    ["code", "c0de"],
    ["redirect_uri", url.searchParams.get("redirect_uri")!],
    ["code_verifier", codeVerifier!],
  ]);
  assert.equal(headers.get("accept"), "application/json");
  assert.equal(headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  assert.equal(headers.get("authorization"), "Basic " + btoa(`app:${SECRET}`));
  assert.equal(sent[0].url.search, "", "no credential in the URL");
  assert.deepEqual(token, {
    access_token: "at1",
    token_type: "Bearer",
    expires_in: 3600,
    expires_at: NOW / 1000 + 3600,
    refresh_token: "rt1",
  });
  assert.deepEqual(client.token, token);
});

Deno.test("no token request is sent when the callback fails any check, each with its own code", async () => {
  const { client, sent } = setup({ issuer: "https://as.example" });
  const { state, codeVerifier } = await client.authorizationUrl();
  const callbacks: [string, string][] = [
    ["code=c&state=WRONG", "state_mismatch"],
    ["code=c", "state_missing"],
    [`code=c&state=${state}&state=${state}`, "duplicate_param"],
    [`code=c&state=${state}&iss=https%3A%2F%2Fevil.example`, "issuer_mismatch"],
    [`error=access_denied&state=${state}`, "access_denied"],
    ["error=access_denied&state=WRONG", "state_mismatch"],
    [`state=${state}`, "code_missing"],
    [`code=c&state=${state}&access_token=x`, "implicit_unsupported"],
  ];
  for (const [query, code] of callbacks) {
    const callback = `https://app.example/callback?${query}`;
    await assert.rejects(
      client.fetchToken({ authorizationResponse: callback, state, codeVerifier }),
      { code },
      query,
    );
  }
  assert.equal(sent.length, 0);
});

Deno.test("fetchToken needs the state with a callback, and one grant at a time", async () => {
  const { client } = setup();
  await assert.rejects(
    client.fetchToken(
      { authorizationResponse: "https://app.example/callback?code=c&state=s" } as never,
    ),
    { name: "TypeError", message: /needs the state/ },
  );
  await assert.rejects(client.fetchToken({ code: "c", grantType: "password" } as never), {
    name: "TypeError",
    message: /ask for one grant/,
  });
  await assert.rejects(client.fetchToken({} as never), {
    name: "TypeError",
    message: /needs one of/,
  });
  // What a caller without the types (types_test.ts) may still send:
  await assert.rejects(client.fetchToken({ grantType: "password", username: "u" } as never), {
    name: "TypeError",
    message: /password grant needs password/,
  });
  await assert.rejects(
    client.fetchToken({ grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer" } as never),
    { name: "TypeError", message: /needs assertion/ },
  );
  for (
    const grant of [
      { grantType: "client_credentials", client_secret: "x" },
      { grantType: "client_credentials", extraParams: { client_secret: "x" } },
    ]
  ) {
    await assert.rejects(client.fetchToken(grant as never), {
      name: "TypeError",
      message: /cannot set client_secret/,
    });
  }
  await assert.rejects(
    client.fetchToken({ grantType: "client_credentials", extraParams: "audience=x" } as never),
    { name: "TypeError", message: /extraParams must be an object, got a string/ },
  );
});

Deno.test("a code redemption carries a provider's extraParams after its own, and none of them may replace a protocol parameter", async () => {
  const { client, sent } = setup();
  const { state, codeVerifier } = await client.authorizationUrl();
  const callback = `https://app.example/callback?code=c0de&state=${state}&device_id=d1`;
  await client.fetchToken({
    authorizationResponse: callback,
    state,
    codeVerifier,
    extraParams: { device_id: new URL(callback).searchParams.get("device_id")! },
  });
  await client.fetchToken({ code: "c2", codeVerifier, extraParams: { device_id: "d2" } });
  assert.deepEqual(sent.map(({ form }) => [...form].slice(-1)[0]), [
    ["device_id", "d1"],
    ["device_id", "d2"],
  ]);
  for (const name of ["code", "code_verifier", "redirect_uri", "grant_type", "client_secret"]) {
    await assert.rejects(
      client.fetchToken({ code: "c3", codeVerifier, extraParams: { [name]: "x" } }),
      {
        name: "TypeError",
        message: `fetchToken cannot set ${name}: the client sends its own`,
      },
    );
  }
  assert.equal(sent.length, 2, "a refused extra parameter sends nothing");
});

Deno.test("client_credentials and password send the scope (requests-oauthlib drops it); extension grants pass their parameters", async () => {
  const { client, sent } = setup();
  await client.fetchToken({ grantType: "client_credentials" });
  await client.fetchToken({
    grantType: "password",
    username: "alice",
    password: "wonder land",
    scope: ["a", "b"],
  });
  await client.fetchToken({
    grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion: "e.y.j",
  });
  await client.fetchToken({ grantType: "urn:example:custom", subject: "x", audience: ["p", "q"] });
  assert.deepEqual([...sent[0].form], [["grant_type", "client_credentials"], ["scope", "read"]]);
  assert.deepEqual([...sent[1].form], [["grant_type", "password"], ["scope", "a b"], [
    "username",
    "alice",
  ], ["password", "wonder land"]]);
  assert.deepEqual([...sent[2].form], [
    ["grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
    ["scope", "read"],
    ["assertion", "e.y.j"],
  ]);
  assert.deepEqual(sent[3].form.getAll("audience"), ["p", "q"]);
});

Deno.test("sign() puts the token in the header, the query or a form body (RFC 6750 §2)", async () => {
  const token: Token = { access_token: "a b+c", token_type: "bearer" };
  const header = await new OAuth2Client({ clientId: "app", token }).sign(
    new Request("https://api.example/x"),
  );
  assert.equal(header.headers.get("authorization"), "Bearer a b+c");
  const query = await new OAuth2Client({ clientId: "app", token, tokenPlacement: "query" }).sign(
    new Request("https://api.example/x?q=1"),
  );
  assert.equal(query.url, "https://api.example/x?q=1&access_token=a%20b%2Bc");
  const bodyClient = new OAuth2Client({ clientId: "app", token, tokenPlacement: "body" });
  const body = await bodyClient.sign(
    new Request("https://api.example/x", {
      method: "POST",
      body: "a=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  );
  assert.equal(await body.text(), "a=1&access_token=a%20b%2Bc");
  await assert.rejects(bodyClient.sign(new Request("https://api.example/x")), {
    name: "TypeError",
    message: /tokenPlacement "body"/,
  });
});

Deno.test("sign() refuses plain http off loopback and token types it cannot present", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    token: { access_token: SECRET, token_type: "Bearer" },
  });
  await assert.rejects(client.sign(new Request("http://api.example/")), (error: unknown) => {
    assert.ok(error instanceof OAuthError && error.code === "insecure_transport");
    assert.doesNotMatch(error.message, new RegExp(SECRET));
    return true;
  });
  const mac = new OAuth2Client({
    clientId: "app",
    token: { access_token: "a", token_type: "mac" },
  });
  await assert.rejects(mac.sign(new Request("https://api.example/")), {
    code: "unsupported_token_type",
  });
});

Deno.test("revokeToken sends the refresh token by default with its hint, and forgets the client's token", async () => {
  const { client, sent } = setup({
    token: { access_token: "at", token_type: "Bearer", refresh_token: "rt" },
  }, () => new Response(null, { status: 200 }));
  await client.revokeToken();
  assert.deepEqual([...sent[0].form], [["token", "rt"], ["token_type_hint", "refresh_token"]]);
  assert.equal(sent[0].url.href, "https://as.example/revoke");
  assert.ok(sent[0].headers.get("authorization")?.startsWith("Basic "));
  assert.equal(client.token, undefined);
  await client.revokeToken("other", "access_token");
  assert.deepEqual([...sent[1].form], [["token", "other"], ["token_type_hint", "access_token"]]);
});

Deno.test("a revocation error is the server's error", async () => {
  const { client } = setup(
    {},
    () => Response.json({ error: "unsupported_token_type" }, { status: 400 }),
  );
  await assert.rejects(
    client.revokeToken("t"),
    (error: unknown) =>
      error instanceof OAuthResponseError && error.code === "unsupported_token_type",
  );
});

Deno.test("introspectToken returns the response when active is a boolean, and refuses anything else", async () => {
  const answers = [{ active: true, scope: "read", client_id: "app" }, { active: "true" }, {}];
  const { client, sent } = setup(
    { token: { access_token: "at", token_type: "Bearer" } },
    (_sent, index) => Response.json(answers[index]),
  );
  assert.deepEqual(await client.introspectToken(), answers[0]);
  assert.deepEqual([...sent[0].form], [["token", "at"], ["token_type_hint", "access_token"]]);
  await assert.rejects(client.introspectToken(), { code: "invalid_response" });
  await assert.rejects(client.introspectToken(), { code: "invalid_response" });
});

Deno.test("tokenFromFragment reads an implicit redirect and checks its state first", () => {
  const client = new OAuth2Client({ clientId: "app", now: () => NOW });
  const url = "https://app.example/cb#access_token=at&token_type=bearer&expires_in=60&state=s1";
  assert.deepEqual(client.tokenFromFragment(url, { state: "s1" }), {
    access_token: "at",
    token_type: "bearer",
    expires_in: 60,
    expires_at: NOW / 1000 + 60,
  });
  assert.throws(() => client.tokenFromFragment(url, { state: "other" }), {
    code: "state_mismatch",
  });
  assert.throws(
    () =>
      client.tokenFromFragment("https://app.example/cb#error=access_denied&state=s1", {
        state: "s1",
      }),
    OAuthResponseError,
  );
  assert.throws(
    () =>
      client.tokenFromFragment("https://app.example/cb#token_type=bearer", {
        skipStateCheck: true,
      }),
    {
      code: "invalid_response",
    },
  );
});

Deno.test("client assertions use the issuer as audience when known, the token endpoint otherwise", async () => {
  const key = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const audiences: unknown[] = [];
  for (
    const options of [{ issuer: "https://as.example" }, {}, {
      issuer: "https://as.example",
      clientAssertionAudience: "https://aud.example",
    }]
  ) {
    const { client, sent } = setup({
      clientAuthentication: "private_key_jwt",
      clientSecret: undefined,
      privateKey: key.privateKey,
      ...options,
    });
    await client.fetchToken({ grantType: "client_credentials" });
    audiences.push(decodeJwt(sent[0].form.get("client_assertion")!).aud);
    assert.equal(sent[0].headers.has("authorization"), false);
  }
  assert.deepEqual(audiences, [
    "https://as.example",
    "https://as.example/token",
    "https://aud.example",
  ]);
});

Deno.test("every option is checked at construction with an error that names it", () => {
  const base = { clientId: "app" };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{}, /clientId must be a non-empty string/],
    [{ ...base, clientSecretz: "x" }, /unknown OAuth2Client option "clientSecretz"/],
    [{ ...base, tokenEndpoint: "/token" }, /tokenEndpoint must be an absolute/],
    [{ ...base, clientAuthentication: "client_secret_post" }, /needs clientSecret/],
    [{ ...base, clientAuthentication: "tls_client_auth" }, /clientAuthentication must be one of/],
    [{ ...base, clientAuthentication: "private_key_jwt" }, /privateKey is needed by/],
    [{ ...base, pkce: "S512" }, /pkce must be/],
    [{ ...base, tokenPlacement: "cookie" }, /tokenPlacement must be/],
    [{ ...base, scope: 42 }, /scope must be a string or an array/],
    [{ ...base, token: { token_type: "Bearer" } }, /token.access_token must be a non-empty string/],
    [{ ...base, hooks: { protectedRequests: [] } }, /unknown hook point/],
    [{ ...base, issuer: "https://as.example/?x=1" }, /issuer must not have a query/],
    [{ ...base, now: 5 }, /now must be a function/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => new OAuth2Client(options as unknown as OAuth2ClientOptions),
      { message },
      String(message),
    );
  }
  assert.throws(() => new OAuth2Client({ ...base, tokenEndpoint: "http://as.example/token" }), {
    code: "insecure_transport",
  });
  assert.throws(() => new OAuth2Client({ ...base, refreshLeeway: -1 }), RangeError);
});

Deno.test("no serialisation of a client or its errors shows a secret or a token", async () => {
  const { client } = setup({
    token: { access_token: SECRET, token_type: "Bearer", refresh_token: SECRET },
  }, () => Response.json({ error: "invalid_grant" }, { status: 400 }));
  for (
    const text of [JSON.stringify(client), String(client), inspect(client), Deno.inspect(client)]
  ) {
    assert.doesNotMatch(text, new RegExp(SECRET));
    assert.match(text, /"clientId":"app"/);
  }
  const error = await client.refreshToken().catch((error) => error);
  assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), new RegExp(SECRET));
});

Deno.test("hooks run at their points: a response hook may turn a form body into JSON; a throwing hook aborts", async () => {
  const seen: string[] = [];
  const { client } = setup(
    {
      hooks: [{
        accessTokenRequest: [(request) => {
          seen.push("accessTokenRequest");
          return request;
        }],
        accessTokenResponse: [async (response) => {
          seen.push("accessTokenResponse");
          const form = new URLSearchParams(await response.text());
          return Response.json({ ...Object.fromEntries(form), token_type: "Bearer" });
        }],
      }, {
        protectedRequest: [(request) => {
          seen.push("protectedRequest");
          const headers = new Headers(request.headers);
          headers.set("x-hooked", "1");
          return new Request(request, { headers });
        }],
        refreshTokenRequest: [() => {
          throw new Error("refresh blocked by hook");
        }],
      }],
    },
    () =>
      new Response("access_token=from-form&refresh_token=r", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
  );
  const token = await client.fetchToken({ grantType: "client_credentials" });
  assert.equal(token.access_token, "from-form");
  const signed = await client.sign(new Request("https://api.example/"));
  assert.equal(signed.headers.get("x-hooked"), "1");
  assert.deepEqual(seen, ["accessTokenRequest", "accessTokenResponse", "protectedRequest"]);
  await assert.rejects(client.refreshToken(), { message: "refresh blocked by hook" });
});

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

Deno.test("with PKCE on, a code exchange without codeVerifier, or with unknown members, is a TypeError", async () => {
  const { client: instance, sent } = formClient(
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
  const { client: noPkce } = formClient(
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
  const { client: instance } = formClient(
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
  const { client: instance } = formClient(
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

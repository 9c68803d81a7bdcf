/**
 * The functional code flow (createAuthorizationUrl, exchangeAuthorizationCode,
 * refreshAccessToken) against oidc-provider on loopback, for each client authentication it
 * supports, and the same refusals as OAuth2Client before anything is sent. The malformed
 * token responses run through it in malformed_responses_test.ts.
 */
import assert from "node:assert/strict";
import {
  type CodeFlowOptions,
  createAuthorizationUrl,
  exchangeAuthorizationCode,
  OAuth2Client,
  refreshAccessToken,
} from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { type OidcTestProvider, startOidcProvider } from "./_oidc_provider.ts";

function optionsFor(
  op: OidcTestProvider,
  client: Pick<CodeFlowOptions, "clientId" | "clientSecret" | "clientAuthentication">,
): CodeFlowOptions {
  return {
    issuer: op.issuer,
    authorizationEndpoint: op.authorizationEndpoint,
    tokenEndpoint: op.tokenEndpoint,
    redirectUri: op.redirectUri,
    scope: ["openid", "api:read"],
    ...client,
  };
}

for (
  const [name, clientAuthentication] of [
    ["public", "none"],
    ["basic", "client_secret_basic"],
    ["post", "client_secret_post"],
  ] as const
) {
  Deno.test(`oidc-provider: the functional code flow with ${clientAuthentication}, then a rotating refresh`, async () => {
    await using op = await startOidcProvider();
    const client = op.clients[name] as { clientId: string; clientSecret?: string };
    const options = optionsFor(op, { ...client, clientAuthentication });
    const { url, state, codeVerifier, nonce } = await createAuthorizationUrl(options);
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
    assert.equal(url.searchParams.get("scope"), "openid api:read");
    assert.equal(url.searchParams.get("nonce"), nonce);
    const callback = await op.authorize(url);
    const token = await exchangeAuthorizationCode(options, {
      authorizationResponse: callback,
      state,
      codeVerifier,
    });
    assert.equal(token.token_type, "Bearer");
    assert.equal(typeof token.id_token, "string");
    assert.ok(token.expires_at! > Date.now() / 1000);

    const refreshed = await refreshAccessToken(options, token.refresh_token!);
    assert.notEqual(refreshed.refresh_token, token.refresh_token, "rotated");
    await assert.rejects(
      refreshAccessToken(options, token.refresh_token!),
      (error) => error instanceof OAuthResponseError && error.code === "invalid_grant",
    );
    const [exchange] = op.requests("/token");
    const sentSecret = exchange.headers.authorization?.startsWith("Basic ")
      ? "header"
      : exchange.body?.client_secret
      ? "body"
      : "none";
    assert.equal(
      sentSecret,
      { none: "none", client_secret_basic: "header", client_secret_post: "body" }[
        clientAuthentication
      ],
    );
    assert.deepEqual(op.serverErrors, []);
  });
}

Deno.test("oidc-provider: a wrong secret is the provider's invalid_client, with no secret in the error", async () => {
  await using op = await startOidcProvider();
  const options = optionsFor(op, {
    clientId: op.clients.basic.clientId,
    clientSecret: "wrong-secret-1234",
  });
  const { url, state, codeVerifier } = await createAuthorizationUrl(options);
  const callback = await op.authorize(url);
  const error = await exchangeAuthorizationCode(options, {
    authorizationResponse: callback,
    state,
    codeVerifier,
  }).catch((error) => error);
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.code, "invalid_client");
  assert.equal(error.status, 401);
  assert.ok(!JSON.stringify({ ...error, message: error.message }).includes("wrong-secret-1234"));
});

/** Options whose fetch records requests and answers with a token. */
function recording() {
  const sent: Request[] = [];
  const options: CodeFlowOptions = {
    clientId: "app",
    clientSecret: "secret",
    issuer: "https://as.example",
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/callback",
    fetch: (request) => {
      sent.push(request);
      return Promise.resolve(Response.json({ access_token: "at", token_type: "Bearer" }));
    },
  };
  return { sent, options };
}

Deno.test("a forged callback is refused before any request: state, iss, error, duplicates", async () => {
  const { sent, options } = recording();
  const exchange = (query: string) =>
    exchangeAuthorizationCode(options, {
      authorizationResponse: `https://app.example/callback?${query}`,
      state: "s",
      codeVerifier: "v".repeat(43),
    });
  const cases: [string, string, typeof OAuthError | typeof OAuthResponseError][] = [
    ["code=c&state=forged&iss=https%3A%2F%2Fas.example", "state_mismatch", OAuthError],
    ["code=c&state=s&iss=https%3A%2F%2Fevil.example", "issuer_mismatch", OAuthError],
    [
      "error=access_denied&state=s&iss=https%3A%2F%2Fas.example",
      "access_denied",
      OAuthResponseError,
    ],
    ["code=c&code=d&state=s", "duplicate_param", OAuthError],
    ["state=s", "code_missing", OAuthError],
  ];
  for (const [query, code, type] of cases) {
    await assert.rejects(
      exchange(query),
      (error) => error instanceof type && (error as OAuthError).code === code,
    );
  }
  assert.equal(sent.length, 0);
});

Deno.test("the functional flow sends what OAuth2Client sends for the same exchange and refresh", async () => {
  const functional = recording();
  const viaClient = recording();
  const client = new OAuth2Client({ ...viaClient.options, now: () => 1_700_000_000_000 });
  const callback = "https://app.example/callback?code=c&state=s&iss=https%3A%2F%2Fas.example";
  const verifier = "v".repeat(43);
  const now = () => 1_700_000_000_000;
  assert.deepEqual(
    await exchangeAuthorizationCode({ ...functional.options, now }, {
      authorizationResponse: callback,
      state: "s",
      codeVerifier: verifier,
    }),
    await client.fetchToken({
      authorizationResponse: callback,
      state: "s",
      codeVerifier: verifier,
    }),
  );
  await refreshAccessToken(functional.options, "r1");
  await client.refreshToken("r1");
  const described = async (request: Request) => [
    request.method,
    request.url,
    request.redirect,
    [...request.headers],
    await request.text(),
  ];
  assert.deepEqual(
    await Promise.all(functional.sent.map(described)),
    await Promise.all(viaClient.sent.map(described)),
  );
  assert.equal(functional.sent.length, 2);
});

Deno.test("a refresh answered without a refresh token keeps the one given (RFC 6749 §6)", async () => {
  const { options } = recording();
  const token = await refreshAccessToken(options, "r1");
  assert.deepEqual([token.access_token, token.refresh_token], ["at", "r1"]);
});

Deno.test("option mistakes are TypeErrors naming the option; plain http is insecure_transport", async () => {
  const { options } = recording();
  const start = (changes: Record<string, unknown>) =>
    createAuthorizationUrl({ ...options, ...changes } as CodeFlowOptions);
  const mistakes: [Record<string, unknown>, RegExp][] = [
    [{ clientSecert: "typo" }, /unknown code flow option "clientSecert"/],
    [{ clientId: "" }, /clientId/],
    [{ clientAuthentication: "private_key_jwt" }, /private_key_jwt needs OAuth2Client/],
    [{ clientAuthentication: "none" }, /clientSecret is not used/],
    [
      { clientSecret: undefined, clientAuthentication: "client_secret_post" },
      /needs a non-empty clientSecret/,
    ],
    [{ clientSecret: 42 }, /clientSecret must be a string/],
    [{ redirectUri: "https://app.example/cb#x" }, /fragment/],
    [{ pkce: "S512" }, /pkce/],
    [{ issuer: "https://as.example/?x=1" }, /query or fragment/],
    [{ fetch: "fetch" }, /fetch must be a function/],
  ];
  for (const [changes, message] of mistakes) {
    await assert.rejects(start(changes), { name: "TypeError", message });
  }
  await assert.rejects(start({ tokenEndpoint: "http://as.example/token" }), {
    code: "insecure_transport",
  });
  await assert.rejects(start({ timeout: -1 }), RangeError);
  await assert.rejects(refreshAccessToken(options, ""), /refreshToken must be a non-empty string/);
  await assert.rejects(
    exchangeAuthorizationCode(options, {
      authorizationResponse: "https://app.example/cb?code=c",
      state: "",
    }),
    /^TypeError: state, the one createAuthorizationUrl returned, must be a non-empty string, got an empty one$/,
  );
});

Deno.test("a token endpoint that never answers ends in a TimeoutError", async () => {
  const { options } = recording();
  await assert.rejects(
    refreshAccessToken({ ...options, timeout: 20, fetch: () => new Promise(() => {}) }, "r1"),
    (error) => error instanceof DOMException && error.name === "TimeoutError",
  );
});

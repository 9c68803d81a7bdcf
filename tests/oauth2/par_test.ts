/**
 * Pushed authorization requests (RFC 9126; checklist A7, A8): what is pushed, what the browser
 * is sent with, the response checks, when PAR is used; and the code flow through
 * oidc-provider's PAR endpoint.
 */
import assert from "node:assert/strict";
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { startOidcProvider } from "./_oidc_provider.ts";

const PUSHED = { request_uri: "urn:ietf:params:oauth:request_uri:abc", expires_in: 60 };

function pushing(answer: () => Response, options: Partial<OAuth2ClientOptions> = {}) {
  const pushed: Request[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: "secret",
    authorizationEndpoint: "https://as.example/authorize",
    pushedAuthorizationRequestEndpoint: "https://as.example/par",
    redirectUri: "https://app.example/cb",
    scope: "openid",
    fetch: (request) => {
      pushed.push(request);
      return Promise.resolve(answer());
    },
    ...options,
  });
  return { client, pushed };
}

Deno.test("the request is pushed with the client's authentication; the browser gets client_id and request_uri only (A7)", async () => {
  const { client, pushed } = pushing(() => Response.json(PUSHED, { status: 201 }));
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl({
    par: true,
    prompt: "login",
  });
  assert.equal(url.origin + url.pathname, "https://as.example/authorize");
  assert.deepEqual([...url.searchParams], [["client_id", "app"], [
    "request_uri",
    PUSHED.request_uri,
  ]]);
  assert.equal(pushed.length, 1);
  assert.equal(pushed[0].redirect, "manual");
  assert.equal(pushed[0].headers.get("authorization"), `Basic ${btoa("app:secret")}`);
  const body = new URLSearchParams(await pushed[0].text());
  assert.equal(body.get("state"), state);
  assert.equal(body.get("nonce"), nonce);
  assert.equal(body.get("prompt"), "login");
  assert.equal(body.get("code_challenge_method"), "S256");
  assert.ok(codeVerifier);
  assert.deepEqual(body.getAll("client_id"), ["app"], "once, with Basic as well (RFC 9126 §2.1)");
});

Deno.test("a PAR response other than 201 with request_uri and a positive expires_in is refused (A8)", async () => {
  const cases: [() => Response, string][] = [
    [() => Response.json(PUSHED, { status: 200 }), "unexpected_status"],
    [() => Response.json({ expires_in: 60 }, { status: 201 }), "invalid_response"],
    [() => Response.json({ ...PUSHED, expires_in: 0 }, { status: 201 }), "invalid_response"],
    [() => Response.json({ ...PUSHED, expires_in: "60" }, { status: 201 }), "invalid_response"],
    [
      () => new Response("<html>", { status: 201, headers: { "content-type": "text/html" } }),
      "invalid_response",
    ],
    [() => Response.json({ error: "invalid_request" }, { status: 400 }), "invalid_request"],
  ];
  for (const [answer, code] of cases) {
    await assert.rejects(
      pushing(answer).client.authorizationUrl({ par: true }),
      (error) => error instanceof OAuthError && error.code === code,
      code,
    );
  }
  const denied = await pushing(() => Response.json({ error: "invalid_request" }, { status: 400 }))
    .client.authorizationUrl({ par: true }).catch((error) => error);
  assert.ok(denied instanceof OAuthResponseError);
});

Deno.test("PAR is used when the client or the metadata asks for it, and can be declined per request", async () => {
  const answer = () => Response.json(PUSHED, { status: 201 });
  const byOption = pushing(answer, { par: true });
  assert.ok((await byOption.client.authorizationUrl()).url.searchParams.has("request_uri"));
  const byMetadata = pushing(answer, {
    authorizationEndpoint: undefined,
    pushedAuthorizationRequestEndpoint: undefined,
    metadata: {
      issuer: "https://as.example",
      authorization_endpoint: "https://as.example/authorize",
      pushed_authorization_request_endpoint: "https://as.example/par",
      require_pushed_authorization_requests: true,
    },
  });
  assert.ok((await byMetadata.client.authorizationUrl()).url.searchParams.has("request_uri"));
  const declined = pushing(answer, { par: true });
  const plain = await declined.client.authorizationUrl({ par: false });
  assert.ok(plain.url.searchParams.has("code_challenge"));
  assert.equal(declined.pushed.length, 0);
  const without = pushing(answer, { pushedAuthorizationRequestEndpoint: undefined });
  await assert.rejects(without.client.authorizationUrl({ par: true }), {
    name: "TypeError",
    message: /pushedAuthorizationRequestEndpoint/,
  });
});

Deno.test("oidc-provider: the code flow through its PAR endpoint", async () => {
  await using op = await startOidcProvider();
  const client = new OAuth2Client({
    ...op.clientOptions,
    ...op.clients.basic,
    pushedAuthorizationRequestEndpoint: op.metadata.pushed_authorization_request_endpoint as string,
    scope: "openid",
    par: true,
  });
  const { url, state, codeVerifier, nonce } = await client.authorizationUrl();
  assert.deepEqual([...url.searchParams.keys()], ["client_id", "request_uri"]);
  const callback = await op.authorize(url);
  const token = await client.fetchToken({
    authorizationResponse: callback,
    state,
    codeVerifier,
    nonce,
  });
  assert.equal(token.token_type, "Bearer");
  assert.equal(
    op.requestCount(new URL(op.metadata.pushed_authorization_request_endpoint as string).pathname),
    1,
  );
  assert.deepEqual(op.serverErrors, []);
});

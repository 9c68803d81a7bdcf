/**
 * A `clientSecret` made per request (a function): called for each token, refresh, revocation
 * and introspection request, sent by the configured method, cut out of errors; what it gives
 * must be a non-empty string.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthResponseError } from "../../errors.ts";

function client(
  secret: () => string | Promise<string>,
  method?: "client_secret_post" | "client_secret_basic",
) {
  const forms: URLSearchParams[] = [];
  const headers: Headers[] = [];
  const instance = new OAuth2Client({
    clientId: "app",
    clientSecret: secret,
    ...(method ? { clientAuthentication: method } : {}),
    tokenEndpoint: "https://as.example/token",
    revocationEndpoint: "https://as.example/revoke",
    introspectionEndpoint: "https://as.example/introspect",
    token: { access_token: "at", token_type: "Bearer", refresh_token: "rt" },
    fetch: async (request) => {
      forms.push(new URLSearchParams(await request.text()));
      headers.push(request.headers);
      if (request.url.endsWith("/introspect")) return Response.json({ active: true });
      if (request.url.endsWith("/revoke")) return new Response(null);
      return Response.json({ access_token: "at2", token_type: "Bearer" });
    },
  });
  return { client: instance, forms, headers };
}

Deno.test("a clientSecret function makes a new secret for every request", async () => {
  let made = 0;
  const { client: c, forms } = client(
    () => Promise.resolve(`secret-number-${++made}`),
    "client_secret_post",
  );
  await c.refreshToken();
  await c.introspectToken("at2");
  await c.revokeToken();
  assert.deepEqual(forms.map((form) => form.get("client_secret")), [
    "secret-number-1",
    "secret-number-2",
    "secret-number-3",
  ]);
});

Deno.test("a clientSecret function defaults to client_secret_basic, as a string does", async () => {
  const { client: c, headers } = client(() => "made-secret");
  await c.refreshToken();
  assert.equal(headers[0].get("authorization"), `Basic ${btoa("app:made-secret")}`);
});

Deno.test("a clientSecret function that gives no string is a TypeError, and nothing is sent", async () => {
  for (const value of ["", 42]) {
    const { client: c, forms } = client(() => value as string, "client_secret_post");
    await assert.rejects(c.refreshToken(), TypeError);
    assert.equal(forms.length, 0);
  }
});

Deno.test("a made secret the server echoes is cut out of the error", async () => {
  const secret = "a-made-secret-of-some-length";
  const c = new OAuth2Client({
    clientId: "app",
    clientSecret: () => secret,
    clientAuthentication: "client_secret_post",
    tokenEndpoint: "https://as.example/token",
    fetch: () =>
      Promise.resolve(
        Response.json({ error: "invalid_client", error_description: `bad ${secret}` }, {
          status: 401,
        }),
      ),
  });
  const error = await c.fetchToken({ grantType: "client_credentials" }).catch((e) => e);
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.errorDescription, "bad [redacted]");
});

Deno.test("clientSecret must be a string or a function", () => {
  assert.throws(
    () => new OAuth2Client({ clientId: "app", clientSecret: 7 as unknown as string }),
    TypeError,
  );
});

/**
 * `allowInsecureRequests`: http: servers beyond loopback (a docker-compose Keycloak, an
 * internal API) are refused by default with a message naming the option, and reachable with it.
 */
import assert from "node:assert/strict";
import { createAuthorizationUrl, OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";

const AS = "http://keycloak:8080/realms/dev/protocol/openid-connect";

function insecure(error: unknown): boolean {
  assert.ok(error instanceof OAuthError);
  assert.equal(error.code, "insecure_transport");
  assert.match(error.message, /allowInsecureRequests: true/);
  return true;
}

Deno.test("an http token endpoint beyond loopback is refused by default, naming allowInsecureRequests", () => {
  assert.throws(
    () => new OAuth2Client({ clientId: "app", tokenEndpoint: `${AS}/token` }),
    insecure,
  );
  assert.throws(
    () => new OAuth2Client({ clientId: "app", issuer: "http://keycloak:8080/realms/dev" }),
    insecure,
  );
  assert.throws(
    // @ts-expect-error: the option is a boolean
    () => new OAuth2Client({ clientId: "app", allowInsecureRequests: "yes" }),
    /allowInsecureRequests must be a boolean, got a string/,
  );
});

Deno.test("with allowInsecureRequests the client gets a token over http and sends it there", async () => {
  const seen: string[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: "secret",
    tokenEndpoint: `${AS}/token`,
    allowInsecureRequests: true,
    fetch: (request: Request) => {
      seen.push(`${request.url} ${request.headers.get("authorization")}`);
      return Promise.resolve(
        request.url.endsWith("/token")
          ? Response.json({ access_token: "at-1", token_type: "Bearer", expires_in: 60 })
          : new Response("hello"),
      );
    },
  });
  await client.fetchToken({ grantType: "client_credentials" });
  const response = await client.fetch("http://api.internal/me");
  assert.equal(await response.text(), "hello");
  assert.deepEqual(seen, [
    `${AS}/token Basic YXBwOnNlY3JldA==`,
    "http://api.internal/me Bearer at-1",
  ]);
});

Deno.test("without the option a token is never sent to an http resource beyond loopback", async () => {
  let sent = 0;
  const client = new OAuth2Client({
    clientId: "app",
    token: { access_token: "at-1", token_type: "Bearer" },
    fetch: () => (sent++, Promise.resolve(new Response("hello"))),
  });
  await assert.rejects(client.fetch("http://api.internal/me"), insecure);
  assert.equal(sent, 0);
});

Deno.test("the stand-alone code flow takes allowInsecureRequests too", async () => {
  const options = {
    clientId: "app",
    authorizationEndpoint: `${AS}/auth`,
    tokenEndpoint: `${AS}/token`,
    redirectUri: "http://localhost:3000/callback",
  };
  await assert.rejects(createAuthorizationUrl(options), insecure);
  const { url } = await createAuthorizationUrl({ ...options, allowInsecureRequests: true });
  assert.equal(url.origin, "http://keycloak:8080");
});

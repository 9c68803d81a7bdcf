/**
 * 46 hostile token-endpoint responses (`tests/fixtures/oauth2_malformed.json`) through every
 * grant: each must give exactly the error class and code it names, never a SyntaxError or a
 * TypeError from inside the library, never a secret in the error.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import type { TokenRequest } from "../../oauth2/types.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import corpus from "../fixtures/oauth2_malformed.json" with { type: "json" };

interface Fixture {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  expected: { class?: string; code?: string; token?: Record<string, unknown> };
}
const fixtures = corpus as unknown as { errors: Fixture[]; accepted: Fixture[] };

const SECRET = "SECRET_SENTINEL";
const NOW = 1_700_000_000_000;

const GRANTS: Record<string, (client: OAuth2Client) => Promise<unknown>> = {
  authorization_code: (client) => client.fetchToken({ code: "code", codeVerifier: "v".repeat(43) }),
  client_credentials: (client) =>
    client.fetchToken({ grantType: "client_credentials" } as TokenRequest),
  password: (client) =>
    client.fetchToken({ grantType: "password", username: "u", password: SECRET } as TokenRequest),
  refresh_token: (client) => client.refreshToken(),
};

function clientAnswering(
  fixture: { status: number; headers: Record<string, string>; body: string },
) {
  const calls: Request[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: SECRET,
    tokenEndpoint: "https://as.example/token",
    token: { access_token: SECRET, token_type: "Bearer", refresh_token: SECRET },
    now: () => NOW,
    fetch: (request) => {
      calls.push(request);
      const noBody = [204, 205, 304].includes(fixture.status) ||
        (fixture.status >= 300 && fixture.status < 400);
      return Promise.resolve(
        new Response(noBody ? null : fixture.body, {
          status: fixture.status,
          headers: fixture.headers,
        }),
      );
    },
  });
  return { client, calls };
}

Deno.test("the corpus holds at least 40 hostile responses", () => {
  assert.ok(fixtures.errors.length >= 40, `${fixtures.errors.length}`);
});

for (const fixture of fixtures.errors) {
  Deno.test(`malformed token response: ${fixture.name} → ${fixture.expected.class} ${fixture.expected.code}, for every grant`, async () => {
    for (const [grant, run] of Object.entries(GRANTS)) {
      const { client, calls } = clientAnswering(fixture);
      await assert.rejects(run(client), (error: unknown) => {
        assert.ok(error instanceof OAuthError, `${grant}: expected an OAuthError, got ${error}`);
        assert.equal(error.constructor.name, fixture.expected.class, grant);
        assert.equal(error.code, fixture.expected.code, grant);
        assert.equal(error.status, fixture.status, `${grant}: status`);
        if (error instanceof OAuthResponseError) assert.equal(error.error, fixture.expected.code);
        const serialised = JSON.stringify({ ...error, message: error.message, stack: error.stack });
        assert.doesNotMatch(serialised, new RegExp(SECRET), `${grant}: no secret in the error`);
        if (error.body !== undefined) assert.ok(error.body.length <= 1024);
        return true;
      });
      assert.equal(calls.length, 1, `${grant}: one request, never followed or retried`);
      assert.equal(calls[0].redirect, "manual");
    }
  });
}

for (const fixture of fixtures.accepted) {
  Deno.test(`quirky but valid token response: ${fixture.name}`, async () => {
    for (const [grant, run] of Object.entries(GRANTS)) {
      const { client } = clientAnswering(fixture);
      const token = await run(client) as Record<string, unknown>;
      const expected = { ...fixture.expected.token } as Record<string, unknown>;
      if (grant === "refresh_token") expected.refresh_token = SECRET;
      assert.deepEqual(token, expected, grant);
      assert.equal(Object.getPrototypeOf(token), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }
  });
}

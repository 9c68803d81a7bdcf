/**
 * Hostile responses from the token, revocation and introspection endpoints
 * (`tests/fixtures/malformed/*.json`). Token cases run through every grant that gets a token
 * response: authorization_code, client_credentials, password and refresh_token (the implicit
 * grant's fragment is not a response and has its own tests), and through the functional code
 * flow's exchangeAuthorizationCode and refreshAccessToken. Revocation cases run through
 * `revokeToken("t")`, introspection cases through `introspectToken("t")`.
 *
 * Every rejection must be exactly the class, code, status and `retryAfter` the case names,
 * never a SyntaxError or TypeError from inside the library, with no secret anywhere in the
 * error, no prototype pollution, and exactly one request made with `redirect: "manual"`.
 */
import assert from "node:assert/strict";
import { exchangeAuthorizationCode, refreshAccessToken } from "../../oauth2/mod.ts";
import type { TokenRequest } from "../../oauth2/types.ts";
import tokenCorpus from "../fixtures/malformed/token.json" with { type: "json" };
import revocationCorpus from "../fixtures/malformed/revocation.json" with { type: "json" };
import introspectionCorpus from "../fixtures/malformed/introspection.json" with { type: "json" };
import {
  answering,
  assertNoPollution,
  assertOneManualRequest,
  assertRejection,
  clientWith,
  CODE,
  CODE_VERIFIER,
  codeFlowWith,
  type Corpus,
  type Fixture,
  PASSWORD,
  REFRESH_TOKEN,
  rejectionName,
  settle,
} from "./_malformed.ts";

const token = tokenCorpus as unknown as Corpus;
const revocation = revocationCorpus as unknown as Corpus;
const introspection = introspectionCorpus as unknown as Corpus;

type Fetch = (request: Request) => Promise<Response>;

// The four grants of OAuth2Client, and the two token requests of the functional code flow.
const GRANTS: Record<string, (fetch: Fetch) => Promise<unknown>> = {
  authorization_code: (fetch) =>
    clientWith(fetch).fetchToken({ code: CODE, codeVerifier: CODE_VERIFIER }),
  client_credentials: (fetch) =>
    clientWith(fetch).fetchToken({ grantType: "client_credentials" } as TokenRequest),
  password: (fetch) =>
    clientWith(fetch).fetchToken(
      { grantType: "password", username: "u", password: PASSWORD } as TokenRequest,
    ),
  refresh_token: (fetch) => clientWith(fetch).refreshToken(),
  "exchangeAuthorizationCode()": (fetch) =>
    exchangeAuthorizationCode(codeFlowWith(fetch), {
      authorizationResponse: `https://app.example/callback?code=${CODE}&state=s`,
      state: "s",
      codeVerifier: CODE_VERIFIER,
    }),
  "refreshAccessToken()": (fetch) => refreshAccessToken(codeFlowWith(fetch), REFRESH_TOKEN),
};
const REFRESHES = ["refresh_token", "refreshAccessToken()"];

/** Registers one test per case that the call must reject. */
function rejects(
  fixtures: Fixture[],
  describe: (fixture: Fixture) => string,
  call: (fetch: Fetch) => Promise<unknown>,
): void {
  for (const fixture of fixtures) {
    Deno.test({
      name: describe(fixture),
      fn: async () => {
        const { fetch, calls, served } = answering(fixture);
        const outcome = await settle(fixture, () => call(fetch));
        if (outcome.ok) assert.fail(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
        assertRejection(fixture, outcome.error, served);
        assertOneManualRequest(calls);
      },
    });
  }
}

/** Registers one test per case that the call must accept with the expected result. */
function accepts(
  fixtures: Fixture[],
  describe: (fixture: Fixture) => string,
  call: (fetch: Fetch) => Promise<unknown>,
  expected: (fixture: Fixture) => unknown,
): void {
  for (const fixture of fixtures) {
    Deno.test({
      name: describe(fixture),
      fn: async () => {
        const { fetch, calls } = answering(fixture);
        const outcome = await settle(fixture, () => call(fetch));
        if (!outcome.ok) {
          const error = outcome.error as Error;
          assert.fail(`expected success, got ${error.name}: ${error.message}`);
        }
        assert.deepEqual(outcome.value, expected(fixture));
        if (outcome.value !== undefined) {
          assert.equal(Object.getPrototypeOf(outcome.value), Object.prototype);
        }
        assertNoPollution();
        assertOneManualRequest(calls);
      },
    });
  }
}

Deno.test("the malformed corpus holds at least 60 hostile responses, split by endpoint", () => {
  const corpora = [token, revocation, introspection];
  const total = corpora.reduce((sum, c) => sum + c.errors.length + c.accepted.length, 0);
  assert.ok(total >= 60, `${total}`);
  for (const corpus of corpora) {
    assert.match(corpus.source, /RFC/);
    assert.ok(corpus.errors.length > 0 && corpus.accepted.length > 0);
    const names = [...corpus.errors, ...corpus.accepted].map((fixture) => fixture.name);
    assert.equal(new Set(names).size, names.length, "case names are unique");
    for (const fixture of corpus.errors) {
      const { class: name, code, status } = fixture.expected;
      assert.ok(name && code && status !== undefined, `${fixture.name} names class, code, status`);
    }
  }
});

for (const [grant, run] of Object.entries(GRANTS)) {
  rejects(
    token.errors,
    (fixture) => `the ${grant} grant rejects the token response ${rejectionName(fixture)}`,
    run,
  );
  accepts(
    token.accepted,
    (fixture) => `the ${grant} grant accepts the quirky token response "${fixture.name}"`,
    run,
    (fixture) => {
      const expected = { ...fixture.expected.token } as Record<string, unknown>;
      // RFC 6749 §6: a refresh answered without a refresh token keeps the old one.
      if (REFRESHES.includes(grant)) expected.refresh_token ??= REFRESH_TOKEN;
      return expected;
    },
  );
}

rejects(
  revocation.errors,
  (fixture) => `revokeToken rejects the revocation response ${rejectionName(fixture)}`,
  (fetch) => clientWith(fetch).revokeToken("t"),
);
accepts(
  revocation.accepted,
  (fixture) => `revokeToken succeeds on the revocation response "${fixture.name}"`,
  (fetch) => clientWith(fetch).revokeToken("t"),
  () => undefined,
);

rejects(
  introspection.errors,
  (fixture) => `introspectToken rejects the introspection response ${rejectionName(fixture)}`,
  (fetch) => clientWith(fetch).introspectToken("t"),
);
accepts(
  introspection.accepted,
  (fixture) => `introspectToken accepts the introspection response "${fixture.name}"`,
  (fetch) => clientWith(fetch).introspectToken("t"),
  (fixture) => fixture.expected.introspection,
);

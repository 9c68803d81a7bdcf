/**
 * The token corpus of `tests/fixtures/malformed/token.json` again, this time served by a real
 * loopback HTTP server and read with the runtime's own `fetch` (framing, chunking, redirects and
 * headers as on the wire), for the client credentials grant: the same class, code and status.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";
import token from "../fixtures/malformed/token.json" with { type: "json" };
import { serveLoopback } from "../_loopback.ts";
import {
  assertNoPollution,
  type Corpus,
  type Fixture,
  fixtureBytes,
  SECRET,
} from "./_malformed.ts";

const corpus = token as unknown as Corpus;
const NULL_BODY_STATUSES = [204, 205, 304];
// A fetch that followed a redirect although asked not to, and a body shorter than its declared
// length, cannot be staged over real HTTP; those cases run only through the injected fetch.
const STAGEABLE = (fixture: Fixture) =>
  fixture.followedTo === undefined && fixture.pinDateNow === undefined &&
  !Object.keys(fixture.headers).some((name) => name.toLowerCase() === "content-length");

const cases = [...corpus.errors, ...corpus.accepted].filter(STAGEABLE);

function body(fixture: Fixture): BodyInit | null {
  if (
    NULL_BODY_STATUSES.includes(fixture.status) || (fixture.status >= 300 && fixture.status < 400)
  ) return null;
  if (fixture.bodyStream !== "endless") return new Uint8Array(fixtureBytes(fixture));
  return new ReadableStream({
    pull: (controller) => controller.enqueue(new Uint8Array(64 * 1024).fill(0x61)),
  });
}

Deno.test(`${cases.length} token corpus cases give the same outcome over real loopback HTTP`, async () => {
  assert.ok(cases.length >= 100, `${cases.length} stageable cases`);
  await using server = await serveLoopback((request) => {
    const fixture = cases[Number(new URL(request.url).pathname.split("/")[2])];
    return new Response(body(fixture), { status: fixture.status, headers: fixture.headers });
  });
  for (const [index, fixture] of cases.entries()) {
    const client = new OAuth2Client({
      clientId: "app",
      clientSecret: `${SECRET}-client`,
      tokenEndpoint: `${server.origin}/case/${index}/token`,
      now: () => 1_700_000_000_000,
    });
    const outcome = await client.fetchToken({ grantType: "client_credentials" }).then(
      (token) => ({ token }),
      (error) => ({ error }),
    );
    if (fixture.expected.token !== undefined) {
      assert.ok(
        "token" in outcome,
        `${fixture.name}: expected a token, got ${"error" in outcome ? outcome.error : ""}`,
      );
      continue;
    }
    assert.ok(
      "error" in outcome && outcome.error instanceof OAuthError,
      `${fixture.name}: expected an OAuthError`,
    );
    const { error } = outcome as { error: OAuthError };
    assert.deepEqual(
      [error.constructor.name, error.code, error.status],
      [fixture.expected.class, fixture.expected.code, fixture.expected.status],
      fixture.name,
    );
    assert.ok(
      !JSON.stringify({ ...error, message: error.message }).includes(SECRET),
      fixture.name,
    );
  }
  assertNoPollution();
});

/**
 * Shared by the malformed-response tests: the format of the fixtures in
 * `tests/fixtures/malformed/`, a `fetch` that answers with one fixture, and the checks
 * every rejection must pass (class, code, status, `retryAfter`, excerpt, no secret, no
 * prototype pollution, one request with `redirect: "manual"`).
 */
import assert from "node:assert/strict";
import { type CodeFlowOptions, OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

/** What a case expects; `null` means "must be absent". */
export interface Expected {
  class?: "OAuthError" | "OAuthResponseError";
  code?: string;
  status?: number;
  retryAfter?: number | null;
  errorDescription?: string | null;
  errorDescriptionLength?: number;
  errorUri?: string | null;
  /** The exact excerpt the error must carry. */
  body?: string;
  /** The error carries the first 1 KiB of the response text as its excerpt. */
  bodyExcerpt?: boolean;
  /** The library cancelled the response body. */
  streamCancelled?: boolean;
  /** How many body bytes the library read (0: refused before reading). */
  pulledBytes?: number;
  /** Accepted token responses: the token the grant resolves to. */
  token?: Record<string, unknown>;
  /** Accepted introspection responses: what `introspectToken` resolves to. */
  introspection?: Record<string, unknown>;
  /** Accepted revocation responses: `revokeToken` resolves (to `undefined`). */
  revoked?: boolean;
}

/** One hostile response: status, headers and one of the body forms. */
export interface Fixture {
  name: string;
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Raw bytes (for invalid UTF-8), base64-encoded. */
  bodyBase64?: string;
  /** A long body built in the test: `prefix + text.repeat(times) + suffix`. */
  bodyRepeat?: { prefix?: string; text: string; times: number; suffix?: string };
  /** A body that never ends. */
  bodyStream?: "endless";
  /** The fetch followed a redirect to this URL although asked not to. */
  followedTo?: string;
  /** The library reads Retry-After dates against `Date.now`; pin it to `NOW` for this case. */
  pinDateNow?: boolean;
  expected: Expected;
}

/** A fixture file: where its cases come from, the rejected ones and the accepted ones. */
export interface Corpus {
  source: string;
  errors: Fixture[];
  accepted: Fixture[];
}

export const NOW = 1_700_000_000_000;
/** Every secret the client holds or sends contains this. */
export const SECRET = "SECRET_SENTINEL_0123";
export const CLIENT_SECRET = `${SECRET}-client`;
export const REFRESH_TOKEN = `${SECRET}-refresh`;
export const CODE = `${SECRET}-code`;
export const CODE_VERIFIER = `${SECRET}_verifier_${"v".repeat(30)}`;
export const PASSWORD = `${SECRET}-password`;

const MAX_BODY_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];

/** The bytes of a fixture's body (not of the endless stream). */
export function fixtureBytes(fixture: Fixture): Uint8Array {
  if (fixture.bodyBase64 !== undefined) {
    return Uint8Array.from(atob(fixture.bodyBase64), (char) => char.charCodeAt(0));
  }
  if (fixture.bodyRepeat !== undefined) {
    const { prefix = "", text, times, suffix = "" } = fixture.bodyRepeat;
    return new TextEncoder().encode(prefix + text.repeat(times) + suffix);
  }
  return new TextEncoder().encode(fixture.body ?? "");
}

/** A response the fake server sent, and what the library did with its body. */
export interface Served {
  response: Response;
  cancelled: boolean;
  pulledBytes: number;
}

/**
 * The fixture as a `Response` whose body is a pull stream in 64 KiB chunks (so no content type
 * is added and a cancel is seen), or an endless one.
 */
export function serve(fixture: Fixture): Served {
  const served = { cancelled: false, pulledBytes: 0 } as Served;
  let stream: ReadableStream<Uint8Array> | null = null;
  if (!NULL_BODY_STATUSES.includes(fixture.status)) {
    const bytes = fixture.bodyStream === "endless" ? undefined : fixtureBytes(fixture);
    let offset = 0;
    stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = bytes === undefined
          ? new Uint8Array(CHUNK_BYTES).fill(0x61)
          : bytes.slice(offset, offset + CHUNK_BYTES);
        if (chunk.byteLength === 0) return controller.close();
        offset += chunk.byteLength;
        served.pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        served.cancelled = true;
      },
    }, { highWaterMark: 0 });
  }
  served.response = new Response(stream, { status: fixture.status, headers: fixture.headers });
  if (fixture.followedTo !== undefined) {
    Object.defineProperty(served.response, "url", { value: fixture.followedTo });
    Object.defineProperty(served.response, "redirected", { value: true });
  }
  return served;
}

/** A `fetch` that answers every request with `fixture`, recording requests and responses. */
export function answering(fixture: Fixture) {
  const calls: Request[] = [];
  const served: Served[] = [];
  const fetch = (request: Request) => {
    calls.push(request);
    served.push(serve(fixture));
    return Promise.resolve(served[served.length - 1].response);
  };
  return { calls, served, fetch };
}

/** A client holding secrets that all contain `SECRET`, sending with `fetch`. */
export function clientWith(fetch: (request: Request) => Promise<Response>): OAuth2Client {
  return new OAuth2Client({
    clientId: "app",
    clientSecret: CLIENT_SECRET,
    tokenEndpoint: "https://as.example/token",
    revocationEndpoint: "https://as.example/revoke",
    introspectionEndpoint: "https://as.example/introspect",
    token: { access_token: `${SECRET}-access`, token_type: "Bearer", refresh_token: REFRESH_TOKEN },
    now: () => NOW,
    fetch,
  });
}

/** The options of the functional code flow with the same secrets, sending with `fetch`. */
export function codeFlowWith(fetch: (request: Request) => Promise<Response>): CodeFlowOptions {
  return {
    clientId: "app",
    clientSecret: CLIENT_SECRET,
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    redirectUri: "https://app.example/callback",
    now: () => NOW,
    fetch,
  };
}

/** Runs `call`, with `Date.now` pinned when the fixture asks; the value or the rejection. */
export async function settle(
  fixture: Fixture,
  call: () => Promise<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  const realNow = Date.now;
  if (fixture.pinDateNow) Date.now = () => NOW;
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  } finally {
    Date.now = realNow;
  }
}

const PROTOTYPE_MEMBERS = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** Nothing reached `Object.prototype`. */
export function assertNoPollution(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "({}).polluted");
  assert.equal(
    Object.getOwnPropertyNames(Object.prototype).sort().join(),
    PROTOTYPE_MEMBERS,
    "Object.prototype is untouched",
  );
}

/** Exactly one request went out, and it asked not to follow redirects. */
export function assertOneManualRequest(calls: Request[]): void {
  assert.equal(calls.length, 1, "exactly one request, never followed or retried");
  assert.equal(calls[0].redirect, "manual");
}

/** The error is the library's, exactly as the fixture expects, and carries no secret. */
export function assertRejection(fixture: Fixture, error: unknown, served: Served[]): void {
  if (!(error instanceof OAuthError)) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    assert.fail(`expected an OAuthError, got ${what}`);
  }
  const serialised = JSON.stringify({
    ...error,
    message: error.message,
    stack: error.stack,
    body: error.body,
    cause: String(error.cause),
  });
  assert.ok(!serialised.includes(SECRET), `the sentinel appears in the error: ${serialised}`);
  const expected = fixture.expected;
  assert.equal(error.constructor.name, expected.class, "error class");
  assert.equal(error.name, expected.class, "error name");
  assert.equal(error.code, expected.code, "code");
  assert.equal(error.status, expected.status, "status");
  assert.equal(error.retryAfter, expected.retryAfter ?? undefined, "retryAfter");
  if (error instanceof OAuthResponseError) {
    assert.equal(error.error, expected.code, "error equals code");
    if (expected.errorDescriptionLength !== undefined) {
      assert.equal(error.errorDescription?.length, expected.errorDescriptionLength);
    } else {
      assert.equal(error.errorDescription, expected.errorDescription ?? undefined, "description");
    }
    assert.equal(error.errorUri, expected.errorUri ?? undefined, "errorUri");
  }
  assertExcerpt(fixture, error);
  const last = served.at(-1);
  assert.ok(last !== undefined, "a request was made");
  if (expected.streamCancelled) assert.ok(last.cancelled, "the response body was cancelled");
  if (expected.pulledBytes !== undefined) assert.equal(last.pulledBytes, expected.pulledBytes);
  assert.ok(last.pulledBytes <= MAX_BODY_BYTES + CHUNK_BYTES, "read at most the cap and a chunk");
  assertNoPollution();
}

function assertExcerpt(fixture: Fixture, error: OAuthError): void {
  const expected = fixture.expected;
  if (expected.body !== undefined) {
    assert.equal(error.body, expected.body, "excerpt");
  } else if (expected.bodyExcerpt) {
    const text = new TextDecoder().decode(fixtureBytes(fixture));
    assert.equal(error.body, text.slice(0, 1024), "excerpt: the first 1 KiB of the text");
  } else {
    assert.equal(error.body, undefined, "no excerpt");
  }
  if (error.body !== undefined) {
    assert.ok(error.status === undefined || error.status >= 300, "never an excerpt of a 2xx");
    assert.ok(error.body.length <= 1024, "an excerpt is at most 1 KiB");
  }
}

/** The test name's tail for a rejected case. */
export function rejectionName(fixture: Fixture): string {
  const { class: name, code, status } = fixture.expected;
  return `"${fixture.name}" with ${name} ${code} (HTTP ${status})`;
}

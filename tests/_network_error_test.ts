/**
 * `send` with the clients' `networkError`: a failed fetch becomes `network_error` naming what failed (connection refused, DNS,
 * TLS certificate) and keeping the runtime's code, never the query. The first tests provoke real
 * failures (a closed loopback port, a `.invalid` host, a self-signed TLS server); Deno, Node and
 * Bun each report them their own way, so they assert the kind, which every runtime gives, and
 * the code where the runtime has one (Node and Bun). The last tests replay each runtime's shape.
 */
import assert from "node:assert/strict";
import { createServer as createNetServer } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import tls from "./fixtures/tls_self_signed.json" with { type: "json" };
import { send } from "../_send.ts";
import { networkError } from "../_network_error.ts";
import { OAuthError } from "../errors.ts";

const SECRET = "SECRET_SENTINEL";
// Deno's fetch errors carry no code; Node's and Bun's do. (Node 20 has no navigator.)
const HAS_CODES = !(globalThis.navigator?.userAgent ?? "").startsWith("Deno/");

/** A loopback port that nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

/** The `network_error` that `send` throws for `url`, checked to carry no secret. */
async function failure(url: string, fetch?: (request: Request) => Promise<Response>) {
  try {
    await send(fetch, new Request(url), networkError);
  } catch (error) {
    assert.ok(error instanceof OAuthError, `expected an OAuthError, got ${error}`);
    assert.equal(error.code, "network_error");
    const cause = error.cause as Error & { code?: unknown };
    assert.ok(cause instanceof Error, "the cause is kept");
    const seen = `${error.message} ${cause.message} ${JSON.stringify({ ...cause })}`;
    assert.doesNotMatch(seen, new RegExp(SECRET), "no query in the message or the cause");
    return { message: error.message, cause };
  }
  assert.fail(`expected the request to ${url} to fail`);
}

Deno.test("a closed loopback port is 'connection refused', with ECONNREFUSED where the runtime gives it", async () => {
  const port = await closedPort();
  const { message, cause } = await failure(`http://127.0.0.1:${port}/token?code=${SECRET}`);
  assert.match(message, new RegExp(`^the request to http://127\\.0\\.0\\.1:${port}/token failed`));
  assert.match(message, /connection refused/);
  if (HAS_CODES) {
    assert.equal(cause.code, "ECONNREFUSED");
    assert.match(message, /\(ECONNREFUSED\)/);
  }
});

Deno.test("a host name that cannot resolve (.invalid, RFC 6761 §6.4) is 'DNS lookup failed'", async () => {
  const { message, cause } = await failure(`https://no-such-host.invalid/token?x=${SECRET}`);
  assert.match(message, /DNS lookup failed/);
  assert.match(message, /no-such-host\.invalid/);
  if (HAS_CODES) assert.match(String(cause.code), /^(ENOTFOUND|EAI_AGAIN)$/);
});

Deno.test("a server with a self-signed certificate is 'TLS certificate' rejected, with the runtime's code", async () => {
  const server = createTlsServer({ key: tls.key, cert: tls.cert }, (socket) => socket.destroy());
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as { port: number };
  try {
    const { message, cause } = await failure(`https://127.0.0.1:${port}/token?x=${SECRET}`);
    assert.match(message, /TLS certificate/);
    if (HAS_CODES) {
      assert.match(String(cause.code), /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
      assert.ok(message.includes(`(${cause.code})`), message);
    }
  } finally {
    await new Promise((closed) => server.close(closed));
  }
});

Deno.test("each runtime's way of reporting a failure is read: Node's cause.code, Bun's code, Deno's text", async () => {
  const url = `https://as.example/token?x=${SECRET}`;
  const node = (code: string, message: string) => () =>
    Promise.reject(
      new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) }),
    );
  const bun = (code: string, message: string) => () =>
    Promise.reject(Object.assign(new TypeError(message), { code, path: url }));
  const deno = (detail: string) => (request: Request) =>
    Promise.reject(
      new TypeError("fetch failed", {
        cause: new Error(
          `error sending request for url (${request.url}): client error (Connect): ${detail}`,
        ),
      }),
    );
  const cases: [(request: Request) => Promise<Response>, RegExp, string?][] = [
    [
      node("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:443"),
      /connection refused/,
      "ECONNREFUSED",
    ],
    [node("ENOTFOUND", "getaddrinfo ENOTFOUND as.example"), /DNS lookup failed/, "ENOTFOUND"],
    [node("CERT_HAS_EXPIRED", "certificate has expired"), /TLS certificate/, "CERT_HAS_EXPIRED"],
    [
      node("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
      /TLS certificate/,
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    ],
    [
      node("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match"),
      /TLS certificate/,
      "ERR_TLS_CERT_ALTNAME_INVALID",
    ],
    [
      bun("ECONNREFUSED", "Unable to connect. Is the computer able to access the url?"),
      /connection refused/,
      "ECONNREFUSED",
    ],
    [
      bun("DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate"),
      /TLS certificate/,
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    ],
    [deno("tcp connect error: Connection refused (os error 111)"), /connection refused/],
    [
      deno("dns error: failed to lookup address information: Name or service not known"),
      /DNS lookup failed/,
    ],
    [deno("invalid peer certificate: UnknownIssuer"), /TLS certificate rejected \(UnknownIssuer\)/],
    [deno("invalid peer certificate: Expired"), /TLS certificate rejected \(Expired\)/],
  ];
  for (const [fetch, kind, code] of cases) {
    const { message, cause } = await failure(url, fetch);
    assert.match(message, kind, message);
    assert.match(message, /^the request to https:\/\/as\.example\/token failed: /);
    assert.equal(cause.code, code, message);
    if (code) assert.ok(message.includes(`(${code})`), message);
  }
});

Deno.test("a failure of another kind is named by its error; only an identifier is kept as a code", async () => {
  const quoting = (request: Request) =>
    Promise.reject(new TypeError(`error sending request for url (${request.url}): odd`));
  const quoted = await failure("https://as.example/certificate/dns%20error", quoting);
  assert.match(quoted.message, /failed \(TypeError\)$/, "the URL's words are not the failure's");
  const reset = () =>
    Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
  const reported = await failure("https://as.example/token", reset);
  assert.match(reported.message, /failed: connection reset \(ECONNRESET\)$/);
  const odd = () =>
    Promise.reject(Object.assign(new TypeError("odd"), { code: "not an identifier" }));
  const other = await failure("https://as.example/token", odd);
  assert.equal(other.message, "the request to https://as.example/token failed (TypeError)");
  assert.equal(other.cause.code, undefined);
  assert.equal(other.cause.message, "odd");
});

Deno.test("an abort or a timeout is not a network error: its DOMException goes through", async () => {
  for (const name of ["AbortError", "TimeoutError"]) {
    const stopped = () => Promise.reject(new DOMException("stopped", name));
    await assert.rejects(send(stopped, new Request("https://as.example/"), networkError), { name });
  }
});

Deno.test("without a describer (the functions of @x/oauth/oauth2), the short form names the error only", async () => {
  const refused = Object.assign(new Error(`connect ECONNREFUSED ?token=${SECRET}`), {
    code: "ECONNREFUSED",
  });
  const url = `https://as.example/token?token=${SECRET}`;
  const fetch = () => Promise.reject(new TypeError(`fetch to ${url} failed`, { cause: refused }));
  const error = await send(fetch, new Request(url)).then(() => undefined, (error) => error);
  assert.ok(error instanceof OAuthError);
  assert.equal(error.message, "the request to https://as.example/token failed (TypeError)");
  const cause = error.cause as Error;
  assert.deepEqual([cause.name, cause.message], [
    "TypeError",
    "fetch to https://as.example/token?… failed",
  ]);
  assert.equal(cause.cause, undefined, "nothing else of the original is kept");
  assert.doesNotMatch(JSON.stringify({ ...cause }), new RegExp(SECRET));
});

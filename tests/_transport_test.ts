import assert from "node:assert/strict";
import {
  assertSecureTransport,
  expectNonEmptyString,
  expectType,
  isLoopbackHost,
  parseAbsoluteUrl,
  typeOf,
} from "../_transport.ts";

Deno.test("loopback means localhost, 127.0.0.0/8 and [::1], nothing else", () => {
  for (const host of ["localhost", "127.0.0.1", "127.255.0.9", "[::1]"]) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (
    const host of [
      "app.localhost",
      "localhost.evil.example",
      "128.0.0.1",
      "127.0.0.1.evil.example",
      "[::2]",
      "0.0.0.0",
    ]
  ) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

Deno.test("http is refused off loopback with insecure_transport, and the message omits the query", () => {
  assert.throws(
    () => assertSecureTransport(new URL("http://app.localhost/x?secret=1"), "x"),
    (error: unknown) => {
      assert.equal((error as { code: string }).code, "insecure_transport");
      assert.doesNotMatch((error as Error).message, /secret/);
      return true;
    },
  );
  assertSecureTransport(new URL("https://api.example/"), "x");
  assertSecureTransport(new URL("http://127.0.0.1:8080/"), "x");
});

Deno.test("parseAbsoluteUrl accepts strings and URLs and names the option otherwise", () => {
  assert.equal(parseAbsoluteUrl(new URL("https://a.example/x"), "o").href, "https://a.example/x");
  assert.throws(() => parseAbsoluteUrl("/x", "tokenUrl"), {
    name: "TypeError",
    message: /^tokenUrl must be an absolute/,
  });
  assert.throws(() => parseAbsoluteUrl(null, "tokenUrl"), {
    name: "TypeError",
    message: /got null/,
  });
  assert.throws(() => parseAbsoluteUrl("javascript:alert(1)", "tokenUrl"), {
    name: "TypeError",
    message: /got javascript:/,
  });
});

Deno.test("type descriptions read as English: got undefined, got an object, got a number", () => {
  const cases: [unknown, string][] = [
    [undefined, "undefined"],
    [null, "null"],
    [{}, "an object"],
    [[], "an array"],
    [new Error("x"), "an object"],
    [1, "a number"],
    [1n, "a bigint"],
    ["", "a string"],
    [true, "a boolean"],
    [Symbol("s"), "a symbol"],
    [() => {}, "a function"],
  ];
  for (const [value, described] of cases) assert.equal(typeOf(value), described);
  assert.throws(() => expectNonEmptyString(undefined, "clientId"), {
    name: "TypeError",
    message: "clientId must be a non-empty string, got undefined",
  });
  assert.throws(() => expectType({}, "fetch", "function"), {
    message: "fetch must be a function, got an object",
  });
  assert.throws(() => expectType(1, "options", "object"), {
    message: "options must be an object, got a number",
  });
});

/**
 * What the CLI prints: no control character from a server reaches the terminal, in the lines
 * for people, in error lines, or raw in the JSON output.
 */
import assert from "node:assert/strict";
import { describeError, EXIT, printable, render } from "../../cli/output.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

// Every C0 control, DEL and every C1 control.
const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  "\x7f",
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(0x80 + code)),
].join("");
// A title change, a clipboard write, an OSC 8 link, a screen clear, an 8-bit CSI, a line rewrite.
const HOSTILE = "\x1b]0;pwned\x07\x1b]52;c;Y3VybCBldmlsfHNo\x07" +
  "\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\\x1b[2J\x9b31m\rfake\x08\x7f";
// deno-lint-ignore no-control-regex -- finding control characters is the point
const RAW = /[\x00-\x1f\x7f-\x9f]/;

Deno.test("printable removes every C0 control, DEL and every C1 control, and nothing else", () => {
  assert.equal(printable(CONTROLS), "");
  assert.equal(printable(`WDJB${CONTROLS}-MJHT`), "WDJB-MJHT");
  assert.equal(
    printable(HOSTILE),
    "]0;pwned]52;c;Y3VybCBldmlsfHNo]8;;https://evil.example\\here]8;;\\[2J31mfake",
  );
  const ordinary = "https://as.example/activate?user_code=WDJB-MJHT ünïcode ✓ \u00a0\u00ff";
  assert.equal(printable(ordinary), ordinary);
});

Deno.test("lines for people are printed printable, one per line, so a server cannot forge one", () => {
  const text = render(false, [`user_code ${HOSTILE}`, "next\nforged line"], {});
  assert.doesNotMatch(text.slice(0, -1).replaceAll("\n", ""), RAW);
  assert.deepEqual(text.split("\n"), [`user_code ${printable(HOSTILE)}`, "nextforged line", ""]);
});

Deno.test("JSON output leaves no control character raw, and parses back to the server's text", () => {
  const data = { note: HOSTILE, [`key${CONTROLS}`]: CONTROLS };
  const text = render(true, [], data);
  assert.doesNotMatch(text.replaceAll("\n", ""), RAW, "JSON.stringify leaves DEL and C1 raw");
  assert.deepEqual(JSON.parse(text), data);
  assert.equal(render(true, [], { plain: "a\u00a0ü" }), '{\n  "plain": "a\u00a0ü"\n}\n');
});

Deno.test("an error line carries the server's error and description without their controls", () => {
  const refused = describeError(
    new OAuthResponseError({
      error: `access_denied${HOSTILE}`,
      errorDescription: `denied\n${HOSTILE}`,
      errorUri: `https://as.example/e${HOSTILE}`,
      status: 400,
    }),
  );
  assert.equal(refused.code, EXIT.refused);
  assert.doesNotMatch(refused.line, RAW);
  assert.equal(
    refused.line,
    `error: access_denied${printable(HOSTILE)} (HTTP 400): denied${printable(HOSTILE)}`,
  );
  for (
    const error of [
      new OAuthError("invalid_response", `the server sent ${HOSTILE}`),
      new DOMException(`late ${HOSTILE}`, "TimeoutError"),
      new TypeError(`bad ${HOSTILE}`),
      new Error(`odd ${HOSTILE}`),
      `thrown ${HOSTILE}`,
    ]
  ) {
    const { line } = describeError(error);
    assert.doesNotMatch(line, RAW, line);
    assert.ok(line.endsWith(printable(HOSTILE)), line);
  }
});

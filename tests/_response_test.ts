import assert from "node:assert/strict";
import fc from "fast-check";
import { excerpt, readCappedText, refuseRedirect } from "../_response.ts";

Deno.test("readCappedText reads a body within the cap, in several chunks, as UTF-8", async () => {
  const parts = ["caf", "é ☃"].map((part) => new TextEncoder().encode(part));
  const stream = new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  assert.equal(await readCappedText(new Response(stream), 100), "café ☃");
  assert.equal(await readCappedText(new Response(null)), "");
});

Deno.test("readCappedText refuses a body one byte over the cap", async () => {
  await assert.rejects(readCappedText(new Response("x".repeat(11)), 10), {
    code: "response_too_large",
  });
  assert.equal(await readCappedText(new Response("x".repeat(10)), 10), "x".repeat(10));
});

Deno.test("refuseRedirect ignores a fragment in the request URL but catches a followed redirect", async () => {
  await refuseRedirect(new Response("ok"), "https://p.example/rt#section", "endpoint");
  const followed = new Response("ok");
  Object.defineProperty(followed, "url", { value: "https://elsewhere.example/rt" });
  await assert.rejects(refuseRedirect(followed, "https://p.example/rt", "endpoint"), {
    code: "redirect_refused",
  });
  const sameWithFragment = new Response("ok");
  Object.defineProperty(sameWithFragment, "url", { value: "https://p.example/rt" });
  await refuseRedirect(sameWithFragment, "https://p.example/rt#section", "endpoint");
});

const SECRET = `s3cr/t +"quoted" <a>&b 'q' \\ ~*é€😀`;

const utf8Bytes = (value: string) => [...new TextEncoder().encode(value)];
const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");
const units = (value: string) =>
  Array.from({ length: value.length }, (_, i) => value.charCodeAt(i));
const jsonInner = (value: string) => JSON.stringify(value).slice(1, -1);
const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const lowerHex = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const htmlEscaped = (value: string, entities: Record<string, string>) =>
  value.replace(/[&<>"'/]/g, (c) => entities[c] ?? c);
const NAMED = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Spellings servers echo request values in, written independently of `_response.ts`. */
const SPELLINGS: Record<string, (value: string) => string> = {
  "as sent": (value) => value,
  "encodeURIComponent": encodeURIComponent,
  "encodeURIComponent with lower-case hex": (value) => lowerHex(encodeURIComponent(value)),
  "encodeURIComponent with + for space": (value) =>
    encodeURIComponent(value).replaceAll("%20", "+"),
  "form encoding": formEncoded,
  "form encoding with lower-case hex": (value) => lowerHex(formEncoded(value)),
  "every byte percent-encoded, upper-case": (value) =>
    utf8Bytes(value).map((b) => `%${hex(b, 2).toUpperCase()}`).join(""),
  "every byte percent-encoded, lower-case": (value) =>
    utf8Bytes(value).map((b) => `%${hex(b, 2)}`).join(""),
  "every byte percent-encoded, mixed case": (value) =>
    utf8Bytes(value).map((b, i) => `%${i % 2 ? hex(b, 2) : hex(b, 2).toUpperCase()}`).join(""),
  "JSON.stringify": jsonInner,
  "JSON with \\/ for slashes": (value) => jsonInner(value).replaceAll("/", "\\/"),
  "JSON in ASCII, like Python's json.dumps": (value) =>
    jsonInner(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`),
  "JSON with every character \\u-escaped": (value) =>
    units(value).map((unit) => `\\u${hex(unit, 4).toUpperCase()}`).join(""),
  "HTML with named entities": (value) => htmlEscaped(value, NAMED),
  "HTML with &#x27; and &#47;": (value) =>
    htmlEscaped(value, { ...NAMED, "'": "&#x27;", "/": "&#47;" }),
  "HTML with every character a decimal reference": (value) =>
    [...value].map((c) => `&#${c.codePointAt(0)};`).join(""),
  "HTML with every character a hex reference": (value) =>
    [...value].map((c) => `&#x${hex(c.codePointAt(0)!, 1)};`).join(""),
  "HTML with every UTF-16 unit a decimal reference": (value) =>
    units(value).map((unit) => `&#${unit};`).join(""),
  "JSON inside HTML": (value) => htmlEscaped(jsonInner(value), NAMED),
  "percent-encoded twice": (value) => encodeURIComponent(encodeURIComponent(value)),
  "form encoding inside JSON": (value) => jsonInner(formEncoded(value)),
};

/** Error bodies that echo a value. */
const BODIES: ((echo: string) => string)[] = [
  (echo) => `{"error":"invalid_client","error_description":"client_secret ${echo} is wrong"}`,
  (echo) => `<html><body><p>Bad request: ${echo}</p></body></html>`,
  (echo) => `error=invalid_request&error_description=${echo}&state=xyz`,
];

/** The spellings of `value` left in `text` once the `[redacted]` marks are taken out. */
function leftovers(text: string, value: string): string[] {
  const pieces = text.split("[redacted]");
  return Object.entries(SPELLINGS)
    .filter(([, spell]) => pieces.some((piece) => piece.includes(spell(value))))
    .map(([name]) => name);
}

/** The spellings cut out where they stand; any other hides the whole excerpt. */
const CUT_IN_PLACE = new Set([
  "as sent",
  "encodeURIComponent",
  "encodeURIComponent with lower-case hex",
  "form encoding",
  "form encoding with lower-case hex",
]);
const HIDDEN = "[redacted: the body echoed a secret]";

Deno.test("excerpt cuts a secret out of an error body in every spelling a server echoes it in", () => {
  for (const [name, spell] of Object.entries(SPELLINGS)) {
    for (const body of BODIES) {
      const text = excerpt(body(spell(SECRET)), ["other-secret-value", SECRET]);
      assert.deepEqual(leftovers(text, SECRET), [], `${name}: ${text}`);
      if (CUT_IN_PLACE.has(name)) assert.equal(text, body("[redacted]"), name);
      else assert.ok(text === body("[redacted]") || text === HIDDEN, `${name}: ${text}`);
    }
  }
});

Deno.test("excerpt cuts out random secrets with reserved, quoting and non-ASCII characters in every spelling", () => {
  const character = fc.oneof(
    fc.constantFrom(..." \"'<>&/\\%+=?#;:@!*()~[]{}\n\téß€☃😀🇫🇷"),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  );
  fc.assert(
    fc.property(
      fc.string({ unit: character, minLength: 8, maxLength: 40 }),
      fc.constantFrom(...Object.keys(SPELLINGS)),
      fc.constantFrom(...BODIES),
      (secret, spelling, body) => {
        const text = excerpt(body(SPELLINGS[spelling](secret)), [secret]);
        assert.deepEqual(leftovers(text, secret), [], `${spelling}: ${text}`);
        assert.match(text, /\[redacted[\]:]/);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("excerpt leaves ordinary text, escapes and all, as it is when no secret is in it", () => {
  const ordinary = [
    `{"error":"invalid_grant","error_description":"Caf\\u00e9 \\"x\\" a\\/b \\\\ 50%25 a+b"}`,
    "<p>Caf&eacute; &amp; &lt;b&gt; &#169; &#x2F; 50% off &nbsp;</p>",
    "error=invalid_request&error_description=a+b%2Fc%E2%98%83&state=%zz%",
    "secret-ish but short: abc",
  ];
  for (const text of ordinary) {
    assert.equal(excerpt(text, ["client-secret-value", "refresh-token-value"]), text);
  }
  const long = "a&amp;b%20c\\n ".repeat(200);
  assert.equal(excerpt(long, ["client-secret-value"]), long.slice(0, 1024));
});

Deno.test("excerpt keeps values shorter than 8 characters, which would mangle ordinary words", () => {
  assert.equal(excerpt("invalid client: abc1234", ["abc1234"]), "invalid client: abc1234");
  assert.equal(excerpt("invalid client: abc12345", ["abc12345"]), "invalid client: [redacted]");
});

Deno.test("excerpt is at most 1 KiB and a spelling that straddles its end is never shown in part", () => {
  const straddling = excerpt(`${"x".repeat(1020)}${encodeURIComponent(SECRET)} tail`, [SECRET]);
  assert.equal(straddling, `${"x".repeat(1020)}[red`);
  const spelled = SPELLINGS["every byte percent-encoded, lower-case"](SECRET);
  assert.equal(excerpt(`${"x".repeat(1020)}${spelled} tail`, [SECRET]), HIDDEN);
  const pulledIn = excerpt(`${encodeURIComponent(SECRET)} `.repeat(200), [SECRET]);
  assert.equal(pulledIn, "[redacted] ".repeat(100).slice(0, 1024));
  assert.equal(excerpt("y".repeat(5000), [SECRET]), "y".repeat(1024));
});

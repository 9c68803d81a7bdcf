/**
 * Reading the `Cookie` header: strict about the cookie asked for, lenient about every other,
 * as a site on a sibling domain can make this site's browsers send cookies of any shape; and
 * never taking for ours a pair that such a site could have written.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { CookieSealer, readCookie } from "../../web/mod.ts";
import { readSealedCookies } from "../../web/cookies.ts";

const NAME = "__Host-oauth-op";
// A value in the sealer's alphabet; made here, not by sealing at load time, as workerd allows
// no random values outside a handler. The first test checks the sealer's output has its shape.
const SEALED = "Xq3v_9-".repeat(12);
const OURS = `${NAME}=${SEALED}`;

const withCookie = (header: string) =>
  new Request("https://app.example/callback", { headers: { cookie: header } });

/** The sealed cookie `name` as `readSealedCookies` finds it among those of its prefix. */
const readSealedCookie = (request: Request, name: string) =>
  readSealedCookies(request, name).get(name);

/** What each reader finds of the login cookie in `header`. */
const read = (header: string) => [
  readCookie(withCookie(header), NAME),
  readSealedCookie(withCookie(header), NAME),
];

Deno.test("a sealed login cookie is read back whole by both readers", async () => {
  const sealer = new CookieSealer("the cookie tests' secret, long enough");
  const sealed = await sealer.seal(NAME, { id: "login-1" }, 2_000_000_000);
  assert.deepEqual(read(`a=1; ${NAME}=${sealed}`), [sealed, sealed]);
  assert.match(sealed, /^[A-Za-z0-9_-]{40,}$/);
});

/** Cookies of other sites and tools that are outside RFC 6265's grammar. */
const HOSTILE_SIBLINGS = {
  "a value with a space": "prefs=a b",
  "quoted JSON": 'data="{\\"a\\":1}"',
  "a nameless pair": "=abc",
  "a bare value (a nameless cookie)": "abc",
  "two fields joined by Headers": "a=1, b=2",
  "a doubled semicolon": "a=1;; b=2",
  "an empty pair": "a=1; ; b=2",
  "a name with a space": "my prefs=1",
  "an unbalanced quote": 'q="abc',
  "non-ASCII bytes": "caf\u00e9=cr\u00e8me",
  "a comma and = in a value": "exp=Wed, 09 Jun 2021 10:18:14 GMT; list=a=b,c",
  "a tab": "a=1\t2",
};

Deno.test("the login cookie is read beside each sibling cookie outside RFC 6265, before or after it", () => {
  for (const [what, sibling] of Object.entries(HOSTILE_SIBLINGS)) {
    for (const header of [`${sibling}; ${OURS}`, `${OURS}; ${sibling}`, `${sibling};${OURS};`]) {
      assert.deepEqual(read(header), [SEALED, SEALED], `${what}: ${header}`);
    }
  }
  const all = Object.values(HOSTILE_SIBLINGS).join("; ");
  assert.deepEqual(read(`${all}; ${OURS}; ${all}`), [SEALED, SEALED]);
  assert.deepEqual(read(`${OURS}, a=1`), [SEALED, SEALED], "ours first of two joined fields");
  assert.deepEqual(read(` \t${OURS} \t; x`), [SEALED, SEALED], "spaces and tabs around it");
});

Deno.test("no cookie, an empty header or only siblings is no login cookie, and nothing throws", () => {
  assert.deepEqual(read(""), [undefined, undefined]);
  assert.deepEqual(read(";;; ;"), [undefined, undefined]);
  assert.deepEqual(read(Object.values(HOSTILE_SIBLINGS).join("; ")), [undefined, undefined]);
  const none = new Request("https://app.example/callback");
  assert.equal(readCookie(none, NAME), undefined);
  assert.equal(readSealedCookie(none, NAME), undefined);
});

Deno.test("the login cookie twice is refused, whichever comes first, as a planted one would choose", () => {
  const other = `${NAME}=${SEALED.slice(1)}A`;
  for (const header of [`${OURS}; ${OURS}`, `${OURS};${OURS}`, `${OURS}; ${other}`]) {
    assert.deepEqual(read(header), [undefined, undefined], header);
  }
  assert.deepEqual(read(`${OURS}; ${NAME}=`), [undefined, undefined], "beside an empty one");
  assert.deepEqual(read(`${OURS}; ${NAME}=a b`), [undefined, undefined], "beside a bad one");
});

Deno.test("only the exact name is ours: other cases, prefixes and suffixes are siblings", () => {
  for (
    const name of ["__host-oauth-op", "__Host-oauth-o", "__Host-oauth-op2", "x__Host-oauth-op"]
  ) {
    assert.deepEqual(read(`${name}=${SEALED}`), [undefined, undefined], name);
    assert.deepEqual(read(`${name}=forged; ${OURS}`), [SEALED, SEALED], name);
  }
  assert.deepEqual(read(`${NAME} =${SEALED}`), [undefined, undefined], "a space before =");
});

Deno.test("a pair a sibling site could write is never taken for ours: after ', ', or after other whitespace", () => {
  // In a cookie's value, or as a nameless cookie, which browsers send as its bare value; a
  // browser refuses a nameless cookie whose value starts with __Host- after spaces and tabs.
  for (
    const planted of [
      `x=1, ${OURS}`,
      `, ${OURS}`,
      `x="a, ${OURS}"`,
      `\u00a0${OURS}`,
      `\v${OURS}`,
      `\f${OURS}`,
    ]
  ) {
    assert.deepEqual(read(planted), [undefined, undefined], JSON.stringify(planted));
    const real = `${NAME}=${SEALED.slice(1)}A`;
    assert.deepEqual(read(`${planted}; ${real}`), [
      real.slice(NAME.length + 1),
      real.slice(NAME.length + 1),
    ]);
  }
});

Deno.test("readCookie takes RFC 6265's cookie-value, quoted or not; readSealedCookie only what seal writes", () => {
  const cookie = (value: string) => [
    readCookie(withCookie(`${NAME}=${value}; x=1`), NAME),
    readSealedCookie(withCookie(`${NAME}=${value}; x=1`), NAME),
  ];
  assert.deepEqual(cookie(`"${SEALED}"`), [SEALED, undefined]);
  assert.deepEqual(cookie("abc123"), ["abc123", undefined], "shorter than any seal");
  assert.deepEqual(cookie(`${SEALED}=`), [`${SEALED}=`, undefined], "base64 padding");
  assert.deepEqual(cookie(`${SEALED.slice(10)}+/`), [`${SEALED.slice(10)}+/`, undefined]);
  assert.deepEqual(cookie(`${SEALED} x`), [undefined, undefined], "a space");
  assert.deepEqual(cookie(`${SEALED}"`), [undefined, undefined], "an unbalanced quote");
  assert.deepEqual(cookie(`${SEALED}\\`), [undefined, undefined], "a backslash");
  assert.deepEqual(cookie(""), ["", undefined]);
});

Deno.test("readSealedCookies finds each sealed cookie of a prefix, and leaves out a name there twice or a value not sealed", () => {
  const prefix = "__Host-oauth-op.";
  const [a, b, c] = ["a", "b", "c"].map((id) => `${prefix}${id}`);
  const header = [
    `${a}=${SEALED}`,
    `x=1, ${prefix}planted=${SEALED}`,
    `${b}=${SEALED}`,
    `${b}=${SEALED}`,
    `${c}="${SEALED}"`,
    `__Host-oauth-op2.d=${SEALED}`,
    `__Host-oauth-op=${SEALED}`,
  ].join("; ");
  assert.deepEqual([...readSealedCookies(withCookie(header), prefix)], [[a, SEALED]]);
  assert.deepEqual(readSealedCookies(new Request("https://app.example/"), prefix).size, 0);
});

/** A character a header value can hold: a byte, not NUL, CR or LF (nor `;`, which ends a cookie). */
const headerChar = fc.integer({ min: 1, max: 0xff })
  .filter((code) => ![0x0a, 0x0d, 0x3b].includes(code))
  .map((code) => String.fromCharCode(code));

/**
 * A cookie a browser could send for another site of the same domain: any text without `;`,
 * often built of the pieces that confuse parsers; but not one that starts with `__Host-`
 * after spaces and tabs, as browsers keep such a cookie only when this very host set it (the
 * prefix's rule, which they now apply to the value of a nameless cookie too).
 */
const siblingCookie = fc.array(
  fc.oneof(
    fc.string({ unit: headerChar, maxLength: 8 }),
    fc.constantFrom(
      "=",
      ",",
      ", ",
      " ",
      "\t",
      '"',
      "\\",
      "{",
      "}",
      "\u00a0",
      NAME,
      `${NAME}=`,
      `${NAME}=${SEALED}`,
      "__host-oauth-op",
      "prefs",
      "a b",
    ),
  ),
  { maxLength: 8 },
).map((parts) => parts.join(""))
  .filter((cookie) => !/^[ \t]*__host-/i.test(cookie));

/** Between two cookies: what browsers send (`; `), and what else arrives. */
const separator = fc.constantFrom("; ", ";", ";;", "; ;", ";  ", ";\t", " ; ");

Deno.test("no sibling cookies a browser could send, in any number and order, stop the login cookie from being read", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(siblingCookie, separator), { maxLength: 12 }),
      fc.nat(),
      fc.option(siblingCookie, { nil: undefined }),
      (siblings, at, joined) => {
        // Ours may be the first of two fields that Headers joined with ", ".
        const ours = joined === undefined ? OURS : `${OURS}, ${joined}`;
        const pieces: [string, string][] = [...siblings];
        pieces.splice(at % (siblings.length + 1), 0, [ours, "; "]);
        const header = pieces.map(([cookie, sep]) => `${cookie}${sep}`).join("");
        assert.deepEqual(read(header), [SEALED, SEALED], JSON.stringify(header));
      },
    ),
    { numRuns: 2_000 },
  );
});

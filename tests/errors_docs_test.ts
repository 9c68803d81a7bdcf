/**
 * The error codes agree with what documents and throws them: docs/errors.md's table lists each
 * code of `OAuthErrorCode` once, and every code a library source throws literally is listed.
 * (Reads files, so it runs under Deno only; tests/errors_test.ts runs everywhere.)
 */
import assert from "node:assert/strict";
import { _CLIENT_ERROR_CODES, _SERVER_ERROR_CODES } from "../errors.ts";

const ROOT = new URL("../", import.meta.url);
const ALL_CODES: readonly string[] = [..._CLIENT_ERROR_CODES, ..._SERVER_ERROR_CODES];

/** The backticked codes in the first column of the code table of docs/errors.md. */
async function documentedCodes(): Promise<string[]> {
  const page = await Deno.readTextFile(new URL("docs/errors.md", ROOT));
  const table = page.split("\n\n").find((block) => block.startsWith("| code "));
  assert.ok(table, "docs/errors.md has a table whose first column is the code");
  const rows = table.split("\n").filter((line) => line.startsWith("|")).slice(2);
  assert.ok(rows.length > 0, "the code table has rows");
  return rows.flatMap((row) => [...row.split("|")[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

Deno.test("docs/errors.md lists each code of OAuthErrorCode exactly once", async () => {
  const listed = await documentedCodes();
  const repeated = listed.filter((code, i) => listed.indexOf(code) !== i);
  assert.deepEqual(repeated, [], "codes listed in more than one row");
  assert.deepEqual([...listed].sort(), [...ALL_CODES].sort());
});

/** The library's source files: every .ts outside tests, benchmarks, scripts and build output. */
async function* librarySources(directory = ROOT): AsyncGenerator<URL> {
  const skipped = new Set(["tests", "bench", "scripts", "node_modules", "npm", "coverage"]);
  for await (const entry of Deno.readDir(directory)) {
    if (entry.name.startsWith(".") || skipped.has(entry.name)) continue;
    const url = new URL(entry.isDirectory ? `${entry.name}/` : entry.name, directory);
    if (entry.isDirectory) yield* librarySources(url);
    else if (entry.name.endsWith(".ts")) yield url;
  }
}

Deno.test("every code the library sources give an error literally is in the list", async () => {
  const found = new Map<string, string>();
  for await (const url of librarySources()) {
    // Doc comments show codes in examples; only code counts.
    const source = (await Deno.readTextFile(url)).replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const literals = [
      // new OAuthError("code", …) and helpers such as fail("code", …)
      ...source.matchAll(/\b(?:new OAuthError|fail)\(\s*"([^"]*)"/g),
      // new OAuthResponseError({ error: "code" }) and error: cond ? "code" : …, not the
      // arguments of a call there
      ...[...source.matchAll(/new OAuthResponseError\(\{([\s\S]*?)\}\)/g)].flatMap((
        [, init],
      ) => [...(init.match(/\berror:[^,]*/)?.[0] ?? "").matchAll(/[:?]\s*"([^"]+)"/g)]),
    ];
    for (const [, code] of literals) found.set(code, url.pathname.slice(ROOT.pathname.length));
  }
  // The walk found the sources: a broken walk must not pass for an empty one.
  assert.ok(found.size >= 25, `only ${found.size} codes found`);
  const unlisted = [...found].filter(([code]) => !ALL_CODES.includes(code));
  assert.deepEqual(unlisted, [], "codes thrown but not in OAuthErrorCode");
  const neverThrown = _CLIENT_ERROR_CODES.filter((code) => !found.has(code));
  assert.deepEqual(neverThrown, [], "client codes no source throws");
});

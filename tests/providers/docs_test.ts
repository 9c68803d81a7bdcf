/**
 * docs/providers.md lists every preset `@x/oauth/providers` exports, one row per provider, and
 * every preset is run by a test of tests/providers/.
 */
import assert from "node:assert/strict";
import * as providers from "../../providers/mod.ts";

const root = new URL("../../", import.meta.url);
const page = await Deno.readTextFile(new URL("docs/providers.md", root));
// A preset is a function exported in lower camel case; `profile` and the helpers are not.
const NOT_PRESETS = new Set(["profile", "profileFromClaims", "appleClientSecret", "appleUser"]);
const presets = Object.entries(providers)
  .filter(([name, value]) => typeof value === "function" && !NOT_PRESETS.has(name))
  .map(([name]) => name)
  .filter((name) => /^[a-z][A-Za-z0-9]*$/.test(name));

/** The rows of the presets table: the names in their first cell. */
function tableRows(markdown: string): string[][] {
  const start = markdown.indexOf("## The presets");
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end).split("\n")
    .filter((line) => /^\| `/.test(line))
    .map((line) => [...line.split("|")[1].matchAll(/`([^`]+)`/g)].map(([, name]) => name));
}

Deno.test("docs/providers.md lists every preset once, and at least 40 providers", () => {
  const rows = tableRows(page);
  const listed = rows.flat();
  assert.ok(rows.length >= 40, `${rows.length} providers in the table`);
  assert.deepEqual([...listed].sort(), [...presets].sort());
  assert.equal(new Set(listed).size, listed.length, "a preset is listed twice");
});

Deno.test("every preset is called by a test of tests/providers/", async () => {
  let tests = "";
  for await (const entry of Deno.readDir(new URL("tests/providers/", root))) {
    if (entry.name.endsWith("_test.ts") && entry.name !== "docs_test.ts") {
      tests += await Deno.readTextFile(new URL(`tests/providers/${entry.name}`, root));
    }
  }
  const untested = presets.filter((name) => !new RegExp(`\\b${name}\\(`).test(tests));
  assert.deepEqual(untested, []);
});

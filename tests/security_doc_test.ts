/**
 * SECURITY.md proves each defence by naming its tests (`` `oauth2/refresh_test.ts` › "name" ``).
 * When a test moves or is renamed, the proof must follow: every file named exists under tests/,
 * and every quoted name is in that file. (Reads files, so it runs under Deno only.)
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const REFERENCE = /`([\w/]+_test\.ts)` › ((?:"(?:[^"\\]|\\.)+"(?:,\s*)?)+)/g;
const squash = (text: string) => text.replace(/\s+/g, " ");

Deno.test("every test SECURITY.md names as a proof exists, in the file it names", async () => {
  const security = await Deno.readTextFile(new URL("SECURITY.md", ROOT));
  const missing: string[] = [];
  let count = 0;
  for (const [, file, quoted] of security.matchAll(REFERENCE)) {
    const source = await Deno.readTextFile(new URL(`tests/${file}`, ROOT)).catch(() => undefined);
    if (source === undefined) {
      missing.push(`${file} (no such file)`);
      continue;
    }
    for (const [, name] of quoted.matchAll(/"((?:[^"\\]|\\.)+)"/g)) {
      count++;
      // A name cut short with "…", or built by a template, is matched on its literal start.
      const literal = squash(name).replace(/…$/, "").split(/\\"|\$\{/)[0].trim();
      if (!squash(source).includes(literal)) missing.push(`${file} › "${literal}"`);
    }
  }
  assert.ok(count > 40, `SECURITY.md names ${count} tests`);
  assert.deepEqual(missing, []);
});

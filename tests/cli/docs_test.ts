/**
 * docs/cli.md keeps up with the CLI: each command has its section, and the section names every
 * flag and setting the command takes, so a flag added to the catalog without a line on the
 * user's page fails here.
 */
import assert from "node:assert/strict";
import { type Command, COMMANDS } from "../../cli/catalog.ts";
import { COMMON_FLAGS, FLAGS } from "../../cli/flags.ts";

const PAGE = await Deno.readTextFile(new URL("../../docs/cli.md", import.meta.url));

function section(heading: string): string {
  const start = PAGE.indexOf(`\n### \`oauth ${heading}`);
  assert.ok(start >= 0, `docs/cli.md has no section on oauth ${heading}`);
  const end = PAGE.slice(start + 1).search(/\n##/);
  return end < 0 ? PAGE.slice(start) : PAGE.slice(start, start + 1 + end);
}

Deno.test("docs/cli.md has a section on each command naming each of its flags and settings", () => {
  for (const [name, command] of Object.entries(COMMANDS) as [string, Command][]) {
    const text = section(name);
    for (const flag of command.flags) {
      const short = FLAGS[flag].short;
      const written = short ? `\`-${short}\`, \`--${flag}` : `\`--${flag}`;
      assert.ok(text.includes(written), `oauth ${name}: ${written}`);
    }
    for (const setting of command.settings) {
      assert.ok(text.includes(`\`${setting}\``), `oauth ${name}: setting ${setting}`);
    }
  }
});

Deno.test("docs/cli.md lists the common flags, every setting's variable, and the token files", () => {
  for (const flag of Object.keys(COMMON_FLAGS)) assert.ok(PAGE.includes(`\`--${flag}`), flag);
  for (const file of ["<profile>.json", "<profile>.machine.json", "<profile>.oauth1.json"]) {
    assert.ok(PAGE.includes(`\`${file}\``), file);
  }
  assert.ok(PAGE.includes("--replace-user-token") && PAGE.includes("--machine-token"));
});

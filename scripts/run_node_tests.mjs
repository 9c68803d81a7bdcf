// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:node` / `npm run test:bun`: the tests of tests/node/ against the package that
// `npm run build` wrote to npm/, run by Node's own test runner or by `bun test`. The package is
// linked as node_modules/@x/oauth so that the runtime resolves it through its exports map, as a
// user's project does. Ends with the `N passed, N failed` line of the other suites.
import { spawnSync } from "node:child_process";
import { linkBuiltPackage } from "./_built_package.mjs";

linkBuiltPackage();

const bun = process.argv.includes("--bun");
const [command, args] = bun
  ? ["node_modules/.bin/bun", ["test", "./tests/node/"]]
  : [process.execPath, ["--test", "tests/node/"]];
const result = spawnSync(command, args, { encoding: "utf8" });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
const output = result.stdout + result.stderr;
// Node: "# pass 3" (or "ℹ pass 3" on a terminal); Bun: " 3 pass".
const count = (label) =>
  Number(
    (bun ? new RegExp(`^\\s*(\\d+) ${label}$`, "m") : new RegExp(`^(?:ℹ|#) ${label} (\\d+)$`, "m"))
      .exec(output)?.[1],
  );
const [passed, failed] = [count("pass"), count("fail")];
const parsed = Number.isInteger(passed) && Number.isInteger(failed);
console.log(`\n${parsed ? passed : 0} passed, ${parsed ? failed : 1} failed`);
process.exit(result.status === 0 && parsed ? 0 : 1);

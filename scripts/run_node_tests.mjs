// deno-lint-ignore-file no-console -- a test runner reports on the console
// `npm run test:node`: Node's test runner over tests/node/, against the package `npm run build`
// wrote to npm/. The package is linked as node_modules/@x/oauth so that Node resolves it through
// its exports map, exactly as a user's project does. Ends with the `N passed, N failed` line.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";

mkdirSync("node_modules/@x", { recursive: true });
rmSync("node_modules/@x/oauth", { recursive: true, force: true });
symlinkSync("../../npm", "node_modules/@x/oauth", "dir");

const result = spawnSync(process.execPath, ["--test", "tests/node/"], { encoding: "utf8" });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
const count = (label) =>
  Number(new RegExp(`^(?:ℹ|#) ${label} (\\d+)$`, "m").exec(result.stdout)?.[1]);
const [passed, failed] = [count("pass"), count("fail")];
const parsed = Number.isInteger(passed) && Number.isInteger(failed);
console.log(`\n${parsed ? passed : 0} passed, ${parsed ? failed : 1} failed`);
process.exit(result.status === 0 && parsed ? 0 : 1);

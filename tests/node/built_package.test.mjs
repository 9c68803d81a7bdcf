// `npm run test:node` and `npm run test:bun`: the cross-runtime checks of
// tests/runtimes/checks.mjs against the built npm package (imported through its exports map),
// registered with Node's test runner; `bun test` runs them through its node:test support.
import { test } from "node:test";
import { checks } from "../runtimes/checks.mjs";

for (const [name, run] of checks) test(name, run);

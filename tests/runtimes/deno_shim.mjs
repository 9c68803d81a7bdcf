/**
 * The part of the `Deno` namespace that the unit tests use, for runtimes that are not Deno:
 * `Deno.test` from `@deno/shim-deno-test` (it only records the definitions; run_definitions.mjs
 * runs them) and `Deno.inspect` as the runtime's own `node:util` inspect. Imported first by
 * the bundled suites of scripts/_test_suite.mjs.
 */
import { Deno as shim, testDefinitions } from "@deno/shim-deno-test";
import { inspect } from "node:util";

globalThis.Deno = { test: shim.test, inspect };

export { testDefinitions };

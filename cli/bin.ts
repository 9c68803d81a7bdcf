#!/usr/bin/env node
/**
 * The `oauth` executable of the npm package: runs {@linkcode main} with the process's
 * arguments and exits with its code. (`deno run cli/main.ts` does the same.)
 *
 * @module
 */
import process from "node:process";
import { main } from "./main.ts";

process.exit(await main(process.argv.slice(2)));

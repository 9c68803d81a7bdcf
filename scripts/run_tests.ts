// deno-lint-ignore-file no-console -- a command-line runner reports on the console
/**
 * The test runner behind `npm test` and `npm run test:interop`.
 *
 * `npm test` runs, in order: `deno fmt --check`, `deno lint`, `deno check`, `deno doc --lint`,
 * `deno test` over the unit tests and every JSDoc example (`--doc`) with coverage, and a
 * coverage gate (library lines ≥ 90 %). `--interop` runs `tests/interop/` instead, which
 * needs Debian's python3-oauthlib. Each gate counts as one check, each test as one; the last
 * line is always `N passed, N failed`, and the exit code is 1 when anything failed.
 *
 * @module
 */

const DENO = Deno.execPath();
const LIBRARY_FILE =
  /\/(mod|errors|_[a-z_]+)\.ts$|\/(oauth1|oauth2|hooks|stores|web|providers)\/[a-z_0-9]+\.ts$/;
const ENTRY_POINTS = [
  "mod.ts",
  "oauth1/mod.ts",
  "oauth2/mod.ts",
  "hooks/mod.ts",
  "stores/deno_kv.ts",
  "stores/durable_object.ts",
  "stores/redis.ts",
  "stores/file.ts",
  "web/mod.ts",
  "providers/mod.ts",
];
const MIN_LINE_COVERAGE = 90;

interface Tally {
  passed: number;
  failed: number;
}

const tally: Tally = { passed: 0, failed: 0 };

async function run(args: string[]): Promise<{ ok: boolean; output: string }> {
  const child = new Deno.Command(DENO, {
    args,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const decoder = new TextDecoder();
  let output = "";
  const pump = async (stream: ReadableStream<Uint8Array>, sink: typeof Deno.stdout) => {
    for await (const chunk of stream) {
      output += decoder.decode(chunk, { stream: true });
      await sink.write(chunk);
    }
  };
  const [status] = await Promise.all([
    child.status,
    pump(child.stdout, Deno.stdout),
    pump(child.stderr, Deno.stderr),
  ]);
  return { ok: status.success, output };
}

async function gate(name: string, args: string[]): Promise<void> {
  console.log(`\n── ${name}: deno ${args.join(" ")}`);
  const { ok } = await run(args);
  record(name, ok);
}

function record(name: string, ok: boolean): void {
  if (ok) tally.passed++;
  else tally.failed++;
  console.log(`── ${name}: ${ok ? "ok" : "FAILED"}`);
}

/** Adds the counts of a `deno test` summary line; a crash without one counts as a failure. */
async function tests(name: string, args: string[]): Promise<void> {
  console.log(`\n── ${name}: deno ${args.join(" ")}`);
  const { ok, output } = await run(args);
  const summary = /(ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/.exec(output);
  if (!summary) {
    record(name, false);
    return;
  }
  tally.passed += Number(summary[2]);
  tally.failed += Number(summary[3]);
  if (!ok && Number(summary[3]) === 0) record(`${name} (exit status)`, false);
}

async function coverageGate(): Promise<void> {
  console.log("\n── coverage: library lines");
  const { ok } = await run(["coverage", "coverage", "--lcov", "--output=coverage/lcov.info"]);
  if (!ok) return record("coverage", false);
  let found = 0;
  let hit = 0;
  let file = "";
  const rows: string[] = [];
  for (const line of (await Deno.readTextFile("coverage/lcov.info")).split("\n")) {
    if (line.startsWith("SF:")) file = line.slice(3);
    if (!LIBRARY_FILE.test(file) || /\/(tests|scripts|examples|bench)\//.test(file)) continue;
    if (line.startsWith("LF:")) found += Number(line.slice(3));
    if (line.startsWith("LH:")) {
      hit += Number(line.slice(3));
      rows.push(`${file.replace(/^file:\/\/.*?\/(?=(oauth1|oauth2|hooks|[a-z_]+\.ts))/, "")}`);
    }
  }
  const percent = found === 0 ? 0 : (100 * hit) / found;
  console.log(`library files: ${rows.length}, lines: ${hit}/${found} = ${percent.toFixed(1)} %`);
  record(`coverage ≥ ${MIN_LINE_COVERAGE} %`, percent >= MIN_LINE_COVERAGE);
}

const interop = Deno.args.includes("--interop");
if (interop) {
  await tests("interop tests", ["test", "-A", "tests/interop/"]);
} else {
  await gate("format", ["fmt", "--check"]);
  await gate("lint", ["lint"]);
  await gate("type check", ["check", "."]);
  await gate("doc lint", ["doc", "--lint", ...ENTRY_POINTS]);
  await gate("imports run one way", ["run", "-A", "scripts/check_imports.ts"]);
  await gate("Markdown snippets type-check", ["run", "-A", "scripts/check_markdown.ts"]);
  await Deno.remove("coverage", { recursive: true }).catch(() => {});
  await tests("tests", [
    "test",
    "-A",
    "--doc",
    "--coverage=coverage",
    // Markdown blocks are type-checked by the gate above; the README's quick starts run in
    // tests/readme_test.ts against the local provider.
    "--ignore=tests/interop,bench,coverage,npm,docs,README.md,CONTRIBUTING.md,CHANGELOG.md,SECURITY.md,ARCHITECTURE.md",
  ]);
  await coverageGate();
}
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
Deno.exit(tally.failed === 0 ? 0 : 1);

// deno-lint-ignore-file no-console -- a benchmark reports on the console
// `npm run bench:cold`: what a cold import costs, side by side with the libraries users compare
// us with. A benchmark, never a test: it prints figures and fails only when it cannot measure.
//
// The package that `npm run build` wrote to npm/ is packed with `npm pack` and installed from the
// tarball into a scratch directory, next to oauth4webapi and oauth-1.0a (copied from this
// workspace's node_modules, so it works offline) and, when npm can fetch it, openid-client.
// Each measurement is a fresh process, `node --input-type=module -e 'await import(X)'`, timed
// from spawn to exit; the median over the runs, minus the median of the same process importing
// an empty module, is the import's cost. In brackets, the same measured inside the process: the
// time `await import(X)` itself took (less noisy; without what the process pays at exit), and the
// CPU time the process spent on it (least disturbed by other work on the machine). The
// processes of all targets are interleaved, round by round in a shuffled order, so that a noisy
// moment hits every target alike. Caches are warm (one unmeasured run each first): what a server
// or a CLI pays on every start.
//
// The client classes load rarely used parts (OAuth 1.0a signing, DPoP, device flow, ID tokens, …)
// on first use, with `import()`; so that this saving is not hidden, a third row imports the root
// and then every chunk it can load that way: what a program that uses every feature pays.
//
// Deno gets the sources (JSR): `deno run` of a file that imports mod.ts, and oauth1/mod.ts.
//
// Options: --runs N (default 21).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { importsIn } from "../scripts/_chunk_imports.mjs";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const runsFlag = process.argv.indexOf("--runs");
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 21;
const DENO = join(ROOT, "node_modules/.bin/deno");

const manifest = JSON.parse(readFileSync(join(ROOT, "npm/package.json"), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "x-oauth-cold-"));
try {
  main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function main() {
  // The package as npm would ship it, installed from its tarball.
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", scratch], {
    cwd: join(ROOT, "npm"),
    encoding: "utf8",
  }).trim().split("\n").at(-1);
  // The package has no runtime dependency; should it get one, it is installed here too.
  const local = ["oauth4webapi", "oauth-1.0a", ...Object.keys(manifest.dependencies ?? {})];
  const dependencies = { [manifest.name]: `file:${join(scratch, tarball)}` };
  for (const name of local) {
    cpSync(join(ROOT, "node_modules", name), join(scratch, "node_modules", name), {
      recursive: true,
    });
    dependencies[name] = versionOf(name);
  }
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ private: true, type: "module", dependencies }),
  );
  writeFileSync(join(scratch, "empty.mjs"), "");
  if (!npm(["install", "--offline"])) throw new Error("could not install the tarball");
  const openidClient = npm(["install", "--prefer-offline", "openid-client@6"]);

  const node = (...specifiers) => ({
    command: process.execPath,
    args: [
      "--input-type=module",
      "-e",
      `const cpu = process.cpuUsage();
const start = performance.now();
for (const specifier of ${JSON.stringify(specifiers)}) await import(specifier);
const used = process.cpuUsage(cpu);
process.stdout.write(\`\${performance.now() - start} \${(used.user + used.system) / 1000}\`);`,
    ],
    cwd: scratch,
  });
  const deno = (file) => {
    const script = join(scratch, `deno_${file.replace(/\W/g, "_")}.mjs`);
    writeFileSync(script, `import ${JSON.stringify(resolve(ROOT, file))};\n`);
    // From the workspace, with its deno.json, as a JSR user's project would resolve it.
    return { command: DENO, args: ["run", "-A", "--quiet", "--no-lock", script], cwd: ROOT };
  };
  const targets = {
    "node: empty": node("./empty.mjs"),
    "@x/oauth": node("@x/oauth"),
    "@x/oauth, every lazy part loaded": node("@x/oauth", ...lazyChunks(".").map(String)),
    "oauth4webapi": node("oauth4webapi"),
    "@x/oauth/oauth1": node("@x/oauth/oauth1"),
    "oauth-1.0a": node("oauth-1.0a"),
    ...(openidClient ? { "openid-client": node("openid-client") } : {}),
    "deno: empty": deno(join(scratch, "empty.mjs")),
    "deno: mod.ts": deno("mod.ts"),
    "deno: oauth1/mod.ts": deno("oauth1/mod.ts"),
  };
  report(measure(targets), openidClient);
}

function versionOf(name) {
  return JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"))
    .version;
}

/** Runs npm in the scratch directory; false (with npm's complaint) when it fails. */
function npm(args) {
  const result = spawnSync("npm", [...args, "--no-audit", "--no-fund"], {
    cwd: scratch,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    console.log(`(npm ${args.join(" ")} failed: ${result.stderr.trim().split("\n")[0]})`);
  }
  return result.status === 0;
}

/**
 * `{ wall, inside, cpu }` milliseconds of one process (`inside` and `cpu`: the time the import took
 * and the CPU time the process spent on it, as it printed them).
 */
function once({ command, args, cwd }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  const [inside, cpu] = result.stdout.split(" ").map(Number);
  return { wall, inside, cpu };
}

/** `{ name: { wall: [ms], inside: [ms] } }`: each target once per round, shuffled each round. */
function measure(targets) {
  const names = Object.keys(targets);
  const times = Object.fromEntries(
    names.map((name) => [name, { wall: [], inside: [], cpu: [] }]),
  );
  for (const name of names) once(targets[name]); // warm the caches
  for (let round = 0; round < RUNS; round++) {
    const order = [...names].sort(() => Math.random() - 0.5);
    for (const name of order) {
      const { wall, inside, cpu } = once(targets[name]);
      times[name].wall.push(wall);
      times[name].inside.push(inside);
      times[name].cpu.push(cpu);
    }
  }
  return times;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The files a specifier of the installed package loads, following static relative imports. */
function loads(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const specifier of importsIn(source)) {
    if (specifier.startsWith(".")) loads(resolve(dirname(file), specifier), seen);
  }
  return seen;
}

/** The files an entry of the installed package loads statically. */
function entryFiles(subpath) {
  const pkg = join(scratch, "node_modules", manifest.name);
  return [...loads(join(pkg, manifest.exports[subpath].import))];
}

/** The chunks an entry can load on first use (`import("./…")` in what it loads), as file URLs. */
function lazyChunks(subpath) {
  const found = new Set();
  for (const file of entryFiles(subpath)) {
    for (const specifier of importsIn(readFileSync(file, "utf8"), { lazy: "only" })) {
      if (specifier.startsWith(".")) found.add(resolve(dirname(file), specifier));
    }
  }
  return [...found].map((file) => pathToFileURL(file));
}

function footprint(subpath) {
  const files = entryFiles(subpath);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  return `${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`;
}

function report(times, openidClient) {
  const cost = (name, baseline, kind = "wall") =>
    median(times[name][kind]) - median(times[baseline][kind]);
  const ms = (value) => `${value.toFixed(1)} ms`;
  const versus = (ours, theirs, kind) => {
    const [a, b] = [cost(ours, "node: empty", kind), cost(theirs, "node: empty", kind)];
    return { a: ms(a), b: ms(b), ratio: `${(a / b).toFixed(2)}x` };
  };
  const pair = (ours, theirs, subpath) => {
    const wall = versus(ours, theirs, "wall");
    const inside = versus(ours, theirs, "inside");
    const cpu = versus(ours, theirs, "cpu");
    return `  ${ours} ${wall.a} vs ${theirs} ${wall.b}: ${wall.ratio}   [in-process import(): ` +
      `${inside.a} vs ${inside.b}: ${inside.ratio}; its CPU time: ${cpu.a} vs ${cpu.b}: ` +
      `${cpu.ratio}; @x/oauth${subpath.slice(1)} loads ${footprint(subpath)}]`;
  };
  // Other work on the machine shows in the wall-clock figures first.
  const [load] = loadavg();
  console.log(
    `Node ${process.version}: median of ${RUNS} fresh processes each, interleaved, minus an ` +
      `empty import (${ms(median(times["node: empty"].wall))}); load average ${
        load.toFixed(1)
      } on ${availableParallelism()} CPUs${load > availableParallelism() / 2 ? " (noisy)" : ""}`,
  );
  console.log(pair("@x/oauth", "oauth4webapi", "."));
  const lazy = lazyChunks(".");
  const every = "@x/oauth, every lazy part loaded";
  console.log(
    `  ${every} ${ms(cost(every, "node: empty"))} [in-process: ${
      ms(cost(every, "node: empty", "inside"))
    }; CPU ${ms(cost(every, "node: empty", "cpu"))}; ${lazy.length} more chunks, ${
      (lazy.reduce((sum, url) => sum + statSync(url).size, 0) / 1024).toFixed(0)
    } KiB]`,
  );
  console.log(pair("@x/oauth/oauth1", "oauth-1.0a", "./oauth1"));
  const alone = (name, note) =>
    console.log(
      `  ${name} ${ms(cost(name, "node: empty"))} (${note}; in-process import(): ` +
        `${ms(cost(name, "node: empty", "inside"))})`,
    );
  if (openidClient) alone("openid-client", "for reference");
  const denoVersion = execFileSync(DENO, ["--version"], { encoding: "utf8" }).split("\n")[0];
  console.log(
    `${denoVersion}, the sources as JSR serves them: median of ${RUNS} \`deno run\` processes, ` +
      `minus an empty import (${ms(median(times["deno: empty"].wall))})`,
  );
  console.log(
    `  mod.ts ${ms(cost("deno: mod.ts", "deno: empty"))}, oauth1/mod.ts ${
      ms(cost("deno: oauth1/mod.ts", "deno: empty"))
    }`,
  );
}

// deno-lint-ignore-file no-console -- a check reports on the console
/**
 * Type-checks every TypeScript block of the Markdown pages (README.md, CONTRIBUTING.md,
 * SECURITY.md, ARCHITECTURE.md, CHANGELOG.md and docs/), as `npm test` runs it: a snippet that
 * does not compile fails the build, so what a reader copies is what the library accepts.
 *
 * A block is a fence opened with ```ts (or ```typescript), attributes after it allowed. It is
 * checked as a module of its own, from a scratch folder inside the repository so that
 * `@x/oauth/…` resolves through deno.json as it does for a user of the package. A block that uses
 * names it does not declare (a `request` in a handler, a `clientId` read from your settings)
 * says so in an HTML comment right above it, which readers of the rendered page do not see:
 *
 *     <!-- assume: declare const request: Request; -->
 *
 * Errors are reported with the page and the line of the block. Links from one page to a file
 * of the repository (`[stores](docs/stores.md)`) must reach a file that exists.
 *
 * @module
 */

const ROOT = new URL("../", import.meta.url);
const PAGES = ["README.md", "CONTRIBUTING.md", "SECURITY.md", "ARCHITECTURE.md", "CHANGELOG.md"];

/** One TypeScript block: where it starts in its page, its prelude and its code. */
export interface Snippet {
  page: string;
  line: number;
  prelude: string;
  code: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;
const ASSUME = /^<!--\s*assume:([\s\S]*?)-->\s*$/;

/** The TypeScript blocks of one Markdown page, with the prelude an `assume` comment gives. */
export function snippets(page: string, markdown: string): Snippet[] {
  const lines = markdown.split("\n");
  const found: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    // CommonMark: the block ends at a line of at least as many of the same fence characters.
    const closes = (line: string) =>
      line.trim().startsWith(fence) && line.trim() === fence[0].repeat(line.trim().length);
    const end = lines.findIndex((line, at) => at > index && closes(line));
    const close = end === -1 ? lines.length : end;
    const language = info.trim().split(/\s+/, 1)[0];
    if (language === "ts" || language === "typescript") {
      const comment = lines.slice(0, index).reverse().find((line) => line.trim() !== "") ?? "";
      const prelude = ASSUME.exec(comment.trim())?.[1].trim() ?? "";
      const code = lines.slice(index + 1, close).map((line) => line.slice(indent.length));
      found.push({ page, line: index + 2, prelude, code: code.join("\n") });
    }
    index = close;
  }
  return found;
}

/** The relative link targets of a page that name no existing file, with their lines. */
export async function brokenLinks(page: string, markdown: string): Promise<string[]> {
  const broken: string[] = [];
  for (const [index, line] of markdown.split("\n").entries()) {
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:|^#/.test(target)) continue;
      const path = new URL(target.split("#", 1)[0], new URL(page, ROOT));
      const exists = await Deno.stat(path).then(() => true, () => false);
      if (!exists) broken.push(`${page}:${index + 1}: ${target}`);
    }
  }
  return broken;
}

async function pages(): Promise<string[]> {
  const found = [...PAGES];
  for await (const entry of Deno.readDir(new URL("docs/", ROOT))) {
    if (entry.isFile && entry.name.endsWith(".md")) found.push(`docs/${entry.name}`);
  }
  return found.sort();
}

if (import.meta.main) {
  const scratch = new URL(".markdown_check/", ROOT);
  await Deno.remove(scratch, { recursive: true }).catch(() => {});
  await Deno.mkdir(scratch);
  const files = new Map<string, Snippet>();
  const broken: string[] = [];
  try {
    for (const page of await pages()) {
      const text = await Deno.readTextFile(new URL(page, ROOT)).catch(() => undefined);
      if (text === undefined) continue;
      broken.push(...await brokenLinks(page, text));
      for (const snippet of snippets(page, text)) {
        const name = `${page.replace(/\W/g, "_")}_${snippet.line}.ts`;
        // The prelude is on the block's first line, so line numbers in errors stay the block's.
        const source = `${snippet.prelude.replaceAll("\n", " ")} export {};\n${snippet.code}\n`;
        await Deno.writeTextFile(new URL(name, scratch), source);
        files.set(name, snippet);
      }
    }
    const check = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...[...files.keys()].map((name) => `.markdown_check/${name}`)],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const report = new TextDecoder().decode(check.stderr) + new TextDecoder().decode(check.stdout);
    const pagesCount = new Set([...files.values()].map((snippet) => snippet.page)).size;
    for (const link of broken) console.log(`markdown: a link to no file: ${link}`);
    if (broken.length > 0) Deno.exitCode = 1;
    if (check.success) {
      console.log(`markdown: ${files.size} TypeScript blocks in ${pagesCount} pages type-check`);
    } else {
      // Point at the page: `.markdown_check/README_md_57.ts:3:7` is README.md line 57 + 3 - 2.
      console.log(
        report.replace(
          /[^\s]*\.markdown_check\/(\w+\.ts):(\d+):(\d+)/g,
          (whole, name: string, line: string, column: string) => {
            const snippet = files.get(name);
            return snippet ? `${snippet.page}:${snippet.line + Number(line) - 2}:${column}` : whole;
          },
        ),
      );
      console.log(`markdown: TypeScript blocks that do not type-check (above)`);
      Deno.exitCode = 1;
    }
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

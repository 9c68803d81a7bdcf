/**
 * Opening a URL in the user's browser, when there is one to open: best effort, never an error.
 * No shell is involved, so nothing in a URL can run as a command.
 *
 * @module
 */
import { spawn } from "node:child_process";
import process from "node:process";

/**
 * The program and arguments that open `url` in a browser on `platform` (a `process.platform`
 * value), or `undefined` when there is none (no display on Linux and the like) or `url` is not
 * an absolute `http:`/`https:` URL. The URL goes as one argument, serialised by the URL
 * parser: spaces, quotes and controls percent-encoded.
 *
 * @example
 * ```ts
 * import { browserCommand } from "./browser.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(browserCommand("darwin", {}, "https://as.example/a?x=1&y=2"), [
 *   "open",
 *   ["https://as.example/a?x=1&y=2"],
 * ]);
 * assert.equal(browserCommand("linux", {}, "https://as.example/"), undefined);
 * assert.equal(browserCommand("darwin", {}, "file:///etc/passwd"), undefined);
 * ```
 */
export function browserCommand(
  platform: string,
  env: Record<string, string | undefined>,
  url: string,
): [string, string[]] | undefined {
  // Only a web page is ever opened: the library checks the URLs a server sends, but `file:`,
  // `javascript:` or an application's own scheme would hand the OS something else to run.
  if (!URL.canParse(url)) return undefined;
  const { protocol, href } = new URL(url);
  if (protocol !== "https:" && protocol !== "http:") return undefined;
  // `cmd /c start "" <url>` would read the URL as a command line, where `&` and `|` start
  // other commands; the URL protocol handler of rundll32 takes it as plain text.
  if (platform === "win32") return ["rundll32", ["url.dll,FileProtocolHandler", href]];
  if (platform === "darwin") return ["open", [href]];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ["xdg-open", [href]];
  return undefined;
}

/** Whether a browser was asked to open `url`; never for a URL that is not `http:`/`https:`. */
export function openBrowser(url: string): boolean {
  const command = browserCommand(process.platform, process.env, url);
  if (command === undefined) return false;
  try {
    spawn(command[0], command[1], { stdio: "ignore", detached: true }).on("error", () => {})
      .unref();
    return true;
  } catch {
    return false;
  }
}

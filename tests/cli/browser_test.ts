/**
 * Opening the browser: the exact program and arguments on each platform, with no shell in
 * between, and nothing opened for a URL that is not a web page.
 */
import assert from "node:assert/strict";
import { browserCommand, openBrowser } from "../../cli/browser.ts";

// Every character cmd.exe treats specially, in the query and the fragment.
const TRICKY = 'https://as.example/activate?user_code=WDJB-MJHT&x=a|calc.exe&y="^"#a"b|c&d^';
const SERIALISED =
  "https://as.example/activate?user_code=WDJB-MJHT&x=a|calc.exe&y=%22^%22#a%22b|c&d^";

Deno.test("on Windows the URL goes to rundll32's URL handler as one argument, never through cmd", () => {
  assert.deepEqual(browserCommand("win32", {}, TRICKY), [
    "rundll32",
    ["url.dll,FileProtocolHandler", SERIALISED],
  ]);
});

Deno.test("on macOS the URL goes to open as one argument", () => {
  assert.deepEqual(browserCommand("darwin", {}, TRICKY), ["open", [SERIALISED]]);
});

Deno.test("elsewhere xdg-open gets the URL when there is a display, and nothing runs without one", () => {
  for (const env of [{ DISPLAY: ":0" }, { WAYLAND_DISPLAY: "wayland-0" }]) {
    assert.deepEqual(browserCommand("linux", env, TRICKY), ["xdg-open", [SERIALISED]]);
  }
  assert.deepEqual(browserCommand("freebsd", { DISPLAY: ":0" }, TRICKY), [
    "xdg-open",
    [SERIALISED],
  ]);
  assert.equal(browserCommand("linux", {}, TRICKY), undefined);
  assert.equal(browserCommand("linux", { DISPLAY: "" }, TRICKY), undefined);
});

Deno.test("the URL is passed as the URL parser serialises it: no space, quote or control survives", () => {
  const [, args] = browserCommand("win32", {}, 'https://as.example/a b"\x1b\x9b?q=x y')!;
  assert.deepEqual(args, [
    "url.dll,FileProtocolHandler",
    "https://as.example/a%20b%22%1B%C2%9B?q=x%20y",
  ]);
});

Deno.test("a URL that is not http: or https: is never opened, on any platform", () => {
  const refused = [
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "file://attacker.example/share/payload.exe",
    "data:text/html,<script>alert(1)</script>",
    "ms-msdt:/id PCWDiagnostic",
    "vbscript:msgbox(1)",
    "not a url",
    "",
  ];
  const platforms: [string, Record<string, string>][] = [
    ["win32", {}],
    ["darwin", {}],
    ["linux", { DISPLAY: ":0" }],
  ];
  for (const url of refused) {
    for (const [platform, env] of platforms) {
      assert.equal(browserCommand(platform, env, url), undefined, `${platform}: ${url}`);
    }
    assert.equal(openBrowser(url), false, url);
  }
  assert.deepEqual(browserCommand("darwin", {}, "http://127.0.0.1:8080/activate"), [
    "open",
    ["http://127.0.0.1:8080/activate"],
  ]);
});

/**
 * The page the browser tab shows when the loopback redirect arrives: what became of the
 * sign-in, the same words the terminal prints, so that a refusal never reads as done.
 *
 * @module
 */
import type { ErrorReport } from "./output.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * `text` as HTML text or attribute value: the error and description in a callback are the
 * redirect's, which anyone who can make the browser open the loopback URL chooses.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./callback_page.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * The page for a sign-in that ended with `failure` (the report the terminal shows), or that
 * worked when there is none.
 *
 * @example
 * ```ts
 * import { callbackPage } from "./callback_page.ts";
 * import assert from "node:assert/strict";
 *
 * const page = callbackPage({ code: 1, line: "error: access_denied: <no>" });
 * assert.match(page, /error: access_denied: &lt;no&gt;/);
 * assert.doesNotMatch(page, /close this tab/);
 * ```
 */
export function callbackPage(failure?: ErrorReport): string {
  const body = failure === undefined
    ? ["<h1>Signed in</h1>", "<p>The token is saved: you can close this tab.</p>"]
    : [
      "<h1>Sign-in failed</h1>",
      `<p>${escapeHtml(failure.line)}</p>`,
      ...(failure.hint ? [`<p>${escapeHtml(failure.hint)}</p>`] : []),
      "<p>The terminal says the same; go back to it.</p>",
    ];
  return ['<!doctype html><meta charset="utf-8"><title>oauth</title>', ...body, ""].join("\n");
}

/** The page for a second request to the callback, after the first was taken. */
export const ALREADY_RECEIVED = [
  '<!doctype html><meta charset="utf-8"><title>oauth</title>',
  "<p>This sign-in's redirect already arrived: see the terminal.</p>",
  "",
].join("\n");

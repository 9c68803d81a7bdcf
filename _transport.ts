/**
 * The transport rules every request of the library follows. Internal.
 *
 * @module
 */
import { OAuthError } from "./errors.ts";

/**
 * Parses an absolute `http:`/`https:` URL given by the caller, or throws a `TypeError` that
 * names the option. The message never repeats the URL's query, which may carry credentials.
 */
export function parseAbsoluteUrl(value: unknown, option: string): URL {
  // A URL object always passes; it is copied, so that the caller's is never changed through ours.
  if (!(value instanceof URL) && !(typeof value === "string" && URL.canParse(value))) {
    throw new TypeError(
      `${option} must be an absolute http(s) URL, got ${
        typeof value === "string" ? "a relative or malformed one" : typeOf(value)
      }`,
    );
  }
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`${option} must use https: (or http: on loopback), got ${url.protocol}`);
  }
  return url;
}

/**
 * {@linkcode parseAbsoluteUrl}, then {@linkcode assertSecureTransport}: a caller's endpoint that
 * credentials will be sent to. `what` names it in the `insecure_transport` message.
 */
export function parseSecureUrl(
  value: unknown,
  option: string,
  what: string = option,
  allowInsecure = false,
): URL {
  const url = parseAbsoluteUrl(value, option);
  assertSecureTransport(url, what, allowInsecure);
  return url;
}

/** Whether a URL host is a loopback address: `localhost`, `127.0.0.0/8` or `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Refuses a URL that would send credentials in clear text: only `https:` is allowed, and
 * `http:` only on loopback (RFC 6749 §3.1, §10.9; RFC 5849 §3.4.4 for PLAINTEXT), or anywhere
 * when the caller opted in with `allowInsecureRequests: true` (`allowInsecure`). Other schemes
 * (`javascript:`, `file:`, …) are refused whatever the opt-in says.
 */
export function assertSecureTransport(url: URL, what: string, allowInsecure = false): void {
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && (allowInsecure || isLoopbackHost(url.hostname))) return;
  const rule = url.protocol === "http:"
    ? "http: only on loopback, or anywhere with allowInsecureRequests: true"
    : "or http:";
  throw new OAuthError(
    "insecure_transport",
    `${what} must use https: (${rule}), got ${describeUrl(url)}`,
  );
}

/** The origin and path of a URL: enough to recognise it, without query or fragment. */
export function describeUrl(url: URL): string {
  if (url.origin === "null") return `a ${url.protocol} URL`;
  return `${url.origin}${url.pathname}`;
}

/**
 * A short, secret-free description of a value's type for messages: `undefined`, `null`,
 * `an array`, `an object`, `a number`, …
 */
export function typeOf(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  // Of the names typeof gives, only "object" takes "an".
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A public value that arrived from the network (an issuer), for a message: quoted as JSON, so
 * that a trailing `/` shows and a line break cannot forge a log line, and cut after `max`
 * characters, so that a hostile server cannot flood the logs; any other type is named.
 */
export function quoteReceived(value: unknown, max = 100): string {
  if (typeof value !== "string") return typeOf(value);
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
}

/** `a word` or `an word`, by the word's first letter: `an object`, `a string`, `an untyped`. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

/**
 * `value` when it is an absolute URI without a fragment, as redirect URIs (RFC 6749 §3.1.2) and
 * resource indicators (RFC 8707 §2) must be; otherwise a `TypeError` naming the option and the
 * `rule`, which never repeats the string.
 */
export function expectAbsoluteUri(value: unknown, name: string, rule: string): string {
  if (typeof value !== "string" || !URL.canParse(value) || value.includes("#")) {
    throw new TypeError(
      `${name} must be an absolute URI without a fragment (${rule}), got ${
        typeof value === "string" ? "another string" : typeOf(value)
      }`,
    );
  }
  return value;
}

/** A `TypeError` naming `what` unless `value` is an object that is not an array. */
export function expectObject(value: unknown, what: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object, got ${typeOf(value)}`);
  }
}

/** `value`, or a `TypeError` naming the option when it is not a non-empty string. */
export function expectNonEmptyString(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(
      `${name} must be a non-empty string, got ${value === "" ? "an empty one" : typeOf(value)}`,
    );
  }
  return value;
}

/** A `TypeError` naming the option when `value` is given but not of the `typeof` `type`. */
export function expectType(value: unknown, name: string, type: string): void {
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(
      `${name} must be ${type === "object" ? "an" : "a"} ${type}, got ${typeOf(value)}`,
    );
  }
}

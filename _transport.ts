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
  if (value instanceof URL) return checkHttpScheme(new URL(value.href), option);
  if (typeof value !== "string") {
    throw new TypeError(`${option} must be an absolute URL string or URL, got ${typeOf(value)}`);
  }
  if (!URL.canParse(value)) {
    throw new TypeError(
      `${option} must be an absolute http(s) URL, got a relative or malformed one`,
    );
  }
  return checkHttpScheme(new URL(value), option);
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

function checkHttpScheme(url: URL, option: string): URL {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`${option} must use https: (or http: on loopback), got ${url.protocol}`);
  }
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
    ? "http: is allowed only on loopback, or anywhere with the allowInsecureRequests: true option"
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

/** A short, secret-free description of a value's type for `TypeError` messages. */
export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A `TypeError` naming the option when `value` is given but not of the `typeof` `type`. */
export function expectType(value: unknown, name: string, type: string): void {
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`${name} must be a ${type}, got ${typeOf(value)}`);
  }
}

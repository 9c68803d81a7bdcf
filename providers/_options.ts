/**
 * Checks of the options that place a provider on the customer's own host (`domain`, `baseUrl`,
 * `realm`, …), and the client authentication a preset asks for. A mistake is a `TypeError`
 * naming the preset and the option, thrown when the preset is called. Internal.
 *
 * @module
 */
import type { ClientAuthentication } from "../oauth2/mod.ts";

// RFC 1123 labels, dot-separated, with an optional port: what a provider's own domain is.
const HOST =
  /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

/** A host name (`dev-1.okta.com`, `auth.example.com:8443`), without scheme, path or slash. */
export function hostOption(value: unknown, option: string, preset: string): string {
  if (typeof value !== "string" || !HOST.test(value)) {
    const hint = typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
      ? " without https://"
      : "";
    throw new TypeError(
      `${preset}() needs ${option} as a host name such as auth.example.com${hint}`,
    );
  }
  return value.toLowerCase();
}

/**
 * An `https:` (or `http:`, which the client then allows only on loopback) base URL without
 * query, fragment or credentials; returned without its trailing slashes, so paths can follow.
 */
export function baseUrlOption(value: unknown, option: string, preset: string): string {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (
    url === undefined || !["https:", "http:"].includes(url.protocol) || url.search !== "" ||
    url.hash !== "" || url.username !== "" || url.password !== "" ||
    // URL drops an empty query or fragment; the caller's string must not have them either.
    /[?#]/.test(value as string)
  ) {
    throw new TypeError(
      `${preset}() needs ${option} as an https URL without query or fragment, such as https://sso.example.com`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** One path segment (a realm, an application slug): non-empty, percent-encoded. */
export function segmentOption(value: unknown, option: string, preset: string): string {
  if (typeof value !== "string" || value === "" || /[/?#]/.test(value) || /^\.\.?$/.test(value)) {
    throw new TypeError(`${preset}() needs ${option} as one non-empty path segment`);
  }
  return encodeURIComponent(value);
}

/**
 * The client authentication of a preset: `method` with a client secret, `none` without one
 * (a public client, which PKCE protects), or a `TypeError` when the provider has no public
 * clients.
 */
export function clientAuthentication(
  clientSecret: string | undefined,
  method: ClientAuthentication,
  preset: string,
  secretRequired = false,
): ClientAuthentication {
  if (clientSecret !== undefined) return method;
  if (secretRequired) {
    throw new TypeError(`${preset}() needs clientSecret: the provider has no public clients`);
  }
  return "none";
}

/** A scope for providers that separate scopes with commas: a list is joined with `,`. */
export function commaScope(scope: string | string[] | undefined): string | undefined {
  return Array.isArray(scope) ? scope.join(",") : scope;
}

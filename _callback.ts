/**
 * What every authorization callback needs, in OAuth 1.0a and 2.0 alike: reading the callback
 * URL, refusing a parameter given twice, and turning a reported `error` into an
 * `OAuthResponseError` with capped texts. Internal.
 *
 * @module
 */
import { excerpt } from "./_response.ts";
import { typeOf } from "./_transport.ts";
import { OAuthError, OAuthResponseError } from "./errors.ts";

/**
 * The callback as a `URL`. A path with its query (a handler's view of the request) is accepted:
 * only the query or fragment matters. The message never repeats the URL, which holds the code
 * or verifier.
 */
export function callbackUrl(value: unknown, option: string): URL {
  if (value instanceof URL) return value;
  if (typeof value !== "string") {
    throw new TypeError(`${option} must be the callback URL, got ${typeOf(value)}`);
  }
  const base = "https://callback.invalid/";
  if (!URL.canParse(value, base)) {
    throw new TypeError(`${option} must be the callback URL, got a malformed one`);
  }
  return new URL(value, base);
}

/** `duplicate_param` when any of `names` (by default, every name) appears more than once. */
export function assertSingleValued(
  parameters: URLSearchParams,
  where: string,
  names: Iterable<string> = parameters.keys(),
): void {
  for (const name of new Set(names)) {
    if (parameters.getAll(name).length > 1) {
      throw new OAuthError("duplicate_param", `the ${where} carries ${name} more than once`);
    }
  }
}

/** The reported `error`, with `error_description` and `error_uri`, each capped at 1 KiB. */
export function reportedError(parameters: URLSearchParams): OAuthResponseError {
  const capped = (name: string) => {
    const value = parameters.get(name);
    return value === null ? undefined : excerpt(value);
  };
  return new OAuthResponseError({
    error: capped("error") ?? "",
    errorDescription: capped("error_description"),
    errorUri: capped("error_uri"),
  });
}

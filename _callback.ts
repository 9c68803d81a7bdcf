/**
 * What every authorization callback needs, in OAuth 1.0a and 2.0 alike: reading the callback
 * URL, refusing a parameter given twice, and turning a reported `error` (there, or in an error
 * response's body) into an `OAuthResponseError` with capped texts. Internal.
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
  const base = "https://callback.invalid/";
  if (typeof value === "string" && URL.canParse(value, base)) return new URL(value, base);
  throw new TypeError(
    `${option} must be the callback URL, got ${
      typeof value === "string" ? "a malformed one" : typeOf(value)
    }`,
  );
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

/**
 * The reported `error`, with `error_description` and `error_uri`, each capped at 1 KiB with the
 * `sensitive` values cut out: from a callback's parameters, or from the JSON object of an error
 * response (whose members that are not strings are left out).
 */
export function reportedError(
  parameters: URLSearchParams | Record<string, unknown>,
  sensitive: readonly string[] = [],
  response?: Response,
): OAuthResponseError {
  const capped = (name: string) => {
    const value = parameters instanceof URLSearchParams ? parameters.get(name) : parameters[name];
    return typeof value === "string" ? excerpt(value, sensitive) : undefined;
  };
  return new OAuthResponseError({
    error: capped("error") ?? "",
    errorDescription: capped("error_description"),
    errorUri: capped("error_uri"),
    response,
  });
}

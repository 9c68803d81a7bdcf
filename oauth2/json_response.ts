/**
 * Reading the JSON responses of OAuth 2.0 endpoints: one path for token, revocation and
 * introspection responses. The status is checked before the body is parsed, the body is
 * capped, and anything but a JSON object is an error with a code.
 *
 * @module
 */
import { reportedError } from "../_callback.ts";
import { mediaType } from "../_encoding.ts";
import { excerpt, readCappedText, refuseRedirect } from "../_response.ts";
import { retryAfterSeconds } from "../_retry_after.ts";
import { typeOf } from "../_transport.ts";
import { OAuthError, type OAuthResponseError } from "../errors.ts";

/** Parses JSON text into a plain object, or returns `undefined` when it is anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/**
 * The RFC 6749 §5.2 error in a body, when it is one: an object whose `error` is a string.
 * `error_description` and `error_uri` are kept only when they are strings, and capped.
 */
export function errorResponse(
  body: Record<string, unknown> | undefined,
  response: Response,
  sensitive: readonly string[] = [],
): OAuthResponseError | undefined {
  if (typeof body?.error !== "string" || body.error === "") return undefined;
  return reportedError(body, sensitive, response);
}

/**
 * The error for a non-2xx response: the server's RFC 6749 §5.2 error when the body is one,
 * otherwise `invalid_response` with the status and a 1 KiB excerpt.
 */
export function failure(
  response: Response,
  text: string,
  endpoint: string,
  sensitive: readonly string[] = [],
): OAuthError {
  return errorResponse(parseJsonObject(text), response, sensitive) ?? new OAuthError(
    "invalid_response",
    `${endpoint} answered HTTP ${response.status} without an RFC 6749 §5.2 error object`,
    {
      status: response.status,
      body: excerpt(text, sensitive),
      retryAfter: retryAfterSeconds(response.headers),
    },
  );
}

/**
 * Reads the JSON object an endpoint answered with. A redirect is refused; a non-2xx status is
 * an `OAuthResponseError` when the body is an RFC 6749 §5.2 error and `invalid_response` (with
 * a 1 KiB excerpt) otherwise; a 2xx body must be `application/json` (or one of `mediaTypes`)
 * holding an object, and an
 * `error` member in it is reported as the server's error, never taken for success.
 */
export async function readJsonObject(
  response: Response,
  request: Request,
  endpoint: string,
  sensitive: readonly string[] = [],
  mediaTypes: readonly string[] = ["application/json"],
): Promise<Record<string, unknown>> {
  await refuseRedirect(response, request.url, endpoint);
  const text = await readCappedText(response);
  const status = response.status;
  if (!response.ok) throw failure(response, text, endpoint, sensitive);
  const type = mediaType(response.headers.get("content-type"));
  if (!mediaTypes.includes(type)) {
    throw new OAuthError(
      "invalid_response",
      `expected ${mediaTypes.join(" or ")} from ${endpoint}, got ${type || "no content type"}`,
      { status },
    );
  }
  const body = parseJsonObject(text);
  if (body === undefined) {
    throw new OAuthError(
      "invalid_response",
      `expected a JSON object from ${endpoint}, got ${describeJson(text)}`,
      { status },
    );
  }
  const reported = errorResponse(body, response, sensitive);
  if (reported) throw reported;
  return body;
}

// Called once `text` is known to hold no JSON object, so `typeOf` never says "an object".
function describeJson(text: string): string {
  try {
    return typeOf(JSON.parse(text));
  } catch {
    return `text that is not JSON (${text.length} characters)`;
  }
}

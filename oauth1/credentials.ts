/**
 * Reading the credentials a provider returns from its temporary-credential and token endpoints
 * (RFC 5849 §2.1, §2.3): status first, then a capped, strictly form-encoded body.
 *
 * @module
 */
import { decodeForm, mediaType, type ParameterList } from "../_encoding.ts";
import { excerpt, readCappedText, refuseRedirect } from "../_response.ts";
import { OAuthError, OAuthResponseError } from "../errors.ts";
import { withArticle } from "../_transport.ts";
import type { OAuth1Token } from "./types.ts";

// What an application/x-www-form-urlencoded body can hold: anything else (spaces, quotes,
// braces, angle brackets) means JSON, HTML or prose — never credentials.
const FORM_CHARACTERS = /^[A-Za-z0-9\-._~%+=&!$'()*,;:@/?[\]]*$/;
const BROKEN_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/**
 * Parses a credentials body. Throws `invalid_response` for anything that is not form-encoded
 * credentials and `duplicate_param` for a parameter given twice. Messages name parameters,
 * never their values.
 */
export function parseCredentials(text: string, status: number, contentType: string): OAuth1Token {
  const body = text.trim();
  if (!FORM_CHARACTERS.test(body) || BROKEN_PERCENT.test(body)) {
    throw new OAuthError(
      "invalid_response",
      `expected form-encoded credentials (RFC 5849 §2.1), got ${
        withArticle(mediaType(contentType) || "untyped")
      } body of ${text.length} characters that is not form-encoded`,
      { status },
    );
  }
  const parameters = decodeForm(body);
  assertNoDuplicates(parameters, status);
  const token: OAuth1Token = Object.fromEntries(parameters) as OAuth1Token;
  for (const required of ["oauth_token", "oauth_token_secret"]) {
    if (typeof token[required] !== "string" || token[required] === "") {
      const names = describeNames(parameters);
      throw new OAuthError(
        "invalid_response",
        `expected ${required} in the credentials response, got ${names}`,
        { status },
      );
    }
  }
  return token;
}

// Names a server chose are echoed only when they look like names; anything else could be a
// value (a body encoded twice turns "oauth_token_secret=…" into one long name).
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function describeNames(parameters: ParameterList): string {
  const plain = parameters.map(([name]) => name).filter((name) => PLAIN_NAME.test(name));
  const others = parameters.length - plain.length;
  const list = [...plain, ...(others > 0 ? [`${others} other parameter(s)`] : [])];
  return list.join(", ") || "nothing";
}

function assertNoDuplicates(parameters: ParameterList, status: number): void {
  const seen = new Set<string>();
  for (const [name] of parameters) {
    if (seen.has(name)) {
      const which = PLAIN_NAME.test(name) ? name : "a parameter";
      throw new OAuthError("duplicate_param", `the response carries ${which} more than once`, {
        status,
      });
    }
    seen.add(name);
  }
}

/**
 * Whether temporary credentials confirm the callback (RFC 5849 §2.1), which tells an OAuth
 * 1.0a provider from an OAuth 1.0 one. Only the word matters, not its case: Authlib writes
 * Python's `True`. Anything else (`1`, `false`, nothing) is no confirmation.
 */
export function confirmsCallback(token: OAuth1Token): boolean {
  return token.oauth_callback_confirmed?.toLowerCase() === "true";
}

/** `callback_not_confirmed` unless {@linkcode confirmsCallback}; the message says what came. */
export function assertCallbackConfirmed(token: OAuth1Token, status: number): void {
  if (confirmsCallback(token)) return;
  const value = token.oauth_callback_confirmed;
  const got = value === undefined
    ? "none"
    : value === ""
    ? "an empty value"
    : PLAIN_NAME.test(value)
    ? `oauth_callback_confirmed=${value}`
    : "another value";
  throw new OAuthError(
    "callback_not_confirmed",
    `expected oauth_callback_confirmed=true in the temporary credentials (RFC 5849 §2.1), ` +
      `got ${got}: without it the provider may be OAuth 1.0, open to session fixation ` +
      `(OAuth Security Advisory 2009.1)`,
    { status },
  );
}

/**
 * Turns an error response into an `OAuthResponseError`: the OAuth Problem Reporting extension's
 * `oauth_problem` and `oauth_problem_advice` when the body has them, otherwise
 * `unexpected_status`, with the status, the headers and a 1 KiB excerpt of the body.
 */
export function credentialsError(
  response: Response,
  text: string,
  sensitive: readonly string[] = [],
): OAuthResponseError {
  let problem: Map<string, string> = new Map();
  if (FORM_CHARACTERS.test(text.trim())) problem = new Map(decodeForm(text.trim()));
  const error = problem.get("oauth_problem") || undefined;
  const advice = problem.get("oauth_problem_advice");
  return new OAuthResponseError({
    error: error === undefined ? "unexpected_status" : excerpt(error),
    errorDescription: error && advice !== undefined ? excerpt(advice, sensitive) : undefined,
    status: response.status,
    response,
    body: excerpt(text, sensitive),
  });
}

/**
 * Reads a credentials response to `request`: a redirect is refused, a non-2xx status is an
 * `OAuthResponseError`, and the body must be form-encoded credentials.
 */
export async function readCredentialsResponse(
  response: Response,
  request: Request,
  endpoint: string,
  sensitive: readonly string[] = [],
): Promise<OAuth1Token> {
  await refuseRedirect(response, request.url, endpoint);
  const text = await readCappedText(response);
  if (!response.ok) throw credentialsError(response, text, sensitive);
  return parseCredentials(text, response.status, response.headers.get("content-type") ?? "");
}

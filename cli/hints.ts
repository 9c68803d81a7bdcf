/**
 * The CLI's own words for errors the library reports with a code: a message where the
 * library's names its API (`fetchToken`), and a hint on what to run next. Chosen by the
 * error's `code`, never by reading its message.
 *
 * @module
 */

/** What the CLI says instead of, or after, the library's message. */
export interface Advice {
  /** Replaces the library's message. */
  message?: string;
  /** What to run or check next, shown on a line of its own. */
  hint?: string;
}

/** Where an error happened, as far as the words depend on it. */
export interface AdviceContext {
  profile?: string;
}

const SIGN_IN = "run oauth login (or oauth device) to sign in, " +
  "or oauth token for a machine token (client credentials)";

const ADVICE: Record<string, (context: AdviceContext) => Advice> = {
  missing_token: ({ profile = "default" }) => ({
    message: `no token is saved in profile "${profile}"`,
    hint: SIGN_IN,
  }),
  token_expired: () => ({
    hint: `the saved token has no refresh token: ${SIGN_IN}`,
  }),
  insecure_transport: () => ({
    hint: "add --insecure (or OAUTH_INSECURE=1) to allow http: beyond loopback, " +
      "for development only",
  }),
  access_denied: () => ({
    hint: "the authorization server refused, or the user cancelled; nothing was saved",
  }),
  expired_token: () => ({
    hint: "the code was not approved in time; run oauth device again",
  }),
  invalid_client: () => ({
    hint: "check --client-id, --client-secret and --client-auth against the registration",
  }),
};

/**
 * The advice for an error `code` (an `OAuthError`'s, or a server's `error`), or none.
 *
 * @example
 * ```ts
 * import { adviceFor } from "./hints.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(adviceFor("missing_token", { profile: "work" }).message, 'no token is saved in profile "work"');
 * assert.deepEqual(adviceFor("invalid_response"), {});
 * ```
 */
export function adviceFor(code: string, context: AdviceContext = {}): Advice {
  return Object.hasOwn(ADVICE, code) ? ADVICE[code](context) : {};
}

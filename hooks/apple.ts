/**
 * Sign in with Apple's callback: with `response_mode=form_post` (which Apple requires when the
 * scope asks for `name` or `email`), the form it posts carries, besides `code` and `state`, a
 * `user` JSON object with the user's name and email, on the user's first authorization of the
 * app only, never again (Apple Developer Documentation, "Incorporating Sign in with Apple into
 * other platforms", "Handle the response":
 * https://developer.apple.com/documentation/signinwithapple/incorporating-sign-in-with-apple-into-other-platforms).
 *
 * @module
 */
import { OAuthError } from "../errors.ts";

/** The `user` of Sign in with Apple's first callback: the name the user chose to share. */
export interface AppleUser {
  /** The user's name, as they typed it; Apple does not verify it. */
  name?: { firstName?: string; lastName?: string };
  /** The email address shared (perhaps a private relay address); the ID token has it too. */
  email?: string;
  /** Anything else Apple adds. */
  [member: string]: unknown;
}

/**
 * The `user` of a Sign in with Apple callback (its URL as `readCallback` gives it, or the
 * form's parameters), or `undefined` when it carries none, as every callback after the user's
 * first does. Malformed JSON, or members of the wrong type, is `invalid_callback`. Nothing in
 * it is signed: take the user's id and email from the ID token. Apple sends it in the body of
 * a form_post callback only: give this a POSTed callback of a login that asked for
 * `response_mode=form_post` (`readCallback` refuses a POST with `user` in its URL's query),
 * never a GET's URL, whose query anyone can write; the registry reads it so.
 *
 * @example
 * ```ts
 * import { appleUser } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const form = new URLSearchParams({
 *   code: "c",
 *   state: "s",
 *   user: '{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"jane@privaterelay.appleid.com"}',
 * });
 * assert.equal(appleUser(form)?.name?.firstName, "Jane");
 * assert.equal(appleUser(new URLSearchParams({ code: "c", state: "s" })), undefined);
 * ```
 */
export function appleUser(callback: URL | URLSearchParams): AppleUser | undefined {
  const parameters = callback instanceof URL ? callback.searchParams : callback;
  const text = parameters.get("user");
  if (text === null) return undefined;
  let user: unknown;
  try {
    user = JSON.parse(text);
  } catch {
    user = undefined;
  }
  if (!isObject(user) || !optional(user.email, "string") || !validName(user.name)) {
    throw new OAuthError(
      "invalid_callback",
      "expected the callback's user to be Apple's JSON object (name: { firstName, lastName }, email)",
    );
  }
  return user as AppleUser;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optional(value: unknown, type: string): boolean {
  return value === undefined || typeof value === type;
}

function validName(name: unknown): boolean {
  return name === undefined ||
    (isObject(name) && optional(name.firstName, "string") && optional(name.lastName, "string"));
}

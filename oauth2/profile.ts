/**
 * Who signed in, in one shape for every provider: a {@linkcode Profile} read by the client's
 * {@linkcode ProfileReader} (a provider preset's `profile` option), or, without one, from the
 * standard claims of OpenID Connect (Core 1.0 §5.1): the userinfo endpoint's, else the ID
 * token's.
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { readCappedText } from "../_response.ts";
import { typeOf } from "../_transport.ts";
import { failure } from "./_endpoint.ts";
import type { IdTokenClaims } from "./types.ts";

/** The signed-in user, the same members for every provider. */
export interface Profile {
  /** The user's stable id at the provider (OpenID Connect's `sub`), never an email address. */
  id: string;
  /** The user's email address, when the provider shares one. */
  email?: string;
  /** Whether the provider verified `email`; absent when it does not say. */
  emailVerified?: boolean;
  /** The user's display name. */
  name?: string;
  /** The URL of the user's picture. */
  picture?: string;
  /** What the provider answered, as it answered it. */
  raw: Record<string, unknown>;
}

/** What a {@linkcode ProfileReader} may ask: the provider's APIs with the client's token. */
export interface ProfileContext {
  /**
   * `GET url` (or `init`'s method) with the client's token, refreshed when needed, as
   * `client.fetch` sends it; the answer's JSON object. A non-2xx answer is an
   * `OAuthResponseError` (an RFC 6749 §5.2 error body) or `invalid_response`, both with the
   * status; a body that is not a JSON object is `invalid_response`; more than 1 MiB is
   * `response_too_large`.
   */
  getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>>;
  /** `getJson` for an API that answers a JSON array (GitHub's `/user/emails`). */
  getJsonArray(url: string, init?: RequestInit): Promise<unknown[]>;
  /** The OpenID Connect userinfo claims, as `client.userinfo()` returns them (`sub` checked). */
  userinfo(): Promise<Record<string, unknown>>;
  /** The claims of the ID token the client validated, or the ones the caller passed on. */
  idTokenClaims?: IdTokenClaims;
}

/** Reads a provider's {@linkcode Profile}: a preset's `profile` option. */
export type ProfileReader = (context: ProfileContext) => Promise<Profile>;

/** Options of `OAuth2Client.profile()`. */
export interface ProfileOptions {
  /**
   * The claims of the ID token validated at login (`AuthorizedLogin.claims`), for a client that
   * did not validate one itself (one made from a stored token): readers of providers without a
   * userinfo endpoint (Sign in with Apple) read the user from them, and `userinfo()` checks
   * its `sub` against them.
   */
  idTokenClaims?: IdTokenClaims;
  /** Aborts the reader's requests. */
  signal?: AbortSignal;
}

/** What reading a profile needs of the client: a way to call APIs, userinfo and its claims. */
export interface ProfileSource {
  fetch(input: Request): Promise<Response>;
  userinfo(options: { signal?: AbortSignal }): Promise<Record<string, unknown>>;
  /** Whether the client knows a userinfo endpoint. */
  hasUserinfo: boolean;
  idTokenClaims?: IdTokenClaims;
}

/**
 * The {@linkcode Profile} of OpenID Connect's standard claims (Core 1.0 §5.1): `sub`, `email`,
 * `email_verified`, `name` and `picture`. A member of the wrong type is left out, except
 * `email_verified` given as the string `"true"` or `"false"` (Sign in with Apple sends it so);
 * without a string `sub` it is `invalid_response`.
 *
 * @example
 * ```ts
 * import { profileFromClaims } from "@x/oauth/oauth2";
 * import assert from "node:assert/strict";
 *
 * const profile = profileFromClaims({ sub: "248289761001", email: "jane@example.com", email_verified: true });
 * assert.equal(profile.id, "248289761001");
 * assert.equal(profile.emailVerified, true);
 * assert.equal(profile.name, undefined);
 * ```
 */
export function profileFromClaims(claims: Record<string, unknown>): Profile {
  const { sub, email, email_verified, name, picture } = claims;
  if (typeof sub !== "string" || sub === "") {
    throw new OAuthError("invalid_response", "expected the claims to name the user (sub)");
  }
  const verified = typeof email_verified === "boolean"
    ? email_verified
    : email_verified === "true" || (email_verified === "false" ? false : undefined);
  return {
    id: sub,
    ...stringMember("email", email),
    ...(verified === undefined ? {} : { emailVerified: verified }),
    ...stringMember("name", name),
    ...stringMember("picture", picture),
    raw: claims,
  };
}

/** `{ [name]: value }` when `value` is a non-empty string, else nothing. */
function stringMember<K extends string>(name: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === "string" && value !== "" ? { [name]: value } as Record<K, string> : {};
}

/**
 * The profile by `reader`, or without one by the standard claims of the userinfo endpoint (when
 * the client knows one) or else of the ID token. A reader's answer without a string `id` is
 * `invalid_response`.
 */
export async function readProfile(
  reader: ProfileReader | undefined,
  source: ProfileSource,
  options: ProfileOptions = {},
): Promise<Profile> {
  const { signal } = options;
  const idTokenClaims = source.idTokenClaims ?? options.idTokenClaims;
  const context: ProfileContext = {
    getJson: async (url, init) => {
      const body = await getJson(source, new Request(url, { signal, ...init }));
      return expectJson(body, "object", url) as Record<string, unknown>;
    },
    getJsonArray: async (url, init) => {
      const body = await getJson(source, new Request(url, { signal, ...init }));
      return expectJson(body, "array", url) as unknown[];
    },
    userinfo: async () => {
      const claims = await source.userinfo({ signal });
      // The client checks against its own ID token; this is for the caller's.
      if (idTokenClaims !== undefined && claims.sub !== idTokenClaims.sub) {
        throw new OAuthError(
          "userinfo_sub_mismatch",
          "the userinfo response is not about the user of the ID token (sub differs)",
        );
      }
      return claims;
    },
    ...(idTokenClaims === undefined ? {} : { idTokenClaims }),
  };
  if (reader === undefined) {
    if (source.hasUserinfo) return profileFromClaims(await context.userinfo());
    if (idTokenClaims !== undefined) return profileFromClaims(idTokenClaims);
    throw new TypeError(
      "profile needs the profile option, a userinfoEndpoint (or discover), or an ID token",
    );
  }
  const profile = await reader(context);
  if (typeof profile?.id !== "string" || profile.id === "") {
    throw new OAuthError("invalid_response", "the provider's answer does not name the user (id)");
  }
  return profile;
}

/** A request with the client's token; the JSON answered (with its status), or the error. */
async function getJson(
  source: ProfileSource,
  request: Request,
): Promise<{ value: unknown; status: number }> {
  if (!request.headers.has("accept")) request.headers.set("accept", "application/json");
  const response = await source.fetch(request);
  const text = await readCappedText(response);
  if (!response.ok) throw failure(response, text, new URL(request.url).origin);
  try {
    return { value: JSON.parse(text), status: response.status };
  } catch {
    return { value: undefined, status: response.status };
  }
}

/** The JSON value when it is of the `kind` expected, else `invalid_response`. */
function expectJson(
  { value, status }: { value: unknown; status: number },
  kind: "object" | "array",
  url: string,
): unknown {
  const isArray = Array.isArray(value);
  const fits = kind === "array" ? isArray : typeof value === "object" && value !== null && !isArray;
  if (fits) return value;
  throw new OAuthError(
    "invalid_response",
    `expected a JSON ${kind} from ${new URL(url).origin}, got ${
      value === undefined ? "text that is not JSON" : isArray ? "an array" : typeOf(value)
    }`,
    { status },
  );
}

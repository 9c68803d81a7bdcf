/**
 * The OpenID Connect userinfo of a session's user, held to the ID token's `sub` (OpenID Connect
 * Core §5.3.2). A client rebuilt from a session has validated no ID token, so it cannot check
 * the `sub` itself: the registry tells it which one the login's ID token named.
 *
 * @module
 */
import { decodeBase64urlNoPadding } from "../_encoding.ts";
import { OAuthError } from "../errors.ts";
import type { OAuth2Client, Token } from "../oauth2/mod.ts";

/**
 * The `sub` a userinfo answer must have: `given`, or else the one of the session token's ID
 * token. That ID token was validated at the login (or the refresh) that stored it, and the
 * session is the app's own, so its payload is read without checking its signature again.
 */
export function expectedSubject(token: Token, given: string | undefined): string {
  const sub = given ?? subjectOf(token.id_token);
  if (sub === undefined || sub === "") {
    throw new TypeError(
      "userinfo checks the answer's sub against the ID token's (OpenID Connect Core §5.3.2): keep the token's id_token in the session, or pass { sub } from the login's claims",
    );
  }
  return sub;
}

/** The `sub` in a compact JWT's payload, or `undefined` when there is none to read. */
function subjectOf(jwt: string | undefined): string | undefined {
  const payload = jwt?.split(".")[1];
  const bytes = payload === undefined ? undefined : decodeBase64urlNoPadding(payload);
  if (bytes === undefined) return undefined;
  try {
    const { sub } = JSON.parse(new TextDecoder().decode(bytes));
    return typeof sub === "string" ? sub : undefined;
  } catch {
    return undefined; // not JSON: no sub to hold the answer to
  }
}

/** `client.userinfo()`, refused unless its `sub` is `expected`. */
export async function checkedUserinfo(
  client: OAuth2Client,
  expected: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const claims = await client.userinfo({ signal });
  if (claims.sub !== expected) {
    throw new OAuthError(
      "userinfo_sub_mismatch",
      "the userinfo response is not about the user of the ID token (sub differs)",
    );
  }
  return claims;
}

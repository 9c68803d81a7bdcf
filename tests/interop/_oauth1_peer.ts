/**
 * What the OAuth 1.0a interop tests share, whichever peer they run against (oauthlib's
 * `oauth1_server.py` or Authlib's `authlib_oauth1_server.py`): both register the same clients,
 * and both approve a login from the user named in the authorization URL.
 */
import type { OAuth1ClientOptions, SignatureMethod } from "../../oauth1/mod.ts";
import keys from "../fixtures/oauth1_rsa_test_key.json" with { type: "json" };

/** The credentials the peers register for a method. */
export function registered(method: SignatureMethod): OAuth1ClientOptions {
  const suffix = method.toLowerCase();
  return method.startsWith("RSA-")
    ? { clientKey: `client-${suffix}`, signatureMethod: method, privateKey: keys.pkcs1 }
    : { clientKey: `client-${suffix}`, clientSecret: `secret-${suffix}`, signatureMethod: method };
}

/** The user's browser: open the authorization URL and return where the provider sends it. */
export async function approve(
  authorizationUrl: string,
  approval: Record<string, string> = { user: "alice" },
): Promise<Response> {
  const url = new URL(authorizationUrl);
  for (const [name, value] of Object.entries(approval)) url.searchParams.set(name, value);
  return await fetch(url, { redirect: "manual" });
}

/**
 * The token request parameters of the authorization code grant (RFC 6749 §4.1.3, with the
 * RFC 7636 §4.5 verifier), shared by `OAuth2Client.fetchToken` and the functional code flow.
 *
 * @module
 */
import type { ParameterList } from "../_encoding.ts";
import { assertRedirectUri } from "./authorization.ts";
import type { ResolvedOptions } from "./options.ts";
import { assertCodeVerifier } from "./pkce.ts";

/** RFC 6749 §4.1.3 with RFC 7636 §4.5: the same redirect URI as the authorization request. */
export function codeParameters(
  code: string,
  codeVerifier: unknown,
  redirectUri: unknown,
  options: Pick<ResolvedOptions, "redirectUri" | "pkce">,
): ParameterList {
  const parameters: ParameterList = [["grant_type", "authorization_code"], ["code", code]];
  const redirect = redirectUri ?? options.redirectUri;
  if (redirect !== undefined) {
    assertRedirectUri(redirect, "redirectUri");
    parameters.push(["redirect_uri", redirect as string]);
  }
  if (codeVerifier !== undefined) {
    parameters.push(["code_verifier", assertCodeVerifier(codeVerifier)]);
  } else if (options.pkce !== false) {
    // Without the verifier the exchange fails at a PKCE server, or silently skips PKCE.
    throw new TypeError(
      "codeVerifier is required with PKCE: pass the one authorizationUrl() returned, or set pkce: false",
    );
  }
  return parameters;
}

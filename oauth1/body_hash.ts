/**
 * `oauth_body_hash` (draft-eaton-oauth-bodyhash-00) for bodies that are not forms.
 *
 * @module
 */
import { encodeBase64 } from "../_encoding.ts";
import { sha1 } from "../_sha1.ts";

/**
 * The base64 SHA-1 of the body. The draft (§3.1) asks for SHA-1 with the HMAC-SHA1 and
 * RSA-SHA1 methods only; oauthlib uses it with every method, and so do we, to agree with it.
 */
export function sha1BodyHash(body: Uint8Array): string {
  return encodeBase64(sha1(body));
}

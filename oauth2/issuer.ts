/**
 * The `issuer` option (RFC 8414 §2, RFC 9207).
 *
 * @module
 */
import { parseSecureUrl, typeOf } from "../_transport.ts";

/** RFC 8414 §2: an https URL (loopback may be http) without query or fragment, kept verbatim. */
export function checkIssuer(issuer: unknown, allowInsecure = false): string | undefined {
  if (issuer === undefined) return undefined;
  if (typeof issuer !== "string") {
    throw new TypeError(`issuer must be a string, got ${typeOf(issuer)}`);
  }
  const url = parseSecureUrl(issuer, "issuer", "issuer", allowInsecure);
  if (url.search || url.hash) {
    throw new TypeError("issuer must not have a query or fragment (RFC 8414 §2)");
  }
  return issuer;
}

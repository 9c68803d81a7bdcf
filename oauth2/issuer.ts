/**
 * The `issuer` option (RFC 8414 §2, RFC 9207).
 *
 * @module
 */
import { expectType, parseSecureUrl } from "../_transport.ts";

/** RFC 8414 §2: an https URL (loopback may be http) without query or fragment, kept verbatim. */
export function checkIssuer(issuer: unknown, allowInsecure = false): string | undefined {
  if (issuer === undefined) return undefined;
  // A URL object would pass `parseSecureUrl`, but the issuer is compared as a string.
  expectType(issuer, "issuer", "string");
  const url = parseSecureUrl(issuer, "issuer", undefined, allowInsecure);
  if (url.search || url.hash) {
    throw new TypeError("issuer must not have a query or fragment (RFC 8414 §2)");
  }
  return issuer as string;
}

/**
 * Where a signed OAuth 1.0a request may go: the library's transport rule, plus the one rule
 * of RFC 5849 that depends on the signature method.
 *
 * @module
 */
import { assertSecureTransport, describeUrl, isLoopbackHost } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import type { SignatureMethod } from "./types.ts";

/**
 * Refuses a URL a signed request must not be sent to: `https:` always passes, `http:` on
 * loopback, and `http:` elsewhere only with `allowInsecureRequests: true` (`allowInsecure`).
 * PLAINTEXT is the exception the opt-in does not reach: its signature is the client and token
 * secrets themselves, which only TLS keeps from an eavesdropper (RFC 5849 §3.4.4), whereas an
 * HMAC or RSA signature reveals no secret.
 */
export function assertSignableTransport(
  url: URL,
  method: SignatureMethod,
  allowInsecure: boolean,
): void {
  if (method === "PLAINTEXT" && url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new OAuthError(
      "insecure_transport",
      `a PLAINTEXT request must use https: (RFC 5849 §3.4.4: its signature is the secrets ` +
        `themselves), got ${describeUrl(url)}; http: is allowed only on loopback, even with ` +
        `allowInsecureRequests: true`,
    );
  }
  assertSecureTransport(url, "a signed request", allowInsecure);
}

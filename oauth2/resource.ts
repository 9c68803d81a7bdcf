/**
 * Resource indicators (RFC 8707): the `resource` parameter names the protected resource a token
 * is for. It may be given more than once, and each value must be an absolute URI without a
 * fragment (§2), checked wherever the client sends one.
 *
 * @module
 */
import { expectAbsoluteUri } from "../_transport.ts";

/** The values of a `resource` parameter, checked; a mistake is a `TypeError`. */
export function resourceValues(value: unknown): string[] {
  return [value].flat().map((item) => expectAbsoluteUri(item, "resource", "RFC 8707 §2"));
}

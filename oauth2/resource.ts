/**
 * Resource indicators (RFC 8707): the `resource` parameter names the protected resource a token
 * is for. It may be given more than once, and each value must be an absolute URI without a
 * fragment (§2), checked wherever the client sends one.
 *
 * @module
 */
import { typeOf } from "../_transport.ts";

/** The values of a `resource` parameter, checked; a mistake is a `TypeError`. */
export function resourceValues(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item !== "string" || !URL.canParse(item) || item.includes("#")) {
      throw new TypeError(
        `resource must be an absolute URI without a fragment (RFC 8707 §2), got ${
          typeof item === "string" ? "another string" : typeOf(item)
        }`,
      );
    }
  }
  return values;
}

/**
 * The parameters a caller adds to a request by name (`prompt`, `audience`, `resource`, …):
 * each a string or a list of strings, sent once per value; `resource` values must be absolute
 * URIs (RFC 8707 §2); names the client writes itself are refused, so configuration can never
 * replace state, PKCE or credentials.
 *
 * @module
 */
import type { ParameterList } from "../_encoding.ts";
import { typeOf } from "../_transport.ts";
import { resourceValues } from "./resource.ts";

/** How one request takes extra parameters. */
export interface ExtraParameterRules {
  /** Members that are options of the call, not parameters. */
  skip: ReadonlySet<string>;
  /** Parameters the client writes itself. */
  reserved: ReadonlySet<string>;
  /** The error for a reserved name. */
  refuse: (name: string) => string;
  /** How messages name a parameter, e.g. `the grant parameter`. */
  noun: string;
}

/** The members of `params` as parameters, in order, or a `TypeError` for a misuse. */
export function extraParameters(
  params: Record<string, unknown>,
  rules: ExtraParameterRules,
): ParameterList {
  const parameters: ParameterList = [];
  for (const [name, value] of Object.entries(params)) {
    if (rules.skip.has(name) || value === undefined) continue;
    if (rules.reserved.has(name)) throw new TypeError(rules.refuse(name));
    // One value or a list of them.
    const values = name === "resource" ? resourceValues(value) : [value].flat();
    for (const item of values) {
      if (typeof item !== "string") {
        throw new TypeError(
          `${rules.noun} ${name} must be a string or strings, got ${typeOf(item)}`,
        );
      }
      parameters.push([name, item]);
    }
  }
  return parameters;
}

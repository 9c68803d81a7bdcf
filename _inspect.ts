/**
 * What `String(x)`, `JSON.stringify`, `console.log`, `Deno.inspect` and Node's `util.inspect`
 * show of an object that holds a secret or a token (a client, a registry, a store): a summary
 * without them.
 *
 * @module
 */

/**
 * The base of every object that holds a secret or a token (the clients, the web registry and
 * its providers, the cookie sealer, the token and login stores): every textual view of them
 * shows only `toJSON()`.
 *
 * @example
 * ```ts
 * import { OAuth2Client, SecretFree } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client({ clientId: "app", clientSecret: "s3cret" });
 * assert.ok(client instanceof SecretFree);
 * assert.doesNotMatch(String(client), /s3cret/);
 * ```
 */
export abstract class SecretFree {
  /** A summary without secrets or tokens. */
  abstract toJSON(): Record<string, unknown>;

  /** The class name and the secret-free summary. */
  toString(): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }
}

for (const name of ["Deno.customInspect", "nodejs.util.inspect.custom"]) {
  Object.defineProperty(SecretFree.prototype, Symbol.for(name), {
    value(this: SecretFree) {
      return this.toString();
    },
  });
}

/**
 * What `console.log`, `Deno.inspect` and Node's `util.inspect` show of a client: its
 * `toString()`, which holds no secret. Internal.
 *
 * @module
 */

/** Makes the inspectors of Deno, Node and Bun show `toString()` for instances of `target`. */
export function inspectAsString(target: { prototype: { toString(): string } }): void {
  for (const name of ["Deno.customInspect", "nodejs.util.inspect.custom"]) {
    Object.defineProperty(target.prototype, Symbol.for(name), {
      value(this: { toString(): string }) {
        return this.toString();
      },
    });
  }
}

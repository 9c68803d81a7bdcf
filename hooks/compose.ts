/**
 * Combining several sets of hooks into one.
 *
 * @module
 */
import type { Hooks } from "./types.ts";

const POINTS = [
  "accessTokenRequest",
  "accessTokenResponse",
  "refreshTokenRequest",
  "refreshTokenResponse",
  "revokeTokenRequest",
  "introspectTokenRequest",
  "protectedRequest",
] as const satisfies readonly (keyof Hooks)[];

const KNOWN_POINTS = new Set<string>(POINTS);

/** A `TypeError` for anything that is not a `Hooks` value, naming the culprit. */
function assertHooks(hooks: unknown, index: number): void {
  if (typeof hooks !== "object" || hooks === null || Array.isArray(hooks)) {
    throw new TypeError(`compose() argument ${index} must be a Hooks object`);
  }
  for (const [point, list] of Object.entries(hooks)) {
    if (!KNOWN_POINTS.has(point)) {
      throw new TypeError(`unknown hook point "${point}"; known: ${POINTS.join(", ")}`);
    }
    if (!Array.isArray(list) || list.some((hook) => typeof hook !== "function")) {
      throw new TypeError(`hooks.${point} must be an array of functions`);
    }
  }
}

/**
 * Concatenates hooks point by point, in the order given; the inputs are not modified.
 *
 * @example
 * ```ts
 * import { compose } from "@x/oauth/hooks";
 * import assert from "node:assert/strict";
 *
 * const tag = (name: string) => (request: Request) => {
 *   const headers = new Headers(request.headers);
 *   headers.append("x-hooks", name);
 *   return new Request(request, { headers });
 * };
 * const hooks = compose({ protectedRequest: [tag("a")] }, { protectedRequest: [tag("b")] });
 * let request = new Request("https://api.example/");
 * for (const hook of hooks.protectedRequest ?? []) request = await hook(request);
 * assert.equal(request.headers.get("x-hooks"), "a, b");
 * ```
 */
export function compose(...hooks: Hooks[]): Hooks {
  hooks.forEach(assertHooks);
  const result: Record<string, unknown[]> = {};
  for (const point of POINTS) {
    const joined = hooks.flatMap((set): unknown[] => set[point] ?? []);
    if (joined.length > 0) result[point] = joined;
  }
  return result as Hooks;
}

/**
 * Compliance hooks, shared by both protocols: the hook types, `compose` (public through
 * `@x/oauth/hooks` and `@x/oauth`) and the runner the clients call at each lifecycle point.
 * A hook rewrites a request before it is sent or a response before it is read, to work around
 * a provider that breaks the RFCs.
 *
 * @module
 */

/** Rewrites an outgoing request; may be async. Throwing aborts the request with that error. */
export type RequestHook = (request: Request) => Request | Promise<Request>;

/** Rewrites an incoming response before the library reads it; may be async. */
export type ResponseHook = (response: Response) => Response | Promise<Response>;

/** Ordered hooks per point of the request lifecycle. */
export interface Hooks {
  /** Before a token request (any grant but refresh) is sent. */
  accessTokenRequest?: RequestHook[];
  /** Before a token response is read. */
  accessTokenResponse?: ResponseHook[];
  /** Before a refresh request is sent. */
  refreshTokenRequest?: RequestHook[];
  /** Before a refresh response is read. */
  refreshTokenResponse?: ResponseHook[];
  /** Before a revocation request is sent. */
  revokeTokenRequest?: RequestHook[];
  /** Before an introspection request is sent. */
  introspectTokenRequest?: RequestHook[];
  /** Before a request to a protected resource is sent, after it has been signed. */
  protectedRequest?: RequestHook[];
}

const POINTS = [
  "accessTokenRequest",
  "accessTokenResponse",
  "refreshTokenRequest",
  "refreshTokenResponse",
  "revokeTokenRequest",
  "introspectTokenRequest",
  "protectedRequest",
] as const satisfies readonly (keyof Hooks)[];

// Marked pure so that a bundle that never composes hooks drops it.
const KNOWN_POINTS = /* @__PURE__ */ new Set<string>(POINTS);

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

/** Passes a request through each hook in order; a hook must return a `Request`. */
export async function runRequestHooks(
  hooks: readonly RequestHook[] | undefined,
  request: Request,
): Promise<Request> {
  let current = request;
  for (const hook of hooks ?? []) {
    current = await hook(current);
    if (!(current instanceof Request)) throw new TypeError("a request hook must return a Request");
  }
  return current;
}

/** Passes a response through each hook in order; a hook must return a `Response`. */
export async function runResponseHooks(
  hooks: readonly ResponseHook[] | undefined,
  response: Response,
): Promise<Response> {
  let current = response;
  for (const hook of hooks ?? []) {
    current = await hook(current);
    if (!(current instanceof Response)) {
      throw new TypeError("a response hook must return a Response");
    }
  }
  return current;
}

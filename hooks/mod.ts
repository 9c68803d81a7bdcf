/**
 * Compliance hooks for providers that do not follow the RFCs.
 *
 * @example
 * ```ts
 * import { compose, type Hooks } from "@x/oauth/hooks";
 *
 * const addUserAgent: Hooks = {
 *   protectedRequest: [(request) => {
 *     const headers = new Headers(request.headers);
 *     headers.set("user-agent", "my-app/1.0");
 *     return new Request(request, { headers });
 *   }],
 * };
 * const hooks = compose(addUserAgent);
 * const request = await hooks.protectedRequest![0](new Request("https://api.example/"));
 * if (request.headers.get("user-agent") !== "my-app/1.0") throw new Error("hook not applied");
 * ```
 *
 * @module
 */
export type { Hooks, RequestHook, ResponseHook } from "./types.ts";
export { compose } from "./compose.ts";

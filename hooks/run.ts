/**
 * Running the hooks of one lifecycle point. Internal.
 *
 * @module
 */
import type { RequestHook, ResponseHook } from "./types.ts";

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

/**
 * Endpoint calls through the client's hooks (the compliance fixes): request hooks before the
 * request goes out, response hooks on what comes back.
 *
 * @module
 */
import type { FetchLike } from "../_send.ts";
import { assertSecureTransport } from "../_transport.ts";
import { runRequestHooks, runResponseHooks } from "../_hooks.ts";
import type { EndpointSend } from "./endpoint_request.ts";

/** Sends endpoint calls through their hooks, then `send`. */
export function hookedSend(send: FetchLike, allowInsecure: boolean): EndpointSend {
  return async (built, call) => {
    const hooked = await runRequestHooks(call.requestHooks, built);
    // A hook may rebuild the request; it still must not follow redirects or leave https.
    const request = hooked.redirect === "manual"
      ? hooked
      : new Request(hooked, { redirect: "manual" });
    assertSecureTransport(new URL(request.url), call.endpoint, allowInsecure);
    return { request, response: await runResponseHooks(call.responseHooks, await send(request)) };
  };
}

/**
 * Sending a request without letting a credential escape through an error. Internal.
 *
 * @module
 */
import { OAuthError } from "./errors.ts";
import { describeUrl } from "./_transport.ts";

/**
 * A `fetch` the clients call with a fully prepared `Request`: `globalThis.fetch` fits, and so
 * does a test double or a fetch that adds a proxy.
 */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Sends a request with the caller's `fetch` (called unbound: the fetch of workerd and browsers
 * refuses any other `this`) or the global one. A request set to follow redirects is made
 * `redirect: "manual"` first (a hook may have rebuilt it with the default): the library decides
 * about redirects itself. An abort or timeout keeps its
 * `DOMException`; any other failure becomes `network_error`, whose message and cause name the
 * origin and path but never the query, where a token or signature may be.
 */
export async function send(
  fetchFunction: FetchLike | undefined,
  request: Request,
): Promise<Response> {
  const manual = request.redirect === "follow"
    ? new Request(request, { redirect: "manual" })
    : request;
  try {
    return await (fetchFunction ?? fetch)(manual);
  } catch (error) {
    if (
      error instanceof DOMException &&
      (error.name === "AbortError" || error.name === "TimeoutError")
    ) {
      throw error;
    }
    const url = new URL(request.url);
    const { name, message } = error instanceof Error
      ? error
      : { name: undefined, message: String(error) };
    // The cause is a copy whose message has every appearance of the query, or of the URL with
    // it, cut out.
    const query = url.search;
    const cause = new Error(
      query ? message.split(query).join("?…").split(query.slice(1)).join("…") : message,
    );
    cause.name = name ?? "Error";
    throw new OAuthError(
      "network_error",
      `the request to ${describeUrl(url)} failed (${name ?? typeof error})`,
      { cause },
    );
  }
}

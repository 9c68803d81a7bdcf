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
 * about redirects itself. An abort or timeout keeps its `DOMException`; any other failure
 * becomes `network_error` by `describe`, which names the origin and path but never the query,
 * where a token or signature may be: `plainNetworkError` by default, `networkError`
 * (`_network_error.ts`, which names the kind of failure and what to check) in the clients.
 */
export async function send(
  fetchFunction: FetchLike | undefined,
  request: Request,
  describe: DescribeFailure = plainNetworkError,
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
    throw describe(new URL(request.url), error);
  }
}

/** Turns a failed fetch of `url` into the `network_error` to throw. */
export type DescribeFailure = (url: URL, error: unknown) => OAuthError;

/**
 * `network_error` naming the URL's origin and path and the error's name: the small form, for the
 * functions of `@x/oauth/oauth2`, whose bundle must stay small (`networkError` of
 * `_network_error.ts`, which names the kind and the runtime's code, costs 0.4 KB gzip). Its cause
 * is a copy with the name and the message, every appearance of the query cut out; nothing else.
 */
export function plainNetworkError(url: URL, error: unknown): OAuthError {
  const { name, message } = error instanceof Error
    ? error
    : { name: typeof error, message: String(error) };
  const query = url.search;
  const cause = new Error(
    query ? message.split(query).join("?…").split(query.slice(1)).join("…") : message,
  );
  cause.name = name;
  return new OAuthError("network_error", `the request to ${describeUrl(url)} failed (${name})`, {
    cause,
  });
}

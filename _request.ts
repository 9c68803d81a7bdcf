/**
 * Making a changed copy of a `Request` that leaves the original usable. Internal.
 *
 * @module
 */
import { appendQueryParameters, type ParameterList } from "./_encoding.ts";

/** A copy of `request` with one header set; the body (a stream) is teed, not taken. */
export function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  // A body is a stream that a new Request would take over; a clone leaves the original usable.
  return new Request(request.body === null ? request : request.clone(), { headers });
}

/**
 * A copy of `request` with `parameters` appended to the query of `url` (the request's URL,
 * parsed) and with `headers`; the body is copied, not taken.
 */
export async function withQueryParameters(
  request: Request,
  url: URL,
  parameters: ParameterList,
  headers: Headers = new Headers(request.headers),
): Promise<Request> {
  const body = request.body === null ? null : await request.clone().arrayBuffer();
  return rebuild(request, appendQueryParameters(url, parameters).href, headers, body);
}

/**
 * A new request to `url` with `headers` and `body`, keeping the method, redirect mode, signal
 * and the settings the caller changed from their defaults.
 */
export function rebuild(
  request: Request,
  url: string,
  headers: Headers,
  body: BodyInit | null,
): Request {
  const init: RequestInit = {
    method: request.method,
    headers,
    body,
    redirect: request.redirect,
    signal: request.signal,
  };
  // Settings some runtimes do not implement (workerd) are copied only when they were set.
  if (request.keepalive) init.keepalive = true;
  if (request.integrity) init.integrity = request.integrity;
  if (request.cache && request.cache !== "default") init.cache = request.cache;
  if (request.credentials && request.credentials !== "same-origin") {
    init.credentials = request.credentials;
  }
  if (request.mode && request.mode !== "cors" && request.mode !== "navigate") {
    init.mode = request.mode;
  }
  if (request.referrerPolicy) init.referrerPolicy = request.referrerPolicy;
  return new Request(url, init);
}

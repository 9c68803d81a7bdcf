/**
 * Building blocks for provider fixes: rewriting a token response's body, and moving the access
 * token of a protected request. Internal.
 *
 * @module
 */
import { decodeForm, mediaType } from "../_encoding.ts";
import { readCappedText } from "../_response.ts";
import { withQueryParameters } from "../_request.ts";
import { parseJsonObject } from "../oauth2/_endpoint.ts";

type Members = Record<string, unknown>;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A JSON response with `body`, keeping the status and the other headers of `like`. */
function jsonResponse(body: Members, like: Response): Response {
  const headers = new Headers(like.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify(body), {
    status: like.status,
    statusText: like.statusText,
    headers,
  });
}

/** The response again, after its body was read to look at it. */
function unchanged(text: string, like: Response): Response {
  return new Response(text, {
    status: like.status,
    statusText: like.statusText,
    headers: like.headers,
  });
}

/**
 * Rewrites a JSON object body with `change`; a body that is not a JSON object is passed on
 * untouched, so the client's own checks report it. Reads at most 1 MiB.
 */
export async function rewriteJson(
  response: Response,
  change: (body: Members) => Members,
): Promise<Response> {
  if (NULL_BODY_STATUSES.has(response.status)) return response;
  const text = await readCappedText(response);
  const body = parseJsonObject(text);
  return body === undefined ? unchanged(text, response) : jsonResponse(change(body), response);
}

/**
 * {@linkcode rewriteJson} for a successful (2xx) response; any other passes untouched. Hooks
 * call it inside their own arrow function: a call at module level would keep every provider
 * module in a bundle that tree-shaking could otherwise drop.
 */
export function rewriteSuccessJson(
  response: Response,
  change: (body: Members) => Members,
): Response | Promise<Response> {
  return response.ok ? rewriteJson(response, change) : response;
}

/**
 * Turns a successful form-encoded or plain-text body (`access_token=…&expires=…`) into JSON via
 * `change`; a JSON object under another content type is relabelled `application/json`; JSON
 * and error responses are passed on untouched.
 */
export async function formToJson(
  response: Response,
  change: (body: Members) => Members,
): Promise<Response> {
  const type = mediaType(response.headers.get("content-type"));
  if (!response.ok || type === "application/json" || NULL_BODY_STATUSES.has(response.status)) {
    return response;
  }
  const text = await readCappedText(response);
  // JSON under another label (text/javascript, text/plain) is only relabelled.
  const json = parseJsonObject(text);
  if (json !== undefined) return jsonResponse(json, response);
  const pairs = decodeForm(text.trim());
  if (!pairs.some(([name]) => name === "access_token")) return unchanged(text, response);
  return jsonResponse(change(Object.fromEntries(pairs)), response);
}

/** The access token of a `Bearer` Authorization header, if there is one. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

/**
 * The request with `name=<access token>` added to its query, unless the query has it already;
 * with `moveFromHeader`, the `Authorization` header is dropped (the provider wants the token
 * only in the query).
 */
export async function tokenInQuery(
  request: Request,
  name: string,
  moveFromHeader: boolean,
): Promise<Request> {
  const token = bearerToken(request);
  const url = new URL(request.url);
  if (token === undefined || url.searchParams.has(name)) return request;
  const headers = new Headers(request.headers);
  if (moveFromHeader) headers.delete("authorization");
  return await withQueryParameters(request, url, [[name, token]], headers);
}

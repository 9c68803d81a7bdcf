/**
 * Putting an access token on a request to a protected resource (RFC 6750 §2).
 *
 * @module
 */
import { mediaType } from "../_encoding.ts";
import { rebuild, withHeader, withQueryParameters } from "../_request.ts";
import { assertSecureTransport, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { type RequestHook, runRequestHooks } from "../_hooks.ts";
import type { DPoPProver } from "./dpop.ts";
import type { TokenPlacement } from "./options.ts";
import type { Token } from "./types.ts";

/**
 * The `Authorization` scheme of a token type, compared case-insensitively (servers send
 * `bearer` as often as `Bearer`). A type this client cannot present is `unsupported_token_type`.
 */
export function authorizationScheme(tokenType: string): string {
  if (tokenType.toLowerCase() === "bearer") return "Bearer";
  throw new OAuthError("unsupported_token_type", "only Bearer tokens can be put on a request");
}

/**
 * A copy of `request` carrying the token: in the `Authorization` header (RFC 6750 §2.1, the
 * default), as `access_token` in the query (§2.3, for legacy APIs) or in a form body (§2.2).
 */
export async function placeToken(
  request: Request,
  token: Token,
  placement: TokenPlacement,
): Promise<Request> {
  const scheme = authorizationScheme(token.token_type);
  if (placement === "header") {
    return withHeader(request, "authorization", `${scheme} ${token.access_token}`);
  }
  if (placement === "query") {
    const parameter: [string, string] = ["access_token", token.access_token];
    return await withQueryParameters(request, new URL(request.url), [parameter]);
  }
  const headers = new Headers(request.headers);
  // RFC 6750 §2.2: a single-part form body, and a method that has a body.
  const isForm = mediaType(headers.get("content-type")) === "application/x-www-form-urlencoded";
  if (request.method === "GET" || request.method === "HEAD" || (request.body !== null && !isForm)) {
    throw new TypeError(
      'tokenPlacement "body" needs a request with an application/x-www-form-urlencoded body (RFC 6750 §2.2)',
    );
  }
  const text = request.body === null ? "" : await request.clone().text();
  const field = `access_token=${encodeURIComponent(token.access_token)}`;
  if (!isForm) headers.set("content-type", "application/x-www-form-urlencoded");
  return rebuild(request, request.url, headers, text ? `${text}&${field}` : field);
}

/**
 * A DPoP-bound token (RFC 9449 §7.1): `Authorization: DPoP <token>` and a proof for this
 * method and URL with the token's hash; never a Bearer header, the query or the body.
 */
async function withProof(request: Request, accessToken: string, dpop: DPoPProver) {
  const headers = new Headers(request.headers);
  headers.set("authorization", `DPoP ${accessToken}`);
  headers.set("dpop", await dpop.proof(request.method, request.url, accessToken));
  return new Request(request.body === null ? request : request.clone(), { headers });
}

/**
 * `OAuth2Client.sign`: a request over https (or loopback) with the current token placed, then
 * the `protectedRequest` hooks. `token` is asked for only once the request is known to be fit.
 */
export async function signWithToken(
  request: Request,
  token: () => Promise<Token>,
  placement: TokenPlacement,
  hooks: RequestHook[] | undefined,
  dpop?: DPoPProver,
  allowInsecure = false,
): Promise<Request> {
  if (!(request instanceof Request)) {
    throw new TypeError(`sign() needs a Request, got ${typeOf(request)}`);
  }
  assertSecureTransport(new URL(request.url), "a request carrying a token", allowInsecure);
  const current = await token();
  const bound = current.token_type.toLowerCase() === "dpop";
  // RFC 9449 §7: a DPoP client sends only bound tokens; a Bearer token (one from a shared
  // store, say) would go out unbound, as a fresh grant's Bearer token is refused.
  if (dpop && !bound) {
    throw new OAuthError("dpop_downgrade", "a DPoP client holds a Bearer token; it sends none");
  }
  const placed = bound && dpop
    ? await withProof(request, current.access_token, dpop)
    : await placeToken(request, current, placement);
  const hooked = await runRequestHooks(hooks, placed);
  // Placing the token keeps the origin; only a hook that built another request can move it.
  if (hooked !== placed) {
    assertSecureTransport(new URL(hooked.url), "a request carrying a token", allowInsecure);
  }
  return hooked;
}

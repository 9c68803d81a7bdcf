/**
 * Calling a protected resource: the token placed on the request (RFC 6750 §2, or bound by
 * DPoP), redirects followed safely, and one refresh-and-retry when the
 * resource server says the token is no longer valid (RFC 6750 §3.1 `invalid_token`) although
 * the client still thought it was.
 *
 * @module
 */
import { withDeadline } from "../_deadline.ts";
import { type CrossOriginRedirect, fetchWithSafeRedirects } from "../_redirects.ts";
import type { Token } from "./types.ts";
import { mediaType } from "../_encoding.ts";
import { rebuild, withHeader, withQueryParameters } from "../_request.ts";
import { assertSecureTransport, typeOf } from "../_transport.ts";
import { OAuthError } from "../errors.ts";
import { type RequestHook, runRequestHooks } from "../_hooks.ts";
import type { DPoPProver } from "./dpop.ts";
import type { TokenPlacement } from "./options.ts";

// RFC 9110 §9.2.2: a repeated idempotent request has the effect of one.
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** What the client lends to a protected call. */
export interface ProtectedCall {
  /** Deadline until the response arrives, in milliseconds (`0` for none). */
  timeout: number;
  /** What to do with a redirect to another origin. */
  crossOriginRedirect: CrossOriginRedirect;
  sign(request: Request): Promise<Request>;
  send(request: Request): Promise<Response>;
  /** The token held now. */
  token(): Token | undefined;
  /** Whether a refresh token and a token endpoint exist. */
  canRefresh(): boolean;
  /** Refreshes `rejected`, unless another caller or instance has replaced it already. */
  refresh(rejected: Token): Promise<unknown>;
  /** With DPoP: whether a response asks for the request again with a server nonce. */
  asksForNonce?: (response: Response) => boolean;
}

async function saysInvalidToken(response: Response): Promise<boolean> {
  // Challenges are read only on a 401: rarely used parts load on first use, not at a cold start.
  const { parseWwwAuthenticate } = await import("./_rarely_used.ts");
  const challenges = parseWwwAuthenticate(response.headers.get("www-authenticate") ?? "");
  return challenges.some((challenge) =>
    challenge.scheme.toLowerCase() === "bearer" && challenge.error === "invalid_token"
  );
}

/**
 * Sends `request` signed. A DPoP nonce request is answered once with a new proof. On `401`
 * with a Bearer `invalid_token` challenge from a hop that carried the token, an idempotent
 * request is sent once more after a refresh — one refresh for all the callers that held the
 * same token. A 401 from another origin, reached by a redirect without the token, says
 * nothing about the token. Anything else is returned as the server answered.
 */
export async function fetchProtected(request: Request, call: ProtectedCall): Promise<Response> {
  // A nonce request means the server did not act on the request, so any method may go again.
  const nonceSpare = call.asksForNonce && request.clone();
  const spare = IDEMPOTENT.has(request.method) ? request.clone() : undefined;
  let sent = await exchange(request, call);
  if (nonceSpare && call.asksForNonce!(sent.response)) {
    await sent.response.body?.cancel();
    sent = await exchange(nonceSpare, call); // RFC 9449 §9: once, with the new nonce.
  }
  const { response, token } = sent;
  if (
    spare === undefined || response.status !== 401 || token === undefined ||
    !call.canRefresh() || !(await saysInvalidToken(response))
  ) {
    return response;
  }
  await response.body?.cancel();
  await call.refresh(token);
  return (await exchange(spare, call)).response;
}

/**
 * Sends `request` through the redirects; `token` is the one the last hop carried, or
 * `undefined` when that hop went to another origin without it. The deadline runs until the
 * response arrives; reading its body is the caller's business.
 */
function exchange(
  request: Request,
  call: ProtectedCall,
): Promise<{ response: Response; token: Token | undefined }> {
  const signed = new WeakMap<Request, Token | undefined>();
  let token: Token | undefined;
  const sign = async (hop: Request) => {
    const result = await call.sign(hop);
    signed.set(result, call.token());
    return result;
  };
  const send = (hop: Request) => {
    token = signed.get(hop);
    return call.send(hop);
  };
  return withDeadline(call.timeout, request.signal, async (signal) => {
    const bounded = signal === undefined ? request : new Request(request, { signal });
    const response = await fetchWithSafeRedirects(bounded, sign, send, call.crossOriginRedirect);
    return { response, token };
  });
}

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
  let placed: Request;
  if (dpop === undefined) placed = await placeToken(request, current, placement);
  else {
    const { withProof } = await import("./_rarely_used.ts");
    placed = await withProof(request, current, dpop);
  }
  const hooked = await runRequestHooks(hooks, placed);
  // Placing the token keeps the origin; only a hook that built another request can move it.
  if (hooked !== placed) {
    assertSecureTransport(new URL(hooked.url), "a request carrying a token", allowInsecure);
  }
  return hooked;
}

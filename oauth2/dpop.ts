/**
 * DPoP (RFC 9449): proofs of possession of the client's key on token and resource requests,
 * the server nonces they must carry (kept per origin, from every response), and exactly one
 * retry when a server asks for a nonce (`use_dpop_nonce`).
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "../_encoding.ts";
import { randomBase64url } from "../_random.ts";
import { readCappedText } from "../_response.ts";
import type { FetchLike } from "../_send.ts";
import { OAuthError } from "../errors.ts";
import { type EndpointCall, type EndpointSend, parseJsonObject } from "./_endpoint.ts";
import type { Token } from "./types.ts";
import { dpopSigner, type JwsKey, signJwt } from "./_jwt_signing.ts";
import { parseWwwAuthenticate } from "./www_authenticate.ts";

// Servers rotate nonces; a few dozen origins is more than one client talks to.
const NONCE_ORIGINS = 32;

/** The client's DPoP key, and what it has learnt of the servers' nonces. */
export class DPoPProver {
  readonly #signer: JwsKey;
  readonly #jwk: Promise<JsonWebKey>;
  readonly #nonces = new Map<string, string>();
  readonly #now: () => number;

  constructor(pair: CryptoKeyPair, now: () => number) {
    this.#signer = dpopSigner(pair);
    this.#now = now;
    this.#jwk = crypto.subtle.exportKey("jwk", pair.publicKey).then(publicMembers);
  }

  /**
   * A proof for one request (RFC 9449 §4.2): `htm`, `htu` without query and fragment, `iat`, a
   * fresh `jti`, the origin's nonce when there is one, and `ath` with an access token.
   */
  async proof(method: string, url: string, accessToken?: string): Promise<string> {
    const target = new URL(url);
    const claims: Record<string, unknown> = {
      htm: method,
      htu: `${target.origin}${target.pathname}`,
      iat: Math.floor(this.#now() / 1000),
      jti: randomBase64url(16),
    };
    const nonce = this.#nonces.get(target.origin);
    if (nonce !== undefined) claims.nonce = nonce;
    if (accessToken !== undefined) claims.ath = await accessTokenHash(accessToken);
    return await signJwt(this.#signer, claims, { typ: "dpop+jwt", jwk: await this.#jwk });
  }

  /** Keeps the nonce a response sets (RFC 9449 §8.2, §9), for later proofs to its origin. */
  remember(response: Response, url: string): void {
    const nonce = response.headers.get("dpop-nonce");
    if (nonce === null || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(nonce)) return;
    const { origin } = new URL(url);
    this.#nonces.delete(origin);
    this.#nonces.set(origin, nonce);
    if (this.#nonces.size > NONCE_ORIGINS) {
      this.#nonces.delete(this.#nonces.keys().next().value!);
    }
  }
}

/** Where a client keeps its DPoP prover, which it makes on first use. */
export interface ProverHolder {
  readonly options: { readonly now: () => number };
  dpop?: DPoPProver;
}

/** The holder's prover for its key `pair`: made now on first use, then the same one. */
export function proverOf(holder: ProverHolder, pair: CryptoKeyPair): DPoPProver {
  return holder.dpop ??= new DPoPProver(pair, holder.options.now);
}

/** The public members of a JWK, nothing private, nothing about usage. */
function publicMembers({ kty, crv, x, y, n, e }: JsonWebKey): JsonWebKey {
  return Object.fromEntries(
    Object.entries({ kty, crv, x, y, n, e }).filter(([, value]) => value !== undefined),
  );
}

/** RFC 9449 §4.2: `ath` is base64url(SHA-256(ASCII access token)). */
async function accessTokenHash(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/**
 * Token endpoint calls with a proof, and one more with a new proof when the server answers
 * `400 use_dpop_nonce` with a nonce (RFC 9449 §8).
 */
export function dpopSend(inner: EndpointSend, prover: DPoPProver): EndpointSend {
  const attempt = async (built: Request, call: Parameters<EndpointSend>[1]) => {
    const headers = new Headers(built.headers);
    headers.set("dpop", await prover.proof(built.method, built.url));
    const sent = await inner(new Request(built, { headers }), call);
    prover.remember(sent.response, built.url);
    return sent;
  };
  return async (built, call) => {
    const spare = built.clone();
    const sent = await attempt(built, call);
    if (!(await asksForNonce(sent.response))) return sent;
    await sent.response.body?.cancel();
    return await attempt(spare, call);
  };
}

/** Whether an authorization server's answer is `400 {"error":"use_dpop_nonce"}` with a nonce. */
async function asksForNonce(response: Response): Promise<boolean> {
  if (response.status !== 400 || !response.headers.has("dpop-nonce")) return false;
  const body = parseJsonObject(await readCappedText(response.clone()));
  return body?.error === "use_dpop_nonce";
}

/** Whether a resource server's `401` asks for a DPoP nonce (RFC 9449 §9). */
export function resourceAsksForNonce(response: Response): boolean {
  if (response.status !== 401 || !response.headers.has("dpop-nonce")) return false;
  return parseWwwAuthenticate(response.headers.get("www-authenticate") ?? "").some((challenge) =>
    challenge.scheme.toLowerCase() === "dpop" && challenge.error === "use_dpop_nonce"
  );
}

/**
 * A request carrying a DPoP-bound token (RFC 9449 §7.1): `Authorization: DPoP <token>` and a
 * proof for this method and URL with the token's hash; never a Bearer header, the query or the
 * body. RFC 9449 §7: a DPoP client sends only bound tokens; a Bearer token (one from a shared
 * store, say) would go out unbound, as a fresh grant's Bearer token is refused.
 */
export async function withProof(
  request: Request,
  token: Token,
  prover: DPoPProver,
): Promise<Request> {
  if (token.token_type.toLowerCase() !== "dpop") {
    throw new OAuthError("dpop_downgrade", "a DPoP client holds a Bearer token; it sends none");
  }
  const headers = new Headers(request.headers);
  headers.set("authorization", `DPoP ${token.access_token}`);
  headers.set("dpop", await prover.proof(request.method, request.url, token.access_token));
  return new Request(request.body === null ? request : request.clone(), { headers });
}

/**
 * A token endpoint call made by a DPoP client: every request carries a proof (retried once
 * with the server's nonce), a DPoP token is asked for, and a Bearer token in the answer is
 * refused (`dpop_downgrade`), as it would later be sent unbound.
 */
export async function requestBoundToken(
  request: (call: EndpointCall, send: EndpointSend) => Promise<Token>,
  call: EndpointCall,
  send: EndpointSend,
  prover: DPoPProver,
): Promise<Token> {
  const tokenTypes = [...call.tokenTypes ?? ["bearer"], "dpop"];
  const token = await request({ ...call, tokenTypes }, dpopSend(send, prover));
  if (token.token_type.toLowerCase() === "bearer") {
    throw new OAuthError("dpop_downgrade", "the server issued a Bearer token to a DPoP client");
  }
  return token;
}

/**
 * The client's fetch for resource requests with DPoP: every response may carry the server's
 * next nonce for that origin (RFC 9449 §8), which the prover keeps.
 */
export function rememberingNonces(send: FetchLike, prover: DPoPProver): FetchLike {
  return async (request) => {
    const response = await send(request);
    prover.remember(response, request.url);
    return response;
  };
}

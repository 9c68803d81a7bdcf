/**
 * What the provider tests fake a provider with: real signing keys (WebCrypto) and real signed
 * JWTs, a router standing in for the provider's hosts behind an injected `fetch` that records
 * every request, and the PKCE check a provider makes.
 */
import { encodeBase64urlNoPadding } from "@oslojs/encoding";

const utf8 = new TextEncoder();

/** A provider's signing key: the private key and its public JWK (with `kid`, `alg`, `use`). */
export interface SigningKey {
  alg: "RS256" | "ES256";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JsonWebKey & { kid: string; alg: string; use: string };
}

/** A new RS256 or ES256 key pair with its public JWK. */
export async function signingKey(alg: "RS256" | "ES256", kid: string): Promise<SigningKey> {
  const algorithm = alg === "RS256"
    ? {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    }
    : { name: "ECDSA", namedCurve: "P-256" };
  const pair = await crypto.subtle.generateKey(algorithm, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  return {
    alg,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    jwk: { ...jwk, kid, alg, use: "sig" },
  };
}

function part(value: unknown): string {
  return encodeBase64urlNoPadding(utf8.encode(JSON.stringify(value)));
}

function signParams(alg: "RS256" | "ES256"): AlgorithmIdentifier | EcdsaParams {
  return alg === "RS256" ? { name: "RSASSA-PKCS1-v1_5" } : { name: "ECDSA", hash: "SHA-256" };
}

/** A JWT signed with `key`, its `kid` in the header. */
export async function signJwt(key: SigningKey, payload: Record<string, unknown>): Promise<string> {
  const input = `${part({ alg: key.alg, kid: key.jwk.kid, typ: "JWT" })}.${part(payload)}`;
  const signature = await crypto.subtle.sign(
    signParams(key.alg),
    key.privateKey,
    utf8.encode(input),
  );
  return `${input}.${encodeBase64urlNoPadding(new Uint8Array(signature))}`;
}

function decodePart(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The header and payload of a JWT whose signature `publicKey` verifies, else `undefined`. */
export async function verifyJwt(
  jwt: string,
  publicKey: CryptoKey,
  alg: "RS256" | "ES256",
): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> } | undefined> {
  const [header, payload, signature] = jwt.split(".");
  if (signature === undefined) return undefined;
  const valid = await crypto.subtle.verify(
    signParams(alg),
    publicKey,
    decodePart(signature),
    utf8.encode(`${header}.${payload}`),
  );
  if (!valid) return undefined;
  const decode = (text: string) => JSON.parse(new TextDecoder().decode(decodePart(text)));
  return { header: decode(header), payload: decode(payload) };
}

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", utf8.encode(verifier));
  return encodeBase64urlNoPadding(new Uint8Array(digest));
}

/** A request as the fake provider saw it: its URL, headers and form body. */
export interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  form: URLSearchParams;
}

/** A route's answer to a request. */
export type Route = (seen: Seen) => Response | Promise<Response>;

/**
 * A `fetch` serving `routes` (keyed `"METHOD https://host/path"`, query left out) and
 * recording every request; an unknown route is a 404 the test sees in `seen`.
 */
export function router(routes: Record<string, Route>) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const record = {
      method: request.method,
      url,
      headers: request.headers,
      form: new URLSearchParams(request.method === "GET" ? "" : await request.text()),
    };
    seen.push(record);
    const route = routes[`${request.method} ${url.origin}${url.pathname}`];
    return route ? await route(record) : new Response("no such route", { status: 404 });
  };
  return { fetch, seen };
}

/** The bearer token of a request, or `undefined`. */
export function bearer(headers: Headers): string | undefined {
  return /^Bearer (.+)$/i.exec(headers.get("authorization") ?? "")?.[1];
}

/** An RFC 6749 §5.2 error answer. */
export function oauthError(error: string, status = 400): Response {
  return Response.json({ error }, { status });
}

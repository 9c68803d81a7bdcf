/**
 * Signing the JWTs a client sends (RFC 7519, RFC 7515 compact form) with WebCrypto: client
 * assertions (RFC 7523) and, later, DPoP proofs. The algorithm always follows from the key,
 * never from input.
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "../_encoding.ts";

/** A key and the JWS algorithm it signs with. */
export interface JwsKey {
  alg: string;
  key: CryptoKey;
  params: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
}

const utf8 = new TextEncoder();
const HASH_BITS: Record<string, string> = { "SHA-256": "256", "SHA-384": "384", "SHA-512": "512" };
const CURVES: Record<string, { alg: string; hash: string }> = {
  "P-256": { alg: "ES256", hash: "SHA-256" },
  "P-384": { alg: "ES384", hash: "SHA-384" },
  "P-521": { alg: "ES512", hash: "SHA-512" },
};

/**
 * The JWS algorithm of a private `CryptoKey`: RS*, PS*, ES* or EdDSA. Anything else (a public
 * key, a key without the sign usage, an unknown algorithm) is a `TypeError` naming `option`.
 */
export function jwsKey(key: CryptoKey, option: string): JwsKey {
  const usable = key.type === "private" && key.usages.includes("sign");
  const algorithm = key.algorithm as KeyAlgorithm & {
    hash?: { name: string };
    namedCurve?: string;
  };
  const bits = HASH_BITS[algorithm.hash?.name ?? ""];
  if (usable && algorithm.name === "RSASSA-PKCS1-v1_5" && bits) {
    return { alg: `RS${bits}`, key, params: { name: algorithm.name } };
  }
  if (usable && algorithm.name === "RSA-PSS" && bits) {
    return {
      alg: `PS${bits}`,
      key,
      params: { name: algorithm.name, saltLength: Number(bits) / 8 },
    };
  }
  const curve = CURVES[algorithm.namedCurve ?? ""];
  if (usable && algorithm.name === "ECDSA" && curve) {
    return { alg: curve.alg, key, params: { name: "ECDSA", hash: curve.hash } };
  }
  if (usable && algorithm.name === "Ed25519") {
    return { alg: "EdDSA", key, params: { name: "Ed25519" } };
  }
  throw new TypeError(
    `${option} must be a private signing CryptoKey for RS256/384/512, PS256/384/512, ES256/384/512 or Ed25519`,
  );
}

/** An HS256 key from a shared secret (RFC 7518 §3.2), for `client_secret_jwt`. */
export async function hs256Key(secret: string): Promise<JwsKey> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return { alg: "HS256", key, params: { name: "HMAC" } };
}

function part(value: unknown): string {
  return encodeBase64urlNoPadding(utf8.encode(JSON.stringify(value)));
}

/** Signs a JWT in compact form: `header.payload.signature`, each base64url. */
export async function signJwt(
  signer: JwsKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const input = `${part({ ...header, alg: signer.alg })}.${part(payload)}`;
  const signature = await crypto.subtle.sign(signer.params, signer.key, utf8.encode(input));
  return `${input}.${encodeBase64urlNoPadding(new Uint8Array(signature))}`;
}

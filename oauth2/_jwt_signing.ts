/**
 * Signing the JWTs a client sends (RFC 7519: client assertions, DPoP proofs) on WebCrypto, and
 * the private keys it signs with (`privateKey`, the `dpop` key pair), checked when the client is
 * made: which JWS algorithm each one signs with (RFC 7518, RFC 8037). Verifying is `_jose.ts`'s.
 *
 * @module
 */
import { encodeBase64urlNoPadding } from "../_encoding.ts";
import { typeOf } from "../_transport.ts";

/** A key and the JWS algorithm it signs with. */
export interface JwsKey {
  alg: string;
  key: CryptoKey;
  params: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
}

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

/** The signer of a DPoP key pair (RFC 9449), or a `TypeError` for anything but a key pair. */
export function dpopSigner(pair: CryptoKeyPair): JwsKey {
  if (
    typeof pair !== "object" || pair === null || !(pair.publicKey instanceof CryptoKey) ||
    pair.publicKey.type !== "public"
  ) {
    throw new TypeError(`dpop must be a CryptoKeyPair (ES256 by default), got ${typeOf(pair)}`);
  }
  return jwsKey(pair.privateKey, "dpop.privateKey");
}

const utf8 = /* @__PURE__ */ new TextEncoder();

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

/**
 * JWS on WebCrypto alone. Signing the JWTs a client sends (RFC 7519: client assertions, DPoP
 * proofs), and verifying a compact JWS (RFC 7515) with a public JWK (RFC 7517): the
 * asymmetric algorithms of RFC 7518 and RFC 8037 only. `none` and the HMAC algorithms are
 * refused, and a key is used only with the algorithm its type and curve allow, so that one
 * kind of key can never verify as another (the algorithm confusion of CVE-2024-37568).
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { decodeBase64urlNoPadding, encodeBase64urlNoPadding } from "../_encoding.ts";

/** A JWS in its three parts, the header and payload decoded. */
export interface DecodedJws {
  header: { alg: string; kid?: string; [member: string]: unknown };
  payload: Record<string, unknown>;
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/** What WebCrypto needs for one JWS algorithm, and the keys it may be used with. */
interface Algorithm {
  kty: "RSA" | "EC" | "OKP";
  crv?: string;
  importParams: RsaHashedImportParams | EcKeyImportParams | AlgorithmIdentifier;
  verifyParams: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  /** The hash of `at_hash` and `c_hash` (OpenID Connect Core §3.1.3.6). */
  hash: "SHA-256" | "SHA-384" | "SHA-512";
}

// Marked free of side effects so that a bundle that verifies nothing drops the table below.
/* @__NO_SIDE_EFFECTS__ */
const rsa = (name: string, bits: 256 | 384 | 512, saltLength?: number): Algorithm => ({
  kty: "RSA",
  importParams: { name, hash: `SHA-${bits}` },
  verifyParams: saltLength === undefined ? { name } : { name, saltLength },
  hash: `SHA-${bits}`,
});
/* @__NO_SIDE_EFFECTS__ */
const ec = (crv: string, bits: 256 | 384 | 512): Algorithm => ({
  kty: "EC",
  crv,
  importParams: { name: "ECDSA", namedCurve: crv },
  verifyParams: { name: "ECDSA", hash: `SHA-${bits}` },
  hash: `SHA-${bits}`,
});

/** The algorithms an ID token may be signed with. */
export const JWS_ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  RS256: rsa("RSASSA-PKCS1-v1_5", 256),
  RS384: rsa("RSASSA-PKCS1-v1_5", 384),
  RS512: rsa("RSASSA-PKCS1-v1_5", 512),
  PS256: rsa("RSA-PSS", 256, 32),
  PS384: rsa("RSA-PSS", 384, 48),
  PS512: rsa("RSA-PSS", 512, 64),
  ES256: ec("P-256", 256),
  ES384: ec("P-384", 384),
  ES512: ec("P-521", 512),
  EdDSA: {
    kty: "OKP",
    crv: "Ed25519",
    importParams: { name: "Ed25519" },
    verifyParams: { name: "Ed25519" },
    hash: "SHA-512",
  },
};

const malformed = (what: string) =>
  new OAuthError("invalid_id_token", `the ID token is not a well-formed JWS: ${what}`);

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(decodePart(part, what)));
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    throw malformed(`its ${what} is not JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed(`its ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function decodePart(part: string, what: string): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase64urlNoPadding(part);
  if (bytes === undefined) throw malformed(`its ${what} is not base64url without padding`);
  return bytes;
}

/** Splits and decodes a compact JWS; a JWE (five parts) or anything else is refused. */
export function decodeJws(jws: string): DecodedJws {
  const parts = jws.split(".");
  if (parts.length !== 3) throw malformed(`${parts.length} parts instead of 3`);
  const header = decodeJson(parts[0], "header");
  if (typeof header.alg !== "string") throw malformed("its header has no alg");
  if (header.crit !== undefined) throw malformed("it has critical extensions (RFC 7515 §4.1.11)");
  return {
    header: header as DecodedJws["header"],
    payload: decodeJson(parts[1], "payload"),
    signingInput: new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
    signature: decodePart(parts[2], "signature"),
  };
}

/** The algorithm of a JWS, or `invalid_signature` for one this client does not accept. */
export function jwsAlgorithm(alg: string): Algorithm {
  const algorithm = Object.hasOwn(JWS_ALGORITHMS, alg) ? JWS_ALGORITHMS[alg] : undefined;
  if (algorithm === undefined) {
    throw new OAuthError(
      "invalid_signature",
      `the ID token is signed with ${
        alg === "none" ? "no signature" : "an algorithm"
      } this client does not accept (${Object.keys(JWS_ALGORITHMS).join(", ")})`,
    );
  }
  return algorithm;
}

/** Whether a JWK may verify the algorithm: its type, curve, use and alg all allow it. */
export function keyFits(jwk: JsonWebKey & { kid?: string; use?: string }, alg: string): boolean {
  const algorithm = JWS_ALGORITHMS[alg];
  return jwk.kty === algorithm.kty &&
    (algorithm.crv === undefined || jwk.crv === algorithm.crv) &&
    (jwk.use === undefined || jwk.use === "sig") &&
    (jwk.alg === undefined || jwk.alg === alg) &&
    (jwk.key_ops === undefined || jwk.key_ops.includes("verify"));
}

/** Imports a public JWK for one algorithm; private members are ignored, never imported. */
export async function importVerifyKey(jwk: JsonWebKey, alg: string): Promise<CryptoKey> {
  const { kty, crv, n, e, x, y } = jwk;
  const publicOnly = Object.fromEntries(
    Object.entries({ kty, crv, n, e, x, y }).filter(([, value]) => value !== undefined),
  );
  return await crypto.subtle.importKey(
    "jwk",
    publicOnly,
    jwsAlgorithm(alg).importParams,
    false,
    ["verify"],
  );
}

/** Whether the signature verifies with the key. */
export async function verifySignature(jws: DecodedJws, key: CryptoKey): Promise<boolean> {
  const { verifyParams } = jwsAlgorithm(jws.header.alg);
  // ECDSA signatures in JWS are the raw r‖s of RFC 7518 §3.4, which is what WebCrypto takes.
  return await crypto.subtle.verify(verifyParams, key, jws.signature, jws.signingInput);
}

/** A key and the JWS algorithm it signs with. */
export interface JwsKey {
  alg: string;
  key: CryptoKey;
  params: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
}

const utf8 = /* @__PURE__ */ new TextEncoder();
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

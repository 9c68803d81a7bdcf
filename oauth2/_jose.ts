/**
 * JWS on WebCrypto alone: verifying a compact JWS (RFC 7515) with a public JWK (RFC 7517), the
 * asymmetric algorithms of RFC 7518 and RFC 8037 only (signing is `_jwt_signing.ts`'s). `none`
 * and the HMAC algorithms are refused, and a key is used only with the algorithm its type and
 * curve allow, so that one kind of key can never verify as another (the algorithm confusion of
 * CVE-2024-37568).
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { decodeBase64urlNoPadding } from "../_encoding.ts";

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

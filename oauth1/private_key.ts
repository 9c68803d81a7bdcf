/**
 * The `privateKey` option of the `RSA-*` methods, checked when the client is made, so that a
 * wrong key is a synchronous `TypeError`: a `CryptoKey` must be an RSASSA-PKCS1-v1_5 signing key
 * for the method's hash, and a PEM string an unencrypted RSA private key in valid base64. The
 * key is imported into WebCrypto on first use (`rsa_key.ts`).
 *
 * @module
 */
import { decodeBase64 } from "../_encoding.ts";
import { typeOf } from "../_transport.ts";
import { RSA_HASHES, type RsaMethod } from "./method_names.ts";

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]+)-----END \1-----/;

/**
 * The DER of a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE
 * KEY`, what most OAuth 1.0a users hold).
 */
export interface PemPrivateKey {
  format: "pkcs8" | "pkcs1";
  der: Uint8Array<ArrayBuffer>;
}

/**
 * Reads a PEM private key into DER, or throws a `TypeError` naming `privateKey`. Encrypted
 * keys, public keys and certificates are refused with a hint.
 */
export function readPemPrivateKey(pem: string): PemPrivateKey {
  const match = PEM.exec(pem);
  if (!match) {
    throw new TypeError(
      "privateKey must be a PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)",
    );
  }
  const [, label, base64] = match;
  if (label !== "PRIVATE KEY" && label !== "RSA PRIVATE KEY") {
    throw new TypeError(
      `privateKey must be an unencrypted RSA private key (PKCS#8 or PKCS#1 PEM), got a "${label}" block`,
    );
  }
  const der = decodeBase64(base64.replace(/\s+/g, ""));
  if (der === undefined) throw new TypeError("privateKey PEM holds invalid base64");
  return { format: label === "RSA PRIVATE KEY" ? "pkcs1" : "pkcs8", der };
}

/**
 * Checks a caller's private key for `method`: a usable `CryptoKey` is returned as it is, a PEM
 * string as its DER; anything else is a `TypeError`.
 */
export function checkPrivateKey(privateKey: unknown, method: RsaMethod): CryptoKey | PemPrivateKey {
  if (privateKey instanceof CryptoKey) {
    assertUsableKey(privateKey, RSA_HASHES[method], method);
    return privateKey;
  }
  if (typeof privateKey !== "string") {
    throw new TypeError(
      `privateKey is required for ${method}: a CryptoKey or a PEM string, got ${
        typeOf(privateKey)
      }`,
    );
  }
  return readPemPrivateKey(privateKey);
}

function assertUsableKey(key: CryptoKey, hash: string, method: RsaMethod): void {
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm;
  if (
    key.type !== "private" || algorithm.name !== "RSASSA-PKCS1-v1_5" ||
    algorithm.hash?.name !== hash || !key.usages.includes("sign")
  ) {
    throw new TypeError(
      `privateKey for ${method} must be an RSASSA-PKCS1-v1_5 private key with hash ${hash} and the "sign" usage`,
    );
  }
}

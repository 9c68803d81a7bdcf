/**
 * RSA private keys for the `RSA-*` signature methods, imported into WebCrypto on first use: a
 * `CryptoKey` as it is, a PKCS#8 PEM (`BEGIN PRIVATE KEY`) or a PKCS#1 PEM (`BEGIN RSA PRIVATE
 * KEY`; WebCrypto cannot import it directly, so it is wrapped into PKCS#8 first). The checks
 * that throw when the client is made are in `private_key.ts`.
 *
 * @module
 */
import { RSA_HASHES, type RsaMethod } from "./method_names.ts";
import { checkPrivateKey, type PemPrivateKey, readPemPrivateKey } from "./private_key.ts";

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL } and version 0 of a
// PKCS#8 PrivateKeyInfo (RFC 5208 §5), in DER.
const PKCS8_VERSION = [0x02, 0x01, 0x00];
const RSA_ALGORITHM = [
  0x30,
  0x0d,
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x01,
  0x01,
  0x05,
  0x00,
];

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function derElement(tag: number, content: Uint8Array | number[]): Uint8Array<ArrayBuffer> {
  const header = [tag, ...derLength(content.length)];
  const element = new Uint8Array(header.length + content.length);
  element.set(header);
  element.set(content, header.length);
  return element;
}

/** Wraps a PKCS#1 `RSAPrivateKey` into a PKCS#8 `PrivateKeyInfo` (both DER). */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const octetString = derElement(0x04, pkcs1);
  const body = new Uint8Array(PKCS8_VERSION.length + RSA_ALGORITHM.length + octetString.length);
  body.set(PKCS8_VERSION);
  body.set(RSA_ALGORITHM, PKCS8_VERSION.length);
  body.set(octetString, PKCS8_VERSION.length + RSA_ALGORITHM.length);
  return derElement(0x30, body);
}

/**
 * Reads a PEM private key into PKCS#8 DER, or throws a `TypeError` naming `privateKey`.
 * Encrypted keys, public keys and certificates are refused with a hint.
 */
export function pemToPkcs8(pem: string): Uint8Array<ArrayBuffer> {
  return pkcs8Of(readPemPrivateKey(pem));
}

function pkcs8Of({ format, der }: PemPrivateKey): Uint8Array<ArrayBuffer> {
  return format === "pkcs1" ? pkcs1ToPkcs8(der) : der;
}

/**
 * Checks a caller's private key synchronously and returns a function that imports it (once)
 * for the hash of `method`. A `CryptoKey` must be an RSASSA-PKCS1-v1_5 private signing key
 * for that hash.
 */
export function prepareRsaKey(privateKey: unknown, method: RsaMethod): () => Promise<CryptoKey> {
  return importRsaKey(checkPrivateKey(privateKey, method), method);
}

/**
 * A function that imports, once, a key `checkPrivateKey` accepted, for the hash of `method`.
 */
export function importRsaKey(
  key: CryptoKey | PemPrivateKey,
  method: RsaMethod,
): () => Promise<CryptoKey> {
  if (key instanceof CryptoKey) {
    const ready = Promise.resolve(key);
    return () => ready;
  }
  const pkcs8 = pkcs8Of(key);
  let imported: Promise<CryptoKey> | undefined;
  return () =>
    imported ??= crypto.subtle.importKey(
      "pkcs8",
      pkcs8,
      { name: "RSASSA-PKCS1-v1_5", hash: RSA_HASHES[method] },
      false,
      ["sign"],
    ).catch((cause) => {
      throw new TypeError("privateKey is not a valid RSA private key", { cause });
    });
}

/**
 * What `OAuth1Client` loads on first use, with one `import()`: the request signer, the signature
 * methods and their hashes, the import of RSA keys and the reading of credentials responses.
 * Only the client's synchronous parts load with the root entry, so that a cold start of an
 * OAuth 2.0 app does not compile OAuth 1.0a's signing code.
 *
 * @module
 */
export { signRequest } from "./_signing.ts";
export { hmacSigner, plaintextSigner, rsaSigner } from "./signature_methods.ts";
export { importRsaKey } from "./rsa_key.ts";
export { sha1BodyHash } from "./body_hash.ts";
export { assertCallbackConfirmed, readCredentialsResponse } from "./credentials.ts";

/**
 * OAuth 2.0 (RFC 6749 and its extensions). The client arrives with the OAuth 2.0 core; this
 * entry point exists now so that the package's export map is stable.
 *
 * @module
 */
export {};

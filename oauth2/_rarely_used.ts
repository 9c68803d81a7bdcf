/**
 * What `OAuth2Client` loads on first use of a part few clients use, with one `import()`: ID
 * tokens and discovery (OpenID Connect), DPoP, the device flow, revocation and introspection,
 * profiles, multi-tenant issuers, `WWW-Authenticate` challenges. One module rather than one per
 * part: a bundle split into chunks, as the npm build is, gives every set of these that shares a
 * file of the client its own chunk for the root to load, and each file loaded costs a cold start
 * more than its bytes do.
 *
 * @module
 */
export { acceptIdToken } from "./id_token.ts";
// clearDiscoveryCache too, so that the npm build's other entries take from this module's chunk
// the discovery cache that OAuth2Client.discover fills, rather than a copy of their own.
export { clearDiscoveryCache, discoverMetadata } from "./discovery.ts";
export { callbackIssuerCheck } from "./issuer_template.ts";
export {
  proverOf,
  rememberingNonces,
  requestBoundToken,
  resourceAsksForNonce,
  withProof,
} from "./dpop.ts";
export { deviceParameters, pollForToken, readDeviceAuthorization, sleep } from "./device.ts";
export { chooseToken, introspect, revoke } from "./revoke_and_introspect.ts";
export { readProfile } from "./profile.ts";
export { parseWwwAuthenticate } from "./www_authenticate.ts";

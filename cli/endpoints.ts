/**
 * Whether the endpoints a command calls are known, from their settings or from the issuer's
 * metadata, checked before the command starts: a missing one is named by the flags that give
 * it, where the library, which knows only its own options, would name those.
 *
 * @module
 */
import type { AuthorizationServerMetadata } from "../oauth2/mod.ts";
import { type CliConfig, SETTINGS } from "./config.ts";
import { UsageError } from "./usage_error.ts";

/** The member of the server's metadata that gives each endpoint setting. */
const METADATA = {
  "authorization-endpoint": "authorization_endpoint",
  "token-endpoint": "token_endpoint",
  "device-endpoint": "device_authorization_endpoint",
  "revocation-endpoint": "revocation_endpoint",
  "introspection-endpoint": "introspection_endpoint",
} as const;

/** An endpoint a command may need. */
export type EndpointSetting = keyof typeof METADATA;

/**
 * Throws a usage error for the first of `needed` that neither its setting nor `metadata` (the
 * discovered server's, when there is an issuer) gives.
 *
 * @example
 * ```ts
 * import { requireEndpoints } from "./endpoints.ts";
 * import assert from "node:assert/strict";
 *
 * const config = { profile: "default", configDir: "/tmp", json: false, insecure: false, settings: {} };
 * assert.throws(
 *   () => requireEndpoints(config, undefined, ["token-endpoint"]),
 *   /missing --token-endpoint or --issuer/,
 * );
 * requireEndpoints(config, { issuer: "https://as.example", token_endpoint: "https://as.example/t" }, [
 *   "token-endpoint",
 * ]);
 * ```
 */
export function requireEndpoints(
  config: CliConfig,
  metadata: AuthorizationServerMetadata | undefined,
  needed: readonly EndpointSetting[],
): void {
  const missing = needed.find((name) =>
    config.settings[name] === undefined && metadata?.[METADATA[name]] === undefined
  );
  if (missing === undefined) return;
  const issuer = config.settings.issuer;
  throw new UsageError(
    issuer === undefined
      ? `missing --${missing} or --issuer (or ${SETTINGS[missing]} or ${SETTINGS.issuer}, ` +
        "or either in the profile)"
      : `the metadata of ${issuer} names no ${METADATA[missing]}: set --${missing} ` +
        `(or ${SETTINGS[missing]})`,
  );
}

/**
 * Confluence Server and Data Center with OAuth 1.0a: the same Atlassian OAuth plugin as Jira's
 * (`{baseUrl}/plugins/servlet/oauth/…`, RSA-SHA1, the consumer as an incoming application link
 * holding the app's public key).
 *
 * Documentation: {@link https://confluence.atlassian.com/display/APPLINKS051/OAuth+security+for+application+links}
 * (OAuth for the application links of every Atlassian server product, where the consumer is
 * registered) and Jira's
 * {@link https://developer.atlassian.com/server/jira/platform/oauth/ | OAuth 1.0a guide}, whose
 * endpoints and signing the Atlassian OAuth plugin shares across server products.
 *
 * Quirks: as Jira's (no consumer secret; `baseUrl` includes the context path, often
 * `/confluence`). API calls go to `{baseUrl}/rest/api/…`. Confluence 7.17 and later also offer
 * OAuth 2.0 through incoming links.
 *
 * @module
 */
import type { OAuth1Preset } from "./_oauth1_preset.ts";
import { atlassianServer, type AtlassianServerOptions } from "./jira.ts";

/**
 * Options for Confluence Server or Data Center: `OAuth1Client` options with the server's three
 * URLs and RSA-SHA1, for `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example
 * ```ts
 * import { confluence } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const { privateKey } = await crypto.subtle.generateKey(
 *   { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" },
 *   false,
 *   ["sign", "verify"],
 * );
 * const preset = confluence({ baseUrl: "https://wiki.example.com/confluence", clientKey: "my-app", privateKey });
 * assert.equal(preset.authorizeUrl, "https://wiki.example.com/confluence/plugins/servlet/oauth/authorize");
 * ```
 *
 * @param options the server's base URL, the consumer key, the private key and the callback
 */
export function confluence(options: AtlassianServerOptions): OAuth1Preset {
  return atlassianServer(options, "confluence");
}

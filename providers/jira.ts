/**
 * Jira Server and Data Center with OAuth 1.0a: the Atlassian OAuth plugin of a self-hosted
 * server at `{baseUrl}/plugins/servlet/oauth/…`, signed with RSA-SHA1.
 *
 * Documentation: {@link https://developer.atlassian.com/server/jira/platform/oauth/} (OAuth
 * 1.0a for the Jira REST API: the consumer as an incoming application link with a public key,
 * the request token, authorization and access token URLs, RSA-SHA1).
 *
 * Quirks: there is no consumer secret; Jira knows the consumer by the public key an
 * administrator pasted into the application link (with the consumer key chosen there), and the
 * app signs with the matching private key: PKCS#8 or PKCS#1 PEM, or a `CryptoKey`. `baseUrl`
 * includes the context path when Jira is served under one (`https://example.com/jira`). API
 * calls go to `{baseUrl}/rest/api/2/…`. Atlassian Cloud no longer takes OAuth 1.0a.
 *
 * @module
 */
import { parseAbsoluteUrl } from "../_transport.ts";
import { type OAuth1Preset, oauth1Preset, presetOptions } from "./_oauth1_preset.ts";

/** Options of {@linkcode jira} and `confluence`: a self-hosted Atlassian server's. */
export interface AtlassianServerOptions {
  /** The server's base URL, with its context path if any: `https://jira.example.com`. */
  baseUrl: string;
  /** The consumer key of the incoming application link. */
  clientKey: string;
  /**
   * The RSA private key whose public key the application link holds: a PKCS#8 PEM
   * (`BEGIN PRIVATE KEY`), a PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`) or a `CryptoKey` for
   * RSASSA-PKCS1-v1_5 with SHA-1.
   */
  privateKey: CryptoKey | string;
  /** Where the server sends the user back; without one the flow is out-of-band (`oob`). */
  callbackUri?: string;
}

/**
 * The options of an Atlassian server's OAuth plugin, for the preset named `preset`: the three
 * URLs under `baseUrl`, RSA-SHA1 with the caller's key.
 */
export function atlassianServer(options: AtlassianServerOptions, preset: string): OAuth1Preset {
  const { baseUrl, privateKey } = presetOptions(options, preset);
  const url = parseAbsoluteUrl(baseUrl, "baseUrl");
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new TypeError("baseUrl must be the server's URL without query, fragment or user info");
  }
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}/plugins/servlet/oauth`;
  return oauth1Preset(options, {
    requestTokenUrl: `${base}/request-token`,
    authorizeUrl: `${base}/authorize`,
    accessTokenUrl: `${base}/access-token`,
  }, { signatureMethod: "RSA-SHA1", privateKey });
}

/**
 * Options for Jira Server or Data Center: `OAuth1Client` options with the server's three URLs
 * and RSA-SHA1, for `new OAuth1Client(…)` and `registry.register(…)`.
 *
 * @example
 * ```ts
 * import { jira } from "@x/oauth/providers";
 * import { OAuth1Client } from "@x/oauth";
 * import assert from "node:assert/strict";
 *
 * const { privateKey } = await crypto.subtle.generateKey(
 *   { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" },
 *   false,
 *   ["sign", "verify"],
 * );
 * const preset = jira({ baseUrl: "https://jira.example.com/", clientKey: "my-app", privateKey });
 * assert.equal(preset.requestTokenUrl, "https://jira.example.com/plugins/servlet/oauth/request-token");
 * assert.equal(new OAuth1Client(preset).toJSON().signatureMethod, "RSA-SHA1");
 * ```
 *
 * @param options the server's base URL, the consumer key, the private key and the callback
 */
export function jira(options: AtlassianServerOptions): OAuth1Preset {
  return atlassianServer(options, "jira");
}

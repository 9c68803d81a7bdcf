/**
 * What every provider preset takes and gives: the options a preset returns are plain
 * `OAuth2ClientOptions` (or `OAuth1ClientOptions` with the three OAuth 1.0a URLs), so one value
 * works in `new OAuth2Client(…)`, `OAuth2Client.discover(…)` and `registry.register(…)`.
 *
 * @module
 */
import type { OAuth2ClientOptions } from "../oauth2/mod.ts";

/** The options every OAuth 2.0 preset takes; a preset adds its provider's own. */
export interface PresetOptions {
  /** The client id the provider issued. */
  clientId: string;
  /** The client secret, for a confidential client. */
  clientSecret?: string;
  /** The redirect URI registered with the provider. */
  redirectUri?: string;
  /** The scope to ask for, instead of the preset's default. */
  scope?: string | string[];
}

/** What an OAuth 2.0 preset returns: options for `OAuth2Client` and the registry alike. */
export type OAuth2Preset = OAuth2ClientOptions;

/**
 * The caller's options without the members that are `undefined`, so that a preset's defaults
 * are not replaced by an absent value.
 */
export function defined<T extends object>(options: T): T {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as T;
}

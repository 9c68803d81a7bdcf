/**
 * What every OAuth 1.0a preset takes and gives: `OAuth1ClientOptions` with the provider's three
 * URLs (`requestTokenUrl`, `authorizeUrl`, `accessTokenUrl`), so that one value works in
 * `new OAuth1Client(…)` and `registry.register(…)`. A provider's own authorization parameters
 * (Flickr's `perms`, Trello's `expiration`) are written into `authorizeUrl`'s query, which the
 * client keeps as written; the registry needs nothing more to send them.
 *
 * @module
 */
import { appendQueryParameters } from "../_encoding.ts";
import { expectObject, typeOf } from "../_transport.ts";
import type { OAuth1ClientOptions } from "../oauth1/mod.ts";
import { defined } from "./_preset.ts";

/** The options every OAuth 1.0a preset with a consumer secret takes; a preset adds its own. */
export interface OAuth1PresetOptions {
  /** The consumer key the provider issued (the API key, in some providers' words). */
  clientKey: string;
  /** The consumer secret the provider issued with it. */
  clientSecret: string;
  /**
   * Where the provider sends the user back after authorizing; without one the flow is
   * out-of-band (`oob`): the provider shows a code the user types into the app.
   */
  callbackUri?: string;
}

/**
 * What an OAuth 1.0a preset returns: options of `OAuth1Client` with the provider's three URLs,
 * which the client's flow steps use when given no URL of their own.
 */
export interface OAuth1Preset extends OAuth1ClientOptions {
  /** Where temporary credentials come from (RFC 5849 §2.1). */
  requestTokenUrl: string;
  /** Where the user authorizes (RFC 5849 §2.2), with the provider's own parameters. */
  authorizeUrl: string;
  /** Where token credentials come from (RFC 5849 §2.3). */
  accessTokenUrl: string;
}

/** The three URLs of a provider. */
export type OAuth1Urls = Pick<OAuth1Preset, "requestTokenUrl" | "authorizeUrl" | "accessTokenUrl">;

/**
 * A preset's options: the caller's credentials and callback, the preset's own choices
 * (`signatureMethod`, a `privateKey`), and the provider's URLs, without absent members.
 */
export function oauth1Preset(
  credentials: Pick<OAuth1ClientOptions, "clientKey" | "clientSecret" | "callbackUri">,
  urls: OAuth1Urls,
  choices: Pick<OAuth1ClientOptions, "signatureMethod" | "privateKey"> = {
    signatureMethod: "HMAC-SHA1",
  },
): OAuth1Preset {
  return defined({
    clientKey: credentials.clientKey,
    clientSecret: credentials.clientSecret,
    callbackUri: credentials.callbackUri,
    ...choices,
    ...urls,
  });
}

/** A `TypeError` naming the preset unless its options are an object. */
export function presetOptions<T>(options: T, preset: string): T {
  expectObject(options, `${preset} options`);
  return options;
}

/** `url` with the parameters that are given appended to its query, RFC 3986-encoded. */
export function withQuery(url: string, parameters: Record<string, string | undefined>): string {
  const given = Object.entries(parameters).filter((entry): entry is [string, string] =>
    entry[1] !== undefined
  );
  return appendQueryParameters(new URL(url), given).href;
}

/** `value` when it is absent or one of `allowed`; otherwise a `TypeError` naming the option. */
export function oneOf<T extends string>(
  value: T | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || allowed.includes(value)) return value;
  const got = typeof value === "string" ? JSON.stringify(value) : typeOf(value);
  throw new TypeError(`${name} must be one of ${allowed.join(", ")}, got ${got}`);
}

/**
 * Google (OpenID Connect), as "OpenID Connect | Sign in with Google" documents it
 * (https://developers.google.com/identity/openid-connect/openid-connect): the issuer
 * `https://accounts.google.com`, its endpoints and keys from its discovery document, the
 * `openid email profile` scope, PKCE, and the userinfo endpoint's standard claims for
 * `profile()`. A refresh token comes only with `access_type=offline`, and again after the first
 * consent only with `prompt=consent` ("Refresh tokens", "Authentication URI parameters"):
 * `offline: true` asks for both. `hd` limits the account chooser to a Workspace domain, which
 * is only a hint, so the ID token's `hd` claim is checked too ("Validating an ID token").
 *
 * @module
 */
import { OAuthError } from "../errors.ts";
import { decodeJws } from "../oauth2/_jose.ts";
import type { Hooks, ResponseHook } from "../_hooks.ts";
import { rewriteSuccessJson } from "../hooks/_rewrite.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";

/** Options of {@linkcode google}. */
export interface GoogleOptions extends PresetOptions {
  /**
   * Ask for a refresh token: `access_type=offline` and `prompt=consent` on every authorization
   * URL (Google gives the refresh token on the first consent only, and `prompt=consent` asks
   * again).
   */
  offline?: boolean;
  /**
   * A Google Workspace domain (`example.com`), or `*` for any Workspace account: sent as `hd`
   * to narrow the account chooser, and required of the ID token's `hd` claim, since the
   * parameter alone is a hint that a user can remove. The check is the preset's `hooks`: to
   * add hooks of your own, keep it (`hooks: [preset.hooks!, yours]`).
   */
  hd?: string;
}

const ISSUER = "https://accounts.google.com";

/**
 * Options for Google's OpenID Connect: `new OAuth2Client(google({ … }))`,
 * `OAuth2Client.discover("https://accounts.google.com", google({ … }))` or
 * `registry.register("google", google({ … }))`.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { google } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(google({
 *   clientId: "123.apps.googleusercontent.com",
 *   clientSecret: "secret",
 *   redirectUri: "https://app.example/callback",
 *   offline: true,
 * }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://accounts.google.com/o/oauth2/v2/auth");
 * assert.equal(url.searchParams.get("scope"), "openid email profile");
 * assert.equal(url.searchParams.get("access_type"), "offline");
 * assert.equal(url.searchParams.get("prompt"), "consent");
 * ```
 */
export function google(options: GoogleOptions): OAuth2Preset {
  const { offline, hd, ...rest } = options;
  if (offline !== undefined && typeof offline !== "boolean") {
    throw new TypeError("google() offline must be a boolean");
  }
  if (hd !== undefined && (typeof hd !== "string" || !/^(\*|[a-z0-9.-]+)$/i.test(hd))) {
    throw new TypeError("google() hd must be a domain such as example.com, or *");
  }
  return {
    issuer: ISSUER,
    authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenEndpoint: "https://oauth2.googleapis.com/token",
    userinfoEndpoint: "https://openidconnect.googleapis.com/v1/userinfo",
    revocationEndpoint: "https://oauth2.googleapis.com/revoke",
    deviceAuthorizationEndpoint: "https://oauth2.googleapis.com/device/code",
    jwksUri: "https://www.googleapis.com/oauth2/v3/certs",
    scope: "openid email profile",
    pkce: "S256",
    authorizationParams: {
      ...(offline ? { access_type: "offline", prompt: "consent" } : {}),
      ...(hd === undefined ? {} : { hd }),
    },
    ...(hd === undefined ? {} : { hooks: hostedDomain(hd) }),
    ...defined(rest),
  };
}

/**
 * Refuses a token response whose ID token is not of the Workspace domain `hd`. It reads the ID
 * token before the client validates it; the client then checks its signature, so a token that
 * passes both carries the claim that was checked.
 */
function hostedDomain(hd: string): Hooks {
  const check: ResponseHook = (response) =>
    rewriteSuccessJson(response, (body) => {
      if (typeof body.id_token !== "string") return body;
      let claim: unknown;
      try {
        claim = decodeJws(body.id_token).payload.hd;
      } catch {
        return body; // the client's own validation reports a malformed ID token
      }
      if (hd === "*" ? typeof claim !== "string" : claim !== hd) {
        throw new OAuthError(
          "invalid_id_token",
          `the ID token's hd is ${
            typeof claim === "string" ? JSON.stringify(claim) : "missing"
          }, expected ${
            hd === "*" ? "a Workspace domain" : JSON.stringify(hd)
          } (Google: validate hd)`,
        );
      }
      return body;
    });
  return { accessTokenResponse: [check], refreshTokenResponse: [check] };
}

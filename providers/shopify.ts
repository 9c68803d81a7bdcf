/**
 * Shopify apps, per shop: the endpoints are on the shop's own `<name>.myshopify.com` host, which
 * the preset checks against Shopify's documented pattern, as the shop name comes from the
 * request (a hostile `evil.com#.myshopify.com` would send the secret elsewhere). The token
 * response has no `token_type` and lists scopes with commas; the Admin API takes the token as
 * `X-Shopify-Access-Token` (the `shopify` hook); there is no PKCE. Shopify Dev Docs,
 * "Authorization code grant" (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant)
 * and the Admin REST API's `Shop` resource.
 *
 * @module
 */
import { shopify as shopifyHooks } from "../hooks/mod.ts";
import type { ProfileReader } from "../oauth2/mod.ts";
import { defined, type OAuth2Preset, type PresetOptions } from "./_preset.ts";
import { clientAuthentication, commaScope } from "./_options.ts";
import { objectAt, profileOf } from "./_profile.ts";

/** Options of {@linkcode shopify}. */
export interface ShopifyOptions extends PresetOptions {
  /** The shop's host, `<name>.myshopify.com`. */
  shop: string;
  /** `online` asks for a token bound to the signed-in staff member (`grant_options[]=per-user`). */
  accessMode?: "offline" | "online";
  /** The Admin API version the profile is read with; default `2025-07`. */
  apiVersion?: string;
}

// Shopify's pattern for the `shop` parameter.
const SHOP = /^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/;

function readShop(shop: string, version: string): ProfileReader {
  return async ({ getJson }) => {
    const answer = await getJson(`https://${shop}/admin/api/${version}/shop.json`);
    const found = objectAt(answer.shop);
    return profileOf(answer, { id: found.id, email: found.email, name: found.name });
  };
}

/**
 * Shopify: the shop's endpoints, `client_secret_post`, no PKCE, the `shopify` fix, a scope list
 * joined with commas (no default: give your app's access scopes). The profile is the shop's
 * (`shop.json`): an app installs on a shop, not on a person.
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "@x/oauth";
 * import { shopify } from "@x/oauth/providers";
 * import assert from "node:assert/strict";
 *
 * const client = new OAuth2Client(shopify({
 *   clientId: "app",
 *   clientSecret: "secret",
 *   redirectUri: "https://app.example/callback",
 *   shop: "example.myshopify.com",
 *   scope: ["read_products", "read_orders"],
 * }));
 * const { url } = await client.authorizationUrl();
 * assert.equal(url.origin + url.pathname, "https://example.myshopify.com/admin/oauth/authorize");
 * assert.equal(url.searchParams.get("scope"), "read_products,read_orders");
 * assert.throws(() => shopify({ clientId: "app", clientSecret: "s", shop: "evil.com#.myshopify.com" }), TypeError);
 * ```
 */
export function shopify(options: ShopifyOptions): OAuth2Preset {
  const { shop, accessMode = "offline", apiVersion = "2025-07", ...rest } = options;
  if (typeof shop !== "string" || !SHOP.test(shop)) {
    throw new TypeError("shopify() needs shop as <name>.myshopify.com");
  }
  if (accessMode !== "offline" && accessMode !== "online") {
    throw new TypeError('shopify() needs accessMode as "offline" or "online"');
  }
  if (typeof apiVersion !== "string" || !/^\d{4}-\d{2}$/.test(apiVersion)) {
    throw new TypeError('shopify() needs apiVersion as a version such as "2025-07"');
  }
  const host = shop.toLowerCase();
  return {
    authorizationEndpoint: `https://${host}/admin/oauth/authorize`,
    tokenEndpoint: `https://${host}/admin/oauth/access_token`,
    clientAuthentication: clientAuthentication(
      rest.clientSecret,
      "client_secret_post",
      "shopify",
      true,
    ),
    pkce: false,
    ...(accessMode === "online" ? { authorizationParams: { "grant_options[]": "per-user" } } : {}),
    hooks: shopifyHooks,
    profile: readShop(host, apiVersion),
    ...defined({ ...rest, scope: commaScope(rest.scope) }),
  };
}

import assert from "node:assert/strict";
import { OAuthError } from "../../mod.ts";
import { shopify as shopifyHooks } from "../../hooks/mod.ts";
import { shopify } from "../../providers/mod.ts";
import { codeFlow, emulate, type ProviderSpec } from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };
const SHOP = "example.myshopify.com";

function spec(authorizationParams?: Record<string, string>): ProviderSpec {
  return {
    name: "Shopify",
    ...CLIENT,
    authorizationEndpoint: `https://${SHOP}/admin/oauth/authorize`,
    tokenEndpoint: `https://${SHOP}/admin/oauth/access_token`,
    clientAuth: ["post"],
    scopeSeparator: ",",
    pkce: "unsupported",
    authorizationParams,
    // No token_type, no expiry, no refresh token: the scope granted, comma-separated.
    tokenResponse: ({ access_token, scope }) => ({ access_token, scope }),
    apiToken: (request) => request.headers.get("x-shopify-access-token") ?? undefined,
    api: {
      [`https://${SHOP}/admin/api/2025-07/shop.json`]: () =>
        Response.json({
          shop: { id: 548380009, name: "Example shop", email: "owner@example.com" },
        }),
    },
  };
}

Deno.test("shopify installs on a shop and reads it with X-Shopify-Access-Token against an emulated shop", async () => {
  const preset = shopify({ ...CLIENT, shop: SHOP, scope: ["read_products", "read_orders"] });
  const flow = await codeFlow(preset, await emulate(spec()), { refresh: false });
  assert.equal(flow.request.url.searchParams.get("scope"), "read_products,read_orders");
  assert.equal(flow.token.token_type, "Bearer");
  assert.equal(flow.token.scope, "read_products read_orders");
  assert.deepEqual({ ...flow.profile, raw: undefined }, {
    id: "548380009",
    email: "owner@example.com",
    name: "Example shop",
    raw: undefined,
  });
});

Deno.test("shopify asks for an online token per user", async () => {
  const preset = shopify({ ...CLIENT, shop: SHOP, scope: "read_products", accessMode: "online" });
  const flow = await codeFlow(preset, await emulate(spec({ "grant_options[]": "per-user" })), {
    refresh: false,
  });
  assert.equal(flow.request.url.searchParams.get("grant_options[]"), "per-user");
});

Deno.test("shopify without its hook cannot read Shopify's token, which has no token_type", async () => {
  const preset = shopify({ ...CLIENT, shop: SHOP, scope: "read_products" });
  await assert.rejects(
    codeFlow({ ...preset, hooks: [] }, await emulate(spec()), { refresh: false }),
    (error) => error instanceof OAuthError && error.code === "invalid_response",
  );
});

Deno.test("shopify refuses every shop that is not <name>.myshopify.com", () => {
  for (
    const shop of [
      "evil.com#.myshopify.com",
      "evil.com/.myshopify.com",
      "evil.com?.myshopify.com",
      "evil.com\\.myshopify.com",
      "user@example.myshopify.com",
      "example.myshopify.com.evil.com",
      "example.myshopify.com:444",
      "-example.myshopify.com",
      "example.myshopify.com.",
      "https://example.myshopify.com",
      ".myshopify.com",
      "",
    ]
  ) {
    assert.throws(() => shopify({ ...CLIENT, shop }), TypeError, shop);
  }
  assert.throws(
    () => shopify({ ...CLIENT, shop: SHOP, accessMode: "per-user" as "online" }),
    TypeError,
  );
  assert.throws(() => shopify({ ...CLIENT, shop: SHOP, apiVersion: "latest" }), TypeError);
  assert.throws(() => shopify({ clientId: "app", shop: SHOP }), TypeError);
});

Deno.test("shopify's hook leaves a request without a Bearer token alone", async () => {
  const [hook] = shopifyHooks.protectedRequest!;
  const request = new Request(`https://${SHOP}/admin/api/2025-07/shop.json`);
  assert.equal(await hook(request), request);
});

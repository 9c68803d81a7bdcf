/**
 * What every preset shares (providers/_preset.ts): the caller's options pass through without
 * their absent members, and none of them silently replaces what the preset chose to handle its
 * provider.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { github, google, okta } from "../../providers/mod.ts";

Deno.test("a preset given one of its own choices (hooks, pkce, …) is a TypeError naming it; its result can be changed", async () => {
  const choices: [string, unknown][] = [["hooks", {}], ["pkce", false], [
    "authorizationParams",
    {},
  ]];
  for (const [name, value] of choices) {
    assert.throws(() => google({ clientId: "app", [name]: value } as never), {
      name: "TypeError",
      message: new RegExp(`^a preset takes no ${name}: set it on the preset's result`),
    });
  }
  // Google's hd check lives in its hooks: they are combined, never replaced unnoticed.
  const preset = google({ clientId: "app", hd: "example.com" });
  const combined = { ...preset, hooks: [preset.hooks ?? [], {}].flat() };
  assert.equal((combined.hooks as unknown[]).length, 2);
  const { url } = await new OAuth2Client({ ...preset, pkce: false }).authorizationUrl();
  assert.equal(url.searchParams.get("code_challenge"), null);
});

Deno.test("an absent option leaves the preset's default: undefined never replaces it", () => {
  assert.equal(
    github({ clientId: "app", clientSecret: "s", scope: undefined }).scope,
    "read:user user:email",
  );
  const preset = okta({ clientId: "app", domain: "dev-1.okta.com", redirectUri: undefined });
  assert.equal("redirectUri" in preset, false);
});

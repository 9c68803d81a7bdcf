/**
 * Every provider fix against its provider's documented quirky response or request
 * (`tests/fixtures/providers/*.json`), through a real OAuth2Client and a loopback server: the
 * fix gives the normalised token (or the typed error); without it, the strict core refuses.
 */
import assert from "node:assert/strict";
import { OAuthResponseError } from "../../errors.ts";
import * as fixes from "../../hooks/mod.ts";
import type { Hooks } from "../../hooks/mod.ts";
import { loopbackProvider, protectedOutcome, PROVIDERS, tokenOutcome } from "./_provider_cases.ts";

for (const provider of PROVIDERS) {
  const hooks = (fixes as unknown as Record<string, Hooks>)[provider.fix];
  for (const item of provider.cases) {
    Deno.test(`${provider.fix}: ${item.name}`, async () => {
      await using server = await loopbackProvider(item.response);
      if (item.point === "protected_request") {
        const seen = await protectedOutcome(server, item, hooks);
        const expected = item.expected.request!;
        assert.deepEqual([...seen.url.searchParams], expected.query);
        assert.equal(seen.authorization, expected.authorization);
        if (expected.form) assert.deepEqual([...new URLSearchParams(seen.body)], expected.form);
        return;
      }
      const fixed = await tokenOutcome(server.base, item, hooks);
      if (item.expected.token) {
        assert.ok(fixed.token, `expected a token, got ${fixed.error}`);
        const expected = { ...item.expected.token };
        if (item.point === "refresh_token_response") expected.refresh_token ??= "r-old";
        assert.deepEqual(fixed.token, expected);
      } else {
        assert.ok(fixed.error, "expected an error");
        assert.equal(fixed.error.code, item.expected.error!.code);
        if (item.expected.error!.errorDescription !== undefined) {
          assert.ok(fixed.error instanceof OAuthResponseError);
          assert.equal(fixed.error.errorDescription, item.expected.error!.errorDescription);
        }
      }
      const strict = await tokenOutcome(server.base, item);
      if (item.withoutHook === "accepted") {
        assert.ok(strict.token, "the core accepts this response without the fix");
      } else {
        assert.ok(strict.error, "without the fix, the strict core refuses the quirk");
        assert.equal(strict.error.code, item.withoutHook!.code);
      }
    });
  }
}

Deno.test("there are provider fixtures for every fix of requests-oauthlib, and then some", () => {
  const covered = new Set(PROVIDERS.map((provider) => provider.fix));
  for (
    const name of [
      "facebook",
      "fitbit",
      "mailchimp",
      "plentymarkets",
      "weibo",
      "douban",
      "linkedin",
      "slack",
      "instagram",
      "ebay",
      "github",
    ]
  ) {
    assert.ok(covered.has(name), name);
  }
});

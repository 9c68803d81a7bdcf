/**
 * Every provider fix against its provider's documented quirky response or request
 * (`tests/fixtures/providers/*.json`), through a real OAuth2Client and a loopback server: the
 * fix gives the normalised token (or the typed error); without it, the strict core refuses.
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import * as fixes from "../../hooks/mod.ts";
import type { Hooks } from "../../hooks/mod.ts";
import { loopbackProvider, type ProviderCase, PROVIDERS } from "./_provider_cases.ts";

const NOW = 1_700_000_000_000;

type Outcome = { token: Record<string, unknown>; error?: undefined } | {
  error: OAuthError;
  token?: undefined;
};

async function tokenOutcome(base: string, item: ProviderCase, hooks?: Hooks): Promise<Outcome> {
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: "secret",
    tokenEndpoint: `${base}/token`,
    token: { access_token: "old", token_type: "Bearer", refresh_token: "r-old" },
    now: () => NOW,
    ...(hooks ? { hooks } : {}),
  });
  try {
    const token = item.point === "refresh_token_response"
      ? await client.refreshToken()
      : await client.fetchToken({ grantType: "client_credentials" });
    const { expires_at: _expiresAt, ...rest } = token;
    return { token: rest };
  } catch (error) {
    assert.ok(error instanceof OAuthError, `expected an OAuthError, got ${error}`);
    return { error };
  }
}

for (const provider of PROVIDERS) {
  const hooks = (fixes as unknown as Record<string, Hooks>)[provider.fix];
  for (const item of provider.cases) {
    Deno.test(`${provider.fix}: ${item.name}`, async () => {
      await using server = loopbackProvider(item.response);
      if (item.point === "protected_request") {
        const { method, url, headers, body } = item.request!;
        const target = new URL(url);
        const client = new OAuth2Client({ clientId: "app", token: item.token, hooks });
        const response = await client.fetch(`${server.base}${target.pathname}${target.search}`, {
          method,
          headers,
          body: body ?? undefined,
        });
        assert.equal(response.status, 200);
        const [seen] = server.seen;
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

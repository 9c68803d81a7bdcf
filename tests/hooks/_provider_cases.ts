/**
 * The provider fixtures of `tests/fixtures/providers/`, typed, a loopback provider, and the
 * outcome of one case through a real OAuth2Client (shared by the unit and differential tests).
 */
import assert from "node:assert/strict";
import { OAuth2Client } from "../../oauth2/mod.ts";
import { OAuthError } from "../../errors.ts";
import type { Hooks } from "../../hooks/mod.ts";
import { serveLoopback } from "../_loopback.ts";
import douban from "../fixtures/providers/douban.json" with { type: "json" };
import ebay from "../fixtures/providers/ebay.json" with { type: "json" };
import facebook from "../fixtures/providers/facebook.json" with { type: "json" };
import fitbit from "../fixtures/providers/fitbit.json" with { type: "json" };
import github from "../fixtures/providers/github.json" with { type: "json" };
import instagram from "../fixtures/providers/instagram.json" with { type: "json" };
import linkedin from "../fixtures/providers/linkedin.json" with { type: "json" };
import mailchimp from "../fixtures/providers/mailchimp.json" with { type: "json" };
import plentymarkets from "../fixtures/providers/plentymarkets.json" with { type: "json" };
import slack from "../fixtures/providers/slack.json" with { type: "json" };
import weibo from "../fixtures/providers/weibo.json" with { type: "json" };

export interface ProviderCase {
  name: string;
  point: "access_token_response" | "refresh_token_response" | "protected_request";
  response?: { status: number; headers: Record<string, string>; body: string };
  request?: { method: string; url: string; headers: Record<string, string>; body: string | null };
  form?: Record<string, string>;
  token?: { access_token: string; token_type: string };
  expected: {
    token?: Record<string, unknown>;
    error?: { code: string; errorDescription?: string };
    request?: {
      query: [string, string][];
      form?: [string, string][];
      authorization: string | null;
    };
  };
  withoutHook?: "accepted" | { code: string };
  requestsOauthlib?: "same" | { differs: string };
}

export interface ProviderFixture {
  source: string;
  fix: string;
  cases: ProviderCase[];
}

export const PROVIDERS = [
  douban,
  ebay,
  facebook,
  fitbit,
  github,
  instagram,
  linkedin,
  mailchimp,
  plentymarkets,
  slack,
  weibo,
] as unknown as ProviderFixture[];

/** What the loopback provider saw of a protected request. */
export interface Seen {
  url: URL;
  authorization: string | null;
  body: string;
}

/** A loopback server that answers `/token` with `response` and records everything else. */
export async function loopbackProvider(response?: ProviderCase["response"]) {
  const seen: Seen[] = [];
  const server = await serveLoopback(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/token" && response) {
      return new Response(response.body, { status: response.status, headers: response.headers });
    }
    seen.push({
      url,
      authorization: request.headers.get("authorization"),
      body: await request.text(),
    });
    return Response.json({ ok: true });
  });
  return { base: server.origin, seen, [Symbol.asyncDispose]: server.close };
}

const NOW = 1_700_000_000_000;

/** A token (without the clock-dependent `expires_at`) or the error a token request gave. */
export type Outcome = { token: Record<string, unknown>; error?: undefined } | {
  error: OAuthError;
  token?: undefined;
};

export async function tokenOutcome(
  base: string,
  item: ProviderCase,
  hooks?: Hooks,
): Promise<Outcome> {
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

/** Sends a case's protected request through a client with `hooks`; returns what arrived. */
export async function protectedOutcome(
  server: { base: string; seen: Seen[] },
  item: ProviderCase,
  hooks?: Hooks,
): Promise<Seen> {
  const { method, url, headers, body } = item.request!;
  const target = new URL(url);
  const client = new OAuth2Client({ clientId: "app", token: item.token, hooks });
  const response = await client.fetch(`${server.base}${target.pathname}${target.search}`, {
    method,
    headers,
    body: body ?? undefined,
  });
  assert.equal(response.status, 200);
  return server.seen[server.seen.length - 1];
}

/**
 * `npm run test:interop`: our provider fixes against requests-oauthlib's own compliance fixes
 * (Debian python3-requests-oauthlib, run by `compliance_fixes.py`) on the same fixtures. Where
 * the fixture says "same", the resulting tokens, errors or requests must agree; where it names
 * a difference, they must differ (so a change on either side is noticed).
 *
 * Tokens are compared on the RFC 6749 §5.1 members (token_type case-insensitively, expires_in
 * as a number, scope as a string) and on every other member both sides have; `expires_at`
 * depends on the clock and is left out.
 */
import assert from "node:assert/strict";
import * as fixes from "../../hooks/mod.ts";
import type { Hooks } from "../../hooks/mod.ts";
import {
  loopbackProvider,
  protectedOutcome,
  type ProviderCase,
  PROVIDERS,
  tokenOutcome,
} from "../hooks/_provider_cases.ts";

const RUNNER = new URL("./compliance_fixes.py", import.meta.url).pathname;
const OLD_TOKEN = { access_token: "old", token_type: "Bearer", refresh_token: "r-old" };

type Theirs = {
  token?: Record<string, unknown>;
  error?: string;
  oauthError?: string | null;
  request?: { url: string; headers: Record<string, string> | null; body: unknown };
};

async function runRequestsOAuthlib(lines: object[]): Promise<Map<string, Theirs>> {
  const child = new Deno.Command("/usr/bin/python3", {
    args: [RUNNER],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(
    new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join("\n") + "\n"),
  );
  await writer.close();
  const output = new TextDecoder().decode((await child.output()).stdout);
  return new Map(
    output.trim().split("\n").map((line) => {
      const { id, ...rest } = JSON.parse(line);
      return [id, rest];
    }),
  );
}

/** The comparable view of a token: RFC members normalised, provider members as they are. */
function comparable(token: Record<string, unknown>): Record<string, unknown> {
  const { expires_at: _at, ...rest } = token;
  const view: Record<string, unknown> = { ...rest };
  if (typeof view.token_type === "string") view.token_type = view.token_type.toLowerCase();
  if (view.expires_in !== undefined) view.expires_in = Number(view.expires_in);
  if (Array.isArray(view.scope)) view.scope = view.scope.join(" ");
  return view;
}

function sameToken(ours: Record<string, unknown>, theirs: Record<string, unknown>): boolean {
  const a = comparable(ours);
  const b = comparable(theirs);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

const cases = PROVIDERS.flatMap((provider) =>
  provider.cases.filter((item) => item.requestsOauthlib !== undefined).map((item, index) => ({
    id: `${provider.fix}-${index}`,
    fix: provider.fix,
    item,
  }))
);

function runnerLine(id: string, fix: string, item: ProviderCase) {
  if (item.point !== "protected_request") {
    return { id, fix, point: item.point, response: item.response, token: OLD_TOKEN };
  }
  // A form body goes to requests as the dict a requests user would pass.
  const request = { ...item.request!, ...(item.form ? { form: item.form } : {}) };
  return { id, fix, point: item.point, request, token: item.token };
}

Deno.test(`requests-oauthlib's compliance fixes and ours agree on ${cases.length} provider cases, or differ where documented`, async () => {
  assert.ok(cases.length >= 15, `${cases.length} cases`);
  const theirs = await runRequestsOAuthlib(
    cases.map(({ id, fix, item }) => runnerLine(id, fix, item)),
  );
  const report: string[] = [];
  for (const { id, fix, item } of cases) {
    const hooks = (fixes as unknown as Record<string, Hooks>)[fix];
    const other = theirs.get(id);
    assert.ok(other, `${id}: no answer from the runner`);
    await using server = await loopbackProvider(item.response);
    let same: boolean;
    if (item.point === "protected_request") {
      const seen = await protectedOutcome(server, item, hooks);
      const theirUrl = new URL(other.request!.url);
      const theirAuthorization = Object.entries(other.request!.headers ?? {})
        .find(([name]) => name.toLowerCase() === "authorization")?.[1] ?? null;
      const theirForm = other.request!.body && typeof other.request!.body === "object"
        ? Object.entries(other.request!.body as Record<string, string>)
        : [
          ...new URLSearchParams(
            typeof other.request!.body === "string" ? other.request!.body : "",
          ),
        ];
      same =
        JSON.stringify([...seen.url.searchParams]) === JSON.stringify([...theirUrl.searchParams]) &&
        seen.authorization === theirAuthorization &&
        JSON.stringify([...new URLSearchParams(seen.body)]) === JSON.stringify(theirForm);
    } else {
      const ours = await tokenOutcome(server.base, item, hooks);
      same = ours.token !== undefined
        ? other.token !== undefined && sameToken(ours.token, other.token)
        : other.token === undefined && ours.error!.code === other.oauthError;
    }
    const documented = item.requestsOauthlib === "same"
      ? undefined
      : (item.requestsOauthlib as { differs: string }).differs;
    report.push(`${id} ${item.name}: ${same ? "same" : `differs (${documented})`}`);
    assert.equal(
      same,
      documented === undefined,
      `${id}: ${item.name}\n theirs: ${JSON.stringify(other)}`,
    );
  }
  assert.equal(report.length, cases.length);
});

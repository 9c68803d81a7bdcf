/**
 * Redirects of protected requests between two real loopback origins: the second origin records
 * what it receives. Same origin: credentials again; other origin: none, or refused by option.
 */
import assert from "node:assert/strict";
import { OAuth1Client } from "../oauth1/mod.ts";
import { OAuth2Client } from "../oauth2/mod.ts";
import type { CrossOriginRedirect } from "../mod.ts";
import { serveLoopback } from "./_loopback.ts";

interface Seen {
  path: string;
  authorization: string | null;
  cookie: string | null;
  query: string;
}

async function origin(handle: (url: URL) => Response) {
  const seen: Seen[] = [];
  const server = await serveLoopback((request) => {
    const url = new URL(request.url);
    seen.push({
      path: url.pathname,
      authorization: request.headers.get("authorization"),
      cookie: request.headers.get("cookie"),
      query: url.search,
    });
    return handle(url);
  });
  return { base: server.origin, seen, close: server.close };
}

async function scenario(
  client: (mode: CrossOriginRedirect) => OAuth1Client | OAuth2Client,
  mode: CrossOriginRedirect,
) {
  const target = await origin(() => Response.json({ landed: true }));
  const start = await origin((url) =>
    url.pathname === "/same"
      ? new Response(null, { status: 302, headers: { location: "/moved?page=2" } })
      : url.pathname === "/moved"
      ? new Response(null, { status: 307, headers: { location: `${target.base}/elsewhere` } })
      : new Response("?", { status: 404 })
  );
  try {
    const outcome = await client(mode).fetch(`${start.base}/same`, {
      headers: { cookie: "session=1" },
    })
      .then((response) => response.status, (error) => error.code);
    return { outcome, start: start.seen, target: target.seen };
  } finally {
    await start.close();
    await target.close();
  }
}

const oauth2 = (crossOriginRedirect: CrossOriginRedirect) =>
  new OAuth2Client({
    clientId: "app",
    token: { access_token: "AT-SECRET", token_type: "Bearer" },
    crossOriginRedirect,
  });
const oauth1 = (crossOriginRedirect: CrossOriginRedirect) =>
  new OAuth1Client({
    clientKey: "key",
    clientSecret: "s",
    token: "t",
    tokenSecret: "ts",
    signatureType: "query",
    crossOriginRedirect,
  });

for (const [name, client] of [["OAuth2Client", oauth2], ["OAuth1Client", oauth1]] as const) {
  Deno.test(`${name}: a same-origin hop keeps credentials; the cross-origin hop arrives without any`, async () => {
    const { outcome, start, target } = await scenario(client, "follow-without-credentials");
    assert.equal(outcome, 200);
    assert.deepEqual(start.map((seen) => seen.path), ["/same", "/moved"]);
    const credentialed = (seen: Seen) =>
      seen.authorization !== null || seen.query.includes("oauth_signature");
    assert.ok(start.every(credentialed), "both hops on the first origin carry credentials");
    assert.equal(target.length, 1);
    assert.equal(target[0].authorization, null);
    assert.equal(target[0].cookie, null);
    assert.doesNotMatch(target[0].query, /oauth_|access_token/);
  });

  Deno.test(`${name}: with crossOriginRedirect "refuse" the other origin receives nothing`, async () => {
    const { outcome, start, target } = await scenario(client, "refuse");
    assert.equal(outcome, "redirect_refused");
    assert.equal(start.length, 2);
    assert.equal(target.length, 0);
  });
}

Deno.test("crossOriginRedirect accepts only its two values", () => {
  assert.throws(() => oauth2("follow" as CrossOriginRedirect), {
    name: "TypeError",
    message: /crossOriginRedirect must be/,
  });
  assert.throws(() => oauth1("strip" as CrossOriginRedirect), TypeError);
});

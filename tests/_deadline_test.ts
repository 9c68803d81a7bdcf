import assert from "node:assert/strict";
import { OAuth1Client } from "../oauth1/mod.ts";
import { OAuth2Client } from "../oauth2/mod.ts";
import { timeoutOption, withDeadline } from "../_deadline.ts";
import { serveLoopback } from "./_loopback.ts";

const never = () => new Promise<Response>(() => {});
const isTimeout = (error: unknown) =>
  error instanceof DOMException && error.name === "TimeoutError";
const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

Deno.test("a token endpoint that never answers ends in a TimeoutError, even when fetch ignores its signal", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    timeout: 20,
    fetch: never,
  });
  await assert.rejects(client.fetchToken({ grantType: "client_credentials" }), isTimeout);
});

Deno.test("headers sent but a body that never completes ends in a TimeoutError (checklist row 19)", async () => {
  await using server = await serveLoopback(() =>
    new Response(
      new ReadableStream({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"access_token":')),
      }),
      { headers: { "content-type": "application/json" } },
    )
  );
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: `${server.origin}/token`,
    timeout: 50,
  });
  await assert.rejects(client.fetchToken({ grantType: "client_credentials" }), isTimeout);
});

Deno.test("the caller's signal aborts the request, and the fetch sees it aborted", async () => {
  let seen: AbortSignal | undefined;
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    fetch: (request) => {
      seen = request.signal;
      return never();
    },
  });
  const controller = new AbortController();
  const pending = client.fetchToken({ grantType: "client_credentials", signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 1));
  controller.abort();
  await assert.rejects(pending, isAbort);
  assert.equal(seen?.aborted, true);
});

Deno.test("one waiter aborting a shared refresh gets AbortError; the refresh goes on for the others", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  let refreshes = 0;
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    token: { access_token: "old", token_type: "Bearer", refresh_token: "r" },
    fetch: async () => {
      refreshes++;
      await gate;
      return Response.json({ access_token: "new", token_type: "Bearer" });
    },
  });
  const controller = new AbortController();
  const aborted = client.refreshToken(undefined, { signal: controller.signal });
  const other = client.refreshToken();
  controller.abort();
  await assert.rejects(aborted, isAbort);
  release();
  assert.equal((await other).access_token, "new");
  assert.equal(refreshes, 1);
});

Deno.test("OAuth1Client credential requests and protected calls have the same deadline", async () => {
  const client = new OAuth1Client({ clientKey: "k", timeout: 20, fetch: never });
  await assert.rejects(client.fetchRequestToken("https://p.example/request_token"), isTimeout);
  await assert.rejects(client.fetch("https://api.example/"), isTimeout);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    client.fetch("https://api.example/", { signal: controller.signal }),
    isAbort,
  );
});

Deno.test("successful exchanges clear their timers (the test sanitizer would report a leak)", async () => {
  const client = new OAuth2Client({
    clientId: "app",
    tokenEndpoint: "https://as.example/token",
    timeout: 60_000,
    fetch: () => Promise.resolve(Response.json({ access_token: "a", token_type: "Bearer" })),
  });
  for (let i = 0; i < 20; i++) await client.fetchToken({ grantType: "client_credentials" });
  assert.equal(await withDeadline(60_000, undefined, () => Promise.resolve(7)), 7);
});

Deno.test("the timeout option is a non-negative number of milliseconds", () => {
  assert.equal(timeoutOption(undefined), 30_000);
  assert.equal(timeoutOption(0), 0);
  for (const bad of [-1, Infinity, "10", NaN]) assert.throws(() => timeoutOption(bad), RangeError);
  assert.throws(() => new OAuth2Client({ clientId: "app", timeout: -5 }), RangeError);
  assert.throws(() => new OAuth1Client({ clientKey: "k", timeout: -5 }), RangeError);
});

import assert from "node:assert/strict";
import { OAuth1Client } from "../../oauth1/mod.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

const SECRET = "SECRET_SENTINEL";

function clientAnswering(response: () => Response) {
  return new OAuth1Client({
    clientKey: "key",
    clientSecret: SECRET,
    callbackUri: "https://app.example/cb",
    fetch: () => Promise.resolve(response()),
  });
}

async function requestTokenError(body: BodyInit | null, init: ResponseInit = {}) {
  const client = clientAnswering(() => new Response(body, init));
  try {
    await client.fetchRequestToken("https://provider.example/request_token");
  } catch (error) {
    assert.ok(error instanceof OAuthError, `expected an OAuthError, got ${error}`);
    assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), new RegExp(SECRET));
    return error;
  }
  assert.fail("expected fetchRequestToken to reject");
}

Deno.test("temporary credentials without oauth_callback_confirmed=true are refused (checklist 46, 47)", async () => {
  for (
    const [body, got] of [
      ["oauth_token=t&oauth_token_secret=s", "got none"],
      [
        "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=1",
        "got oauth_callback_confirmed=1",
      ],
      ["oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=false", "=false"],
      ["oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=", "got an empty value"],
      ["oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true%20", "another value"],
    ]
  ) {
    const error = await requestTokenError(body);
    assert.equal(error.code, "callback_not_confirmed", body);
    assert.equal(error.status, 200);
    assert.ok(error.message.includes(got), `${body}: ${error.message}`);
    assert.match(error.message, /RFC 5849 §2\.1.*session fixation/);
  }
});

Deno.test("oauth_callback_confirmed is accepted in any case: Authlib's providers send Python's True", async () => {
  for (const value of ["True", "TRUE", "tRuE", "true"]) {
    const client = clientAnswering(() =>
      new Response(`oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=${value}`)
    );
    const temporary = await client.fetchRequestToken("https://provider.example/request_token");
    assert.equal(temporary.oauth_callback_confirmed, value, "kept as the provider sent it");
    assert.equal(client.token?.oauth_token, "t");
  }
});

Deno.test("requireCallbackConfirmed: false accepts a legacy OAuth 1.0 provider that never confirms the callback", async () => {
  for (const confirmed of ["", "&oauth_callback_confirmed=false"]) {
    const client = new OAuth1Client({
      clientKey: "key",
      callbackUri: "https://app.example/cb",
      requireCallbackConfirmed: false,
      fetch: () => Promise.resolve(new Response(`oauth_token=t&oauth_token_secret=s${confirmed}`)),
    });
    const temporary = await client.fetchRequestToken("https://provider.example/request_token");
    assert.equal(temporary.oauth_token, "t");
    assert.equal(
      client.authorizationUrl("https://provider.example/authorize"),
      "https://provider.example/authorize?oauth_token=t",
    );
  }
});

Deno.test("requireCallbackConfirmed is strict by default and when set to true", async () => {
  for (const options of [{}, { requireCallbackConfirmed: true }]) {
    const client = new OAuth1Client({
      clientKey: "key",
      ...options,
      fetch: () => Promise.resolve(new Response("oauth_token=t&oauth_token_secret=s")),
    });
    await assert.rejects(client.fetchRequestToken("https://provider.example/request_token"), {
      code: "callback_not_confirmed",
    });
    assert.equal(client.token, undefined, "nothing is kept from refused credentials");
  }
});

Deno.test("credentials without a secret are invalid_response and name what arrived, not its values (checklist 48)", async () => {
  const error = await requestTokenError(`oauth_token=${SECRET}&oauth_callback_confirmed=true`);
  assert.equal(error.code, "invalid_response");
  assert.match(
    error.message,
    /expected oauth_token_secret .* got oauth_token, oauth_callback_confirmed/,
  );
});

Deno.test("a parameter given twice is duplicate_param (checklist 49)", async () => {
  const error = await requestTokenError(
    "oauth_token=a&oauth_token=b&oauth_token_secret=s&oauth_callback_confirmed=true",
  );
  assert.equal(error.code, "duplicate_param");
  assert.match(error.message, /oauth_token more than once/);
});

Deno.test("an error status is an OAuthResponseError with status, headers and a body excerpt (checklist 52)", async () => {
  const error = await requestTokenError("Invalid signature", {
    status: 401,
    headers: { "content-type": "text/plain", "x-request-id": "r1" },
  });
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.code, "unexpected_status");
  assert.equal(error.status, 401);
  assert.equal(error.body, "Invalid signature");
  assert.equal(error.headers?.get("x-request-id"), "r1");
});

Deno.test("an oauth_problem report becomes the error code with its advice as description", async () => {
  const error = await requestTokenError(
    "oauth_problem=signature_invalid&oauth_problem_advice=check+the+key",
    { status: 401 },
  );
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.code, "signature_invalid");
  assert.equal(error.errorDescription, "check the key");
});

Deno.test("an HTML error page keeps only 1 KiB of its body", async () => {
  const error = await requestTokenError("<html>" + "x".repeat(200_000) + "</html>", {
    status: 502,
    headers: { "content-type": "text/html" },
  });
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.status, 502);
  assert.equal(error.body?.length, 1024);
});

Deno.test("a 200 body that is JSON, HTML or prose is invalid_response and is not echoed", async () => {
  for (
    const body of [
      `{"oauth_token":"${SECRET}"}`,
      "<html>login</html>",
      "token is ready",
      "a=%zz",
      "",
    ]
  ) {
    const error = await requestTokenError(body);
    assert.equal(error.code, "invalid_response", body);
    assert.equal(error.status, 200);
  }
});

Deno.test("the description of a body that is not form-encoded takes the right article", async () => {
  const json = await requestTokenError("{}", { headers: { "content-type": "application/json" } });
  assert.match(json.message, /got an application\/json body of 2 characters/);
  const untyped = await requestTokenError(new TextEncoder().encode("<p>"));
  assert.match(untyped.message, /got an untyped body/);
  const html = await requestTokenError("<p>", { headers: { "content-type": "text/html" } });
  assert.match(html.message, /got a text\/html body/);
});

Deno.test("a body over 1 MiB is refused by Content-Length before reading", async () => {
  let pulled = false;
  const stream = new ReadableStream({
    pull() {
      pulled = true;
    },
  }, { highWaterMark: 0 });
  const error = await requestTokenError(stream, { headers: { "content-length": "999999999" } });
  assert.equal(error.code, "response_too_large");
  assert.equal(pulled, false);
});

Deno.test("an endless body is cancelled once it passes 1 MiB", async () => {
  let sent = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(97));
    },
    cancel() {
      cancelled = true;
    },
  });
  const error = await requestTokenError(stream);
  assert.equal(error.code, "response_too_large");
  assert.ok(cancelled);
  assert.ok(sent <= 1024 * 1024 + 2 * 64 * 1024, `read ${sent} bytes`);
});

Deno.test("a redirect from a credentials endpoint is refused, never followed (RFC 9700 §4.12)", async () => {
  const calls: Request[] = [];
  const client = new OAuth1Client({
    clientKey: "key",
    fetch: (request) => {
      calls.push(request);
      return Promise.resolve(
        new Response(null, { status: 307, headers: { location: "https://evil.example/t?x=1" } }),
      );
    },
  });
  await assert.rejects(
    client.fetchRequestToken("https://provider.example/request_token"),
    (error: unknown) => {
      assert.ok(error instanceof OAuthError);
      assert.equal(error.code, "redirect_refused");
      assert.match(error.message, /https:\/\/evil\.example/);
      assert.doesNotMatch(error.message, /x=1/);
      return true;
    },
  );
  assert.equal(calls.length, 1);
  assert.equal(calls[0].redirect, "manual");
});

Deno.test("credentials keep extra parameters and tolerate a trailing newline and any content type", async () => {
  const client = clientAnswering(() =>
    new Response(
      "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true&screen_name=a%20b\n",
      {
        headers: { "content-type": "text/html; charset=utf-8" },
      },
    )
  );
  const token = await client.fetchRequestToken("https://provider.example/request_token");
  assert.deepEqual(token, {
    oauth_token: "t",
    oauth_token_secret: "s",
    oauth_callback_confirmed: "true",
    screen_name: "a b",
  });
});

Deno.test("a __proto__ parameter becomes a plain property and pollutes nothing", async () => {
  const client = clientAnswering(() =>
    new Response("__proto__=x&oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true")
  );
  const token = await client.fetchRequestToken("https://provider.example/request_token");
  assert.equal(Object.getPrototypeOf(token), Object.prototype);
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

Deno.test("parameter names that could be values are counted, not echoed", async () => {
  const doubleEncoded =
    `oauth_token%3Dt%26oauth_token_secret%3D${SECRET}=&oauth_callback_confirmed=true`;
  const error = await requestTokenError(doubleEncoded);
  assert.equal(error.code, "invalid_response");
  assert.doesNotMatch(error.message, new RegExp(SECRET));
  assert.match(error.message, /got oauth_callback_confirmed, 1 other parameter\(s\)/);
  const duplicate = await requestTokenError(
    `${SECRET}:x=1&${SECRET}:x=2&oauth_callback_confirmed=true`,
  );
  assert.equal(duplicate.code, "duplicate_param");
  assert.doesNotMatch(duplicate.message, new RegExp(SECRET));
});

Deno.test("an empty oauth_problem is reported as unexpected_status, and the error keeps the response", async () => {
  const error = await requestTokenError("oauth_problem=", {
    status: 400,
    headers: { "x-id": "9" },
  });
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.code, "unexpected_status");
  assert.equal(error.response?.status, 400);
  assert.equal(error.response?.headers.get("x-id"), "9");
});

Deno.test("an error page that echoes the consumer secret, even percent-encoded, has it cut out", async () => {
  const encoded = encodeURIComponent(`${SECRET}&`);
  const error = await requestTokenError(`signature base was ${encoded} and key ${SECRET}`, {
    status: 401,
  });
  assert.ok(error instanceof OAuthResponseError);
  assert.equal(error.body, `signature base was [redacted]%26 and key [redacted]`);
  const advice = await requestTokenError(
    `oauth_problem=signature_invalid&oauth_problem_advice=key+${SECRET}`,
    { status: 401 },
  );
  assert.ok(advice instanceof OAuthResponseError);
  assert.equal(advice.errorDescription, "key [redacted]");
  const bare = await requestTokenError("oauth_problem=timestamp_refused", { status: 401 });
  assert.ok(bare instanceof OAuthResponseError);
  assert.equal(bare.errorDescription, undefined);
});

/**
 * The device authorization grant (RFC 8628; checklist G1, G2): the device authorization
 * response checks, and the poll schedule under an injected clock and sleep, so no test waits.
 */
import assert from "node:assert/strict";
import { DEVICE_CODE_GRANT, type DeviceAuthorization, OAuth2Client } from "../../oauth2/mod.ts";
import { readDeviceAuthorization } from "../../oauth2/device.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

const START = 1_700_000_000_000;

/** A client whose token endpoint gives `answers` in turn, on a clock that sleeping advances. */
function scripted(answers: (Record<string, unknown> | "network")[]) {
  let clock = START;
  const polls: { at: number; body: URLSearchParams }[] = [];
  const sleeps: number[] = [];
  const client = new OAuth2Client({
    clientId: "tv",
    tokenEndpoint: "https://as.example/token",
    deviceAuthorizationEndpoint: "https://as.example/device",
    scope: "read",
    now: () => clock,
    fetch: async (request) => {
      polls.push({ at: (clock - START) / 1000, body: new URLSearchParams(await request.text()) });
      const answer = answers.shift();
      if (answer === "network") throw new TypeError("connection refused");
      const status = answer && "error" in answer ? 400 : 200;
      return Response.json(answer ?? { error: "no_more_answers" }, { status });
    },
  });
  const sleep = (ms: number) => {
    sleeps.push(ms);
    clock += ms;
    return Promise.resolve();
  };
  const device = (extra: Partial<DeviceAuthorization> = {}): DeviceAuthorization => ({
    device_code: "dc",
    user_code: "WDJB-MJHT",
    verification_uri: "https://as.example/activate",
    expires_in: 600,
    interval: 5,
    expires_at: START / 1000 + 600,
    ...extra,
  });
  return { client, polls, sleeps, sleep, device, advance: (ms: number) => clock += ms };
}

const pending = { error: "authorization_pending" };
const TOKEN = { access_token: "at", token_type: "Bearer", refresh_token: "rt" };

Deno.test("pending, slow_down, pending, token: polls at 5, 10, 20 and 30 seconds (checklist G2)", async () => {
  const { client, polls, sleep, device } = scripted([
    pending,
    { error: "slow_down" },
    pending,
    TOKEN,
  ]);
  const token = await client.pollDeviceToken(device(), { sleep });
  assert.equal(token.access_token, "at");
  assert.deepEqual(polls.map((poll) => poll.at), [5, 10, 20, 30]);
  assert.deepEqual(
    [...polls[0].body],
    [["grant_type", DEVICE_CODE_GRANT], ["device_code", "dc"], ["client_id", "tv"]],
    "no scope: it went with the device authorization (RFC 8628 §3.4)",
  );
  assert.equal(client.token?.refresh_token, "rt", "the token is kept");
});

Deno.test("access_denied and expired_token end the polling with the server's error", async () => {
  for (const error of ["access_denied", "expired_token", "invalid_client"]) {
    const { client, polls, sleep, device } = scripted([pending, { error }]);
    await assert.rejects(
      client.pollDeviceToken(device(), { sleep }),
      (thrown) => thrown instanceof OAuthResponseError && thrown.code === error,
    );
    assert.equal(polls.length, 2, error);
  }
});

Deno.test("the codes' expiry stops the polling without another request", async () => {
  const { client, polls, sleep, device } = scripted([pending, pending, pending]);
  await assert.rejects(
    client.pollDeviceToken(device({ expires_at: START / 1000 + 12 }), { sleep }),
    (error) => error instanceof OAuthError && error.code === "expired_token",
  );
  assert.deepEqual(polls.map((poll) => poll.at), [5, 10], "not at 15, past the expiry at 12");
});

Deno.test("a failed connection doubles the interval (RFC 8628 §3.5); the next answer is used", async () => {
  const { client, polls, sleep, device } = scripted(["network", TOKEN]);
  await client.pollDeviceToken(device(), { sleep });
  assert.deepEqual(polls.map((poll) => poll.at), [5, 15]);
});

Deno.test("the caller's signal stops the polling at once, even mid-sleep", async () => {
  const { client, polls, device } = scripted([pending, pending, pending]);
  const controller = new AbortController();
  const sleepy = (_ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (polls.length === 1) controller.abort(new DOMException("stop", "AbortError"));
      if (signal?.aborted) return reject(signal.reason);
      resolve();
    });
  await assert.rejects(
    client.pollDeviceToken(device({ interval: 0 }), { sleep: sleepy, signal: controller.signal }),
    (error) => error instanceof DOMException && error.name === "AbortError",
  );
  assert.equal(polls.length, 1);
  await assert.rejects(client.pollDeviceToken({} as DeviceAuthorization), TypeError);
});

Deno.test("the device authorization response must have its codes and a positive expires_in (checklist G1)", async () => {
  const good = {
    device_code: "dc",
    user_code: "U",
    verification_uri: "https://as.example/a",
    expires_in: 600,
  };
  const answer = (body: Record<string, unknown>) => {
    const sent: string[] = [];
    const client = new OAuth2Client({
      clientId: "tv",
      deviceAuthorizationEndpoint: "https://as.example/device",
      scope: ["openid", "read"],
      now: () => START,
      fetch: async (request) => {
        sent.push(await request.text());
        return Response.json(body);
      },
    });
    return { client, sent };
  };
  const { client, sent } = answer(good);
  const device = await client.deviceAuthorization({ resource: "https://api.example/" });
  assert.equal(device.interval, 5);
  assert.equal(device.expires_at, START / 1000 + 600);
  assert.equal(sent[0], "scope=openid+read&resource=https%3A%2F%2Fapi.example%2F&client_id=tv");
  for (
    const broken of [
      { ...good, device_code: undefined },
      { ...good, user_code: 7 },
      { ...good, verification_uri: "not a url" },
      { ...good, expires_in: 0 },
      { ...good, expires_in: "600" },
      { ...good, interval: -1 },
    ]
  ) {
    await assert.rejects(answer(broken).client.deviceAuthorization(), { code: "invalid_response" });
  }
  await assert.rejects(client.deviceAuthorization({ client_id: "x" }), TypeError);
});

/** The device authorization `body` answers with, read by a client as `deviceAuthorization()`. */
function deviceAnswer(body: Record<string, unknown>): Promise<DeviceAuthorization> {
  const client = new OAuth2Client({
    clientId: "tv",
    deviceAuthorizationEndpoint: "https://as.example/device",
    now: () => START,
    fetch: () => Promise.resolve(Response.json(body)),
  });
  return client.deviceAuthorization();
}

const GOOD_DEVICE = {
  device_code: "dc",
  user_code: "WDJB-MJHT",
  verification_uri: "https://as.example/activate",
  verification_uri_complete: "https://as.example/activate?user_code=WDJB-MJHT",
  expires_in: 600,
};
const HOSTILE_URIS = [
  "javascript:alert(document.cookie)",
  "file:///etc/passwd",
  "data:text/html,<script>alert(1)</script>",
  "http://as.example/activate",
];

Deno.test("a verification URI that is not https: is refused as insecure_transport, for both members (RFC 8628 §3.2, §5.4)", async () => {
  for (const member of ["verification_uri", "verification_uri_complete"]) {
    for (const uri of HOSTILE_URIS) {
      await assert.rejects(
        deviceAnswer({ ...GOOD_DEVICE, [member]: uri }),
        (error) => error instanceof OAuthError && error.code === "insecure_transport",
        `${member}: ${uri}`,
      );
    }
  }
});

Deno.test("a verification_uri_complete that is not an absolute URL string is invalid_response", async () => {
  for (const value of [42, null, "", "/activate?user_code=U", ["https://as.example/a"], {}]) {
    await assert.rejects(
      deviceAnswer({ ...GOOD_DEVICE, verification_uri_complete: value }),
      (error) => error instanceof OAuthError && error.code === "invalid_response",
      JSON.stringify(value),
    );
  }
});

Deno.test("plain http verification URIs on loopback are still accepted, as given", async () => {
  for (const origin of ["http://127.0.0.1:8080", "http://localhost:3000", "http://[::1]"]) {
    const device = await deviceAnswer({
      ...GOOD_DEVICE,
      verification_uri: `${origin}/activate`,
      verification_uri_complete: `${origin}/activate?user_code=WDJB-MJHT`,
    });
    assert.equal(device.verification_uri, `${origin}/activate`);
    assert.equal(device.verification_uri_complete, `${origin}/activate?user_code=WDJB-MJHT`);
  }
  const { verification_uri_complete: _, ...withoutComplete } = GOOD_DEVICE;
  assert.equal((await deviceAnswer(withoutComplete)).verification_uri_complete, undefined);
});

Deno.test("the allowInsecure opt-in admits http: anywhere, but never another scheme", () => {
  const plain = {
    ...GOOD_DEVICE,
    verification_uri: "http://as.example/activate",
    verification_uri_complete: "http://as.example/activate?user_code=WDJB-MJHT",
  };
  assert.throws(() => readDeviceAuthorization(plain, START), { code: "insecure_transport" });
  assert.equal(
    readDeviceAuthorization(plain, START, true).verification_uri,
    plain.verification_uri,
  );
  for (const member of ["verification_uri", "verification_uri_complete"]) {
    for (const uri of HOSTILE_URIS.slice(0, 3)) {
      assert.throws(
        () => readDeviceAuthorization({ ...GOOD_DEVICE, [member]: uri }, START, true),
        { code: "insecure_transport" },
        `${member}: ${uri}`,
      );
    }
  }
});

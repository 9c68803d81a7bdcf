import assert from "node:assert/strict";
import { compose, type Hooks, type RequestHook } from "../../hooks/mod.ts";

const tag = (name: string): RequestHook => (request) => {
  const headers = new Headers(request.headers);
  headers.append("x-order", name);
  return new Request(request, { headers });
};

Deno.test("compose concatenates each point in argument order and leaves the inputs alone", async () => {
  const a: Hooks = { protectedRequest: [tag("a1"), tag("a2")], accessTokenRequest: [tag("t")] };
  const b: Hooks = { protectedRequest: [tag("b")] };
  const hooks = compose(a, b);
  let request = new Request("https://api.example/");
  for (const hook of hooks.protectedRequest ?? []) request = await hook(request);
  assert.equal(request.headers.get("x-order"), "a1, a2, b");
  assert.equal(hooks.accessTokenRequest?.length, 1);
  assert.equal(a.protectedRequest?.length, 2);
  assert.equal("refreshTokenRequest" in hooks, false);
});

Deno.test("compose refuses what is not a Hooks value, and unknown points, with a TypeError", () => {
  // @ts-expect-error: a caller mistake on purpose
  assert.throws(() => compose(undefined), {
    name: "TypeError",
    message: /argument 0 must be a Hooks object/,
  });
  // @ts-expect-error: a caller mistake on purpose
  assert.throws(() => compose({ protectedRequests: [tag("x")] }), {
    name: "TypeError",
    message: /unknown hook point "protectedRequests"/,
  });
  // @ts-expect-error: a caller mistake on purpose
  assert.throws(() => compose({ protectedRequest: tag("x") }), {
    name: "TypeError",
    message: /must be an array of functions/,
  });
});

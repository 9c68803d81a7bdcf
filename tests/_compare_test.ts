import assert from "node:assert/strict";
import { timingSafeEqual } from "../_compare.ts";

Deno.test("timingSafeEqual compares UTF-8 bytes exactly", () => {
  assert.ok(timingSafeEqual("token", "token"));
  assert.ok(timingSafeEqual("", ""));
  assert.ok(timingSafeEqual("☃", "☃"));
  assert.equal(timingSafeEqual("token", "tokem"), false);
  assert.equal(timingSafeEqual("token", "token2"), false);
  assert.equal(timingSafeEqual("é", "e\u0301"), false);
});

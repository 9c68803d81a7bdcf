/** The guess behind "did you mean": near enough to be a slip, never a wild one. */
import assert from "node:assert/strict";
import { closest } from "../../cli/suggest.ts";

const COMMANDS = ["login", "device", "token", "revoke", "introspect", "discover", "request"];

Deno.test("a swap, a slip, a missing or an extra letter finds the word meant", () => {
  assert.equal(closest("tokne", COMMANDS), "token");
  assert.equal(closest("logn", COMMANDS), "login");
  assert.equal(closest("requests", COMMANDS), "request");
  assert.equal(closest("Revoke", COMMANDS), "revoke");
  assert.equal(
    closest("client_secret_basci", ["client_secret_basic", "none"]),
    "client_secret_basic",
  );
});

Deno.test("the start of a long word finds it; an unrelated or short word finds nothing", () => {
  assert.equal(closest("intro", COMMANDS), "introspect");
  assert.equal(closest("frobnicate", COMMANDS), undefined);
  assert.equal(closest("x", COMMANDS), undefined);
  assert.equal(closest("", COMMANDS), undefined);
  assert.equal(closest("do", COMMANDS), undefined, "two letters are no evidence");
});

import assert from "node:assert/strict";
import { parseCallback } from "../../oauth1/callback.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

const callback = (query: string) => new URL(`https://app.example/cb?${query}`);

function codeOf(query: string): string {
  try {
    parseCallback(callback(query), "t");
  } catch (error) {
    assert.ok(error instanceof OAuthError);
    return error.code;
  }
  return "ok";
}

Deno.test("a callback for another temporary token is token_mismatch (checklist 50)", () => {
  assert.equal(codeOf("oauth_token=OTHER&oauth_verifier=v"), "token_mismatch");
  assert.equal(codeOf("oauth_token=t2&oauth_verifier=v"), "token_mismatch");
  assert.equal(codeOf("oauth_verifier=v"), "token_mismatch");
});

Deno.test("a callback without a verifier is verifier_missing (checklist 51)", () => {
  assert.equal(codeOf("oauth_token=t"), "verifier_missing");
  assert.equal(codeOf("oauth_token=t&oauth_verifier="), "verifier_missing");
});

Deno.test("a matching callback returns the token and the verifier", () => {
  assert.deepEqual(parseCallback(callback("oauth_token=t&oauth_verifier=v%2B1"), "t"), {
    oauth_token: "t",
    oauth_verifier: "v+1",
  });
});

Deno.test("denied=<token> is access_denied, but only for this client's token", () => {
  assert.throws(() => parseCallback(callback("denied=t"), "t"), (error: unknown) => {
    assert.ok(error instanceof OAuthResponseError);
    assert.equal(error.code, "access_denied");
    return true;
  });
  assert.equal(codeOf("denied=someone-else"), "token_mismatch");
});

Deno.test("error= is reported as the provider's error after the token is checked", () => {
  assert.throws(
    () => parseCallback(callback("oauth_token=t&error=server_error&error_description=down"), "t"),
    (error: unknown) => {
      assert.ok(error instanceof OAuthResponseError);
      assert.equal(error.code, "server_error");
      assert.equal(error.errorDescription, "down");
      return true;
    },
  );
  assert.equal(codeOf("oauth_token=x&error=server_error"), "token_mismatch");
});

Deno.test("a parameter given twice in the callback is duplicate_param", () => {
  assert.equal(codeOf("oauth_token=t&oauth_token=t&oauth_verifier=v"), "duplicate_param");
  assert.equal(codeOf("oauth_token=t&oauth_verifier=a&oauth_verifier=b"), "duplicate_param");
});

Deno.test("an error= without our oauth_token is token_mismatch, so forged text is never reported", () => {
  assert.equal(codeOf("error=server_error&error_description=call+evil.example"), "token_mismatch");
});

Deno.test("the callback's error and description are capped at 1 KiB", () => {
  assert.throws(
    () =>
      parseCallback(
        callback(`oauth_token=t&error=${"e".repeat(5000)}&error_description=${"d".repeat(5000)}`),
        "t",
      ),
    (error: unknown) => {
      assert.ok(error instanceof OAuthResponseError);
      assert.equal(error.code.length, 1024);
      assert.equal(error.errorDescription?.length, 1024);
      return true;
    },
  );
});

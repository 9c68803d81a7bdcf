import assert from "node:assert/strict";
import { checkAuthorizationResponse } from "../../oauth2/callback.ts";
import { callbackIssuerCheck } from "../../oauth2/issuer_template.ts";
import { OAuthError, OAuthResponseError } from "../../errors.ts";

const ISSUER = "https://as.example";

function outcome(
  query: string,
  expected: { issuer?: string; issRequired?: boolean; issuerTemplate?: string } = {},
): string {
  try {
    const { issuerTemplate, ...rest } = expected;
    const issuer = "issuer" in rest ? rest.issuer : ISSUER;
    const checkIss = callbackIssuerCheck(issuer, issuerTemplate);
    return checkAuthorizationResponse(new URL(`https://app.example/cb?${query}`), {
      state: "s",
      ...rest,
      issuer: checkIss ? undefined : issuer,
      checkIss,
    });
  } catch (error) {
    assert.ok(error instanceof OAuthError, String(error));
    return `${error instanceof OAuthResponseError ? "response:" : ""}${error.code}`;
  }
}

Deno.test("a matching callback gives the code", () => {
  assert.equal(outcome("code=c1&state=s"), "c1");
  assert.equal(outcome(`code=c1&state=s&iss=${encodeURIComponent(ISSUER)}`), "c1");
});

Deno.test("the state is checked first: a wrong state hides any error or code (checklist 35, 39)", () => {
  assert.equal(outcome("code=c&state=WRONG"), "state_mismatch");
  assert.equal(outcome("error=access_denied&state=WRONG"), "state_mismatch");
  assert.equal(outcome("code=c"), "state_missing");
  assert.equal(outcome("error=access_denied"), "state_missing");
});

Deno.test("a parameter given twice is duplicate_param (checklist 37)", () => {
  assert.equal(outcome("code=c&state=s&state=s"), "duplicate_param");
  assert.equal(outcome("code=a&code=b&state=s"), "duplicate_param");
});

Deno.test("iss is compared exactly, without normalisation (RFC 9207 §2.4, checklist 40)", () => {
  assert.equal(outcome("code=c&state=s&iss=https%3A%2F%2Fevil.example"), "issuer_mismatch");
  assert.equal(outcome("code=c&state=s&iss=https%3A%2F%2Fas.example%2F"), "issuer_mismatch");
  assert.equal(
    outcome("error=access_denied&state=s&iss=https%3A%2F%2Fevil.example"),
    "issuer_mismatch",
  );
  assert.equal(outcome("code=c&state=s", { issRequired: true }), "iss_missing");
  assert.equal(outcome("code=c&state=s&iss=anything", { issuer: undefined }), "c");
});

Deno.test("beside a template, a tenant's issuer is compared exactly; an alias's lets the template check (RFC 9207 §2.4)", () => {
  const issuerTemplate = "https://login.example/{tenantid}/v2.0";
  const a = "https://login.example/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
  const b = "https://login.example/0a1b2c3d-0000-4000-8000-1234567890ab/v2.0";
  const callback = (iss: string) => `code=c&state=s&iss=${encodeURIComponent(iss)}`;
  assert.equal(outcome(callback(b), { issuer: a, issuerTemplate }), "issuer_mismatch");
  assert.equal(outcome(callback(a), { issuer: a, issuerTemplate }), "c");
  const common = "https://login.example/common/v2.0";
  assert.equal(outcome(callback(b), { issuer: common, issuerTemplate }), "c");
  assert.equal(outcome(callback(common), { issuer: common, issuerTemplate }), "issuer_mismatch");
  assert.equal(outcome(callback(b), { issuer: undefined, issuerTemplate }), "c");
});

Deno.test("an iss mismatch shows both issuers, the received one cut short (RFC 9207 §2.4)", () => {
  const check = (iss: string, issuer: string) => () =>
    checkAuthorizationResponse(
      new URL(`https://app.example/cb?code=c&state=s&iss=${encodeURIComponent(iss)}`),
      { state: "s", issuer },
    );
  assert.throws(check("http://127.0.0.1:4000", "http://127.0.0.1:4000/"), {
    code: "issuer_mismatch",
    message: `the callback's iss is "http://127.0.0.1:4000", expected "http://127.0.0.1:4000/" ` +
      "exactly (RFC 9207 §2.4)",
  });
  const long = `https://evil.example/${"x".repeat(5000)}`;
  assert.throws(check(long, ISSUER), (error: OAuthError) => {
    assert.ok(error.message.length < 300, error.message);
    assert.ok(error.message.includes('"https://evil.example/xxx'), error.message);
    assert.ok(error.message.includes(`(${long.length} characters)`), error.message);
    assert.ok(error.message.includes(`expected "${ISSUER}"`), error.message);
    return true;
  });
  assert.throws(check("https://evil.example\n\rforged: line", ISSUER), {
    message: /is "https:\/\/evil\.example\\n\\rforged: line"/,
  });
});

Deno.test("error= becomes the server's error once state and iss match (checklist 38)", () => {
  assert.throws(
    () =>
      checkAuthorizationResponse(
        new URL(
          "https://app.example/cb?error=access_denied&error_description=User+denied&error_uri=https%3A%2F%2Fas.example%2Fe&state=s",
        ),
        { state: "s" },
      ),
    (error: unknown) => {
      assert.ok(error instanceof OAuthResponseError);
      assert.equal(error.code, "access_denied");
      assert.equal(error.errorDescription, "User denied");
      assert.equal(error.errorUri, "https://as.example/e");
      return true;
    },
  );
  const long = checkAuthorization("error=x&error_description=" + "a".repeat(5000));
  assert.equal(long.errorDescription?.length, 1024);
});

function checkAuthorization(query: string): OAuthResponseError {
  try {
    checkAuthorizationResponse(new URL(`https://app.example/cb?${query}&state=s`), { state: "s" });
  } catch (error) {
    return error as OAuthResponseError;
  }
  throw new Error("expected an error");
}

Deno.test("a callback without a code is code_missing; one with a token is implicit_unsupported", () => {
  assert.equal(outcome("state=s"), "code_missing");
  assert.equal(outcome("code=&state=s"), "code_missing");
  assert.equal(outcome("code=c&state=s&access_token=x"), "implicit_unsupported");
  assert.equal(outcome("code=c&state=s&id_token=x"), "implicit_unsupported");
});

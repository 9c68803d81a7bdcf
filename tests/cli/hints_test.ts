/**
 * The library's words stay inside: a missing endpoint is named by its flags, a missing token
 * says which command gets one, and the opt-in to http: is the CLI's flag, each from the
 * structured error or setting rather than from a message's text.
 */
import assert from "node:assert/strict";
import { OAuthError, OAuthResponseError } from "../../errors.ts";
import { describeError, EXIT } from "../../cli/output.ts";
import { serveLoopback } from "../_loopback.ts";
import { cli, configDir } from "./_cli.ts";

// Names of the library's API that mean nothing on a command line.
const LIBRARY_WORDS =
  /fetchToken|tokenEndpoint|revocationEndpoint|revokeToken|introspectToken|Endpoint option|allowInsecureRequests/;

Deno.test("a missing endpoint is a usage error naming --issuer and the endpoint's flag", async () => {
  await using dir = await configDir();
  const env = { OAUTH_CONFIG_DIR: dir.path, OAUTH_CLIENT_ID: "app" };
  const cases: [string[], string][] = [
    [["token"], "token-endpoint"],
    [["login", "--no-browser"], "authorization-endpoint"],
    [["device", "--no-browser"], "device-endpoint"],
    [["revoke", "--", "some-token"], "revocation-endpoint"],
    [["introspect", "--", "some-token"], "introspection-endpoint"],
  ];
  for (const [args, flag] of cases) {
    const run = await cli(args, env);
    assert.equal(run.code, 2, `${args[0]}: ${run.stderr}`);
    const variable = `OAUTH_${flag.replace("-endpoint", "").toUpperCase()}_ENDPOINT`;
    assert.equal(
      run.stderr.split("\n")[0],
      `usage: missing --${flag} or --issuer (or ${variable} or OAUTH_ISSUER, or either in the profile)`,
    );
    assert.doesNotMatch(run.stderr, LIBRARY_WORDS);
  }
});

Deno.test("an issuer whose metadata lacks an endpoint asks for the endpoint's flag", async () => {
  await using server = await serveLoopback((request) => {
    const { origin } = new URL(request.url);
    return Response.json({ issuer: origin, token_endpoint: `${origin}/token` });
  });
  await using dir = await configDir();
  const env = { OAUTH_CONFIG_DIR: dir.path, OAUTH_CLIENT_ID: "app", OAUTH_ISSUER: server.origin };
  const run = await cli(["revoke", "--", "some-token"], env);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(
    run.stderr.split("\n")[0],
    `usage: the metadata of ${server.origin} names no revocation_endpoint: set --revocation-endpoint (or OAUTH_REVOCATION_ENDPOINT)`,
  );
});

Deno.test("request, revoke and introspect without a saved token say to run oauth login", async () => {
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_CLIENT_ID: "app",
    OAUTH_REVOCATION_ENDPOINT: "https://as.example/revoke",
    OAUTH_INTROSPECTION_ENDPOINT: "https://as.example/introspect",
  };
  for (const args of [["request", "https://api.example/me"], ["revoke"], ["introspect"]]) {
    const run = await cli([...args, "--profile", "work"], env);
    assert.equal(run.code, EXIT.failed, `${args[0]}: ${run.stderr}`);
    const [line, hint] = run.stderr.split("\n");
    assert.equal(line, 'error: missing_token: no token is saved in profile "work"');
    assert.match(hint, /^hint: run oauth login .*oauth token/);
    assert.doesNotMatch(run.stderr, LIBRARY_WORDS);
  }
});

Deno.test("the opt-in to http: is a hint naming --insecure, chosen by the error's code", () => {
  const insecure = describeError(
    new OAuthError("insecure_transport", "whatever the library's text is"),
  );
  assert.equal(insecure.code, EXIT.failed);
  assert.equal(insecure.line, "error: insecure_transport: whatever the library's text is");
  assert.match(insecure.hint!, /--insecure \(or OAUTH_INSECURE=1\)/);
  const denied = describeError(
    new OAuthResponseError({ error: "access_denied", errorDescription: "no" }),
  );
  assert.equal(denied.line, "error: access_denied: no");
  assert.match(denied.hint!, /nothing was saved/);
  assert.equal(describeError(new OAuthError("invalid_response", "odd")).hint, undefined);
});

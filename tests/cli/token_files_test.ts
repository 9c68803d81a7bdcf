/**
 * A profile keeps a user's token and the machine (client_credentials) token apart: getting
 * a machine token does not sign the user out, and `oauth request` sends the user's token when
 * there is one.
 */
import assert from "node:assert/strict";
import { serveLoopback } from "../_loopback.ts";
import { cli, configDir } from "./_cli.ts";

const USER_TOKEN = "user-access-token-0123456789";
const MACHINE_TOKEN = "machine-access-token-0123456789";
const PASSWORD = "pw-never-shown-0123456789";

/** A token endpoint giving each grant its own token, and an API saying whose token it got. */
function server(request: Request): Promise<Response> | Response {
  const { pathname } = new URL(request.url);
  if (pathname === "/api") {
    const sent = request.headers.get("authorization");
    const who = sent === `Bearer ${USER_TOKEN}`
      ? "user"
      : sent === `Bearer ${MACHINE_TOKEN}`
      ? "machine"
      : undefined;
    return who ? Response.json({ who }) : new Response(null, { status: 401 });
  }
  return request.formData().then((form) => {
    const grant = form.get("grant_type");
    if (grant === "password" && form.get("password") === PASSWORD) {
      return Response.json({ access_token: USER_TOKEN, token_type: "Bearer", expires_in: 3600 });
    }
    if (grant === "client_credentials") {
      return Response.json({ access_token: MACHINE_TOKEN, token_type: "Bearer", expires_in: 3600 });
    }
    return Response.json({ error: "invalid_grant" }, { status: 400 });
  });
}

async function savedToken(path: string): Promise<string> {
  return JSON.parse(await Deno.readTextFile(path)).access_token;
}

Deno.test("oauth token keeps the machine token apart, and request sends the user's token", async () => {
  await using as = await serveLoopback(server);
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_CLIENT_ID: "app",
    OAUTH_CLIENT_SECRET: "app-secret-never-shown",
    OAUTH_TOKEN_ENDPOINT: `${as.origin}/token`,
  };
  const api = `${as.origin}/api`;
  const user = await cli(
    ["token", "--grant", "password", "--username", "alice", "--password", PASSWORD],
    env,
  );
  assert.equal(user.code, 0, user.stderr);
  assert.match(user.stdout, /^saved to profile "default"$/m);

  const machine = await cli(["token"], env);
  assert.equal(machine.code, 0, machine.stderr);
  assert.match(machine.stdout, /^saved to profile "default" as its machine token$/m);
  assert.equal(await savedToken(`${dir.path}/tokens/default.json`), USER_TOKEN, "kept");
  assert.equal(await savedToken(`${dir.path}/tokens/default.machine.json`), MACHINE_TOKEN);
  assert.equal((await Deno.stat(`${dir.path}/tokens/default.machine.json`)).mode! & 0o777, 0o600);

  const asUser = await cli(["request", api, "--json"], env);
  assert.equal(asUser.code, 0, asUser.stderr);
  assert.deepEqual(JSON.parse(JSON.parse(asUser.stdout).body), { who: "user" });
  const asMachine = await cli(["request", api, "--machine-token", "--json"], env);
  assert.equal(asMachine.code, 0, asMachine.stderr);
  assert.deepEqual(JSON.parse(JSON.parse(asMachine.stdout).body), { who: "machine" });

  const replaced = await cli(["token", "--replace-user-token"], env);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.match(replaced.stdout, /^saved to profile "default"$/m);
  assert.equal(await savedToken(`${dir.path}/tokens/default.json`), MACHINE_TOKEN, "asked for");
  for (const run of [user, machine, asUser, asMachine, replaced]) {
    assert.ok(!(run.stdout + run.stderr).includes(PASSWORD));
    assert.ok(!(run.stdout + run.stderr).includes("app-secret-never-shown"));
  }
});

Deno.test("a profile with only a machine token sends that one", async () => {
  await using as = await serveLoopback(server);
  await using dir = await configDir();
  const env = {
    OAUTH_CONFIG_DIR: dir.path,
    OAUTH_CLIENT_ID: "app",
    OAUTH_CLIENT_SECRET: "app-secret-never-shown",
    OAUTH_TOKEN_ENDPOINT: `${as.origin}/token`,
  };
  assert.equal((await cli(["token", "--profile", "svc"], env)).code, 0);
  await assert.rejects(Deno.stat(`${dir.path}/tokens/svc.json`), Deno.errors.NotFound);
  const run = await cli(["request", `${as.origin}/api`, "--profile", "svc", "--json"], env);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(JSON.parse(run.stdout).body), { who: "machine" });
});

Deno.test("a profile name that would share another profile's token files is refused", async () => {
  await using dir = await configDir();
  for (const profile of ["work.machine", "work.oauth1", "../up", "a b"]) {
    const run = await cli(["request", "https://api.example/", "--profile", profile], {
      OAUTH_CONFIG_DIR: dir.path,
      OAUTH_CLIENT_ID: "app",
    });
    assert.equal(run.code, 2, `${profile}: ${run.stderr}`);
    assert.match(run.stderr, /^usage: --profile is letters, digits, \. _ -/m);
  }
});

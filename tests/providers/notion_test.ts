import assert from "node:assert/strict";
import { OAuthError, OAuthResponseError } from "../../mod.ts";
import { notion as notionHooks } from "../../hooks/mod.ts";
import { notion } from "../../providers/mod.ts";
import {
  assertUser,
  codeFlow,
  emulate,
  type ProviderSpec,
  registryLogin,
  USER,
} from "./_emulator.ts";

const CLIENT = { clientId: "app", clientSecret: "secret", redirectUri: "https://app.example/cb" };

const SPEC: ProviderSpec = {
  name: "Notion",
  ...CLIENT,
  authorizationEndpoint: "https://api.notion.com/v1/oauth/authorize",
  tokenEndpoint: "https://api.notion.com/v1/oauth/token",
  clientAuth: ["basic"],
  tokenBody: "json",
  pkce: "unsupported",
  authorizationParams: { owner: "user" },
  tokenResponse: ({ expires_in: _, ...token }) => ({
    ...token,
    token_type: "bearer",
    bot_id: "bot-1",
    workspace_id: "ws-1",
    workspace_name: "Ada's workspace",
    owner: { type: "user", user: { object: "user", id: USER.id } },
  }),
  api: {
    "https://api.notion.com/v1/users/me": (request) => {
      if (!request.headers.get("notion-version")) {
        return Response.json({ object: "error", code: "missing_version" }, { status: 400 });
      }
      return Response.json({
        object: "user",
        id: "bot-1",
        type: "bot",
        name: "Example integration",
        bot: {
          owner: {
            type: "user",
            user: {
              object: "user",
              id: USER.id,
              name: USER.name,
              avatar_url: USER.picture,
              type: "person",
              person: { email: USER.email },
            },
          },
        },
      });
    },
  },
};

Deno.test("notion redeems and refreshes with JSON bodies and Basic credentials against an emulated Notion", async () => {
  const emulator = await emulate(SPEC);
  const flow = await codeFlow(notion(CLIENT), emulator);
  assert.equal(emulator.tokenRequests[0].headers.get("content-type"), "application/json");
  assert.equal(
    emulator.tokenRequests[0].params.code,
    new URL(flow.callback).searchParams.get("code"),
  );
  assert.equal(flow.token.workspace_name, "Ada's workspace");
  assert.notEqual(flow.refreshed?.refresh_token, flow.token.refresh_token);
  assertUser(flow.profile);
  assert.equal(emulator.apiRequests[0].headers.get("notion-version"), "2022-06-28");
});

Deno.test("notion is refused a form-encoded token request without its hook", async () => {
  await assert.rejects(
    codeFlow({ ...notion(CLIENT), hooks: [] }, await emulate(SPEC)),
    (error) =>
      error instanceof OAuthResponseError && error.code === "invalid_request" &&
      /JSON/.test(error.errorDescription ?? ""),
  );
  assert.throws(() => notion({ clientId: "app" }), TypeError);
});

Deno.test("notion's hook leaves a JSON body and a chosen Notion-Version as they are", async () => {
  const [toJson] = notionHooks.accessTokenRequest!;
  const json = new Request("https://api.notion.com/v1/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"grant_type":"authorization_code"}',
  });
  assert.equal(await toJson(json), json);
  const [version] = notionHooks.protectedRequest!;
  const chosen = new Request("https://api.notion.com/v1/users/me", {
    headers: { "notion-version": "2025-09-03" },
  });
  assert.equal((await version(chosen)).headers.get("notion-version"), "2025-09-03");
});

Deno.test("notion works as registered in an OAuthRegistry", async () => {
  const { token, profile } = await registryLogin(
    notion(CLIENT),
    await emulate(SPEC),
    CLIENT.redirectUri,
  );
  assert.ok(token.access_token);
  assert.equal(profile.id, USER.id);
});

Deno.test("notion names no user for a bot a workspace owns: invalid_response, never the bot's id", async () => {
  const workspaceBot: ProviderSpec = {
    ...SPEC,
    api: {
      "https://api.notion.com/v1/users/me": () =>
        Response.json({
          object: "user",
          id: "bot-1",
          type: "bot",
          name: "Example integration",
          bot: { owner: { type: "workspace", workspace: true } },
        }),
    },
  };
  await assert.rejects(
    codeFlow(notion(CLIENT), await emulate(workspaceBot)),
    (error) =>
      error instanceof OAuthError && error.code === "invalid_response" &&
      /owned by a user/.test(error.message),
  );
});

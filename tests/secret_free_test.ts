/**
 * Secrets and tokens never show when an object is printed: every class of every public entry
 * point either extends `SecretFree` or is on a short list of classes that hold none, and each
 * holder, made with recognisable secrets, shows none of them through `String`,
 * `JSON.stringify`, `Deno.inspect` or Node's `util.inspect`, alone or nested in a value.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import denoJson from "../deno.json" with { type: "json" };
import * as root from "../mod.ts";
import * as oauth1 from "../oauth1/mod.ts";
import * as oauth2 from "../oauth2/mod.ts";
import * as hooks from "../hooks/mod.ts";
import * as denoKv from "../stores/deno_kv.ts";
import * as durableObject from "../stores/durable_object.ts";
import * as redis from "../stores/redis.ts";
import * as file from "../stores/file.ts";
import * as web from "../web/mod.ts";
import * as providers from "../providers/mod.ts";

/** Every entry point of deno.json's `exports`. */
const ENTRY_POINTS: Record<string, Record<string, unknown>> = {
  "./mod.ts": root,
  "./oauth1/mod.ts": oauth1,
  "./oauth2/mod.ts": oauth2,
  "./hooks/mod.ts": hooks,
  "./stores/deno_kv.ts": denoKv,
  "./stores/durable_object.ts": durableObject,
  "./stores/redis.ts": redis,
  "./stores/file.ts": file,
  "./web/mod.ts": web,
  "./providers/mod.ts": providers,
};

/** The classes that hold no secret nor token, and why. */
const HOLD_NOTHING = new Map<unknown, string>([
  [root.SecretFree, "the base of the holders itself: abstract, with no state"],
  [root.OAuthError, "an error's code and message, which never name a secret or a token"],
  [root.OAuthResponseError, "the server's error, description, URI, status and headers"],
]);

const CLIENT_SECRET = "s3cret-XYZ-client-secret";
const TOKEN_SECRET = "s3cret-XYZ-token-secret";
const COOKIE_SECRET = "s3cret-XYZ-cookie-secret-of-at-least-32-characters";
const ACCESS_TOKEN = "tok-XYZ-access-token";
const REFRESH_TOKEN = "tok-XYZ-refresh-token";
const ID_TOKEN = "tok-XYZ-id-token";
const SECRETS = [
  CLIENT_SECRET,
  TOKEN_SECRET,
  COOKIE_SECRET,
  ACCESS_TOKEN,
  REFRESH_TOKEN,
  ID_TOKEN,
  "XYZ", // what they all share: no part of any of them either
];
const TOKEN: root.Token = {
  access_token: ACCESS_TOKEN,
  token_type: "Bearer",
  refresh_token: REFRESH_TOKEN,
  id_token: ID_TOKEN,
  expires_at: 2_000_000_000,
};

/** Whether `value` is a class, as opposed to a function that only has a prototype. */
function isClass(value: unknown): value is abstract new (...args: never[]) => unknown {
  return typeof value === "function" &&
    /^class\b/.test(Function.prototype.toString.call(value));
}

/** Every class the entry points export, by name. */
function exportedClasses(): Map<string, abstract new (...args: never[]) => unknown> {
  const classes = new Map<string, abstract new (...args: never[]) => unknown>();
  for (const module of Object.values(ENTRY_POINTS)) {
    for (const [name, value] of Object.entries(module)) {
      if (isClass(value)) classes.set(name, value);
    }
  }
  return classes;
}

/** Durable Object storage in a `Map`. */
function memoryStorage() {
  const data = new Map<string, unknown>();
  return {
    get: <T>(key: string) => Promise.resolve(data.get(key) as T | undefined),
    put: (key: string, value: unknown) => Promise.resolve(void data.set(key, value)),
    delete: (key: string) => Promise.resolve(data.delete(key)),
    list: <T>() => Promise.resolve(new Map<string, T>()),
  };
}

/** A Durable Object namespace whose one object is `object`. */
function namespaceOf(object: { fetch(request: Request): Promise<Response> }) {
  return {
    idFromName: (name: string) => name,
    get: () => ({
      fetch: (input: string, init?: RequestInit) => object.fetch(new Request(input, init)),
    }),
  };
}

/** A Deno KV stand-in in a `Map`, enough to keep a token. */
function memoryKv(): denoKv.KvLike & web.LoginKvLike {
  const data = new Map<string, unknown>();
  const id = (key: denoKv.KvKey) => key.map(String).join("\0");
  const atomic = () => {
    throw new Error("not needed here");
  };
  return {
    get: <T>(key: denoKv.KvKey) =>
      Promise.resolve({
        value: (data.get(id(key)) ?? null) as T | null,
        versionstamp: null,
      }),
    set: (key: denoKv.KvKey, value: unknown) => Promise.resolve(data.set(id(key), value)),
    delete: (key: denoKv.KvKey) => Promise.resolve(void data.delete(id(key))),
    atomic,
  } as unknown as denoKv.KvLike & web.LoginKvLike;
}

/** A Redis stand-in in a `Map` answering GET, SET (with NX) and DEL. */
function memoryRedis(): (args: string[]) => Promise<unknown> {
  const data = new Map<string, string>();
  return ([name, key, value, nx]) => {
    if (name === "GET") return Promise.resolve(data.get(key) ?? null);
    if (name === "DEL") return Promise.resolve(Number(data.delete(key)));
    if (nx === "NX" && data.has(key)) return Promise.resolve(null);
    data.set(key, value);
    return Promise.resolve("OK");
  };
}

function registry(): web.OAuthRegistry {
  const oauth = new web.OAuthRegistry({
    secret: COOKIE_SECRET,
    fetchToken: () => Promise.resolve(TOKEN),
  });
  oauth.register("github", {
    clientId: "app",
    clientSecret: CLIENT_SECRET,
    authorizationEndpoint: "https://github.com/login/oauth/authorize",
    tokenEndpoint: "https://github.com/login/oauth/access_token",
  });
  oauth.register("legacy", {
    clientId: "consumer",
    clientSecret: CLIENT_SECRET,
    requestTokenUrl: "https://legacy.example/request_token",
    authorizeUrl: "https://legacy.example/authorize",
    accessTokenUrl: "https://legacy.example/access_token",
  });
  return oauth;
}

/** One instance of each class that holds a secret or a token, holding recognisable ones. */
const HOLDERS: Record<string, () => Promise<object>> = {
  OAuth1Client: () =>
    Promise.resolve(
      new oauth1.OAuth1Client({
        clientKey: "consumer",
        clientSecret: CLIENT_SECRET,
        token: ACCESS_TOKEN,
        tokenSecret: TOKEN_SECRET,
      }),
    ),
  OAuth2Client: () =>
    Promise.resolve(
      new oauth2.OAuth2Client({ clientId: "app", clientSecret: CLIENT_SECRET, token: TOKEN }),
    ),
  MemoryTokenStore: () => Promise.resolve(new oauth2.MemoryTokenStore(TOKEN)),
  DenoKvTokenStore: async () => {
    const store = new denoKv.DenoKvTokenStore(memoryKv(), ["oauth", "tokens", "alice", 1n]);
    await store.set(TOKEN);
    return store;
  },
  TokenStoreObject: async () => {
    const object = new durableObject.TokenStoreObject({ storage: memoryStorage() });
    const put = new Request("https://token-store/token", {
      method: "PUT",
      body: JSON.stringify(TOKEN),
    });
    assert.equal((await object.fetch(put)).status, 200);
    return object;
  },
  DurableObjectTokenStore: async () => {
    const object = new durableObject.TokenStoreObject({ storage: memoryStorage() });
    const store = new durableObject.DurableObjectTokenStore(namespaceOf(object), "alice");
    await store.set(TOKEN);
    return store;
  },
  RedisTokenStore: async () => {
    const store = new redis.RedisTokenStore(memoryRedis(), "oauth:token:alice");
    await store.set(TOKEN);
    return store;
  },
  // Constructing it touches no file: it holds the path, and the token is read when asked for.
  FileTokenStore: () => Promise.resolve(new file.FileTokenStore("/nowhere/tokens/alice.json")),
  OAuthRegistry: () => Promise.resolve(registry()),
  RemoteApp: () => Promise.resolve(registry().client("github")),
  CookieSealer: () => Promise.resolve(new web.CookieSealer(COOKIE_SECRET)),
  MemoryLoginStore: async () => {
    const store = new web.MemoryLoginStore();
    await store.consume("login-1", Date.now() / 1000 + 600);
    return store;
  },
  DenoKvLoginStore: () =>
    Promise.resolve(new web.DenoKvLoginStore(memoryKv(), ["oauth", "logins"])),
  RedisLoginStore: async () => {
    const store = new web.RedisLoginStore(memoryRedis(), "oauth:logins");
    await store.consume("login-1", Date.now() / 1000 + 600);
    return store;
  },
  LoginStoreObject: () => Promise.resolve(new web.LoginStoreObject({ storage: memoryStorage() })),
  DurableObjectLoginStore: () => {
    const object = new web.LoginStoreObject({ storage: memoryStorage() });
    return Promise.resolve(new web.DurableObjectLoginStore(namespaceOf(object), "logins"));
  },
};

/** What each way of printing shows of `value`, alone and nested in other values. */
function views(value: object): Record<string, string> {
  const nested = { app: [{ value }], map: new Map([["value", value]]) };
  return {
    "String": String(value),
    "template literal": `${value}`,
    "JSON.stringify": JSON.stringify(value),
    "JSON.stringify, nested": JSON.stringify({ app: [{ value }] }),
    "Deno.inspect": Deno.inspect(value, { depth: 10 }),
    "Deno.inspect, nested": Deno.inspect(nested, { depth: 10 }),
    "util.inspect": inspect(value, { depth: 10 }),
    "util.inspect, nested": inspect(nested, { depth: 10 }),
    "util.inspect, showHidden": inspect(value, { depth: 10, showHidden: true }),
  };
}

Deno.test("the test walks every entry point of deno.json's exports", () => {
  for (const path of Object.values(denoJson.exports)) {
    assert.ok(path in ENTRY_POINTS, `${path} is an entry point: import it here`);
  }
});

Deno.test("every exported class extends SecretFree, or is one of the few that hold no secret", () => {
  const classes = exportedClasses();
  assert.ok(classes.size > HOLD_NOTHING.size, "the walk finds the classes");
  for (const [name, value] of classes) {
    assert.ok(
      value.prototype instanceof root.SecretFree || HOLD_NOTHING.has(value),
      `${name} holds a secret or a token, or is new: extend SecretFree, or explain in HOLD_NOTHING why it holds none`,
    );
  }
});

Deno.test("every secret holder the entry points export is printed here with secrets in it", () => {
  const holders = [...exportedClasses()]
    .filter(([, value]) => value.prototype instanceof root.SecretFree)
    .map(([name]) => name);
  assert.deepEqual(holders.sort(), Object.keys(HOLDERS).sort());
});

for (const [name, make] of Object.entries(HOLDERS)) {
  Deno.test(`${name} shows no secret nor token through String, JSON.stringify or inspect`, async () => {
    const value = await make();
    for (const [how, text] of Object.entries(views(value))) {
      for (const secret of SECRETS) {
        assert.ok(!text.includes(secret), `${how}(${name}) shows a secret: ${text}`);
      }
    }
  });
}

Deno.test("each holder's summary begins with the name its class is exported under", async () => {
  // A bundler that meets a class's own name inside its body may rename the class (`var
  // OAuth2Client = class _OAuth2Client`); String() shows the class's name.
  for (const [name, make] of Object.entries(HOLDERS)) {
    const text = String(await make());
    assert.ok(text.startsWith(`${name} {`), `String(${name}) begins with ${text.slice(0, 30)}`);
  }
});

Deno.test("a summary still says which object it is: the registry names its providers", () => {
  const oauth = registry();
  assert.equal(String(oauth), 'OAuthRegistry {"providers":["github","legacy"]}');
  assert.deepEqual(JSON.parse(JSON.stringify(oauth.client("legacy"))), {
    name: "legacy",
    clientId: "consumer",
    isOAuth1: true,
  });
  assert.equal(
    inspect(new redis.RedisTokenStore(memoryRedis(), "oauth:token:alice")),
    'RedisTokenStore {"key":"oauth:token:alice","leaseMs":10000,"waitMs":30000}',
  );
  assert.deepEqual(
    new denoKv.DenoKvTokenStore(memoryKv(), ["tokens", 7n, new Uint8Array(3)]).toJSON().key,
    ["tokens", "7n", "Uint8Array(3)"],
  );
});

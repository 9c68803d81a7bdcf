/**
 * A browser visiting the login app of examples/login_app.ts: a cookie jar for the app's site,
 * requests sent through `dispatch` (a real `fetch` to a served app, or miniflare's
 * `dispatchFetch` into a Worker), redirects returned rather than followed so tests can look at
 * each step, and the provider's pages played by the oidc-provider harness.
 */
import assert from "node:assert/strict";
import { CookieJar } from "../oauth2/_oidc_browser.ts";
import type { OidcTestProvider } from "../oauth2/_oidc_provider.ts";

export type Dispatch = (request: Request) => Promise<Response>;

export class Visitor {
  readonly jar = new CookieJar();
  constructor(readonly origin: string, readonly dispatch: Dispatch) {}

  /** One request to the app (a path or a full URL), with the jar's cookies; stores new ones. */
  async visit(target: string, method = "GET"): Promise<Response> {
    const url = new URL(target, this.origin);
    const cookie = this.jar.header(url);
    const response = await this.dispatch(
      new Request(url, { method, headers: cookie ? { cookie } : {}, redirect: "manual" }),
    );
    this.jar.store(response.headers.getSetCookie());
    return response;
  }

  /** `/login`, the provider's pages, then the callback: answers the callback's response. */
  async login(op: OidcTestProvider, user = "alice"): Promise<Response> {
    const start = await this.visit("/login");
    assert.equal(start.status, 302);
    const callback = await op.authorize(start.headers.get("location")!, { user });
    assert.ok(callback.startsWith(`${this.origin}/callback?`), callback);
    return await this.visit(callback);
  }

  /** `/me`'s status and JSON body. */
  async me(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.visit("/me");
    return { status: response.status, body: await response.json() };
  }
}

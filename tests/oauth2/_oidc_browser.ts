/**
 * The browser side of the authorization code flow against the test oidc-provider: follows the
 * provider's redirects with a cookie jar, fills its development login page and confirms its
 * consent page (or cancels), and stops at the redirect that leaves the provider.
 *
 * @module
 */

/**
 * Plays the browser from `authorizationUrl` until a redirect leaves `providerOrigin`, and
 * returns that Location; `OidcTestProvider.authorize` describes the options.
 */
export async function authorizeAsBrowser(
  authorizationUrl: string | URL,
  providerOrigin: string,
  { user = "alice", deny = false }: { user?: string; deny?: boolean } = {},
): Promise<string> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let init: { method: string; body?: URLSearchParams } = { method: "GET" };
  for (let step = 0; step < 20; step++) {
    const cookie = jar.header(url);
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: cookie ? { cookie } : {},
    });
    jar.store(response.headers.getSetCookie());
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== providerOrigin) return next.href;
      url = next;
      init = { method: "GET" };
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) {
      throw new Error(`authorize: ${response.status} from ${url.pathname}:\n${page}`);
    }
    if (deny) {
      const abort = /<a\b[^>]*\bhref\s*=\s*"([^"]*\/abort)"/i.exec(page);
      if (!abort) throw new Error(`authorize: no way to cancel on ${url.pathname}:\n${page}`);
      url = new URL(unescapeHtml(abort[1]), url);
      init = { method: "GET" };
      continue;
    }
    const { action, fields } = parseForm(page, url);
    if (fields.get("prompt") === "login") {
      fields.set("login", user);
      fields.set("password", "any password");
    } else if (fields.get("prompt") !== "consent") {
      throw new Error(`authorize: unexpected page at ${url.pathname}:\n${page}`);
    }
    url = action;
    init = { method: "POST", body: new URLSearchParams([...fields]) };
  }
  throw new Error("authorize: too many steps");
}

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (entity[0] !== "#") return named[entity.toLowerCase()];
    return String.fromCodePoint(
      entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
    );
  });
}

/**
 * A browser's cookie store for one site, reduced to what the provider's interaction cookies
 * and the example apps need: names and paths, deletion by Max-Age or Expires, no domains.
 */
export class CookieJar {
  #cookies = new Map<string, { name: string; value: string; path: string }>();

  store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(";");
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let path = "/";
      let expired = value === "";
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split("=");
        const attributeValue = rest.join("=").trim();
        switch (key.trim().toLowerCase()) {
          case "path":
            path = attributeValue || "/";
            break;
          case "expires":
            if (Date.parse(attributeValue) <= Date.now()) expired = true;
            break;
          case "max-age":
            if (Number(attributeValue) <= 0) expired = true;
            break;
        }
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.#cookies.values()]
      .filter(({ path }) =>
        url.pathname === path || url.pathname.startsWith(path.endsWith("/") ? path : `${path}/`)
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
  }
}

/** The first form of a page: its action and its named inputs' values. */
function parseForm(html: string, base: URL): { action: URL; fields: Map<string, string> } {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the page:\n${html}`);
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];
  const action = new URL(unescapeHtml(attribute(form[1], "action") ?? ""), base);
  const fields = new Map<string, string>();
  for (const [input] of form[2].matchAll(/<(?:input|button)\b[^>]*>/gi)) {
    const name = attribute(input, "name");
    if (name !== undefined) {
      fields.set(unescapeHtml(name), unescapeHtml(attribute(input, "value") ?? ""));
    }
  }
  return { action, fields };
}

/**
 * The browser side of the authorization code and device flows against the test oidc-provider:
 * follows the provider's redirects with a cookie jar, types the user code of the device flow,
 * fills the development login page and confirms the consent page (or cancels), and stops at
 * the redirect that leaves the provider or at the last page.
 *
 * @module
 */

type Step = { url: URL; init: { method: string; body?: URLSearchParams } } | { done: string };

/**
 * Follows redirects with a cookie jar (a new one, or the browser's `jar` that other walks
 * share) from `start` and hands every 200 page to `onPage`, which says where to go next or what
 * to answer. A redirect out of `providerOrigin` ends the walk with its Location.
 */
async function browse(
  start: string | URL,
  providerOrigin: string,
  onPage: (page: string, url: URL) => Step,
  jar = new CookieJar(),
): Promise<string> {
  let url = new URL(start);
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
      throw new Error(`browser: ${response.status} from ${url.pathname}:\n${page}`);
    }
    const next = onPage(page, url);
    if ("done" in next) return next.done;
    ({ url, init } = next);
  }
  throw new Error("browser: too many steps");
}

/** The login and consent pages: signs in as `user` and confirms, or cancels with `deny`. */
function interaction(page: string, url: URL, user: string, deny: boolean): Step {
  if (deny) {
    const abort = /<a\b[^>]*\bhref\s*=\s*"([^"]*\/abort)"/i.exec(page);
    if (!abort) throw new Error(`browser: no way to cancel on ${url.pathname}:\n${page}`);
    return { url: new URL(unescapeHtml(abort[1]), url), init: { method: "GET" } };
  }
  const { action, fields } = parseForm(page, url);
  if (fields.get("prompt") === "login") {
    fields.set("login", user);
    fields.set("password", "any password");
  } else if (fields.get("prompt") !== "consent") {
    throw new Error(`browser: unexpected page at ${url.pathname}:\n${page}`);
  }
  return { url: action, init: { method: "POST", body: new URLSearchParams([...fields]) } };
}

/**
 * Plays the browser from `authorizationUrl` until a redirect leaves `providerOrigin`, and
 * returns that Location; `OidcTestProvider.authorize` describes the options. With `jar`, the
 * provider's session cookies outlive the walk, as a browser's do.
 */
export function authorizeAsBrowser(
  authorizationUrl: string | URL,
  providerOrigin: string,
  { user = "alice", deny = false, jar }: { user?: string; deny?: boolean; jar?: CookieJar } = {},
): Promise<string> {
  return browse(
    authorizationUrl,
    providerOrigin,
    (page, url) => interaction(page, url, user, deny),
    jar,
  );
}

/**
 * Plays the browser at an end-session URL (OpenID Connect RP-Initiated Logout 1.0) with the
 * browser's `jar`: confirms the provider's sign-out page ("Yes, sign me out"), or lets its
 * self-submitting form go when there is no session, and returns the Location of the redirect
 * that leaves the provider, or else the text of its last page (its own "signed out" page).
 */
export function endSessionAsBrowser(
  endSessionUrl: string | URL,
  providerOrigin: string,
  jar: CookieJar,
): Promise<string> {
  let confirmed = false;
  return browse(endSessionUrl, providerOrigin, (page, url) => {
    if (confirmed || !/<form\b/i.test(page)) return { done: page };
    confirmed = true;
    const { action, fields } = parseForm(page, url);
    // The confirmation button sits outside the form (form="op.logoutForm"), as its submitter.
    fields.set("logout", "yes");
    return { url: action, init: { method: "POST", body: new URLSearchParams([...fields]) } };
  }, jar);
}

/**
 * Plays the user of the device flow (RFC 8628 §3.3) at `verificationUri`: types the user code,
 * confirms the device (or aborts with `deny`), signs in and consents. Answers the text of the
 * provider's last page (its success or abort page).
 */
export function confirmDeviceAsBrowser(
  verificationUri: string,
  userCode: string,
  providerOrigin: string,
  { user = "alice", deny = false }: { user?: string; deny?: boolean } = {},
): Promise<string> {
  let entered = false;
  return browse(verificationUri, providerOrigin, (page, url) => {
    // A page without a form ends the walk, and so does the code page shown a second time (the
    // provider's answer to an abort or a wrong code).
    const input = /id="op\.deviceInputForm"/.test(page);
    if (!/<form\b/i.test(page) || (input && entered)) return { done: page };
    const { action, fields } = parseForm(page, url);
    if (input) {
      entered = true;
      fields.set("user_code", userCode);
    } else if (/id="op\.deviceConfirmForm"/.test(page)) {
      if (deny) fields.set("abort", "yes");
    } else return interaction(page, url, user, false);
    return { url: action, init: { method: "POST", body: new URLSearchParams([...fields]) } };
  });
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

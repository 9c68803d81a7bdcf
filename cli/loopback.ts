/**
 * The RFC 8252 §7.3 loopback redirect: a one-shot server on 127.0.0.1 (a random port unless
 * one is asked for) that takes the first request to `/callback`, hands the full URL over, and
 * answers the browser once the CLI knows how the sign-in ended, so the tab never says "done"
 * for a refusal or a failed exchange.
 *
 * @module
 */
import { createServer, type ServerResponse } from "node:http";
import { ALREADY_RECEIVED, callbackPage } from "./callback_page.ts";
import { describeError } from "./output.ts";

/** A listening loopback redirect. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/callback`, to register and send. */
  redirectUri: string;
  /** The callback URL the browser arrived with; rejects after `timeoutMs`. */
  callback(timeoutMs: number): Promise<URL>;
  /**
   * Runs `work` (what is done with the callback: the token exchange), then answers the
   * browser's tab with how it ended: done, or the error the terminal shows. Returns what
   * `work` returns, or throws what it throws.
   */
  finish<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  // The page shows text from the redirect: escaped, and with no script allowed should that fail.
  "content-security-policy": "default-src 'none'",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
};

export async function listenForRedirect(port = 0): Promise<LoopbackRedirect> {
  let arrived: (url: URL) => void;
  const received = new Promise<URL>((resolve) => arrived = resolve);
  let held: ServerResponse | undefined;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${address}`);
    if (request.method !== "GET" || url.pathname !== "/callback") {
      response.writeHead(404).end();
    } else if (held !== undefined) {
      // A reload or a second tab: the first request is the one that counts.
      answer(response, ALREADY_RECEIVED);
    } else {
      held = response;
      arrived(url);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = (server.address() as { port: number }).port;
  return {
    redirectUri: `http://127.0.0.1:${address}/callback`,
    callback: (timeoutMs) => withTimeout(received, timeoutMs),
    async finish(work) {
      try {
        const result = await work();
        await answer(held, callbackPage());
        return result;
      } catch (error) {
        await answer(held, callbackPage(describeError(error)));
        throw error;
      }
    },
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

/** Sends `page` and resolves once it is sent, or the browser has gone. */
function answer(response: ServerResponse | undefined, page: string): Promise<void> {
  if (response === undefined || response.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    response.once("finish", () => resolve());
    response.once("close", () => resolve());
    response.writeHead(200, HEADERS).end(page);
  });
}

function withTimeout(received: Promise<URL>, timeoutMs: number): Promise<URL> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DOMException(`no redirect within ${timeoutMs / 1000} s`, "TimeoutError")),
      timeoutMs,
    );
  });
  return Promise.race([received, timeout]).finally(() => clearTimeout(timer));
}

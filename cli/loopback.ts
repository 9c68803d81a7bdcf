/**
 * The RFC 8252 §7.3 loopback redirect: a one-shot server on 127.0.0.1 (a random port unless
 * one is asked for) that takes the first request to `/callback`, answers the browser, and
 * hands the full URL over.
 *
 * @module
 */
import { createServer } from "node:http";

/** A listening loopback redirect. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/callback`, to register and send. */
  redirectUri: string;
  /** The callback URL the browser arrived with; rejects after `timeoutMs`. */
  callback(timeoutMs: number): Promise<URL>;
  close(): void;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>oauth</title>
<p>Done: you can close this tab and go back to the terminal.</p>`;

export async function listenForRedirect(port = 0): Promise<LoopbackRedirect> {
  let arrived: (url: URL) => void;
  const received = new Promise<URL>((resolve) => arrived = resolve);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://127.0.0.1:${address}`);
    if (request.method !== "GET" || url.pathname !== "/callback") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    arrived(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = (server.address() as { port: number }).port;
  return {
    redirectUri: `http://127.0.0.1:${address}/callback`,
    callback: (timeoutMs) => {
      let timer: ReturnType<typeof setTimeout>;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new DOMException(`no redirect within ${timeoutMs / 1000} s`, "TimeoutError")),
          timeoutMs,
        );
      });
      return Promise.race([received, timeout]).finally(() => clearTimeout(timer));
    },
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

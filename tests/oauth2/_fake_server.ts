/** A fake authorization server for the OAuth2Client tests. */
import { OAuth2Client, type OAuth2ClientOptions } from "../../oauth2/mod.ts";

export const SECRET = "SECRET_SENTINEL";
export const NOW = 1_700_000_000_000;

export interface Sent {
  url: URL;
  headers: Headers;
  form: URLSearchParams;
}

/** A fake authorization server: answers every request with `answer`, records what it got. */
export function setup(
  options: Partial<OAuth2ClientOptions> = {},
  answer?: (sent: Sent, index: number) => Response,
) {
  const sent: Sent[] = [];
  const client = new OAuth2Client({
    clientId: "app",
    clientSecret: SECRET,
    authorizationEndpoint: "https://as.example/authorize",
    tokenEndpoint: "https://as.example/token",
    revocationEndpoint: "https://as.example/revoke",
    introspectionEndpoint: "https://as.example/introspect",
    redirectUri: "https://app.example/callback",
    scope: "read",
    now: () => NOW,
    fetch: async (request) => {
      const record = {
        url: new URL(request.url),
        headers: request.headers,
        form: new URLSearchParams(await request.text()),
      };
      sent.push(record);
      return answer?.(record, sent.length - 1) ??
        Response.json({
          access_token: `at${sent.length}`,
          token_type: "Bearer",
          expires_in: 3600,
          refresh_token: `rt${sent.length}`,
        });
    },
    ...options,
  });
  return { client, sent };
}

/** A client whose token endpoint answers with `answer`, recording each form it was sent. */
export function formClient(
  options: Partial<OAuth2ClientOptions>,
  answer: (form: URLSearchParams) => Response | Promise<Response>,
) {
  const sent: URLSearchParams[] = [];
  const instance = new OAuth2Client({
    clientId: "app",
    clientSecret: "app-secret-value",
    tokenEndpoint: "https://as.example/token",
    now: () => NOW,
    fetch: async (request) => {
      const form = new URLSearchParams(await request.text());
      sent.push(form);
      return await answer(form);
    },
    ...options,
  });
  return { client: instance, sent };
}

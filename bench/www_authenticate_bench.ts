/**
 * `npm run bench`: `parseWwwAuthenticate` on 100 KiB hostile headers (checklist row 44). The
 * parser is linear: every case should stay far below 50 ms.
 *
 * @module
 */
import { parseWwwAuthenticate } from "../oauth2/www_authenticate.ts";

const SIZE = 100 * 1024;
const HOSTILE: Record<string, string> = {
  "Bearer + 100 KiB of U+00A0": "Bearer " + "\u00a0".repeat(SIZE),
  "25,600 parameters": "Bearer " + "a=b,".repeat(SIZE / 4),
  "100 KiB of commas": ",".repeat(SIZE),
  "an unterminated quoted string of escapes": 'Bearer x="' + "\\a".repeat(SIZE / 2),
  "100 KiB of equals signs": "Bearer " + "=".repeat(SIZE),
  "51,200 one-letter challenges": "a ".repeat(SIZE / 2),
};

for (const [name, header] of Object.entries(HOSTILE)) {
  Deno.bench({
    name,
    group: "WWW-Authenticate, 100 KiB",
    fn: () => void parseWwwAuthenticate(header),
  });
}
Deno.bench({
  name: "a normal RFC 6750 challenge",
  group: "WWW-Authenticate, normal",
  fn: () =>
    void parseWwwAuthenticate(
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    ),
});

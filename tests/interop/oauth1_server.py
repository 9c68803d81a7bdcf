#!/usr/bin/python3
"""OAuth 1.0a (RFC 5849) provider for interop tests, built on oauthlib's own
server endpoints (Debian python3-oauthlib 3.2.2). Run it with /usr/bin/python3.

Usage:
  /usr/bin/python3 tests/interop/oauth1_server.py serve     HTTP provider
  /usr/bin/python3 tests/interop/oauth1_server.py verify    JSON-lines verifier
  /usr/bin/python3 tests/interop/oauth1_server.py selftest  check both modes
                                                            with oauthlib.oauth1.Client

Registered clients (serve mode; each may use ONLY its own signature method):
  client key          client secret       signature method
  client-hmac-sha1    secret-hmac-sha1    HMAC-SHA1
  client-hmac-sha256  secret-hmac-sha256  HMAC-SHA256
  client-hmac-sha512  secret-hmac-sha512  HMAC-SHA512
  client-plaintext    secret-plaintext    PLAINTEXT
  client-rsa-sha1     (none)              RSA-SHA1    \\  public key: "spki" of
  client-rsa-sha256   (none)              RSA-SHA256   > tests/fixtures/
  client-rsa-sha512   (none)              RSA-SHA512  /  oauth1_rsa_test_key.json
Format checks: keys, tokens: [A-Za-z0-9._~-]{1,128}; nonce and verifier:
[A-Za-z0-9._~-]{8,64}; oauth_timestamp: 10 digits within 600 s of now
(oauthlib). Nonces are remembered per (client, timestamp, nonce, token); a
reuse is rejected. Any realm is accepted.

serve: listens on 127.0.0.1:<ephemeral>, prints one line {"port": <n>} to
stdout, then serves until stdin reaches EOF (if stdin is /dev/null it is not
watched) or SIGTERM/SIGINT. Signatures are checked against the URI
http://127.0.0.1:<port><request-target as received>.
  POST|GET /request_token   -> 200 oauth_token=..&oauth_token_secret=..&oauth_callback_confirmed=true
  GET /authorize?oauth_token=T&user=alice -> 302 Location: <callback>?oauth_token=T&oauth_verifier=V
                              (callback "oob": 200 form body oauth_token=T&oauth_verifier=V)
  GET /authorize?oauth_token=T&deny=1     -> 302 Location: <callback>?denied=T (oob: 200 denied=T)
  POST /access_token        -> 200 oauth_token=..&oauth_token_secret=..&oauth_authorized_realms=..
  ANY /resource             -> 200 {"ok": true, "client": .., "token": .., "method": ..}
                               | 401 text/plain reason
  GET /stats                -> {"requestTokens": n, "accessTokens": n, "resourceOk": n, "resourceRejected": n}
  oauthlib errors keep their status and form-encoded body (error=..&error_description=..).
  Set OAUTH1_SERVER_LOG=1 for one stderr line per request.

verify: one JSON object per stdin line,
  {"id": 1, "method": "POST", "url": "https://api.example.com/x?a=1",
   "headers": {"Authorization": "OAuth ..."}, "body": "a=1" | null,
   "clientKey": "...", "clientSecret": "...", "token": "..." | null, "tokenSecret": "..." | null}
one JSON line out per input line: {"id": 1, "valid": true}
                              or {"id": 1, "valid": false, "reason": "..."}
Each line's client (any signature method; RSA-* uses the "spki" key) and access
token are the only ones registered while that line is checked. Nonces are
remembered across the whole batch. Lines with "token": null go through
oauthlib's SignatureOnlyEndpoint (two-legged) because ResourceEndpoint always
requires oauth_token; all other lines go through ResourceEndpoint, as /resource.
"""
import sys

from _oauth1_http import run_serve
from _oauth1_selftest import run_selftest
from _oauth1_verify import run_verify
from _serve import run_mode


if __name__ == "__main__":
    sys.exit(run_mode(__doc__, {"serve": run_serve, "verify": run_verify,
                                "selftest": lambda: run_selftest(__file__)}, sys.argv))

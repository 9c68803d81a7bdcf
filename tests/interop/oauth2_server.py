#!/usr/bin/python3
"""OAuth 2.0 (RFC 6749) authorization server + protected resource for interop
tests, built on oauthlib's own server endpoints (Debian python3-oauthlib 3.2.2,
PyJWT 2.6 for RFC 7523). Run it with /usr/bin/python3.

Usage:
  /usr/bin/python3 tests/interop/oauth2_server.py serve     HTTP server
  /usr/bin/python3 tests/interop/oauth2_server.py selftest  exercise serve with urllib

serve: listens on 127.0.0.1:<ephemeral>, prints one line {"port": <n>} to
stdout, then serves until stdin reaches EOF (if stdin is /dev/null it is not
watched) or SIGTERM/SIGINT. oauthlib sees the URI http://127.0.0.1:<port><path>.
Set OAUTH2_SERVER_LOG=1 for one stderr line per request, OAUTH2_SERVER_EXPIRES_IN
to change the access-token lifetime (default 3600 s).

Registered clients:
  client_id      client_secret     type          grants
  confidential   confidential-secret  confidential  authorization_code, password,
  tricky id:1    p:w%+ secret         confidential  client_credentials, refresh_token,
                                                    jwt-bearer
  public-app     (none)               public, PKCE  authorization_code (+ PKCE required),
                                      required      implicit (response_type=token),
                                                    refresh_token
  all: redirect URI http://127.0.0.1/callback (any port on it is accepted, RFC 8252
  7.3); default scope "read"; allowed scopes "read write".
  Confidential clients authenticate with client_secret_basic (RFC 6749 2.3.1: id and
  secret form-urlencoded, then base64) or client_secret_post; never both at once.
  Public clients send client_id in the body (or Basic with an empty password).
Users: alice / wonderland (password grant). /authorize approves at once as
?user=<name> (default alice).
jwt-bearer assertions (RFC 7523): iss "assertion-issuer" HS256 with secret
  "jwt-bearer-shared-secret-0123456789abcdef"; iss "rsa-assertion-issuer" RS256
  with "spki" of tests/fixtures/oauth1_rsa_test_key.json. Required: iss, sub (the
  user), aud = http://127.0.0.1:<port>/token, exp (30 s leeway). Client
  authentication is optional for this grant (RFC 7523 3.1); if presented it must
  be valid. No refresh token is issued.

Endpoints:
  GET|POST /authorize  oauthlib's 302 (code in the query, token in the fragment);
                       &deny=1 -> 302 with error=access_denied (+state). An unknown
                       client_id or unregistered redirect_uri -> 400 JSON, no redirect.
  POST /token          grants authorization_code, password, client_credentials,
                       refresh_token (rotates; the old refresh token is dead),
                       urn:ietf:params:oauth:grant-type:jwt-bearer
  POST /revoke         RFC 7009 (revoking a refresh token also revokes the access
                       tokens of its grant)
  POST /introspect     RFC 7662 -> {"active": true, "scope", "client_id", "username",
                       "sub", "token_type", "exp", "iat", "iss"} | {"active": false}
  ANY  /resource       RFC 6750 (header, or access_token in query/form; not two at once)
                       -> 200 {"ok": true, "user", "client_id", "scopes": [..]}
                       | 401 WWW-Authenticate: Bearer realm=.., error="invalid_token"
                         (no error attribute when no token was sent at all)
                       ?need=write -> 403 insufficient_scope if the token lacks it
  GET  /stats          {"authorize": n, "token": n, "revoke": n, "introspect": n,
                        "resource": n}  (requests received, whatever their outcome)
POSTs to /token, /revoke and /introspect must be application/x-www-form-urlencoded.
invalid_client is 401 with WWW-Authenticate: Basic (oauthlib itself says Bearer).
Errors oauthlib leaves without error_description get one saying why.
"""
import sys

from _oauth2_http import run_serve
from _oauth2_selftest import run_selftest
from _serve import run_mode


if __name__ == "__main__":
    sys.exit(run_mode(__doc__, {"serve": run_serve, "selftest": lambda: run_selftest(__file__)},
                      sys.argv))

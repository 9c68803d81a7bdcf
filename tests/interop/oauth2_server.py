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
import base64
import hmac
import json
import os
import secrets
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from _serve import InteropHandler, new_server, run_mode, serve_until_stopped
from urllib.parse import parse_qsl, unquote_plus, urlsplit

import jwt
from oauthlib.common import add_params_to_uri
from oauthlib.oauth2 import RequestValidator, Server
from oauthlib.oauth2.rfc6749 import errors, utils
from oauthlib.oauth2.rfc6749.grant_types.base import GrantTypeBase

KEY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "oauth1_rsa_test_key.json"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
HS_SECRET = "jwt-bearer-shared-secret-0123456789abcdef"
REDIRECT = "http://127.0.0.1/callback"
CODE_TTL = 600
USERS = {"alice": "wonderland"}
CONFIDENTIAL_GRANTS = {"authorization_code", "password", "client_credentials", "refresh_token", JWT_BEARER}
CLIENTS = {
    "confidential": {"secret": "confidential-secret", "grants": CONFIDENTIAL_GRANTS, "pkce": False},
    "tricky id:1": {"secret": "p:w%+ secret", "grants": CONFIDENTIAL_GRANTS, "pkce": False},
    "public-app": {"secret": None, "grants": {"authorization_code", "implicit", "refresh_token"},
                   "pkce": True},
}
ALLOWED_SCOPES = {"read", "write"}
DEFAULT_SCOPES = ["read"]
ANONYMOUS_GRANTS = {JWT_BEARER}  # grants that may be used without identifying a client
FORM = "application/x-www-form-urlencoded"
NO_STORE = {"Content-Type": "application/json", "Cache-Control": "no-store", "Pragma": "no-cache"}


# ---- per-thread notes: why was a request rejected? -------------------------
_diag = threading.local()


def note(msg):
    if not hasattr(_diag, "notes"):
        _diag.notes = []
    _diag.notes.append(msg)


def take_notes():
    notes, _diag.notes = getattr(_diag, "notes", []), []
    return notes


def description_safe(text):
    # RFC 6749 5.2: error_description is %x20-21 / %x23-5B / %x5D-7E
    return "".join(c if " " <= c <= "~" and c not in '"\\' else "'" if c in '"\\' else "?"
                   for c in text)


class Client:
    def __init__(self, client_id, info):
        self.client_id = client_id
        self.secret = info["secret"]
        self.grants = info["grants"]
        self.pkce = info["pkce"]


# ---- storage + RequestValidator --------------------------------------------
class Store:
    def __init__(self):
        self.lock = threading.RLock()
        self.codes = {}    # code -> record
        self.access = {}   # access token -> record
        self.refresh = {}  # refresh token -> record
        self.stats = {"authorize": 0, "token": 0, "revoke": 0, "introspect": 0, "resource": 0}

    def bump(self, name):
        with self.lock:
            self.stats[name] += 1

    def revoke_grant(self, grant):
        with self.lock:
            for table in (self.access, self.refresh):
                for tok in [t for t, r in table.items() if r["grant"] == grant]:
                    del table[tok]


def is_registered_redirect(uri):
    # exact match, except that any port is fine on the loopback URI (RFC 8252 7.3)
    try:
        parts = urlsplit(uri)
        return (uri == REDIRECT or (parts.scheme == "http" and parts.hostname == "127.0.0.1"
                                    and parts.port is not None and parts.path == "/callback"
                                    and not parts.query and not parts.fragment
                                    and parts.netloc == "127.0.0.1:%d" % parts.port))
    except ValueError:
        return False


class Validator(RequestValidator):
    def __init__(self, store, base):
        super().__init__()
        self.store = store
        self.base = base

    # -- client identification / authentication (RFC 6749 2.3.1) --
    def credentials(self, request):
        """(client_id, secret, method); method is client_secret_basic, client_secret_post,
        none, or invalid."""
        body_id = request._params.get("client_id")
        body_secret = request._params.get("client_secret")
        scheme, _, value = (request.headers.get("Authorization") or "").strip().partition(" ")
        if scheme.lower() == "basic":
            try:
                raw = base64.b64decode(value.strip(), validate=True).decode("utf-8")
            except ValueError:
                note("HTTP Basic credentials are not base64 of UTF-8")
                return None, None, "invalid"
            cid, sep, secret = raw.partition(":")
            if not sep:
                note("HTTP Basic credentials have no colon")
                return None, None, "invalid"
            cid, secret = unquote_plus(cid), unquote_plus(secret)
            if body_secret is not None:
                note("client used both HTTP Basic and client_secret in the body (RFC 6749 2.3)")
                return None, None, "invalid"
            if body_id is not None and body_id != cid:
                note("client_id in the body differs from the HTTP Basic user name")
                return None, None, "invalid"
            return cid, secret, "client_secret_basic"
        if body_secret is not None:
            return body_id, body_secret, "client_secret_post"
        return body_id, None, "none"

    def _lookup(self, cid):
        info = CLIENTS.get(cid) if cid is not None else None
        return Client(cid, info) if info else None

    def client_presented(self, request):
        cid, _, method = self.credentials(request)
        return method != "none" or cid is not None

    def client_authentication_required(self, request, *args, **kwargs):
        cid, secret, method = self.credentials(request)
        client = self._lookup(cid)
        if method != "invalid" and client is not None and client.secret is None and not secret:
            return False
        return True

    def authenticate_client(self, request, *args, **kwargs):
        cid, secret, method = self.credentials(request)
        if method == "invalid":
            return False
        client = self._lookup(cid)
        if cid is None:
            note("no client authentication (HTTP Basic, or client_id + client_secret in the body)")
            return False
        if client is None:
            note("unknown client_id %s%s" % (cid, " (HTTP Basic id and secret must be form-urlencoded "
                                              "before base64, RFC 6749 2.3.1)" if method == "client_secret_basic" else ""))
            return False
        if client.secret is None:
            note("public client %s has no secret, so it cannot use this grant" % cid)
            return False
        if secret is None:
            note("confidential client %s sent no client secret" % cid)
            return False
        if not hmac.compare_digest(secret.encode("utf-8"), client.secret.encode("utf-8")):
            note("wrong client secret for %s via %s" % (cid, method))
            return False
        request.client, request.client_id, request.client_auth_method = client, cid, method
        return True

    def authenticate_client_id(self, client_id, request, *args, **kwargs):
        cid, _, method = self.credentials(request)
        cid = cid if cid is not None else client_id
        client = self._lookup(cid)
        if method == "invalid" or client is None or client.secret is not None:
            if method != "invalid":
                note("no client_id" if cid is None else
                     "client_id %s is unknown, or confidential and sent no secret" % cid)
            return False
        request.client, request.client_id, request.client_auth_method = client, cid, "none"
        return True

    def validate_client_id(self, client_id, request, *args, **kwargs):
        client = self._lookup(client_id)
        if client is None:
            return False
        request.client = client
        return True

    # -- redirect URIs, response types, grants, scopes --
    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        return is_registered_redirect(redirect_uri)

    def get_default_redirect_uri(self, client_id, request, *args, **kwargs):
        return REDIRECT

    def validate_response_type(self, client_id, response_type, client, request, *args, **kwargs):
        client = client or self._lookup(client_id)
        need = {"code": "authorization_code", "token": "implicit"}.get(response_type)
        return bool(client and need in client.grants)

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        if client is None:
            return grant_type in ANONYMOUS_GRANTS
        ok = grant_type in client.grants
        if not ok:
            note("client %s may not use grant_type %s" % (client.client_id, grant_type))
        return ok

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        ok = set(scopes) <= ALLOWED_SCOPES
        if not ok:
            note("allowed scopes are: read write")
        return ok

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return list(DEFAULT_SCOPES)

    # -- password grant --
    def validate_user(self, username, password, client, request, *args, **kwargs):
        known = USERS.get(username)
        if known is None or not hmac.compare_digest(known.encode("utf-8"), (password or "").encode("utf-8")):
            return False
        request.user = username
        return True

    # -- authorization codes + PKCE (RFC 7636) --
    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        with self.store.lock:
            self.store.codes[code["code"]] = {
                "client_id": client_id, "redirect_uri": request.redirect_uri,
                "redirect_given": not request.using_default_redirect_uri,
                "scopes": list(request.scopes or []), "user": request.user,
                "challenge": request.code_challenge,
                "method": request.code_challenge_method if request.code_challenge else None,
                "expires": time.time() + CODE_TTL, "used": False, "grant": secrets.token_hex(8)}

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        with self.store.lock:
            rec = self.store.codes.get(code)
            if rec is None or rec["client_id"] != client_id:
                note("authorization code unknown or issued to another client")
                return False
            if rec["used"]:
                note("authorization code already used; tokens issued for it are revoked")
                self.store.revoke_grant(rec["grant"])
                return False
            if time.time() > rec["expires"]:
                note("authorization code expired")
                return False
        request.user, request.scopes = rec["user"], list(rec["scopes"])
        return True

    def confirm_redirect_uri(self, client_id, code, redirect_uri, client, request, *args, **kwargs):
        rec = self.store.codes.get(code)
        if rec is None:
            return False
        if rec["redirect_given"] and request.using_default_redirect_uri:
            note("redirect_uri was in the authorization request, so it is required here (RFC 6749 4.1.3)")
            return False
        if redirect_uri != rec["redirect_uri"]:
            note("redirect_uri differs from the one in the authorization request")
            return False
        return True

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        pass  # consumed atomically in save_bearer_token; the record stays for reuse detection

    def is_pkce_required(self, client_id, request):
        client = self._lookup(client_id)
        return bool(client and client.pkce)

    def get_code_challenge(self, code, request):
        rec = self.store.codes.get(code)
        return rec["challenge"] if rec else None

    def get_code_challenge_method(self, code, request):
        rec = self.store.codes.get(code)
        return rec["method"] if rec else None

    # -- refresh tokens --
    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        rec = self.store.refresh.get(refresh_token)
        if rec is None or rec["client_id"] != client.client_id:
            note("refresh token unknown, revoked, already rotated, or issued to another client")
            return False
        request.user = rec["user"]
        return True

    def get_original_scopes(self, refresh_token, request, *args, **kwargs):
        rec = self.store.refresh.get(refresh_token)
        return list(rec["scopes"]) if rec else []

    def rotate_refresh_token(self, request):
        return True

    # -- tokens --
    def save_bearer_token(self, token, request, *args, **kwargs):
        now = int(time.time())
        with self.store.lock:
            grant_type = "implicit" if request.__dict__.get("via_authorize") else request.grant_type
            if grant_type == "authorization_code":
                rec = self.store.codes.get(request.code)
                if rec is None or rec["used"]:
                    raise errors.InvalidGrantError(description="authorization code already used",
                                                   request=request)
                rec["used"] = True
                grant = rec["grant"]
            elif grant_type == "refresh_token":
                old = self.store.refresh.pop(request.refresh_token, None)
                if old is None:
                    raise errors.InvalidGrantError(description="refresh token already rotated",
                                                   request=request)
                grant = old["grant"]
            else:
                grant = secrets.token_hex(8)
            user = None if grant_type == "client_credentials" else request.user
            client_id = request.client.client_id if isinstance(request.client, Client) else None
            rec = {"client_id": client_id, "user": user, "scopes": list(request.scopes or []),
                   "grant": grant, "iat": now}
            self.store.access[token["access_token"]] = dict(rec, exp=now + int(token["expires_in"]))
            if token.get("refresh_token"):
                self.store.refresh[token["refresh_token"]] = rec

    def validate_bearer_token(self, token, scopes, request):
        rec = self.store.access.get(token) if token else None
        if rec is None or rec["exp"] <= time.time():
            request.bearer_error = "invalid_token"
            note("access token unknown, revoked or expired" if token else "no bearer token")
            return False
        if scopes and not set(scopes) <= set(rec["scopes"]):
            request.bearer_error = "insufficient_scope"
            return False
        request.user, request.scopes = rec["user"], list(rec["scopes"])
        request.client_id = rec["client_id"]
        return True

    # -- RFC 7009 / RFC 7662 --
    def _find(self, token):
        rec = self.store.access.get(token)
        if rec is not None:
            return "access_token", rec
        rec = self.store.refresh.get(token)
        return ("refresh_token", rec) if rec is not None else (None, None)

    def revoke_token(self, token, token_type_hint, request, *args, **kwargs):
        with self.store.lock:
            kind, rec = self._find(token)
            if rec is None:
                return  # RFC 7009 2.2: unknown tokens are not an error
            if rec["client_id"] is not None and rec["client_id"] != request.client.client_id:
                raise errors.UnauthorizedClientError(description="token was issued to another client",
                                                     request=request)
            if kind == "refresh_token":
                self.store.revoke_grant(rec["grant"])
            else:
                del self.store.access[token]

    def introspect_token(self, token, token_type_hint, request, *args, **kwargs):
        with self.store.lock:
            kind, rec = self._find(token)
        if rec is None or (kind == "access_token" and rec["exp"] <= time.time()):
            return None
        if request.client.secret is None and rec["client_id"] != request.client.client_id:
            return None  # public clients only learn about their own tokens
        claims = {"scope": " ".join(rec["scopes"]), "client_id": rec["client_id"],
                  "username": rec["user"], "sub": rec["user"] or rec["client_id"],
                  "iat": rec["iat"], "iss": self.base}
        if kind == "access_token":
            claims.update(token_type="Bearer", exp=rec["exp"])
        return {k: v for k, v in claims.items() if v is not None}

    # -- RFC 7523 assertions --
    def validate_jwt_assertion(self, assertion, request):
        keys = {"assertion-issuer": (HS_SECRET, "HS256"),
                "rsa-assertion-issuer": (self.spki, "RS256")}
        try:
            iss = jwt.decode(assertion, options={"verify_signature": False}).get("iss")
            if iss not in keys:
                raise jwt.InvalidIssuerError("unknown issuer %r" % (iss,))
            key, alg = keys[iss]
            claims = jwt.decode(assertion, key, algorithms=[alg], audience=self.base + "/token",
                                issuer=iss, leeway=30,
                                options={"require": ["iss", "sub", "aud", "exp"]})
            if not isinstance(claims.get("sub"), str) or not claims["sub"]:
                raise jwt.InvalidTokenError("sub must be a non-empty string")
        except jwt.PyJWTError as e:
            raise errors.InvalidGrantError(
                description=description_safe("assertion rejected: %s: %s" % (type(e).__name__, e)),
                request=request)
        request.user = claims["sub"]


class JwtBearerGrant(GrantTypeBase):
    """RFC 7523 2.1 grant: validate the assertion, issue an access token only."""
    refresh_token = False

    def create_token_response(self, request, token_handler):
        headers = self._get_default_headers()
        try:
            self.validate_token_request(request)
        except errors.OAuth2Error as e:
            headers.update(e.headers)
            return headers, e.json, e.status_code
        token = token_handler.create_token(request, refresh_token=False)
        self.request_validator.save_token(token, request)
        return headers, json.dumps(token), 200

    def validate_token_request(self, request):
        v = self.request_validator
        if request.grant_type != JWT_BEARER:
            raise errors.UnsupportedGrantTypeError(request=request)
        for param in ("grant_type", "assertion", "scope"):
            if param in request.duplicate_params:
                raise errors.InvalidRequestError(description="Duplicate %s parameter." % param,
                                                 request=request)
        assertion = request._params.get("assertion")
        if not assertion:
            raise errors.InvalidRequestError(description="Missing assertion parameter.", request=request)
        request.client = None
        if v.client_presented(request):  # client authentication is optional (RFC 7523 3.1)
            if v.client_authentication_required(request):
                if not v.authenticate_client(request):
                    raise errors.InvalidClientError(request=request)
            elif not v.authenticate_client_id(request.client_id, request):
                raise errors.InvalidClientError(request=request)
        self.validate_grant_type(request)
        v.validate_jwt_assertion(assertion, request)
        self.validate_scopes(request)


def pkce_verifier_format(request):
    # RFC 7636 4.1: 43-128 characters from [A-Za-z0-9-._~]
    cv = request.code_verifier
    if cv is not None and not (43 <= len(cv) <= 128 and set(cv) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")):
        raise errors.InvalidRequestError(
            description="code_verifier must be 43-128 unreserved characters (RFC 7636 4.1)",
            request=request)


def build_server(store, base, expires_in):
    validator = Validator(store, base)
    validator.spki = json.loads(KEY_FILE.read_text())["spki"]
    server = Server(validator, token_expires_in=expires_in)
    server.grant_types[JWT_BEARER] = JwtBearerGrant(validator)
    server.auth_grant.custom_validators.pre_token.append(pkce_verifier_format)
    return server


# ---- HTTP ------------------------------------------------------------------
def error_response(e):
    headers = dict(NO_STORE)
    headers.update(e.headers)
    return headers, e.json, e.status_code


class Handler(InteropHandler):
    log_variable = "OAUTH2_SERVER_LOG"
    server_version = "oauth2-interop/1"

    def _dispatch(self):
        take_notes()
        try:
            raw = self._read_body()
        except Exception as e:
            self.close_connection = True
            return self._send(400, {"Content-Type": "text/plain"}, "cannot read body: %r" % e)
        try:
            self._route(raw)
        except errors.OAuth2Error as e:  # raised from validator hooks oauthlib does not guard
            self._send(*self._finish(*error_response(e)))
        except ValueError as e:  # oauthlib's urldecode rejects malformed query strings this way
            self._send(400, NO_STORE, json.dumps({"error": "invalid_request",
                                                  "error_description": description_safe(str(e))}))
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            self._send(500, {"Content-Type": "text/plain"}, "internal error: %r" % e)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch

    def _finish(self, headers, body, status):
        """Token-endpoint style JSON errors: add the reason, and use the Basic scheme for
        invalid_client (RFC 6749 5.2); oauthlib's 401 carries a Bearer challenge."""
        headers = dict(headers or {})
        notes = take_notes()
        if status >= 400 and body:
            try:
                obj = json.loads(body)
            except ValueError:
                obj = None
            if isinstance(obj, dict) and "error" in obj:
                if notes and not obj.get("error_description"):
                    obj["error_description"] = description_safe("; ".join(notes))
                    body = json.dumps(obj)
                if obj["error"] == "invalid_client" or status == 401:
                    headers["WWW-Authenticate"] = 'Basic realm="oauth2-interop", charset="UTF-8"'
                for k, v in NO_STORE.items():
                    headers.setdefault(k, v)
        return status, headers, body

    def _route(self, raw):
        app = self.server.app
        store, server = app["store"], app["server"]
        try:
            body = raw.decode("utf-8") or None
        except UnicodeDecodeError:
            return self._send(400, NO_STORE, json.dumps({"error": "invalid_request",
                                                         "error_description": "body is not UTF-8"}))
        target = self.path if "://" in self.path else app["base"] + self.path
        path = urlsplit(target).path
        method = self.command
        headers = dict(self.headers.items())

        if path in ("/token", "/revoke", "/introspect"):
            store.bump(path[1:])
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if method == "POST" and body and ctype != FORM:
                return self._send(400, NO_STORE, json.dumps({
                    "error": "invalid_request",
                    "error_description": "Content-Type must be " + FORM}))
            call = {"/token": server.create_token_response,
                    "/revoke": server.create_revocation_response,
                    "/introspect": server.create_introspect_response}[path]
            h, b, s = call(target, method, body, headers)
            if s == 200 and path == "/revoke":  # oauthlib: empty body, no headers
                h = dict({"Cache-Control": "no-store", "Pragma": "no-cache"}, **h)
            return self._send(*self._finish(h, b, s))

        if path == "/authorize":
            store.bump("authorize")
            if method not in ("GET", "POST"):
                return self._send(405, {"Allow": "GET, POST", "Content-Type": "text/plain"}, "GET or POST")
            query = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
            user = query.get("user") or "alice"
            try:
                if query.get("deny"):
                    try:
                        _, info = server.validate_authorization_request(target, method, body, headers)
                    except errors.FatalClientError:
                        raise
                    except errors.OAuth2Error:
                        info = None  # let oauthlib redirect with the validation error below
                    if info is not None:
                        e = errors.AccessDeniedError(state=info.get("state"))
                        loc = add_params_to_uri(info["redirect_uri"], e.twotuples,
                                                fragment=info.get("response_type") == "token")
                        return self._send(302, {"Location": loc}, "")
                h, b, s = server.create_authorization_response(
                    target, method, body, headers, credentials={"user": user, "via_authorize": True})
            except errors.FatalClientError as e:  # bad client_id / redirect_uri: never redirect
                return self._send(*self._finish(*error_response(e)))
            return self._send(s, h, b)

        if path == "/resource":
            store.bump("resource")
            return self._resource(server, target, method, body, headers)

        if path == "/stats":
            with store.lock:
                return self._send(200, {"Content-Type": "application/json"}, json.dumps(store.stats))

        return self._send(404, {"Content-Type": "text/plain"}, "not found: %s" % path)

    def _resource(self, server, target, method, body, headers):
        query = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
        form = dict(parse_qsl(body or "", keep_blank_values=True)) if (
            (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() == FORM) else {}
        in_header = (self.headers.get("Authorization") or "").split(" ")[0].lower() == "bearer"
        in_params = "access_token" in query or "access_token" in form
        realm = 'Bearer realm="oauth2-interop"'
        js = {"Content-Type": "application/json"}
        if in_header and in_params:
            return self._send(400, dict(js, **{"WWW-Authenticate": realm + ', error="invalid_request"'}),
                              json.dumps({"error": "invalid_request", "error_description":
                                          "more than one method used to send the access token"}))
        need = [s for s in (query.get("need") or "").split(" ") if s] or None
        valid, request = server.verify_request(target, method, body, headers, scopes=need)
        take_notes()
        if valid:
            return self._send(200, js, json.dumps({"ok": True, "user": request.user,
                                                   "client_id": request.client_id,
                                                   "scopes": list(request.scopes or [])}))
        err = request.__dict__.get("bearer_error", "invalid_token")
        if err == "insufficient_scope":
            return self._send(403, dict(js, **{"WWW-Authenticate": realm + ', error="insufficient_scope", '
                                                'scope="%s"' % " ".join(need)}),
                              json.dumps({"error": err}))
        if not in_header and not in_params:
            return self._send(401, dict(js, **{"WWW-Authenticate": realm}), json.dumps({"ok": False}))
        return self._send(401, dict(js, **{"WWW-Authenticate": realm + ', error="invalid_token", '
                                            'error_description="The access token is invalid"'}),
                          json.dumps({"ok": False, "error": "invalid_token"}))


def run_serve():
    httpd = new_server(Handler)
    port = httpd.server_address[1]
    base = "http://127.0.0.1:%d" % port
    store = Store()
    expires_in = int(os.environ.get("OAUTH2_SERVER_EXPIRES_IN") or 3600)
    httpd.app = {"store": store, "base": base, "server": build_server(store, base, expires_in)}
    return serve_until_stopped(httpd)


# ---- selftest ----------------------------------------------------------------
def run_selftest():
    import hashlib
    import subprocess
    import urllib.error
    import urllib.request
    from urllib.parse import quote_plus, urlencode

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **kw):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    proc = subprocess.Popen([sys.executable, __file__, "serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    base = "http://127.0.0.1:%d" % json.loads(proc.stdout.readline())["port"]
    failures = []

    def http(path, form=None, headers=None):
        data = urlencode(form).encode() if form is not None else None
        h = dict(headers or {}, **({"Content-Type": FORM} if form is not None else {}))
        try:
            with opener.open(urllib.request.Request(base + path, data=data, headers=h)) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def basic(cid, secret, encode=True):
        f = quote_plus if encode else (lambda x: x)
        return {"Authorization": "Basic " + base64.b64encode(
            ("%s:%s" % (f(cid), f(secret))).encode()).decode()}

    def check(label, got, want_status, want_error=None):
        status, headers, body = got
        obj = json.loads(body) if body.startswith("{") else {}
        ok = status == want_status and (want_error is None or obj.get("error") == want_error)
        print("%-4s %-48s %s %s" % ("ok" if ok else "FAIL", label, status, body[:110]))
        if not ok:
            failures.append(label)
        return obj

    def authorize(params):
        status, headers, _ = http("/authorize?" + urlencode(params))
        loc = urlsplit(headers.get("Location", ""))
        return status, dict(parse_qsl(loc.query)), dict(parse_qsl(loc.fragment))

    conf = basic("confidential", "confidential-secret")
    # code + PKCE S256, public client
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    s, q, _ = authorize({"response_type": "code", "client_id": "public-app", "redirect_uri": REDIRECT,
                         "state": "st1", "code_challenge": challenge, "code_challenge_method": "S256"})
    print("     authorize public-app PKCE -> %s code=%s state=%s" % (s, bool(q.get("code")), q.get("state")))
    form = {"grant_type": "authorization_code", "code": q.get("code", ""), "redirect_uri": REDIRECT,
            "client_id": "public-app", "code_verifier": verifier}
    tok = check("code+PKCE S256 public-app", http("/token", form), 200)
    check("same code again", http("/token", form), 400, "invalid_grant")
    check("no PKCE for public-app -> redirect error", (lambda r: (r[0], None, json.dumps(r[1])))(
        authorize({"response_type": "code", "client_id": "public-app", "state": "x"})), 302)
    # code, confidential, Basic
    s, q, _ = authorize({"response_type": "code", "client_id": "confidential", "scope": "read write",
                         "state": "st2"})
    tok = check("code confidential Basic", http("/token", {"grant_type": "authorization_code",
                                                          "code": q.get("code", "")}, conf), 200)
    # tricky client
    cc = {"grant_type": "client_credentials"}
    check("tricky client, RFC 6749 2.3.1 Basic", http("/token", cc, basic("tricky id:1", "p:w%+ secret")), 200)
    r = http("/token", cc, basic("tricky id:1", "p:w%+ secret", encode=False))
    check("tricky client, naive Basic", r, 401, "invalid_client")
    print("     WWW-Authenticate:", r[1].get("WWW-Authenticate"))
    check("tricky client, client_secret_post", http("/token", dict(cc, client_id="tricky id:1",
                                                                   client_secret="p:w%+ secret")), 200)
    check("wrong secret (post)", http("/token", dict(cc, client_id="confidential", client_secret="x")),
          401, "invalid_client")
    # password
    pw = {"grant_type": "password", "username": "alice", "password": "wonderland"}
    rt = check("password right", http("/token", pw, conf), 200).get("refresh_token")
    check("password wrong", http("/token", dict(pw, password="nope"), conf), 400, "invalid_grant")
    check("client_credentials scope=write", http("/token", dict(cc, scope="write"), conf), 200)
    # refresh rotation
    new = check("refresh", http("/token", {"grant_type": "refresh_token", "refresh_token": rt}, conf), 200)
    check("old refresh token", http("/token", {"grant_type": "refresh_token", "refresh_token": rt}, conf),
          400, "invalid_grant")
    check("new refresh token", http("/token", {"grant_type": "refresh_token",
                                              "refresh_token": new.get("refresh_token", "")}, conf), 200)
    # jwt-bearer
    keys = json.loads(KEY_FILE.read_text())
    now = int(time.time())

    def assertion(iss, key, alg, **over):
        claims = dict({"iss": iss, "sub": "alice", "aud": base + "/token", "exp": now + 60}, **over)
        return {"grant_type": JWT_BEARER, "assertion": jwt.encode(claims, key, algorithm=alg)}
    hs = ("assertion-issuer", HS_SECRET, "HS256")
    rs = ("rsa-assertion-issuer", keys["pkcs1"], "RS256")
    check("jwt-bearer HS256", http("/token", assertion(*hs), conf), 200)
    check("jwt-bearer RS256", http("/token", assertion(*rs), conf), 200)
    check("jwt-bearer RS256, no client auth", http("/token", assertion(*rs)), 200)
    check("jwt-bearer wrong aud", http("/token", assertion(*hs, aud=base), conf), 400, "invalid_grant")
    check("jwt-bearer expired", http("/token", assertion(*rs, exp=now - 60), conf), 400, "invalid_grant")
    check("jwt-bearer HS256 with RS issuer", http("/token", assertion("rsa-assertion-issuer", HS_SECRET,
                                                                      "HS256"), conf), 400, "invalid_grant")
    # implicit, deny
    s, _, frag = authorize({"response_type": "token", "client_id": "public-app", "state": "st3"})
    ok = s == 302 and frag.get("access_token") and frag.get("state") == "st3"
    print("%-4s %-48s %s %s" % ("ok" if ok else "FAIL", "implicit", s, sorted(frag)))
    failures += [] if ok else ["implicit"]
    s, q, _ = authorize({"response_type": "code", "client_id": "confidential", "state": "st4", "deny": "1"})
    ok = s == 302 and q.get("error") == "access_denied" and q.get("state") == "st4"
    print("%-4s %-48s %s %s" % ("ok" if ok else "FAIL", "deny", s, q))
    failures += [] if ok else ["deny"]
    # resource, revoke, introspect
    at = tok.get("access_token", "")
    bearer = {"Authorization": "Bearer " + at}
    check("resource", http("/resource", headers=bearer), 200)
    check("resource ?access_token=", http("/resource?" + urlencode({"access_token": at})), 200)
    check("introspect", http("/introspect", {"token": at}, conf), 200)
    check("revoke", http("/revoke", {"token": at, "token_type_hint": "access_token"}, conf), 200)
    obj = check("introspect after revoke", http("/introspect", {"token": at}, conf), 200)
    failures += [] if obj.get("active") is False else ["introspect active after revoke"]
    r = http("/resource", headers=bearer)
    check("resource after revoke", r, 401)
    print("     WWW-Authenticate:", r[1].get("WWW-Authenticate"))
    print("     stats:", http("/stats")[2])
    proc.stdin.close()
    if proc.wait(10) != 0:
        failures.append("serve did not exit 0 after stdin closed")
    print("selftest", "FAILED: %s" % failures if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run_mode(__doc__, {"serve": run_serve, "selftest": run_selftest}, sys.argv))

"""oauth2_server.py's in-memory store (codes, access and refresh tokens, request counts)
and oauthlib's RequestValidator over it: client identification and authentication
(RFC 6749 2.3.1), redirect URIs, grants and scopes, users, authorization codes with PKCE,
refresh-token rotation, bearer tokens, revocation (RFC 7009), introspection (RFC 7662)
and jwt-bearer assertions (RFC 7523)."""
import base64
import hmac
import secrets
import threading
import time
from urllib.parse import unquote_plus

import jwt
from oauthlib.oauth2 import RequestValidator
from oauthlib.oauth2.rfc6749 import errors

from _oauth2_config import (
    ALLOWED_SCOPES, ANONYMOUS_GRANTS, CLIENTS, CODE_TTL, DEFAULT_SCOPES, HS_SECRET, REDIRECT, USERS,
    Client, is_registered_redirect,
)
from _oauth2_notes import description_safe, note


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

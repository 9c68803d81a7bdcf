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
import json
import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from _serve import InteropHandler, new_server, run_mode, serve_until_stopped
from urllib.parse import parse_qsl, urlsplit

from oauthlib.common import add_params_to_uri, safe_string_equals, urlencode
from oauthlib.oauth1 import (
    AccessTokenEndpoint, AuthorizationEndpoint, RequestTokenEndpoint, RequestValidator,
    ResourceEndpoint, SignatureOnlyEndpoint,
)
from oauthlib.oauth1.rfc5849 import errors
from oauthlib.oauth1.rfc5849 import signature as oauth_sig

KEY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "oauth1_rsa_test_key.json"
METHODS = ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512",
           "PLAINTEXT")
SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
NONCE_PRUNE_EVERY = 30  # seconds


def load_rsa():
    return json.loads(KEY_FILE.read_text())


# ---- per-thread diagnostics: why was a request rejected? ------------------
_diag = threading.local()


def diag_reset():
    _diag.notes = []
    _diag.request = None


def note(msg):
    if not hasattr(_diag, "notes"):
        diag_reset()
    _diag.notes.append(msg)


def reason_for(request=None):
    request = request if request is not None else getattr(_diag, "request", None)
    parts = []
    vlog = getattr(request, "validator_log", None) or {}
    failed = [k for k, v in vlog.items() if not v]
    if failed:
        parts.append("failed: " + ", ".join(failed) + " (validator_log " + json.dumps(vlog) + ")")
    parts.extend(getattr(_diag, "notes", []))
    return "; ".join(parts) or "rejected"


# ---- storage + RequestValidator --------------------------------------------
class Store:
    def __init__(self):
        self.lock = threading.RLock()
        self.clients = {}         # key -> {"secret", "rsa", "methods"}
        self.request_tokens = {}  # token -> {"client", "secret", "callback", "realms", "verifier"}
        self.access_tokens = {}   # token -> {"client", "secret", "realms"}
        self.nonces = {}          # (client, timestamp, nonce, token) -> int timestamp
        self.pruned_at = time.time()
        self.stats = {"requestTokens": 0, "accessTokens": 0, "resourceOk": 0,
                      "resourceRejected": 0}

    def bump(self, name):
        with self.lock:
            self.stats[name] += 1


def fixed_clients(spki):
    clients = {}
    for method in METHODS:
        suffix = method.lower()
        rsa = method.startswith("RSA-")
        clients["client-" + suffix] = {"secret": None if rsa else "secret-" + suffix,
                                       "rsa": spki if rsa else None, "methods": {method}}
    return clients


class Validator(RequestValidator):
    allowed_signature_methods = METHODS
    enforce_ssl = False
    safe_characters = SAFE
    client_key_length = (1, 128)
    request_token_length = (1, 128)
    access_token_length = (1, 128)
    nonce_length = (8, 64)
    verifier_length = (8, 64)
    dummy_client = "dummy-client"
    dummy_request_token = "dummy-request-token"
    dummy_access_token = "dummy-access-token"

    def __init__(self, store, spki):
        super().__init__()
        self.store = store
        self.spki = spki

    # format checks (oauthlib's defaults, widened, with a note on failure)
    def _fmt(self, what, value, bounds):
        lo, hi = bounds
        ok = set(value) <= SAFE and lo <= len(value) <= hi
        if not ok:
            note("%s %r fails format check ([A-Za-z0-9._~-]{%d,%d})" % (what, value, lo, hi))
        return ok

    def check_client_key(self, client_key):
        return self._fmt("client key", client_key, self.client_key_length)

    def check_request_token(self, request_token):
        return self._fmt("request token", request_token, self.request_token_length)

    def check_access_token(self, request_token):
        return self._fmt("access token", request_token, self.access_token_length)

    def check_nonce(self, nonce):
        return self._fmt("nonce", nonce, self.nonce_length)

    def check_verifier(self, verifier):
        return self._fmt("verifier", verifier, self.verifier_length)

    def check_realms(self, realms):
        return True

    # replay protection
    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        _diag.request = request
        key = (client_key, timestamp, nonce, request_token or access_token)
        now = time.time()
        with self.store.lock:
            if now - self.store.pruned_at > NONCE_PRUNE_EVERY:
                horizon = now - self.timestamp_lifetime - NONCE_PRUNE_EVERY
                self.store.nonces = {k: t for k, t in self.store.nonces.items() if t >= horizon}
                self.store.pruned_at = now
            seen = key in self.store.nonces
            if not seen:
                self.store.nonces[key] = int(timestamp)
        request.validator_log["nonce"] = not seen
        if seen:
            note("nonce %r already used with timestamp %s by this client/token" % (nonce, timestamp))
        return not seen

    # clients
    def validate_client_key(self, client_key, request):
        _diag.request = request
        client = self.store.clients.get(client_key)
        if client is None:
            note("unknown client %r" % client_key)
            return False
        if request.signature_method not in client["methods"]:
            note("client %r may not use %s (allowed: %s)"
                 % (client_key, request.signature_method, ", ".join(sorted(client["methods"]))))
            return False
        return True

    def get_client_secret(self, client_key, request):
        client = self.store.clients.get(client_key)
        return client["secret"] if client and client["secret"] is not None else "dummy"

    def get_rsa_key(self, client_key, request):
        client = self.store.clients.get(client_key)
        return client["rsa"] if client and client["rsa"] else self.spki

    # request tokens
    def validate_redirect_uri(self, client_key, redirect_uri, request):
        ok = redirect_uri == "oob" or bool(urlsplit(redirect_uri).scheme)
        if not ok:
            note("oauth_callback %r is neither oob nor an absolute URI" % redirect_uri)
        return ok

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def get_default_realms(self, client_key, request):
        return []

    def save_request_token(self, token, request):
        with self.store.lock:
            self.store.request_tokens[token["oauth_token"]] = {
                "client": request.client_key, "secret": token["oauth_token_secret"],
                "callback": request.redirect_uri, "realms": list(request.realms or []),
                "verifier": None}
            self.store.stats["requestTokens"] += 1

    def _rt(self, client_key, token):
        rt = self.store.request_tokens.get(token)
        return rt if rt and rt["client"] == client_key else None

    def validate_request_token(self, client_key, token, request):
        ok = self._rt(client_key, token) is not None
        if not ok:
            note("request token %r unknown, used, or not issued to %r" % (token, client_key))
        return ok

    def get_request_token_secret(self, client_key, token, request):
        rt = self._rt(client_key, token)
        return rt["secret"] if rt else "dummy"

    # authorization (user approval)
    def verify_request_token(self, token, request):
        rt = self.store.request_tokens.get(token)
        if rt is None or rt["verifier"] is not None:
            note("request token %r unknown or already authorized" % token)
            return False
        return True

    def get_realms(self, token, request):
        rt = self.store.request_tokens.get(token)
        return list(rt["realms"]) if rt else []

    def verify_realms(self, token, realms, request):
        return set(realms) <= set(self.get_realms(token, request))

    def get_redirect_uri(self, token, request):
        rt = self.store.request_tokens.get(token)
        if rt is None:
            raise errors.InvalidClientError()
        return rt["callback"]

    def save_verifier(self, token, verifier, request):
        with self.store.lock:  # one verifier per request token, even under concurrency
            rt = self.store.request_tokens.get(token)
            if rt is None or rt["verifier"] is not None:
                raise errors.InvalidRequestError(description="Request token already authorized.")
            rt["verifier"] = verifier["oauth_verifier"]

    def validate_verifier(self, client_key, token, verifier, request):
        rt = self._rt(client_key, token)
        ok = bool(rt and rt["verifier"] and safe_string_equals(verifier, rt["verifier"]))
        if not ok:
            note("oauth_verifier does not match the one issued for this request token")
        return ok

    # access tokens
    def save_access_token(self, token, request):
        with self.store.lock:
            # one access token per verifier: consume the request token atomically
            if self.store.request_tokens.pop(request.resource_owner_key, None) is None:
                raise errors.InvalidRequestError(description="Verifier already used.")
            self.store.access_tokens[token["oauth_token"]] = {
                "client": request.client_key, "secret": token["oauth_token_secret"],
                "realms": list(request.realms or [])}
            self.store.stats["accessTokens"] += 1

    def invalidate_request_token(self, client_key, request_token, request):
        with self.store.lock:
            self.store.request_tokens.pop(request_token, None)

    def validate_access_token(self, client_key, token, request):
        at = self.store.access_tokens.get(token)
        ok = bool(at and at["client"] == client_key)
        if not ok:
            note("access token %r unknown or not issued to %r" % (token, client_key))
        return ok

    def get_access_token_secret(self, client_key, token, request):
        at = self.store.access_tokens.get(token)
        return at["secret"] if at and at["client"] == client_key else "dummy"

    def validate_realms(self, client_key, token, request, uri=None, realms=None):
        return True


# ---- endpoints: oauthlib's, plus notes on why a check failed ---------------
class Diagnosing:
    def _create_request(self, *args, **kwargs):
        try:
            return super()._create_request(*args, **kwargs)
        except errors.OAuth1Error as e:
            note("malformed request: %s" % (e.description,))
            raise
        except ValueError as e:  # oauthlib raises plain ValueError for some bad input
            note("malformed request (oauthlib ValueError): %s" % e)
            raise

    def _check_transport_security(self, request):
        try:
            return super()._check_transport_security(request)
        except errors.OAuth1Error as e:
            note("transport: %s" % (e.description,))
            raise

    def _check_mandatory_parameters(self, request):
        try:
            return super()._check_mandatory_parameters(request)
        except errors.OAuth1Error as e:
            note("parameters: %s" % (e.description,))
            raise

    def _check_signature(self, request, is_token_request=False):
        try:
            ok = super()._check_signature(request, is_token_request)
        except Exception as e:  # e.g. oauth_signature that is not base64 (RSA)
            note("signature check raised %r" % e)
            ok = False
        if not ok:
            try:
                base = oauth_sig.signature_base_string(
                    request.http_method, oauth_sig.base_string_uri(request.uri),
                    oauth_sig.normalize_parameters(request.params))
            except Exception as e:
                base = "<could not compute: %r>" % e
            note("%s signature mismatch; server base string: %s" % (request.signature_method, base))
        return ok


class RequestTokenEP(Diagnosing, RequestTokenEndpoint):
    pass


class AuthorizationEP(Diagnosing, AuthorizationEndpoint):
    pass


class AccessTokenEP(Diagnosing, AccessTokenEndpoint):
    pass


class ResourceEP(Diagnosing, ResourceEndpoint):
    pass


class SignatureOnlyEP(Diagnosing, SignatureOnlyEndpoint):
    pass


def check_resource(endpoint, uri, method, body, headers):
    """(valid, request or None, reason)"""
    diag_reset()
    try:
        if isinstance(endpoint, SignatureOnlyEndpoint):
            valid, request = endpoint.validate_request(uri, method, body, headers)
        else:
            valid, request = endpoint.validate_protected_resource_request(uri, method, body, headers)
    except Exception as e:
        return False, None, reason_for() + "; error: %r" % e
    if valid:
        return True, request, None
    if request is not None and not request.resource_owner_key and isinstance(endpoint, ResourceEndpoint):
        note("no oauth_token (ResourceEndpoint requires an access token)")
    return False, request, reason_for(request)


# ---- serve -----------------------------------------------------------------
class Handler(InteropHandler):
    log_variable = "OAUTH1_SERVER_LOG"
    server_version = "oauth1-interop/1"

    def _dispatch(self):
        try:
            raw = self._read_body()
        except Exception as e:
            self.close_connection = True
            return self._send(400, {"Content-Type": "text/plain"}, "cannot read body: %r" % e)
        try:
            self._route(raw)
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            self._send(500, {"Content-Type": "text/plain"}, "internal error: %r" % e)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch

    def _route(self, raw):
        app = self.server.app
        try:
            body = raw.decode("utf-8") or None
        except UnicodeDecodeError:
            return self._send(400, {"Content-Type": "text/plain"}, "body is not UTF-8")
        target = self.path if "://" in self.path else app["base"] + self.path
        path = urlsplit(target).path
        method = self.command
        headers = dict(self.headers.items())
        diag_reset()
        text = {"Content-Type": "text/plain; charset=utf-8"}
        js = {"Content-Type": "application/json"}

        if path == "/request_token":
            h, b, s = app["request_token"].create_request_token_response(target, method, body, headers)
            if s == 401 and not b:
                h, b = text, reason_for()
            return self._send(s, h, b)

        if path == "/access_token":
            h, b, s = app["access_token"].create_access_token_response(target, method, body, headers)
            if s == 401 and not b:
                h, b = text, reason_for()
            return self._send(s, h, b)

        if path == "/authorize":
            query = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
            token = query.get("oauth_token", "")
            store = app["store"]
            if query.get("deny"):
                with store.lock:
                    rt = store.request_tokens.pop(token, None)
                if rt is None:
                    return self._send(401, text, "unknown request token")
                if rt["callback"] == "oob":
                    return self._send(200, {"Content-Type": "application/x-www-form-urlencoded"},
                                      urlencode([("denied", token)]))
                return self._send(302, {"Location": add_params_to_uri(rt["callback"], [("denied", token)])}, "")
            rt = store.request_tokens.get(token)
            realms = list(rt["realms"]) if rt else None
            try:
                h, b, s = app["authorize"].create_authorization_response(
                    target, method, body, headers, realms=realms)
            except errors.OAuth1Error as e:
                h, b, s = {"Content-Type": "application/x-www-form-urlencoded"}, e.urlencoded, e.status_code
            if s == 200:
                h = {"Content-Type": "application/x-www-form-urlencoded"}
            return self._send(s, h, b)

        if path == "/resource":
            valid, request, reason = check_resource(app["resource"], target, method, body, headers)
            if valid:
                app["store"].bump("resourceOk")
                return self._send(200, js, json.dumps({
                    "ok": True, "client": request.client_key,
                    "token": request.resource_owner_key, "method": method}))
            app["store"].bump("resourceRejected")
            return self._send(401, dict(text, **{"WWW-Authenticate": 'OAuth realm="interop"'}), reason)

        if path == "/stats":
            with app["store"].lock:
                return self._send(200, js, json.dumps(app["store"].stats))

        return self._send(404, text, "not found: %s" % path)


def run_serve():
    store = Store()
    spki = load_rsa()["spki"]
    store.clients.update(fixed_clients(spki))
    validator = Validator(store, spki)
    server = new_server(Handler)
    port = server.server_address[1]
    server.app = {"store": store, "base": "http://127.0.0.1:%d" % port,
                  "request_token": RequestTokenEP(validator),
                  "authorize": AuthorizationEP(validator),
                  "access_token": AccessTokenEP(validator),
                  "resource": ResourceEP(validator)}
    return serve_until_stopped(server)


# ---- verify ----------------------------------------------------------------
def verify_line(line, store, resource_ep, signature_ep, spki):
    try:
        req = json.loads(line)
    except ValueError as e:
        return {"id": None, "valid": False, "reason": "input is not JSON: %s" % e}
    rid = req.get("id") if isinstance(req, dict) else None
    try:
        if not isinstance(req, dict) or not isinstance(req.get("url"), str):
            raise ValueError("need an object with a string 'url'")
        client_key, token = req.get("clientKey") or "", req.get("token")
        with store.lock:
            store.clients = {client_key: {"secret": req.get("clientSecret") or "", "rsa": spki,
                                          "methods": set(METHODS)}}
            store.access_tokens = ({token: {"client": client_key, "secret": req.get("tokenSecret") or "",
                                            "realms": []}} if token else {})
        endpoint = resource_ep if token else signature_ep
        valid, _, reason = check_resource(endpoint, req["url"], req.get("method") or "GET",
                                          req.get("body"), req.get("headers") or {})
    except Exception as e:
        return {"id": rid, "valid": False, "reason": "bad input line: %r" % e}
    return {"id": rid, "valid": True} if valid else {"id": rid, "valid": False, "reason": reason}


def run_verify():
    spki = load_rsa()["spki"]
    store = Store()
    validator = Validator(store, spki)
    resource_ep, signature_ep = ResourceEP(validator), SignatureOnlyEP(validator)
    for line in sys.stdin:
        if not line.strip():
            continue
        out = verify_line(line, store, resource_ep, signature_ep, spki)
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    return 0


# ---- selftest: both modes against oauthlib's own Client --------------------
def run_selftest():
    import subprocess
    import urllib.error
    import urllib.request
    from oauthlib.oauth1 import (Client, SIGNATURE_TYPE_AUTH_HEADER, SIGNATURE_TYPE_BODY,
                                 SIGNATURE_TYPE_QUERY)
    keys = load_rsa()
    types = (SIGNATURE_TYPE_AUTH_HEADER, SIGNATURE_TYPE_QUERY, SIGNATURE_TYPE_BODY)
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    def client(method, sig_type, **kw):
        rsa = method.startswith("RSA-")
        return Client("client-" + method.lower(), client_secret=None if rsa else "secret-" + method.lower(),
                      rsa_key=keys["pkcs1"] if rsa else None, signature_method=method,
                      signature_type=sig_type, **kw)

    def signed(c, url, method, body_params=None):
        body = None if method == "GET" else urlencode(body_params or [])
        return c.sign(url, method, body, dict(form) if body is not None else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **kw):
            return None
    opener = urllib.request.build_opener(NoRedirect)

    def http(url, method="GET", headers=None, body=None):
        req = urllib.request.Request(url, data=body.encode() if body is not None else None,
                                     headers=headers or {}, method=method)
        try:
            with opener.open(req) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    failures, flows = [], 0
    proc = subprocess.Popen([sys.executable, __file__, "serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    base = "http://127.0.0.1:%d" % json.loads(proc.stdout.readline())["port"]

    def expect(cond, what):
        if not cond:
            failures.append(what)
        return cond

    for m in METHODS:
        for t in types:
            for cb in ("http://127.0.0.1/cb", "oob"):
                tag = "%s/%s/%s" % (m, t, cb)
                u, h, b = signed(client(m, t, callback_uri=cb), base + "/request_token", "POST")
                s, _, rb = http(u, "POST", h, b)
                if not expect(s == 200, "%s request_token %s %s" % (tag, s, rb)):
                    continue
                rt = dict(parse_qsl(rb))
                s, rh, ab = http(base + "/authorize?oauth_token=%s&user=alice" % rt["oauth_token"])
                got = dict(parse_qsl(urlsplit(rh.get("Location", "")).query if s == 302 else ab))
                if not expect(s == (302 if cb != "oob" else 200) and got.get("oauth_verifier"),
                              "%s authorize %s" % (tag, s)):
                    continue
                c = client(m, t, resource_owner_key=rt["oauth_token"],
                           resource_owner_secret=rt["oauth_token_secret"], verifier=got["oauth_verifier"])
                u, h, b = signed(c, base + "/access_token", "POST")
                s, _, tb = http(u, "POST", h, b)
                if not expect(s == 200, "%s access_token %s %s" % (tag, s, tb)):
                    continue
                s, _, again = http(u, "POST", h, b)  # same request again: replay
                expect(s == 401, "%s replayed access_token gave %s" % (tag, s))
                at = dict(parse_qsl(tb))
                c = client(m, t, resource_owner_key=at["oauth_token"], resource_owner_secret=at["oauth_token_secret"])
                if t == SIGNATURE_TYPE_BODY:
                    u, h, b = signed(c, base + "/resource?q=a%20b", "POST", [("x", "1"), ("y", "two words é")])
                    s, _, body = http(u, "POST", h, b)
                else:
                    u, h, b = signed(c, base + "/resource?q=a%20b&r=%C3%A9&empty=", "GET")
                    s, _, body = http(u, "GET", h)
                if expect(s == 200, "%s resource %s %s" % (tag, s, body)):
                    flows += 1
    u, h, b = signed(client("HMAC-SHA1", SIGNATURE_TYPE_AUTH_HEADER, callback_uri="http://127.0.0.1/cb"),
                     base + "/request_token", "POST")
    token = dict(parse_qsl(http(u, "POST", h, b)[2]))["oauth_token"]
    s, rh, _ = http(base + "/authorize?oauth_token=%s&deny=1" % token)
    expect(s == 302 and "denied=" + token in rh.get("Location", ""), "deny gave %s %s" % (s, rh))
    stats = json.loads(http(base + "/stats")[2])
    proc.stdin.close()
    expect(proc.wait(10) == 0, "serve did not exit 0 after stdin closed")
    print("serve: %d/42 three-legged flows OK; stats %s" % (flows, json.dumps(stats)))

    # verify mode: 50 valid, 1 tampered, 1 replay
    lines, creds = [], []
    for i in range(50):
        m, t = METHODS[i % 7], types[i % 3]
        c = client(m, t, resource_owner_key="tok%d" % i, resource_owner_secret="ts-%d" % i)
        method = "POST" if t == SIGNATURE_TYPE_BODY or i % 2 else "GET"
        u, h, b = signed(c, "https://api.example.com/x/%d?a=%d&s=%%2Fslash%%20sp" % (i, i), method,
                         [("k", "v %d" % i)])
        lines.append({"id": i, "method": method, "url": u, "headers": h, "body": b,
                      "clientKey": c.client_key, "clientSecret": c.client_secret or "",
                      "token": "tok%d" % i, "tokenSecret": "ts-%d" % i})
    c = client("HMAC-SHA256", SIGNATURE_TYPE_AUTH_HEADER, resource_owner_key="tokx", resource_owner_secret="tsx")
    u, h, _ = c.sign("https://api.example.com/x?a=1", "GET")
    lines.append(dict(lines[0], id="tampered", method="GET", url=u.replace("a=1", "a=2"), headers=h, body=None,
                      clientKey=c.client_key, clientSecret=c.client_secret, token="tokx", tokenSecret="tsx"))
    lines.append(dict(lines[1], id="replay"))
    out = subprocess.run([sys.executable, __file__, "verify"], input="".join(json.dumps(x) + "\n" for x in lines),
                         capture_output=True, text=True, timeout=120).stdout.splitlines()
    res = {r["id"]: r for r in map(json.loads, out)}
    ok = sum(1 for i in range(50) if res[i]["valid"])
    expect(ok == 50, "verify: only %d/50 valid: %s" % (ok, [res[i] for i in range(50) if not res[i]["valid"]][:2]))
    expect(not res["tampered"]["valid"], "tampered request accepted")
    expect(not res["replay"]["valid"], "replayed request accepted")
    print("verify: %d/50 valid; tampered valid=%s (%s); replay valid=%s (%s)" % (
        ok, res["tampered"]["valid"], res["tampered"].get("reason", "")[:90],
        res["replay"]["valid"], res["replay"].get("reason", "")[:90]))
    for f in failures:
        print("FAIL:", f)
    print("selftest", "FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run_mode(__doc__, {"serve": run_serve, "verify": run_verify, "selftest": run_selftest}, sys.argv))

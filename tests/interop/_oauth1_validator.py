"""oauth1_server.py's clients and tokens: the registered signature methods and key, the
in-memory store, and oauthlib's RequestValidator over it (format checks, replay protection,
clients, request and access tokens, verifiers), noting why a check failed."""
import json
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from oauthlib.common import safe_string_equals
from oauthlib.oauth1 import RequestValidator
from oauthlib.oauth1.rfc5849 import errors

from _oauth1_notes import note, note_request

KEY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "oauth1_rsa_test_key.json"
METHODS = ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512",
           "PLAINTEXT")
SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
NONCE_PRUNE_EVERY = 30  # seconds


def load_rsa():
    return json.loads(KEY_FILE.read_text())


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
        note_request(request)
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
        note_request(request)
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

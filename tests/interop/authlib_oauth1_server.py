#!/usr/bin/python3
"""OAuth 1.0a (RFC 5849) provider for interop tests, built on Authlib's own server
classes (Debian python3-authlib 1.2.0: authlib.oauth1.AuthorizationServer and
authlib.oauth1.ResourceProtector), unmodified: this file only supplies the storage
hooks those classes leave to the framework, the way Authlib's Flask and Django
integrations do, and serves them with http.server. Run it with /usr/bin/python3.

Usage:
  /usr/bin/python3 tests/interop/authlib_oauth1_server.py serve     HTTP provider
  /usr/bin/python3 tests/interop/authlib_oauth1_server.py selftest  the 3-legged flow
                                                                    with Authlib's ClientAuth

The selftest signs in the header only: Authlib 1.2.0's own ClientAuth writes the oauth_*
parameters twice in a query or body (ClientAuth.sign renders them before and after
signing), which its server rightly refuses for every method but PLAINTEXT.

Authlib verifies HMAC-SHA1, RSA-SHA1 and PLAINTEXT (its BaseServer.SIGNATURE_METHODS);
this provider enables all three (Authlib enables only HMAC-SHA1 unless told otherwise).
Registered clients, each allowed any of the three methods:
  client key          client secret       RSA public key
  client-hmac-sha1    secret-hmac-sha1    \\
  client-plaintext    secret-plaintext     > "spki" of tests/fixtures/oauth1_rsa_test_key.json
  client-rsa-sha1     (none)              /

Authlib accepts http only on "http://localhost:<port>" (authlib.common.security
.is_secure_transport), so clients must call http://localhost:<port>; the server
listens on 127.0.0.1. Signatures are checked against http://<Host header><path>,
as a framework would build the request URL.

serve: prints one line {"port": <n>} to stdout, then serves until stdin reaches EOF
(if stdin is /dev/null it is not watched) or SIGTERM/SIGINT.
  POST /request_token  -> 200 oauth_token=..&oauth_token_secret=..&oauth_callback_confirmed=True
                          (Authlib writes Python's True)
  GET /authorize?oauth_token=T&user=alice -> 302 Location: <callback>?oauth_token=T&oauth_verifier=V
  GET /authorize?oauth_token=T&deny=1     -> 302 Location: <callback>?error=access_denied&..
  POST /access_token   -> 200 oauth_token=..&oauth_token_secret=..
  ANY /resource        -> 200 {"ok": true, "client": .., "token": .., "method": .., "signatureMethod": ..}
                          | 401 form-encoded Authlib error
  GET /stats           -> {"requestTokens": n, "accessTokens": n, "resourceOk": n, "resourceRejected": n}
  Authlib's errors keep their status and form-encoded body (error=..&error_description=..).
  Set AUTHLIB_OAUTH1_SERVER_LOG=1 for one stderr line per request.
"""
import json
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from authlib.common.security import generate_token
from authlib.common.urls import url_encode
from authlib.oauth1 import (
    SIGNATURE_HMAC_SHA1,
    SIGNATURE_PLAINTEXT,
    SIGNATURE_RSA_SHA1,
    AuthorizationServer,
    ClientAuth,
    ClientMixin,
    OAuth1Request,
    ResourceProtector,
    TemporaryCredential,
    TokenCredentialMixin,
)
from authlib.oauth1.errors import OAuth1Error

from _serve import InteropHandler, new_server, run_mode, serve_until_stopped

KEY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "oauth1_rsa_test_key.json"
METHODS = [SIGNATURE_HMAC_SHA1, SIGNATURE_PLAINTEXT, SIGNATURE_RSA_SHA1]


class Client(dict, ClientMixin):
    def get_default_redirect_uri(self):
        return self["default_redirect_uri"]

    def get_client_secret(self):
        return self["client_secret"]

    def get_rsa_public_key(self):
        return self["rsa_public_key"]


class TokenCredential(dict, TokenCredentialMixin):
    def get_oauth_token(self):
        return self["oauth_token"]

    def get_oauth_token_secret(self):
        return self["oauth_token_secret"]


class Store:
    """In-memory storage, behind one lock: the server answers on several threads."""

    def __init__(self, spki):
        self.lock = threading.RLock()
        self.clients = {
            key: Client(client_id=key, client_secret=secret, rsa_public_key=spki,
                        default_redirect_uri="http://localhost/oob")
            for key, secret in [("client-hmac-sha1", "secret-hmac-sha1"),
                                ("client-plaintext", "secret-plaintext"),
                                ("client-rsa-sha1", "")]
        }
        self.temporary = {}  # oauth_token -> TemporaryCredential
        self.tokens = {}     # oauth_token -> TokenCredential
        self.nonces = set()  # (client, timestamp, nonce, token)
        self.stats = {"requestTokens": 0, "accessTokens": 0, "resourceOk": 0,
                      "resourceRejected": 0}

    def bump(self, name):
        with self.lock:
            self.stats[name] += 1

    def exists_nonce(self, nonce, request):
        """Remembers the nonce; True when it was seen before (RFC 5849 §3.3)."""
        key = (request.client_id, request.timestamp, nonce, request.token)
        with self.lock:
            if key in self.nonces:
                return True
            self.nonces.add(key)
            return False


def as_oauth1_request(request):
    """The (method, uri, body, headers) a handler collected, as Authlib's OAuth1Request."""
    if isinstance(request, OAuth1Request):
        return request
    method, uri, body, headers = request
    return OAuth1Request(method, uri, body, headers)


class Server(AuthorizationServer):
    """Authlib's AuthorizationServer with the storage hooks its docstrings ask for."""
    SUPPORTED_SIGNATURE_METHODS = METHODS

    def __init__(self, store):
        self.store = store

    def create_oauth1_request(self, request):
        return as_oauth1_request(request)

    def handle_response(self, status_code, payload, headers):
        # As authlib.integrations.flask_oauth1 and django_oauth1 answer.
        return status_code, url_encode(payload), dict(headers)

    def get_client_by_id(self, client_id):
        return self.store.clients.get(client_id)

    def exists_nonce(self, nonce, request):
        return self.store.exists_nonce(nonce, request)

    def create_temporary_credential(self, request):
        credential = TemporaryCredential(
            oauth_token=generate_token(36), oauth_token_secret=generate_token(48),
            client_id=request.client_id, oauth_callback=request.redirect_uri)
        with self.store.lock:
            self.store.temporary[credential["oauth_token"]] = credential
            self.store.stats["requestTokens"] += 1
        return credential

    def get_temporary_credential(self, request):
        with self.store.lock:
            return self.store.temporary.get(request.token)

    def delete_temporary_credential(self, request):
        with self.store.lock:
            self.store.temporary.pop(request.token, None)

    def create_authorization_verifier(self, request):
        verifier = generate_token(36)
        with self.store.lock:
            request.credential["user_id"] = request.user
            request.credential["oauth_verifier"] = verifier
        return verifier

    def create_token_credential(self, request):
        token = TokenCredential(
            oauth_token=generate_token(42), oauth_token_secret=generate_token(48),
            client_id=request.credential.get_client_id(),
            user_id=request.credential.get_user_id())
        with self.store.lock:
            self.store.tokens[token["oauth_token"]] = token
            self.store.stats["accessTokens"] += 1
        return token


class Protector(ResourceProtector):
    """Authlib's ResourceProtector with the storage hooks it leaves open."""
    SUPPORTED_SIGNATURE_METHODS = METHODS

    def __init__(self, store):
        self.store = store

    def get_client_by_id(self, client_id):
        return self.store.clients.get(client_id)

    def get_token_credential(self, request):
        with self.store.lock:
            token = self.store.tokens.get(request.token)
        return token if token and token["client_id"] == request.client_id else None

    def exists_nonce(self, nonce, request):
        return self.store.exists_nonce(nonce, request)


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Handler(InteropHandler):
    log_variable = "AUTHLIB_OAUTH1_SERVER_LOG"
    server_version = "authlib-oauth1-interop/1"

    def _route(self, raw):
        app = self.server.app
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return self._send(400, {"Content-Type": "text/plain"}, "body is not UTF-8")
        uri = "http://%s%s" % (self.headers.get("Host", ""), self.path)
        path = urlsplit(uri).path
        # The headers as http.server parsed them: looked up without regard to case, as
        # Flask and Django hand them to Authlib (clients may send "authorization").
        request = (self.command, uri, body, self.headers)

        if path == "/request_token":
            return self._send(*self._answer(app["server"].create_temporary_credentials_response,
                                            request))
        if path == "/access_token":
            return self._send(*self._answer(app["server"].create_token_response, request))
        if path == "/authorize":
            return self._send(*self._authorize(app["server"], request))
        if path == "/resource":
            return self._send(*self._resource(app, request))
        if path == "/stats":
            with app["store"].lock:
                return self._send(200, {"Content-Type": "application/json"},
                                  json.dumps(app["store"].stats))
        return self._send(404, {"Content-Type": "text/plain"}, "not found: %s" % path)

    @staticmethod
    def _answer(respond, request):
        """Authlib's (status, body, headers) in the order `_send` takes them."""
        try:
            status, body, headers = respond(request)
        except ValueError as error:  # a malformed Authorization header
            return 400, {"Content-Type": "text/plain"}, str(error)
        return status, headers, body

    @staticmethod
    def _authorize(server, request):
        query = dict(parse_qsl(urlsplit(request[1]).query))
        user = None if query.get("deny") else query.get("user")
        try:
            status, body, headers = server.create_authorization_response(request, user)
        except OAuth1Error as error:  # Authlib leaves this one to the authorize page
            return error.status_code, FORM, url_encode(error.get_body())
        return status, headers, body

    @staticmethod
    def _resource(app, request):
        try:
            checked = app["protector"].validate_request(*request)
        except (OAuth1Error, ValueError) as error:
            app["store"].bump("resourceRejected")
            body = url_encode(error.get_body()) if isinstance(error, OAuth1Error) else str(error)
            return 401, dict(FORM, **{"WWW-Authenticate": 'OAuth realm="interop"'}), body
        app["store"].bump("resourceOk")
        return 200, {"Content-Type": "application/json"}, json.dumps({
            "ok": True, "client": checked.client_id, "token": checked.token,
            "method": checked.method, "signatureMethod": checked.signature_method,
            "user": checked.credential["user_id"]})


def start():
    store = Store(json.loads(KEY_FILE.read_text())["spki"])
    server = new_server(Handler)
    server.app = {"store": store, "server": Server(store), "protector": Protector(store)}
    return server


def run_serve():
    return serve_until_stopped(start())


def run_selftest():
    """The 3-legged flow with Authlib's own client signer, every method, in the header: proves
    the provider before any other client is held against it."""
    server = start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://localhost:%d" % server.server_address[1]
    rsa = json.loads(KEY_FILE.read_text())["pkcs1"]
    failures = 0
    for method in METHODS:
        try:
            selftest_flow(base, method, rsa)
            sys.stdout.write("ok   %s\n" % method)
        except Exception as error:  # report every method, then fail
            failures += 1
            sys.stdout.write("FAIL %s: %r\n" % (method, error))
    server.shutdown()
    return 1 if failures else 0


def selftest_flow(base, method, rsa):
    key = {"HMAC-SHA1": "client-hmac-sha1", "PLAINTEXT": "client-plaintext",
           "RSA-SHA1": "client-rsa-sha1"}[method]
    secret = {"client-hmac-sha1": "secret-hmac-sha1", "client-plaintext": "secret-plaintext"}
    auth = dict(client_id=key, client_secret=secret.get(key, ""), signature_method=method,
                rsa_key=rsa if method == SIGNATURE_RSA_SHA1 else None)

    def call(url, client, http_method="POST"):
        body = "" if http_method == "POST" else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        url, headers, body = client.prepare(http_method, url, headers, body)
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(url, data=data or None,
                                         headers=headers, method=http_method)
        with urllib.request.urlopen(request) as response:
            return response.read().decode()

    temporary = dict(parse_qsl(call(base + "/request_token",
                                    ClientAuth(redirect_uri="http://localhost/cb", **auth))))
    assert temporary["oauth_callback_confirmed"] == "True", temporary
    location = authorize_location(base, temporary["oauth_token"])
    verifier = dict(parse_qsl(urlsplit(location).query))["oauth_verifier"]
    token = dict(parse_qsl(call(base + "/access_token", ClientAuth(
        token=temporary["oauth_token"], token_secret=temporary["oauth_token_secret"],
        verifier=verifier, **auth))))
    answer = json.loads(call(base + "/resource", ClientAuth(
        token=token["oauth_token"], token_secret=token["oauth_token_secret"], **auth)))
    assert answer["ok"] and answer["signatureMethod"] == method, answer


def authorize_location(base, token):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    url = base + "/authorize?" + urlencode({"oauth_token": token, "user": "alice"})
    try:
        urllib.request.build_opener(NoRedirect).open(url)
    except urllib.error.HTTPError as error:
        return error.headers["Location"]
    raise AssertionError("expected a redirect from /authorize")


if __name__ == "__main__":
    sys.exit(run_mode(__doc__, {"serve": run_serve, "selftest": run_selftest}, sys.argv))

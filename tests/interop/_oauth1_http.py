"""oauth1_server.py serve: the HTTP provider (request_token, authorize, access_token,
resource, stats) over the validator and endpoints."""
import json
from urllib.parse import parse_qsl, urlsplit

from oauthlib.common import add_params_to_uri, urlencode
from oauthlib.oauth1.rfc5849 import errors

from _oauth1_endpoints import AccessTokenEP, AuthorizationEP, RequestTokenEP, ResourceEP, check_resource
from _oauth1_notes import diag_reset, reason_for
from _oauth1_validator import Store, Validator, fixed_clients, load_rsa
from _serve import InteropHandler, new_server, serve_until_stopped


class Handler(InteropHandler):
    log_variable = "OAUTH1_SERVER_LOG"
    server_version = "oauth1-interop/1"

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

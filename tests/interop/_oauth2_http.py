"""oauth2_server.py serve: the HTTP authorization server and protected resource (authorize,
token, revoke, introspect, resource, stats) around oauthlib's Server."""
import json
import os
from urllib.parse import parse_qsl, urlsplit

from oauthlib.common import add_params_to_uri
from oauthlib.oauth2.rfc6749 import errors

from _oauth2_config import FORM, NO_STORE
from _oauth2_grants import build_server
from _oauth2_notes import description_safe, take_notes
from _oauth2_validator import Store
from _serve import InteropHandler, new_server, serve_until_stopped


def error_response(e):
    headers = dict(NO_STORE)
    headers.update(e.headers)
    return headers, e.json, e.status_code


class Handler(InteropHandler):
    log_variable = "OAUTH2_SERVER_LOG"
    server_version = "oauth2-interop/1"

    def _fail(self, error):
        if isinstance(error, errors.OAuth2Error):  # raised from validator hooks oauthlib does not guard
            self._send(*self._finish(*error_response(error)))
        elif isinstance(error, ValueError):  # oauthlib's urldecode rejects malformed query strings this way
            self._send(400, NO_STORE, json.dumps({"error": "invalid_request",
                                                  "error_description": description_safe(str(error))}))
        else:
            super()._fail(error)

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
        take_notes()
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

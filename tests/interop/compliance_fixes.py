#!/usr/bin/python3
"""Differential-test runner for requests-oauthlib's own compliance fixes.

Run as ``/usr/bin/python3 tests/interop/compliance_fixes.py``.  Reads JSON
lines on stdin until EOF and writes exactly one JSON line per (non-blank) input
line on stdout, flushed after each line.

Each input names a fix (facebook, fitbit, mailchimp, plentymarkets, weibo,
douban, linkedin, slack, instagram) and a hook point.  The fix is registered on
a fresh ``OAuth2Session(client_id="app", token=...)`` and the registered hooks
are run the way ``OAuth2Session`` itself runs them:

* ``access_token_response`` / ``refresh_token_response``: the given response
  becomes a real ``requests.Response``; every hook in
  ``session.compliance_hook[point]`` is applied (``r = hook(r)``), then
  ``session._client.parse_request_body_response(r.text, scope=session.scope)``
  parses the result, as ``fetch_token`` / ``refresh_token`` do after their
  HTTP call.  For ``refresh_token_response`` the session's follow-up step is
  mirrored too: a parsed token without ``refresh_token`` gets the old one
  (``token.refresh_token`` of the input, else ``None``).
  Output: ``{"id", "token", "hookedBody"}`` or
  ``{"id", "error", "message", "oauthError", "hookedBody"}``.

* ``protected_request``: mirrors ``OAuth2Session.request``: the transport
  check on the URL, then (only when the session has a truthy token) every
  ``protected_request`` hook on ``(url, headers, data)``, then
  ``session._client.add_token(url, http_method=method, body=data,
  headers=headers)``.
  Output: ``{"id", "request": {"url", "headers", "body"}}`` or an error line.
"""

import importlib
import json
import sys
import traceback

import requests
from requests.structures import CaseInsensitiveDict
from oauthlib.oauth2 import OAuth2Error
from requests_oauthlib import OAuth2Session

FIXES = (
    "facebook",
    "fitbit",
    "mailchimp",
    "plentymarkets",
    "weibo",
    "douban",
    "linkedin",
    "slack",
    "instagram",
)
RESPONSE_POINTS = ("access_token_response", "refresh_token_response")
REQUEST_POINT = "protected_request"


class RunnerError(Exception):
    """A problem with the input line itself, not with the fix under test."""


def load_fix(name):
    if name not in FIXES:
        raise RunnerError("unknown fix: %r" % (name,))
    # Import the module directly: douban is not re-exported by the package's
    # __init__ in requests-oauthlib 1.3.0.
    module = importlib.import_module("requests_oauthlib.compliance_fixes." + name)
    return getattr(module, name + "_compliance_fix")


def new_session(fix_name, token, scope):
    fix = load_fix(fix_name)
    session = OAuth2Session(client_id="app", token=token, scope=scope)
    fixed = fix(session)
    return fixed if fixed is not None else session


def plain(value):
    """Convert oauthlib/requests containers to plain JSON-able values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def error_fields(exc):
    return {
        "error": type(exc).__name__,
        "message": str(exc),
        "oauthError": getattr(exc, "error", None)
        if isinstance(exc, OAuth2Error)
        else None,
    }


def build_response(spec):
    if not isinstance(spec, dict):
        raise RunnerError("'response' must be an object")
    r = requests.Response()
    r.status_code = int(spec.get("status", 200))
    headers = spec.get("headers") or {}
    if isinstance(headers, list):
        headers = [(str(k), str(v)) for k, v in headers]
    r.headers = CaseInsensitiveDict(headers)
    body = spec.get("body")
    if body is None:
        content = b""
    elif isinstance(body, str):
        content = body.encode("utf-8")
    else:
        # A JSON value given directly: serialise it as the wire body.
        content = json.dumps(body).encode("utf-8")
    r._content = content
    r._content_consumed = True
    r.encoding = "utf-8"
    r.url = spec.get("url", "https://provider.example/token")
    return r


def run_response(msg, point):
    token = msg.get("token")
    session = new_session(msg.get("fix"), token, msg.get("scope"))
    r = build_response(msg.get("response"))
    out = {}
    try:
        for hook in session.compliance_hook[point]:
            r = hook(r)
        hooked = r.text
        if point == "access_token_response":
            # OAuth2Session.fetch_token
            session._client.parse_request_body_response(r.text, scope=session.scope)
            session.token = session._client.token
            result = session.token
        else:
            # OAuth2Session.refresh_token
            refresh_token = (msg.get("token") or {}).get("refresh_token")
            session.token = session._client.parse_request_body_response(
                r.text, scope=session.scope
            )
            if "refresh_token" not in session.token:
                session.token["refresh_token"] = refresh_token
            result = session.token
        out["token"] = plain(dict(result))
    except Exception as exc:  # the fix or the parser failed: that is data
        out.update(error_fields(exc))
        try:
            hooked = r.text
        except Exception:
            hooked = None
    out["hookedBody"] = hooked
    return out


def run_request(msg):
    from oauthlib.oauth2 import InsecureTransportError, is_secure_transport

    token = msg.get("token")
    session = new_session(msg.get("fix"), token, msg.get("scope"))
    req = msg.get("request")
    if not isinstance(req, dict):
        raise RunnerError("'request' must be an object")
    method = req.get("method", "GET")
    url = req["url"]
    headers = req.get("headers")  # None when absent/null, as a caller would
    if "form" in req:
        data = req["form"]
    else:
        data = req.get("body")
    out = {}
    try:
        # OAuth2Session.request, up to the point where requests takes over.
        if not is_secure_transport(url):
            raise InsecureTransportError()
        if session.token:
            for hook in session.compliance_hook[REQUEST_POINT]:
                url, headers, data = hook(url, headers, data)
            url, headers, data = session._client.add_token(
                url, http_method=method, body=data, headers=headers
            )
        out["request"] = {
            "url": url,
            "headers": plain(dict(headers)) if headers is not None else None,
            "body": plain(data),
        }
    except Exception as exc:
        out.update(error_fields(exc))
    return out


def handle(line):
    msg_id = None
    try:
        msg = json.loads(line)
        if not isinstance(msg, dict):
            raise RunnerError("input line is not a JSON object")
        msg_id = msg.get("id")
        point = msg.get("point")
        if point in RESPONSE_POINTS:
            body = run_response(msg, point)
        elif point == REQUEST_POINT:
            body = run_request(msg)
        else:
            raise RunnerError("unknown point: %r" % (point,))
    except Exception as exc:  # runner/input problem: still answer the line
        body = {
            "error": "RunnerError",
            "message": "%s: %s" % (type(exc).__name__, exc),
            "oauthError": None,
            "traceback": traceback.format_exc(),
        }
    out = {"id": msg_id}
    out.update(body)
    return out


def main():
    stdin = sys.stdin.buffer
    while True:
        raw = stdin.readline()
        if not raw:
            break
        line = raw.decode("utf-8", "replace").strip()
        if not line:
            continue
        out = handle(line)
        try:
            text = json.dumps(out, default=str)
        except Exception as exc:
            text = json.dumps(
                {
                    "id": out.get("id") if isinstance(out.get("id"), (str, int)) else None,
                    "error": "RunnerError",
                    "message": "cannot serialise output: %s" % (exc,),
                    "oauthError": None,
                }
            )
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

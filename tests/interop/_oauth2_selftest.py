"""oauth2_server.py selftest: runs `script` (oauth2_server.py) in serve mode and exercises
every grant, client authentication, the resource, revocation and introspection with urllib."""
import base64
import json
import secrets
import sys
import time
from urllib.parse import parse_qsl, urlsplit

import jwt

from _oauth2_config import FORM, HS_SECRET, JWT_BEARER, KEY_FILE, REDIRECT


def run_selftest(script):
    import hashlib
    import subprocess
    import urllib.error
    import urllib.request
    from urllib.parse import quote_plus, urlencode

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **kw):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    proc = subprocess.Popen([sys.executable, script, "serve"], stdin=subprocess.PIPE,
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

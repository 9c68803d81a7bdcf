"""oauth1_server.py selftest: runs `script` (oauth1_server.py) in serve and verify mode and
checks both against oauthlib's own Client."""
import json
import sys
from urllib.parse import parse_qsl, urlsplit

from oauthlib.common import urlencode

from _oauth1_validator import METHODS, load_rsa


def run_selftest(script):
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
    proc = subprocess.Popen([sys.executable, script, "serve"], stdin=subprocess.PIPE,
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
    out = subprocess.run([sys.executable, script, "verify"], input="".join(json.dumps(x) + "\n" for x in lines),
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

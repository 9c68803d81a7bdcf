#!/usr/bin/python3
"""Records how Authlib's OAuth 2.0 server reads HTTP Basic client credentials.

RFC 6749 §2.3.1 asks clients to form-encode the client id and secret before base64; Authlib
(checked with Debian python3-authlib 1.2.0) splits the decoded header on the first ":" and
does not form-decode. The fixture pins both: our header for each pair, and what Authlib reads
from it. Run: /usr/bin/python3 scripts/record_authlib_basic.py > tests/fixtures/authlib_basic_credentials.json
"""
import base64
import json
import urllib.parse

import authlib
from authlib.oauth2.rfc6749.util import extract_basic_authorization

PAIRS = [
    ("app", "s3cret-plain-value"),
    ("app", "p:w%+ &/="),
    ("a b", "secret with spaces"),
    ("app", "ünïcode-sécret"),
]


def rfc6749_basic(client_id, secret):
    """RFC 6749 §2.3.1, written from the RFC: application/x-www-form-urlencoded, then base64."""
    pair = urllib.parse.quote_plus(client_id) + ":" + urllib.parse.quote_plus(secret)
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


cases = []
for client_id, secret in PAIRS:
    header = rfc6749_basic(client_id, secret)
    read_id, read_secret = extract_basic_authorization({"Authorization": header})
    cases.append({
        "clientId": client_id,
        "clientSecret": secret,
        "header": header,
        "authlibReads": [read_id, read_secret],
    })

print(json.dumps({
    "source": f"Authlib {authlib.__version__} authlib.oauth2.rfc6749.util.extract_basic_authorization "
              "(Debian python3-authlib), recorded by scripts/record_authlib_basic.py",
    "cases": cases,
}, indent=2, ensure_ascii=False))

#!/usr/bin/python3
"""Record OAuth 1.0a (RFC 5849) signing vectors from the Python reference stack.

Every case below is signed the way a Python user would sign it: a
``requests.Request(...).prepare()``-d request is passed through
``requests_oauthlib.OAuth1`` (which drives ``oauthlib.oauth1.Client``) with a
fixed nonce and timestamp.  The script records the request before signing, and
after signing the URL, body, Authorization header, the protocol parameters in
the order oauthlib emitted them, the signature and the signature base string
oauthlib signed (captured from oauthlib's own debug log).

Every recorded case is cross-checked before it is written:

* HMAC signatures are recomputed with ``hmac``/``hashlib`` from the captured
  base string, RSA signatures are recomputed with ``cryptography`` (PKCS#1 v1.5
  is deterministic) and verified with the public key, PLAINTEXT signatures are
  rebuilt from the secrets;
* the protocol parameters found in the signed request must be exactly the ones
  configured;
* the base string is rebuilt independently from the unsigned request, decoding
  every parameter exactly once as RFC 5849 section 3.4.1.3.1 says.  It must
  equal oauthlib's, except in the cases marked ``rfc_fix`` where oauthlib is
  known to decode ``oauth_*`` values twice; there the RFC-correct value is
  recorded as ``expected`` and oauthlib's own signature is kept in
  ``oauthlibClientSignature``.

Any inconsistency aborts with a non-zero exit status.  The output is
deterministic: running the script twice gives a byte-identical file.

Requirements (Debian packages; run with the system interpreter, which is the
one that can see them):

    apt-get install python3-oauthlib python3-requests-oauthlib

Usage:

    /usr/bin/python3 scripts/record_oauth1_vectors.py

Writes tests/fixtures/oauth1_oauthlib.json (and reads the RSA key from
tests/fixtures/oauth1_rsa_test_key.json).
"""

import base64
import hashlib
import hmac
import json
import logging
import re
import sys
import types
import urllib.parse
from importlib import metadata
from pathlib import Path

import oauthlib
import oauthlib.common
import requests
import requests_oauthlib
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from oauthlib.oauth1.rfc5849 import signature as oauth_signature

ROOT = Path(__file__).resolve().parent.parent
KEY_FILE = ROOT / "tests" / "fixtures" / "oauth1_rsa_test_key.json"
OUT_FILE = ROOT / "tests" / "fixtures" / "oauth1_oauthlib.json"

FORM = "application/x-www-form-urlencoded"
SIGNATURE_METHODS = [
    "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512",
    "RSA-SHA1", "RSA-SHA256", "RSA-SHA512",
    "PLAINTEXT",
]
PLACEMENTS = {"header": "AUTH_HEADER", "query": "QUERY", "body": "BODY"}
HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
RSA_HASHES = {"SHA1": hashes.SHA1, "SHA256": hashes.SHA256, "SHA512": hashes.SHA512}
ABSENT = object()  # marks a client secret that is not passed at all

KEYS = json.loads(KEY_FILE.read_text(encoding="utf-8"))


class Inconsistency(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Inconsistency(message)


# --------------------------------------------------------------------------
# Capturing the base string oauthlib signs
# --------------------------------------------------------------------------

BASE_STRING_PREFIX = "Signing: signature base string: "


class BaseStringCapture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.seen = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith(BASE_STRING_PREFIX):
            self.seen.append(message[len(BASE_STRING_PREFIX):])


CAPTURE = BaseStringCapture()
_oauthlib_logger = logging.getLogger("oauthlib.oauth1.rfc5849")
_oauthlib_logger.setLevel(logging.DEBUG)
_oauthlib_logger.addHandler(CAPTURE)
_oauthlib_logger.propagate = False


# --------------------------------------------------------------------------
# Independent helpers (RFC 5849 rules, written here, not taken from oauthlib)
# --------------------------------------------------------------------------

def pct(text):
    """RFC 5849 section 3.6: UTF-8, then percent-encode all but unreserved."""
    return urllib.parse.quote(text.encode("utf-8"), safe="")


def form_decode(text):
    """application/x-www-form-urlencoded decoding: one decode, '+' is space."""
    return urllib.parse.parse_qsl(text, keep_blank_values=True)


def rfc_normalize(params):
    encoded = sorted((pct(k), pct(v)) for k, v in params)
    return "&".join(f"{k}={v}" for k, v in encoded)


def hmac_signature(method, base_string, client_secret, token_secret):
    key = f"{pct(client_secret or '')}&{pct(token_secret or '')}"
    digest = hmac.new(key.encode("utf-8"), base_string.encode("utf-8"),
                      HASHES[method.split("-")[1]]).digest()
    return base64.b64encode(digest).decode("ascii")


def rsa_signature(method, base_string, pem):
    key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    raw = key.sign(base_string.encode("ascii"), padding.PKCS1v15(),
                   RSA_HASHES[method.split("-")[1]]())
    public = serialization.load_pem_public_key(KEYS["spki"].encode("ascii"))
    public.verify(raw, base_string.encode("ascii"), padding.PKCS1v15(),
                  RSA_HASHES[method.split("-")[1]]())
    return base64.b64encode(raw).decode("ascii")


def text_of(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def parse_authorization(header):
    check(header.startswith("OAuth "), f"unexpected Authorization header {header!r}")
    pairs = re.findall(r'([A-Za-z0-9_]+)="([^"]*)"', header[len("OAuth "):])
    return [(k, urllib.parse.unquote(v)) for k, v in pairs if k != "realm"]


def nonce_for(name):
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:20]


def timestamp_for(name):
    digest = hashlib.sha256(("ts:" + name).encode("utf-8")).hexdigest()
    return str(1700000000 + int(digest[:8], 16) % 90000000)


# --------------------------------------------------------------------------
# Recording one case
# --------------------------------------------------------------------------

CASES = []
NAMES = set()
REFUSED = []


def record(name, *, url, method="GET", headers=None, body=None,
           sig="HMAC-SHA1", placement="header",
           key="consumer-key", secret="consumer-secret",
           token=None, token_secret=None, callback=None, verifier=None,
           realm=None, private_key="pkcs1", body_hash=False,
           nonce=None, timestamp=None, raw_url=None, raw_method=None,
           note=None, rfc_fix=False, refused=None):
    """Sign one request with requests-oauthlib and append the vector.

    raw_url / raw_method replace the PreparedRequest's url / method after
    prepare(), for the few cases where requests' own normalisation would hide
    what oauthlib does.  refused=<message fragment> means oauthlib must raise
    ValueError; the case is then only reported, not recorded.
    """
    check(name not in NAMES, f"duplicate case name {name!r}")
    NAMES.add(name)
    check(sig in SIGNATURE_METHODS and placement in PLACEMENTS, name)
    check(callback is None or token is None, f"{name}: callbackUri only without token")
    check(verifier is None or token is not None, f"{name}: verifier only with token")
    check(realm is None or '"' not in realm, f"{name}: quoted realm is not recorded")
    headers = dict(headers or {})
    if body:
        check("Content-Type" in headers, f"{name}: a body needs an explicit Content-Type")
    nonce = nonce or nonce_for(name)
    timestamp = timestamp or timestamp_for(name)
    rsa = sig.startswith("RSA-")

    prepared = requests.Request(method, url, headers=headers, data=body).prepare()
    if raw_url is not None:
        prepared.url = raw_url
    if raw_method is not None:
        prepared.method = raw_method
    request_in = {
        "method": prepared.method,
        "url": prepared.url,
        "headers": headers,
        "body": text_of(prepared.body),
    }
    content_type_in = prepared.headers.get("Content-Type", "")

    auth = requests_oauthlib.OAuth1(
        key,
        None if secret is ABSENT else secret,
        token,
        token_secret,
        callback,
        sig,
        PLACEMENTS[placement],
        KEYS["pkcs1"] if rsa else None,
        verifier,
        realm=realm,
        nonce=nonce,
        timestamp=timestamp,
        force_include_body=body_hash,
    )
    CAPTURE.seen.clear()
    if refused is not None:
        try:
            auth(prepared)
        except ValueError as error:
            check(refused in str(error), f"{name}: refused with unexpected message {error}")
            REFUSED.append((name, str(error)))
            return
        raise Inconsistency(f"{name}: expected oauthlib to refuse the request")
    auth(prepared)

    url_out = prepared.url
    body_out = text_of(prepared.body)
    authorization = text_of(prepared.headers.get("Authorization")) if placement == "header" else None

    # -- protocol parameters as emitted ------------------------------------
    if placement == "header":
        emitted = parse_authorization(authorization)
    elif placement == "query":
        check(not any(k.startswith("oauth_") for k, _ in
                      form_decode(urllib.parse.urlsplit(request_in["url"]).query)),
              f"{name}: input query already has oauth_ parameters")
        emitted = [(k, v) for k, v in form_decode(urllib.parse.urlsplit(url_out).query)
                   if k.startswith("oauth_")]
    else:
        check(not any(k.startswith("oauth_") for k, _ in form_decode(request_in["body"] or "")),
              f"{name}: input body already has oauth_ parameters")
        emitted = [(k, v) for k, v in form_decode(body_out) if k.startswith("oauth_")]
    check(emitted and emitted[-1][0] == "oauth_signature", f"{name}: no trailing oauth_signature")
    oauthlib_sig = emitted[-1][1]

    wanted = [("oauth_nonce", nonce), ("oauth_timestamp", timestamp), ("oauth_version", "1.0"),
              ("oauth_signature_method", sig), ("oauth_consumer_key", key)]
    if token:
        wanted.append(("oauth_token", token))
    if callback:
        wanted.append(("oauth_callback", callback))
    if verifier:
        wanted.append(("oauth_verifier", verifier))
    if body_hash:
        digest = hashlib.sha1((request_in["body"] or "").encode("utf-8")).digest()
        wanted.append(("oauth_body_hash", base64.b64encode(digest).decode("ascii")))
    check(emitted[:-1] == wanted, f"{name}: emitted {emitted[:-1]} != configured {wanted}")

    # -- base string oauthlib signed ---------------------------------------
    if sig == "PLAINTEXT":
        check(not CAPTURE.seen, f"{name}: PLAINTEXT should not sign a base string")
        base_string = None
    else:
        check(len(CAPTURE.seen) == 1, f"{name}: captured {len(CAPTURE.seen)} base strings")
        base_string = CAPTURE.seen[0]

    # -- independent RFC 5849 base string (every value decoded once) --------
    form_signed = (FORM in content_type_in) or placement == "body"
    params = list(form_decode(urllib.parse.urlsplit(request_in["url"]).query))
    if form_signed:
        params += form_decode(request_in["body"] or "")
    params += wanted
    rfc_base = "&".join([
        pct(request_in["method"].upper()),
        pct(oauth_signature.base_string_uri(request_in["url"])),
        pct(rfc_normalize(params)),
    ])

    client_secret = "" if secret is ABSENT else secret
    if sig == "PLAINTEXT":
        plain = f"{pct(client_secret)}&{pct(token_secret or '')}"
        check(oauthlib_sig == plain, f"{name}: PLAINTEXT {oauthlib_sig!r} != {plain!r}")
        final_sig = oauthlib_sig
    else:
        if sig.startswith("HMAC-"):
            again = hmac_signature(sig, base_string, client_secret, token_secret)
        else:
            again = rsa_signature(sig, base_string, KEYS["pkcs1"])
            check(rsa_signature(sig, base_string, KEYS[private_key]) == again,
                  f"{name}: pkcs1 and {private_key} signatures differ")
        check(again == oauthlib_sig, f"{name}: recomputed signature {again} != oauthlib {oauthlib_sig}")
        if rfc_fix:
            check(base_string != rfc_base, f"{name}: rfc_fix case but oauthlib agrees with the RFC")
        else:
            check(base_string == rfc_base,
                  f"{name}: oauthlib base string differs from RFC one\n  oauthlib {base_string}\n"
                  f"  rfc      {rfc_base}")
        final_sig = oauthlib_sig

    case = {"name": name, "client": client_json(
        key, secret, token, token_secret, callback, verifier, realm, sig, placement,
        private_key if rsa else None, body_hash)}
    case["nonce"] = nonce
    case["timestamp"] = timestamp
    case["request"] = request_in

    if rfc_fix:
        check(sig == "HMAC-SHA1", f"{name}: rfc_fix only implemented for HMAC-SHA1")
        final_sig, rfc_base = rfc_corrected(name, request_in, form_signed, wanted,
                                            client_secret, token_secret, rfc_base)
        check(final_sig != oauthlib_sig, f"{name}: corrected signature equals oauthlib's")
        old = f"oauth_signature={urllib.parse.quote_plus(oauthlib_sig)}"
        new = f"oauth_signature={urllib.parse.quote_plus(final_sig)}"
        if placement == "header":
            old_h = f'oauth_signature="{pct(oauthlib_sig)}"'
            check(authorization.count(old_h) == 1, f"{name}: signature not found in header")
            authorization = authorization.replace(old_h, f'oauth_signature="{pct(final_sig)}"')
        elif placement == "query":
            check(url_out.count(old) == 1, f"{name}: signature not found in url")
            url_out = url_out.replace(old, new)
        else:
            check(body_out.count(old) == 1, f"{name}: signature not found in body")
            body_out = body_out.replace(old, new)
        emitted = emitted[:-1] + [("oauth_signature", final_sig)]
        base_string = rfc_base

    expected = {}
    if base_string is not None:
        expected["baseString"] = base_string
    expected["signature"] = final_sig
    expected["oauthParams"] = [list(p) for p in emitted]
    if authorization is not None:
        expected["authorization"] = authorization
    expected["url"] = url_out
    expected["body"] = body_out
    case["expected"] = expected
    if rfc_fix:
        case["oauthlibClientSignature"] = oauthlib_sig
        case["note"] = ("oauthlib decodes oauth_* values twice; expected follows "
                        "RFC 5849 §3.4.1.3.1 (decode once)")
    elif note:
        case["note"] = note
    CASES.append(case)


def rfc_corrected(name, request_in, form_signed, oauth_params, client_secret, token_secret,
                  independent_base):
    """RFC-correct signature using oauthlib's low-level primitives only."""
    params = oauthlib.common.urldecode(urllib.parse.urlsplit(request_in["url"]).query)
    if form_signed:
        params += oauthlib.common.urldecode(request_in["body"] or "")
    params += oauth_params
    base = oauth_signature.signature_base_string(
        request_in["method"],
        oauth_signature.base_string_uri(request_in["url"]),
        oauth_signature.normalize_parameters(params))
    check(base == independent_base, f"{name}: oauthlib primitives disagree with own RFC base")
    client = types.SimpleNamespace(client_secret=client_secret,
                                   resource_owner_secret=token_secret)
    sig = oauth_signature.sign_hmac_sha1_with_client(base, client)
    check(sig == hmac_signature("HMAC-SHA1", base, client_secret, token_secret),
          f"{name}: HMAC mismatch in corrected signature")
    return sig, base


def client_json(key, secret, token, token_secret, callback, verifier, realm, sig, placement,
                private_key, body_hash):
    c = {"clientKey": key}
    if secret is not ABSENT:
        c["clientSecret"] = secret
    if token is not None:
        c["token"] = token
    if token_secret is not None:
        c["tokenSecret"] = token_secret
    if callback is not None:
        c["callbackUri"] = callback
    if verifier is not None:
        c["verifier"] = verifier
    if realm is not None:
        c["realm"] = realm
    c["signatureMethod"] = sig
    c["signatureType"] = placement
    if private_key is not None:
        c["privateKey"] = private_key
    if body_hash:
        c["bodyHash"] = True
    c["includeVersion"] = True
    return c


FORM_H = {"Content-Type": FORM}
TOKEN = dict(token="token-9f8e7d", token_secret="token-secret-4c3b2a")

# --------------------------------------------------------------------------
# 1. Every signature method x placement x client shape
# --------------------------------------------------------------------------

def matrix():
    shapes = [
        ("consumer credentials only", {}),
        ("consumer and token credentials", TOKEN),
        ("a token whose token secret is empty", dict(token="token-9f8e7d", token_secret="")),
        ("no client secret at all", dict(secret=ABSENT, **TOKEN)),
    ]
    for sig in SIGNATURE_METHODS:
        for placement in PLACEMENTS:
            for i, (shape, creds) in enumerate(shapes):
                pk = {"private_key": "pkcs8" if i % 2 else "pkcs1"} if sig.startswith("RSA") else {}
                where = {"header": "the Authorization header", "query": "the query",
                         "body": "the form body"}[placement]
                name = f"{sig} in {where} with {shape}"
                if placement == "body":
                    requests_ = [
                        dict(method="POST", url="https://api.example.com/1/statuses/update.json?include_entities=true",
                             headers=FORM_H, body="status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21"),
                        dict(method="POST", url="https://api.example.com/v2/items?page=2",
                             headers=FORM_H, body="title=Tea+%26+cake&tag=a&tag=b"),
                        dict(method="PUT", url="https://api.example.com/v2/items/42",
                             headers=FORM_H, body="qty=3&note="),
                        dict(method="POST", url="https://api.example.com/v2/ping"),
                    ]
                    if i == 3:
                        name += " and an empty POST body that becomes a form"
                else:
                    requests_ = [
                        dict(method="GET", url="https://api.example.com/1/statuses?count=5&since_id=12"),
                        dict(method="POST", url="https://api.example.com/v2/items?page=2",
                             headers=FORM_H, body="title=Tea+%26+cake&tag=a&tag=b"),
                        dict(method="PUT", url="https://api.example.com/v2/items/42",
                             headers=FORM_H, body="qty=3&note="),
                        dict(method="DELETE", url="https://api.example.com/v2/items/42?hard=1"),
                    ]
                record(name, sig=sig, placement=placement, **pk, **creds, **requests_[i])
        pk = {"private_key": "pkcs1"} if sig.startswith("RSA") else {}
        record(f"{sig} in the Authorization header with a realm, which is not signed",
               sig=sig, realm="https://api.example.com/", **pk, **TOKEN,
               method="GET", url="https://api.example.com/1/statuses?count=5")


# --------------------------------------------------------------------------
# 2. Tricky URLs
# --------------------------------------------------------------------------

BYPASS = "URL assigned to PreparedRequest.url after prepare(), bypassing requests' URL normalisation"


def tricky_urls():
    R = record
    R("explicit default port :80 on http is dropped from the base string URI",
      url="http://example.com:80/r?a=1", **TOKEN)
    R("explicit default port :443 on https is dropped from the base string URI",
      method="POST", url="https://example.com:443/r", **TOKEN)
    R("non-default port 8080 on http is kept", url="http://example.com:8080/r", **TOKEN)
    R("non-default port 8443 on https is kept", method="POST",
      url="https://example.com:8443/r?x=y", headers=FORM_H, body="z=1", **TOKEN)
    R("port 443 on http is not a default port and is kept", url="http://example.com:443/r")
    R("port 80 on https is not a default port and is kept", url="https://example.com:80/r")
    R("upper-case scheme and host (requests lower-cases them, path case is kept)",
      url="HTTPS://API.EXAMPLE.COM/Resource/Path?Q=V", **TOKEN)
    R("upper-case scheme and host with :443 reach oauthlib unchanged and are lower-cased in the base string",
      url="https://api.example.com/", raw_url="HTTPS://API.Example.COM:443/Resource?Q=V",
      note=BYPASS, **TOKEN)
    R("upper-case host with a non-default port reaches oauthlib unchanged",
      url="https://api.example.com/", raw_url="http://API.EXAMPLE.COM:8080/x", note=BYPASS)
    R("IPv4 host with a non-default port", url="http://192.0.2.7:8080/x?y=1", **TOKEN)
    R("IPv4 host with the default port", method="POST", url="http://192.0.2.7:80/x")
    R("IPv6 loopback host with a port", url="http://[::1]:8080/x", **TOKEN)
    R("IPv6 host written in upper case (requests lower-cases it)",
      url="https://[2001:DB8::1]/x", **TOKEN)
    R("IPv6 host with the default port, uncompressed and in upper case, is compressed and lower-cased by oauthlib",
      url="https://[2001:db8::1]/x", raw_url="https://[2001:DB8:0:0:0:0:0:1]:443/x", note=BYPASS)
    R("IPv6 host that requests leaves uncompressed is compressed by oauthlib",
      method="POST", url="http://[2001:db8:0:0:0:0:0:1]:8080/x")
    R("unicode path is percent-encoded as UTF-8 by requests", url="https://example.com/café/ü", **TOKEN)
    R("unicode path with a POST form body", method="POST", url="https://example.com/café/ü",
      headers=FORM_H, body="k=v")
    R("lower-case percent escape %2f in the path (requests upper-cases it)",
      url="https://example.com/a%2fb", **TOKEN)
    R("lower-case %2f and %7E in the path are kept as they are in the base string URI",
      url="https://example.com/", raw_url="https://example.com/a%2fb/%7Euser", note=BYPASS, **TOKEN)
    R("%7E in the path (requests decodes it to ~)", url="https://example.com/%7Euser/x")
    R("unicode host is IDNA-encoded by requests", url="https://bücher.example/katalog?q=1", **TOKEN)
    R("empty path (requests adds the slash)", url="https://example.com", **TOKEN)
    R("empty path reaching oauthlib as is becomes / in the base string URI",
      url="https://example.com/", raw_url="https://example.com", note=BYPASS)
    R("empty path with a query reaching oauthlib as is",
      url="https://example.com/", raw_url="https://example.com?a=1", note=BYPASS, **TOKEN)
    R("trailing slash on the path is kept", url="https://example.com/dir/", **TOKEN)
    R("path with ;params segments", url="https://example.com/p;type=a/q;v=1?x=1", **TOKEN)
    R("path and query with ~ and unreserved punctuation", url="https://example.com/~user/a-b_c.d?t=~x-y_z.w")
    R("path and query with sub-delimiters !*'()", url="https://example.com/!*'()/x?k=!*'()", **TOKEN)
    R("brackets in the query (requests percent-encodes them)",
      url="https://example.com/x?filter[name]=a&ids[]=1&ids[]=2", **TOKEN)
    R("percent-encoded brackets in the query", method="POST",
      url="https://example.com/x?ids%5B%5D=1&ids%5B%5D=2")
    # oauthlib refuses raw brackets in the query: its urldecode() rejects '[' and ']'.
    R("raw brackets in the query reaching oauthlib",
      url="https://example.com/", raw_url="https://example.com/x?ids[]=1", refused="invalid characters")
    R("+ in the query is a space", url="https://example.com/search?q=a+b&r=c+d+e", **TOKEN)
    R("%2B in the query is a literal plus", url="https://example.com/calc?q=1%2B1%3D2", **TOKEN)
    R("%20 and + in the query both decode to a space", url="https://example.com/s?a=x%20y&b=x+y")
    R("empty query values", url="https://example.com/x?a=&b=&c=1", **TOKEN)
    R("bare query keys without =", url="https://example.com/x?a&b&c=1", **TOKEN)
    R("duplicate query keys with different values sort by value",
      url="https://example.com/x?a=2&a=1&a=10&a=", **TOKEN)
    R("duplicate query keys with equal values are all kept",
      url="https://example.com/x?a=1&a=1&b=x&b=x", **TOKEN)
    R("keys sort by encoded bytes: upper case before lower case, a before a1",
      url="https://example.com/x?a=1&A=2&a1=3&b=4&B=5&_=6&0=7", **TOKEN)
    R("keys sort by name first: a=b sorts before ab, and a before a-",
      url="https://example.com/x?ab=1&a=b&a-=2&a.=3", **TOKEN)
    R("keys sort by encoded bytes: %E2%98%83 before Z before z",
      url="https://example.com/x?z=1&%E2%98%83=snowman&Z=2&%C3%A9=e", **TOKEN)
    R("reserved characters percent-encoded in a query value",
      url="https://example.com/x?v=%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D", **TOKEN)
    R("reserved characters left raw in a query value",
      url="https://example.com/x?v=:/?@!$'()*,;&w=a:b", **TOKEN)
    R("a fragment is never signed", url="https://example.com/x?a=1#frag", **TOKEN)
    R("userinfo in the URL is never signed (requests also adds Basic auth, which OAuth1 replaces)",
      url="https://user:pw@example.com/x?a=1", **TOKEN)
    R("query values containing =", url="https://example.com/x?a=b=c&d==", **TOKEN)
    R("percent-encoded UTF-8 in the query", url="https://example.com/x?q=%C3%BC&r=%E2%98%83")
    R("raw unicode in the query (requests encodes it as UTF-8)", url="https://example.com/x?q=ü&r=☃", **TOKEN)
    R("raw space in the path and query (requests encodes it as %20)",
      url="https://example.com/a b?c d=e f", **TOKEN)
    R("%25 literal percent in the path and query", url="https://example.com/100%25/x?p=100%25", **TOKEN)
    R("the RFC 5849 §3.4.1.1 request: query, form body with a bare key and +, realm (oauthlib always adds oauth_version)",
      method="POST", url="http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
      headers=FORM_H, body="c2&a3=2+q",
      key="9djdj82h48djs9d2", secret="j49sk3j29djd-not-in-rfc",
      token="kkk9d7dh3k39sjv7", token_secret="dh893hdasih9-not-in-rfc",
      realm="Example", nonce="7d8f3e4a", timestamp="137131201")
    rfc_norm = ("a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
                "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201"
                "&oauth_token=kkk9d7dh3k39sjv7")
    got = CASES[-1]["expected"]["baseString"]
    check(got == "POST&http%3A%2F%2Fexample.com%2Frequest&" + pct(rfc_norm + "&oauth_version=1.0"),
          f"RFC 3.4.1.1 case: oauthlib base string {got} does not match the RFC plus oauth_version")

    # The same tricky queries with query placement: oauthlib re-serialises the
    # whole query (urlencode) when it appends the protocol parameters.
    R("query placement re-encodes + and %20 in the existing query",
      placement="query", url="https://example.com/s?a=x%20y&b=x+y&c=%2B", **TOKEN)
    R("query placement turns bare keys into key=", placement="query",
      url="https://example.com/x?a&b=&c=1", **TOKEN)
    R("query placement keeps duplicate keys in their original order", placement="query",
      url="https://example.com/x?a=2&a=1&a=10&a=")
    R("query placement with raw reserved characters in the existing query", placement="query",
      url="https://example.com/x?v=:/?@!$'()*,;&w=a:b", **TOKEN)
    R("query placement with unicode in the existing query", placement="query",
      url="https://example.com/x?q=ü&%E2%98%83=z", **TOKEN)
    R("query placement keeps the fragment at the end of the URL", placement="query",
      url="https://example.com/x?a=1#frag", **TOKEN)
    R("query placement on a URL without a query", placement="query",
      url="https://example.com:8443/x", **TOKEN)
    R("query placement with ~ and %7E in the existing query", placement="query",
      url="https://example.com/x", raw_url="https://example.com/x?t=~&u=%7e", note=BYPASS)
    R("query placement on an empty path with a query", placement="query",
      url="https://example.com/", raw_url="https://example.com?a=1", note=BYPASS, **TOKEN)
    R("query placement with keys that sort by encoded bytes", placement="query",
      url="https://example.com/x?z=1&%E2%98%83=snowman&Z=2&a-=3&a=4", **TOKEN)
    R("query placement with an IPv6 host and port", placement="query",
      url="http://[::1]:8080/x?y=1", **TOKEN)
    R("query placement with percent-encoded reserved characters in a value", placement="query",
      url="https://example.com/x?v=%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D")
    # userinfo + query placement: requests turns the userinfo into a Basic
    # Authorization header, which oauthlib then tries to parse as OAuth.
    R("userinfo with query placement",
      placement="query", url="https://user:pw@example.com/x?a=1", refused="Malformed authorization header")
    R("body placement with a query that has duplicate and bare keys", placement="body",
      method="POST", url="https://example.com/x?a=2&a=1&b", headers=FORM_H, body="a=3&c=", **TOKEN)


# --------------------------------------------------------------------------
# 3. Bodies
# --------------------------------------------------------------------------

def bodies():
    R = record
    R("form body with + and %20 (both spaces)", method="POST", url="https://example.com/f",
      headers=FORM_H, body="a=1+2&b=x%20y&c=%2B", **TOKEN)
    R("form body with percent-encoded UTF-8", method="POST", url="https://example.com/f",
      headers=FORM_H, body="name=%C3%A9l%C3%A8ve&city=M%C3%BCnchen&s=%E2%98%83", **TOKEN)
    R("form body with duplicate keys", method="POST", url="https://example.com/f",
      headers=FORM_H, body="a=1&a=2&a=1&b=", **TOKEN)
    R("the same parameter in the query and in the form body", method="POST",
      url="https://example.com/f?a=1&b=2", headers=FORM_H, body="a=1&b=3", **TOKEN)
    R("empty form body with a form Content-Type", method="POST", url="https://example.com/f",
      headers=FORM_H, body="", **TOKEN)
    R("form body with a bare key and = in values", method="PUT", url="https://example.com/f",
      headers=FORM_H, body="flag&eq=a=b&x==", **TOKEN)
    R("form body with escaped unreserved and reserved characters", method="POST",
      url="https://example.com/f", headers=FORM_H,
      body="t=%7E%2D%2E%5F&r=%21%2A%27%28%29&s=%3A%2F%3F%40", **TOKEN)
    # Raw non-ASCII and raw spaces are not valid form encoding; oauthlib refuses them.
    R("form body with raw unicode", method="POST", url="https://example.com/f",
      headers=FORM_H, body="a=ü", refused="not decodable")
    R("form body with a raw space", method="POST", url="https://example.com/f",
      headers=FORM_H, body="a=b c", refused="not decodable")
    R("form body with raw brackets", method="POST", url="https://example.com/f",
      headers=FORM_H, body="a[]=1", refused="not decodable")
    for placement in PLACEMENTS:
        R(f"form Content-Type with ;charset=UTF-8 is still a form ({placement} placement)",
          placement=placement, method="POST", url="https://example.com/f?q=1",
          headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
          body="a=1&b=%C3%BC", **TOKEN)
    R("body placement re-encodes the existing form body (+, %7E, %2A)", placement="body",
      method="POST", url="https://example.com/f", headers=FORM_H,
      body="a=x+y&b=%7E&c=%2A&d=%20", **TOKEN)
    R("body placement with a form body with duplicates and an empty value", placement="body",
      method="PUT", url="https://example.com/f", headers=FORM_H, body="b=2&a=1&b=1&c=", **TOKEN)
    R("body placement with a DELETE form body", placement="body",
      method="DELETE", url="https://example.com/f/1", headers=FORM_H, body="reason=dup", **TOKEN)
    R("body placement with a PATCH form body", placement="body",
      method="PATCH", url="https://example.com/f/1", headers=FORM_H, body="x=%E2%98%83")

    json_body = '{"name": "café", "tags": ["a", "b"], "n": 1}'
    non_form = [
        ("JSON", {"Content-Type": "application/json"}, json_body),
        ("JSON with charset", {"Content-Type": "application/json; charset=utf-8"}, '{"a":1,"b":"x y"}'),
        ("XML", {"Content-Type": "application/xml"}, '<note><to>Tove</to><body>a&amp;b</body></note>'),
        ("text/plain", {"Content-Type": "text/plain"}, "hello world, this is not a form"),
    ]
    for label, headers, body in non_form:
        R(f"{label} body is not signed", method="POST", url="https://example.com/j?q=1",
          headers=headers, body=body, **TOKEN)
        R(f"{label} body with oauth_body_hash (force_include_body)", method="POST",
          url="https://example.com/j?q=1", headers=headers, body=body, body_hash=True, **TOKEN)
    R("JSON body is not signed with query placement", placement="query", method="PUT",
      url="https://example.com/j", headers={"Content-Type": "application/json"}, body=json_body)
    R("JSON body with oauth_body_hash and query placement", placement="query", method="PUT",
      url="https://example.com/j", headers={"Content-Type": "application/json"}, body=json_body,
      body_hash=True, **TOKEN)
    R("JSON body with oauth_body_hash signed with HMAC-SHA256 (the body hash stays SHA-1)",
      sig="HMAC-SHA256", method="POST", url="https://example.com/j",
      headers={"Content-Type": "application/json"}, body=json_body, body_hash=True, **TOKEN)
    R("XML body with oauth_body_hash signed with RSA-SHA256", sig="RSA-SHA256", private_key="pkcs8",
      method="POST", url="https://example.com/j", headers={"Content-Type": "application/xml"},
      body="<a>1</a>", body_hash=True)
    R("JSON body with oauth_body_hash and PLAINTEXT", sig="PLAINTEXT", method="POST",
      url="https://example.com/j", headers={"Content-Type": "application/json"}, body='{"a":1}',
      body_hash=True, **TOKEN)
    R("empty body with a JSON Content-Type is not signed", method="POST",
      url="https://example.com/j", headers={"Content-Type": "application/json"}, body="", **TOKEN)
    R("POST without a body or Content-Type", method="POST", url="https://example.com/j", **TOKEN)
    # force_include_body with a non-form body that happens to parse as a form
    # ("hello") or with an empty body: oauthlib refuses ("Body contains
    # parameters but Content-Type header was ..."), so these are not recorded.
    R("text/plain body that parses as a form, with oauth_body_hash", method="POST",
      url="https://example.com/j", headers={"Content-Type": "text/plain"}, body="hello",
      body_hash=True, refused="Body contains parameters")
    R("empty JSON body with oauth_body_hash", method="POST", url="https://example.com/j",
      headers={"Content-Type": "application/json"}, body="", body_hash=True,
      refused="Body contains parameters")
    # A JSON body with body placement: requests-oauthlib forces the form
    # Content-Type and oauthlib refuses the non-form body.
    R("JSON body with body placement", placement="body", method="POST", url="https://example.com/j",
      headers={"Content-Type": "application/json"}, body=json_body, refused="not decodable")
    # A form body on GET is refused by oauthlib.
    R("form body on a GET", method="GET", url="https://example.com/f", headers=FORM_H,
      body="a=1", refused="GET/HEAD requests should not include body")


# --------------------------------------------------------------------------
# 4. Callback and verifier, 7. oauthlib's double decoding
# --------------------------------------------------------------------------

def callbacks():
    R = record
    for placement in PLACEMENTS:
        R(f"oob callback on a temporary-credentials request ({placement} placement)",
          placement=placement, method="POST", url="https://api.example.com/oauth/request_token",
          callback="oob")
        R(f"callback URL with a query and a space ({placement} placement)",
          placement=placement, method="POST", url="https://api.example.com/oauth/request_token",
          callback="https://client.example/cb?x=1&y=a b")
        R(f"verifier on a token-credentials request ({placement} placement)",
          placement=placement, method="POST", url="https://api.example.com/oauth/access_token",
          verifier="hfdp7dh39dks9884", **TOKEN)
    R("verifier with + / = characters", method="POST",
      url="https://api.example.com/oauth/access_token", verifier="a+b/c=d e", **TOKEN)
    R("verifier with + / = characters (query placement)", placement="query", method="POST",
      url="https://api.example.com/oauth/access_token", verifier="a+b/c=d e", **TOKEN)
    R("unicode callback URL", method="POST", url="https://api.example.com/oauth/request_token",
      callback="https://client.example/rückruf?ü=☃")
    R("callback with percent escapes in the Authorization header (oauthlib decodes it once here)",
      method="POST", url="https://api.example.com/oauth/request_token",
      callback="https://client.example/cb?next=%2Fhome%20page")
    R("verifier with a percent escape in the Authorization header (oauthlib decodes it once here)",
      method="POST", url="https://api.example.com/oauth/access_token",
      verifier="v%2Bx%41", **TOKEN)
    R("callback with a percent escape and PLAINTEXT in the Authorization header",
      sig="PLAINTEXT", method="POST", url="https://api.example.com/oauth/request_token",
      callback="https://client.example/cb?state=a%26b")

    # 7. Query and form-body placement: oauthlib form-decodes the value and then
    # unescapes oauth_* values again, so %XX sequences in them are decoded twice.
    R("callback with percent escapes in the query: RFC-correct signature",
      placement="query", method="POST", url="https://api.example.com/oauth/request_token",
      callback="https://client.example/cb?next=%2Fhome%20page", rfc_fix=True)
    R("callback with percent escapes in the form body: RFC-correct signature",
      placement="body", method="POST", url="https://api.example.com/oauth/request_token",
      callback="https://client.example/cb?state=a%26b%3Dc", rfc_fix=True)
    R("verifier with percent escapes in the query: RFC-correct signature",
      placement="query", method="POST", url="https://api.example.com/oauth/access_token",
      verifier="v%2Bx%41y%25", rfc_fix=True, **TOKEN)


# --------------------------------------------------------------------------
# 5. Methods and credentials that need encoding
# --------------------------------------------------------------------------

def methods_and_credentials():
    R = record
    R("GET with a query", method="GET", url="https://example.com/m?a=1", **TOKEN)
    R("POST with a form body", method="POST", url="https://example.com/m", headers=FORM_H,
      body="a=1", **TOKEN)
    R("PUT with a form body", method="PUT", url="https://example.com/m/1", headers=FORM_H,
      body="a=2", **TOKEN)
    R("DELETE without a body", method="DELETE", url="https://example.com/m/1", **TOKEN)
    R("PATCH with a JSON body", method="PATCH", url="https://example.com/m/1",
      headers={"Content-Type": "application/json"}, body='{"a":3}', **TOKEN)
    R("PATCH with a form body", method="PATCH", url="https://example.com/m/1", headers=FORM_H,
      body="a=3", **TOKEN)
    R("HEAD with a query", method="HEAD", url="https://example.com/m?a=1", **TOKEN)
    R("OPTIONS without a body", method="OPTIONS", url="https://example.com/m", **TOKEN)
    R("lower-case method patch is upper-cased in the base string", method="PATCH",
      raw_method="patch", url="https://example.com/m/1", headers=FORM_H, body="a=3",
      note="method assigned to PreparedRequest.method after prepare(), since requests itself upper-cases it",
      **TOKEN)
    R("lower-case method get with query placement", method="GET", raw_method="get",
      placement="query", url="https://example.com/m?a=1",
      note="method assigned to PreparedRequest.method after prepare(), since requests itself upper-cases it")
    R("HEAD with query placement", method="HEAD", placement="query", url="https://example.com/m?a=1")
    R("DELETE with body placement and an empty body", method="DELETE", placement="body",
      url="https://example.com/m/1", **TOKEN)

    odd = dict(key="key with space&=%", secret="s&e=c%r e+t",
               token="tok/+=&%20", token_secret="ts&%2F ü")
    for sig in ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT"):
        R(f"credentials with & = % + space and unicode land encoded in the {sig} key and header",
          sig=sig, method="POST", url="https://example.com/c", headers=FORM_H, body="a=1", **odd)
    R("credentials with & = % + space and unicode, RSA-SHA1", sig="RSA-SHA1", private_key="pkcs8",
      method="GET", url="https://example.com/c?a=1", key=odd["key"], token=odd["token"])
    R("unicode consumer key and secret", method="GET", url="https://example.com/c",
      key="clé-ü-☃", secret="sécret-☃", token="jeton-é", token_secret="secret-du-jeton-ü")
    R("unicode consumer key and secret with PLAINTEXT", sig="PLAINTEXT", method="GET",
      url="https://example.com/c", key="clé-ü-☃", secret="sécret-☃", token="jeton-é",
      token_secret="secret-du-jeton-ü")
    nopct = dict(key="key with space&=+", secret="s&e=c r+t", token="tok/+=&ü", token_secret="ts& ü")
    for placement in ("query", "body"):
        R(f"credentials with & = + space and unicode in {placement} placement",
          placement=placement, method="POST", url="https://example.com/c", headers=FORM_H,
          body="a=1", **nopct)
        R(f"credentials with & = + space and unicode in {placement} placement with PLAINTEXT",
          sig="PLAINTEXT", placement=placement, method="POST", url="https://example.com/c",
          headers=FORM_H, body="a=1", **nopct)
    R("nonce with characters that need encoding", method="GET", url="https://example.com/c",
      nonce="n o+n/c=e~", **TOKEN)
    R("empty consumer secret given as an empty string", method="GET", url="https://example.com/c",
      secret="", **TOKEN)
    R("empty consumer secret with PLAINTEXT", sig="PLAINTEXT", method="GET",
      url="https://example.com/c", secret="", **TOKEN)
    R("no secrets at all with PLAINTEXT", sig="PLAINTEXT", method="GET",
      url="https://example.com/c", secret=ABSENT)


# --------------------------------------------------------------------------
# 6. RFC 5849 section 1.2 examples
# --------------------------------------------------------------------------

RFC_CLIENT = dict(key="dpf43f3p2l4k3l03", secret="kd94hf93k423kf44")
RFC_EXAMPLES = [
    dict(name="RFC 5849 §1.2 temporary credentials request",
         method="POST", url="https://photos.example.net/initiate", realm="Photos",
         params=[("oauth_consumer_key", "dpf43f3p2l4k3l03"), ("oauth_signature_method", "HMAC-SHA1"),
                 ("oauth_timestamp", "137131200"), ("oauth_nonce", "wIjqoS"),
                 ("oauth_callback", "http://printer.example.com/ready")],
         token_secret=None, rfc_text="74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
         client=dict(callback="http://printer.example.com/ready", nonce="wIjqoS", timestamp="137131200")),
    dict(name="RFC 5849 §1.2 token credentials request",
         method="POST", url="https://photos.example.net/token", realm="Photos",
         params=[("oauth_consumer_key", "dpf43f3p2l4k3l03"), ("oauth_token", "hh5s93j4hdidpola"),
                 ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "137131201"),
                 ("oauth_nonce", "walatlh"), ("oauth_verifier", "hfdp7dh39dks9884")],
         token_secret="hdhd0244k9j7ao03", rfc_text="gKgrFCywp7rO0OXSjdot/IHF7IU=",
         client=dict(token="hh5s93j4hdidpola", token_secret="hdhd0244k9j7ao03",
                     verifier="hfdp7dh39dks9884", nonce="walatlh", timestamp="137131201")),
    dict(name="RFC 5849 §1.2 protected resource request",
         method="GET", url="http://photos.example.net/photos?file=vacation.jpg&size=original",
         realm="Photos",
         params=[("oauth_consumer_key", "dpf43f3p2l4k3l03"), ("oauth_token", "nnch734d00sl2jdk"),
                 ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "137131202"),
                 ("oauth_nonce", "chapoH")],
         token_secret="pfkkdhi9sl3r4s00", rfc_text="MdpQcU8iPSUjWoN/UDMsK2sui9I=",
         client=dict(token="nnch734d00sl2jdk", token_secret="pfkkdhi9sl3r4s00",
                     nonce="chapoH", timestamp="137131202")),
]
RFC_3411_BASE = (
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
    "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
    "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
)
RFC_RESULTS = []


def rfc_examples():
    out = []
    for ex in RFC_EXAMPLES:
        record(f"{ex['name']} as oauthlib signs it (adds oauth_version, so the signature differs from the RFC)",
               method=ex["method"], url=ex["url"], realm=ex["realm"], **RFC_CLIENT, **ex["client"])
        params = oauthlib.common.urldecode(urllib.parse.urlsplit(ex["url"]).query) + ex["params"]
        base = oauth_signature.signature_base_string(
            ex["method"], oauth_signature.base_string_uri(ex["url"]),
            oauth_signature.normalize_parameters(params))
        client = types.SimpleNamespace(client_secret=RFC_CLIENT["secret"],
                                       resource_owner_secret=ex["token_secret"])
        sig = oauth_signature.sign_hmac_sha1_with_client(base, client)
        check(sig == hmac_signature("HMAC-SHA1", base, RFC_CLIENT["secret"], ex["token_secret"]),
              f"{ex['name']}: HMAC mismatch")
        matches = sig == ex["rfc_text"]
        RFC_RESULTS.append((ex["name"], matches, sig, ex["rfc_text"]))
        if not matches:
            print(f"warning: {ex['name']}: computed {sig} but the RFC text prints {ex['rfc_text']}",
                  file=sys.stderr)
        entry = {"name": ex["name"], "method": ex["method"], "url": ex["url"], "realm": ex["realm"],
                 "params": [list(p) for p in ex["params"]], "clientSecret": RFC_CLIENT["secret"]}
        if ex["token_secret"] is not None:
            entry["tokenSecret"] = ex["token_secret"]
        entry["rfcPublishedSignature"] = ex["rfc_text"]
        entry["expected"] = {"baseString": base, "signature": sig}
        out.append(entry)

    body = "c2&a3=2+q"
    params_3411 = [("oauth_consumer_key", "9djdj82h48djs9d2"), ("oauth_token", "kkk9d7dh3k39sjv7"),
                   ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "137131201"),
                   ("oauth_nonce", "7d8f3e4a")]
    url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"
    collected = oauth_signature.collect_parameters(
        uri_query=urllib.parse.urlsplit(url).query, body=body) + params_3411
    base = oauth_signature.signature_base_string(
        "POST", oauth_signature.base_string_uri(url), oauth_signature.normalize_parameters(collected))
    check(base == RFC_3411_BASE, f"RFC 3.4.1.1: computed base string {base} differs from the RFC")
    out.append({"name": "RFC 5849 §3.4.1.1 signature base string example", "method": "POST",
                "url": url, "realm": "Example",
                "body": {"contentType": FORM, "text": body},
                "params": [list(p) for p in params_3411], "expected": {"baseString": base}})
    return out


# --------------------------------------------------------------------------

def main():
    try:
        matrix()
        tricky_urls()
        bodies()
        callbacks()
        methods_and_credentials()
        rfc = rfc_examples()
    except Inconsistency as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    versions = (metadata.version("oauthlib"), metadata.version("requests-oauthlib"))
    document = {
        "source": (f"Recorded from Debian python3-oauthlib {versions[0]} and python3-requests-oauthlib "
                   f"{versions[1]} by scripts/record_oauth1_vectors.py (run with /usr/bin/python3)"),
        "cases": CASES,
        "rfcExamples": rfc,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if json.loads(text) != document or len(CASES) < 220:
        print(f"error: output check failed ({len(CASES)} cases)", file=sys.stderr)
        return 1
    OUT_FILE.write_text(text, encoding="utf-8")

    print(f"wrote {OUT_FILE.relative_to(ROOT)}: {len(CASES)} cases, {len(rfc)} RFC examples")
    counts = {}
    for case in CASES:
        k = (case["request"]["method"].upper(), case["client"]["signatureType"])
        counts[k] = counts.get(k, 0) + 1
    for (m, p), n in sorted(counts.items()):
        print(f"  {m:8} {p:7} {n}")
    for name, ok, sig, printed in RFC_RESULTS:
        print(f"  {name}: {'matches' if ok else 'DIFFERS from'} the RFC text ({sig} vs {printed})")
    for name, message in REFUSED:
        print(f"  refused by oauthlib, not recorded: {name}: {message[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What record_oauth1_vectors.py checks oauthlib against: the test RSA keys, the signature
methods and placements, the consistency check, and RFC 5849 rules written here
independently of oauthlib (percent-encoding, form decoding, parameter normalisation, HMAC
and RSA signatures, the Authorization header) plus the fixed nonce and timestamp of a case."""
import base64
import hashlib
import hmac
import json
import re
import urllib.parse
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

ROOT = Path(__file__).resolve().parent.parent
KEY_FILE = ROOT / "tests" / "fixtures" / "oauth1_rsa_test_key.json"

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

"""The RFC 5849 examples for record_oauth1_vectors.py: section 1.2 signed as oauthlib signs
them and as the RFC prints them, and the section 3.4.1.1 signature base string."""
import sys
import types
import urllib.parse

import oauthlib.common
from oauthlib.oauth1.rfc5849 import signature as oauth_signature

from _oauth1_recording import record
from _oauth1_reference import FORM, check, hmac_signature

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

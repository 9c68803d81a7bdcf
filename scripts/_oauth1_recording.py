"""Recording one case for record_oauth1_vectors.py: sign it with requests-oauthlib, capture
the base string oauthlib signed from its debug log, cross-check everything against the
independent reference, and append the vector to CASES (or the refusal to REFUSED)."""
import base64
import hashlib
import logging
import types
import urllib.parse

import oauthlib
import oauthlib.common
import requests
import requests_oauthlib
from oauthlib.oauth1.rfc5849 import signature as oauth_signature

from _oauth1_reference import (
    ABSENT, FORM, KEYS, PLACEMENTS, SIGNATURE_METHODS, Inconsistency, check, form_decode,
    hmac_signature, nonce_for, parse_authorization, pct, rfc_normalize, rsa_signature, text_of,
    timestamp_for,
)

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

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
import json
import sys
from importlib import metadata

from _oauth1_cases import callbacks, matrix, methods_and_credentials
from _oauth1_cases_bodies import bodies
from _oauth1_cases_urls import tricky_urls
from _oauth1_recording import CASES, REFUSED
from _oauth1_reference import ROOT, Inconsistency
from _oauth1_rfc_examples import RFC_RESULTS, rfc_examples

OUT_FILE = ROOT / "tests" / "fixtures" / "oauth1_oauthlib.json"

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

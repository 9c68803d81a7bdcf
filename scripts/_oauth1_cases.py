"""Cases for record_oauth1_vectors.py: every signature method x placement x client shape,
callbacks and verifiers (with the cases where oauthlib decodes oauth_* values twice), and
methods and credentials that need encoding; plus the shorthands the other case tables use."""
from _oauth1_recording import record
from _oauth1_reference import ABSENT, FORM, PLACEMENTS, SIGNATURE_METHODS

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

"""Cases for record_oauth1_vectors.py: form and non-form bodies, oauth_body_hash, and the
bodies oauthlib refuses."""
from _oauth1_cases import FORM_H, TOKEN
from _oauth1_recording import record
from _oauth1_reference import PLACEMENTS

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

"""Cases for record_oauth1_vectors.py: tricky URLs (ports, case, IPv6, unicode, percent
escapes, empty paths, query encoding and sorting), also with query placement."""
from _oauth1_cases import FORM_H, TOKEN
from _oauth1_recording import CASES, record
from _oauth1_reference import check, pct

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

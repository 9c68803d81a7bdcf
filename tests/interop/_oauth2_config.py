"""What oauth2_server.py registers: its clients (with their grants and whether PKCE is
required), users, scopes, redirect URI, jwt-bearer assertion keys, and the form and
no-store constants its endpoints share."""
from pathlib import Path
from urllib.parse import urlsplit

KEY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "oauth1_rsa_test_key.json"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
HS_SECRET = "jwt-bearer-shared-secret-0123456789abcdef"
REDIRECT = "http://127.0.0.1/callback"
CODE_TTL = 600
USERS = {"alice": "wonderland"}
CONFIDENTIAL_GRANTS = {"authorization_code", "password", "client_credentials", "refresh_token", JWT_BEARER}
CLIENTS = {
    "confidential": {"secret": "confidential-secret", "grants": CONFIDENTIAL_GRANTS, "pkce": False},
    "tricky id:1": {"secret": "p:w%+ secret", "grants": CONFIDENTIAL_GRANTS, "pkce": False},
    "public-app": {"secret": None, "grants": {"authorization_code", "implicit", "refresh_token"},
                   "pkce": True},
}
ALLOWED_SCOPES = {"read", "write"}
DEFAULT_SCOPES = ["read"]
ANONYMOUS_GRANTS = {JWT_BEARER}  # grants that may be used without identifying a client
FORM = "application/x-www-form-urlencoded"
NO_STORE = {"Content-Type": "application/json", "Cache-Control": "no-store", "Pragma": "no-cache"}


class Client:
    def __init__(self, client_id, info):
        self.client_id = client_id
        self.secret = info["secret"]
        self.grants = info["grants"]
        self.pkce = info["pkce"]


def is_registered_redirect(uri):
    # exact match, except that any port is fine on the loopback URI (RFC 8252 7.3)
    try:
        parts = urlsplit(uri)
        return (uri == REDIRECT or (parts.scheme == "http" and parts.hostname == "127.0.0.1"
                                    and parts.port is not None and parts.path == "/callback"
                                    and not parts.query and not parts.fragment
                                    and parts.netloc == "127.0.0.1:%d" % parts.port))
    except ValueError:
        return False

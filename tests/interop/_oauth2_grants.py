"""How oauth2_server.py extends oauthlib's Server: the RFC 7523 jwt-bearer grant and the
RFC 7636 code_verifier format check, wired up by build_server."""
import json

from oauthlib.oauth2 import Server
from oauthlib.oauth2.rfc6749 import errors
from oauthlib.oauth2.rfc6749.grant_types.base import GrantTypeBase

from _oauth2_config import JWT_BEARER, KEY_FILE
from _oauth2_validator import Validator


class JwtBearerGrant(GrantTypeBase):
    """RFC 7523 2.1 grant: validate the assertion, issue an access token only."""
    refresh_token = False

    def create_token_response(self, request, token_handler):
        headers = self._get_default_headers()
        try:
            self.validate_token_request(request)
        except errors.OAuth2Error as e:
            headers.update(e.headers)
            return headers, e.json, e.status_code
        token = token_handler.create_token(request, refresh_token=False)
        self.request_validator.save_token(token, request)
        return headers, json.dumps(token), 200

    def validate_token_request(self, request):
        v = self.request_validator
        if request.grant_type != JWT_BEARER:
            raise errors.UnsupportedGrantTypeError(request=request)
        for param in ("grant_type", "assertion", "scope"):
            if param in request.duplicate_params:
                raise errors.InvalidRequestError(description="Duplicate %s parameter." % param,
                                                 request=request)
        assertion = request._params.get("assertion")
        if not assertion:
            raise errors.InvalidRequestError(description="Missing assertion parameter.", request=request)
        request.client = None
        if v.client_presented(request):  # client authentication is optional (RFC 7523 3.1)
            if v.client_authentication_required(request):
                if not v.authenticate_client(request):
                    raise errors.InvalidClientError(request=request)
            elif not v.authenticate_client_id(request.client_id, request):
                raise errors.InvalidClientError(request=request)
        self.validate_grant_type(request)
        v.validate_jwt_assertion(assertion, request)
        self.validate_scopes(request)


def pkce_verifier_format(request):
    # RFC 7636 4.1: 43-128 characters from [A-Za-z0-9-._~]
    cv = request.code_verifier
    if cv is not None and not (43 <= len(cv) <= 128 and set(cv) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")):
        raise errors.InvalidRequestError(
            description="code_verifier must be 43-128 unreserved characters (RFC 7636 4.1)",
            request=request)


def build_server(store, base, expires_in):
    validator = Validator(store, base)
    validator.spki = json.loads(KEY_FILE.read_text())["spki"]
    server = Server(validator, token_expires_in=expires_in)
    server.grant_types[JWT_BEARER] = JwtBearerGrant(validator)
    server.auth_grant.custom_validators.pre_token.append(pkce_verifier_format)
    return server

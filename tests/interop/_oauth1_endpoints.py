"""oauthlib's OAuth 1.0a endpoints as oauth1_server.py uses them: each one notes why a
check failed (malformed request, transport, parameters, signature with the server's base
string), and check_resource validates a protected-resource request with a reason."""
from oauthlib.oauth1 import (
    AccessTokenEndpoint, AuthorizationEndpoint, RequestTokenEndpoint, ResourceEndpoint,
    SignatureOnlyEndpoint,
)
from oauthlib.oauth1.rfc5849 import errors
from oauthlib.oauth1.rfc5849 import signature as oauth_sig

from _oauth1_notes import diag_reset, note, reason_for


class Diagnosing:
    def _create_request(self, *args, **kwargs):
        try:
            return super()._create_request(*args, **kwargs)
        except errors.OAuth1Error as e:
            note("malformed request: %s" % (e.description,))
            raise
        except ValueError as e:  # oauthlib raises plain ValueError for some bad input
            note("malformed request (oauthlib ValueError): %s" % e)
            raise

    def _check_transport_security(self, request):
        try:
            return super()._check_transport_security(request)
        except errors.OAuth1Error as e:
            note("transport: %s" % (e.description,))
            raise

    def _check_mandatory_parameters(self, request):
        try:
            return super()._check_mandatory_parameters(request)
        except errors.OAuth1Error as e:
            note("parameters: %s" % (e.description,))
            raise

    def _check_signature(self, request, is_token_request=False):
        try:
            ok = super()._check_signature(request, is_token_request)
        except Exception as e:  # e.g. oauth_signature that is not base64 (RSA)
            note("signature check raised %r" % e)
            ok = False
        if not ok:
            try:
                base = oauth_sig.signature_base_string(
                    request.http_method, oauth_sig.base_string_uri(request.uri),
                    oauth_sig.normalize_parameters(request.params))
            except Exception as e:
                base = "<could not compute: %r>" % e
            note("%s signature mismatch; server base string: %s" % (request.signature_method, base))
        return ok


class RequestTokenEP(Diagnosing, RequestTokenEndpoint):
    pass


class AuthorizationEP(Diagnosing, AuthorizationEndpoint):
    pass


class AccessTokenEP(Diagnosing, AccessTokenEndpoint):
    pass


class ResourceEP(Diagnosing, ResourceEndpoint):
    pass


class SignatureOnlyEP(Diagnosing, SignatureOnlyEndpoint):
    pass


def check_resource(endpoint, uri, method, body, headers):
    """(valid, request or None, reason)"""
    diag_reset()
    try:
        if isinstance(endpoint, SignatureOnlyEndpoint):
            valid, request = endpoint.validate_request(uri, method, body, headers)
        else:
            valid, request = endpoint.validate_protected_resource_request(uri, method, body, headers)
    except Exception as e:
        return False, None, reason_for() + "; error: %r" % e
    if valid:
        return True, request, None
    if request is not None and not request.resource_owner_key and isinstance(endpoint, ResourceEndpoint):
        note("no oauth_token (ResourceEndpoint requires an access token)")
    return False, request, reason_for(request)

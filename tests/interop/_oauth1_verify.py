"""oauth1_server.py verify: checks one JSON-described signed request per stdin line and
answers one JSON line each."""
import json
import sys

from _oauth1_endpoints import ResourceEP, SignatureOnlyEP, check_resource
from _oauth1_validator import METHODS, Store, Validator, load_rsa


def verify_line(line, store, resource_ep, signature_ep, spki):
    try:
        req = json.loads(line)
    except ValueError as e:
        return {"id": None, "valid": False, "reason": "input is not JSON: %s" % e}
    rid = req.get("id") if isinstance(req, dict) else None
    try:
        if not isinstance(req, dict) or not isinstance(req.get("url"), str):
            raise ValueError("need an object with a string 'url'")
        client_key, token = req.get("clientKey") or "", req.get("token")
        with store.lock:
            store.clients = {client_key: {"secret": req.get("clientSecret") or "", "rsa": spki,
                                          "methods": set(METHODS)}}
            store.access_tokens = ({token: {"client": client_key, "secret": req.get("tokenSecret") or "",
                                            "realms": []}} if token else {})
        endpoint = resource_ep if token else signature_ep
        valid, _, reason = check_resource(endpoint, req["url"], req.get("method") or "GET",
                                          req.get("body"), req.get("headers") or {})
    except Exception as e:
        return {"id": rid, "valid": False, "reason": "bad input line: %r" % e}
    return {"id": rid, "valid": True} if valid else {"id": rid, "valid": False, "reason": reason}


def run_verify():
    spki = load_rsa()["spki"]
    store = Store()
    validator = Validator(store, spki)
    resource_ep, signature_ep = ResourceEP(validator), SignatureOnlyEP(validator)
    for line in sys.stdin:
        if not line.strip():
            continue
        out = verify_line(line, store, resource_ep, signature_ep, spki)
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    return 0

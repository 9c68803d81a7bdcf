"""Per-thread notes on why oauth1_server.py rejected a request: what the validator and
endpoints noted, and which of oauthlib's validator_log checks failed."""
import json
import threading

_diag = threading.local()


def diag_reset():
    _diag.notes = []
    _diag.request = None


def note_request(request):
    """Remembers the request being checked, for reason_for() without an argument."""
    _diag.request = request


def note(msg):
    if not hasattr(_diag, "notes"):
        diag_reset()
    _diag.notes.append(msg)


def reason_for(request=None):
    request = request if request is not None else getattr(_diag, "request", None)
    parts = []
    vlog = getattr(request, "validator_log", None) or {}
    failed = [k for k, v in vlog.items() if not v]
    if failed:
        parts.append("failed: " + ", ".join(failed) + " (validator_log " + json.dumps(vlog) + ")")
    parts.extend(getattr(_diag, "notes", []))
    return "; ".join(parts) or "rejected"

"""Per-thread notes on why oauth2_server.py rejected a request; they end up in
error_description, made safe for it."""
import threading

_diag = threading.local()


def note(msg):
    if not hasattr(_diag, "notes"):
        _diag.notes = []
    _diag.notes.append(msg)


def take_notes():
    notes, _diag.notes = getattr(_diag, "notes", []), []
    return notes


def description_safe(text):
    # RFC 6749 5.2: error_description is %x20-21 / %x23-5B / %x5D-7E
    return "".join(c if " " <= c <= "~" and c not in '"\\' else "'" if c in '"\\' else "?"
                   for c in text)

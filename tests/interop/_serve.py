"""HTTP plumbing shared by the interop providers (oauth1_server.py, oauth2_server.py):
a request handler base that reads bodies (sized or chunked), hands every request to the
subclass's router and writes responses, and the serve loop that prints {"port": N} and
runs until stdin closes or a signal arrives."""
import json
import os
import signal
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class InteropHandler(BaseHTTPRequestHandler):
    """Subclasses set `log_variable` (an environment variable that turns request logs on)
    and implement `_route(raw)`, which answers a request given its body. What `_route`
    raises goes to `_fail`, which answers 500 unless a subclass knows better."""
    protocol_version = "HTTP/1.1"
    log_variable = ""

    def log_message(self, fmt, *args):
        if self.log_variable and os.environ.get(self.log_variable):
            sys.stderr.write("%s: %s\n" % (self.server_version, fmt % args))

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self):
        try:
            raw = self._read_body()
        except Exception as e:
            self.close_connection = True
            return self._send(400, {"Content-Type": "text/plain"}, "cannot read body: %r" % e)
        try:
            self._route(raw)
        except Exception as e:
            self._fail(e)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch

    def _route(self, raw):
        raise NotImplementedError

    def _fail(self, error):
        """Answers an error `_route` raised; called while that error is being handled."""
        traceback.print_exc(file=sys.stderr)
        self.close_connection = True
        self._send(500, {"Content-Type": "text/plain"}, "internal error: %r" % error)

    def _send(self, status, headers, body):
        data = (body or "").encode("utf-8")
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def stdin_is_devnull():
    try:
        a, b = os.fstat(0), os.stat(os.devnull)
        return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino) or (a.st_rdev and a.st_rdev == b.st_rdev)
    except OSError:
        return True


def new_server(handler):
    """A threading HTTP server on an ephemeral loopback port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    return server


def serve_until_stopped(server):
    """Prints {"port": N}, serves, and returns 0 when stdin reaches EOF (unless stdin is
    /dev/null) or on SIGTERM/SIGINT."""
    stop = []  # a plain flag: signal handlers must not take locks (Event.set could deadlock)

    def watch_stdin():
        try:  # raw fd reads: no BufferedReader lock held at interpreter exit
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        stop.append("stdin")

    if not stdin_is_devnull():
        threading.Thread(target=watch_stdin, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: stop.append("signal"))
    signal.signal(signal.SIGINT, lambda *_: stop.append("signal"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write(json.dumps({"port": server.server_address[1]}) + "\n")
    sys.stdout.flush()
    while not stop:
        time.sleep(0.1)
    server.shutdown()
    server.server_close()
    return 0


def run_mode(doc, modes, argv):
    """Runs the mode named by argv[1]; prints `doc` for help or an unknown mode."""
    mode = argv[1] if len(argv) > 1 else ""
    if mode in ("-h", "--help", "help"):
        sys.stdout.write(doc)
        return 0
    run = modes.get(mode)
    if run is None:
        sys.stderr.write(doc)
        return 2
    return run()

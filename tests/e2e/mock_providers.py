"""A loopback HTTPS server standing in for every provider of the rule pack's [rules.validate]
tables (docs/validation.md, "Testing"). The CA and the server certificate (one SAN per provider
host) are made with the openssl CLI at test time; nhiscan reaches the server through the
test-only NHISCAN_TEST_CONNECT_TO / NHISCAN_TEST_CA variables. Nothing leaves 127.0.0.1.

Each request is recorded; what is answered is decided by `server.respond(request)`, which a
test sets. Responses for a rule's valid and invalid cases are synthesised from its matchers.
"""
import base64
import glob
import http.server
import json
import os
import select
import socket
import socketserver
import ssl
import subprocess
import threading
import time
import tomllib

import support


def pack_rules_with_validate():
    out = []
    for f in sorted(glob.glob(os.path.join(support.SOURCE_DIR, "rules", "*.toml"))):
        with open(f, "rb") as fh:
            for r in tomllib.load(fh).get("rules", []):
                if "validate" in r:
                    out.append(r)
    return out


# The tenant the tests give a {{tenant}} host (docs/validation.md, "Tenant hosts").
MOCK_TENANT = "mock-tenant"
# Hosts a tenant label that tries to escape would reach (evil.com#, a.b, x@y under .okta.com):
# the mock answers for them too, so a request that got out would be seen.
ESCAPE_HOSTS = ["evil.com", "a.b.okta.com", "y.okta.com", "b.okta.com"]
# A tenant the content itself names: a Mailchimp key's data center (its `-us21` suffix).
DATA_CENTER_HOSTS = ["us21.api.mailchimp.com"]


def spec_host(spec, tenant=MOCK_TENANT):
    host = spec["url"].split("://", 1)[1].split("/", 1)[0].split("?", 1)[0]
    return host.replace("{{tenant}}", tenant)


def needs_tenant(spec):
    return spec["url"].startswith("https://{{tenant}}.")


def needs_companion(spec):
    text = spec["url"] + spec.get("body", "") + spec.get("basic_user", "") + spec.get("basic_password", "")
    text += "".join(spec.get("headers", {}).values())
    return "{{companion" in text or spec.get("sign", "") in ("aws-sigv4", "gcp-jwt")


def _set(doc, ptr, value):
    parts = ptr.split("/")[1:]
    cur = doc
    for i, p in enumerate(parts):
        last = i == len(parts) - 1
        nxt = None if last else ([] if parts[i + 1].isdigit() else {})
        if isinstance(cur, list):
            idx = int(p)
            while len(cur) <= idx:
                cur.append(nxt if nxt is not None else None)
            if last:
                cur[idx] = value
            elif cur[idx] is None:
                cur[idx] = nxt
            cur = cur[idx]
        else:
            if last:
                cur[p] = value
            else:
                cur = cur.setdefault(p, nxt)


def _has(doc, ptr):
    cur = doc
    for p in ptr.split("/")[1:]:
        if isinstance(cur, dict) and p in cur:
            cur = cur[p]
        elif isinstance(cur, list) and p.isdigit() and int(p) < len(cur):
            cur = cur[int(p)]
        else:
            return False
    return True


def _root_for(pointers):
    first = next((p for p in pointers if p.startswith("/")), "/x")
    return [] if first.split("/")[1].isdigit() else {}


def valid_case(spec):
    """(status, headers, body, expected metadata) satisfying the rule's `valid` matcher."""
    v = spec["valid"]
    status = v.get("status", [200])[0]
    meta = spec.get("metadata", {})
    equals = v.get("json_equals", {})
    pointers = list(v.get("json_present", [])) + list(equals) + [s for s in meta.values() if s.startswith("/")]
    headers, expected = {}, {}
    xml = [(k, s[4:]) for k, s in meta.items() if s.startswith("xml:")]
    if xml:
        inner = "".join(f"<{tag}>meta-{k}</{tag}>" for k, tag in xml)
        body = f"<GetCallerIdentityResponse><GetCallerIdentityResult>{inner}</GetCallerIdentityResult></GetCallerIdentityResponse>"
        expected.update({k: f"meta-{k}" for k, _ in xml})
    else:
        doc = _root_for(pointers)
        for p, val in equals.items():
            _set(doc, p, val)
        for k, s in meta.items():
            if s.startswith("/") and s not in equals:
                _set(doc, s, f"meta-{k}")
        for p in v.get("json_present", []):
            if not _has(doc, p):
                _set(doc, p, "present")
        body = json.dumps(doc)
    for k, s in meta.items():
        if s.startswith("header:"):
            headers[s[7:]] = f"meta-{k}"
            expected[k] = f"meta-{k}"
        elif s.startswith("/"):
            doc_val = equals.get(s, f"meta-{k}")
            expected[k] = doc_val if isinstance(doc_val, str) else json.dumps(doc_val)
    return status, headers, body, expected


def invalid_case(spec):
    inv = spec["invalid"]
    if inv.get("status"):
        return inv["status"][0], {}, json.dumps({"error": "mock: revoked"})
    doc = _root_for(list(inv.get("json_equals", {})))
    for p, val in inv.get("json_equals", {}).items():
        _set(doc, p, val)
    return 200, {}, json.dumps(doc)


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca_and_cert(directory, hosts, name="ca"):
    """A CA and a server certificate for `hosts`, signed by it. Returns (ca, cert, key) paths."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN=nhiscan test {name}",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", cwd=directory)
    san = ",".join(f"DNS:{h}" for h in sorted(set(hosts)))
    with open(os.path.join(directory, f"{name}-ext.cnf"), "w") as f:
        f.write(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=mock provider", "-keyout", f"{name}-server.key",
            "-out", f"{name}-server.csr", cwd=directory)
    openssl("x509", "-req", "-in", f"{name}-server.csr", "-CA", f"{name}.pem", "-CAkey", f"{name}.key",
            "-CAcreateserial", "-days", "2", "-extfile", f"{name}-ext.cnf", "-out", f"{name}-server.pem", cwd=directory)
    return (os.path.join(directory, f"{name}.pem"), os.path.join(directory, f"{name}-server.pem"),
            os.path.join(directory, f"{name}-server.key"))


class Request:
    def __init__(self, handler, body):
        self.method = handler.command
        self.host = (handler.headers.get("Host") or "").split(":")[0]
        self.path = handler.path
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.body = body
        self.time = time.monotonic()

    def basic_auth(self):
        a = self.headers.get("authorization", "")
        if not a.startswith("Basic "):
            return None
        return base64.b64decode(a[6:]).decode(errors="replace")

    def text(self):
        """Everything the client sent, for `secret in request.text()` checks."""
        return "\n".join([self.path, *(f"{k}: {v}" for k, v in self.headers.items()), self.body, self.basic_auth() or ""])


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _serve(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode(errors="replace") if n else ""
        req = Request(self, body)
        srv = self.server
        with srv.lock:
            srv.requests.append(req)
            srv.in_flight[req.host] = srv.in_flight.get(req.host, 0) + 1
            srv.max_in_flight[req.host] = max(srv.max_in_flight.get(req.host, 0), srv.in_flight[req.host])
        counted = True

        def leave():
            # Leave the in-flight count before the response goes out: once the client has read
            # it, it may start its next request before this handler's finally block runs.
            nonlocal counted
            if counted:
                counted = False
                with srv.lock:
                    srv.in_flight[req.host] = srv.in_flight.get(req.host, 1) - 1

        try:
            status, headers, payload = srv.respond(req)
            if srv.delay:
                time.sleep(srv.delay)
            data = payload.encode() if isinstance(payload, str) else payload
            leave()
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass
        finally:
            leave()

    do_GET = do_POST = do_HEAD = _serve


class _ConnectProxy(socketserver.ThreadingTCPServer):
    """An HTTP CONNECT proxy on 127.0.0.1 that records each tunnel's target and always tunnels
    to the mock server (never anywhere else), or, with mock_port None, refuses every tunnel."""
    daemon_threads = True
    allow_reuse_address = True


class _ConnectHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode(errors="replace")
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        parts = line.split()
        if len(parts) < 2 or parts[0] != "CONNECT":
            self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
            return
        self.server.targets.append(parts[1])
        if self.server.mock_port is None:
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\n\r\n")
            return
        upstream = socket.create_connection(("127.0.0.1", self.server.mock_port))
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        conns = [self.connection, upstream]
        try:
            while True:
                ready, _, _ = select.select(conns, [], [], 5)
                if not ready:
                    return
                for c in ready:
                    data = c.recv(65536)
                    if not data:
                        return
                    (upstream if c is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()


def start_proxy(mock_port):
    proxy = _ConnectProxy(("127.0.0.1", 0), _ConnectHandler)
    proxy.targets = []
    proxy.mock_port = mock_port
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    return proxy


class MockProviders:
    """Starts the server; `env()` is what nhiscan needs to reach it."""

    def __init__(self, directory):
        self.rules = pack_rules_with_validate()
        self.hosts = sorted({spec_host(r["validate"]) for r in self.rules} | {"other.example"} | set(ESCAPE_HOSTS) | set(DATA_CENTER_HOSTS))
        self.ca, cert, key = make_ca_and_cert(directory, self.hosts)
        self.wrong_ca, _, _ = make_ca_and_cert(directory, self.hosts, name="untrusted")
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.lock = threading.Lock()
        self.httpd.delay = 0
        self.reset()
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def reset(self, respond=None, delay=0):
        self.httpd.requests = []
        self.httpd.in_flight = {}
        self.httpd.max_in_flight = {}
        self.httpd.delay = delay
        self.httpd.respond = respond or (lambda req: (500, {}, "no response set"))

    @property
    def requests(self):
        return self.httpd.requests

    def max_in_flight(self, host):
        return self.httpd.max_in_flight.get(host, 0)

    def env(self, ca=None):
        resolve = ",".join(f"{h}:443:127.0.0.1:{self.port}" for h in self.hosts)
        return {"NHISCAN_TEST_CONNECT_TO": resolve, "NHISCAN_TEST_CA": ca or self.ca}

    @staticmethod
    def drop_proxies(env):
        """The mock is reached directly: a proxy from the environment would stand between."""
        for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
            env.pop(k, None)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

#!/usr/bin/env python3
"""A fake front system on 127.0.0.1 that answers /v1 requests the way a broken, hostile or
distant front might, to test the SDK's handling of responses (Tests/sdk, scripts/harden).

Answers are signed as protocol §3.3 says (SM3 from hashlib, SM2 with the `openssl` CLI and the
key given), so crafted numbers reach the code that uses them. The mode in force is set with an
unsigned `GET /control/mode/<name>`; every connection and /v1 request is appended to the log
file ("conn", "req METHOD PATH TIMEOUT_MS" with the X-Elicense-Timeout-Ms header or "-"), so a test
can count what a call sent. Each connection serves
one request and is closed. Bounded: a stall lasts at most 30 s, an oversized body 80 MiB.

usage: fake_front.py --key KEY.pem --log FILE --url-file FILE [--cert CERT --cert-key KEY] [--mode M]
"""
import argparse
import base64
import hashlib
import json
import os
import socket
import socketserver
import ssl
import subprocess
import threading
import time

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
PROFILE = "sandbox"


def rfc3339(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class State:
    def __init__(self, key, log):
        self.key, self.log = key, log
        self.lock = threading.Lock()

    def record(self, line):
        with self.lock, open(self.log, "a") as f:
            f.write(line + "\n")

    def sign(self, status, nonce, request_id, timestamp, body):
        canonical = "\n".join(["ELIC-SM2-SM3-V1-RESPONSE", str(status), nonce, request_id, str(timestamp),
                               hashlib.new("sm3", body).hexdigest()])
        der = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", self.key, "-rawin", "-digest", "sm3",
                              "-pkeyopt", "distid:1234567812345678"], input=canonical.encode(),
                             capture_output=True, check=True).stdout
        return base64.b64encode(der).decode()


def error_body(code, status, retry_after=None):
    error = {"code": code, "status": status, "message_zh": "错误", "message_en": "error", "detail": "fake front",
             "request_id": "rq_fake"}
    if retry_after is not None:
        error["retry_after"] = retry_after
    return status, {"error": error}


def answer(mode, method, path):
    """(status, JSON object) a front in `mode` gives to `method path`."""
    now = int(time.time())
    if mode == "retry-after-min":
        return error_body("unavailable", 503, INT64_MIN)
    if mode == "rate-limited-max":
        return error_body("rate_limited", 429, INT64_MAX)
    if mode == "slowdown-min":
        return error_body("slow_down", 429, INT64_MIN)
    if mode == "timestamp-skew":
        return error_body("timestamp_skew", 401)
    if mode == "error-numbers":  # status and retry_after out of every range, unknown fields
        status, body = error_body("rate_limited", 429, INT64_MAX)
        body["error"]["status"] = INT64_MIN
        body["error"]["extra"] = [1e308, -1e308]
        return status, body
    profile = "production" if mode == "wrong-profile" else PROFILE
    if path == "/v1/whoami":
        return 200, {"app_id": "app-fake", "app_name": "fake", "unit_name": "fake", "profile": profile,
                     "key_id": "0000000000000000", "server_time": rfc3339(now)}
    if path == "/v1/keys":
        return 200, {"profile": profile, "front": [], "issuer": []}
    interval = INT64_MAX if mode == "interval-max" else 1
    login = "lg_" + "0" * 32
    if method == "POST" and path == "/v1/logins":
        return 201, {"login_id": login, "qr_content": "https://127.0.0.1/sandbox/?t=tk_fake",
                     "expires_at": "9999-12-31T23:59:59Z", "interval": interval}
    if method == "GET" and path.startswith("/v1/logins/"):
        return 200, {"login_id": path.rsplit("/", 1)[1], "state": "pending", "interval": interval,
                     "expires_at": "9999-12-31T23:59:59Z"}
    return error_body("not_found", 404)


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        state = self.server.state
        sock = self.request
        sock.settimeout(10)
        if self.server.tls is not None:
            try:
                sock = self.server.tls.wrap_socket(sock, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client refused our certificate: what the TLS tests expect
        try:
            self.serve(state, sock)
        except (OSError, ssl.SSLError):
            pass
        finally:
            try:
                sock.close()
            except OSError:
                pass

    def serve(self, state, sock):
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 1 << 20:
            chunk = sock.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target = lines[0].split(" ")[:2]
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return
            body += chunk
        if target.startswith("/control/mode/"):
            self.server.mode = target.rsplit("/", 1)[1]
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n")
            return
        state.record("conn")
        state.record(f"req {method} {target} {headers.get('x-elicense-timeout-ms', '-')}")
        self.fault(state, sock, self.server.mode, method, target, headers.get("x-elic-nonce", ""))

    def fault(self, state, sock, mode, method, path, nonce):
        if mode == "exit":  # the front process dies with the request in flight
            os._exit(0)
        if mode == "reset":  # connection reset with no answer
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            return
        if mode == "stall":  # accepts and reads, never answers
            time.sleep(30)
            return
        if mode == "garbage":
            sock.sendall(os.urandom(4096))
            return
        if mode == "half-headers":
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\nX-Elic-")
            return
        if mode == "huge-headers":
            sock.sendall(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"a" * 200) for i in range(5000)))
            return
        if mode == "drip":  # one byte every half second: only the call's timeout ends it
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"[:60]:
                sock.sendall(bytes([byte]))
                time.sleep(0.5)
            return
        status, obj = answer(mode, method, path)
        body = json.dumps(obj, separators=(",", ":")).encode()
        timestamp = int(time.time())
        if mode == "skewed-clock":  # the front's clock ten years ahead: the SDK applies no window to answers
            timestamp += 10 * 365 * 86400
        headers = {"Content-Type": "application/json", "X-Elic-Request-Id": "rq_fake", "X-Elic-Timestamp": str(timestamp),
                   "X-Elic-Signature": state.sign(status, nonce, "rq_fake", timestamp, body), "Connection": "close"}
        if mode == "unsigned":
            del headers["X-Elic-Signature"]
        if mode == "bad-signature":
            headers["X-Elic-Signature"] = base64.b64encode(b"\x30\x06\x02\x01\x01\x02\x01\x01").decode()
        if mode == "oversized":  # announces more than the SDK keeps (64 MiB), and starts sending it
            sock.sendall(self.head(status, headers, 80 << 20))
            for _ in range(80):
                sock.sendall(b"0" * (1 << 20))
            return
        if mode == "oversized-chunked":  # no length announced: 80 MiB in 1 MiB chunks
            head = self.head(status, headers, None).replace(b"\r\n\r\n", b"\r\nTransfer-Encoding: chunked\r\n\r\n", 1)
            sock.sendall(head)
            for _ in range(80):
                sock.sendall(b"100000\r\n" + b"0" * (1 << 20) + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
            return
        if mode == "truncated":  # fewer bytes than announced, then the connection closes
            sock.sendall(self.head(status, headers, len(body) + 100) + body)
            return
        sock.sendall(self.head(status, headers, len(body)) + body)

    @staticmethod
    def head(status, headers, length):
        lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--url-file", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--cert-key")
    parser.add_argument("--mode", default="ok")
    args = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args.key, args.log)
    server.mode = args.mode
    server.tls = None
    if args.cert:
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.load_cert_chain(args.cert, args.cert_key)
    scheme = "https" if args.cert else "http"
    with open(args.url_file + ".tmp", "w") as f:
        f.write(f"{scheme}://127.0.0.1:{server.server_address[1]}\n")
    os.rename(args.url_file + ".tmp", args.url_file)
    server.serve_forever()


if __name__ == "__main__":
    main()

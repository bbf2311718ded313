#!/usr/bin/env bash
# make harden step: the front's HTTP boundary under abuse by someone holding no key (issue 8,
# defects 1, 3, 6, 12). Sandbox fronts on loopback ports with small limits get an unsigned flood
# of long paths, slowloris connections, a connection flood and odd request targets.
# Fails on a crash, a connection left open past its timeout, an unsigned or 5xx /v1 answer, or
# unbounded audit growth. Budget: about 15 s here, 60 s at most (each socket wait is bounded).
set -euo pipefail
out=${HARDEN_OUT:-out/harden}
mkdir -p "$out"
export ELICENSE_FRONT=${FRONT:-$PWD/.build/debug/elicense-front}
work=$(mktemp -d)
source Tests/support/fronts.sh
# Short idle timeout for the slowloris, a long one where connections must stay open to be counted.
add_front "$fixture" short --yaml "limits: {idle_timeout_seconds: 2, max_connections: 64, rejections_per_minute: 60}"
add_front "$fixture" capped --yaml "limits: {idle_timeout_seconds: 120, max_connections: 64}"
port=$(fixture fronts.short.url) capped=$(fixture fronts.capped.url)
port=${port##*:} capped=${capped##*:}

status=0
python3 - "$port" "$(fixture fronts.short.data_dir)/front.sqlite" "$out/results.tsv" "$capped" <<'PY' || status=$?
import socket, sqlite3, sys, time

port, database, results, capped = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
failed = False

def row(step, inputs, faults, crashes, hangs, seconds, note):
    global failed
    failed |= crashes > 0 or hangs > 0
    with open(results, "a") as f:
        f.write("\t".join(map(str, [step, inputs, faults, crashes, hangs, 0, "-", int(round(seconds)), note])) + "\n")

def connect(timeout=5, to=None):
    return socket.create_connection(("127.0.0.1", to or port), timeout=timeout)

def exchange(raw, timeout=5):
    s = connect(timeout)
    try:
        s.sendall(raw)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data
            data += chunk
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        return data
    finally:
        s.close()

def alive():
    return exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startswith(b"HTTP/1.1 200")

def audit_rows():
    return sqlite3.connect(database).execute("SELECT count(*), coalesce(sum(length(endpoint) + length(coalesce(detail, ''))), 0) FROM audit_log").fetchone()

# 1. Unsigned flood of 7 KB paths: every answer signed 401/429; the audit log grows by at most one
#    record per token of the address's allowance (60, refilled at 1/s) plus one throttled refusal
#    a minute, each record bounded.
start = time.monotonic()
before = audit_rows()
bad = 0
n = 300
for i in range(n):
    answer = exchange(b"GET /v1/" + b"A" * 7000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    if not (answer.startswith(b"HTTP/1.1 401") or answer.startswith(b"HTTP/1.1 429")) or b"x-elic-signature:" not in head:
        bad += 1
after = audit_rows()
elapsed = time.monotonic() - start
grown, text = after[0] - before[0], after[1] - before[1]
bound = 60 + int(elapsed) + 3 + int(elapsed / 60) + 1  # whole-second refills, one report a minute
crashes = 0 if alive() else 1
row("front-http unsigned flood", n, 0, crashes, 0, elapsed,
    f"7 KB paths; {grown} audit rows (bound {bound}), {text} bytes kept; {bad} unsigned/odd answers")
if bad or grown > bound or text > bound * 700:
    failed = True

# 2. Slowloris: connections that send part of a head, or nothing, must be closed by the idle timeout.
start = time.monotonic()
sockets = []
for i in range(40):
    s = connect(timeout=10)
    if i % 2:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    sockets.append(s)
open_after = 0
deadline = time.monotonic() + 10
for s in sockets:
    s.settimeout(max(0.1, deadline - time.monotonic()))
    try:
        if s.recv(1) != b"":
            open_after += 1
    except socket.timeout:
        open_after += 1
    except ConnectionResetError:
        pass
    s.close()
crashes = 0 if alive() else 1
row("front-http slowloris", len(sockets), len(sockets), crashes, open_after, time.monotonic() - start,
    "idle_timeout_seconds 2; connections still open after 10 s count as hangs")

# 3. Connection flood beyond max_connections (a front with a long idle timeout, so the held
#    connections stay counted): 84 silent connections, of which at most 64 may stay open.
start = time.monotonic()
flood = [connect(timeout=5, to=capped) for _ in range(84)]
time.sleep(1)
closed = 0
for s in flood:
    s.setblocking(False)
    try:
        if s.recv(1) == b"":
            closed += 1
    except BlockingIOError:
        pass
    except ConnectionResetError:
        closed += 1
for s in flood:
    s.close()
time.sleep(0.5)
crashes = 0 if alive() else 1
row("front-http connection cap", 84, 20, crashes, max(0, 20 - closed), time.monotonic() - start,
    f"max_connections 64; {closed} of 84 closed at once, {84 - closed} open")

# 4. Odd request targets and headers: a /v1 answer is always signed and never 5xx; header limits
#    give the documented unsigned 400.
start = time.monotonic()
targets = [b"//v1/whoami", b"/v1//whoami", b"/v1/whoami/", b"/v1/whoami?x=1", b"/v1/./whoami", b"/v1/../v1/whoami",
           b"//v1//", b"/v1", b"/v1/", b"/v1/%00", b"/v1/materials/x/document?format=../../etc", b"/V1/whoami"]
odd = 0
for target in targets:
    for method in (b"GET", b"POST", b"DELETE", b"OPTIONS"):
        answer = exchange(method + b" " + target + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        status = answer[9:12]
        head = answer.split(b"\r\n\r\n", 1)[0].lower()
        is_v1 = [p for p in target.split(b"?")[0].split(b"/") if p][:1] == [b"v1"]
        if not status or status.startswith(b"5") or (is_v1 and b"x-elic-signature:" not in head):
            odd += 1
            print("odd answer", method, target, answer[:200], file=sys.stderr)
big = exchange(b"GET /v1/whoami HTTP/1.1\r\nHost: x\r\nX-Elic-Nonce: " + b"a" * 9000 + b"\r\n\r\n")
if not big.startswith(b"HTTP/1.1 400"):
    odd += 1
dup = exchange(b"GET /v1/whoami HTTP/1.1\r\nHost: x\r\nX-Elic-Signature: a\r\nX-Elic-Signature: b\r\nConnection: close\r\n\r\n")
if b"unauthenticated" not in dup and b"rate_limited" not in dup:
    odd += 1
crashes = 0 if alive() else 1
row("front-http odd targets", len(targets) * 4 + 2, 0, crashes, 0, time.monotonic() - start, f"{odd} unsigned, 5xx or undocumented answers")
failed |= odd > 0
sys.exit(1 if failed else 0)
PY
if [ "$status" -ne 0 ]; then
  echo "front-http: failures (front logs follow)" >&2
  tail -n 20 "$(fixture fronts.short.log)" "$(fixture fronts.capped.log)" >&2
fi
exit "$status"

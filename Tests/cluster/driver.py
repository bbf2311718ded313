#!/usr/bin/env python3
"""The department side of the cluster test (Tests/cluster/run.sh), through the Python binding.

usage: driver.py STEP WORK
  shared      a login started on instance 1 is confirmed and polled on instance 2; a material
              issued on 1 verifies on 2; a signed request accepted by 1 is refused by 2 (replay)
  rate        the app's budget holds for the cluster: calls alternate between the instances
  load        a bounded mixed load through nginx; instance 1 is killed with SIGKILL on the way;
              writes WORK/acked.json (what the front acknowledged)
  audited     notes the audit records per endpoint before the load (CLUSTER_PSQL: a psql command)
  check       every acknowledged call has its audit record, every acknowledged material verifies
              through the survivor; prints FIGURES requests=… kills=… lost=…

WORK holds client-*.json (client configurations: via nginx, direct to each instance),
pid-1 (instance 1's pid) and the sandbox app's URL in sandbox-url. Prints one line per finding;
exits non-zero on the first failed expectation.
"""
import http.client
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import elicense

PURPOSE = "企业开办"
ENTERPRISE = "91370102MA01ELC161"


def fail(message: str) -> None:
    print(f"FAIL {message}")
    sys.exit(1)


def client(work: Path, name: str, **changes: object) -> elicense.Client:
    config = json.loads((work / f"client-{name}.json").read_text("utf-8"))
    config.update(changes)
    return elicense.Client.from_json(json.dumps(config))


def confirm(sandbox_url: str, qr_content: str) -> None:
    request = urllib.request.Request(
        sandbox_url + "/sandbox/scan", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"qr_content": qr_content, "uniscid": ENTERPRISE, "role": "legal_representative",
                         "decision": "confirm"}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["state"] == "authorized"


def grant(work: Path, start: elicense.Client, poll: elicense.Client, confirm_url: str) -> str:
    """A login started with `start`, confirmed at `confirm_url`, polled with `poll`: its grant."""
    session = start.login_start(PURPOSE)
    confirm(confirm_url, session.qr_content)
    status = poll.login_wait(session.id, timeout=30)
    if status.state != elicense.LoginState.AUTHORIZED or not status.grant:
        fail(f"login {session.id} ended {status.state!r}")
    return status.grant


class Recorder(http.server.BaseHTTPRequestHandler):
    """Forwards one request to instance 1 and keeps it, as someone on the path could."""

    target = ("127.0.0.1", 0)
    kept: dict = {}

    def do_GET(self) -> None:
        headers = {name: value for name, value in self.headers.items()}
        Recorder.kept = {"method": "GET", "path": self.path, "headers": headers}
        connection = http.client.HTTPConnection(*Recorder.target, timeout=10)
        connection.request("GET", self.path, headers=headers)
        answer = connection.getresponse()
        body = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def shared(work: Path) -> None:
    one, two = client(work, "1"), client(work, "2")
    urls = {n: json.loads((work / f"client-{n}.json").read_text())["front_url"] for n in ("1", "2")}
    token = grant(work, one, two, urls["2"])
    print("ok   a login started on instance 1 was confirmed and polled to authorized on instance 2")
    material = one.issue_material(token, PURPOSE, format="pdf")
    if two.verify(material.code) != elicense.MaterialVerdict.VALID:
        fail("a material issued on instance 1 does not verify on instance 2")
    print(f"ok   material {material.code} issued on instance 1 verifies on instance 2")
    if one.whoami().instance != "front-1" or two.whoami().instance != "front-2":
        fail("whoami does not name the instance that answered")
    print("ok   whoami names the answering instance (front-1, front-2)")

    # Replay: the request instance 1 accepted, sent unchanged to instance 2.
    Recorder.target = ("127.0.0.1", int(urls["1"].rsplit(":", 1)[1]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    recorded = client(work, "1", front_url=f"http://127.0.0.1:{server.server_address[1]}")
    recorded.whoami()
    server.shutdown()
    kept = Recorder.kept
    connection = http.client.HTTPConnection("127.0.0.1", int(urls["2"].rsplit(":", 1)[1]), timeout=10)
    connection.request(kept["method"], kept["path"], headers=kept["headers"])
    answer = connection.getresponse()
    body = json.loads(answer.read() or b"{}")
    code = body.get("error", {}).get("code")
    if answer.status != 401 or code != "nonce_replayed":
        fail(f"a replayed request got {answer.status} {code} from instance 2")
    print("ok   the request instance 1 accepted, replayed to instance 2, is refused: nonce_replayed")
    (work / "grant.txt").write_text(token)


def rate(work: Path) -> None:
    """Run after `app set-rate-limit APP PER_MINUTE` (in WORK/rate); no client retries."""
    per_minute = int((work / "rate").read_text())
    clients = [client(work, "1", retries=0), client(work, "2", retries=0)]
    accepted = {0: 0, 1: 0}
    limited = 0
    started = time.monotonic()
    for i in range(3 * per_minute):
        try:
            clients[i % 2].whoami()
            accepted[i % 2] += 1
        except elicense.ElicenseError as e:
            if e.code != "rate_limited":
                fail(f"call {i}: {e}")
            limited += 1
    elapsed = time.monotonic() - started
    # One bucket for the cluster: its capacity, plus what refilled while the calls ran.
    budget = per_minute + int(elapsed * per_minute / 60) + 1
    total = accepted[0] + accepted[1]
    print(f"     rate: {3 * per_minute} calls in {elapsed:.1f} s, accepted {total} "
          f"(instance 1: {accepted[0]}, instance 2: {accepted[1]}), refused {limited}, budget {budget}")
    if total > budget or not accepted[0] or not accepted[1]:
        fail("the per-app rate limit does not hold for the cluster as a whole")
    print(f"ok   the per-app rate limit holds across both instances ({total} ≤ {budget})")


def load(work: Path, calls: int, workers: int, kill_at: int) -> None:
    """`calls` mixed calls through nginx on `workers` threads; instance 1 is killed with SIGKILL
    once `kill_at` of them have returned."""
    token = (work / "grant.txt").read_text()
    nginx = client(work, "nginx")
    pid = int((work / "pid-1").read_text())
    kinds = ["whoami", "license", "verify", "whoami", "license", "whoami", "verify", "material"]
    lock = threading.Lock()
    done = {"n": 0, "killed_at": None}
    acked: dict = {"calls": {}, "materials": [], "errors": {}}
    codes: list = []

    def one(i: int) -> None:
        kind = kinds[i % len(kinds)]
        outcome = "ok"
        try:
            if kind == "whoami":
                nginx.whoami()
            elif kind == "license":
                nginx.license(token)
            elif kind == "verify":
                with lock:
                    code = codes[-1] if codes else "AAAA-BBBB-CCCC"
                nginx.verify(code)
            else:
                material = nginx.issue_material(token, PURPOSE, format="pdf")
                with lock:
                    codes.append(material.code)
                    acked["materials"].append(material.code)
        except elicense.ElicenseError as e:
            outcome = e.code or str(e.status)
        with lock:
            if outcome == "ok":
                acked["calls"][kind] = acked["calls"].get(kind, 0) + 1
            else:
                acked["errors"][f"{kind}:{outcome}"] = acked["errors"].get(f"{kind}:{outcome}", 0) + 1
            done["n"] += 1
            if done["n"] == kill_at and done["killed_at"] is None:
                os.kill(pid, signal.SIGKILL)
                done["killed_at"] = time.monotonic()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(calls)))
    elapsed = time.monotonic() - started
    acked["requests"] = calls
    acked["kills"] = 1 if done["killed_at"] else 0
    (work / "acked.json").write_text(json.dumps(acked, indent=1))
    ok = sum(acked["calls"].values())
    print(f"     load: {calls} calls on {workers} threads in {elapsed:.1f} s; instance 1 killed after "
          f"{kill_at}; succeeded {ok}, failed {calls - ok} {acked['errors'] or ''}")
    if not done["killed_at"]:
        fail("instance 1 was not killed")
    # The proxy moved to the survivor: after the kill, calls keep succeeding.
    for kind in ("whoami", "license", "material"):
        nginx_after = {"whoami": nginx.whoami, "license": lambda: nginx.license(token),
                       "material": lambda: nginx.issue_material(token, PURPOSE, format="pdf")}[kind]
        result = nginx_after()
        if kind == "material":
            acked["materials"].append(result.code)
            acked["calls"]["material"] = acked["calls"].get("material", 0) + 1
        else:
            acked["calls"][kind] = acked["calls"].get(kind, 0) + 1
    acked["requests"] += 3
    (work / "acked.json").write_text(json.dumps(acked, indent=1))
    print("ok   after the kill the proxy serves every kind of call from instance 2")
    if ok < calls * 0.9:
        fail(f"only {ok} of {calls} calls succeeded around the kill")


ENDPOINTS = {"whoami": "/v1/whoami", "license": "/v1/license", "verify": "/v1/materials/verify",
             "material": "/v1/materials"}


def audited(work: Path) -> dict:
    """Audit records with outcome ok per endpoint, as the store holds them (psql, from run.sh)."""
    rows = subprocess.run(
        os.environ["CLUSTER_PSQL"].split() + ["-At", "-F", " ", "-c",
                                              "SELECT endpoint, count(*) FROM audit_log WHERE outcome = 'ok' "
                                              "GROUP BY endpoint"],
        check=True, capture_output=True, text=True).stdout.split("\n")
    return {row.split()[0]: int(row.split()[1]) for row in rows if row.strip()}


def check(work: Path) -> None:
    acked = json.loads((work / "acked.json").read_text())
    before = json.loads((work / "audited-before.json").read_text())
    after = audited(work)
    missing = {kind: count - (after.get(ENDPOINTS[kind], 0) - before.get(ENDPOINTS[kind], 0))
               for kind, count in acked["calls"].items()}
    lost_records = sum(max(0, n) for n in missing.values())
    print(f"     acknowledged calls {acked['calls']}; audit records gained "
          f"{ {k: after.get(e, 0) - before.get(e, 0) for k, e in ENDPOINTS.items()} }")
    if lost_records:
        fail(f"acknowledged calls without an audit record: {missing}")
    print("ok   every acknowledged call has its audit record")
    survivor = client(work, "2")
    lost = [code for code in acked["materials"] if survivor.verify(code) != elicense.MaterialVerdict.VALID]
    print(f"     {len(acked['materials'])} acknowledged materials, {len(lost)} not found on instance 2")
    if lost:
        fail(f"acknowledged materials lost: {lost}")
    print("ok   every acknowledged material verifies on the surviving instance")
    print(f"FIGURES requests={acked['requests']} kills={acked['kills']} lost={len(lost) + lost_records}")


def main() -> None:
    step, work = sys.argv[1], Path(sys.argv[2])
    if step == "shared":
        shared(work)
    elif step == "rate":
        rate(work)
    elif step == "load":
        load(work, calls=int(sys.argv[3]), workers=int(sys.argv[4]), kill_at=int(sys.argv[5]))
    elif step == "audited":
        (work / "audited-before.json").write_text(json.dumps(audited(work)))
    elif step == "check":
        check(work)
    else:
        fail(f"unknown step {step}")


if __name__ == "__main__":
    main()

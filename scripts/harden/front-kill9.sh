#!/usr/bin/env bash
# Harden step front-kill9: a sandbox front (debug build) under a bounded mixed load — logins
# completed through the sandbox app endpoint, license fetches, material issues, verifications and
# revokes, from Python over out/sdk's libelicense (revokes signed by hand, the SDK has no call for
# them) — is killed with SIGKILL ROUNDS times and restarted. After each restart `audit verify`
# (read-only, against the front's signed checkpoints) must be intact; at the end every material
# whose 201 reached a client must be there and verify, every acknowledged revocation must hold,
# and no material id may be duplicated.
# Budget: ROUNDS (6) × ROUND_SECONDS (15) of load plus restarts, about 2–3 minutes.
# Results line: inputs = requests sent, faults = kills, records_lost = acknowledged materials or
# revocations missing after the kills.
set -euo pipefail

ROUNDS=${KILL9_ROUNDS:-6}
ROUND_SECONDS=${KILL9_ROUND_SECONDS:-15}
out=${HARDEN_OUT:-out/harden}
front=${FRONT:-.build/debug/elicense-front}
library=${ELICENSE_LIBRARY:-$PWD/out/sdk/lib/libelicense.so.1}
mkdir -p "$out"
work=$(mktemp -d)
started=$(date +%s)
front_pid=
cleanup() {
  if [ -n "$front_pid" ]; then kill -9 "$front_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

[ -x "$front" ] || { echo "front-kill9: $front missing (run swift build first)" >&2; exit 1; }
[ -e "$library" ] || { echo "front-kill9: $library missing (run make sdk first)" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
data=$work/data
# The app's rate budget lives in the store and outlasts the kills: the load here is about
# durability, not rate limits, so the budget is out of its way.
cat > "$work/front.yaml" <<YAML
port: $port
poll_interval_seconds: 1
default_rate_limit_per_minute: 1000000
storage:
  audit_checkpoint_records: 50
  audit_checkpoint_minutes: 1
YAML
"$front" unit add --config "$work/front.yaml" --sandbox --data-dir "$data" --out-dir "$work/clients" \
  Examples/front/access-form.yaml > "$work/unit.log" 2>&1 || { cat "$work/unit.log" >&2; exit 1; }
cp "$work"/clients/app-*.json "$work/client.json"
# Short call bounds (5 s, one retry), so one pass of a worker is bounded well inside the join
# window below and a worker still busy after it is a real hang, not a slow machine.
python3 - "$work/client.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config.update(timeout_ms=5000, retries=1)
json.dump(config, open(sys.argv[1], "w"))
PY

crashes=0 hangs=0 verified=0
start_front() {
  "$front" serve --config "$work/front.yaml" --sandbox --data-dir "$data" >> "$work/front.log" 2>&1 &
  front_pid=$!
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then return 0; fi
    if ! kill -0 "$front_pid" 2>/dev/null; then
      echo "front-kill9: the front did not restart:" >&2; tail -20 "$work/front.log" >&2
      crashes=$((crashes + 1)); return 1
    fi
    sleep 0.05
  done
  echo "front-kill9: the front did not answer /healthz within 30 s" >&2
  hangs=$((hangs + 1)); return 1
}

audit_verify() {
  local anchors=()
  [ -s "$data/audit-checkpoints.log" ] && anchors=(--anchors "$data/audit-checkpoints.log")
  if "$front" audit verify --config "$work/front.yaml" --sandbox --data-dir "$data" "${anchors[@]}" >> "$work/verify.log" 2>&1; then
    verified=$((verified + 1))
  else
    echo "front-kill9: audit verify failed after a restart:" >&2; tail -5 "$work/verify.log" >&2
    return 1
  fi
}

# The load: worker threads run until the stop file appears, across the kills; what the front
# acknowledged is appended (and synced) to acked.jsonl, the requests sent are counted.
cat > "$work/driver.py" <<'PY'
import base64, hashlib, json, os, subprocess, sys, threading, time, urllib.request
sys.path.insert(0, os.path.join(os.getcwd(), "Bindings/python/src"))
import elicense

work, url = sys.argv[1], sys.argv[2]
config = json.load(open(os.path.join(work, "client.json")))
client = elicense.Client(os.path.join(work, "client.json"))
key_file = os.path.join(work, "app.key")
with open(key_file, "w") as f:
    f.write(config["private_key_pem"])
lock = threading.Lock()
sent = [0]
acked = open(os.path.join(work, "acked.jsonl"), "a")

def count(n=1):
    with lock:
        sent[0] += n

def ack(entry):
    with lock:
        acked.write(json.dumps(entry) + "\n")
        acked.flush()
        os.fsync(acked.fileno())

def scan(qr):
    body = json.dumps({"qr_content": qr, "uniscid": "91370102MA01ELC161", "role": "legal_representative",
                       "decision": "confirm"}).encode()
    request = urllib.request.Request(url + "/sandbox/scan", data=body, headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).read()

def revoke(material_id):
    """POST /v1/materials/{id}/revoke signed as protocol §3.2 says; True when the front said 200."""
    body = json.dumps({"reason": "kill -9 run"}).encode()
    target = "/v1/materials/%s/revoke" % material_id
    timestamp, nonce = str(int(time.time())), os.urandom(16).hex()
    canonical = "\n".join(["ELIC-SM2-SM3-V1", "POST", target, timestamp, nonce, config["app_id"],
                           hashlib.new("sm3", body).hexdigest()])
    signature = subprocess.run(["openssl", "dgst", "-sm3", "-sign", key_file, "-sigopt", "distid:1234567812345678"],
                               input=canonical.encode(), capture_output=True, check=True).stdout
    request = urllib.request.Request(url + target, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Elic-App-Id": config["app_id"], "X-Elic-Timestamp": timestamp,
        "X-Elic-Nonce": nonce, "X-Elic-Signature": base64.b64encode(signature).decode()})
    try:
        return urllib.request.urlopen(request, timeout=10).status == 200
    except urllib.error.HTTPError:
        return False

def worker(index):
    n = 0
    while not os.path.exists(os.path.join(work, "stop")):
        n += 1
        try:
            count(); session = client.login_start("kill9 worker %d" % index)
            count(); scan(session.qr_content)
            status = client.login_wait(session, timeout=20, progress=lambda state, elapsed: count())
            if not status.authorized:
                continue
            count(); client.license(status.grant)
            count(); material = client.issue_material(status.grant, "kill9 %d-%d" % (index, n), "png")
            ack({"id": material.id, "code": material.code})
            count(); client.verify(material)
            if n % 3 == 0:
                count()
                if revoke(material.id):
                    ack({"revoked": material.id})
        except (elicense.ElicenseError, OSError, subprocess.CalledProcessError):
            time.sleep(0.2)  # the front is down or restarting
        except Exception as error:  # noqa: BLE001 — report, keep the load going
            print("worker %d: %r" % (index, error), file=sys.stderr)
            time.sleep(0.2)

# Daemon threads, so a worker stuck in a call is counted as a hang instead of holding the run.
threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(3)]
for t in threads: t.start()
# One pass of a worker takes at most about 80 s with the bounds above (login_wait 20 s, each
# other call 2 × 5 s plus a pause); 120 s after the stop every worker has seen it.
deadline = time.time() + 120
for t in threads: t.join(timeout=max(0.0, deadline - time.time()))
with open(os.path.join(work, "sent"), "w") as f:
    f.write("%d %d\n" % (sent[0], sum(t.is_alive() for t in threads)))
PY

# The final check, on the restarted front: each acknowledged material verifies as issued (or as
# revoked when its revocation was acknowledged), and no id appears twice.
cat > "$work/check.py" <<'PY'
import json, os, sys
sys.path.insert(0, os.path.join(os.getcwd(), "Bindings/python/src"))
import elicense
work = sys.argv[1]
client = elicense.Client(os.path.join(work, "client.json"))
materials, revoked = [], set()
for line in open(os.path.join(work, "acked.jsonl")):
    entry = json.loads(line)
    if "revoked" in entry: revoked.add(entry["revoked"])
    else: materials.append(entry)
ids = [m["id"] for m in materials]
duplicates = len(ids) - len(set(ids))
lost = 0
for m in materials:
    state = client.verify(m["id"])
    expected = elicense.MaterialVerdict.REVOKED if m["id"] in revoked else None
    if state == elicense.MaterialVerdict.UNKNOWN or (expected and state != expected):
        lost += 1
        print("lost: %s is %s" % (m["id"], state.name), file=sys.stderr)
print(len(materials), len(revoked), lost, duplicates)
PY

export ELICENSE_LIBRARY=$library
start_front
audit_verify
python3 "$work/driver.py" "$work" "http://127.0.0.1:$port" > "$work/driver.log" 2>&1 &
driver=$!
kills=0
failed=0
for round in $(seq 1 "$ROUNDS"); do
  sleep $((ROUND_SECONDS - 3 + RANDOM % 6))
  kill -9 "$front_pid"; wait "$front_pid" 2>/dev/null || true
  kills=$((kills + 1))
  start_front || { failed=1; break; }
  audit_verify || { failed=1; break; }
done
touch "$work/stop"
wait "$driver" || { echo "front-kill9: the driver failed:" >&2; tail -20 "$work/driver.log" >&2; failed=1; }
read -r materials revocations lost duplicates < <(python3 "$work/check.py" "$work" 2> "$work/check.log" || echo "0 0 -1 0")
[ "$lost" = -1 ] && { cat "$work/check.log" >&2; failed=1; lost=0; }
read -r sent hung < <(cat "$work/sent" 2>/dev/null || echo "0 0")
hangs=$((hangs + hung))
[ "$hung" = 0 ] || { echo "front-kill9: $hung driver threads hung in a call" >&2; failed=1; }
seconds=$(( $(date +%s) - started ))
checkpoints=$(wc -l < "$data/audit-checkpoints.log" 2>/dev/null || echo 0)
[ "$materials" -gt 0 ] || { echo "front-kill9: no material was issued" >&2; failed=1; }
[ "$duplicates" = 0 ] || { echo "front-kill9: $duplicates duplicated material ids" >&2; failed=1; }
[ "$lost" = 0 ] || { cat "$work/check.log" >&2; failed=1; }
printf 'front-kill9\t%d\t%d\t%d\t%d\t-\t%d\t%d\t%s\n' "$sent" "$kills" "$crashes" "$hangs" "$lost" "$seconds" \
  "SIGKILL ×$kills, audit verified $verified× against $checkpoints signed checkpoints; $materials materials, $revocations revokes, $duplicates dup ids" \
  >> "$out/results.tsv"
echo "front-kill9: $kills kills, $sent requests, $materials materials ($revocations revoked), $lost lost, $duplicates duplicated"
exit "$failed"

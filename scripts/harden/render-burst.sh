#!/usr/bin/env bash
# Harden step "render-burst" (issue 8, defect 5): material rendering under a burst of the heaviest
# text the protocol admits. Budget: about 2 minutes (24 materials on a debug front, 2 cores).
#
# A sandbox front receives, from 4 threads through the Python binding, 24 material issues whose
# purposes are the worst legitimate ones (100 characters each carrying a combining mark; one
# character carrying 198 of them: 400 bytes either way), interleaved with 8 refused ones (40 KB
# in two characters; bidirectional controls). Every legitimate call must answer 201 (or 503
# unavailable, counted in the note), every refused one 400 invalid_purpose, each within the
# client's timeout; every issued material must then verify as valid, and the front must still
# be alive. Needs `swift build` (debug) and `make sdk`.
set -euo pipefail

out=${HARDEN_OUT:-out/harden}
mkdir -p "$out"
export ELICENSE_FRONT=$PWD/.build/debug/elicense-front
work=$(mktemp -d)
# shellcheck source=Tests/support/fronts.sh
source Tests/support/fronts.sh

started=$(date +%s)
add_front "$fixture" burst
status=0
PYTHONPATH=Bindings/python/src ELICENSE_LIBRARY=$PWD/out/sdk/lib/libelicense.so.1 \
  .venv/bin/python - "$(fixture configs.burst)" "$(fixture fronts.burst.url)" > "$work/result" <<'PY' || status=$?
import concurrent.futures, json, sys, time, urllib.request
import elicense
from elicense import MaterialVerdict, Status

config, url = sys.argv[1], sys.argv[2]
legit = [("e\u0301" * 100), ("企" + "\u0301" * 198)]
refused = [("企" + "\u0301" * 10_000 + "业" + "\u0301" * 10_000), "企业\u202e办开", "企业\u2066开办\u2069"]
assert all(len(p.encode()) <= 400 for p in legit)

with elicense.Client(config) as client:
    session = client.login_start("企业开办")
    body = json.dumps({"qr_content": session.qr_content, "decision": "confirm", "uniscid": "91370102MA01ELC161"}).encode()
    urllib.request.urlopen(urllib.request.Request(url + "/sandbox/scan", body, {"Content-Type": "application/json"}), timeout=10)
    grant = client.login_wait(session.id, timeout=30).grant

    def issue(index: int):
        purpose = refused[index % 3] if index % 4 == 3 else legit[index % 2]
        began = time.monotonic()
        try:
            material = client.issue_material(grant, purpose, "pdf")
            return purpose in refused, "issued", material.code, time.monotonic() - began
        except elicense.ElicenseError as error:
            return purpose in refused, error.status.name, None, time.monotonic() - began

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(issue, range(32)))
    wrong = [r for r in results if (r[1] != "INVALID_PURPOSE" if r[0] else r[1] not in ("issued", "UNAVAILABLE"))]
    hangs = sum(1 for r in results if r[1] == "TIMEOUT")
    lost = sum(1 for r in results if r[2] is not None and client.verify(r[2]) != MaterialVerdict.VALID)
    unavailable = sum(1 for r in results if r[1] == "UNAVAILABLE")
    slowest = max(r[3] for r in results)
    print(len(results), hangs, lost, len(wrong), unavailable, "%.1f" % slowest)
    for r in wrong:
        print("wrong answer: refused=%s outcome=%s" % (r[0], r[1]), file=sys.stderr)
    sys.exit(1 if wrong or hangs or lost else 0)
PY
alive=0
curl -fsS -o /dev/null "$(fixture fronts.burst.url)/healthz" || alive=1
read -r inputs hangs lost wrong unavailable slowest < "$work/result" || { inputs=0 hangs=- lost=- wrong=- unavailable=- slowest=-; }
seconds=$(( $(date +%s) - started ))
printf 'render-burst\t%s\t-\t%s\t%s\t-\t%s\t%s\t%s\n' "$inputs" "$alive" "$hangs" "$lost" "$seconds" \
  "32 material issues from 4 threads, 400-byte purposes; ${wrong} wrong answers, ${unavailable} x 503, slowest ${slowest} s" \
  >> "$out/results.tsv"
if [ "$status" -ne 0 ] || [ "$alive" -ne 0 ]; then
  echo "render-burst: failed (python status $status, front alive check $alive)" >&2
  sed 's/^/  front: /' "$(fixture fronts.burst.log)" | tail -20 >&2
  exit 1
fi

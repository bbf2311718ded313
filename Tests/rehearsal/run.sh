#!/usr/bin/env bash
# `make test-rehearsal`: runs the production dress rehearsal (scripts/rehearsal.sh) on free
# loopback ports, bounded in time, then checks what each step left behind. Needs the debug build
# (elicense-front, elicense). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
front=$root/.build/debug/elicense-front
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source Tests/support/checks.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
out=$work/rehearsal
gw_port=$(free_port) city_port=$(free_port)
budget=${REHEARSAL_TIMEOUT:-300}

started=$(date +%s)
REHEARSAL_OUT=$out REHEARSAL_GATEWAY_PORT=$gw_port REHEARSAL_CITY_PORT=$city_port \
  timeout --kill-after=10 "$budget" scripts/rehearsal.sh > "$work/rehearsal.txt" 2>&1
status=$? elapsed=$(($(date +%s) - started))
check "scripts/rehearsal.sh finishes within ${budget} s (exit $status after ${elapsed} s)" test "$status" = 0
[ "$status" = 0 ] || sed 's/^/     | /' "$work/rehearsal.txt" | tail -60

# 1. The private CA and the servers' certificates.
check "both server certificates chain to the private CA" \
  openssl verify -CAfile "$out/ca/ca.pem" "$out/ca/gateway.pem" "$out/ca/city.pem"
check "the certificates name 127.0.0.1 and localhost" sh -c \
  "openssl x509 -in '$out/ca/city.pem' -noout -ext subjectAltName | grep -q 'IP Address:127.0.0.1' \
   && openssl x509 -in '$out/ca/city.pem' -noout -ext subjectAltName | grep -q 'DNS:localhost'"

# 2. The gateway: production, its own keys, the city front's credentials issued like an app's.
upstream=$(ls "$out"/city-credentials/app-*.json 2> /dev/null | head -1)
check "the gateway issued the city front a production client configuration for its HTTPS URL" python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
assert c["profile"] == "production", c["profile"]
assert c["front_url"] == "https://127.0.0.1:" + sys.argv[2], c["front_url"]
assert c["front_public_keys_pem"] and c["private_key_pem"]' "$upstream" "$gw_port"
check "the client configuration is readable by its owner only (0600)" test "$(stat -c %a "$upstream")" = 600
check "the gateway keeps production keys and its rehearsal issuer key, no sandbox key" sh -c \
  "cd '$out/gateway-data/keys' && test -f front-production.key.pem && test -f rehearsal-issuer.key.pem \
   && ! ls | grep -q sandbox"
check "the gateway refuses plain HTTP (TLS only)" sh -c "! curl -fsS --max-time 5 'http://127.0.0.1:$gw_port/healthz'"

# 3–4. The city front and the department.
check "the department logged in (the enterprise confirmed in the rehearsal app)" grep -q '登录成功' "$out/login.txt"
check "the QR content points at the gateway's rehearsal app" grep -q "^https://127.0.0.1:$gw_port/rehearsal/?t=tk_" "$out/qr.txt"

# 5. The license and the material say rehearsal.
check "the license answer is marked rehearsal" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rehearsal"] is True and d["license"]["uniscid"] == "91370102MA01ELC161", d' "$out/license.json"
check "the material record carries the rehearsal license" python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["signed_license"]["rehearsal"] is True' "$out/material.json"
check "the material PDF says 生产演练 REHEARSAL, and not 沙箱" sh -c \
  "pdftotext '$out/material.pdf' - | tr -d '\n' | grep -q '生产演练 REHEARSAL' && ! pdftotext '$out/material.pdf' - | grep -q 沙箱"

# 6. Offline verification, and that it would notice a changed document.
verify() { # verify ISSUER_KEY [--document FORMAT=FILE]
  local issuer=$1; shift
  python3 scripts/verify-material-offline.py "$out/material.json" --front-key "$out/front.pub" --issuer-key "$issuer" "$@"
}
refuses() { ! "$@"; }
check "the material verifies offline with the handed-out keys" verify "$out/issuer.pub" --document pdf="$out/material.pdf"
cp "$out/material.pdf" "$work/changed.pdf" && printf ' ' >> "$work/changed.pdf"
check "offline verification refuses a changed document" refuses verify "$out/issuer.pub" --document pdf="$work/changed.pdf"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 2> /dev/null | openssl pkey -pubout > "$work/other.pub"
check "offline verification refuses license data under another issuer key" refuses verify "$work/other.pub"

# 7. Each side audited its callers in its own intact chain: the gateway the city front's calls.
check "the gateway's and the city front's audit chains are intact" sh -c \
  "'$front' audit verify --config '$out/gateway.yaml' && '$front' audit verify --config '$out/city.yaml'"
check "the gateway audited the city front's provincial calls under its app id" python3 -c '
import json, sqlite3, sys
app = json.load(open(sys.argv[2]))["app_id"]
rows = sqlite3.connect(sys.argv[1]).execute("select app_id, endpoint, outcome from audit_log").fetchall()
upstream = [r for r in rows if r[1].startswith("/v1/upstream/")]
assert upstream and all(r[0] == app and r[2] == "ok" for r in upstream), rows
assert {"/v1/upstream/logins", "/v1/upstream/license"} <= {r[1] for r in upstream}, rows' \
  "$out/gateway-data/front.sqlite" "$upstream"

# 8. The figures.
check "every step completed and was timed" sh -c "for s in ca_and_certificates gateway_up city_front_up department_doctor \
  login_confirmed license material offline_verification; do grep -q \"^\$s \" '$out/figures.txt' || exit 1; done"
echo "--- rehearsal figures (ms)"
cat "$out/figures.txt" 2> /dev/null
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# SDK fault injection, driven from C (Tests/sdk/faults.c linked against out/sdk's libelicense)
# against fake fronts on 127.0.0.1 (Tests/support/fake_front.py): connection reset, front gone
# within the headers, truncated, stalled, dripping, garbage, huge-header, oversized, unsigned and
# badly signed answers, timestamp_skew, the per-call deadline (elic_set_call_timeout_ms) against
# a stalled front, a front clock ten years ahead, a front process that
# exits mid-request, and TLS with a self-signed, a wrong-host and an expired certificate (made
# here with the openssl CLI). One results line per fault kind.
# Budget: about 100 s (the stall and drip kinds wait out 2.5 s timeouts); faults.c aborts itself
# after 900 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${HARDEN_OUT:-out/harden}
mkdir -p "$out"
results=$out/results.tsv
sdk=$PWD/out/sdk
work=$(mktemp -d)
source Tests/support/fronts.sh
started=$(date +%s)

# A department's configuration to derive the fake fronts' from: its own app key; no real front.
openssl genpkey -algorithm SM2 -out "$work/app.key" 2> /dev/null
main=$work/base.json
printf '{"version":1,"profile":"sandbox","front_url":"http://127.0.0.1:1","app_id":"app-fault","front_public_keys_pem":[]}' > "$main"
variant "$main" "$main" "private_key_pem=$(json_text "$work/app.key")" "retries=2" "timeout_ms=2500" "connect_timeout_ms=1000"

# Certificates: a CA the client trusts, and server certificates good, for another host, expired,
# and self-signed (not from that CA).
tls=$work/tls
mkdir -p "$tls"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$tls/ca.key" -out "$tls/ca.pem" -days 2 -subj /CN=elicense-fault-ca 2> /dev/null
openssl req "${ec[@]}" -keyout "$tls/server.key" -out "$tls/server.csr" -subj /CN=127.0.0.1 2> /dev/null
cert() { # cert NAME SAN DAYS: a server certificate from the CA
  printf 'subjectAltName=%s\n' "$2" > "$tls/$1.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days "$3" \
    -extfile "$tls/$1.ext" -out "$tls/$1.pem" 2> /dev/null
}
cert ok IP:127.0.0.1 2
cert wrong-host DNS:front.example.invalid 2
cert expired IP:127.0.0.1 -1 # notAfter a day before notBefore
openssl req -x509 -key "$tls/server.key" -out "$tls/self-signed.pem" -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 2> /dev/null

add_fake "$fixture" fake --from "$main"
variant "$(fixture configs.fake)" "$work/slow.json" "timeout_ms=60000"
add_fake "$fixture" killed --from "$main" --mode exit
for kind in ok self-signed wrong-host expired; do
  add_fake "$fixture" "tls-$kind" --from "$main" --cert "$tls/$kind.pem" --cert-key "$tls/server.key"
  variant "$(fixture configs.tls-$kind)" "$(fixture configs.tls-$kind)" "ca_bundle=\"$tls/ca.pem\""
done

cc -std=c99 -Wall -Wextra -pedantic -Werror -I "$sdk/include" -I Tests/sdk Tests/sdk/faults.c -o "$work/faults" \
  -L "$sdk/lib" -lelicense -lcurl -Wl,-rpath,"$sdk/lib"

set +e
FAULT_FAKE=$(fixture fronts.fake.url) FAULT_LOG=$(fixture fronts.fake.request_log) FAULT_CONFIG=$(fixture configs.fake) \
FAULT_CONFIG_SLOW=$work/slow.json \
FAULT_KILLED_CONFIG=$(fixture configs.killed) FAULT_KILLED_LOG=$(fixture fronts.killed.request_log) \
FAULT_TLS_OK=$(fixture configs.tls-ok) FAULT_TLS_SELF_SIGNED=$(fixture configs.tls-self-signed) \
FAULT_TLS_WRONG_HOST=$(fixture configs.tls-wrong-host) FAULT_TLS_EXPIRED=$(fixture configs.tls-expired) \
  "$work/faults" > "$work/results"
status=$?
set -e
cat "$work/results"
cat "$work/results" >> "$results"
if [ $status -gt 128 ]; then # killed by a signal: a crash (SIGALRM: the whole run hung)
  hang=0 crash=1
  [ $status -eq $((128 + 14)) ] && hang=1 crash=0
  printf 'sdk-faults\t-\t-\t%d\t%d\t-\t-\t%d\t%s\n' $crash $hang $(( $(date +%s) - started )) \
    "faults.c died with signal $((status - 128))" >> "$results"
fi
exit $status

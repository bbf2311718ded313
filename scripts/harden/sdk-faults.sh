#!/usr/bin/env bash
# SDK fault injection, driven from C (Tests/sdk/faults.c linked against out/sdk's libelicense)
# against fake fronts on 127.0.0.1 (Tests/support/fake_front.py): connection reset, front gone
# within the headers, truncated, stalled, dripping, garbage, huge-header, oversized, unsigned and
# badly signed answers, timestamp_skew, the per-call deadline (elic_set_call_timeout_ms) against
# a stalled front, a front clock ten years ahead, a front process that
# exits mid-request, and TLS with a self-signed, a wrong-host and an expired certificate (made
# here with the openssl CLI). One results line per fault kind.
# Budget: about 90 s (the stall and drip kinds wait out 1.5 s timeouts); faults.c aborts itself
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
variant "$main" "$main" "private_key_pem=$(json_text "$work/app.key")" "retries=2" "timeout_ms=1500" "connect_timeout_ms=1000"

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

start_fake_front fake
variant "$work/fake/client.json" "$work/fake/slow.json" "timeout_ms=60000"
start_fake_front killed --mode exit
for kind in ok self-signed wrong-host expired; do
  start_fake_front "tls-$kind" --cert "$tls/$kind.pem" --cert-key "$tls/server.key"
  variant "$work/tls-$kind/client.json" "$work/tls-$kind/client.json" "ca_bundle=\"$tls/ca.pem\""
done

cc -std=c99 -Wall -Wextra -pedantic -Werror -I "$sdk/include" -I Tests/sdk Tests/sdk/faults.c -o "$work/faults" \
  -L "$sdk/lib" -lelicense -lcurl -Wl,-rpath,"$sdk/lib"

set +e
FAULT_FAKE=$(cat "$work/fake/url") FAULT_LOG=$work/fake/log FAULT_CONFIG=$work/fake/client.json \
FAULT_CONFIG_SLOW=$work/fake/slow.json \
FAULT_KILLED_CONFIG=$work/killed/client.json FAULT_KILLED_LOG=$work/killed/log \
FAULT_TLS_OK=$work/tls-ok/client.json FAULT_TLS_SELF_SIGNED=$work/tls-self-signed/client.json \
FAULT_TLS_WRONG_HOST=$work/tls-wrong-host/client.json FAULT_TLS_EXPIRED=$work/tls-expired/client.json \
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

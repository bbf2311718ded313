#!/usr/bin/env bash
# Starts a sandbox front (release build), logs the example department in, runs sdk_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export ELICENSE_FRONT_PORT=$port
printf 'default_rate_limit_per_minute: 1000000\n' > "$work/front.yaml"
front=${FRONT:-.build/release/elicense-front}
"$front" unit add --config "$work/front.yaml" --sandbox --data-dir "$work/data" --out-dir "$work" Examples/front/access-form.yaml > /dev/null
config=$(ls "$work"/app-*.json)
"$front" serve --config "$work/front.yaml" --sandbox --data-dir "$work/data" > "$work/front.log" 2>&1 &
trap 'kill %1; wait; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 0.05; done
cc -std=c99 -O2 -Wall $(pkg-config --cflags elicense) Benchmarks/sdk_bench.c -o "$work/sdk_bench" $(pkg-config --libs elicense) -lpthread -Wl,-rpath,"$(pkg-config --variable=libdir elicense)"
Examples/c/login "$config" 基准测试 "$work/grant.txt" > "$work/login.out" &
for _ in $(seq 1 100); do grep -q '^qr_content:' "$work/login.out" 2>/dev/null && break; sleep 0.1; done
curl -fsS -X POST "http://127.0.0.1:$port/sandbox/scan" -H 'Content-Type: application/json' \
  -d "{\"qr_content\":\"$(sed -n 's/^qr_content: //p' "$work/login.out")\",\"uniscid\":\"91370102MA01ELC161\",\"decision\":\"confirm\"}" > /dev/null
wait %2
echo "front: $front, sandbox profile, on $(nproc) cores shared with this benchmark"
"$work/sdk_bench" "$config" "$work/grant.txt"

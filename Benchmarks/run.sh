#!/usr/bin/env bash
# Starts a sandbox front (release build; FRONT names another) with the sandbox-front fixture, logs
# the example department in, runs sdk_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
source Tests/support/fronts.sh
export ELICENSE_FRONT=${FRONT:-$PWD/.build/release/elicense-front}
add_front "$fixture" main --yaml 'default_rate_limit_per_minute: 1000000'
config=$(fixture configs.main)
cc -std=c99 -O2 -Wall $(pkg-config --cflags elicense) Benchmarks/sdk_bench.c -o "$work/sdk_bench" $(pkg-config --libs elicense) -lpthread -Wl,-rpath,"$(pkg-config --variable=libdir elicense)"
Examples/c/login "$config" 基准测试 "$work/grant.txt" > "$work/login.out" &
login_pid=$!
scan_confirm "$work/login.out"
wait $login_pid
echo "front: $ELICENSE_FRONT, sandbox profile, on $(nproc) cores shared with this benchmark"
"$work/sdk_bench" "$config" "$work/grant.txt"

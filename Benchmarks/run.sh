#!/usr/bin/env bash
# make bench: starts a sandbox front (release build; FRONT names another) with the sandbox-front
# fixture, logs the example department in, measures every figure of issue 10 beside its bound
# (Benchmarks/sdk_bench.c, dlopen_bench.c, python_bench.py, the Swift hot-path loop) and a load
# curve from a separate load process, then prints one table (table.py) and plots the curve
# (plot.py). Prints figures; asserts nothing. Loopback only.
#   Benchmarks/run.sh          (out/bench/: figures.tsv, load.tsv, soak.tsv, table.tsv, load.png)
# Environment: RATES (offered loads of the curve, calls/s), STEP_SECONDS (each step's length),
# SOAK_SECONDS (a steady load while the front's RSS is sampled every 5 s; 600 for issue 10's
# 10-minute soak), SOAK_RATE (its calls/s; default a quarter of the SM2 bound), HOTPATH (the
# hotpath-loop executable; without it no Swift USCC and render rows).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
source Tests/support/fronts.sh
export ELICENSE_FRONT=${FRONT:-$PWD/.build/release/elicense-front}
rates=${RATES:-50 100 200 300 400 500 600 700 800 1000 1200}
step=${STEP_SECONDS:-6}
soak=${SOAK_SECONDS:-60}
hotpath=${HOTPATH:-.build-micro/release/hotpath-loop}
out=out/bench
mkdir -p "$out"
figures=$out/figures.tsv

add_front "$fixture" main --yaml 'default_rate_limit_per_minute: 1000000'
config=$(fixture configs.main)
front_pid=$(fixture fronts.main.pid)
front_url=$(fixture fronts.main.url)
libs="$(pkg-config --libs elicense) $(pkg-config --libs libcurl libcrypto)"
# shellcheck disable=SC2086 # word splitting of the flags is meant
cc -std=c99 -O2 -Wall $(pkg-config --cflags elicense) Benchmarks/sdk_bench.c -o "$work/sdk_bench" $libs -lpthread
cc -std=c99 -O2 -Wall Benchmarks/dlopen_bench.c -o "$work/dlopen_bench" -ldl
lib=$(pkg-config --variable=libdir elicense)/libelicense.so.1

Examples/c/login "$config" 基准测试 "$work/grant.txt" > "$work/login.out" &
login_pid=$!
scan_confirm "$work/login.out"
wait $login_pid

rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }
echo "基准测试 benchmark: front $ELICENSE_FRONT (sandbox profile, SQLite store) on $(nproc) cores shared with the clients; $(date -u +%FT%TZ)" >&2
{
  printf 'cores\t%s\n' "$(nproc)"
  printf 'front_rss_idle_kib\t%s\n' "$(rss "$front_pid")"
  "$work/sdk_bench" figures "$config" "$work/grant.txt" "$front_url" "$(fixture fronts.main.data_dir)" "$front_pid"
  # The fastest of three cold-process loads (page cache warm after the first).
  for _ in 1 2 3; do "$work/dlopen_bench" "$lib" "$config"; done | sort -t$'\t' -k1,1 -k2,2g | awk -F'\t' '!seen[$1]++'
  PYTHONPATH=Bindings/python/src:Benchmarks ELICENSE_LIBRARY=$lib .venv/bin/python Benchmarks/python_bench.py "$config" "$front_pid"
  printf 'so_bytes\t%s\n' "$(stat -L -c %s "$lib")"
  printf 'so_libswift_needed\t%s\n' "$(readelf -d "$lib" | grep NEEDED | grep -c libswift || true)"
  if [ -x "$hotpath" ]; then
    "$hotpath" uscc-rate
    "$hotpath" pdf 6
    "$hotpath" png 3
  else
    echo "($hotpath not built: no Swift USCC and render rows)" >&2
  fi
} | tee "$figures" >&2

# Disk syncs (fdatasync + fsync) of the front per signed call, counted with strace: one thread,
# then 16 (where group commit lets calls share a sync).
syncs_per_call() { # syncs_per_call THREADS CALLS
  strace -f -qq -c -e trace=fdatasync,fsync -o "$work/strace.out" -p "$front_pid" &
  local tracer=$!
  sleep 1
  "$work/sdk_bench" calls "$config" "$1" "$2"
  sleep 0.5
  kill -INT $tracer && wait $tracer || true
  awk -v calls=$(($1 * $2)) '$NF == "fdatasync" || $NF == "fsync" { n += $4 } END { printf "%.4g\n", n / calls }' \
    "$work/strace.out"
}
if command -v strace > /dev/null; then
  printf 'syncs_per_call_t1\t%s\nsyncs_per_call_t16\t%s\n' "$(syncs_per_call 1 200)" "$(syncs_per_call 16 50)" \
    | tee -a "$figures" >&2
fi

# The stores side by side: the signed-call rows again on this SQLite front, then on a front like
# it on a throwaway PostgreSQL 15 (Tests/support/postgres.sh, fsync on, data on the same disk).
"$work/sdk_bench" store "$config" sqlite "$front_pid" | tee -a "$figures" >&2
chmod 0711 "$work" # PostgreSQL's unprivileged user reaches its directory inside
if pg_url=$(ELICENSE_POSTGRES_OWNER_PID=$$ Tests/support/postgres.sh start "$work/pg" 2> "$work/pg.log"); then
  pg_yaml=$(printf 'default_rate_limit_per_minute: 1000000\nstore: {kind: postgres, url: "%s", password_file: "%s"}' \
    "$pg_url" "$work/pg/password")
  mkdir -p "$fixture/pg"
  printf '%s\n' "$pg_yaml" > "$work/pg-front.yaml"
  "$ELICENSE_FRONT" db migrate --config "$work/pg-front.yaml" --sandbox --data-dir "$fixture/pg/data" > /dev/null
  add_front "$fixture" pg --yaml "$pg_yaml"
  "$work/sdk_bench" store "$fixture/pg/client.json" postgres "$(fixture fronts.pg.pid)" | tee -a "$figures" >&2
  # The server's WAL syncs per signed call (pg_stat_wal, which its processes report within a second).
  pg_port=${pg_url##*:} && pg_port=${pg_port%%/*}
  wal_syncs() {
    sleep 2
    PGPASSWORD=$(cat "$work/pg/password") psql -h 127.0.0.1 -p "$pg_port" -U elicense -d elicense -Atc \
      'SELECT wal_sync FROM pg_stat_wal'
  }
  for threads_calls in "1 200" "16 50"; do
    set -- $threads_calls
    before=$(wal_syncs)
    "$work/sdk_bench" calls "$fixture/pg/client.json" "$1" "$2"
    printf 'postgres_syncs_per_call_t%s\t%s\n' "$1" "$(( ($(wal_syncs) - before) * 1000 / ($1 * $2) ))e-3"
  done | tee -a "$figures" >&2
  kill "$(fixture fronts.pg.pid)"
else
  echo "(PostgreSQL could not be started: no PostgreSQL rows; $(tail -1 "$work/pg.log"))" >&2
fi

# The load curve: each step a fresh load process at a fixed offered rate (64 threads, so the
# process itself never limits the rate below saturation).
printf '# offered/s\tachieved/s\tp50_ms\tp99_ms\terrors\n' > "$out/load.tsv"
for rate in $rates; do
  "$work/sdk_bench" load "$config" "$rate" "$step" 64 | tee -a "$out/load.tsv" >&2
done
printf 'front_rss_loaded_kib\t%s\n' "$(rss "$front_pid")" >> "$figures"

# Soak: a steady load (SOAK_RATE, default a quarter of the bound's rate, below saturation) for SOAK_SECONDS, the front's RSS every 5 s.
bound=$(.venv/bin/python - "$figures" <<'PY'
import sys
f = dict(l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1]) if "\t" in l)
crypto = 2 / float(f["sm2_sign_per_s"]) + 2 / float(f["sm2_verify_per_s"])
print(round(float(f["cores"]) / crypto))
PY
)
printf '# seconds\tfront_rss_kib\n' > "$out/soak.tsv"
soak_rate=${SOAK_RATE:-$((bound / 4))}
"$work/sdk_bench" load "$config" "$soak_rate" "$soak" 64 > "$work/soak.out" &
soak_pid=$!
start=$SECONDS
while kill -0 $soak_pid 2>/dev/null; do
  printf '%s\t%s\n' $((SECONDS - start)) "$(rss "$front_pid")" >> "$out/soak.tsv"
  sleep 5
done
wait $soak_pid
awk -F'\t' 'NR == 2 { print "soak_rss_start_kib\t" $2 } END { print "soak_rss_end_kib\t" $2 }' "$out/soak.tsv" >> "$figures"
echo "soak at ${soak_rate}/s for ${soak}s: $(cat "$work/soak.out")" >&2

echo
.venv/bin/python Benchmarks/table.py "$figures" "$out/load.tsv" "$out/table.tsv"
front_label=${FRONT:+front $FRONT}
.venv/bin/python Benchmarks/plot.py "$out/load.tsv" "$bound" "$out/load.png" \
  "signed whoami, ${front_label:-release front} (SQLite), $(nproc) cores shared with the load process, $(date -u +%F)"
echo "load curve: $out/load.tsv, plot: $out/load.png, front RSS during the soak: $out/soak.tsv"

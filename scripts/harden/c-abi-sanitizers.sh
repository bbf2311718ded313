#!/usr/bin/env bash
# The C ABI test (Tests/sdk/test_abi.c) built with clang -fsanitize=address,undefined
# -fno-sanitize-recover=all against out/sdk's libelicense and run against sandbox fronts, and
# the C examples under valgrind memcheck (--error-exitcode): both by Tests/sdk/run.sh, which
# does the same with plain cc for `make test`. Zero reports allowed.
# Budget: about 3 minutes (the sandbox logins of test_abi.c, valgrind's slowdown of the examples).
#
# ASan in the program, not in the library: libelicense.so carries its own static Swift runtime
# and is not instrumented, so ASan checks the C side of every call (buffers the library returns,
# their lengths, frees of what it hands out) and intercepts the library's malloc/free, which
# catches a double free or a free of a foreign pointer inside the library too. It needs no
# special link order (clang links the ASan runtime into the executable, which loads first).
# Leak detection stays on: what the library keeps (the process-wide status texts, the libcurl
# and OpenSSL globals) is reachable and not reported.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${HARDEN_OUT:-out/harden}
mkdir -p "$out"
log=$out/c-abi-sanitizers.run.log
started=$(date +%s)
set +e
SDK_TEST_CC=clang SDK_TEST_CFLAGS="-fuse-ld=lld -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g" \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  Tests/sdk/run.sh > "$log" 2>&1
status=$?
set -e
cat "$log"
seconds=$(( $(date +%s) - started ))
checks=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$log" | tail -1)
reports=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log" || true)
grind_failed=$(grep -cE '^FAIL .*under valgrind' "$log" || true)
grind_total=$(grep -cE '^(ok  |FAIL) .*under valgrind' "$log" || true)
crashed=0
grep -qE '^sdk: .* failed$' "$log" && [ -n "$checks" ] || crashed=1
printf 'c-abi-sanitizers/asan+ubsan\t%s\t-\t%d\t0\t%d\t-\t%d\t%s\n' "${checks%% *}" "$crashed" "$reports" "$seconds" \
  "test_abi.c with clang ASan+UBSan vs sandbox fronts; C checks passed/failed: ${checks:-none}" >> "$out/results.tsv"
printf 'c-abi-sanitizers/valgrind\t%d\t-\t0\t0\t%d\t-\t-\t%s\n' "$grind_total" "$grind_failed" \
  "C examples under valgrind memcheck --error-exitcode=9 (reports = examples failing)" >> "$out/results.tsv"
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ] && [ "$crashed" -eq 0 ]

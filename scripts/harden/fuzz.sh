#!/usr/bin/env bash
# libFuzzer over the targets of Fuzz/ (docs/hardening.md), each seeded from Fuzz/Corpus/<target>.
# Budget: the build with -sanitize=fuzzer,address in .build-fuzz, which for fuzz-access-form
# includes the front's dependencies (NIO, BoringSSL, GRDB): 7 min for the SDK-side targets and
# 70 min in all when first built on 2 cores shared with five other builds (not yet timed alone;
# seconds when cached), then FUZZ_SECONDS (default 30) per target: 6 × 30 s = 3 min.
# Set FUZZ_SECONDS to fuzz longer by hand. One results line per target; a crash, a hang, a
# sanitizer report or an exit other than 0 fails the step, its reproducer kept in
# $HARDEN_OUT/fuzz/<target>/ (replay: SWIFT_BACKTRACE=enable=no .build-fuzz/debug/<target> <file>).
set -euo pipefail

out="${HARDEN_OUT:-out/harden}"
seconds="${FUZZ_SECONDS:-30}"
scratch=.build-fuzz
targets=(fuzz-canonical fuzz-wire fuzz-config fuzz-uscc fuzz-response fuzz-access-form)
build=(swift build --package-path Fuzz --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address)
mkdir -p "$out/fuzz"

for target in "${targets[@]}"; do "${build[@]}" --product "$target"; done
bin="$("${build[@]}" --show-bin-path)"

failed=0
for target in "${targets[@]}"; do
  dir="$out/fuzz/$target"
  rm -rf "$dir"
  mkdir -p "$dir/corpus"
  started=$SECONDS
  # New inputs go to the first directory; the seeds in the repository are only read. The Swift
  # backtracer is off so that libFuzzer reports a trap at once and saves the input. The outer
  # timeout catches a run that libFuzzer itself cannot stop.
  status=0
  SWIFT_BACKTRACE=enable=no timeout --kill-after=10 $((seconds + 120)) \
    "$bin/$target" "$dir/corpus" "Fuzz/Corpus/$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/" > "$dir/log" 2>&1 || status=$?
  elapsed=$((SECONDS - started))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$dir/log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1 || true)
  crashes=$(find "$dir" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'oom-*' -o -maxdepth 1 -name 'leak-*' | wc -l)
  hangs=$(find "$dir" -maxdepth 1 -name 'timeout-*' | wc -l)
  reports=$(grep -c 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer' "$dir/log" || true)
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then hangs=$((hangs + 1)); fi
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]; then crashes=1; fi
  note="libFuzzer ${seconds} s, ${last:-no coverage line}, corpus $(find "$dir/corpus" -type f | wc -l) new"
  [ "$status" -eq 0 ] || { failed=1; note="$note, exit $status, see $dir"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "fuzz:$target" "${execs:-0}" - "$crashes" "$hangs" "$reports" - \
    "$elapsed" "$note" >> "$out/results.tsv"
  echo "fuzz:$target: ${execs:-0} inputs, $crashes crashes, $hangs hangs, $reports sanitizer reports; $note"
done
exit "$failed"

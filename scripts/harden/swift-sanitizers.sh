#!/usr/bin/env bash
# The Swift test suites under AddressSanitizer (.build-asan) and ThreadSanitizer (.build-tsan),
# including the process-level suites, which then spawn the sanitized elicense and elicense-front.
# Budget: each build as long as it takes (about 10 min from nothing on 2 idle cores; a failed
# build fails the step), then each test run at most SANITIZER_SECONDS (600): one that exceeds it
# is stopped and counted as a hang. Every process writes its sanitizer reports to files under
# $HARDEN_OUT/sanitizers/ (log_path), so a report in a child process counts too. One results
# line per sanitizer; any report, a failed test or a timeout fails the step.
set -euo pipefail

out="${HARDEN_OUT:-out/harden}"
budget="${SANITIZER_SECONDS:-600}"
mkdir -p "$out/sanitizers"
failed=0

# sanitizer, scratch path, the first line of its report
run() {
  local sanitizer=$1 scratch=$2 pattern=$3
  local dir="$out/sanitizers/$sanitizer"
  rm -rf "$dir"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)  # log_path must be absolute: the tests run processes in other directories
  local started=$SECONDS status=0
  if ! ELICENSE_SANITIZED_BUILD=1 swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" > "$dir/build.log" 2>&1; then
    tail -20 "$dir/build.log"
    printf '%s\t-\t-\t-\t-\t-\t-\t%s\t%s\n' "swift-tests:$sanitizer" $((SECONDS - started)) \
      "the sanitized build failed, see $dir/build.log" >> "$out/results.tsv"
    failed=1
    return
  fi
  local built=$((SECONDS - started))
  # No leak detection here: what LeakSanitizer reports in these suites is held by the toolchain's
  # XCTest runner, FoundationEssentials' file reading and fontconfig's caches, not by our code.
  # Leaks of libelicense are checked from C (c-abi-sanitizers: LeakSanitizer and valgrind).
  ELICENSE_SANITIZED_BUILD=1 ASAN_OPTIONS="log_path=$dir/report:detect_leaks=0" TSAN_OPTIONS="log_path=$dir/report" \
    timeout --kill-after=30 "$budget" swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" \
    > "$dir/log" 2>&1 || status=$?
  local elapsed=$((SECONDS - started))
  # XCTest prints "Executed N tests" per bundle and in all; Swift Testing "Test run with N tests".
  local xctests testing reports hangs=0
  xctests=$(grep -o 'Executed [0-9]* tests\?' "$dir/log" | tail -1 | grep -o '[0-9]*' || echo 0)
  testing=$(grep -o 'Test run with [0-9]* tests\?' "$dir/log" | tail -1 | grep -o '[0-9]*' || echo 0)
  reports=$( (cat "$dir"/report.* 2>/dev/null || true; cat "$dir/log") | grep -c "$pattern" || true)
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then hangs=1; fi
  local note="swift test --sanitize=$sanitizer: $xctests XCTest + $testing Swift Testing tests (build ${built} s)"
  if [ "$status" -ne 0 ] || [ "$reports" -ne 0 ]; then failed=1; note="$note, exit $status, see $dir"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "swift-tests:$sanitizer" $((xctests + testing)) - - "$hangs" \
    "$reports" - "$elapsed" "$note" >> "$out/results.tsv"
  echo "swift-tests:$sanitizer: $reports reports in ${elapsed} s; $note"
}

# SANITIZERS chooses; both by default.
for sanitizer in ${SANITIZERS:-address thread}; do
  case $sanitizer in
    address) run address .build-asan 'ERROR: AddressSanitizer' ;;
    thread) run thread .build-tsan 'WARNING: ThreadSanitizer' ;;
    *) echo "swift-sanitizers: unknown sanitizer $sanitizer" >&2; failed=1 ;;
  esac
done
exit "$failed"

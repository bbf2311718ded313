#!/usr/bin/env bash
# make harden: runs each robustness step (scripts/harden/<step>.sh) in turn, then prints one table
# of what they tried and found. Each step appends its own rows to $HARDEN_OUT/results.tsv:
#   step  inputs  faults  crashes  hangs  sanitizer_reports  records_lost  seconds  note
# and exits non-zero when it finds a crash, a hang, a sanitizer report or a lost record. A step
# that fails is reported and the others still run, so one table always shows everything.
set -uo pipefail
cd "$(dirname "$0")/.."
export HARDEN_OUT=${HARDEN_OUT:-$PWD/out/harden}
# The Swift suites run under the sanitizers check SM2 interop with gmssl in the test venv.
export ELICENSE_PYTHON=${ELICENSE_PYTHON:-$PWD/.venv/bin/python}
mkdir -p "$HARDEN_OUT"
results=$HARDEN_OUT/results.tsv
: > "$results"

steps=("$@")
# Quick steps first; the sanitizer builds of the whole package last.
[ ${#steps[@]} -gt 0 ] || steps=(front-http sdk-faults c-abi-sanitizers render-burst front-kill9 fuzz swift-sanitizers)

passed=0 failed=0
for step in "${steps[@]}"; do
  script=scripts/harden/$step.sh
  echo "== harden: $step =="
  before=$(wc -l < "$results")
  started=$(date +%s)
  if [ -x "$script" ] && "$script" 2>&1 | tee "$HARDEN_OUT/$step.log"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "harden: $step FAILED (log: $HARDEN_OUT/$step.log)" >&2
    # A step that died before recording anything still gets a row.
    [ "$(wc -l < "$results")" -gt "$before" ] ||
      printf '%s\t-\t-\t-\t-\t-\t-\t%s\t%s\n' "$step" $(( $(date +%s) - started )) "FAILED before recording" >> "$results"
  fi
done

echo
echo "加固检查结果 hardening results ($results)"
{
  printf 'step\tinputs\tfaults\tcrashes\thangs\tsanitizer_reports\trecords_lost\tseconds\tnote\n'
  cat "$results"
  awk -F'\t' '
    function add(i) { if ($i ~ /^[0-9]+$/) { sum[i] += $i } }
    { for (i = 2; i <= 8; i++) add(i) }
    END { printf "total"; for (i = 2; i <= 8; i++) printf "\t%d", sum[i]; printf "\t\n" }' "$results"
} | column -t -s $'\t'
echo
echo "harden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

# Shared by the shell test runners (through Tests/support/fronts.sh, or sourced directly):
# `check "what" command…` runs the command with its output in $work/check.out, prints "ok" or
# "FAIL" and the output, and counts into `passed` and `failed`. The caller sets `work` first.
passed=0 failed=0

check() { # check "what" command...
  local what=$1; shift
  if "$@" > "$work/check.out" 2>&1; then
    passed=$((passed + 1)); echo "ok   $what"
  else
    failed=$((failed + 1)); echo "FAIL $what"; sed 's/^/     /' "$work/check.out" | head -40
  fi
}

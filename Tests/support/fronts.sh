# Shared by the shell test runners (Tests/sdk/run.sh, Bindings/java/run-tests.sh, harden steps):
# the sandbox-front fixture (Tests/support/sandbox-front.sh, whose helpers free_port, wait_http,
# variant, json_text and manifest_get this file brings in) in $fixture = $work/fixture, stopped on
# exit with the processes listed in `pids`; checks counted for the closing "N passed, N failed"
# line; the enterprise's e-license app. The caller sets `work` (a temporary directory, removed on
# exit) before sourcing this file from the repository root.
source Tests/support/sandbox-front.sh
source Tests/support/checks.sh
fixture=$work/fixture
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done # (some have exited: fine under set -e too)
  stop_all "$fixture"
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# fixture KEY.PATH: a value of the fixture's manifest, e.g. `fixture fronts.main.url`.
fixture() { manifest_get "$fixture" "$1"; }

# start_fixtures: the shared set (sandbox-front.sh start); $main is the main front's client
# configuration.
start_fixtures() {
  start_set "$fixture" > /dev/null || return 1
  main=$(fixture configs.main)
}

# scan_confirm FILE [PREFIX]: the enterprise's e-license app. Waits (up to 60 s) for a program to
# write its login's QR content to FILE, on a line after PREFIX (default "qr_content: "), then
# confirms that login on the main front as 经办人 (agent) of the demo enterprise 91370102MA01ELC161.
scan_confirm() {
  local file=$1 prefix=${2-qr_content: } qr=''
  for _ in $(seq 1 600); do
    qr=$(sed -n "s/^$prefix//p" "$file" 2>/dev/null | head -1)
    [ -n "$qr" ] && break
    sleep 0.1
  done
  curl -fsS -X POST "$(fixture fronts.main.url)/sandbox/scan" -H 'Content-Type: application/json' \
    -d "{\"qr_content\":\"$qr\",\"uniscid\":\"91370102MA01ELC161\",\"role\":\"agent\",\"decision\":\"confirm\"}" > /dev/null
}

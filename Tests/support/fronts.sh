# Shared by the shell test runners (Tests/sdk/run.sh, Bindings/java/run-tests.sh): sandbox front
# systems on free loopback ports, and checks counted for the closing "N passed, N failed" line.
# The caller sets `front` (the elicense-front binary) and `work` (a temporary directory, removed
# on exit) before sourcing this file from the repository root.
pids=()
passed=0 failed=0

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done # (some have exited: fine under set -e too)
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

check() { # check "what" command...
  local what=$1; shift
  if "$@" > "$work/check.out" 2>&1; then
    passed=$((passed + 1)); echo "ok   $what"
  else
    failed=$((failed + 1)); echo "FAIL $what"; sed 's/^/     /' "$work/check.out" | head -40
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

wait_http() { # wait_http URL LOG: until URL answers, or show LOG and fail
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$2"; return 1
}

# start_front NAME [YAML [production]]: a sandbox front (a production one if so asked: YAML then
# names its upstream) with the example access form registered; leaves its URL in $work/NAME/url
# and the department's client configuration in $work/NAME/client.json.
start_front() {
  local name=$1 yaml=${2:-} dir=$work/$1 port
  port=$(free_port)
  mkdir -p "$dir"
  local config=() sandbox=(--sandbox)
  if [ -n "$yaml" ]; then printf '%s\n' "$yaml" > "$dir/front.yaml"; config=(--config "$dir/front.yaml"); fi
  if [ "${3:-}" = production ]; then sandbox=(); fi
  ELICENSE_FRONT_PORT=$port "$front" unit add "${config[@]}" "${sandbox[@]}" --data-dir "$dir/data" --out-dir "$dir/clients" \
    Examples/front/access-form.yaml > "$dir/unit.log" 2>&1 || { cat "$dir/unit.log"; return 1; }
  cp "$dir"/clients/app-*.json "$dir/client.json"
  ELICENSE_FRONT_PORT=$port "$front" serve "${config[@]}" "${sandbox[@]}" --data-dir "$dir/data" > "$dir/front.log" 2>&1 &
  pids+=($!)
  echo "http://127.0.0.1:$port" > "$dir/url"
  wait_http "http://127.0.0.1:$port/healthz" "$dir/front.log"
}

# variant SOURCE DEST KEY=JSON...: a copy of a client configuration with settings replaced.
variant() {
  python3 - "$@" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
for pair in sys.argv[3:]:
    key, value = pair.split("=", 1)
    config[key] = json.loads(value)
json.dump(config, open(sys.argv[2], "w"), ensure_ascii=False)
PY
}

# json_text FILE: the file's text as a JSON string.
json_text() { python3 -c 'import json, sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }

# start_fixtures: the fronts and configurations the binding and SDK tests share — fronts
# `main` and `short` (5-second logins), $main (the main front's client configuration), and
# $work/dead.json (nothing listens), $work/stall.json (accepts, never answers; 1 s timeout),
# $work/forged.json (pins another front's key, so every answer looks forged).
start_fixtures() {
  start_front main || return 1
  start_front short 'login_ttl_seconds: 5' || return 1
  main=$work/main/client.json
  local stall_port other_key
  stall_port=$(free_port)
  python3 -c "import socket, time; s = socket.socket(); s.bind(('127.0.0.1', $stall_port)); s.listen(8); time.sleep(600)" &
  pids+=($!)
  variant "$main" "$work/dead.json" "front_url=\"http://127.0.0.1:$(free_port)\"" "retries=0"
  variant "$main" "$work/stall.json" "front_url=\"http://127.0.0.1:$stall_port\"" "timeout_ms=1000" "retries=0"
  other_key=$(python3 -c 'import json,sys; print(json.dumps([json.load(open(sys.argv[1]))["front_public_keys_pem"][0]]))' "$work/short/client.json")
  variant "$main" "$work/forged.json" "front_public_keys_pem=$other_key"
}

# start_fake_front NAME [ARGS...]: Tests/support/fake_front.py (ARGS: --mode, --cert/--cert-key)
# with a front key of its own; leaves its URL in $work/NAME/url, its request log in
# $work/NAME/log and, made from $main, a client configuration pinning its key in
# $work/NAME/client.json. Call after start_fixtures.
start_fake_front() {
  local name=$1 dir=$work/$1
  shift
  mkdir -p "$dir"
  if [ ! -f "$work/fake-key.pem" ]; then
    openssl genpkey -algorithm SM2 -out "$work/fake-key.pem" && openssl pkey -in "$work/fake-key.pem" -pubout -out "$work/fake-pub.pem"
  fi
  : > "$dir/log"
  python3 Tests/support/fake_front.py --key "$work/fake-key.pem" --log "$dir/log" --url-file "$dir/url" "$@" > /dev/null 2> "$dir/stderr" &
  pids+=($!)
  for _ in $(seq 1 200); do [ -s "$dir/url" ] && break; sleep 0.05; done
  [ -s "$dir/url" ] || { cat "$dir/stderr"; return 1; }
  variant "$main" "$dir/client.json" "front_url=\"$(cat "$dir/url")\"" "front_public_keys_pem=[$(json_text "$work/fake-pub.pem")]"
}

# start_production_front NAME: a production front whose provincial upstream is a dead loopback
# port (enough for whoami and keys); its provincial credentials are made here with openssl.
start_production_front() {
  local dir=$work/$1
  mkdir -p "$dir"
  openssl genpkey -algorithm SM2 -out "$dir/province.key" && openssl pkey -in "$dir/province.key" -pubout -out "$dir/province.pub"
  variant "$main" "$dir/province.json" 'profile="production"' "front_url=\"http://127.0.0.1:$(free_port)\"" \
    "private_key_pem=$(json_text "$dir/province.key")" "front_public_keys_pem=[$(json_text "$dir/province.pub")]"
  start_front "$1" "$(printf 'profile: production\nupstream:\n  kind: http\n  client_config: %s' "$dir/province.json")" production
}

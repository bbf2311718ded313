#!/usr/bin/env bash
# The sandbox-front fixture: front systems on free loopback ports, started once and described by
# DIR/manifest.json, which every test that needs one reads (Tests/sdk/run.sh and
# Bindings/java/run-tests.sh through Tests/support/fronts.sh, the Python binding's conftest.py,
# the JUnit tests' TestEnv, the harden steps).
#
#   sandbox-front.sh start DIR                     the shared set below; writes DIR/manifest.json
#   sandbox-front.sh add DIR NAME [--yaml TEXT]    one more sandbox front, with front.yaml TEXT
#   sandbox-front.sh add DIR NAME --production     a production front whose provincial upstream
#                                                  is a dead loopback port (enough for whoami, keys)
#   sandbox-front.sh add DIR NAME --fake [--from CONFIG] [fake_front.py options: --mode, --cert …]
#                                                  Tests/support/fake_front.py, a bad server
#   sandbox-front.sh stop DIR                      stops every process the manifest lists
#
# The shared set: fronts "main" (a generous rate limit: the binding suites make hundreds of calls
# a minute from one app) and "short" (logins expire after 5 s), "stall" (accepts connections,
# never answers), and client configurations: main, short, dead (nothing listens), stall (1 s
# timeout), forged (main's, pinning short's key: every answer looks forged), badkey (a private
# key that is none).
#
# manifest.json: {"root": DIR,
#   "fronts": {NAME: {"kind": "sandbox" | "production" | "fake" | "stall", "url", "pid", "dir",
#                     "log", and where they exist "data_dir", "client_config", "app_id",
#                     "front_key", "issuer_key" (PEM files under data_dir/keys), "request_log"
#                     (fake: one line per connection and request)}},
#   "configs": {NAME: client configuration path}}
# Each front's files are under DIR/NAME. ELICENSE_FRONT names the elicense-front executable
# (default .build/debug/elicense-front). Sourced, this file only defines its functions.

fixture_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

wait_http() { # wait_http URL LOG: until URL answers, or show LOG and fail
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$2" >&2; return 1
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

# manifest_get DIR KEY.PATH: a value of DIR/manifest.json (a string as is, anything else as JSON).
manifest_get() {
  python3 - "$1/manifest.json" "$2" <<'PY'
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    value = value[key]
print(value if isinstance(value, str) else json.dumps(value))
PY
}

# manifest_front DIR NAME KIND URL PID: records the front whose files are in DIR/NAME.
manifest_front() {
  python3 - "$@" <<'PY'
import glob, json, os, sys
root, name, kind, url, pid = sys.argv[1:]
folder = os.path.join(root, name)
path = os.path.join(root, "manifest.json")
manifest = json.load(open(path)) if os.path.exists(path) else {"root": root, "fronts": {}, "configs": {}}
entry = {"kind": kind, "url": url, "pid": int(pid), "dir": folder, "log": os.path.join(folder, "front.log")}
def first(pattern):
    found = sorted(glob.glob(os.path.join(folder, pattern)))
    return found[0] if found else None
for key, pattern in (("data_dir", "data"), ("front_key", "data/keys/front-*.key.pem"),
                     ("issuer_key", "data/keys/*issuer*.key.pem"), ("request_log", "requests.log"),
                     ("client_config", "client.json")):
    if first(pattern):
        entry[key] = first(pattern)
if "client_config" in entry:
    entry["app_id"] = json.load(open(entry["client_config"]))["app_id"]
    manifest["configs"][name] = entry["client_config"]
manifest["fronts"][name] = entry
with open(path + ".new", "w") as out:
    json.dump(manifest, out, ensure_ascii=False, indent=2)
os.replace(path + ".new", path)
PY
}

# manifest_config DIR NAME PATH: records a client configuration that no front of its own issued.
manifest_config() {
  python3 - "$@" <<'PY'
import json, os, sys
root, name, config = sys.argv[1:]
path = os.path.join(root, "manifest.json")
manifest = json.load(open(path))
manifest["configs"][name] = config
with open(path + ".new", "w") as out:
    json.dump(manifest, out, ensure_ascii=False, indent=2)
os.replace(path + ".new", path)
PY
}

# add_front DIR NAME [--yaml TEXT] [--production]: `elicense-front unit add` (the example access
# form) then `serve` in DIR/NAME; the configuration the front issued is DIR/NAME/client.json.
add_front() {
  local root=$1 name=$2 yaml='' production=no
  shift 2
  while [ $# -gt 0 ]; do
    case $1 in
      --yaml) yaml=$2; shift 2 ;;
      --production) production=yes; shift ;;
      *) echo "sandbox-front.sh: unknown option $1" >&2; return 2 ;;
    esac
  done
  local dir=$root/$name port front=${ELICENSE_FRONT:-$fixture_root/.build/debug/elicense-front}
  [ -x "$front" ] || { echo "sandbox-front.sh: $front not built (swift build --product elicense-front)" >&2; return 1; }
  mkdir -p "$dir"
  local profile=(--sandbox)
  if [ $production = yes ]; then
    # The provincial system's credentials, made here; its endpoint is a dead loopback port.
    openssl genpkey -algorithm SM2 -out "$dir/province.key" 2> /dev/null \
      && openssl pkey -in "$dir/province.key" -pubout -out "$dir/province.pub" || return 1
    printf '{"version":1,"profile":"production","app_id":"app-province","front_url":"http://127.0.0.1:%s"}' "$(free_port)" \
      > "$dir/province.json"
    variant "$dir/province.json" "$dir/province.json" "private_key_pem=$(json_text "$dir/province.key")" \
      "front_public_keys_pem=[$(json_text "$dir/province.pub")]"
    yaml=$(printf 'profile: production\nregion: {code: "370100", name: 济南市}\nupstream:\n  kind: http\n  client_config: %s\n%s' \
      "$dir/province.json" "$yaml")
    profile=()
  fi
  local config=()
  if [ -n "$yaml" ]; then printf '%s\n' "$yaml" > "$dir/front.yaml"; config=(--config "$dir/front.yaml"); fi
  port=$(free_port)
  ELICENSE_FRONT_PORT=$port "$front" unit add "${config[@]}" "${profile[@]}" --data-dir "$dir/data" \
    --out-dir "$dir/clients" "$fixture_root/Examples/front/access-form.yaml" > "$dir/unit.log" 2>&1 \
    || { cat "$dir/unit.log" >&2; return 1; }
  cp "$dir"/clients/app-*.json "$dir/client.json"
  ELICENSE_FRONT_PORT=$port "$front" serve "${config[@]}" "${profile[@]}" --data-dir "$dir/data" \
    < /dev/null > "$dir/front.log" 2>&1 &
  local pid=$!
  manifest_front "$root" "$name" "$([ $production = yes ] && echo production || echo sandbox)" "http://127.0.0.1:$port" $pid
  wait_http "http://127.0.0.1:$port/healthz" "$dir/front.log"
}

# add_fake DIR NAME [--from CONFIG] [fake_front.py options]: a fake front with a key of its own;
# DIR/NAME/client.json is CONFIG (default: the manifest's main configuration) pinning that key.
add_fake() {
  local root=$1 name=$2 from=''
  shift 2
  if [ "${1:-}" = --from ]; then from=$2; shift 2; fi
  [ -n "$from" ] || from=$(manifest_get "$root" configs.main) || return 1
  local dir=$root/$name
  mkdir -p "$dir"
  if [ ! -f "$root/fake-key.pem" ]; then
    openssl genpkey -algorithm SM2 -out "$root/fake-key.pem" 2> /dev/null \
      && openssl pkey -in "$root/fake-key.pem" -pubout -out "$root/fake-pub.pem" || return 1
  fi
  : > "$dir/requests.log"
  rm -f "$dir/url"
  python3 "$fixture_root/Tests/support/fake_front.py" --key "$root/fake-key.pem" --log "$dir/requests.log" \
    --url-file "$dir/url" "$@" < /dev/null > "$dir/front.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 200); do [ -s "$dir/url" ] && break; sleep 0.05; done
  [ -s "$dir/url" ] || { cat "$dir/front.log" >&2; kill $pid 2>/dev/null; return 1; }
  variant "$from" "$dir/client.json" "front_url=\"$(cat "$dir/url")\"" "front_public_keys_pem=[$(json_text "$root/fake-pub.pem")]"
  manifest_front "$root" "$name" fake "$(cat "$dir/url")" $pid
}

# add_stall DIR NAME: a server that accepts connections and never answers (for at most 10 min).
add_stall() {
  local dir=$1/$2 port
  mkdir -p "$dir"
  port=$(free_port)
  python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen(64)
s.settimeout(1); held, end = [], time.monotonic() + 600
while time.monotonic() < end:
    try: held.append(s.accept()[0])
    except OSError: pass" < /dev/null > "$dir/front.log" 2>&1 &
  manifest_front "$1" "$2" stall "http://127.0.0.1:$port" $!
}

# start DIR: the shared set (see the head of this file).
start_set() {
  local root=$1
  mkdir -p "$root"
  rm -f "$root/manifest.json"
  add_front "$root" main --yaml 'default_rate_limit_per_minute: 100000' || return 1
  add_front "$root" short --yaml 'login_ttl_seconds: 5' || return 1
  add_stall "$root" stall
  local main=$root/main/client.json configs=$root/configs
  mkdir -p "$configs"
  variant "$main" "$configs/dead.json" "front_url=\"http://127.0.0.1:$(free_port)\"" "retries=0"
  variant "$main" "$configs/stall.json" "front_url=\"$(manifest_get "$root" fronts.stall.url)\"" "timeout_ms=1000" "retries=0"
  variant "$main" "$configs/forged.json" "front_public_keys_pem=$(manifest_get "$root" fronts.short.client_config \
    | xargs python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["front_public_keys_pem"]))')"
  variant "$main" "$configs/badkey.json" 'private_key_pem="-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"'
  for name in dead stall forged badkey; do manifest_config "$root" $name "$configs/$name.json"; done
}

# stop DIR: SIGTERM to every process of the manifest, SIGKILL to any left after 10 s.
stop_all() {
  [ -f "$1/manifest.json" ] || return 0
  local pids
  pids=$(python3 -c 'import json, sys; print(" ".join(str(f["pid"]) for f in json.load(open(sys.argv[1]))["fronts"].values()))' \
    "$1/manifest.json")
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=no
    for pid in $pids; do if kill -0 "$pid" 2>/dev/null; then alive=yes; fi; done
    [ $alive = no ] && return 0
    sleep 0.1
  done
  for pid in $pids; do kill -9 "$pid" 2>/dev/null || true; done
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  usage() { sed -n '7,13s/^#   //p' "$0" >&2; exit 2; }
  [ $# -ge 2 ] || usage
  command=$1 root=$(mkdir -p "$2" && cd "$2" && pwd)
  shift 2
  case $command in
    start) [ $# -eq 0 ] || usage; start_set "$root" && echo "$root/manifest.json" ;;
    add)
      [ $# -ge 1 ] || usage
      name=$1; shift
      if [ "${1:-}" = --fake ]; then shift; add_fake "$root" "$name" "$@"; else add_front "$root" "$name" "$@"; fi ;;
    stop) stop_all "$root" ;;
    *) usage ;;
  esac
fi

#!/usr/bin/env bash
# The Debian packages as an operator meets them (docs/front.md, "Packages 安装包"): lintian, then
# install on THIS machine with dpkg -i, the files, modes and service user, the unit's ExecStart
# run as that user until /healthz answers on loopback, stop by SIGTERM as systemd would, then
# dpkg --remove and --purge, which must leave the data directory, and an install over it.
#   Tests/deb/run.sh <version> <dir of the .deb files>
# It changes the system (a user, /etc/elicense, /var/lib/elicense-front, packages), so it runs
# only as root with ELICENSE_TEST_DEB=1 (a machine you may change), and only where none of that
# exists yet; it removes all of it again, whatever the outcome. systemd need not be running.
set -euo pipefail
version=$1 debs=$(cd "$2" && pwd)
cd "$(dirname "$0")/../.."
arch=$(dpkg --print-architecture)

refuse() { echo "test-deb: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || refuse "must run as root (it installs packages and creates a user)"
[ "${ELICENSE_TEST_DEB:-}" = 1 ] ||
  refuse "installs packages on this machine: set ELICENSE_TEST_DEB=1 on a machine you may change"
for package in elicense-front libelicense1 libelicense-dev; do
  [ -f "$debs/${package}_${version}_$arch.deb" ] || refuse "no $debs/${package}_${version}_$arch.deb (make deb)"
  status=$(dpkg-query -W -f '${db:Status-Status}' "$package" 2> /dev/null || true)
  [ -z "$status" ] || [ "$status" = not-installed ] || refuse "$package is on this machine already ($status)"
done
! getent passwd elicense > /dev/null || refuse "a user elicense exists already"
! getent group elicense > /dev/null || refuse "a group elicense exists already"
[ ! -e /var/lib/elicense-front ] || refuse "/var/lib/elicense-front exists already"
[ ! -e /etc/elicense ] || refuse "/etc/elicense exists already"

work=$(mktemp -d)
source Tests/support/checks.sh
server=
cleanup() {
  [ -z "$server" ] || kill -KILL "$server" 2> /dev/null || true
  dpkg --purge elicense-front libelicense-dev libelicense1 > /dev/null 2>&1 || true
  # Created by this run: the checks above refused to start when any of it existed.
  rm -rf /var/lib/elicense-front /etc/elicense "$work"
  getent passwd elicense > /dev/null && userdel elicense
  getent group elicense > /dev/null && groupdel elicense
  return 0
}
trap cleanup EXIT

# stat's "%a %U:%G" of a path is exactly $2.
mode_is() { [ "$(stat -c '%a %U:%G' "$1")" = "$2" ] || { stat -c '%n %a %U:%G' "$1"; return 1; }; }
# The user elicense is a system user that cannot log in.
system_user() {
  local uid shell
  uid=$(getent passwd elicense | cut -d: -f3) shell=$(getent passwd elicense | cut -d: -f7)
  [ "$uid" -lt 1000 ] && [ "$shell" = /usr/sbin/nologin ] || { getent passwd elicense; return 1; }
}
size() { du -k "$debs/${1}_${version}_$arch.deb" | cut -f1; }

echo "== lintian"
for package in elicense-front libelicense1 libelicense-dev; do
  check "lintian $package ($(size "$package") KiB): no error or warning" \
    lintian --fail-on error,warning --display-info "$debs/${package}_${version}_$arch.deb"
  sed 's/^/     /' "$work/check.out"
done

echo "== install"
check "dpkg -i the three packages" dpkg -i "$debs"/{libelicense1,libelicense-dev,elicense-front}_"${version}_$arch".deb
check "service user elicense: a system user without a login shell" system_user
check "/usr/bin/elicense-front 0755 root" mode_is /usr/bin/elicense-front "755 root:root"
check "/etc/elicense 0750 root:elicense" mode_is /etc/elicense "750 root:elicense"
check "/etc/elicense/front.yaml 0640 root:elicense, a conffile" \
  sh -c 'stat -c "%a %U:%G" /etc/elicense/front.yaml | grep -qx "640 root:elicense" &&
    dpkg-query -W -f "\${Conffiles}" elicense-front | grep -q /etc/elicense/front.yaml'
check "/var/lib/elicense-front 0700 elicense" mode_is /var/lib/elicense-front "700 elicense:elicense"
check "the unit passes systemd-analyze verify" systemd-analyze verify /lib/systemd/system/elicense-front.service
exposure() {
  systemd-analyze security --offline=true /lib/systemd/system/elicense-front.service |
    sed -n 's/.*Overall exposure level for elicense-front.service: \([0-9.]*\).*/\1/p' | tee /dev/stderr |
    awk '{ exit !($1 < 2.5) }'
}
check "systemd-analyze security: the unit's exposure is below 2.5" exposure
sed 's/^/     exposure /' "$work/check.out"
check "the front needs no Swift runtime from outside the package" \
  sh -c '! ldd /usr/bin/elicense-front | grep -E "libswift|not found"'
check "the loader knows libelicense.so.1" sh -c 'ldconfig -p | grep -q "libelicense.so.1 "'
check "pkg-config elicense is $version" sh -c "[ \"\$(pkg-config --modversion elicense)\" = $version ]"
cat > "$work/version.c" << 'C'
#include <elicense.h>
#include <stdio.h>
int main(void) { puts(elic_version()); return 0; }
C
check "a C program builds with pkg-config and runs against the installed library" \
  sh -c "cc -o '$work/version' '$work/version.c' \$(pkg-config --cflags --libs elicense) &&
    [ \"\$('$work/version')\" = $version ]"

echo "== the unit's ExecStart as elicense"
unit=/lib/systemd/system/elicense-front.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
directory=$(sed -n 's/^WorkingDirectory=//p' "$unit")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The installed configuration (sandbox, loopback); only the port is moved out of the way.
(cd "$directory" && exec runuser -u elicense -- env ELICENSE_FRONT_PORT="$port" $exec_start) \
  > "$work/serve.log" 2>&1 &
server=$!
healthy() {
  for _ in $(seq 1 600); do
    curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" 2> /dev/null | grep -q '"status":"ok"' && return 0
    kill -0 "$server" 2> /dev/null || { cat "$work/serve.log"; return 1; }
    sleep 0.1
  done
  cat "$work/serve.log"; return 1
}
check "/healthz answers on loopback within 60 s" healthy
# runuser stays as the parent of the front: the front is its child.
front_pid=$(ps -o pid= --ppid "$server" | tr -d ' ')
check "the server runs as elicense" sh -c "ps -o user= -p '$front_pid' | grep -qx elicense"
check "its data is elicense's, store and keys 0600" \
  sh -c 'stat -c "%a %U" /var/lib/elicense-front/front.sqlite /var/lib/elicense-front/keys/*.pem |
    grep -vx "600 elicense" | { ! grep .; }'
check "an operator command as elicense with the installed configuration" \
  runuser -u elicense -- elicense-front unit list --config /etc/elicense/front.yaml
stop_timeout=$(sed -n 's/^TimeoutStopSec=//p' "$unit")
stopped() {
  kill -TERM "$front_pid"
  for _ in $(seq 1 $((stop_timeout * 10))); do
    kill -0 "$server" 2> /dev/null || { wait "$server"; return; }
    sleep 0.1
  done
  return 1
}
check "SIGTERM stops it within TimeoutStopSec=${stop_timeout}s, exit status 0" stopped
server=
check "it logged to standard output or error (the journal)" test -s "$work/serve.log"

echo "== remove and purge"
check "dpkg --remove" dpkg --remove elicense-front libelicense-dev libelicense1
check "removed: the program and the library" sh -c '[ ! -e /usr/bin/elicense-front ] && ! ldconfig -p | grep -q libelicense'
check "removed: the configuration, the user and the data stay" \
  sh -c '[ -f /etc/elicense/front.yaml ] && getent passwd elicense > /dev/null && [ -f /var/lib/elicense-front/front.sqlite ]'
check "dpkg --purge" dpkg --purge elicense-front libelicense-dev libelicense1
check "purged: the configuration, the user and its group are gone" \
  sh -c '[ ! -e /etc/elicense ] && ! getent passwd elicense && ! getent group elicense'
check "purged: the data stays, its directory handed to root, 0700" \
  sh -c '[ -f /var/lib/elicense-front/front.sqlite ] && [ -n "$(ls /var/lib/elicense-front/keys)" ] &&
    stat -c "%a %U:%G" /var/lib/elicense-front | grep -qx "700 root:root"'
check "installed again: the data left is the new elicense user's" \
  sh -c "dpkg -i '$debs/elicense-front_${version}_$arch.deb' > /dev/null &&
    [ -z \"\$(find /var/lib/elicense-front -not -user elicense)\" ] && dpkg --purge elicense-front > /dev/null"

echo "test-deb: $passed passed, $failed failed"
[ "$failed" = 0 ]

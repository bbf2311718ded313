#!/usr/bin/env bash
# The cluster test (issue 9): PostgreSQL, two elicense-front instances on it, and nginx in front
# of them with deploy/nginx/elicense-front.conf, HTTPS with a throwaway CA — all on 127.0.0.1,
# all started here, nothing mocked. Tests/cluster/driver.py plays the department through the
# Python binding.
#
#   Tests/cluster/run.sh [SDK_LIBRARY]     (make test-cluster; needs `make sdk` and a debug build)
#
# Checks: a login started on one instance is polled on the other; a request replayed to the
# other instance is refused; a material issued on one verifies on the other; the per-app rate
# limit holds for the cluster; under a bounded mixed load through nginx one instance is killed
# with SIGKILL, nginx moves to the other, every acknowledged call keeps its audit record and
# material, and `elicense-front audit verify` passes. Ends with the figures and
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
library=${1:-$root/out/sdk/lib/libelicense.so.1}
front=${ELICENSE_FRONT:-$root/.build/debug/elicense-front}
python=${ELICENSE_PYTHON:-$root/.venv/bin/python}
nginx=${NGINX:-/usr/sbin/nginx}
calls=${CLUSTER_CALLS:-240} workers=${CLUSTER_WORKERS:-6}
for tool in "$front" "$library" "$python" "$nginx"; do
  [ -e "$tool" ] || { echo "cluster: $tool missing (make sdk; swift build --product elicense-front)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/elicense-cluster.XXXXXX)
trap cluster_down EXIT
source Tests/support/checks.sh

source Tests/cluster/cluster.sh
cluster_up
base=$cluster_url

# -- the checks ---------------------------------------------------------------------------------
figures() { grep -E '^     |^FIGURES' "$work/check.out" || true; }
driver() { PYTHONPATH=$root/Bindings/python/src ELICENSE_LIBRARY=$library "$python" Tests/cluster/driver.py "$@"; }
served_by() { # served_by PATH: the X-Elicense-Instance of one answer through nginx
  curl -fsS --cacert "$work/tls/ca.pem" -o /dev/null -D - "$base$1" | tr -d '\r' | sed -n 's/^x-elicense-instance: //Ip'
}
both_serve() {
  local seen
  seen=$(for _ in 1 2 3 4; do served_by /readyz; done | sort -u | paste -sd' ')
  echo "instances answering through nginx: $seen"
  [ "$seen" = "front-1 front-2" ]
}
check "nginx (HTTPS, deploy/nginx/elicense-front.conf) spreads requests over both instances" both_serve
check "a login, a material and a replay across the two instances" driver shared "$work"
rate_check() {
  echo 20 > "$work/rate"
  "$front" app set-rate-limit --config "$work/front-1.yaml" "$app_id" 20 > /dev/null
  driver rate "$work"
  "$front" app set-rate-limit --config "$work/front-1.yaml" "$app_id" 100000 > /dev/null
}
check "one rate budget per app for the whole cluster" rate_check
figures
check "audit records noted before the load" driver audited "$work"
check "$calls mixed calls through nginx, instance 1 killed with SIGKILL after $((calls / 3))" \
  driver load "$work" "$calls" "$workers" $((calls / 3))
figures
survivor_only() {
  kill -0 "$(cat "$work/pid-1")" 2> /dev/null && { echo "instance 1 still runs"; return 1; }
  local seen
  seen=$(for _ in 1 2 3 4; do served_by /readyz; done | sort -u | paste -sd' ')
  echo "instances answering through nginx: $seen"
  [ "$seen" = front-2 ]
}
check "nginx answers from the surviving instance only" survivor_only
check "every acknowledged call has its audit record and material" driver check "$work"
figures
check "elicense-front audit verify passes on the shared chain" \
  "$front" audit verify --config "$work/front-2.yaml"
printf 'cluster: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

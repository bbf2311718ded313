# The cluster of issue 9 on 127.0.0.1, for Tests/cluster/run.sh and scripts/demo-cluster.sh:
# PostgreSQL (Tests/support/postgres.sh), two sandbox elicense-front instances on it (front-1,
# front-2) sharing one set of front keys, and nginx with deploy/nginx/elicense-front.conf in
# front of them over HTTPS with a throwaway CA. Sourced from the repository root after setting
# `work` (an empty directory), `front` (elicense-front) and `python`; `trap cluster_down EXIT`.
#
# cluster_up sets: cluster_url (nginx), port1 port2 (the instances), app_id, app_config (the
# department's client configuration as issued), $work/client-{nginx,1,2}.json (through nginx with
# the CA; straight to an instance), $work/pid-N, $work/front-N.yaml, $work/tls/ca.pem,
# CLUSTER_PSQL (a psql command on the store) and PGPASSWORD; the nginx access log
# $work/nginx/logs/access.log names the instance of each answer.
pids=()
nginx=${NGINX:-/usr/sbin/nginx}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cluster_down() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2> /dev/null || true
  Tests/support/postgres.sh stop "$work/pg" > /dev/null 2>&1 || true
  wait 2> /dev/null || true
  if [ "${KEEP_WORK:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}

# start_instance N: starts instance N and waits until it is ready.
start_instance() {
  local n=$1 port_var=port$1
  "$front" serve --config "$work/front-$n.yaml" >> "$work/front-$n.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  echo "$pid" > "$work/pid-$n"
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:${!port_var}/readyz" > /dev/null 2>&1 && return 0
    kill -0 "$pid" 2> /dev/null || { tail -20 "$work/front-$n.log" >&2; return 1; }
    sleep 0.1
  done
  echo "instance $n not ready" >&2
  return 1
}

cluster_up() {
  # PostgreSQL's and nginx's unprivileged users reach their directories inside.
  chmod 0711 "$work"
  pg_url=$(ELICENSE_POSTGRES_OWNER_PID=$$ Tests/support/postgres.sh start "$work/pg")
  export PGPASSWORD
  PGPASSWORD=$(cat "$work/pg/password")
  local pg_port=${pg_url##*:}
  pg_port=${pg_port%%/*}
  export CLUSTER_PSQL="psql -h 127.0.0.1 -p $pg_port -U elicense -d elicense"

  mkdir -p "$work/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=elicense cluster test CA" \
    -keyout "$work/tls/ca.key" -out "$work/tls/ca.pem" 2> /dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$work/tls/server.key" -out "$work/tls/server.csr" 2> /dev/null
  openssl x509 -req -in "$work/tls/server.csr" -CA "$work/tls/ca.pem" -CAkey "$work/tls/ca.key" -CAcreateserial \
    -days 2 -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') \
    -out "$work/tls/server.pem" 2> /dev/null

  port1=$(free_port) port2=$(free_port) proxy_port=$(free_port)
  cluster_url=https://127.0.0.1:$proxy_port
  for n in 1 2; do
    port_var=port$n
    cat > "$work/front-$n.yaml" << EOF
profile: sandbox
host: 127.0.0.1
port: ${!port_var}
public_url: $cluster_url
data_directory: $work/front-$n
front_name: 济南市政务服务电子营业执照验证前置系统
level: city
region: {code: "370100", name: 济南市}
instance_name: front-$n
trusted_proxies: [127.0.0.1]
store: {kind: postgres, url: "$pg_url", password_file: "$work/pg/password"}
EOF
  done

  "$front" db migrate --config "$work/front-1.yaml" > "$work/migrate.log"
  "$front" unit add --config "$work/front-1.yaml" --out-dir "$work/clients" Examples/front/access-form.yaml \
    > "$work/unit.log"
  app_config=$(ls "$work"/clients/app-*.json)
  app_id=$(basename "$app_config" .json)
  # The operator distributes the front keys (and the sandbox issuer's) as files: the same set on
  # every instance.
  mkdir -p "$work/front-2" && cp -a "$work/front-1/keys" "$work/front-2/keys"
  # Client configurations: through nginx (HTTPS, the throwaway CA), and straight to each instance.
  "$python" - "$app_config" "$work" "$cluster_url" "$port1" "$port2" << 'EOF'
import json, sys
config = json.load(open(sys.argv[1]))
work, base = sys.argv[2], sys.argv[3]
for name, url in [("nginx", base), ("1", f"http://127.0.0.1:{sys.argv[4]}"), ("2", f"http://127.0.0.1:{sys.argv[5]}")]:
    variant = dict(config, front_url=url)
    if name == "nginx":
        variant["ca_bundle"] = f"{work}/tls/ca.pem"
    json.dump(variant, open(f"{work}/client-{name}.json", "w"))
EOF

  start_instance 1
  start_instance 2

  # nginx with the template, as an operator would fill it in.
  mkdir -p "$work/nginx/temp" "$work/nginx/logs"
  sed -e "s|server 10.0.1.11:8680 |server 127.0.0.1:$port1 |" -e "s|server 10.0.1.12:8680 |server 127.0.0.1:$port2 |" \
    -e "s|listen 443 ssl;|listen 127.0.0.1:$proxy_port ssl;|" -e "s|server_name elicense.jinan.gov.cn;|server_name 127.0.0.1;|" \
    -e "s|/etc/elicense/tls/fullchain.pem|$work/tls/server.pem|" -e "s|/etc/elicense/tls/privkey.pem|$work/tls/server.key|" \
    deploy/nginx/elicense-front.conf > "$work/nginx/elicense-front.conf"
  grep -q "127.0.0.1:$port2 " "$work/nginx/elicense-front.conf" || { echo "cluster: template not filled in" >&2; return 1; }
  user=''
  if [ "$(id -u)" = 0 ]; then
    # Workers drop root: let them through to their temporary files.
    user='user nobody nogroup;'
    chown -R nobody:nogroup "$work/nginx/temp"
  fi
  cat > "$work/nginx/nginx.conf" << EOF
$user
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log info;
events { worker_connections 512; }
http {
  log_format cluster '\$request_method \$uri \$status upstream=\$upstream_addr instance=\$upstream_http_x_elicense_instance';
  access_log $work/nginx/logs/access.log cluster;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  include $work/nginx/elicense-front.conf;
}
EOF
  "$nginx" -t -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" > "$work/nginx-t.log" 2>&1 \
    || { cat "$work/nginx-t.log" >&2; return 1; }
  "$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log"
  for _ in $(seq 1 100); do curl -fsS --cacert "$work/tls/ca.pem" "$cluster_url/readyz" > /dev/null 2>&1 && break; sleep 0.1; done
}

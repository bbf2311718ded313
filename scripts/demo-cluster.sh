#!/usr/bin/env bash
# The flow of scripts/demo.sh — register a department, log an enterprise in, fetch its license,
# obtain license material, verify it, check the audit chain — through nginx (HTTPS) over two
# front instances on one PostgreSQL store (Tests/cluster/cluster.sh starts them on 127.0.0.1).
# After each step: which instance served its requests, from nginx's access log (the
# X-Elicense-Instance header of each answer). The files stay in out/demo-cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
front=$PWD/.build/debug/elicense-front
cli=$PWD/.build/debug/elicense
python=${ELICENSE_PYTHON:-$PWD/.venv/bin/python}
out=out/demo-cluster
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d /tmp/elicense-demo-cluster.XXXXXX)
source Tests/cluster/cluster.sh
trap cluster_down EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
log=$work/nginx/logs/access.log
seen=0
# served: the instances that answered the requests of the last step, e.g. "front-1 ×2, front-2 ×1".
served() {
  local total lines
  total=$(wc -l < "$log")
  lines=$(tail -n +$((seen + 1)) "$log" | head -n $((total - seen)))
  seen=$total
  printf '   → 由实例应答 served by: %s\n' \
    "$(sed -n 's/.* instance=\(.*\)$/\1/p' <<< "$lines" | sort | uniq -c | awk '{printf "%s%s ×%s", sep, $2, $1; sep=", "}')"
}

step "1. 启动集群 — PostgreSQL, two front instances (front-1, front-2) on it, nginx (HTTPS) in front"
cluster_up
seen=$(wc -l < "$log")
echo "PostgreSQL: $CLUSTER_PSQL; instances: http://127.0.0.1:$port1 (front-1), http://127.0.0.1:$port2 (front-2)"
echo "nginx: $cluster_url (deploy/nginx/elicense-front.conf); 登记接入单位 registered: $app_id"
cp "$work/client-nginx.json" "$out/client.json" && cp "$work/tls/ca.pem" "$out/ca.pem"
"$python" - "$out/client.json" "$PWD/$out/ca.pem" << 'EOF'
import json, sys
config = json.load(open(sys.argv[1]))
config["ca_bundle"] = sys.argv[2]
json.dump(config, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
EOF
export ELICENSE_CONFIG=$PWD/$out/client.json
for _ in 1 2 3 4; do curl -fsS --cacert "$out/ca.pem" "$cluster_url/readyz" > /dev/null; done
echo "GET /readyz ×4 through nginx"
served

step "2. 接入自检 — the department checks its configuration, keys, clock and connection (through nginx)"
"$cli" doctor
served

step "3. 企业扫码登录 — Examples/c/login (libelicense.so) starts a login; the enterprise scans the QR code"
PKG_CONFIG_PATH="$PWD/out/sdk/lib/pkgconfig" make -s -C Examples/c
Examples/c/login "$ELICENSE_CONFIG" 企业开办 "$out/grant.txt" > "$out/login.txt" &
login_pid=$!
for _ in $(seq 1 100); do grep -q '^qr_content:' "$out/login.txt" 2> /dev/null && break; sleep 0.1; done
qr=$(sed -n 's/^qr_content: //p' "$out/login.txt")
echo "二维码内容 QR content: $qr"
echo "沙箱模拟电子营业执照应用确认登录 (the sandbox plays the e-license app: the legal representative confirms)"
curl -fsS --cacert "$out/ca.pem" -X POST "$cluster_url/sandbox/scan" -H 'Content-Type: application/json' \
  -d "{\"qr_content\":\"$qr\",\"uniscid\":\"91370102MA01ELC161\",\"role\":\"legal_representative\",\"decision\":\"confirm\"}"
echo
wait $login_pid
cat "$out/login.txt"
served

step "4. 获取照面信息 — Examples/c/fetch_license: the license data with the grant"
Examples/c/fetch_license "$ELICENSE_CONFIG" "$out/grant.txt"
served

step "5. 获取证照材料 — Examples/c/material: signed material saved as PDF"
Examples/c/material "$ELICENSE_CONFIG" "$out/grant.txt" 企业开办 "$out/material.pdf"
"$cli" material --grant-file "$out/grant.txt" --purpose 企业开办 --format png --out "$out/material.png" \
  --record-out "$out/material.json"
served

step "6. 核验证照材料 — verified by its code, through nginx and on each instance directly"
code=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$out/material.json")
"$cli" verify --code "$code"
for port in "$port1" "$port2"; do
  instance=$(curl -fsS -D - -o "$out/verify-$port.html" "http://127.0.0.1:$port/verify?code=$code" | tr -d '\r' \
    | sed -n 's/^x-elicense-instance: //Ip')
  grep -q '有效 Valid' "$out/verify-$port.html" && echo "人工核验页面 verification page on $instance: 有效 Valid"
done
served

step "7. 审计日志校验 — both instances appended to one SM3 hash-chained audit log in PostgreSQL"
"$front" audit verify --config "$work/front-2.yaml"

printf '\n演示完成 demo finished. Files in %s: material.pdf, material.png, material.json, client.json\n' "$out"

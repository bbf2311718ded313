#!/usr/bin/env bash
# The main job on one machine: a city front system in sandbox mode, and a department
# application — the C examples linked against libelicense.so — that logs an enterprise in,
# fetches its license and obtains license material in place of an uploaded scan. Every step is
# printed; the files stay in out/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
front=.build/debug/elicense-front
cli=.build/debug/elicense
out=out/demo
port=${DEMO_PORT:-8680}
export ELICENSE_FRONT_PORT=$port
base=http://127.0.0.1:$port

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
rm -rf "$out" && mkdir -p "$out"

step "1. 登记接入单位 — register the department from its filed access form (Examples/front/access-form.yaml)"
"$front" unit add --sandbox --data-dir "$out/front-data" --out-dir "$out" Examples/front/access-form.yaml | tee "$out/unit.txt"
config=$(ls "$out"/app-*.json)
export ELICENSE_CONFIG=$config
echo "客户端配置 client configuration for the department: $config"

step "2. 启动前置系统（沙箱） — start the front system in sandbox mode on $base"
"$front" serve --sandbox --data-dir "$out/front-data" > "$out/front.log" 2>&1 &
front_pid=$!
trap 'kill $front_pid 2>/dev/null; wait $front_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" > /dev/null 2>&1 && break
  kill -0 $front_pid 2>/dev/null || { cat "$out/front.log"; exit 1; }
  sleep 0.1
done
curl -fsS "$base/healthz"; echo

step "3. 接入自检 — the department checks its configuration, keys, clock and connection"
"$cli" doctor

step "4. 企业扫码登录 — Examples/c/login (libelicense.so) starts a login; the enterprise scans the QR code"
PKG_CONFIG_PATH="$PWD/out/sdk/lib/pkgconfig" make -s -C Examples/c
Examples/c/login "$config" 企业开办 "$out/grant.txt" > "$out/login.txt" &
login_pid=$!
for _ in $(seq 1 100); do grep -q '^qr_content:' "$out/login.txt" 2>/dev/null && break; sleep 0.1; done
sed -n 's/^qr_content: //p' "$out/login.txt" > "$out/qr.txt"
echo "二维码内容 QR content: $(cat "$out/qr.txt")"
echo "沙箱模拟电子营业执照应用：济南明泉数字科技有限公司的法定代表人确认登录"
echo "(the sandbox plays the e-license app: the legal representative of a demo enterprise confirms)"
curl -fsS -X POST "$base/sandbox/scan" -H 'Content-Type: application/json' \
  -d "{\"qr_content\":\"$(cat "$out/qr.txt")\",\"uniscid\":\"91370102MA01ELC161\",\"role\":\"legal_representative\",\"decision\":\"confirm\"}"
echo
wait $login_pid
cat "$out/login.txt"

step "5. 获取照面信息 — Examples/c/fetch_license: the license data with the grant (issuer's SM2 signature checked)"
Examples/c/fetch_license "$config" "$out/grant.txt"

step "6. 获取证照材料 — Examples/c/material: one call instead of uploading a scan; signed material saved as PDF"
Examples/c/material "$config" "$out/grant.txt" 企业开办 "$out/material.pdf"
echo "(同一授权也可取 PNG 与签名记录 the same grant also gives the PNG and the signed record:)"
"$cli" material --grant-file "$out/grant.txt" --purpose 企业开办 --format png --out "$out/material.png" --record-out "$out/material.json"

step "7. 核验证照材料 — anyone registered can verify the material by its code"
code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$out/material.json")
"$cli" verify --code "$code"
echo "人工核验页面 public verification page: $base/verify?code=$code"

step "8. 审计日志校验 — every call was recorded in the SM3 hash-chained audit log"
"$front" audit verify --sandbox --data-dir "$out/front-data"

printf '\n演示完成 demo finished. Files in %s: material.pdf, material.png, material.json, front.log\n' "$out"

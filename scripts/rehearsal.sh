#!/usr/bin/env bash
# The production dress rehearsal on loopback (docs/front.md "Production topology 生产部署"),
# every part in the production profile over HTTPS:
#   department program (the `elicense` CLI) → city front → provincial gateway (rehearsal adapter)
# 1. a private CA made with openssl, and server certificates for 127.0.0.1/localhost;
# 2. the provincial gateway (`role: gateway`), the city front registered there as an application
#    of its operator's unit — the client configuration it issues is the city front's upstream;
# 3. the city front, and a department registered there from its access form;
# 4. the department logs in (the enterprise confirms in the gateway's rehearsal e-license app,
#    which exists only in a rehearsal), fetches the license, obtains a material (PDF) and
#    verifies it offline with the keys the operators hand out.
# Prints the time of each step (also in figures.txt); the files stay in $REHEARSAL_OUT
# (default out/rehearsal). Ports: REHEARSAL_GATEWAY_PORT (8691), REHEARSAL_CITY_PORT (8681).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
front=$root/.build/debug/elicense-front
cli=$root/.build/debug/elicense
out=${REHEARSAL_OUT:-out/rehearsal}
gw_port=${REHEARSAL_GATEWAY_PORT:-8691}
city_port=${REHEARSAL_CITY_PORT:-8681}
gateway=https://127.0.0.1:$gw_port
city=https://127.0.0.1:$city_port
uscc=91370102MA01ELC161 # a demo enterprise of the sandbox dataset, which the rehearsal serves

rm -rf "$out" && mkdir -p "$out" && out=$(cd "$out" && pwd)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
now_ms() { date +%s%3N; }
started=0
begin() { started=$(now_ms); }
# figure NAME: the milliseconds since `begin`, printed and kept in figures.txt.
figure() { local ms=$(($(now_ms) - started)); printf '%-28s %6d ms\n' "$1" "$ms" | tee -a "$out/figures.txt"; }

# json_set FILE KEY VALUE: sets a top-level string in a JSON file, keeping its mode (0600 for a
# client configuration, which holds a private key).
json_set() {
  python3 - "$@" <<'EOF'
import json, sys
path, key, value = sys.argv[1:4]
with open(path, encoding="utf-8") as f:
    data = json.load(f)
data[key] = value
with open(path, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, indent=2)
EOF
}

# serve NAME CONFIG URL: starts a server and waits (up to 30 s) until it answers over HTTPS.
serve() {
  "$front" serve --config "$2" > "$out/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    curl -fsS --cacert "$out/ca/ca.pem" "$3/healthz" > /dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$out/$1.log"; return 1; }
    sleep 0.1
  done
  cat "$out/$1.log"; return 1
}

step "1. 私有 CA 与服务器证书 — a private CA and server certificates for 127.0.0.1/localhost (openssl)"
begin
mkdir -p "$out/ca"
(
  cd "$out/ca"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2> /dev/null
  openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/O=elicense rehearsal/CN=elicense rehearsal CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
  for name in gateway city; do
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" 2> /dev/null
    openssl req -new -key "$name.key" -subj "/O=elicense rehearsal/CN=$name.127.0.0.1" -out "$name.csr"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
      -extfile "$name.ext" -out "$name.pem" 2> /dev/null
    openssl verify -CAfile ca.pem "$name.pem"
  done
  chmod 600 ./*.key
)
figure "ca_and_certificates"

step "2. 省级网关（生产演练） — the provincial gateway: role gateway, adapter rehearsal, production, HTTPS on $gateway"
begin
cat > "$out/gateway.yaml" <<EOF
role: gateway
profile: production
port: $gw_port
public_url: $gateway
data_directory: $out/gateway-data
front_name: 山东省电子营业执照验证网关（演练）
level: province
region: {code: "370000", name: 山东省}
tls:
  certificate_file: $out/ca/gateway.pem
  private_key_file: $out/ca/gateway.key
gateway:
  adapter: rehearsal
EOF
# The city front is an application of its operator's unit at the gateway, filed like any other.
cat > "$out/city-operator.yaml" <<EOF
机构名称: 济南市大数据局（演练）
机构性质: 政府机关
统一社会信用代码: 11370100MB285902XU
通信地址: 山东省济南市历下区龙奥北路1号
联系人姓名: 王五
部门及职务: 政务云运维科 科长
联系电话: 0531-88888888
电子邮件: wangwu@example.gov.cn
应用系统:
  - 应用系统名称: 济南市政务服务电子营业执照验证前置系统
    域名及端口: 127.0.0.1:$city_port
    所属领域及业务简介: 政务服务；电子营业执照身份认证与证照材料
    来源地址: [127.0.0.1]
EOF
"$front" unit add --config "$out/gateway.yaml" "$out/city-operator.yaml" --out-dir "$out/city-credentials" \
  > "$out/gateway-unit.txt"
upstream_config=$(ls "$out"/city-credentials/app-*.json)
json_set "$upstream_config" ca_bundle "$out/ca/ca.pem" # the government extranet's CA, here the private one
serve gateway "$out/gateway.yaml" "$gateway"
echo "网关已启动 gateway up; the city front's credentials there: $upstream_config"
figure "gateway_up"

step "3. 市级前置系统 — the city front: production, HTTPS on $city, upstream the gateway"
begin
cat > "$out/city.yaml" <<EOF
profile: production
port: $city_port
public_url: $city
data_directory: $out/city-data
front_name: 济南市政务服务电子营业执照验证前置系统（演练）
region: {code: "370100", name: 济南市}
tls:
  certificate_file: $out/ca/city.pem
  private_key_file: $out/ca/city.key
upstream:
  kind: http
  client_config: $upstream_config
EOF
"$front" unit add --config "$out/city.yaml" Examples/front/access-form.yaml --out-dir "$out/department" \
  > "$out/city-unit.txt"
department=$(ls "$out"/department/app-*.json)
json_set "$department" ca_bundle "$out/ca/ca.pem"
export ELICENSE_CONFIG=$department
serve city "$out/city.yaml" "$city"
echo "前置系统已启动 city front up; the department's client configuration: $department"
figure "city_front_up"

step "4. 接入自检 — the department checks its configuration, keys, clock and connection"
begin
"$cli" doctor
figure "department_doctor"

step "5. 企业扫码登录 — the department starts a login; the enterprise confirms in the rehearsal e-license app"
begin
"$cli" login --purpose 企业开办 --timeout 60 --qr-content-out "$out/qr.txt" --grant-out "$out/grant.txt" \
  > "$out/login.txt" 2> "$out/login.err" &
login_pid=$!
for _ in $(seq 1 300); do [ -s "$out/qr.txt" ] && break; sleep 0.1; done
echo "二维码内容 QR content: $(cat "$out/qr.txt")"
# Rehearsal only: the gateway's simulated app stands in for the enterprise's phone.
curl -fsS --cacert "$out/ca/ca.pem" -X POST "$gateway/rehearsal/scan" -H 'Content-Type: application/json' \
  -d "{\"qr_content\":\"$(cat "$out/qr.txt")\",\"uniscid\":\"$uscc\",\"role\":\"legal_representative\",\"decision\":\"confirm\"}"
echo
wait $login_pid
cat "$out/login.txt"
figure "login_confirmed"

step "6. 获取照面信息 — the license data (issuer's signature checked by the front and the SDK)"
begin
"$cli" license --grant-file "$out/grant.txt" --json > "$out/license.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d.get("signed_license", d)
print(s["license"]["entname"], s["license"]["uniscid"], "rehearsal:", s.get("rehearsal", False))' "$out/license.json"
figure "license"

step "7. 获取证照材料 — a signed material, its PDF marked 生产演练 REHEARSAL"
begin
"$cli" material --grant-file "$out/grant.txt" --purpose 企业开办 --format pdf --out "$out/material.pdf" \
  --record-out "$out/material.json"
figure "material"

step "8. 离线核验 — offline: the front key pinned in the department's configuration, the issuer key the province hands out"
begin
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["front_public_keys_pem"][0], end="")' "$department" \
  > "$out/front.pub"
openssl pkey -in "$out/gateway-data/keys/rehearsal-issuer.key.pem" -pubout -out "$out/issuer.pub"
python3 scripts/verify-material-offline.py "$out/material.json" --front-key "$out/front.pub" \
  --issuer-key "$out/issuer.pub" --document pdf="$out/material.pdf"
figure "offline_verification"

step "9. 审计 — each side's own SM3 hash-chained audit log"
"$front" audit verify --config "$out/gateway.yaml"
"$front" audit verify --config "$out/city.yaml"

step "数据 figures (ms)"
cat "$out/figures.txt"
printf '\n演练完成 rehearsal finished. Files in %s\n' "$out"

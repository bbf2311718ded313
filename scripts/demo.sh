#!/usr/bin/env bash
# The main job, as far as the product goes today: the CLI on example input.
set -uo pipefail
cd "$(dirname "$0")/.."
cli=.build/debug/elicense
out=out/demo
mkdir -p "$out"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. 校验统一社会信用代码 — checking unified social credit codes (Examples/uscc/codes.txt)"
"$cli" uscc check < Examples/uscc/codes.txt
echo "(exit status $?: non-zero because some example codes are deliberately wrong)"

step "2. 生成应用的 SM2 密钥对 — an SM2 key pair for a department application"
"$cli" keygen --out "$out/keys" --name demo-app --force || exit 1

step "3. 用 OpenSSL 验证 SM2 签名互通 — the key works with the OpenSSL command line"
printf 'ELIC-SM2-SM3-V1 demo' > "$out/message.txt"
openssl dgst -sm3 -sign "$out/keys/demo-app.key.pem" -sigopt distid:1234567812345678 \
  -out "$out/message.sig" "$out/message.txt" &&
openssl dgst -sm3 -verify "$out/keys/demo-app.pub.pem" -sigopt distid:1234567812345678 \
  -signature "$out/message.sig" "$out/message.txt" || exit 1

step "4. 错误码表 — the error codes shared by front system and SDK"
"$cli" errors | head -12
echo "… ($("$cli" errors | wc -l) codes; docs/protocol.md has the full table)"

printf '\n演示完成 demo finished: files in %s\n' "$out"

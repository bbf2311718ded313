#!/usr/bin/env bash
# libelicense as a vendor meets it: the staged library's exports, SONAME and dependencies, the
# header as C89 and C++, the C test of every exported function
# against sandbox front systems (and dead, stalled and forging servers), and the C examples
# built with pkg-config and run under valgrind. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export ELICENSE_FRONT=$root/.build/debug/elicense-front
sdk=$root/out/sdk
export PKG_CONFIG_PATH=$sdk/lib/pkgconfig
work=$(mktemp -d)
source Tests/support/fronts.sh

# --- the library as shipped -------------------------------------------------------------
lib=$sdk/lib/libelicense.so.1
exports() { nm -D -g --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v '^ELICENSE_1$' | sort; }
# Tests/sdk/exports.txt is generated with Include/elicense.h (make generate; make check-generated).
check "exports exactly the generated symbol list (Tests/sdk/exports.txt)" diff <(exports) <(grep -v '^#' Tests/sdk/exports.txt)
check "SONAME is libelicense.so.1" sh -c "readelf -d '$lib' | grep -q 'SONAME.*\[libelicense.so.1\]'"
check "needs only libc, libm, libstdc++, libgcc_s, libcurl, libcrypto" sh -c \
  "readelf -d '$lib' | grep NEEDED | grep -vE '\[(libc|libm|libstdc\+\+|libgcc_s|libcurl|libcrypto)\.so[.0-9]*\]|ld-linux' | { ! grep .; }"
printf '#include <elicense.h>\nint main(void) { return elic_abi_version() == ELIC_ABI_VERSION ? 0 : 1; }\n' > "$work/header.c"
check "header compiles with gcc -std=c89 -pedantic -Werror" gcc -std=c89 -Wall -Wextra -pedantic -Werror -I Include -c "$work/header.c" -o "$work/h1.o"
check "header compiles with g++" g++ -Wall -Wextra -pedantic -Werror -I Include -x c++ -c "$work/header.c" -o "$work/h2.o"

# --- the C test against sandbox fronts ------------------------------------------------------
start_fixtures || exit 1
add_front "$fixture" production --production || exit 1
add_fake "$fixture" fake || exit 1
fake=$(fixture configs.fake)
variant "$fake" "$fake" "retries=2" "timeout_ms=2000"
variant "$main" "$work/claims-production.json" 'profile="production"'
# The stalled front with no timeout or retries setting: the documented defaults apply.
python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); [c.pop(k, None) for k in ("connect_timeout_ms", "timeout_ms", "retries")]; json.dump(c, open(sys.argv[2], "w"))' \
  "$(fixture configs.stall)" "$work/stall-defaults.json"
variant "$(fixture configs.production)" "$work/claims-sandbox.json" 'profile="sandbox"'

# scripts/harden/c-abi-sanitizers.sh builds it with clang and sanitizers instead.
check "C test compiles against the installed header and pkg-config" sh -c \
  "${SDK_TEST_CC:-cc} ${SDK_TEST_CFLAGS:-} -std=c99 -Wall -Wextra -pedantic -Werror -I Tests/sdk \$(pkg-config --cflags elicense) Tests/sdk/test_abi.c -o '$work/test_abi' \
   \$(pkg-config --libs elicense) -lcurl -lpthread -Wl,-rpath,'$sdk/lib'"
ELIC_TEST_FRONT=$(fixture fronts.main.url) ELIC_TEST_FRONT_SHORT=$(fixture fronts.short.url) ELIC_TEST_CONFIG=$main \
ELIC_TEST_CONFIG_SHORT=$(fixture configs.short) ELIC_TEST_CONFIG_DEAD=$(fixture configs.dead) \
ELIC_TEST_CONFIG_STALL=$(fixture configs.stall) ELIC_TEST_CONFIG_FORGED=$(fixture configs.forged) ELIC_TEST_TMP=$work \
ELIC_TEST_CONFIG_STALL_DEFAULTS=$work/stall-defaults.json \
ELIC_TEST_CONFIG_CLAIMS_PRODUCTION=$work/claims-production.json ELIC_TEST_CONFIG_PRODUCTION=$(fixture configs.production) \
ELIC_TEST_CONFIG_CLAIMS_SANDBOX=$work/claims-sandbox.json ELIC_TEST_FAKE=$(fixture fronts.fake.url) \
ELIC_TEST_FAKE_LOG=$(fixture fronts.fake.request_log) ELIC_TEST_CONFIG_FAKE=$fake "$work/test_abi" | tee "$work/test_abi.out"
result=$(tail -1 "$work/test_abi.out")
passed=$((passed + $(echo "$result" | sed -n 's/^\([0-9]*\) passed.*/\1/p')))
c_failed=$(echo "$result" | sed -n 's/.*passed, \([0-9]*\) failed$/\1/p')
failed=$((failed + ${c_failed:-1}))

# --- the C examples, built with pkg-config, under valgrind --------------------------------
check "C examples build with pkg-config" make -s -C Examples/c
grind=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9)
"${grind[@]}" Examples/c/login "$main" 企业开办 "$work/grant.txt" > "$work/login.out" 2> "$work/login.err" &
login_pid=$!
scan_confirm "$work/login.out"
wait $login_pid
login_status=$?
check "example login.c completes a sandbox login, no leak under valgrind" sh -c \
  "cat '$work/login.out' '$work/login.err'; [ $login_status -eq 0 ] && grep -q '^enterprise: 91370102MA01ELC161' '$work/login.out'"
check "example fetch_license.c, no leak under valgrind" sh -c \
  "${grind[*]} Examples/c/fetch_license '$main' '$work/grant.txt' | tee /dev/stderr | grep -q '91370102MA01ELC161'"
check "example material.c saves a PDF and verifies it, no leak under valgrind" sh -c \
  "${grind[*]} Examples/c/material '$main' '$work/grant.txt' 企业开办 '$work/example.pdf' && head -c 4 '$work/example.pdf' | grep -q '%PDF'"

# --- the README's C program: Examples/c/quickstart.c verbatim, built with pkg-config only ------
check "the README's C program is Examples/c/quickstart.c" diff <(sed -n '/^<!-- quickstart.c -->$/,/^```$/p' README.md | sed '1,2d;$d') \
  Examples/c/quickstart.c
check "quickstart.c has at most 40 lines" test "$(wc -l < Examples/c/quickstart.c)" -le 40
mkdir -p "$work/quickstart"
check "quickstart.c builds with pkg-config alone (no rpath of ours)" sh -c \
  "cc -std=c89 -Wall -Wextra -pedantic -Werror Examples/c/quickstart.c \$(pkg-config --cflags --libs elicense) -o '$work/quickstart/quickstart'"
(cd "$work/quickstart" && env -u LD_LIBRARY_PATH "${grind[@]}" ./quickstart "$main" > out.txt 2> err.txt) &
quick_pid=$!
scan_confirm "$work/quickstart/out.txt"
wait $quick_pid
quick_status=$?
check "quickstart runs without LD_LIBRARY_PATH: QR saved, license in business, material valid, no leak" sh -c \
  "cd '$work/quickstart'; cat out.txt err.txt; [ $quick_status -eq 0 ] && grep -q ': valid$' out.txt && head -c 4 license.pdf | grep -q '%PDF' \
   && head -c 4 qr.png | grep -q PNG"

# --- the CLI against the sandbox front ------------------------------------------------------
cli=$root/.build/debug/elicense
"$cli" login --config "$main" --purpose 企业开办 --timeout 60 --json --grant-out "$work/cli-grant.txt" \
  --qr-content-out "$work/cli-qr.txt" > "$work/cli-login.json" 2> "$work/cli-login.err" &
cli_pid=$!
scan_confirm "$work/cli-qr.txt" ''
wait $cli_pid
cli_status=$?
check "elicense login --json --grant-out writes the grant file (mode 0600) and prints JSON" sh -c \
  "cat '$work/cli-login.err'; [ $cli_status -eq 0 ] && grep -q '^gr_' '$work/cli-grant.txt' \
   && [ \"\$(stat -c %a '$work/cli-grant.txt')\" = 600 ] && grep -q '\"authorized\"' '$work/cli-login.json'"
check "elicense license reads that grant file" sh -c \
  "'$cli' license --config '$main' --grant-file '$work/cli-grant.txt' | grep -q 91370102MA01ELC161"
check "elicense login --timeout out of range is refused, naming the option" sh -c \
  "! '$cli' login --config '$main' --purpose x --timeout 9223372036854775807 2> '$work/cli-timeout.err'; grep -q -- '--timeout' '$work/cli-timeout.err'"

echo "sdk: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The Java binding as a Java 8 department system meets it, against sandbox front systems and the
# staged out/sdk library (run by `make test-java`, after `make sdk java front`):
#   - the class-file version of elicense.jar and the examples (javap);
#   - the JUnit 5 tests (Bindings/java/src/test), run with the console launcher;
#   - the examples Login, FetchLicense and Material, the Java counterparts of Examples/c;
#   - the example web application WebApp in headless Chromium (Tests/support/browser.py).
# Ends with "java: N passed, N failed".
#   Bindings/java/run-tests.sh VERSION
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=${1:?usage: run-tests.sh VERSION}
export ELICENSE_FRONT=$root/.build/debug/elicense-front
sdk=$root/out/sdk
jar=$root/out/java/elicense.jar
examples=$root/out/java/examples
jna=/usr/share/java/jna.jar
junit=/usr/share/java/junit-platform-console-standalone.jar
work=$(mktemp -d)
started_at=$(date +%s)
source Tests/support/fronts.sh

for f in "$ELICENSE_FRONT" "$sdk/lib/libelicense.so" "$jar" "$jna" "$junit"; do
  [ -e "$f" ] || { echo "missing $f (make sdk java front)"; exit 1; }
done

# --- class files for Java 8 ---------------------------------------------------------------
major_versions() { # the distinct "major version" lines of every class in the jar and the examples
  { jar tf "$jar" | grep '\.class$' | sed 's/\.class$//; s|/|.|g' | xargs javap -v -cp "$jar:$jna"
    ls "$examples"/*.class | xargs javap -v; } | grep 'major version' | sort | uniq -c
}
major_versions | tee "$work/majors.txt"
check "every class in elicense.jar and the examples has class-file major version 52 (Java 8)" \
  sh -c "[ \$(wc -l < '$work/majors.txt') -eq 1 ] && grep -q 'major version: 52' '$work/majors.txt'"

# --- the sandbox-front fixture (the JUnit tests read its manifest) ----------------------------
start_fixtures || exit 1

jvm=(java -Djna.library.path="$sdk/lib" -Dfile.encoding=UTF-8)

# --- JUnit 5 ------------------------------------------------------------------------------
mkdir -p "$work/test-classes"
if javac --release 8 -encoding UTF-8 -Xlint:all -Werror -cp "$jar:$jna:$junit" -d "$work/test-classes" \
    $(find Bindings/java/src/test/java -name '*.java') > "$work/javac.out" 2>&1; then
  junit_started=$(date +%s.%N)
  "${jvm[@]}" \
    -Delicense.test.version="$version" \
    -Delicense.test.jar="$jar" -Delicense.test.examples="$examples" \
    -Delicense.test.manifest="$fixture/manifest.json" \
    -jar "$junit" --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
    --class-path "$work/test-classes:$jar:$jna" --select-package cn.elicense 2>&1 | tee "$work/junit.out"
  echo "JUnit run took $(python3 -c "import time; print(round(time.time() - $junit_started, 1))") s"
  ok=$(sed -n 's/^\[ *\([0-9]*\) tests successful.*/\1/p' "$work/junit.out")
  bad=$(sed -n 's/^\[ *\([0-9]*\) tests failed.*/\1/p' "$work/junit.out")
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${bad:-1}))
else
  cat "$work/javac.out"
  failed=$((failed + 1)); echo "FAIL the JUnit tests compile with javac --release 8"
fi

# --- the examples, as Examples/c's are run ---------------------------------------------------
cp_examples="$jar:$jna:$examples"
"${jvm[@]}" -cp "$cp_examples" Login "$main" 企业开办 "$work/grant.txt" > "$work/login.out" 2> "$work/login.err" &
login_pid=$!
scan_confirm "$work/login.out"
wait $login_pid
login_status=$?
check "example Login completes a sandbox login and saves the grant" sh -c \
  "cat '$work/login.out' '$work/login.err'; [ $login_status -eq 0 ] && grep -q '^enterprise: 91370102MA01ELC161' '$work/login.out' \
   && grep -q '^operator: .*(经办人)' '$work/login.out' && grep -q '^gr_' '$work/grant.txt'"
check "example FetchLicense prints the license data" sh -c \
  "${jvm[*]} -cp '$cp_examples' FetchLicense '$main' '$work/grant.txt' > '$work/license.out'; cat '$work/license.out'; grep -q '^统一社会信用代码 91370102MA01ELC161' '$work/license.out'"
name=$(sed -n 's/^名称 *//p' "$work/license.out")
check "example Material saves a PDF and verifies it" sh -c \
  "${jvm[*]} -cp '$cp_examples' Material '$main' '$work/grant.txt' 企业开办 '$work/example.pdf' > '$work/material.out'; \
   cat '$work/material.out'; grep -q '^verified: valid' '$work/material.out' && head -c 4 '$work/example.pdf' | grep -q '%PDF'"
check "the library is found through ELICENSE_LIBRARY too (no jna.library.path)" sh -c \
  "ELICENSE_LIBRARY='$sdk/lib/libelicense.so.1' java -cp '$cp_examples' FetchLicense '$main' '$work/grant.txt' | grep -q '^名称'"
check "a missing library is a clear UnsatisfiedLinkError naming where to put it" sh -c \
  "java -Delicense.library=/nonexistent/libelicense.so.1 -cp '$cp_examples' FetchLicense '$main' '$work/grant.txt' \
   > '$work/missing.out' 2>&1; head -3 '$work/missing.out'; grep -q 'UnsatisfiedLinkError: libelicense not found.*jna.library.path' '$work/missing.out'"
check "example without arguments prints its usage and exits 2" sh -c \
  "${jvm[*]} -cp '$cp_examples' Material; [ \$? -eq 2 ]"

# --- the example web application in headless Chromium -------------------------------------
web_port=$(free_port)
"${jvm[@]}" -cp "$cp_examples" WebApp "$main" "$web_port" > "$work/webapp.log" 2>&1 &
pids+=($!)
screenshots=$root/out/java/screenshots
mkdir -p "$screenshots"
if wait_http "http://127.0.0.1:$web_port/login/status" "$work/webapp.log"; then
  python3 Bindings/java/webapp_flow.py --app "http://127.0.0.1:$web_port" --front "$(fixture fronts.main.url)" \
    --uscc 91370102MA01ELC161 --name "$name" --screenshots "$screenshots" --profile "$work/chromium" 2>&1 | tee "$work/browser.out"
  ok=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$work/browser.out")
  bad=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$work/browser.out")
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${bad:-1}))
  echo "screenshots in $screenshots"
else
  failed=$((failed + 1)); echo "FAIL WebApp starts"
fi
sed 's/^/     webapp: /' "$work/webapp.log" | tail -30

echo "java tests took $(( $(date +%s) - started_at )) s"
echo "java: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

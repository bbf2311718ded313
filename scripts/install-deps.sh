#!/usr/bin/env bash
# Installs what building and testing elicense needs on Debian 12 (Swift itself is assumed):
# the system packages that are missing, and a Python virtual environment (.venv) holding the
# independent test oracles. Safe to run repeatedly: it does nothing when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  pkg-config
  libssl-dev             # OpenSSL 3 headers: SM2, SM3, SM4
  openssl                # the CLI, an independent SM2 implementation in the interop tests
  libcurl4-openssl-dev   # the SDK's HTTP client
  libsqlite3-dev         # the front system's embedded store (GRDB)
  libcairo2-dev libpango1.0-dev fonts-wqy-microhei  # material documents with Chinese text
  libqrencode-dev        # QR codes
  zbar-tools poppler-utils  # tests decode rendered QR codes and read rendered PDFs
  sqlite3                # the elicense-front tests tamper with the store as someone with file access would
  python3 python3-venv
  curl                   # the demo plays the e-license app through the sandbox endpoint
  bsdextrautils          # column: make harden prints its table
  binutils g++ valgrind  # SDK tests: exports and SONAME (nm, readelf), the header in C++, leaks
  openjdk-17-jdk-headless  # javac --release 8 for the Java binding
  libjna-java libjna-jni # the Java binding: JNA (/usr/share/java/jna.jar) and its native part
  maven libmaven-compiler-plugin-java libmaven-jar-plugin-java libmaven-resources-plugin-java \
    libmaven-install-plugin-java libsurefire-java  # mvn -o install of Bindings/java/pom.xml (Debian's /usr/share/maven-repo)
  junit5                 # the Java binding's tests: JUnit 5 console launcher (junit-platform-console-standalone.jar)
  chromium               # the Python and Java example web applications are tested in headless Chromium
  dpkg-dev lintian       # make deb: dpkg-shlibdeps, dpkg-architecture; make test-deb: lintian
  adduser man-db systemd # make test-deb: the package's postinst, systemd-analyze verify/security (systemd need not run)
  nginx-light            # the cluster test and demo: nginx terminates TLS in front of two instances
  zlib1g-dev             # zlib.h: the material PNG's encoder (Sources/ELicenseRender/Cairo.swift)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "安装系统软件包 installing system packages: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The venv is (re)filled whenever the requirements differ from those it was filled from.
if ! cmp -s scripts/requirements-test.txt .venv/requirements-test.txt; then
  echo "准备 Python 环境 preparing .venv (test oracles, pytest, mypy, the wheel's build tools)"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
  cp scripts/requirements-test.txt .venv/requirements-test.txt
fi

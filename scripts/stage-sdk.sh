#!/usr/bin/env bash
# Stages libelicense as it installs: <dest>/lib/libelicense.so.X.Y.Z (stripped), its SONAME
# link libelicense.so.1 and the link-time name libelicense.so, <dest>/include/elicense.h and
# <dest>/lib/pkgconfig/elicense.pc for <prefix>, whose rpath lets a program built with it find
# libelicense.so.1 at run time wherever <prefix> is.
#   stage-sdk.sh <built .so> <dest> <prefix> <version>
set -euo pipefail
so=$1 dest=$2 prefix=$3 version=$4
cd "$(dirname "$0")/.."
mkdir -p "$dest/lib/pkgconfig" "$dest/include"
strip --strip-unneeded -o "$dest/lib/libelicense.so.$version" "$so"
ln -sf "libelicense.so.$version" "$dest/lib/libelicense.so.1"
ln -sf libelicense.so.1 "$dest/lib/libelicense.so"
cp Include/elicense.h "$dest/include/elicense.h"
cat > "$dest/lib/pkgconfig/elicense.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: elicense
Description: Electronic business license (电子营业执照) SDK: login, license data, license material
Version: $version
Requires.private: libcurl libcrypto
Libs: -L\${libdir} -Wl,-rpath,\${libdir} -lelicense
Cflags: -I\${includedir}
PC

#!/usr/bin/env bash
# Builds the Debian packages elicense-front, libelicense1 and libelicense-dev with dpkg-deb from
# hand-written control files (docs/front.md, "Packages 安装包"):
#   packaging/build-debs.sh <version> <libELicenseSDK.so> <elicense-front binary> <out dir>
# The front binary must be linked with the Swift runtime statically (--static-swift-stdlib), the
# library as `make sdk` builds it, so that the packages depend on Debian libraries only (computed
# with dpkg-shlibdeps). Everything shipped is stripped; files are root-owned (--root-owner-group).
set -euo pipefail
version=$1 so=$2 front=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
maintainer="elicense maintainers <elicense@elicense.invalid>"
# Reproducible: timestamps from the last commit, not from the build.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct)}

[ "$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')" = libelicense.so.1 ] ||
  { echo "build-debs: $so has no SONAME libelicense.so.1" >&2; exit 1; }
if ldd "$front" | grep -q 'libswift'; then
  echo "build-debs: $front loads the Swift runtime dynamically; build it with --static-swift-stdlib" >&2
  exit 1
fi

rm -rf "$out/build" && mkdir -p "$out/build"
out=$(cd "$out" && pwd)
work=$out/build

# dpkg-shlibdeps wants a debian/control to read; this one names no real source package.
mkdir -p "$work/shlibdeps/debian"
printf 'Source: elicense\n\nPackage: elicense\nArchitecture: any\n' > "$work/shlibdeps/debian/control"
depends_of() {
  (cd "$work/shlibdeps" && dpkg-shlibdeps -O "$@" 2> /dev/null) | sed -n 's/^shlibs:Depends=//p'
}

# /usr/share/doc/<package>: the copyright and the changelog every package must carry.
docs() {
  local package=$1 root=$2 doc=$2/usr/share/doc/$1
  install -d -m 0755 "$doc"
  install -m 0644 "$here/copyright" "$doc/copyright"
  printf '%s (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
    "$package" "$version" "$version" "$maintainer" "$(date -R -u -d "@$SOURCE_DATE_EPOCH")" |
    gzip -9n > "$doc/changelog.gz"
}

# control, md5sums, then the .deb; $1 package, $2 root, $3 the control fields after Version.
build() {
  local package=$1 root=$2 fields=$3
  install -d -m 0755 "$root/DEBIAN"
  {
    printf 'Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: %s\n' "$package" "$version" "$arch" "$maintainer"
    printf 'Installed-Size: %s\n' "$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    printf '%s\n' "$fields"
  } > "$root/DEBIAN/control"
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 -r md5sum) \
    > "$root/DEBIAN/md5sums"
  chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$root" "$out/${package}_${version}_$arch.deb" > /dev/null
}

# --- libelicense1: the shared library under its SONAME ---
lib=$work/libelicense1
libdir=$lib/usr/lib/$multiarch
install -d -m 0755 "$libdir"
strip --strip-unneeded --remove-section=.comment --remove-section=.note -o "$libdir/libelicense.so.$version" "$so"
chmod 0644 "$libdir/libelicense.so.$version"
ln -s "libelicense.so.$version" "$libdir/libelicense.so.1"
docs libelicense1 "$lib"
install -d -m 0755 "$lib/DEBIAN"
printf 'libelicense 1 libelicense1 (>= %s)\n' "$version" > "$lib/DEBIAN/shlibs"
{
  printf 'libelicense.so.1 libelicense1 #MINVER#\n* Build-Depends-Package: libelicense-dev\n'
  nm -D --defined-only --with-symbol-versions "$libdir/libelicense.so.$version" |
    awk -v v="$version" '$2 ~ /^[TA]$/ { sub(/@@/, "@", $3); print " " $3 " " v }' | sort
} > "$lib/DEBIAN/symbols"
printf 'activate-noawait ldconfig\n' > "$lib/DEBIAN/triggers"
chmod 0644 "$lib/DEBIAN/shlibs" "$lib/DEBIAN/symbols" "$lib/DEBIAN/triggers"
build libelicense1 "$lib" "Section: libs
Priority: optional
Multi-Arch: same
Depends: $(depends_of -e"$libdir/libelicense.so.$version")
Description: electronic business license (电子营业执照) SDK - shared library
 libelicense lets a government service system log an enterprise in with its
 electronic business license, read the license data and obtain license
 material, through the city's elicense-front. The Swift runtime is linked in;
 the C ABI is stable within SONAME libelicense.so.1."

# --- libelicense-dev: header, link-time name, pkg-config file, documentation ---
dev=$work/libelicense-dev
install -d -m 0755 "$dev/usr/include" "$dev/usr/lib/$multiarch/pkgconfig"
install -m 0644 "$repo/Include/elicense.h" "$dev/usr/include/elicense.h"
ln -s libelicense.so.1 "$dev/usr/lib/$multiarch/libelicense.so"
# No Requires.private and no rpath, unlike `make install`'s: there is no static library to link,
# and the loader finds libelicense.so.1 in the multiarch directory.
cat > "$dev/usr/lib/$multiarch/pkgconfig/elicense.pc" <<PC
prefix=/usr
libdir=\${prefix}/lib/$multiarch
includedir=\${prefix}/include

Name: elicense
Description: Electronic business license (电子营业执照) SDK: login, license data, license material
Version: $version
Libs: -L\${libdir} -lelicense
Cflags: -I\${includedir}
PC
chmod 0644 "$dev/usr/lib/$multiarch/pkgconfig/elicense.pc"
docs libelicense-dev "$dev"
for doc in ABI.md THREADING.md protocol.md; do
  install -m 0644 "$repo/docs/$doc" "$dev/usr/share/doc/libelicense-dev/$doc"
done
install -d -m 0755 "$dev/usr/share/doc/libelicense-dev/examples"
install -m 0644 "$repo"/Examples/c/*.c "$dev/usr/share/doc/libelicense-dev/examples/"
build libelicense-dev "$dev" "Section: libdevel
Priority: optional
Multi-Arch: same
Depends: libelicense1 (= $version)
Description: electronic business license (电子营业执照) SDK - development files
 The C header elicense.h, the link-time name libelicense.so, the pkg-config
 file elicense.pc, the ABI and threading documentation, the protocol and C
 examples for building programs with libelicense."

# --- elicense-front: the server, its systemd unit and configuration ---
srv=$work/elicense-front
install -d -m 0755 "$srv/usr/bin" "$srv/lib/systemd/system" "$srv/etc/elicense" "$srv/usr/share/man/man1"
strip --strip-unneeded --remove-section=.comment --remove-section=.note -o "$srv/usr/bin/elicense-front" "$front"
chmod 0755 "$srv/usr/bin/elicense-front"
install -m 0644 "$here/elicense-front/elicense-front.service" "$srv/lib/systemd/system/elicense-front.service"
install -m 0644 "$here/elicense-front/front.yaml" "$srv/etc/elicense/front.yaml"
gzip -9n < "$here/elicense-front/elicense-front.1" > "$srv/usr/share/man/man1/elicense-front.1.gz"
chmod 0644 "$srv/usr/share/man/man1/elicense-front.1.gz"
docs elicense-front "$srv"
install -d -m 0755 "$srv/usr/share/lintian/overrides"
install -m 0644 "$here/elicense-front/lintian-overrides" "$srv/usr/share/lintian/overrides/elicense-front"
install -m 0644 "$repo/docs/front.md" "$repo/docs/upstream.md" "$srv/usr/share/doc/elicense-front/"
install -d -m 0755 "$srv/DEBIAN"
for script in postinst prerm postrm; do install -m 0755 "$here/elicense-front/$script" "$srv/DEBIAN/$script"; done
install -m 0644 "$here/elicense-front/conffiles" "$srv/DEBIAN/conffiles"
# The license documents are drawn with this font (Sources/ELicenseRender/FontLock.swift); adduser
# creates the service user.
build elicense-front "$srv" "Section: net
Priority: optional
Depends: adduser, fonts-wqy-microhei, $(depends_of -e"$srv/usr/bin/elicense-front")
Description: electronic business license (电子营业执照) front system
 elicense-front is the city's front system between government service
 systems and the provincial electronic business license verification system:
 it registers access units and their applications, authenticates and audits
 every call, and serves enterprise login, license data and license material.
 It runs as the systemd service elicense-front under its own user, with its
 configuration in /etc/elicense and its data in /var/lib/elicense-front."

rm -rf "$work"
ls -l "$out"/*.deb

#!/usr/bin/env bash
# The Maven build of the Java binding as an integrator runs it (make test-java-maven):
# `mvn -o install` with Debian's repository only, into a fresh local repository, then a
# consumer project that names cn.elicense:elicense:VERSION and compiles against it offline.
# Ends with "maven: N passed, N failed".
#   Bindings/java/maven-test.sh VERSION
set -uo pipefail
cd "$(dirname "$0")/../.."
version=${1:?usage: maven-test.sh VERSION}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source Tests/support/checks.sh
repo=$work/m2
installed=$repo/cn/elicense/elicense/$version

check "pom.xml's version is the project's ($version, Sources/ELicenseCore/Version.swift)" \
  grep -qx "  <version>$version</version>" Bindings/java/pom.xml
check "mvn -o install builds from Debian's repository alone into a new local repository" \
  mvn -o -q -B -f Bindings/java/pom.xml -Dmaven.repo.local="$repo" install
check "the local repository holds cn.elicense:elicense:$version (jar and pom)" sh -c \
  "ls -l '$installed'; [ -s '$installed/elicense-$version.jar' ] && grep -q '<artifactId>elicense</artifactId>' '$installed/elicense-$version.pom'"
check "every class in the installed jar has class-file major version 52 (Java 8)" python3 -c '
import collections, sys, zipfile
jar = zipfile.ZipFile(sys.argv[1])
majors = collections.Counter(int.from_bytes(jar.read(n)[6:8], "big") for n in jar.namelist() if n.endswith(".class"))
print(dict(majors))
sys.exit(0 if list(majors) == [52] and majors[52] >= 20 else 1)' "$installed/elicense-$version.jar"
check "the installed jar carries its version (manifest and version.properties)" sh -c \
  "unzip -p '$installed/elicense-$version.jar' META-INF/MANIFEST.MF | tr -d '\r' | grep -qx 'Implementation-Version: $version' \
   && unzip -p '$installed/elicense-$version.jar' cn/elicense/version.properties | grep -qx 'version=$version'"

# An integrator's project: depends on the coordinates, resolves them (and JNA) offline.
mkdir -p "$work/consumer/src/main/java/demo" "$work/consumer/.mvn"
cp Bindings/java/.mvn/maven.config "$work/consumer/.mvn/"
sed -n '/<repositories>/,/<\/pluginRepositories>/p' Bindings/java/pom.xml > "$work/repositories.xml"
cat > "$work/consumer/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>demo</groupId><artifactId>consumer</artifactId><version>1</version>
  <properties><maven.compiler.release>8</maven.compiler.release></properties>
  $(cat "$work/repositories.xml")
  <dependencies><dependency>
    <groupId>cn.elicense</groupId><artifactId>elicense</artifactId><version>$version</version>
  </dependency></dependencies>
  <build><plugins>
    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.0</version></plugin>
    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version></plugin>
  </plugins></build>
</project>
POM
cat > "$work/consumer/src/main/java/demo/Uses.java" <<'JAVA'
package demo;

final class Uses {
    static int abi() {
        return cn.elicense.Elicense.ABI_VERSION + com.sun.jna.Native.POINTER_SIZE;
    }
}
JAVA
check "a project depending on cn.elicense:elicense:$version compiles offline (JNA comes along)" \
  mvn -o -q -B -f "$work/consumer/pom.xml" -Dmaven.repo.local="$repo" compile

echo "maven: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

# elicense — the two commands of the README are `make demo` and `make test`.
SWIFT ?= swift
PYTHON := $(CURDIR)/.venv/bin/python
CLI := .build/debug/elicense
# The interop tests run the gmssl oracle with this interpreter.
export ELICENSE_PYTHON := $(PYTHON)

VERSION := $(shell sed -n 's/.*static let \(major\|minor\|patch\) = \([0-9]*\).*/\2/p' Sources/ELicenseCore/Version.swift | paste -sd.)
PREFIX ?= /usr/local
SDK := out/sdk
SDK_SO := .build/release/libELicenseSDK.so

.PHONY: all deps build test demo check-docs generate check-generated sdk install test-sdk test-python test-python-3.8 front java test-java java-maven test-java-maven wheel harden bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

## demo: set up, then run the main job
demo: build sdk
	scripts/demo.sh

## test: set up, then run every test
test: build check-docs check-generated
	$(SWIFT) test
	$(MAKE) test-sdk
	$(MAKE) test-python
	$(MAKE) test-java
	$(MAKE) test-java-maven
	$(MAKE) harden

## sdk: libelicense.so with the Swift runtime linked in statically, staged in out/sdk
sdk: deps
	$(SWIFT) build -c release --product ELicenseSDK -Xswiftc -static-stdlib
	scripts/stage-sdk.sh $(SDK_SO) $(SDK) $(CURDIR)/$(SDK) $(VERSION)

## install: the library, elicense.h and elicense.pc under PREFIX
install: sdk
	scripts/stage-sdk.sh $(SDK_SO) $(DESTDIR)$(PREFIX) $(PREFIX) $(VERSION)

## generate: the one command after changing the C ABI or the catalogue in Swift: writes
## Include/elicense.h, Tests/sdk/exports.txt, the Python and Java declarations, enums and
## exceptions, and the error tables of docs/protocol.md and docs/openapi.yaml
## (Sources/elicense-abigen, from the compiler's header of ELicenseSDK)
ABIGEN = .build/debug/elicense-abigen $$(find .build -path '*debug/ELicenseSDK.build/include/ELicenseSDK-Swift.h' | head -1) .
generate: build
	$(ABIGEN) .

## check-generated: fails, naming the files, when a generated file differs from a fresh one
check-generated: build
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && $(ABIGEN) "$$out" && \
	  stale=$$(cd "$$out" && find . -type f | sed 's|^\./||' | sort | while read -r f; do cmp -s "$$f" "$(CURDIR)/$$f" || echo "$$f"; done) && \
	  if [ -n "$$stale" ]; then printf 'check-generated: out of date (run make generate):\n%s\n' "$$stale" >&2; exit 1; fi

## test-sdk: the C ABI from C, against a sandbox front system, and the C examples under valgrind
test-sdk: sdk build
	Tests/sdk/run.sh

## wheel: the Python binding as out/python/elicense-$(VERSION)-py3-none-any.whl (python -m build)
WHEEL := out/python/elicense-$(VERSION)-py3-none-any.whl
wheel: deps
	$(PYTHON) -m build --wheel --no-isolation --outdir out/python Bindings/python

## test-python: the wheel (installed into a new virtual environment, and into .venv) and the
## Python binding's tests and examples, against out/sdk/lib/libelicense.so.1 and sandbox front
## systems; mypy --strict on the package, Examples/python and a typed integrator program; then
## the same tests on the oldest supported Python (test-python-3.8). A run that collects no test
## fails (pytest exit code 5).
test-python: sdk wheel
	$(SWIFT) build --product elicense-front
	Bindings/python/packaging-test.sh $(VERSION) $(CURDIR)/$(WHEEL) $(CURDIR)/$(SDK)/lib/libelicense.so.1
	$(PYTHON) -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $(WHEEL)
	cd Bindings/python && MYPYPATH=src $(PYTHON) -m mypy --strict --cache-dir $(CURDIR)/out/python/mypy-cache src/elicense tests/typed_client.py ../../Examples/python
	$(call PYTEST_BINDING,$(PYTHON))
	$(MAKE) test-python-3.8

PYTEST_BINDING = cd Bindings/python && ELICENSE_LIBRARY=$(CURDIR)/$(SDK)/lib/libelicense.so.1 \
	  ELICENSE_FRONT=$(CURDIR)/.build/debug/elicense-front $(1) -m pytest -p no:cacheprovider tests; \
	  status=$$?; if [ $$status -eq 5 ]; then echo "test-python: pytest ran no test" >&2; exit 1; fi; exit $$status

## test-python-3.8: the binding's tests on Python 3.8 (requires-python's floor; Ctrl-C and
## ctypes callbacks behave differently there), the wheel installed into out/python/venv-3.8;
## PYTHON38 names the interpreter. pytest 8.3 is the last release that runs on 3.8.
PYTHON38 ?= /root/.pyenv/versions/3.8.18/bin/python3.8
VENV38 := out/python/venv-3.8
test-python-3.8: sdk wheel
	@[ -x "$(PYTHON38)" ] || { echo "test-python-3.8: no Python 3.8 at $(PYTHON38) (set PYTHON38=...)" >&2; exit 1; }
	$(SWIFT) build --product elicense-front
	[ -x $(VENV38)/bin/python ] || $(PYTHON38) -m venv $(VENV38)
	$(VENV38)/bin/pip install -q --disable-pip-version-check pytest==8.3.5
	$(VENV38)/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps $(WHEEL)
	$(call PYTEST_BINDING,$(CURDIR)/$(VENV38)/bin/python)

## front: only the front system's executable (what test-java needs besides the SDK)
front: deps
	$(SWIFT) build --product elicense-front

## java: the JNA binding out/java/elicense.jar and the Java examples, class files for Java 8
JAVA := out/java
JNA_JAR := /usr/share/java/jna.jar
JAVAC := javac --release 8 -encoding UTF-8 -Xlint:all -Xdoclint:all,-missing -Werror
ABI_VERSION := $(shell sed -n 's/^\#define ELIC_ABI_VERSION \([0-9]*\).*/\1/p' Include/elicense.h)
java: deps
	rm -rf $(JAVA)/classes $(JAVA)/examples
	mkdir -p $(JAVA)/classes $(JAVA)/examples
	$(JAVAC) -cp $(JNA_JAR) -d $(JAVA)/classes $$(find Bindings/java/src/main/java -name '*.java')
	printf 'Implementation-Title: elicense\nImplementation-Version: %s\nElicense-ABI-Version: %s\nAutomatic-Module-Name: cn.elicense\n' \
	  $(VERSION) $(ABI_VERSION) > $(JAVA)/MANIFEST.MF
	printf 'version=%s\nabi_version=%s\n' $(VERSION) $(ABI_VERSION) > $(JAVA)/classes/cn/elicense/version.properties
	jar --create --file $(JAVA)/elicense.jar --manifest $(JAVA)/MANIFEST.MF -C $(JAVA)/classes .
	$(JAVAC) -cp $(JAVA)/elicense.jar:$(JNA_JAR) -d $(JAVA)/examples Examples/java/*.java

## test-java: the Java binding (JUnit 5), its examples and the example web application in headless
## Chromium, against sandbox front systems and the staged out/sdk library
test-java: sdk java front
	Bindings/java/run-tests.sh $(VERSION)

## java-maven: the Java binding as cn.elicense:elicense:$(VERSION) in your local Maven repository
## (~/.m2), built offline against Debian's /usr/share/maven-repo (Bindings/java/pom.xml)
java-maven: deps
	mvn -o -q -B -f Bindings/java/pom.xml install

## test-java-maven: `mvn -o install` into a new local repository: coordinates, Java 8 class files,
## and a project that depends on them compiling offline
test-java-maven: deps
	Bindings/java/maven-test.sh $(VERSION)

check-docs: deps
	$(PYTHON) -m openapi_spec_validator docs/openapi.yaml

## harden: fuzzing, sanitizers, fault injection and kill -9 runs, bounded in time; prints one table
## (scripts/harden.sh; `scripts/harden.sh STEP…` runs some steps only)
harden: build sdk
	scripts/harden.sh

## bench: figures of the SDK against a release-built sandbox front (prints, asserts nothing)
bench: sdk
	$(SWIFT) build -c release --product elicense-front
	PKG_CONFIG_PATH=$(CURDIR)/$(SDK)/lib/pkgconfig $(MAKE) -s -C Examples/c
	PKG_CONFIG_PATH=$(CURDIR)/$(SDK)/lib/pkgconfig Benchmarks/run.sh

clean:
	rm -rf .build out .venv Bindings/java/target

# elicense — the two commands of the README are `make demo` and `make test`.
SWIFT ?= swift
PYTHON := $(CURDIR)/.venv/bin/python
CLI := .build/debug/elicense
# The interop tests run the gmssl oracle with this interpreter.
export ELICENSE_PYTHON := $(PYTHON)

.PHONY: all deps build test demo docs check-docs clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

## demo: set up, then run the main job
demo: build
	scripts/demo.sh

## test: set up, then run every test
test: build check-docs
	$(SWIFT) test

check-docs: deps
	$(PYTHON) -m openapi_spec_validator docs/openapi.yaml

## docs: regenerate the generated parts of the documentation
docs: build
	scripts/update-error-table.py $(CLI) docs/protocol.md

clean:
	rm -rf .build out .venv

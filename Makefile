# Kyndig — two commands on a fresh machine:
#   make run    installs what is missing, builds, seeds the demo database and starts the demo
#   make test   installs what is missing, builds and runs every test and content check
SHELL := /bin/bash
SWIFT ?= swift
# System packages the build and the checks need (Debian names).
SYSTEM_PACKAGES := libedit-dev libsqlite3-dev libcmark-dev libstemmer-dev wnorwegian wbritish
TEST_PACKAGES := libreoffice-calc-nogui chromium curl
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
DEMO_DB ?= $(DATA_HOME)/kyndig/demo.sqlite
DEMO_USER ?= ingrid.berg

.PHONY: run test deps test-deps build release bench check clean

## Install missing system packages (apt-get, with sudo when not root).
# install-packages PACKAGES: installs those not yet installed, without recommended extras.
define install-packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install-packages,$(SYSTEM_PACKAGES))

## What only the tests use: LibreOffice opens the --excel exports as a spreadsheet would;
## Chromium parses the HTML report as a browser would; curl waits for the fuzzed server
## (scripts/fuzz-api.sh installs schemathesis from PyPI into .build/ itself).
test-deps: deps
	$(call install-packages,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build

## The release build links the Swift runtime and Foundation into the binary, so a command does
## not load and relocate some fifty shared libraries first: every command starts 6-14 ms sooner
## (`hyperfine 'kyndig --version'`: 14 against 20-23 ms). Foundation's networking part then
## links libcurl when the binary is built, hence libcurl's development package.
RELEASE_PACKAGES := libcurl4-openssl-dev
## Only the two executables: a library product built as a shared library (GRDB-dynamic) cannot
## take the static runtime.
release: deps
	$(call install-packages,$(RELEASE_PACKAGES))
	$(SWIFT) build -c release --static-swift-stdlib --product kyndig
	$(SWIFT) build -c release --static-swift-stdlib --product kyndig-bench

## The main job: a fresh demo hospital, then the tutor as the demo learner.
run: build
	.build/debug/kyndig demo --db "$(DEMO_DB)" --user "$(DEMO_USER)"

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/kyndig catalog check
	python3 scripts/check-stems.py .build/debug/kyndig analyze
	scripts/fuzz-api.sh .build/debug/kyndig

## Benchmarks (release build): figures reported in issue notes.
bench: release
	scripts/bench-roster.sh
	scripts/bench-tutor.sh
	scripts/bench-search.sh
	scripts/bench-report.sh
	scripts/bench-api.sh
	.build/release/kyndig-bench catalog --catalog .
	.build/release/kyndig-bench text

clean:
	rm -rf .build

# bluebutton-wasm: one-command set-up and runs. Every target installs what it lacks first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
SANDBOX_PORT ?= 8000
APP_PORT ?= 8080
PUBLIC_URL ?= /
SITE ?= demo
RELAY_ORIGINS ?=

.PHONY: setup demo test test-native test-browser test-pkg test-e2e pkg site bench fuzz audit clean

setup:
	@bash scripts/setup.sh

## Start the local sandbox and the reference app on 127.0.0.1 (Ctrl-C stops both).
demo: setup
	@bash scripts/demo.sh $(SANDBOX_PORT) $(APP_PORT)

## Run every test: native, headless Chromium (wasm-bindgen-test), npm package, end-to-end.
test: setup
	@bash scripts/test-all.sh

test-native:
	cargo test --workspace --exclude bluebutton-www

test-browser: setup
	@bash scripts/test-browser.sh

test-pkg: pkg
	@node --test tests/npm/

## Build the npm package into pkg/.
pkg: setup
	@WANT_TRUNK=0 bash scripts/build-pkg.sh

## Build the static demo site into dist/ (PUBLIC_URL=/sub/path/ for sub-path hosting;
## SITE=published RELAY_ORIGINS=https://relay.example for a site whose CSP names no localhost).
site: setup
	@SITE="$(SITE)" RELAY_ORIGINS="$(RELAY_ORIGINS)" bash scripts/build-site.sh "$(PUBLIC_URL)"

## Measure us against JSON.parse, DecompressionStream, pako and peers' paging in headless
## Chromium, and the package's and the demo's sizes; rewrites BENCHMARKS.md (8–12 minutes
## warm). Speed is measured, never asserted.
bench:
	@bash scripts/setup.sh
	@command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
	@WANT_TRUNK=0 bash scripts/build-pkg.sh
	@bash scripts/build-site.sh /
	@bash bench/build-variant.sh
	@bash bench/leptos-floor.sh
	@bash bench/auth-floor.sh
	cargo build --release -p bluebutton-sandbox
	node bench/run.mjs

## Run every cargo-fuzz target for FUZZ_SECONDS (default 60) each; fails on a crash.
FUZZ_SECONDS ?= 60
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

## Dependency audit (advisories when reachable; licenses, bans and sources offline).
audit:
	@bash scripts/audit.sh

clean:
	cargo clean
	rm -rf pkg dist

# ferrogo — the two commands a newcomer needs:
#   make demo   build a Rust crate into a Go package and run a Go program that uses it
#   make test   every Rust and Go test (what CI runs)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

FERROGO := target/debug/ferrogo
MODULE_ROOT := github.com/ferrogo/ferrogo
# Every fixture crate has a Go package beside it in <fixture>/go.
FIXTURES := $(patsubst %/Cargo.toml,%,$(wildcard tests/fixtures/*/Cargo.toml))
GO_TEST_FLAGS ?= -count=1

.PHONY: help
help:
	@echo "make demo     run the quick-start example (Rust crate -> Go package -> Go program)"
	@echo "make test     run every Rust and Go test (lint, unit, ui, golden, fixtures with -race, cgocheck2, GC stress)"
	@echo "make bench    boundary benchmarks: ferrogo vs raw cgo (see docs/PERFORMANCE.md)"
	@echo "make stress   longer fuzzing, leak and concurrency runs"

.PHONY: deps
deps: ## check the toolchains (installed from the registries where missing)
	@.ci/deps.sh

$(FERROGO): deps $(shell find crates -name '*.rs' -o -name Cargo.toml)
	cargo build -p ferrogo-cli

# Generate each fixture's Go package and build its static library.
.PHONY: packages
packages: $(FERROGO)
	@for f in $(FIXTURES); do \
		$(FERROGO) build --crate $$f --out $$f/go --module $(MODULE_ROOT)/$$f; \
	done
	$(FERROGO) build --crate examples/quickstart --out examples/quickstart/go --module $(MODULE_ROOT)/examples/quickstart/go

.PHONY: demo
demo: packages
	cd examples/quickstart/go && go run ./cmd/demo

.PHONY: test
test: test-rust test-go

.PHONY: test-rust
test-rust: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace

GO_PACKAGES := ./go/... $(addsuffix /go/...,$(addprefix ./,$(FIXTURES))) ./examples/quickstart/go/...

.PHONY: test-go
test-go: packages
	@test -z "$$(gofmt -l go tests examples)" || { echo "gofmt needed:"; gofmt -l go tests examples; exit 1; }
	go vet $(GO_PACKAGES)
	go test $(GO_TEST_FLAGS) -race $(GO_PACKAGES)
	GOEXPERIMENT=cgocheck2 go test $(GO_TEST_FLAGS) $(GO_PACKAGES)
	GOGC=1 go test $(GO_TEST_FLAGS) -tags ferrogo_gcstress $(GO_PACKAGES)

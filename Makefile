# ferrogo — the two commands a newcomer needs:
#   make demo   build a Rust crate into a Go package and run a Go program that uses it
#   make test   every Rust and Go test (what CI runs)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

FERROGO := target/debug/ferrogo
MODULE_ROOT := github.com/ferrogo/ferrogo
# Every crate under tests/fixtures, tests/bench* and examples has its Go package in <crate>/go.
BINDINGS := $(patsubst %/Cargo.toml,%,$(wildcard tests/fixtures/*/Cargo.toml tests/bench*/Cargo.toml examples/*/Cargo.toml))
GO_TEST_FLAGS ?= -count=1

.PHONY: help
help:
	@echo "make demo     run the quick-start example (Rust crate -> Go package -> Go program)"
	@echo "make test     run every Rust and Go test (lint, unit, ui, golden, Go suites with -race, cgocheck2, GC stress)"
	@echo "make bench    boundary benchmarks: ferrogo vs raw cgo (see docs/PERFORMANCE.md)"
	@echo "make stress   longer fuzzing, leak and concurrency runs"

.PHONY: deps
deps:
	@.ci/deps.sh

.PHONY: ferrogo
ferrogo: deps
	cargo build -p ferrogo-cli

# The Go workspace: every Go module in the repository (generated, not committed).
go.work: $(shell find . -name go.mod -not -path './target/*')
	rm -f go.work go.work.sum
	go work init
	go work use -r .

# Generate each binding's Go package and build its static library.
.PHONY: packages
packages: ferrogo go.work
	@for d in $(BINDINGS); do \
		$(FERROGO) build --fuzz --crate $$d --out $$d/go --module $(MODULE_ROOT)/$$d/go; \
	done
	@# What an example's tests need and the repository does not commit (upstream test suites, oracles).
	@for s in $(wildcard examples/*/prepare.sh); do bash $$s; done

.PHONY: demo
demo: packages
	cd examples/quickstart/go && go run ./cmd/demo
	@echo; echo "== examples/regex: Go's regexp API, Rust's engine (rgrep -c 'Sherlock|Holmes|Watson' sherlock.txt)"
	cd examples/regex/go && go run ./cmd/rgrep -c -stats 'Sherlock|Holmes|Watson' testdata/sherlock.txt
	@echo; echo "== examples/tokenizers: Hugging Face tokenizers with daulet/tokenizers' API (tokcount: Llama 3's tokenizer.json on sherlock.txt)"
	cd examples/tokenizers/go && go run ./cmd/tokcount -tokenizer test/data/Meta-Llama-3-8B-Instruct.json -stats ../testdata/sherlock.txt
	@echo; echo "== examples/asyncio: tokio's async file I/O awaited by a goroutine, progress reported to Go code"
	cd examples/asyncio/go && go run ./cmd/asynccp ../../regex/go/testdata/sherlock.txt $$(mktemp -u)

.PHONY: test
test: test-rust test-go test-publish

.PHONY: test-rust
test-rust: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	@# The tokenizers example has no Rust tests (its Go suite tests it; clippy checked it above):
	@# building it and its C dependency for tests again would only cost a minute.
	cargo test --workspace --exclude ferrogo-tokenizers

# All Go packages of all modules in the workspace.
GO_PACKAGES = ./go/... ./go/prometheus/... ./go/wasmrt/... $(addsuffix /go/...,$(addprefix ./,$(BINDINGS)))

.PHONY: test-go
test-go: packages
	@test -z "$$(gofmt -l go tests examples)" || { echo "gofmt needed:"; gofmt -l go tests examples; exit 1; }
	go vet $(GO_PACKAGES)
	@# Every test runs in each mode; the full inputs once, under cgocheck2 (the cheapest mode).
	@# -short leaves out only large inputs (the regex benchmark haystacks and most RE2 search
	@# cases, the tokenizers oracle's long texts, rounds of the list and object-cycle tests):
	@# they take no boundary path the small ones do not, and cost minutes under -race or GOGC=1.
	go test $(GO_TEST_FLAGS) -short -race $(GO_PACKAGES)
	GOEXPERIMENT=cgocheck2 go test $(GO_TEST_FLAGS) $(GO_PACKAGES)
	GOGC=1 go test $(GO_TEST_FLAGS) -short -tags ferrogo_gcstress $(GO_PACKAGES)
	.ci/fuzz.sh
	.ci/consumer.sh
	tests/abi_mismatch.sh
	tests/planted_bug.sh
	tests/valgrind.sh

# Publish the quickstart and both flagships for other platforms too, then use them from a module
# with no Rust toolchain (tests/publish.sh; docs/GUIDE.md, Publishing).
.PHONY: test-publish
test-publish: packages
	.ci/deps-cross.sh
	tests/publish.sh
	tests/wasm.sh

# Benchmarks are not part of `make test`: they are measurements, read as ratios from one run.
.PHONY: bench
bench: packages
	@for s in $(wildcard tests/bench/bench.sh examples/*/bench.sh); do echo "== $$s"; bash $$s; done
	tests/wasm.sh bench

# Longer fuzzing, leak and concurrency runs.
.PHONY: stress
stress: packages
	@for s in $(wildcard tests/stress.sh examples/*/stress.sh); do echo "== $$s"; bash $$s; done
	FUZZTIME=60s .ci/fuzz.sh

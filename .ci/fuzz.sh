#!/usr/bin/env bash
# Runs selected generated fuzz targets (and the flagship's own) for FUZZTIME each (default 2s):
# `make test` runs them briefly, `make stress` with FUZZTIME=60s. Targets whose inputs size an
# allocation (e.g. repeat_byte(n)) are left out: Rust aborts the process when an allocation fails.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-2s}
targets=(
	"tests/fixtures/strings/go FuzzReverse"
	"tests/fixtures/strings/go FuzzReverseChecked"
	"tests/fixtures/strings/go FuzzLinesBytes"
	"tests/fixtures/strings/go FuzzFind"
	"tests/fixtures/errors/go FuzzParsePort"
	"tests/fixtures/objects/go FuzzCounterSetName"
)
for extra in examples/*/fuzz-targets.txt; do
	[ -f "$extra" ] || continue
	while read -r dir target; do
		[ -n "$dir" ] && targets+=("$dir $target")
	done <"$extra"
done
for t in "${targets[@]}"; do
	read -r dir target <<<"$t"
	echo "fuzz $dir $target ($FUZZTIME)"
	(cd "$dir" && go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" . >/tmp/ferrogo-fuzz.log 2>&1) || {
		cat /tmp/ferrogo-fuzz.log
		exit 1
	}
done

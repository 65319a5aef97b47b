#!/usr/bin/env bash
# Runs selected generated fuzz targets (and the flagships' own) for FUZZTIME each: `make test`
# runs 3000 inputs each (a count, not a duration: go1.26's fuzz coordinator can fail a
# duration-bounded run with a spurious "context deadline exceeded", golang/go#75804), `make
# stress` FUZZTIME=60s, where that flake is told apart from a real failure by the reproducer
# file a real failure writes. Targets whose inputs size an
# allocation (e.g. repeat_byte(n)) are left out: Rust aborts the process when an allocation fails.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-3000x}
targets=(
	"tests/fixtures/strings/go FuzzReverse"
	"tests/fixtures/strings/go FuzzReverseChecked"
	"tests/fixtures/strings/go FuzzLinesBytes"
	"tests/fixtures/strings/go FuzzFind"
	"tests/fixtures/strings/go FuzzReadAsGo"
	"tests/fixtures/errors/go FuzzParsePort"
	"tests/fixtures/objects/go FuzzCounterSetName"
	"tests/fixtures/sumtypes/go FuzzEchoDrawing"
	"tests/fixtures/nested/go FuzzEchoDiff"
	"tests/fixtures/stdtypes/go FuzzEchoEvent"
	"tests/fixtures/stdtypes/go FuzzAddresses"
	"tests/fixtures/recursive/go FuzzEchoDoc"
	"tests/fixtures/recursive/go FuzzEchoExpr"
	"tests/fixtures/recursive/go FuzzEchoList"
)
for extra in examples/*/fuzz-targets.txt; do
	[ -f "$extra" ] || continue
	while read -r dir target; do
		[ -n "$dir" ] && targets+=("$dir $target")
	done <"$extra"
done
count_files() {
	if [ -d "$1" ]; then ls "$1" | wc -l; else echo 0; fi
}
for t in "${targets[@]}"; do
	read -r dir target <<<"$t"
	echo "fuzz $dir $target ($FUZZTIME)"
	corpus="$dir/testdata/fuzz/$target"
	before=$(count_files "$corpus")
	(cd "$dir" && go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" . >/tmp/ferrogo-fuzz.log 2>&1) || {
		after=$(count_files "$corpus")
		if [ "$after" = "$before" ] && grep -q "context deadline exceeded" /tmp/ferrogo-fuzz.log; then
			echo "  (ignored: go fuzz coordinator deadline race, golang/go#75804; no failing input)"
			continue
		fi
		cat /tmp/ferrogo-fuzz.log
		exit 1
	}
done

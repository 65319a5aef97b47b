#!/usr/bin/env bash
# Planted bugs: proof that the tests catch a broken runtime. Each case copies the crates, breaks
# one safety check in the copy and runs the tests that guard it, which must FAIL. Run by
# `make test`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A target directory of its own: the copy has the same package ids as the workspace (cargo hashes
# path crates relative to the workspace root), so sharing target/ would let a broken copy stand
# in for the real build.
export CARGO_TARGET_DIR="$repo/target/planted"

# case <name> <file> <sed expression> <test filter>
case_() {
	local name=$1 file=$2 expr=$3 filter=$4 dir="$tmp/$1"
	mkdir -p "$dir"
	cp -r "$repo/crates" "$repo/Cargo.lock" "$dir/"
	# The workspace of the copy: the crates only.
	grep -v '"tests/\|"examples/' "$repo/Cargo.toml" >"$dir/Cargo.toml"
	sed -i "$expr" "$dir/$file"
	if cmp -s "$repo/$file" "$dir/$file"; then
		echo "planted_bug: $name: the plant did not apply to $file (update this script)"
		exit 1
	fi
	if (cd "$dir" && cargo test -q -p ferrogo --lib "$filter" >"$dir.log" 2>&1); then
		echo "planted_bug: FAIL: $name went unnoticed by the tests matching '$filter'"
		exit 1
	fi
	# A failing test, not a build broken by the plant.
	if ! grep -q "test result: FAILED" "$dir.log"; then
		echo "planted_bug: $name: the copy did not build:"
		cat "$dir.log"
		exit 1
	fi
	echo "planted_bug: $name: caught by $(grep -c '^---- ' "$dir.log") test(s)"
}

case_ "skip the handle generation check" crates/ferrogo/src/__private/registry.rs \
	's/(entry.generation == generation).then_some(entry)/Some(entry)/' registry
case_ "accept handle 0 and generation 0" crates/ferrogo/src/__private/registry.rs \
	's/if low == 0 || generation == 0 {/if false {/' registry

#!/usr/bin/env bash
# Planted bugs: proof that the tests catch a broken runtime. Each case breaks one safety check in
# a copy of the crates and runs the tests that guard it, which must FAIL (a failing test, not a
# build broken by the plant). `make test` runs the cases guarded by Rust tests; `--go` (make
# stress) adds the cases only Go fixture suites guard, which need a release build of a fixture
# against the broken runtime.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
with_go=${1:-}
work="$repo/target/planted"
copy="$work/ws"
# A target directory of its own: the copy has the same package ids as the workspace (cargo hashes
# path crates relative to the workspace root), so sharing target/ would let a broken copy stand
# in for the real build.
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$copy"
gotmp=$(mktemp -d)
trap 'rm -rf "$gotmp"' EXIT

# reset: the copy is the repository's crates again. `cp -a` keeps their modification times, so
# crates nothing plants stay fresh in the copy's target directory; the runtime crate, where the
# bugs are planted, is touched so a build of an earlier plant is never reused.
reset() {
	rm -rf "$copy/crates" "$copy/tests"
	cp -a "$repo/crates" "$repo/Cargo.lock" "$copy/"
	find "$copy/crates/ferrogo" -name '*.rs' -exec touch {} +
	# The copy's workspace: the crates and the panics fixture.
	sed -e 's|"tests/fixtures/\*",|"tests/fixtures/panics",|' -e '/"tests\/bench[a-z-]*",/d' -e '/"examples\/\*",/d' \
		"$repo/Cargo.toml" >"$copy/Cargo.toml"
	# Its Go package is written outside the repository (see go_case).
	mkdir -p "$copy/tests/fixtures/panics"
	cp -a "$repo/tests/fixtures/panics/Cargo.toml" "$repo/tests/fixtures/panics/src" "$copy/tests/fixtures/panics/"
}

# plant <name> <file> <sed expression>: breaks the copy of <file>.
plant() {
	local name=$1 file=$2 expr=$3
	reset
	sed -i "$expr" "$copy/$file"
	if cmp -s "$repo/$file" "$copy/$file"; then
		echo "planted_bug: $name: the plant did not apply to $file (update this script)"
		exit 1
	fi
}

# must_fail <name> <log> <sed script printing failed test names> <command...>: the command (a
# test run) must fail, with failing tests.
must_fail() {
	local name=$1 log=$2 names=$3 failed
	shift 3
	if (cd "$copy" && "$@" >"$log" 2>&1); then
		echo "planted_bug: FAIL: $name went unnoticed by: $*"
		exit 1
	fi
	failed=$(sed -nE "$names" "$log" | sort -u | paste -sd ' ')
	if [ -z "$failed" ]; then
		echo "planted_bug: $name: the copy did not build or the tests did not run:"
		tail -40 "$log"
		exit 1
	fi
	echo "planted_bug: $name: caught by $failed"
}

# rust_case <name> <file> <sed expression> <test filter>: the runtime's unit tests must fail.
rust_case() {
	plant "$1" "$2" "$3"
	must_fail "$1" "$work/rust.log" 's/^(__private::)?(.*) --- FAILED$/\2/p' cargo test -q -p ferrogo --lib "$4"
}

# go_case <name> <file> <sed expression> <go test -run pattern>: the panics fixture's Go tests,
# built against the broken runtime, must fail (with no file: the unbroken copy, which must pass).
go_case() {
	if [ -n "$2" ]; then plant "$1" "$2" "$3"; else reset; fi
	# The Go package lives in a temporary directory: a go.mod under the repository would join
	# the repository's go.work (`go work use -r .`) as a second copy of the fixture's module.
	# The tests read ../src/lib.rs, hence the link.
	local pkg="$gotmp/go"
	rm -rf "$gotmp" && mkdir -p "$pkg" && ln -s "$copy/tests/fixtures/panics/src" "$gotmp/src"
	cp "$repo/tests/fixtures/panics/go/go.mod" "$repo/tests/fixtures/panics/go/panics_test.go" "$pkg/"
	"$repo/target/debug/ferrogo" build --no-check --crate "$copy/tests/fixtures/panics" --out "$pkg" \
		--module github.com/ferrogo/ferrogo/tests/fixtures/panics/go >"$work/build.log" 2>&1 || {
		echo "planted_bug: $1: the fixture did not build:"
		tail -40 "$work/build.log"
		exit 1
	}
	(cd "$gotmp" && GOWORK="$gotmp/go.work" go work init ./go "$repo/go")
	if [ -z "$2" ]; then # the baseline
		GOWORK="$gotmp/go.work" go -C "$pkg" test -count=1 -run "$4" . >"$work/go.log" 2>&1 || {
			echo "planted_bug: the unmodified copy fails its Go tests:"
			tail -40 "$work/go.log"
			exit 1
		}
		return
	fi
	must_fail "$1" "$work/go.log" 's/^--- FAIL: ([^ ]+).*/\1/p' \
		env GOWORK="$gotmp/go.work" go -C "$pkg" test -count=1 -run "$4" .
}

# The unbroken copy passes, so a failure below is the plant's doing.
reset
(cd "$copy" && cargo test -q -p ferrogo --lib >"$work/rust.log" 2>&1) || {
	echo "planted_bug: the unmodified copy fails its tests:"
	tail -40 "$work/rust.log"
	exit 1
}

rust_case "skip the handle generation check" crates/ferrogo/src/__private/registry.rs \
	's/(pin.entry().generation == generation).then_some(pin)/Some(pin)/' registry
rust_case "accept handle 0 and generation 0" crates/ferrogo/src/__private/registry.rs \
	's/if low == 0 || generation == 0 {/if false {/' registry
rust_case "skip UTF-8 validation of &str arguments" crates/ferrogo/src/__private/convert/text.rs \
	's/        Err(e) => repaired_str(b, e),/        Err(_) => Ok(unsafe { std::str::from_utf8_unchecked(b) }),/' \
	boundary_tests
rust_case "repair invalid UTF-8 as Rust's from_utf8_lossy does (one U+FFFD per sequence), not as Go does" \
	crates/ferrogo/src/__private/convert/text.rs \
	's/        for _ in chunk.invalid() {/        for _ in chunk.invalid().iter().take(1) {/' \
	boundary_tests
rust_case "let map keys that became equal replace each other in Go's random order" \
	crates/ferrogo/src/__private/convert/maps.rs \
	's/            Some(bytes) => repaired.push((bytes, key, value)),/            Some(_) => insert(key, value),/' \
	boundary_tests
rust_case "lose the panic location" crates/ferrogo/src/__private/panic.rs \
	's/^        .filter(|c| c.message == message);$/        .filter(|_| false);/' \
	boundary_tests
rust_case "report the location of a panic caught earlier for a resumed payload" crates/ferrogo/src/__private/panic.rs \
	's/^        .filter(|c| c.message == message);$/;/' \
	boundary_tests
rust_case "let a panicking payload Drop unwind" crates/ferrogo/src/__private/panic.rs \
	's/match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(payload))) {/match Ok::<(), Box<dyn Any + Send>>(drop(payload)) {/' \
	boundary_tests
rust_case "never drop closed objects" crates/ferrogo/src/__private/registry.rs \
	's/^        drop_entry(entry);$/        let _ = entry;/' registry
rust_case "drop an object while a call still holds it" crates/ferrogo/src/__private/registry.rs \
	's/if parked || hazard::is_protected(entry as \*const ()) {/if parked {/' registry
rust_case "leave a call without checking whether its object was released" crates/ferrogo/src/__private/registry.rs \
	's/if self.slot.entry.load(Ordering::Acquire) != self.entry {/if false {/' registry
rust_case "reuse a slot whose generation would wrap" crates/ferrogo/src/__private/registry.rs \
	's/if slot.generation.load(Ordering::Relaxed) < u32::MAX {/if true {/' registry
rust_case "let a shared call in while an exclusive one holds the object" crates/ferrogo/src/__private/registry.rs \
	's/^            if writer == 0 {$/            if true {/' registry
rust_case "start an exclusive call while shared ones still run" crates/ferrogo/src/__private/registry.rs \
	's/^            if hazard::protections(entry as \*const ()) <= 1 \&\& held == 0 {$/            if true {/' registry
rust_case "free an error Go is still reading" crates/ferrogo/src/error_pool.rs \
	's/^            if !front.is_done() {$/            if false {/' error_pool

if [ "$with_go" = --go ]; then
	go_case "(none)" "" "" 'TestPanicInMethodPoisons|TestPanicInResultMethodPoisons'
	go_case "skip the poison check" crates/ferrogo/src/__private/object.rs \
		's/if T::POISON \&\& entry.is_poisoned() {/if false \&\& entry.is_poisoned() {/' \
		'TestPanicInMethodPoisons|TestPanicInResultMethodPoisons'
	go_case "never poison on unwind" crates/ferrogo/src/__private/object.rs \
		's/^        if T::POISON {$/        if false {/' \
		'TestPanicInMethodPoisons|TestPanicInResultMethodPoisons'
fi

#!/usr/bin/env bash
# Planted bugs: proof that the tests catch a broken runtime or generator. Each case breaks one
# safety check in a copy of the crates and runs the tests that guard it, which must FAIL (a
# failing test, not a build broken by the plant). `make test` runs the cases guarded by Rust tests
# and the generator's lazy-iterator keep-alive (a memory-safety contract only Go tests guard);
# `--go` (make stress) adds the other cases only Go fixture suites guard, which need a release
# build of a fixture against the broken copy.
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
# crates nothing plants stay fresh in the copy's target directory; the runtime and generator
# crates, where the bugs are planted, are touched so a build of an earlier plant is never reused.
reset() {
	rm -rf "$copy/crates" "$copy/tests"
	cp -a "$repo/crates" "$repo/Cargo.lock" "$copy/"
	find "$copy/crates/ferrogo" "$copy/crates/ferrogo-gen/src" -name '*.rs' -exec touch {} +
	# The copy's workspace: the crates and the fixtures Go cases build.
	sed -e 's|"tests/fixtures/\*",|"tests/fixtures/panics", "tests/fixtures/iterators",|' -e '/"tests\/bench[a-z-]*",/d' -e '/"examples\/\*",/d' \
		"$repo/Cargo.toml" >"$copy/Cargo.toml"
	# Their Go packages are written outside the repository (see fixture_package).
	for f in panics iterators; do
		mkdir -p "$copy/tests/fixtures/$f"
		cp -a "$repo/tests/fixtures/$f/Cargo.toml" "$repo/tests/fixtures/$f/src" "$copy/tests/fixtures/$f/"
	done
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

# fixture_package <name> <fixture> <ferrogo binary>: writes the Go package of the copy's
# fixture, with the fixture's hand-written tests, to $gotmp/go, in a Go workspace of its own.
# The package lives in a temporary directory: a go.mod under the repository would join the
# repository's go.work (`go work use -r .`) as a second copy of the fixture's module. Tests
# that read ../src/lib.rs find it through a link.
fixture_package() {
	local name=$1 fixture=$2 ferrogo=$3 pkg="$gotmp/go" t
	rm -rf "$gotmp" && mkdir -p "$pkg" && ln -s "$copy/tests/fixtures/$fixture/src" "$gotmp/src"
	cp "$repo/tests/fixtures/$fixture/go/go.mod" "$pkg/"
	for t in "$repo/tests/fixtures/$fixture/go/"*_test.go; do
		case $t in *_ferrogo_fuzz_test.go) ;; *) cp "$t" "$pkg/" ;; esac
	done
	"$ferrogo" build --no-check --crate "$copy/tests/fixtures/$fixture" --out "$pkg" \
		--module "github.com/ferrogo/ferrogo/tests/fixtures/$fixture/go" >"$work/build.log" 2>&1 || {
		echo "planted_bug: $name: the fixture did not build:"
		tail -40 "$work/build.log"
		exit 1
	}
	(cd "$gotmp" && GOWORK="$gotmp/go.work" go work init ./go "$repo/go")
}

# fixture_tests <name> <go test -run pattern> [broken]: runs the Go tests fixture_package wrote,
# which must pass (the baseline) or, given `broken`, fail.
fixture_tests() {
	if [ -z "${3:-}" ]; then
		GOWORK="$gotmp/go.work" go -C "$gotmp/go" test -count=1 -run "$2" . >"$work/go.log" 2>&1 || {
			echo "planted_bug: the unmodified copy fails its Go tests ($1):"
			tail -40 "$work/go.log"
			exit 1
		}
		return
	fi
	must_fail "$1" "$work/go.log" 's/^--- FAIL: ([^ ]+).*/\1/p' \
		env GOWORK="$gotmp/go.work" go -C "$gotmp/go" test -count=1 -run "$2" .
}

# go_case <name> <file> <sed expression> <go test -run pattern> [fixture]: the fixture's
# (panics by default) Go tests, built against the broken runtime, must fail (with no file: the
# unbroken copy, which must pass).
go_case() {
	if [ -n "$2" ]; then plant "$1" "$2" "$3"; else reset; fi
	fixture_package "$1" "${5:-panics}" "$repo/target/debug/ferrogo"
	fixture_tests "$1" "$4" ${2:+broken}
}

# gen_case <name> <sed expression> <go test -run pattern>: the iterators fixture's Go tests, in
# a package the broken generator wrote, must fail (with no expression: the unbroken copy's
# generator, whose package must pass).
gen_case() {
	local file=crates/ferrogo-gen/src/call/sequence.rs # the cgo emitter of sequences (lazy iterators)
	if [ -n "$2" ]; then plant "$1" "$file" "$2"; else reset; fi
	(cd "$copy" && cargo build -q -p ferrogo-cli >"$work/build.log" 2>&1) || {
		echo "planted_bug: $1: the copy's ferrogo did not build:"
		tail -40 "$work/build.log"
		exit 1
	}
	fixture_package "$1" iterators "$CARGO_TARGET_DIR/debug/ferrogo"
	fixture_tests "$1" "$3" ${2:+broken}
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
	's/^            if trusted \&\& hazard::protections(entry as \*const ()) <= 1 \&\& held == 0 {$/            if true {/' registry
rust_case "ignore a thread's own hazards in the overflow list (a re-entrant call waits for itself)" \
	crates/ferrogo/src/__private/hazard.rs \
	's/^    if slots.spilled.load(Ordering::Relaxed) == 0 {$/    if true {/' hazard
rust_case "free an error Go is still reading" crates/ferrogo/src/error_pool.rs \
	's/^            if !front.is_done() {$/            if false {/' error_pool
rust_case "let a lazy iterator's object go while the iterator borrows it" crates/ferrogo/src/__private/iterators.rs \
	's/registry.insert(it.holding(Box::new(held)))/{ drop(held); registry.insert(it) }/' iterators

# A lazy iterator reads its arguments after the call that made it (ADR 0014).
lazy='TestLazyIterator|TestBreakingOutOfALazyLoop|TestPanicInALazyLoop'
# (TestLazyIterator includes TestLazyIteratorStringArgumentOffTheStack.)
gen_case "(none)" "" "$lazy"
gen_case "release a lazy iterator's arguments after its first chunk" \
	's/w.line(format!("runtime.KeepAlive({local})"));/let _ = local;/' "$lazy"

if [ "$with_go" = --go ]; then
	go_case "(none)" "" "" 'TestPanicInMethodPoisons|TestPanicInResultMethodPoisons'
	go_case "skip the poison check" crates/ferrogo/src/__private/object.rs \
		's/if T::POISON \&\& entry.is_poisoned() {/if false \&\& entry.is_poisoned() {/' \
		'TestPanicInMethodPoisons|TestPanicInResultMethodPoisons'
	go_case "never poison on unwind" crates/ferrogo/src/__private/object.rs \
		's/^        if T::POISON {$/        if false {/' \
		'TestPanicInMethodPoisons|TestPanicInResultMethodPoisons'
	gen_case "leave a lazy iterator's arguments where the stack may move them" \
		's/w.line(format!("rt.OnHeap({local})"));/let _ = local;/' "$lazy"
	gen_case "let Go code change what a lazy iterator reads" \
		's/copy_for_loop(ty, local, h).map(/None::<String>.map(/' "$lazy"
	go_case "let a lazy iterator's object go while the iterator borrows it (Go)" crates/ferrogo/src/__private/iterators.rs \
		's/registry.insert(it.holding(Box::new(held)))/{ drop(held); registry.insert(it) }/' \
		'TestLazyMethod|TestChangingMethod|TestLeavingALazyMethodLoop' iterators
fi

#!/usr/bin/env bash
# The long runs (make stress, after make packages): leak and concurrency tests gated by
# FERROGO_STRESS=1 (the concurrency one under -race), large inputs, valgrind over the Rust
# runtime's tests, and every planted bug.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/tests/fixtures/objects/go"
echo "stress: 10^7 create/close, 10^6 create-and-drop (RSS flat, no live handles)"
FERROGO_STRESS=1 go test -count=1 -v -run 'TestStressCreate' -timeout 30m . | grep -E '^(---|ok|FAIL|\s+stress_test)'
echo "stress: 10^6 calls racing Close, under -race"
FERROGO_STRESS=1 go test -count=1 -race -v -run 'TestStressCallsRacingClose' -timeout 30m . | grep -E '^(---|ok|FAIL|\s+stress_test)'
echo "stress: 10,000 closes of 1 MiB objects during one call, 5,000 exiting threads, 11,000 slow blocking calls"
cd "$repo/tests/fixtures/lifecycle/go"
FERROGO_STRESS=1 go test -count=1 -v -run 'TestStress' -timeout 30m . | grep -E '^(---|ok|FAIL|\s+\w+_test)'
echo "stress: a 1 GiB input, 256 MiB results and lists"
cd "$repo/tests/fixtures/strings/go"
FERROGO_STRESS=1 go test -count=1 -v -run 'TestLargeInput' . | grep -E '^(---|ok|FAIL|\s+malformed_test)'
"$repo/tests/valgrind.sh"
# Planted bugs, including those only the Go fixture suites catch (a release build of a fixture).
"$repo/tests/planted_bug.sh" --go

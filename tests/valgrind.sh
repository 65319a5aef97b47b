#!/usr/bin/env bash
# valgrind (memcheck) over the Rust runtime's own tests: the handle registry (create, look up,
# release, stale and forged handles, chunk growth), result buffers, error encoding and the panic
# path. Any invalid read/write or definite leak fails. Run by `make test` and `make stress`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
if ! command -v valgrind >/dev/null 2>&1; then
	if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
	else
		echo "valgrind: not installed (apt-get install valgrind); skipped" >&2
		exit 0
	fi
fi
bin=$(cargo test -q -p ferrogo --lib --no-run --message-format=json 2>/dev/null |
	python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "ferrogo":
        print(m["executable"])')
[ -n "$bin" ] || { echo "valgrind: could not find the ferrogo test binary" >&2; exit 1; }
valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
	--show-leak-kinds=definite "$bin" --test-threads=2 -q >/tmp/ferrogo-valgrind.log 2>&1 || {
	cat /tmp/ferrogo-valgrind.log
	echo "valgrind: memcheck found errors in the runtime tests"
	exit 1
}
echo "valgrind: runtime tests clean ($(grep -Eo '[0-9]+ passed' /tmp/ferrogo-valgrind.log | head -1))"

#!/usr/bin/env bash
# A consumer outside this repository: `ferrogo build` into a fresh directory, then a Go module that
# only adds `replace` lines runs with plain `go run` (no go.work, no CGO_* variables).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$repo/target/debug/ferrogo" build --crate "$repo/examples/quickstart" --out "$tmp/quickstart-go" --module example.com/quickstart 2>/dev/null
mkdir "$tmp/app"
cat >"$tmp/app/go.mod" <<MOD
module example.com/app

go 1.24

require example.com/quickstart v0.0.0

replace example.com/quickstart => ../quickstart-go

replace github.com/ferrogo/ferrogo/go => $repo/go
MOD
cat >"$tmp/app/main.go" <<'GO'
package main

import (
	"errors"
	"fmt"

	"example.com/quickstart"
)

func main() {
	_, err := quickstart.ParsePort("")
	fmt.Println(quickstart.Add(2, 3), quickstart.Greet("consumer"), errors.Is(err, quickstart.ErrEmpty))
}
GO
unset CGO_LDFLAGS CGO_CFLAGS
out=$(cd "$tmp/app" && GOWORK=off GOFLAGS=-mod=mod go run . 2>&1)
want="5 Hello, consumer! (from Rust) true"
if [ "$out" != "$want" ]; then
	echo "consumer: got: $out" >&2
	echo "consumer: want: $want" >&2
	exit 1
fi
echo "consumer: ok ($want)"

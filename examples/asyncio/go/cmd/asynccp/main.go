// Command asynccp copies a file with tokio's file I/O (through ferrogo), printing progress from
// a Go implementation of the Rust Progress trait, and the copy's SHA-256.
//
//	asynccp [-timeout 10s] SRC DST
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/ferrogo/ferrogo/examples/asyncio/go"
)

// bar prints the progress Rust reports, as it reports it.
type bar struct{ last int }

func (b *bar) Advance(path string, done, total uint64) bool {
	pct := 100
	if total > 0 {
		pct = int(done * 100 / total)
	}
	if pct/10 != b.last/10 || done == total {
		fmt.Printf("\r%s: %3d%% (%d of %d bytes)", path, pct, done, total)
		b.last = pct
	}
	return true
}

func main() {
	timeout := flag.Duration("timeout", 10*time.Second, "give up after this long")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: asynccp [-timeout d] SRC DST")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	src, dst := flag.Arg(0), flag.Arg(1)
	n, err := asyncio.CopyFile(ctx, src, dst, &bar{last: -10})
	fmt.Println()
	if err != nil {
		fmt.Fprintln(os.Stderr, "asynccp:", err)
		os.Exit(1)
	}
	sum, err := asyncio.Sha256File(ctx, dst)
	if err != nil {
		fmt.Fprintln(os.Stderr, "asynccp:", err)
		os.Exit(1)
	}
	fmt.Printf("copied %d bytes; sha256 %s\n", n, sum)
}

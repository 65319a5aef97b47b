package asyncio_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ferrogo/ferrogo/examples/asyncio/go"
)

var bg = context.Background()

// progress counts what Rust reports, from its runtime threads.
type progress struct {
	calls    atomic.Int64
	last     atomic.Uint64
	stopAt   uint64
	slowDown time.Duration
}

func (p *progress) Advance(path string, done, total uint64) bool {
	p.calls.Add(1)
	p.last.Store(done)
	if p.slowDown > 0 {
		time.Sleep(p.slowDown)
	}
	return p.stopAt == 0 || done < p.stopAt
}

func randomFile(t *testing.T, dir, name string, size int) []byte {
	t.Helper()
	data := make([]byte, size)
	rand.Read(data)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

// The copy is Go's os.ReadFile of the source, the progress reports every 64 KiB chunk.
func TestCopyFile(t *testing.T) {
	dir := t.TempDir()
	data := randomFile(t, dir, "src", 1<<20+123)
	p := &progress{}
	n, err := asyncio.CopyFile(bg, filepath.Join(dir, "src"), filepath.Join(dir, "dst"), p)
	if err != nil || n != uint64(len(data)) {
		t.Fatalf("CopyFile = %d, %v", n, err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "dst"))
	if !bytes.Equal(got, data) {
		t.Fatal("the copy differs from the source")
	}
	if p.calls.Load() != 17 || p.last.Load() != uint64(len(data)) {
		t.Fatalf("progress: %d calls, last %d; want 17 chunks ending at %d", p.calls.Load(), p.last.Load(), len(data))
	}
	if live := asyncio.Stats().Callbacks["Progress"].Live; live != 0 {
		t.Fatalf("%d Progress values still held", live)
	}
}

// Errors are the Rust error type's; a stopped, failed or canceled copy leaves no file.
func TestCopyErrorsAndCancellation(t *testing.T) {
	dir := t.TempDir()
	randomFile(t, dir, "src", 1<<20)
	dst := filepath.Join(dir, "dst")

	_, err := asyncio.CopyFile(bg, filepath.Join(dir, "missing"), dst, &progress{})
	var nf *asyncio.NotFoundError
	if !errors.As(err, &nf) || nf.Path != filepath.Join(dir, "missing") {
		t.Fatalf("CopyFile(missing): %v", err)
	}

	if _, err := asyncio.CopyFile(bg, filepath.Join(dir, "src"), dst, &progress{stopAt: 200_000}); !errors.Is(err, asyncio.ErrStopped) {
		t.Fatalf("CopyFile stopped by Go: %v", err)
	}
	if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a stopped copy left %s behind: %v", dst, err)
	}

	ctx, cancel := context.WithTimeout(bg, 30*time.Millisecond)
	defer cancel()
	slow := &progress{slowDown: 10 * time.Millisecond}
	if _, err := asyncio.CopyFile(ctx, filepath.Join(dir, "src"), dst, slow); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("CopyFile with a short deadline: %v", err)
	}
	// The future is dropped on the runtime's thread after the chunk in progress.
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a canceled copy left its partial file")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if slow.calls.Load() >= 16 {
		t.Fatalf("the canceled copy ran to the end (%d chunks)", slow.calls.Load())
	}
}

// Hashes and directory listings agree with Go's own packages.
func TestHashesAndSizesMatchGo(t *testing.T) {
	dir := t.TempDir()
	files := map[string]int{"a": 0, "b": 1, "c": 65536, "d": 300_001}
	for name, size := range files {
		data := randomFile(t, dir, name, size)
		want := sha256.Sum256(data)
		got, err := asyncio.Sha256File(bg, filepath.Join(dir, name))
		if err != nil || got != hex.EncodeToString(want[:]) {
			t.Fatalf("Sha256File(%s) = %s, %v; crypto/sha256 says %x", name, got, err, want)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	sizes, err := asyncio.FileSizes(bg, dir)
	if err != nil || len(sizes) != len(files) {
		t.Fatalf("FileSizes = %v, %v", sizes, err)
	}
	for name, size := range files {
		if sizes[name] != uint64(size) {
			t.Fatalf("FileSizes[%s] = %d, want %d", name, sizes[name], size)
		}
	}
	if _, err := asyncio.Sha256File(bg, filepath.Join(dir, "nope")); !errors.As(err, new(*asyncio.NotFoundError)) {
		t.Fatalf("Sha256File(nope): %v", err)
	}
}

// Many goroutines copy at once; none holds an OS thread while its copy waits for I/O.
func TestConcurrentCopies(t *testing.T) {
	dir := t.TempDir()
	data := randomFile(t, dir, "src", 200_000)
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dst := filepath.Join(dir, "dst"+string(rune('A'+i%26))+string(rune('a'+i/26)))
			if n, err := asyncio.CopyFile(bg, filepath.Join(dir, "src"), dst, &progress{}); err != nil || n != uint64(len(data)) {
				t.Errorf("copy %d: %d, %v", i, n, err)
			}
		}()
	}
	wg.Wait()
}

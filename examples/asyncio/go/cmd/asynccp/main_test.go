package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestAsynccp(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.WriteFile(src, []byte(strings.Repeat("ferrogo ", 100_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "run", ".", src, filepath.Join(dir, "dst")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "copied 800000 bytes; sha256 ") || !strings.Contains(string(out), "100%") {
		t.Fatalf("asynccp: %v\n%s", err, out)
	}
}

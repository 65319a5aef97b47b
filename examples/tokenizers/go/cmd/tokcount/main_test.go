package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunCountsTokens(t *testing.T) {
	file := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(file, []byte("brown fox jumps\nover the lazy dog\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(&out, "../../test/data/bert-base-uncased.json", false, []string{file}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), file+": 7 tokens in 3 lines") {
		t.Errorf("output:\n%s", out.String())
	}
	if err := run(&out, "../../test/data/bert-base-uncased.json", false, []string{file + ".missing"}); err == nil {
		t.Error("a missing file is not an error")
	}
}

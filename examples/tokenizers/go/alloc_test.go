package tokenizers

import (
	"context"
	"testing"
)

// Go-side allocations per call do not grow with the number of tokens or of texts: results
// come back in a few flat buffers that Go slices (github.com/daulet/tokenizers allocates a
// string per token).

func TestEncodeAllocations(t *testing.T) {
	tk := bert(t)
	short := "brown fox jumps over the lazy dog"
	long := sherlock1K(t)
	for _, c := range []struct {
		name string
		run  func(text string)
		max  float64
	}{
		// ids, tokens text, []string
		{"Encode", func(s string) { tk.Encode(s, true) }, 3},
		// the options (as in daulet's), numbers, tokens text, []string, []Offset
		{"EncodeWithOptions(all)", func(s string) { tk.EncodeWithOptions(s, true, WithReturnAllAttributes()) }, 5},
		{"EncodeWithOptions(ids)", func(s string) { tk.EncodeWithOptions(s, true) }, 1},
	} {
		for _, text := range []string{short, long} {
			if n := testing.AllocsPerRun(20, func() { c.run(text) }); n > c.max {
				t.Errorf("%s of %d bytes: %.0f allocations, want at most %.0f", c.name, len(text), n, c.max)
			}
		}
	}
	ids, _ := tk.Encode(long, false)
	if n := testing.AllocsPerRun(20, func() { tk.Decode(ids, false) }); n > 1 {
		t.Errorf("Decode: %.0f allocations, want 1 (the string)", n)
	}
}

func TestBatchAllocationsDoNotGrowWithTheBatch(t *testing.T) {
	tk := bert(t)
	ctx := context.Background()
	texts := paragraphs(t, 100)
	measure := func(texts []string) float64 {
		return testing.AllocsPerRun(5, func() { tk.EncodeBatch(ctx, texts, true, WithReturnAllAttributes()) })
	}
	small, big := measure(texts[:5]), measure(texts)
	if big > small || big > 8 {
		t.Errorf("EncodeBatch: %.0f allocations for 5 texts, %.0f for 100", small, big)
	}
}

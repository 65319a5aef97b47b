// Package compare benchmarks this flagship against github.com/daulet/tokenizers and against the
// tokenizers crate called natively from Rust, each case three ways in one run. ../bench.sh
// builds daulet's Rust library, makes a Go module of this directory and prints the table of
// docs/PERFORMANCE.md.
package compare

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	daulet "github.com/daulet/tokenizers"
	tokenizers "github.com/ferrogo/ferrogo/examples/tokenizers/go"
)

var (
	once      sync.Once
	data      string // daulet's test data
	sherlock  string
	paragraph []string
)

func setup(b testing.TB) {
	once.Do(func() {
		data = os.Getenv("DAULET_DATA")
		s, err := os.ReadFile(os.Getenv("SHERLOCK"))
		if err != nil {
			panic(err)
		}
		sherlock = string(s)
		for _, p := range strings.Split(sherlock, "\r\n\r\n") {
			if p = strings.TrimSpace(p); len(p) > 0 {
				paragraph = append(paragraph, p)
			}
		}
	})
	if data == "" {
		b.Fatal("DAULET_DATA is not set: run ../bench.sh")
	}
}

// prefix returns sherlock's whole paragraphs within its first n bytes.
func prefix(n int) string {
	s := sherlock[:n]
	return s[:strings.LastIndex(s, "\r\n\r\n")]
}

type pair struct {
	d *daulet.Tokenizer
	f *tokenizers.Tokenizer
}

func load(b testing.TB, name string) pair {
	setup(b)
	path := data + "/" + name
	d, err := daulet.FromFile(path)
	if err != nil {
		b.Fatal(err)
	}
	f, err := tokenizers.FromFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close(); f.Close() })
	return pair{d, f}
}

const llama3Pattern = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`

func loadTiktoken(b testing.TB) pair {
	setup(b)
	model, config := data+"/meta-llama-3-8b-instruct/tiktoken.model", data+"/meta-llama-3-8b-instruct/tokenizer_config.json"
	d, err := daulet.FromTiktoken(model, config, llama3Pattern)
	if err != nil {
		b.Fatal(err)
	}
	f, err := tokenizers.FromTiktoken(model, config, llama3Pattern)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close(); f.Close() })
	return pair{d, f}
}

var sink int

// BenchmarkEncode: Encode(text, true), ids and tokens, as daulet's Encode returns them.
func BenchmarkEncode(b *testing.B) {
	for _, tok := range []struct{ name, file string }{{"bert", "bert-base-uncased.json"}, {"llama3", "Meta-Llama-3-8B-Instruct.json"}} {
		p := load(b, tok.file)
		for _, size := range []struct {
			name string
			n    int
		}{{"1KB", 1 << 10}, {"100KB", 100 << 10}} {
			text := prefix(size.n)
			b.Run(tok.name+"-"+size.name+"/daulet", func(b *testing.B) {
				for b.Loop() {
					ids, _ := p.d.Encode(text, true)
					sink += len(ids)
				}
			})
			b.Run(tok.name+"-"+size.name+"/ferrogo", func(b *testing.B) {
				for b.Loop() {
					ids, _ := p.f.Encode(text, true)
					sink += len(ids)
				}
			})
			b.Run(tok.name+"-"+size.name+"/native", func(b *testing.B) {
				b.ReportAllocs()
				if _, err := p.f.NativeEncode(text, true, true, uint64(b.N)); err != nil {
					b.Fatal(err)
				}
			})
		}
	}
	p := loadTiktoken(b)
	text := prefix(1 << 10)
	b.Run("tiktoken-1KB/daulet", func(b *testing.B) {
		for b.Loop() {
			ids, _ := p.d.Encode(text, true)
			sink += len(ids)
		}
	})
	b.Run("tiktoken-1KB/ferrogo", func(b *testing.B) {
		for b.Loop() {
			sink += len(p.f.EncodeWithOptions(text, true).IDs) // ids only, as daulet returns for tiktoken
		}
	})
	b.Run("tiktoken-1KB/native", func(b *testing.B) {
		if _, err := p.f.NativeEncode(text, true, false, uint64(b.N)); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkEncodeAll: EncodeWithOptions with every attribute (ids, masks, tokens, offsets).
func BenchmarkEncodeAll(b *testing.B) {
	p := load(b, "Meta-Llama-3-8B-Instruct.json")
	text := prefix(1 << 10)
	b.Run("llama3-1KB/daulet", func(b *testing.B) {
		for b.Loop() {
			sink += len(p.d.EncodeWithOptions(text, true, daulet.WithReturnAllAttributes()).IDs)
		}
	})
	b.Run("llama3-1KB/ferrogo", func(b *testing.B) {
		for b.Loop() {
			sink += len(p.f.EncodeWithOptions(text, true, tokenizers.WithReturnAllAttributes()).IDs)
		}
	})
	b.Run("llama3-1KB/native", func(b *testing.B) {
		if _, err := p.f.NativeEncode(text, true, true, uint64(b.N)); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkDecode: Decode(ids, true) of the ids of the 1 KB and 100 KB inputs.
func BenchmarkDecode(b *testing.B) {
	p := load(b, "Meta-Llama-3-8B-Instruct.json")
	for _, size := range []struct {
		name string
		n    int
	}{{"1KB", 1 << 10}, {"100KB", 100 << 10}} {
		ids, _ := p.f.Encode(prefix(size.n), true)
		b.Run("llama3-"+size.name+"/daulet", func(b *testing.B) {
			for b.Loop() {
				sink += len(p.d.Decode(ids, true))
			}
		})
		b.Run("llama3-"+size.name+"/ferrogo", func(b *testing.B) {
			for b.Loop() {
				sink += len(p.f.Decode(ids, true))
			}
		})
		b.Run("llama3-"+size.name+"/native", func(b *testing.B) {
			if _, err := p.f.NativeDecode(ids, true, uint64(b.N)); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// BenchmarkBatch: 1000 texts (sherlock's paragraphs) encoded one by one or as one EncodeBatch.
func BenchmarkBatch(b *testing.B) {
	p := load(b, "Meta-Llama-3-8B-Instruct.json")
	texts := paragraph[:1000]
	b.Run("llama3-1000/daulet-sequential", func(b *testing.B) {
		for b.Loop() {
			for _, t := range texts {
				ids, _ := p.d.Encode(t, true)
				sink += len(ids)
			}
		}
	})
	b.Run("llama3-1000/ferrogo-sequential", func(b *testing.B) {
		for b.Loop() {
			for _, t := range texts {
				ids, _ := p.f.Encode(t, true)
				sink += len(ids)
			}
		}
	})
	b.Run("llama3-1000/ferrogo-batch", func(b *testing.B) {
		for b.Loop() {
			encs, err := p.f.EncodeBatch(context.Background(), texts, true, tokenizers.WithReturnTokens())
			if err != nil {
				b.Fatal(err)
			}
			sink += len(encs)
		}
	})
}

// TestAlternating times the variants of each case back to back, alternating (in a rotating
// order), many times, and prints the mean of each: on a shared, noisy machine this cancels most
// of the drift that separates benchmarks run one after the other. bench.sh prints the ratios.
func TestAlternating(t *testing.T) {
	if os.Getenv("DAULET_DATA") == "" {
		t.Skip("run by ../bench.sh")
	}
	type variant func()
	run := func(name string, reps int, variants ...variant) {
		for _, v := range variants { // warm up: first calls fault pages in and fill caches
			v()
		}
		sums := make([]time.Duration, len(variants))
		for r := range reps {
			for k := range variants {
				i := (r + k) % len(variants)
				start := time.Now()
				variants[i]()
				sums[i] += time.Since(start)
			}
		}
		fmt.Printf("ALT %s", name)
		for _, s := range sums {
			fmt.Printf(" %d", s.Nanoseconds()/int64(reps))
		}
		fmt.Println()
	}
	must := func(_ uint64, err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tok := range []struct{ name, file string }{{"bert", "bert-base-uncased.json"}, {"llama3", "Meta-Llama-3-8B-Instruct.json"}} {
		p := load(t, tok.file)
		for _, size := range []struct {
			name string
			n    int
			reps int
		}{{"1KB", 1 << 10, 1000}, {"100KB", 100 << 10, 20}} {
			text := prefix(size.n)
			run("Encode/"+tok.name+"-"+size.name, size.reps,
				func() { p.d.Encode(text, true) },
				func() { p.f.Encode(text, true) },
				func() { must(p.f.NativeEncode(text, true, true, 1)) })
		}
	}
	p := loadTiktoken(t)
	text := prefix(1 << 10)
	run("Encode/tiktoken-1KB", 1000,
		func() { p.d.Encode(text, true) },
		func() { p.f.EncodeWithOptions(text, true) },
		func() { must(p.f.NativeEncode(text, true, false, 1)) })
	p = load(t, "Meta-Llama-3-8B-Instruct.json")
	run("EncodeAll/llama3-1KB", 1000,
		func() { p.d.EncodeWithOptions(text, true, daulet.WithReturnAllAttributes()) },
		func() { p.f.EncodeWithOptions(text, true, tokenizers.WithReturnAllAttributes()) },
		func() { must(p.f.NativeEncode(text, true, true, 1)) })
	for _, size := range []struct {
		name string
		n    int
		reps int
	}{{"1KB", 1 << 10, 2000}, {"100KB", 100 << 10, 50}} {
		ids, _ := p.f.Encode(prefix(size.n), true)
		run("Decode/llama3-"+size.name, size.reps,
			func() { p.d.Decode(ids, true) },
			func() { p.f.Decode(ids, true) },
			func() { must(p.f.NativeDecode(ids, true, 1)) })
	}
	texts := paragraph[:1000]
	run("Batch/llama3-1000", 20,
		func() {
			for _, s := range texts {
				p.d.Encode(s, true)
			}
		},
		func() {
			for _, s := range texts {
				p.f.Encode(s, true)
			}
		},
		func() {
			if _, err := p.f.EncodeBatch(context.Background(), texts, true, tokenizers.WithReturnTokens()); err != nil {
				t.Fatal(err)
			}
		})
}

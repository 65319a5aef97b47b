// Command tokcount counts the tokens of files with a Hugging Face tokenizer, encoding each
// file's lines as one parallel batch:
//
//	tokcount [-tokenizer tokenizer.json] [-special] [-stats] file...
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	tokenizers "github.com/ferrogo/ferrogo/examples/tokenizers/go"
)

func main() {
	path := flag.String("tokenizer", "test/data/bert-base-uncased.json", "a Hugging Face tokenizer.json")
	special := flag.Bool("special", false, "add the tokenizer's special tokens to each line")
	stats := flag.Bool("stats", false, "print the calls made into Rust")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: tokcount [-tokenizer tokenizer.json] [-special] [-stats] file...")
		os.Exit(2)
	}
	if err := run(os.Stdout, *path, *special, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "tokcount:", err)
		os.Exit(1)
	}
	if *stats {
		stats := tokenizers.Stats().Functions
		for _, name := range slices.Sorted(maps.Keys(stats)) {
			if f := stats[name]; f.Calls > 0 {
				fmt.Printf("  %s: %d calls, %d bytes in, %d bytes out\n", name, f.Calls, f.BytesIn, f.BytesOut)
			}
		}
	}
}

// run prints, for each file, its tokens, lines, bytes per token and the time taken.
func run(w io.Writer, path string, special bool, files []string) error {
	tk, err := tokenizers.FromFile(path)
	if err != nil {
		return err
	}
	defer tk.Close()
	fmt.Fprintf(w, "%s (%d tokens in the vocabulary, %d threads)\n", path, tk.VocabSize(), tokenizers.BatchParallelism())
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		lines := strings.Split(string(data), "\n")
		start := time.Now()
		encodings, err := tk.EncodeBatch(context.Background(), lines, special)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		took := time.Since(start)
		total := 0
		for _, e := range encodings {
			total += len(e.IDs)
		}
		fmt.Fprintf(w, "%s: %d tokens in %d lines, %.1f bytes per token (%v)\n",
			file, total, len(lines), float64(len(data))/float64(max(total, 1)), took.Round(time.Millisecond))
	}
	return nil
}

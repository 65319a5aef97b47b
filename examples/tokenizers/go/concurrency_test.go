package tokenizers

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/ferrogo/ferrogo/go"
)

func TestConcurrentUseOfOneTokenizer(t *testing.T) {
	tk := bert(t)
	texts := append(paragraphs(t, 20), multilingual...)
	want := make([]Encoding, len(texts))
	for i, text := range texts {
		want[i], _ = tk.EncodeStrict(text, true, WithReturnAllAttributes())
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				i := (g*7 + round) % len(texts)
				got, err := tk.EncodeStrict(texts[i], true, WithReturnAllAttributes())
				if err != nil || !equalEncodings(got, want[i]) {
					t.Errorf("goroutine %d: text %d differs (%v)", g, i, err)
				}
				if s, err := tk.DecodeStrict(got.IDs, true); err != nil || s != tk.Decode(want[i].IDs, true) {
					t.Errorf("goroutine %d: decoding text %d: %v", g, i, err)
				}
				batch, err := tk.EncodeBatch(context.Background(), texts, true, WithReturnAllAttributes())
				if err != nil || !equalEncodings(batch[i], want[i]) {
					t.Errorf("goroutine %d: batch encoding %d differs (%v)", g, i, err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestCloseDuringConcurrentCalls(t *testing.T) {
	tk, err := FromFile("test/data/bert-base-uncased.json")
	if err != nil {
		t.Fatal(err)
	}
	texts := paragraphs(t, 10)
	want, _ := tk.EncodeStrict(texts[3], false)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range 20 {
				var err error
				if g%2 == 0 {
					var e Encoding
					e, err = tk.EncodeStrict(texts[3], false)
					if err == nil && !slices.Equal(e.IDs, want.IDs) {
						t.Errorf("a call racing Close got other ids")
					}
				} else {
					_, err = tk.EncodeBatch(context.Background(), texts, false)
				}
				if err != nil && !errors.Is(err, ferrogo.ErrClosed) {
					t.Errorf("a call racing Close: %v", err)
				}
			}
		}()
	}
	close(start)
	tk.Close()
	wg.Wait()
	if _, err := tk.EncodeStrict("x", false); !errors.Is(err, ferrogo.ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

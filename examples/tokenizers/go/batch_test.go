package tokenizers

import (
	"context"
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func paragraphs(tb testing.TB, n int) []string {
	s, _ := bigInputs(tb)
	var out []string
	for _, p := range strings.Split(s, "\r\n\r\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

func TestEncodeBatchEqualsEncodeOneByOne(t *testing.T) {
	texts := append(paragraphs(t, 60), multilingual...)
	for name, tk := range map[string]*Tokenizer{"hf": bert(t), "tiktoken": llama3Tiktoken(t)} {
		for _, opts := range [][]EncodeOption{nil, {WithReturnTokens()}, {WithReturnAllAttributes()}, {WithReturnOffsets(), WithReturnAttentionMask()}} {
			got, err := tk.EncodeBatch(context.Background(), texts, true, opts...)
			if err != nil || len(got) != len(texts) {
				t.Fatalf("%s: EncodeBatch = %d encodings, %v", name, len(got), err)
			}
			for i, text := range texts {
				want, err := tk.EncodeStrict(text, true, opts...)
				if err != nil || !equalEncodings(got[i], want) {
					t.Errorf("%s: encoding %d of the batch differs from EncodeStrict (%v)", name, i, err)
				}
			}
		}
		if got, err := tk.EncodeBatch(context.Background(), nil, true); err != nil || len(got) != 0 {
			t.Errorf("%s: EncodeBatch(nil) = %v, %v", name, got, err)
		}
	}
}

func TestEncodeBatchSlicesDoNotOverlap(t *testing.T) {
	tk := bert(t)
	got, err := tk.EncodeBatch(context.Background(), []string{"brown fox", "lazy dog"}, false, WithReturnAllAttributes())
	if err != nil {
		t.Fatal(err)
	}
	// Appending to one encoding's slice must not overwrite its neighbour's.
	_ = append(got[0].IDs, 7, 7, 7)
	_ = append(got[0].Tokens, "x")
	_ = append(got[0].Offsets, Offset{9, 9})
	if want, _ := tk.EncodeStrict("lazy dog", false, WithReturnAllAttributes()); !equalEncodings(got[1], want) {
		t.Errorf("after appending to the first encoding, the second is %+v", got[1])
	}
}

func TestDecodeBatchEqualsDecodeOneByOne(t *testing.T) {
	tk := llama3Tiktoken(t)
	texts := append(paragraphs(t, 40), multilingual...)
	encs, err := tk.EncodeBatch(context.Background(), texts, true)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([][]uint32, len(encs))
	for i, e := range encs {
		ids[i] = e.IDs
	}
	for _, skip := range []bool{false, true} {
		got, err := tk.DecodeBatch(context.Background(), ids, skip)
		if err != nil || len(got) != len(ids) {
			t.Fatalf("DecodeBatch = %d texts, %v", len(got), err)
		}
		for i := range ids {
			if want, _ := tk.DecodeStrict(ids[i], skip); got[i] != want {
				t.Errorf("text %d: DecodeBatch %q, DecodeStrict %q", i, got[i], want)
			}
			if !skip && got[i] != texts[i] {
				t.Errorf("text %d does not round-trip: %q", i, got[i])
			}
		}
	}
}

func TestPadding(t *testing.T) {
	// all-minilm-l6-v2.json pads each batch to its longest, rounded up to a multiple of 8.
	minilm, err := FromFile("test/data/all-minilm-l6-v2.json")
	if err != nil {
		t.Fatal(err)
	}
	defer minilm.Close()
	texts := []string{"short", "a somewhat longer sentence than the first one, with more words in it", ""}
	got, err := minilm.EncodeBatch(context.Background(), texts, true, WithReturnAllAttributes())
	if err != nil {
		t.Fatal(err)
	}
	n := len(got[1].IDs)
	for i, e := range got {
		if len(e.IDs) != n || n%8 != 0 || len(e.AttentionMask) != n {
			t.Fatalf("encoding %d has %d tokens; want all %d, a multiple of 8", i, len(e.IDs), n)
		}
	}
	if got[0].Tokens[3] != "[PAD]" || got[0].AttentionMask[3] != 0 || got[0].SpecialTokensMask[3] != 1 {
		t.Errorf("the first encoding is not padded after its 3 tokens: %v", got[0].Tokens)
	}
	// Fixed length, on the left, with another pad token.
	data := mustRead(t, "test/data/bert-base-uncased.json")
	left, err := FromBytes(data, WithPadding(Padding{Length: 6, Direction: PaddingDirectionLeft, PadID: 100, PadToken: "[UNK]"}))
	if err != nil {
		t.Fatal(err)
	}
	defer left.Close()
	e, err := left.EncodeStrict("fox", true, WithReturnAllAttributes())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(e.IDs, []uint32{100, 100, 100, 101, 4419, 102}) || !slices.Equal(e.AttentionMask, []uint32{0, 0, 0, 1, 1, 1}) || e.Tokens[0] != "[UNK]" {
		t.Errorf("left padding to 6: %v %v %v", e.IDs, e.AttentionMask, e.Tokens)
	}
	// WithoutPadding removes the definition's padding.
	unpadded, err := FromBytes(mustRead(t, "test/data/all-minilm-l6-v2.json"), WithoutPadding())
	if err != nil {
		t.Fatal(err)
	}
	defer unpadded.Close()
	if ids, _ := unpadded.Encode("short", false); len(ids) != 1 {
		t.Errorf("without padding: %v", ids)
	}
}

func TestTruncation(t *testing.T) {
	data := mustRead(t, "test/data/bert-base-uncased.json")
	text := "brown fox jumps over the lazy dog"
	for _, c := range []struct {
		trunc Truncation
		want  []string
	}{
		{Truncation{MaxLength: 5}, []string{"[CLS]", "brown", "fox", "jumps", "[SEP]"}},
		{Truncation{MaxLength: 5, Direction: TruncationDirectionRight}, []string{"[CLS]", "brown", "fox", "jumps", "[SEP]"}},
		{Truncation{MaxLength: 4, Direction: TruncationDirectionLeft, Strategy: TruncationStrategyOnlyFirst}, []string{"[CLS]", "lazy", "dog", "[SEP]"}},
	} {
		tk, err := FromBytes(data, WithTruncation(c.trunc))
		if err != nil {
			t.Fatal(err)
		}
		// Direction's zero value is Left, as in daulet's TruncationDirection.
		want := c.want
		if c.trunc.Direction == TruncationDirectionLeft && c.trunc.MaxLength == 5 {
			want = []string{"[CLS]", "the", "lazy", "dog", "[SEP]"}
		}
		if _, tokens := tk.Encode(text, true); !slices.Equal(tokens, want) {
			t.Errorf("%+v: %v, want %v", c.trunc, tokens, want)
		}
		tk.Close()
	}
	minilm, err := FromFile("test/data/all-minilm-l6-v2.json", WithoutTruncation(), WithoutPadding())
	if err != nil {
		t.Fatal(err)
	}
	defer minilm.Close()
	long := strings.Repeat("word ", 300)
	if ids, _ := minilm.Encode(long, false); len(ids) != 300 {
		t.Errorf("without truncation (the definition cuts at 256): %d ids", len(ids))
	}
}

func TestAddedTokens(t *testing.T) {
	data := mustRead(t, "test/data/bert-base-uncased.json")
	tk, err := FromBytes(data, WithAddedTokens("ferrogo"), WithAddedSpecialTokens("<tool>"))
	if err != nil {
		t.Fatal(err)
	}
	defer tk.Close()
	base := bert(t)
	if tk.VocabSize() != base.VocabSize()+2 {
		t.Errorf("VocabSize = %d, want %d + 2", tk.VocabSize(), base.VocabSize())
	}
	ferrogoID, ok := tk.TokenToID("ferrogo")
	toolID, ok2 := tk.TokenToID("<tool>")
	if !ok || !ok2 {
		t.Fatal("the added tokens have no ids")
	}
	e, err := tk.EncodeStrict("call <tool> ferrogo", true, WithReturnAllAttributes())
	if err != nil {
		t.Fatal(err)
	}
	// As in Hugging Face's binding, the mask marks the tokens the post-processor adds.
	if !slices.Equal(e.IDs[2:4], []uint32{toolID, ferrogoID}) || !slices.Equal(e.SpecialTokensMask, []uint32{1, 0, 0, 0, 1}) {
		t.Errorf("encoding: %v %v %v", e.Tokens, e.IDs, e.SpecialTokensMask)
	}
	if s := tk.Decode(e.IDs, true); s != "call ferrogo" {
		t.Errorf("decoding without special tokens: %q", s)
	}
	if tok, ok := tk.IDToToken(toolID); !ok || tok != "<tool>" {
		t.Errorf("IDToToken(%d) = %q, %v", toolID, tok, ok)
	}
}

func TestEncodeBatchCancellation(t *testing.T) {
	tk := bert(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tk.EncodeBatch(ctx, []string{"a"}, true); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v", err)
	}
	if _, err := tk.DecodeBatch(ctx, [][]uint32{{101}}, true); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v", err)
	}
	// Without cancellation this batch (300 copies of a 1 MiB text) would run for minutes. (Not
	// many more: ferrogo checks all of a list's UTF-8 before Rust starts, which no context stops.)
	_, mb := bigInputs(t)
	texts := make([]string, 300)
	for i := range texts {
		texts[i] = mb
	}
	ctx, cancel = context.WithCancel(context.Background())
	go func() {
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	if _, err := tk.EncodeBatch(ctx, texts, true); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled during the batch: %v", err)
	}
	ctx, stop := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer stop()
	if _, err := tk.EncodeBatch(ctx, texts, true, WithReturnAllAttributes()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline during the batch: %v", err)
	}
}

func TestBatchParallelism(t *testing.T) {
	defer SetBatchParallelism(0)
	if n := BatchParallelism(); n < 1 || n > runtime.NumCPU() {
		t.Errorf("default BatchParallelism = %d with %d CPUs", n, runtime.NumCPU())
	}
	tk := bert(t)
	texts := paragraphs(t, 30)
	want, err := tk.EncodeBatch(context.Background(), texts, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3, 300, -1} {
		SetBatchParallelism(n)
		if got := BatchParallelism(); got != max(0, min(n, 256)) && n >= 0 {
			t.Errorf("SetBatchParallelism(%d): BatchParallelism = %d", n, got)
		}
		got, err := tk.EncodeBatch(context.Background(), texts, true)
		if err != nil || len(got) != len(want) || !slices.Equal(got[7].IDs, want[7].IDs) {
			t.Errorf("with %d threads: %v", n, err)
		}
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

package tokenizers

import (
	"errors"
	"os"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/ferrogo/ferrogo/go"
)

// Fuzz targets for the three entry points of untrusted input (.ci/fuzz.sh runs them through
// ../fuzz-targets.txt). The property: any input gives a result or a documented error, never a
// panic or a crash.

var (
	fuzzOnce   sync.Once
	fuzzLlama  *Tokenizer // byte-level BPE: decoding undoes encoding exactly
	fuzzBert   *Tokenizer // WordPiece with normalization
	fuzzTikTok *Tokenizer
)

func fuzzTokenizers(t testing.TB) (*Tokenizer, *Tokenizer, *Tokenizer) {
	fuzzOnce.Do(func() {
		var err error
		if fuzzLlama, err = FromFile("test/data/Meta-Llama-3-8B-Instruct.json"); err != nil {
			panic(err)
		}
		if fuzzBert, err = FromFile("test/data/bert-base-uncased.json"); err != nil {
			panic(err)
		}
		if fuzzTikTok, err = FromTiktoken("test/data/kimi-k2-instruct/tiktoken.model",
			"test/data/kimi-k2-instruct/tokenizer_config.json", kimiPattern); err != nil {
			panic(err)
		}
	})
	return fuzzLlama, fuzzBert, fuzzTikTok
}

func FuzzFromBytes(f *testing.F) {
	labse, err := os.ReadFile("test/data/sentence-transformers-labse.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(labse)
	f.Add(labse[:len(labse)/2])
	f.Add([]byte(`{"version":"1.0","model":{"type":"BPE","vocab":{"a":0,"b":1,"ab":2},"merges":["a b"]}}`))
	f.Add([]byte(`{"version":"1.0","truncation":{"max_length":0,"strategy":"LongestFirst","stride":0},"model":{"type":"WordLevel","vocab":{"x":0},"unk_token":"x"}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		tk, err := FromBytes(data)
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("FromBytes: %T %v; want a *LoadError", err, err)
			}
			return
		}
		defer tk.Close()
		e, err := tk.EncodeStrict("brown fox [CLS] ab", true, WithReturnAllAttributes())
		var ee *EncodeError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("EncodeStrict: %T %v", err, err)
		}
		if _, err := tk.DecodeStrict(e.IDs, false); err != nil && !errors.As(err, new(*DecodeError)) {
			t.Fatalf("DecodeStrict: %T %v", err, err)
		}
	})
}

func FuzzEncode(f *testing.F) {
	for _, s := range multilingual {
		f.Add(s, true)
	}
	f.Add("\xff\x91D", false)
	f.Add("<|im_end|>[CLS]<|begin_of_text|>", true)
	f.Fuzz(func(t *testing.T, text string, addSpecial bool) {
		llama, bert, tiktok := fuzzTokenizers(t)
		for _, tk := range []*Tokenizer{llama, bert, tiktok} {
			e, err := tk.EncodeStrict(text, addSpecial, WithReturnAllAttributes())
			if !utf8.ValidString(text) {
				if !errors.Is(err, ferrogo.ErrInvalidUTF8) {
					t.Fatalf("EncodeStrict(%q) = %v; want ferrogo.ErrInvalidUTF8", text, err)
				}
				tk.Encode(text, addSpecial) // repairs the input
				continue
			}
			if err != nil {
				t.Fatalf("EncodeStrict(%q): %v", text, err)
			}
			n := len(e.IDs)
			if len(e.Tokens) != n || len(e.Offsets) != n || len(e.TypeIDs) != n || len(e.AttentionMask) != n {
				t.Fatalf("EncodeStrict(%q): columns of different lengths", text)
			}
			for _, o := range e.Offsets {
				if o[0] > o[1] || o[1] > uint(len(text)) {
					t.Fatalf("EncodeStrict(%q): offset %v outside the input", text, o)
				}
			}
		}
		// Byte-level BPE without normalization decodes back to the input exactly.
		for _, tk := range []*Tokenizer{llama, tiktok} {
			if !utf8.ValidString(text) {
				break
			}
			e, _ := tk.EncodeStrict(text, false)
			if got, err := tk.DecodeStrict(e.IDs, false); err != nil || got != text {
				t.Fatalf("DecodeStrict(EncodeStrict(%q)) = %q, %v", text, got, err)
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 101, 0, 0, 0}, true)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 7, 0, 0, 0}, false)
	f.Add([]byte{0xc4, 0, 0, 0, 0xc5, 0, 0, 0, 1, 0xf4, 1, 0}, false)
	f.Fuzz(func(t *testing.T, raw []byte, skip bool) {
		ids := make([]uint32, len(raw)/4)
		for i := range ids {
			ids[i] = uint32(raw[4*i]) | uint32(raw[4*i+1])<<8 | uint32(raw[4*i+2])<<16 | uint32(raw[4*i+3])<<24
		}
		llama, bert, tiktok := fuzzTokenizers(t)
		for _, tk := range []*Tokenizer{llama, bert, tiktok} {
			s, err := tk.DecodeStrict(ids, skip)
			var ue *UnknownIDError
			switch {
			case errors.As(err, &ue):
				if ue.Position >= uint64(len(ids)) || ids[ue.Position] != ue.ID {
					t.Fatalf("UnknownIDError %+v does not point at the id", ue)
				}
			case err != nil:
				t.Fatalf("DecodeStrict(%v): %v", ids, err)
			case !utf8.ValidString(s):
				t.Fatalf("DecodeStrict(%v) is not UTF-8: %q", ids, s)
			}
			tk.Decode(ids, skip) // skips unknown ids
		}
	})
}

package tokenizers

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/ferrogo/ferrogo/go"
)

// Bad input is an error that says what is wrong, never a crash.

func bert(t testing.TB) *Tokenizer {
	t.Helper()
	tk, err := FromFile("test/data/bert-base-uncased.json")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	return tk
}

func llama3Tiktoken(t testing.TB) *Tokenizer {
	t.Helper()
	tk, err := FromTiktoken("test/data/meta-llama-3-8b-instruct/tiktoken.model",
		"test/data/meta-llama-3-8b-instruct/tokenizer_config.json", llama3Pattern)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	return tk
}

func TestMalformedOrTruncatedJSONIsALoadError(t *testing.T) {
	full, err := os.ReadFile("test/data/bert-base-uncased.json")
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{
		"nil":            nil,
		"empty":          {},
		"not JSON":       []byte("tokenizer"),
		"open brace":     []byte("{"),
		"not an object":  []byte("[1, 2, 3]"),
		"no model":       []byte(`{"version": "1.0"}`),
		"wrong type":     []byte(`{"version": "1.0", "model": {"type": "BPE", "vocab": 7}}`),
		"invalid UTF-8":  []byte("{\"version\": \"\xff\"}"),
		"bad byte in it": append(append([]byte{}, full[:1000]...), append([]byte{0xff}, full[1001:]...)...),
	}
	for _, cut := range []int{1, 100, len(full) / 3, len(full) / 2, len(full) - 2} {
		inputs[fmt.Sprintf("truncated to %d bytes", cut)] = full[:cut]
	}
	for name, data := range inputs {
		tk, err := FromBytes(data)
		var le *LoadError
		if !errors.As(err, &le) || le.Message == "" || !strings.HasPrefix(err.Error(), "loading the tokenizer: ") {
			t.Errorf("%s: FromBytes = %v, %v; want a *LoadError", name, tk, err)
		}
		if tk != nil {
			tk.Close()
		}
	}
}

func TestMissingFilesAreNotExistErrors(t *testing.T) {
	if _, err := FromFile("test/data/no-such-tokenizer.json"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FromFile = %v; want fs.ErrNotExist", err)
	}
	dir := "test/data/meta-llama-3-8b-instruct/"
	if _, err := FromTiktoken(dir+"missing.model", dir+"tokenizer_config.json", llama3Pattern); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FromTiktoken(missing model) = %v; want fs.ErrNotExist", err)
	}
	if _, err := FromTiktoken(dir+"tiktoken.model", dir+"missing.json", llama3Pattern); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FromTiktoken(missing config) = %v; want fs.ErrNotExist", err)
	}
	if _, err := FromPretrained("bert-base-uncased", WithCacheDir(t.TempDir())); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FromPretrained(empty cache) = %v; want fs.ErrNotExist", err)
	}
}

func TestFromPretrainedReadsTheCache(t *testing.T) {
	data, err := os.ReadFile("test/data/bert-base-uncased.json")
	if err != nil {
		t.Fatal(err)
	}
	// daulet's layout: <cache>/<model>/tokenizer.json
	cache := t.TempDir()
	if err := os.MkdirAll(cache+"/google/bert", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cache+"/google/bert/tokenizer.json", data, 0o644); err != nil {
		t.Fatal(err)
	}
	tk, err := FromPretrained("google/bert", WithCacheDir(cache), WithAuthToken("unused"))
	if err != nil {
		t.Fatal(err)
	}
	defer tk.Close()
	if ids, _ := tk.Encode("brown fox", false); len(ids) != 2 {
		t.Errorf("Encode = %v", ids)
	}
	// The Hugging Face hub cache: models--<org>--<name>/snapshots/<refs/main>/tokenizer.json
	hub := t.TempDir()
	repo := hub + "/models--google--bert"
	if err := os.MkdirAll(repo+"/refs", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(repo+"/snapshots/abc123", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(repo+"/refs/main", []byte("abc123\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(repo+"/snapshots/abc123/tokenizer.json", data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HF_HUB_CACHE", hub)
	tk2, err := FromPretrained("google/bert")
	if err != nil {
		t.Fatal(err)
	}
	tk2.Close()
	if _, err := FromPretrained("google/other"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("FromPretrained(not cached) = %v; want fs.ErrNotExist", err)
	}
}

func TestMalformedTiktokenFilesAreLoadErrors(t *testing.T) {
	dir := t.TempDir()
	model, err := os.ReadFile("test/data/meta-llama-3-8b-instruct/tiktoken.model")
	if err != nil {
		t.Fatal(err)
	}
	config := "test/data/meta-llama-3-8b-instruct/tokenizer_config.json"
	write := func(name, content string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lines := strings.SplitAfter(string(model), "\n")
	cases := []struct{ name, model, config, pattern, want string }{
		{"bad base64", write("b64", "IQ== 0\n!!! 1\n"), config, llama3Pattern, "not base64"},
		{"missing rank", write("norank", "IQ== 0\nIg==\n"), config, llama3Pattern, "missing rank"},
		{"rank twice", write("twice", "IQ== 0\nIg== 0\n"), config, llama3Pattern, "appears twice"},
		{"huge rank", write("huge", "IQ== 4000000000\n"), config, llama3Pattern, "above the limit"},
		{"missing bytes", write("few", strings.Join(lines[:100], "")), config, llama3Pattern, "no token for the byte"},
		{"not UTF-8", write("bin", "\xff\xfe"), config, llama3Pattern, "model file"},
		{"config not JSON", "test/data/meta-llama-3-8b-instruct/tiktoken.model", write("cfg", "{"), llama3Pattern, "config"},
		{"no special tokens", "test/data/meta-llama-3-8b-instruct/tiktoken.model", write("nospecial", `{"added_tokens_decoder": {}}`), llama3Pattern, "lists no tokens"},
		{"bad id", "test/data/meta-llama-3-8b-instruct/tiktoken.model", write("badid", `{"added_tokens_decoder": {"x": {"content": "<s>"}}}`), llama3Pattern, "added token id"},
		{"bad pattern", "test/data/meta-llama-3-8b-instruct/tiktoken.model", config, `(unclosed`, "pattern"},
		{"empty matches", "test/data/meta-llama-3-8b-instruct/tiktoken.model", config, `\s*`, "matches the empty string"},
	}
	for _, c := range cases {
		tk, err := FromTiktoken(c.model, c.config, c.pattern)
		var le *LoadError
		if !errors.As(err, &le) || !strings.Contains(le.Message, c.want) {
			t.Errorf("%s: FromTiktoken = %v, %v; want a *LoadError saying %q", c.name, tk, err, c.want)
		}
	}
}

func TestUnknownIDsInStrictDecoding(t *testing.T) {
	for name, tk := range map[string]*Tokenizer{"hf": bert(t), "tiktoken": llama3Tiktoken(t)} {
		ids, _ := tk.Encode("brown fox", false)
		bad := append(append([]uint32{}, ids...), 4_000_000_000, ids[0])
		var ue *UnknownIDError
		if _, err := tk.DecodeStrict(bad, false); !errors.As(err, &ue) || ue.ID != 4_000_000_000 || ue.Position != uint64(len(ids)) || ue.Input != 0 {
			t.Errorf("%s: DecodeStrict = %v; want *UnknownIDError for id 4000000000 at %d", name, err, len(ids))
		}
		// Decode skips unknown ids, as Hugging Face's decode does.
		if got, want := tk.Decode(bad, false), tk.Decode(append(ids, ids[0]), false); got != want {
			t.Errorf("%s: Decode = %q, want %q", name, got, want)
		}
		_, err := tk.DecodeBatch(context.Background(), [][]uint32{ids, {ids[0], 4_000_000_000}}, false)
		if !errors.As(err, &ue) || ue.Input != 1 || ue.Position != 1 {
			t.Errorf("%s: DecodeBatch = %v; want *UnknownIDError in input 1 at 1", name, err)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	tk := bert(t)
	for _, s := range []string{"\xff", "ok \x91D", "\xe2\x82", "valid then \xc3"} {
		if _, err := tk.EncodeStrict(s, true); !errors.Is(err, ferrogo.ErrInvalidUTF8) {
			t.Errorf("EncodeStrict(%q) = %v; want ferrogo.ErrInvalidUTF8", s, err)
		}
		// daulet/tokenizers' Encode repairs the input instead (each invalid sequence: U+FFFD).
		if ids, _ := tk.Encode(s, false); ids == nil && strings.ContainsAny(s, "okvalid") {
			t.Errorf("Encode(%q) = nil", s)
		}
	}
	var ae *ferrogo.ArgumentError
	_, err := tk.EncodeBatch(context.Background(), []string{"fine", "broken \xff"}, true)
	if !errors.Is(err, ferrogo.ErrInvalidUTF8) || !errors.As(err, &ae) {
		t.Errorf("EncodeBatch = %v; want ferrogo.ErrInvalidUTF8 in an *ArgumentError", err)
	}
}

func TestClosedTokenizer(t *testing.T) {
	tk, err := FromFile("test/data/bert-base-uncased.json")
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := tk.Encode("brown fox", true)
	if err := tk.Close(); err != nil {
		t.Fatal(err)
	}
	var nilTokenizer *Tokenizer
	// A closed tokenizer reports ferrogo.ErrClosed; a nil one is an invalid receiver (as a nil
	// *os.File's methods return os.ErrInvalid), not a closed one.
	want := map[string]error{"closed": ferrogo.ErrClosed, "nil": ferrogo.ErrInvalidArgument}
	for name, tk := range map[string]*Tokenizer{"closed": tk, "nil": nilTokenizer} {
		if _, err := tk.EncodeStrict("brown fox", true); !errors.Is(err, want[name]) {
			t.Errorf("%s: EncodeStrict = %v; want %v", name, err, want[name])
		}
		if _, err := tk.DecodeStrict(ids, true); !errors.Is(err, want[name]) {
			t.Errorf("%s: DecodeStrict = %v; want %v", name, err, want[name])
		}
		if _, err := tk.EncodeBatch(context.Background(), []string{"a"}, true); !errors.Is(err, want[name]) {
			t.Errorf("%s: EncodeBatch = %v; want %v", name, err, want[name])
		}
		if _, err := tk.DecodeBatch(context.Background(), [][]uint32{ids}, true); !errors.Is(err, want[name]) {
			t.Errorf("%s: DecodeBatch = %v; want %v", name, err, want[name])
		}
		// The daulet-compatible methods have no error result: they return zero values.
		if ids, tokens := tk.Encode("brown fox", true); ids != nil || tokens != nil {
			t.Errorf("%s: Encode = %v, %v", name, ids, tokens)
		}
		if e := tk.EncodeWithOptions("brown fox", true, WithReturnAllAttributes()); e.IDs != nil {
			t.Errorf("%s: EncodeWithOptions = %v", name, e)
		}
		if s := tk.Decode(ids, false); s != "" {
			t.Errorf("%s: Decode = %q", name, s)
		}
		if n := tk.VocabSize(); n != 0 {
			t.Errorf("%s: VocabSize = %d", name, n)
		}
		if _, ok := tk.TokenToID("fox"); ok {
			t.Errorf("%s: TokenToID found a token", name)
		}
		if err := tk.Close(); err != nil {
			t.Errorf("%s: second Close = %v", name, err)
		}
	}
}

func TestInvalidOptions(t *testing.T) {
	data, err := os.ReadFile("test/data/bert-base-uncased.json")
	if err != nil {
		t.Fatal(err)
	}
	var oe *InvalidOptionError
	for name, opt := range map[string]TokenizerOption{
		"max length below the special tokens": WithTruncation(Truncation{MaxLength: 2}),
		"stride above the max length":         WithTruncation(Truncation{MaxLength: 10, Stride: 9}),
		"empty added token":                   WithAddedTokens("ok", ""),
	} {
		if _, err := FromBytes(data, opt); !errors.As(err, &oe) {
			t.Errorf("%s: FromBytes = %v; want an *InvalidOptionError", name, err)
		}
	}
	var ae *ferrogo.ArgumentError
	if _, err := FromBytesWithTruncation(data, 8, TruncationDirection(7)); !errors.As(err, &ae) {
		t.Errorf("FromBytesWithTruncation(direction 7) = %v; want an *ArgumentError", err)
	}
	if _, err := FromTiktoken("test/data/meta-llama-3-8b-instruct/tiktoken.model",
		"test/data/meta-llama-3-8b-instruct/tokenizer_config.json", llama3Pattern, WithPadding(Padding{})); !errors.As(err, &oe) {
		t.Errorf("FromTiktoken(WithPadding) = %v; want an *InvalidOptionError", err)
	}
}

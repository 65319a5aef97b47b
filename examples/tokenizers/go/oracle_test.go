package tokenizers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The oracle: Hugging Face's own Python binding (tokenizers, the PyPI release built from the
// same source as the Rust crate) and OpenAI's tiktoken, installed by ../prepare.sh into
// ../target/oracle-venv. ../oracle/oracle.py encodes and decodes the corpus with them; every
// result must be identical here: ids, type ids, masks, tokens, offsets and decoded text, or
// the same error.

// oracleTokenizer is one tokenizer file of github.com/daulet/tokenizers' test data, as the
// oracle and this package load it.
type oracleTokenizer struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"` // "hf" or "tiktoken"
	Path    string `json:"path,omitempty"`
	Model   string `json:"model,omitempty"`
	Config  string `json:"config,omitempty"`
	Pattern string `json:"pattern,omitempty"`
}

// The split patterns daulet's tests give the tiktoken encoders.
const (
	llama3Pattern = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	kimiPattern   = `[\p{Han}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]*[\p{Ll}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]+[\p{Ll}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
)

// Every tokenizer file in the test data (Meta-Llama-3-8B-Instruct.model is the same file as
// meta-llama-3-8b-instruct/tiktoken.model).
var oracleTokenizers = []oracleTokenizer{
	{Name: "bert-base-uncased", Kind: "hf", Path: "test/data/bert-base-uncased.json"},
	{Name: "all-minilm-l6-v2", Kind: "hf", Path: "test/data/all-minilm-l6-v2.json"},
	{Name: "sentence-transformers-labse", Kind: "hf", Path: "test/data/sentence-transformers-labse.json"},
	{Name: "cohere", Kind: "hf", Path: "test/data/cohere-tokenizer.json"},
	{Name: "llama-3", Kind: "hf", Path: "test/data/Meta-Llama-3-8B-Instruct.json"},
	{Name: "llama-3-tiktoken", Kind: "tiktoken", Model: "test/data/meta-llama-3-8b-instruct/tiktoken.model",
		Config: "test/data/meta-llama-3-8b-instruct/tokenizer_config.json", Pattern: llama3Pattern},
	{Name: "kimi-k2-tiktoken", Kind: "tiktoken", Model: "test/data/kimi-k2-instruct/tiktoken.model",
		Config: "test/data/kimi-k2-instruct/tokenizer_config.json", Pattern: kimiPattern},
}

func (o oracleTokenizer) open(t *testing.T) *Tokenizer {
	t.Helper()
	var tk *Tokenizer
	var err error
	if o.Kind == "hf" {
		tk, err = FromFile(o.Path)
	} else {
		tk, err = FromTiktoken(o.Model, o.Config, o.Pattern)
	}
	if err != nil {
		t.Fatalf("%s: %v", o.Name, err)
	}
	t.Cleanup(func() { tk.Close() })
	return tk
}

// oracleResult is one encoding by the oracle, or its error.
type oracleResult struct {
	Text        int      `json:"text"`
	Add         bool     `json:"add"`
	Error       *string  `json:"error"`
	IDs         u32s     `json:"ids"`
	TypeIDs     u32s     `json:"type_ids"`
	Special     u32s     `json:"special"`
	Attention   u32s     `json:"attention"`
	Offsets     u32s     `json:"offsets"`
	Tokens      []string `json:"tokens"`
	Decoded     string   `json:"decoded"`
	DecodedSkip string   `json:"decoded_skip"`
	DecodedHalf *string  `json:"decoded_half"`
}

// u32s is a list of numbers sent as base64 of little-endian uint32s (compact for 1 MB inputs).
type u32s []uint32

func (u *u32s) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return err
	}
	*u = make(u32s, len(raw)/4)
	for i := range *u {
		(*u)[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	return nil
}

type oracleAnswer struct {
	Name   string         `json:"name"`
	Single []oracleResult `json:"single"`
	Batch  []oracleResult `json:"batch"`
}

// askOracle runs the oracle on req and returns its answers as they come; done waits for it
// and fails the test if it failed. The answers are also kept in ../target/oracle-cache under a
// hash of everything they depend on (the script, the request, the tokenizer files, the
// installed versions), so the same test run again (make test runs every package three ways)
// reads them instead of running Python again.
func askOracle(t *testing.T, req []byte) (answers io.Reader, done func()) {
	python := oraclePython(t)
	h := sha256.New()
	for _, f := range []string{exampleFile("oracle/oracle.py"), filepath.Join(filepath.Dir(filepath.Dir(python)), ".installed")} {
		b, _ := os.ReadFile(f) // a missing .installed (FERROGO_TOKENIZERS_PYTHON) hashes as empty
		h.Write(b)
	}
	h.Write([]byte(python))
	h.Write(req)
	for _, o := range oracleTokenizers {
		for _, f := range []string{o.Path, o.Model, o.Config} {
			if f != "" {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				h.Write(b)
			}
		}
	}
	dir := exampleFile("target/oracle-cache")
	cached := filepath.Join(dir, hex.EncodeToString(h.Sum(nil))+".jsonl")
	if f, err := os.Open(cached); err == nil {
		t.Logf("the oracle's answers for this corpus are cached in %s", cached)
		return f, func() { f.Close() }
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(dir, "answers-*")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, exampleFile("oracle/oracle.py"))
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return io.TeeReader(stdout, tmp), func() {
		_, _ = io.Copy(tmp, stdout)
		err := cmd.Wait()
		tmp.Close()
		if err != nil {
			os.Remove(tmp.Name())
			t.Fatalf("oracle: %v\n%s", err, stderr.String())
		}
		// Keep only the newest answers.
		old, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		for _, f := range old {
			os.Remove(f)
		}
		if err := os.Rename(tmp.Name(), cached); err != nil {
			t.Fatal(err)
		}
	}
}

// oraclePython is the interpreter of the oracle's virtualenv.
func oraclePython(t *testing.T) string {
	if p := os.Getenv("FERROGO_TOKENIZERS_PYTHON"); p != "" {
		return p
	}
	p, err := filepath.Abs(exampleFile("target/oracle-venv/bin/python"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the Python oracle is not installed (%v): run examples/tokenizers/prepare.sh (make packages does), or set FERROGO_TOKENIZERS_PYTHON to a python with tokenizers==0.22.2 and tiktoken", err)
	}
	return p
}

func TestMatchesPythonBinding(t *testing.T) {
	texts := slices.Clone(multilingual)
	big := []int{}
	if testing.Short() {
		// Under -short (tests/publish.sh runs the published package under qemu) the
		// multilingual lines only: the two large inputs take most of the time.
		t.Log("-short: the large inputs are left out")
	} else {
		sherlockText, mb := bigInputs(t)
		texts = append(texts, sherlockText, mb)
		big = []int{len(texts) - 2, len(texts) - 1}
	}
	var batch []int
	for i := range multilingual {
		batch = append(batch, i)
	}
	req, err := json.Marshal(map[string]any{"tokenizers": oracleTokenizers, "texts": texts, "big": big, "batch": batch})
	if err != nil {
		t.Fatal(err)
	}
	answers, done := askOracle(t, req)
	// One answer per tokenizer, compared as it arrives so only one is in memory.
	dec := json.NewDecoder(answers)
	seen := 0
	for _, spec := range oracleTokenizers {
		var ans oracleAnswer
		if err := dec.Decode(&ans); err != nil {
			t.Fatalf("reading the oracle's answer for %s: %v", spec.Name, err)
		}
		if ans.Name != spec.Name {
			t.Fatalf("the oracle answered for %s, want %s", ans.Name, spec.Name)
		}
		t.Run(spec.Name, func(t *testing.T) {
			tk := spec.open(t)
			failed := 0
			for _, want := range ans.Single {
				checkSingle(t, tk, spec, texts[want.Text], want)
				if want.Error != nil {
					failed++
				}
			}
			t.Logf("%d encodings compared (%d of them errors on both sides), %d in batches", len(ans.Single), failed, len(ans.Batch))
			chosen := make([]string, len(batch))
			for i, ti := range batch {
				chosen[i] = texts[ti]
			}
			checkBatch(t, tk, spec, chosen, ans.Batch)
		})
		seen++
	}
	done()
	if seen != len(oracleTokenizers) || len(oracleTokenizers) == 0 {
		t.Fatalf("compared %d tokenizers", seen)
	}
}

// checkSingle compares one input's encodings and decodings with the oracle's.
func checkSingle(t *testing.T, tk *Tokenizer, spec oracleTokenizer, text string, want oracleResult) {
	t.Helper()
	name := describe(text, want.Add)
	got, err := tk.EncodeStrict(text, want.Add, WithReturnAllAttributes())
	if want.Error != nil {
		var ee *EncodeError
		if !errors.As(err, &ee) || ee.Message != *want.Error {
			t.Errorf("%s: error %v, the oracle's: %s", name, err, *want.Error)
		}
		if ids, tokens := tk.Encode(text, want.Add); ids != nil || tokens != nil {
			t.Errorf("%s: Encode of a failing input returned %d ids", name, len(ids))
		}
		return
	}
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	checkEncoding(t, name, spec, text, got, want)
	// Ids only take another path in Rust (no offsets or tokens tracked).
	if idsOnly := tk.EncodeWithOptions(text, want.Add); !slices.Equal(idsOnly.IDs, want.IDs) || idsOnly.Tokens != nil {
		t.Errorf("%s: EncodeWithOptions without options (ids only): %d ids, the oracle %d", name, len(idsOnly.IDs), len(want.IDs))
	}
	checkDecode(t, tk, name, want.IDs, false, want.Decoded)
	checkDecode(t, tk, name, want.IDs, true, want.DecodedSkip)
	if want.DecodedHalf == nil {
		return // a big input: the daulet-compatible calls below wrap the same Rust calls
	}
	checkDecode(t, tk, name+" (first half of the ids)", want.IDs[:len(want.IDs)/2], false, *want.DecodedHalf)
	if compat := tk.EncodeWithOptions(text, want.Add, WithReturnAllAttributes()); !equalEncodings(compat, got) {
		t.Errorf("%s: EncodeWithOptions differs from EncodeStrict", name)
	}
	if ids, tokens := tk.Encode(text, want.Add); !slices.Equal(ids, want.IDs) || !slices.Equal(tokens, want.Tokens) {
		t.Errorf("%s: Encode differs from the oracle", name)
	}
}

func checkDecode(t *testing.T, tk *Tokenizer, name string, ids []uint32, skip bool, want string) {
	t.Helper()
	got, err := tk.DecodeStrict(ids, skip)
	if err != nil || got != want {
		t.Errorf("%s: DecodeStrict(skip=%v) = %.80q, %v; the oracle: %.80q", name, skip, got, err, want)
	}
	compat := tk.Decode(ids, skip)
	if strings.ContainsRune(want, 0) {
		want = "" // daulet's Decode returns C strings, which cannot hold NUL
	}
	if compat != want {
		t.Errorf("%s: Decode(skip=%v) = %.80q; want %.80q", name, skip, compat, want)
	}
}

// checkBatch compares EncodeBatch and DecodeBatch with the oracle's encode_batch.
func checkBatch(t *testing.T, tk *Tokenizer, spec oracleTokenizer, texts []string, want []oracleResult) {
	t.Helper()
	for _, add := range []bool{true, false} {
		got, err := tk.EncodeBatch(context.Background(), texts, add, WithReturnAllAttributes())
		var results []oracleResult
		for _, w := range want {
			if w.Add == add {
				results = append(results, w)
			}
		}
		if len(results) == 1 && results[0].Error != nil {
			var ee *EncodeError
			if !errors.As(err, &ee) || !strings.HasSuffix(ee.Message, ": "+*results[0].Error) {
				t.Errorf("EncodeBatch(add=%v): error %v, the oracle's: %s", add, err, *results[0].Error)
			}
			continue
		}
		if err != nil || len(got) != len(results) {
			t.Errorf("EncodeBatch(add=%v): %d encodings, %v; the oracle %d", add, len(got), err, len(results))
			continue
		}
		ids := make([][]uint32, len(got))
		decoded := make([]string, len(got))
		for i, w := range results {
			checkEncoding(t, "batch "+describe(texts[i], add), spec, texts[i], got[i], w)
			ids[i], decoded[i] = got[i].IDs, w.Decoded
		}
		texts, err := tk.DecodeBatch(context.Background(), ids, false)
		if err != nil || !slices.Equal(texts, decoded) {
			t.Errorf("DecodeBatch(add=%v) differs from the oracle's decodings (%v)", add, err)
		}
	}
}

func checkEncoding(t *testing.T, name string, spec oracleTokenizer, text string, got Encoding, want oracleResult) {
	t.Helper()
	offsets := make([]Offset, len(want.Offsets)/2)
	toByte := func(i uint32) uint { return uint(i) }
	if spec.Kind == "hf" {
		toByte = charToByte(text)
	}
	for i := range offsets {
		offsets[i] = Offset{toByte(want.Offsets[2*i]), toByte(want.Offsets[2*i+1])}
	}
	for _, c := range []struct {
		field     string
		got, want any
		equal     bool
	}{
		{"IDs", got.IDs, want.IDs, slices.Equal(got.IDs, want.IDs)},
		{"TypeIDs", got.TypeIDs, want.TypeIDs, slices.Equal(got.TypeIDs, want.TypeIDs)},
		{"SpecialTokensMask", got.SpecialTokensMask, want.Special, slices.Equal(got.SpecialTokensMask, want.Special)},
		{"AttentionMask", got.AttentionMask, want.Attention, slices.Equal(got.AttentionMask, want.Attention)},
		{"Tokens", got.Tokens, want.Tokens, slices.Equal(got.Tokens, want.Tokens)},
		{"Offsets", got.Offsets, offsets, slices.Equal(got.Offsets, offsets)},
	} {
		if !c.equal {
			t.Errorf("%s: %s differ from the oracle:\n got %.300v\nwant %.300v", name, c.field, c.got, c.want)
		}
	}
}

// charToByte converts the oracle's character (code point) offsets into byte offsets in text.
func charToByte(text string) func(uint32) uint {
	starts := make([]uint, 0, len(text)+1)
	for i := range text {
		starts = append(starts, uint(i))
	}
	starts = append(starts, uint(len(text)))
	return func(c uint32) uint {
		if int(c) >= len(starts) {
			return ^uint(0) // out of range: cannot match any byte offset
		}
		return starts[c]
	}
}

func equalEncodings(a, b Encoding) bool {
	return slices.Equal(a.IDs, b.IDs) && slices.Equal(a.TypeIDs, b.TypeIDs) &&
		slices.Equal(a.SpecialTokensMask, b.SpecialTokensMask) && slices.Equal(a.AttentionMask, b.AttentionMask) &&
		slices.Equal(a.Tokens, b.Tokens) && slices.Equal(a.Offsets, b.Offsets)
}

func describe(text string, add bool) string {
	if len(text) > 40 {
		text = text[:40] + "…"
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "")
	}
	return strings.NewReplacer("\n", `\n`).Replace(text) + map[bool]string{true: " (+special)", false: ""}[add]
}

package tokenizers

import (
	"io"
	"os"
	"strings"
)

var _ io.Closer = (*Tokenizer)(nil)

type tokenizerOpts struct {
	build buildOptions
}

// TokenizerOption configures a tokenizer when it is built (FromBytes, FromFile).
type TokenizerOption func(to *tokenizerOpts)

// WithEncodeSpecialTokens makes the tokenizer split special tokens that appear in the input
// ("[CLS]") like ordinary text, instead of matching them as the special token.
func WithEncodeSpecialTokens() TokenizerOption {
	return func(to *tokenizerOpts) { to.build.EncodeSpecialTokens = true }
}

// WithTruncation cuts encodings longer than t.MaxLength tokens, replacing the truncation of the
// tokenizer definition.
func WithTruncation(t Truncation) TokenizerOption {
	return func(to *tokenizerOpts) { to.build.Truncation, to.build.NoTruncation = &t, false }
}

// WithoutTruncation removes the truncation of the tokenizer definition.
func WithoutTruncation() TokenizerOption {
	return func(to *tokenizerOpts) { to.build.Truncation, to.build.NoTruncation = nil, true }
}

// WithPadding pads encodings as p says, replacing the padding of the tokenizer definition.
// With p.Length 0, EncodeBatch pads every encoding of a batch to the longest.
func WithPadding(p Padding) TokenizerOption {
	return func(to *tokenizerOpts) { to.build.Padding, to.build.NoPadding = &p, false }
}

// WithoutPadding removes the padding of the tokenizer definition.
func WithoutPadding() TokenizerOption {
	return func(to *tokenizerOpts) { to.build.Padding, to.build.NoPadding = nil, true }
}

// WithAddedTokens adds tokens to the vocabulary: they are matched in the input before the
// model splits it, and get new ids after the existing ones.
func WithAddedTokens(tokens ...string) TokenizerOption {
	return func(to *tokenizerOpts) { to.build.AddedTokens = append(to.build.AddedTokens, tokens...) }
}

// WithAddedSpecialTokens adds special tokens to the vocabulary, like WithAddedTokens; decoding
// with skipSpecialTokens leaves them out.
func WithAddedSpecialTokens(tokens ...string) TokenizerOption {
	return func(to *tokenizerOpts) {
		to.build.AddedSpecialTokens = append(to.build.AddedSpecialTokens, tokens...)
	}
}

func buildOpts(opts []TokenizerOption) buildOptions {
	var to tokenizerOpts
	for _, opt := range opts {
		opt(&to)
	}
	return to.build
}

// FromBytes loads a tokenizer from the contents of a Hugging Face tokenizer.json. A malformed
// or truncated definition is a *LoadError.
func FromBytes(data []byte, opts ...TokenizerOption) (*Tokenizer, error) {
	return fromBytes(data, buildOpts(opts))
}

// FromBytesWithTruncation loads a tokenizer like FromBytes, truncating encodings to maxLen
// tokens from the end dir says.
func FromBytesWithTruncation(data []byte, maxLen uint32, dir TruncationDirection) (*Tokenizer, error) {
	return FromBytes(data, WithTruncation(Truncation{MaxLength: maxLen, Direction: dir}))
}

// FromFile loads a tokenizer from a Hugging Face tokenizer.json file. A missing file is an
// error satisfying errors.Is(err, fs.ErrNotExist).
func FromFile(path string, opts ...TokenizerOption) (*Tokenizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return FromBytes(data, opts...)
}

// FromTiktoken builds a tiktoken encoder from its model file (a base64 token and its rank per
// line), the tokenizer_config.json listing its special tokens (added_tokens_decoder), and the
// pattern that splits the input before byte-pair merging. Encode matches special tokens in the
// input only when addSpecialTokens is true; tiktoken adds none of its own. Truncation, padding
// and added tokens need a Hugging Face tokenizer: such options are an *InvalidOptionError.
func FromTiktoken(modelPath, configPath, pattern string, opts ...TokenizerOption) (*Tokenizer, error) {
	model, err := os.ReadFile(modelPath)
	if err != nil {
		return nil, err
	}
	config, err := os.ReadFile(configPath)
	if err != nil {
		return nil, err
	}
	return fromTiktoken(model, config, pattern, buildOpts(opts))
}

// VocabSize returns the size of the vocabulary, added tokens included; 0 after Close.
func (t *Tokenizer) VocabSize() uint32 {
	n, err := t.vocabSize(true)
	if err != nil {
		return 0
	}
	return n
}

// TokenToID returns the id of token, and whether the vocabulary has it.
func (t *Tokenizer) TokenToID(token string) (uint32, bool) {
	id, ok, err := t.tokenToID(token)
	return id, ok && err == nil
}

// IDToToken returns the token of id, and whether the vocabulary has it.
func (t *Tokenizer) IDToToken(id uint32) (string, bool) {
	token, ok, err := t.idToToken(id)
	return token, ok && err == nil
}

// Decode returns the text of tokenIDs, leaving out special tokens when skipSpecialTokens is
// set. Ids not in the vocabulary are skipped, as Hugging Face's decode does. As in
// github.com/daulet/tokenizers, whose results travel as C strings, a text containing a NUL
// byte is returned as ""; so is any text on a closed tokenizer. DecodeStrict returns the text
// as it is and reports errors.
func (t *Tokenizer) Decode(tokenIDs []uint32, skipSpecialTokens bool) string {
	s, err := t.decode(tokenIDs, skipSpecialTokens, false)
	if err != nil || strings.IndexByte(s, 0) >= 0 {
		return ""
	}
	return s
}

// DecodeStrict is Decode with errors: an id not in the vocabulary is an *UnknownIDError, a
// closed tokenizer ferrogo.ErrClosed.
func (t *Tokenizer) DecodeStrict(tokenIDs []uint32, skipSpecialTokens bool) (string, error) {
	return t.decode(tokenIDs, skipSpecialTokens, true)
}

package tokenizers

import (
	"errors"

	"github.com/ferrogo/ferrogo/go"
)

// Offset is the span of a token in the input: start and end byte.
type Offset [2]uint

// Encoding is an encoded input. Only IDs is always set; EncodeWithOptions fills the other
// fields its options ask for. All fields are nil for an encoding of no tokens.
type Encoding struct {
	IDs               []uint32
	TypeIDs           []uint32
	SpecialTokensMask []uint32
	AttentionMask     []uint32
	Tokens            []string
	Offsets           []Offset
}

type encodeOpts struct {
	req encodeRequest
}

// EncodeOption selects what EncodeWithOptions, EncodeStrict and EncodeBatch return besides
// the ids.
type EncodeOption func(eo *encodeOpts)

// WithReturnAllAttributes returns type ids, special tokens mask, attention mask, tokens and
// offsets.
func WithReturnAllAttributes() EncodeOption {
	return func(eo *encodeOpts) {
		eo.req.TypeIDs = true
		eo.req.SpecialTokensMask = true
		eo.req.AttentionMask = true
		eo.req.Tokens = true
		eo.req.Offsets = true
	}
}

// WithReturnTypeIDs returns the type id of each token.
func WithReturnTypeIDs() EncodeOption {
	return func(eo *encodeOpts) { eo.req.TypeIDs = true }
}

// WithReturnSpecialTokensMask returns 1 for each special token, 0 for the others.
func WithReturnSpecialTokensMask() EncodeOption {
	return func(eo *encodeOpts) { eo.req.SpecialTokensMask = true }
}

// WithReturnTokens returns the tokens.
func WithReturnTokens() EncodeOption {
	return func(eo *encodeOpts) { eo.req.Tokens = true }
}

// WithReturnAttentionMask returns 1 for each token to attend to, 0 for padding.
func WithReturnAttentionMask() EncodeOption {
	return func(eo *encodeOpts) { eo.req.AttentionMask = true }
}

// WithReturnOffsets returns the byte span of each token in the input.
func WithReturnOffsets() EncodeOption {
	return func(eo *encodeOpts) { eo.req.Offsets = true }
}

func request(addSpecialTokens bool, opts []EncodeOption) encodeRequest {
	req := encodeRequest{AddSpecialTokens: addSpecialTokens}
	if len(opts) == 0 {
		return req
	}
	eo := &encodeOpts{req: req} // escapes: the options are calls through func values
	for _, opt := range opts {
		opt(eo)
	}
	return eo.req
}

// Encode returns the ids and tokens of str, with the tokenizer's special tokens when
// addSpecialTokens is set. Invalid UTF-8 is first made valid by replacing each invalid
// sequence with U+FFFD, as github.com/daulet/tokenizers does. It returns nil slices when
// encoding fails or the tokenizer is closed; EncodeStrict reports such problems.
func (t *Tokenizer) Encode(str string, addSpecialTokens bool) ([]uint32, []string) {
	e := t.encodeRepaired(str, encodeRequest{AddSpecialTokens: addSpecialTokens, Tokens: true})
	return e.IDs, e.Tokens
}

// EncodeWithOptions encodes str like Encode, returning what opts ask for. Offsets of an input
// that is not valid UTF-8 refer to the text with U+FFFD in place of each invalid sequence.
func (t *Tokenizer) EncodeWithOptions(str string, addSpecialTokens bool, opts ...EncodeOption) Encoding {
	return t.encodeRepaired(str, request(addSpecialTokens, opts))
}

// encodeRepaired encodes str, repairing invalid UTF-8 first; failures give an empty Encoding.
func (t *Tokenizer) encodeRepaired(str string, req encodeRequest) Encoding {
	p, err := t.encode(str, req)
	if errors.Is(err, ferrogo.ErrInvalidUTF8) {
		p, err = t.encodeLossy([]byte(str), req)
	}
	if err != nil {
		return Encoding{}
	}
	return p.single(req)
}

// EncodeStrict encodes str like EncodeWithOptions, with errors: input that is not valid UTF-8
// is ferrogo.ErrInvalidUTF8, a failing tokenizer an *EncodeError, a closed tokenizer
// ferrogo.ErrClosed.
func (t *Tokenizer) EncodeStrict(str string, addSpecialTokens bool, opts ...EncodeOption) (Encoding, error) {
	req := request(addSpecialTokens, opts)
	p, err := t.encode(str, req)
	if err != nil {
		return Encoding{}, err
	}
	return p.single(req), nil
}

// width is the number of columns each token takes in a packed result (see the Rust
// EncodeRequest::width).
func (r encodeRequest) width() int {
	w := 1
	for _, on := range []bool{r.TypeIDs, r.SpecialTokensMask, r.AttentionMask, r.Offsets, r.Offsets, r.Tokens} {
		if on {
			w++
		}
	}
	return w
}

// single unpacks the one encoding of an encode call.
func (p packed) single(req encodeRequest) Encoding {
	n := len(p.Columns) / req.width()
	var offsets []Offset
	var tokens []string
	if req.Offsets {
		offsets = make([]Offset, n)
	}
	if req.Tokens {
		tokens = make([]string, n)
	}
	e, _ := unpack(p.Columns, n, req, p.Tokens, offsets, tokens)
	return e
}

// unpack takes one encoding of n tokens from the front of cols. Its number slices are slices of
// cols; offsets and tokens (n each) are filled from cols and from text, which starts with this
// encoding's tokens (their ends count from there). It returns the length of those tokens.
func unpack(cols []uint32, n int, req encodeRequest, text string, offsets []Offset, tokens []string) (Encoding, int) {
	if n == 0 {
		return Encoding{}, 0
	}
	take := func(k int) []uint32 {
		s := cols[:k:k]
		cols = cols[k:]
		return s
	}
	e := Encoding{IDs: take(n)}
	if req.TypeIDs {
		e.TypeIDs = take(n)
	}
	if req.SpecialTokensMask {
		e.SpecialTokensMask = take(n)
	}
	if req.AttentionMask {
		e.AttentionMask = take(n)
	}
	if req.Offsets {
		pairs := take(2 * n)
		for i := range offsets {
			offsets[i] = Offset{uint(pairs[2*i]), uint(pairs[2*i+1])}
		}
		e.Offsets = offsets
	}
	from := 0
	if req.Tokens {
		for i, end := range take(n) {
			tokens[i] = text[from:end]
			from = int(end)
		}
		e.Tokens = tokens
	}
	return e, from
}

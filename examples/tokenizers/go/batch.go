package tokenizers

import (
	"context"
	"math"
)

// EncodeBatch encodes every text in one call, spread over BatchParallelism threads, and
// returns the encodings in order, with what opts ask for. A tokenizer that pads to the longest
// (WithPadding with Length 0) pads every encoding to the longest of the batch. Input that is not
// valid UTF-8 is ferrogo.ErrInvalidUTF8 (naming the text); the first failing input is an
// *EncodeError naming its index. When ctx ends, the remaining texts are skipped and ctx.Err()
// is returned.
//
// The slices of all encodings share a few large arrays (one for all numbers, one for all
// tokens): a kept encoding keeps its whole batch in memory.
func (t *Tokenizer) EncodeBatch(ctx context.Context, texts []string, addSpecialTokens bool, opts ...EncodeOption) ([]Encoding, error) {
	req := request(addSpecialTokens, opts)
	p, err := t.encodeBatch(ctx, texts, req)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, n := range p.Counts {
		total += int(n)
	}
	var offsets []Offset
	var tokens []string
	if req.Offsets {
		offsets = make([]Offset, total)
	}
	if req.Tokens {
		tokens = make([]string, total)
	}
	out := make([]Encoding, len(p.Counts))
	cols, from := p.Columns, 0
	width := req.width()
	for i, c := range p.Counts {
		n := int(c)
		var offs []Offset
		var toks []string
		if req.Offsets {
			offs, offsets = offsets[:n:n], offsets[n:]
		}
		if req.Tokens {
			toks, tokens = tokens[:n:n], tokens[n:]
		}
		var used int
		out[i], used = unpack(cols, n, req, p.Tokens[from:], offs, toks)
		cols, from = cols[n*width:], from+used
	}
	return out, nil
}

// DecodeBatch decodes every sequence of ids in one call, spread over BatchParallelism threads,
// leaving out special tokens when skipSpecialTokens is set. An id not in the vocabulary is an
// *UnknownIDError naming the sequence and position. When ctx ends, the remaining sequences are
// skipped and ctx.Err() is returned.
func (t *Tokenizer) DecodeBatch(ctx context.Context, sequences [][]uint32, skipSpecialTokens bool) ([]string, error) {
	total := 0
	for _, s := range sequences {
		total += len(s)
	}
	ids := make([]uint32, 0, total)
	lengths := make([]uint32, len(sequences))
	for i, s := range sequences {
		ids = append(ids, s...)
		lengths[i] = uint32(len(s))
	}
	r, err := t.decodeBatch(ctx, ids, lengths, skipSpecialTokens, true)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(r.Ends))
	from := 0
	for i, end := range r.Ends {
		out[i] = r.Text[from:end]
		from = int(end)
	}
	return out, nil
}

// SetBatchParallelism sets how many threads EncodeBatch and DecodeBatch use (at most 256); 0
// restores the default, one per CPU available to the process. Batches already running keep
// their threads.
func SetBatchParallelism(threads int) {
	setBatchParallelism(uint32(min(max(threads, 0), math.MaxUint32)))
}

// BatchParallelism returns the number of threads EncodeBatch and DecodeBatch use.
func BatchParallelism() int {
	return int(batchParallelism())
}

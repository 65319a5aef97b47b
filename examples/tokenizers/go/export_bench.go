//go:build ferrogo_bench

package tokenizers

// Benchmark baselines for ../bench (built with -tags ferrogo_bench only): the same work done
// natively in Rust, n times in one Rust loop, so no crossing or Go code is measured.

// NativeEncode encodes text n times as a Rust program calling the tokenizers crate would
// (Encode's work: ids and tokens; ids only without tokens) and returns the last number of ids.
func (t *Tokenizer) NativeEncode(text string, addSpecialTokens, tokens bool, n uint64) (uint64, error) {
	return t.nativeEncode(text, encodeRequest{AddSpecialTokens: addSpecialTokens, Tokens: tokens}, n)
}

// NativeDecode decodes ids n times in Rust and returns the last text's length.
func (t *Tokenizer) NativeDecode(ids []uint32, skipSpecialTokens bool, n uint64) (uint64, error) {
	return t.nativeDecode(ids, skipSpecialTokens, n)
}

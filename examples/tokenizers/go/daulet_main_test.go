package tokenizers_test

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// networkTests are the subtests of github.com/daulet/tokenizers' suite (daulet_tokenizer_test.go,
// copied by ../prepare.sh) that download a model from huggingface.co. This package's
// FromPretrained reads a local cache and never downloads, and the test machines have no network
// beyond package registries, so they are skipped. Their error cases still run.
const networkTests = "TestFromPretrained/^valid_public_model"

// TestMain skips networkTests unless the command line chose what to skip itself. (The copied
// suite must stay unchanged, so the skip cannot be written into it.)
func TestMain(m *testing.M) {
	flag.Parse()
	if skip := flag.Lookup("test.skip"); skip.Value.String() == "" {
		if err := skip.Value.Set(networkTests); err != nil {
			panic(err)
		}
		fmt.Fprintf(os.Stderr, "skipping %s: it downloads from huggingface.co; FromPretrained here reads a local cache only\n", networkTests)
	}
	os.Exit(m.Run())
}

package tokenizers

import (
	"os"
	"path/filepath"
)

// exampleFile is a file of the example around this Go module (its corpus, the Python oracle and
// its virtualenv): in ".." when the tests run in the repository, in $FERROGO_TOKENIZERS_EXAMPLE
// when they run from a copy of the published module (tests/publish.sh runs them from the module
// cache of a consumer).
func exampleFile(name string) string {
	dir := os.Getenv("FERROGO_TOKENIZERS_EXAMPLE")
	if dir == "" {
		dir = ".."
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

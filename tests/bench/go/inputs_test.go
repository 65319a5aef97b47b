package bench

import "strings"

// The inputs every variant gets.
var (
	str1KiB   = strings.Repeat("lorem ipsum dolor sit amet, ", 37)[:1024]
	bytes64K  = []byte(strings.Repeat("0123456789abcdef", 4096))
	rect      = Rect{X: 1, Y: 2, W: 3, H: 4}
	batch     = batchItems(1000)
	batchList = newRawList(batch)
)

const (
	smallOut = 16
	largeOut = 4096
	gridN    = 1000
	badInput = "1234x"
	// missingKey has no value: Lookup returns ErrNotFound.
	missingKey = 7
)

// batchItems returns n distinct 16-byte strings.
func batchItems(n int) []string {
	items := make([]string, n)
	for i := range items {
		items[i] = strings.Repeat("k", 12) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + "zz"
	}
	return items
}

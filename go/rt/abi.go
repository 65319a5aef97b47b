package rt

import (
	"fmt"
	"os"
)

// Checksum is one item's ABI checksum: as compiled into the Rust library, and as the Go package
// was generated for.
type Checksum struct {
	Item             string
	Library, Package uint64
}

// CheckABI runs in a generated package's init: it stops the program with a fix-it message when
// the linked library was built from a different API than the package was generated from.
func CheckABI(pkg, lib string, sums []Checksum) {
	for _, c := range sums {
		if c.Library != c.Package {
			msg := fmt.Sprintf("ferrogo: package %s: %s was built from a different API than this Go package "+
				"(item %s: library checksum %#x, package expects %#x).\n"+
				"Rebuild both from the same source: ferrogo build --crate <crate dir> --out <this package's dir> --module <module path>",
				pkg, lib, c.Item, c.Library, c.Package)
			if os.Getenv("FERROGO_ABI_CHECK") == "warn" {
				fmt.Fprintln(os.Stderr, msg)
				continue
			}
			panic(msg)
		}
	}
}

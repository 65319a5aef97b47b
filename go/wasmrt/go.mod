module github.com/ferrogo/ferrogo/go/wasmrt

go 1.25.0

require (
	github.com/ferrogo/ferrogo/go v0.0.0
	github.com/tetratelabs/wazero v1.12.0
)

require golang.org/x/sys v0.44.0 // indirect

// The runtime module next to it, until both are published.
replace github.com/ferrogo/ferrogo/go => ../

module github.com/ferrogo/ferrogo/examples/asyncio/go

go 1.24

require github.com/ferrogo/ferrogo/go v0.0.0

// Until the ferrogo Go runtime is published, point at a local checkout:
// replace github.com/ferrogo/ferrogo/go => /path/to/ferrogo/go

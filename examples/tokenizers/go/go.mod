module github.com/ferrogo/ferrogo/examples/tokenizers/go

go 1.24

require github.com/ferrogo/ferrogo/go v0.0.0

// For github.com/daulet/tokenizers' own tests (copied by ../prepare.sh), which use testify.
require github.com/stretchr/testify v1.8.2

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

// Until the ferrogo Go runtime is published, point at a local checkout:
// replace github.com/ferrogo/ferrogo/go => /path/to/ferrogo/go

module github.com/ferrogo/ferrogo/examples/textdiff/go

go 1.24

require github.com/ferrogo/ferrogo/go v0.0.0

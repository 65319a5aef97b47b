module github.com/ferrogo/ferrogo/tests/bench-callbacks/go

go 1.24

require github.com/ferrogo/ferrogo/go v0.0.0

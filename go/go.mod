module github.com/ferrogo/ferrogo/go

go 1.24

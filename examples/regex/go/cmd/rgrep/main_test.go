package main

import (
	"bufio"
	"os"
	stdregexp "regexp"
	"testing"

	regexp "github.com/ferrogo/ferrogo/examples/regex/go"
)

// rgrep counts the same lines as grep with Go's regexp would.
func TestGrepCountsLikeGoRegexp(t *testing.T) {
	const file = "../../testdata/sherlock.txt"
	for _, p := range []string{`(?i)sherlock\s+holmes`, `Watson`, `^$`, `\d{4}`, `nomatchatall`} {
		re := regexp.MustCompile(p)
		got, err := grep(re, file, false, false)
		if err != nil {
			t.Fatal(err)
		}
		re.Close()
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		want, goRE := 0, stdregexp.MustCompile(p)
		for sc := bufio.NewScanner(f); sc.Scan(); {
			if goRE.MatchString(sc.Text()) {
				want++
			}
		}
		f.Close()
		if got != want {
			t.Errorf("%#q: rgrep counts %d lines, Go's regexp %d", p, got, want)
		}
	}
}

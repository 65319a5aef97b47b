// Command rgrep prints the lines of files that match a regular expression, like grep -E, using
// the regex package: Go's regexp syntax, Rust's engine. It is the drop-in demo: the code is the
// same as with Go's regexp except for the import.
//
// Usage:
//
//	rgrep [-c] [-stats] PATTERN [FILE...]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	regexp "github.com/ferrogo/ferrogo/examples/regex/go"
)

func main() {
	count := flag.Bool("c", false, "print only the number of matching lines")
	stats := flag.Bool("stats", false, "print the calls made into Rust when done")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: rgrep [-c] [-stats] PATTERN [FILE...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	re, err := regexp.Compile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "rgrep:", err)
		os.Exit(2)
	}
	defer re.Close()

	files := flag.Args()[1:]
	if len(files) == 0 {
		files = []string{"-"}
	}
	matched := 0
	for _, name := range files {
		n, err := grep(re, name, !*count, len(files) > 1)
		if err != nil {
			fmt.Fprintln(os.Stderr, "rgrep:", err)
			os.Exit(2)
		}
		matched += n
	}
	if *count {
		fmt.Println(matched)
	}
	if *stats {
		for name, f := range regexp.Stats().Functions {
			if f.Calls > 0 {
				fmt.Fprintf(os.Stderr, "%s: %d calls into Rust, %d bytes in\n", name, f.Calls, f.BytesIn)
			}
		}
	}
	if matched == 0 {
		os.Exit(1)
	}
}

// grep prints (when print) the matching lines of the named file ("-" is standard input) and
// returns how many matched. Lines are matched in batches of 512: one crossing into Rust each.
func grep(re *regexp.Regexp, name string, print, prefix bool) (int, error) {
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	matched := 0
	var batch []string
	flush := func() {
		for i, ok := range re.MatchStrings(batch) {
			if !ok {
				continue
			}
			matched++
			if print && prefix {
				fmt.Printf("%s:%s\n", name, batch[i])
			} else if print {
				fmt.Println(batch[i])
			}
		}
		batch = batch[:0]
	}
	for sc.Scan() {
		batch = append(batch, sc.Text())
		if len(batch) == 512 {
			flush()
		}
	}
	flush()
	return matched, sc.Err()
}

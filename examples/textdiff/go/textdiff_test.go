package textdiff_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ferrogo/ferrogo/examples/textdiff/go"
	"github.com/ferrogo/ferrogo/go"
)

// lines splits text the way similar does for line diffs: each line keeps its newline.
func lines(text string) []string {
	return strings.SplitAfter(text, "\n")[:strings.Count(text, "\n")+min(1, len(text)-strings.LastIndex(text, "\n")-1)]
}

// apply rebuilds the new text's tokens from the old text's and the ops, checking that every op
// starts where the previous one ended in both texts: the properties every edit script must have.
func apply(t *testing.T, old, new []string, ops []textdiff.DiffOp) []string {
	var out []string
	var oldAt, newAt uint
	at := func(o, n uint) {
		if o != oldAt || n != newAt {
			t.Fatalf("an op starts at (%d, %d), the previous one ended at (%d, %d): %#v", o, n, oldAt, newAt, ops)
		}
	}
	for _, op := range ops {
		switch op := op.(type) {
		case textdiff.DiffOpEqual:
			at(op.OldIndex, op.NewIndex)
			out = append(out, old[op.OldIndex:op.OldIndex+op.Len]...)
			oldAt, newAt = oldAt+op.Len, newAt+op.Len
		case textdiff.DiffOpDelete:
			at(op.OldIndex, op.NewIndex)
			oldAt += op.OldLen
		case textdiff.DiffOpInsert:
			at(op.OldIndex, op.NewIndex)
			out = append(out, new[op.NewIndex:op.NewIndex+op.NewLen]...)
			newAt += op.NewLen
		case textdiff.DiffOpReplace:
			at(op.OldIndex, op.NewIndex)
			out = append(out, new[op.NewIndex:op.NewIndex+op.NewLen]...)
			oldAt, newAt = oldAt+op.OldLen, newAt+op.NewLen
		}
	}
	return out
}

// randomText is n lines drawn from a small vocabulary, so two texts share many lines.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		fmt.Fprintf(&b, "line %d\n", r.IntN(12))
	}
	return b.String()
}

// For every algorithm, the ops turn the old lines into the new ones, and the hunks' changes
// agree with the ops.
func TestOpsRebuildTheNewText(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, alg := range []textdiff.Algorithm{textdiff.AlgorithmMyers, textdiff.AlgorithmPatience, textdiff.AlgorithmLcs} {
		for i := range 50 {
			old, new := randomText(r, r.IntN(40)), randomText(r, r.IntN(40))
			d := textdiff.NewDiff(old, new, textdiff.Options{Algorithm: alg})
			ops := d.Ops()
			if got := strings.Join(apply(t, lines(old), lines(new), ops), ""); got != new {
				t.Fatalf("%v #%d: applying %v to %q gives %q, want %q", alg, i, ops, old, got, new)
			}
			ins, del, eq := d.Counts()
			if int(ins+eq) != len(lines(new)) || int(del+eq) != len(lines(old)) {
				t.Fatalf("Counts = %d, %d, %d for %d -> %d lines", ins, del, eq, len(lines(old)), len(lines(new)))
			}
			for _, h := range d.Hunks(2) {
				var changed int
				for _, c := range h.Changes {
					if c.Tag != textdiff.ChangeTagEqual {
						changed++
					}
				}
				if changed == 0 || !strings.HasPrefix(h.Header, "@@ -") {
					t.Fatalf("hunk %+v", h)
				}
			}
			d.Close()
		}
	}
}

// The unified diff is what patch(1) applies: the real oracle for the format.
func TestUnifiedDiffAppliesWithPatch(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Fatal("patch(1) is needed (make installs it): ", err)
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 40 {
		old, new := randomText(r, 30), randomText(r, 30)
		// Texts without a final newline too ("\ No newline at end of file").
		if i%3 == 1 {
			old = strings.TrimSuffix(old, "\n")
		}
		if i%4 == 2 {
			new = strings.TrimSuffix(new, "\n")
		}
		d := textdiff.NewDiff(old, new, textdiff.Options{})
		unified := d.Unified(3, "a/file.txt", "b/file.txt")
		d.Close()
		file := filepath.Join(dir, "file.txt")
		if err := os.WriteFile(file, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(patch, "--quiet", file)
		cmd.Stdin = strings.NewReader(unified)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("#%d: patch failed: %v\n%s\ndiff:\n%s", i, err, out, unified)
		}
		if got, _ := os.ReadFile(file); string(got) != new {
			t.Fatalf("#%d: patched text differs from the new text\ndiff:\n%s", i, unified)
		}
	}
}

// A builder: &mut self methods set options, Diff consumes it (later use is ErrClosed).
func TestDifferBuilder(t *testing.T) {
	b := textdiff.NewDiffer()
	b.Algorithm(textdiff.AlgorithmPatience)
	b.Granularity(textdiff.GranularityWords)
	b.Timeout(time.Second)
	d := b.Diff("the quick brown fox", "the slow brown dog")
	defer d.Close()
	var removed []string
	for c := range d.Changes() {
		if c.Tag == textdiff.ChangeTagDelete {
			removed = append(removed, c.Value)
		}
	}
	if !slices.Equal(removed, []string{"quick", "fox"}) {
		t.Errorf("deleted words %q", removed)
	}
	if r := d.Ratio(); r <= 0 || r >= 1 {
		t.Errorf("Ratio = %v", r)
	}
	err := func() (err error) {
		defer func() { err, _ = recover().(error) }()
		b.Algorithm(textdiff.AlgorithmLcs)
		return nil
	}()
	if !errors.Is(err, ferrogo.ErrClosed) {
		t.Errorf("Differ after Diff: %v, want ErrClosed", err)
	}
}

// DiffOps with the default options and without any.
func TestDiffOpsFunction(t *testing.T) {
	ops := textdiff.DiffOps("a\nb\n", "a\nc\n", nil)
	want := []textdiff.DiffOp{
		textdiff.DiffOpEqual{OldIndex: 0, NewIndex: 0, Len: 1},
		textdiff.DiffOpReplace{OldIndex: 1, OldLen: 1, NewIndex: 1, NewLen: 1},
	}
	if !slices.Equal(ops, want) {
		t.Errorf("DiffOps = %#v", ops)
	}
	chars := textdiff.DiffOps("abc", "abd", &textdiff.Options{Granularity: textdiff.GranularityChars})
	if len(chars) != 2 {
		t.Errorf("char ops = %#v", chars)
	}
}

// close_matches against Python's difflib.get_close_matches, which it reimplements.
func TestCloseMatchesAgreeWithPythonDifflib(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	words := []string{"apple", "ape", "peach", "puppy", "applet", "maple", "grape"}
	for _, word := range []string{"appel", "pech", "zzz", "grap"} {
		got := textdiff.CloseMatches(word, words, 3, 0.6)
		script := fmt.Sprintf("import difflib, json; print(json.dumps(difflib.get_close_matches(%q, %s, 3, 0.6)))", word, pyList(words))
		out, err := exec.Command(python, "-c", script).Output()
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSpace(string(out))
		if gotJSON := jsonList(got); gotJSON != want {
			t.Errorf("CloseMatches(%q) = %s, difflib says %s", word, gotJSON, want)
		}
	}
}

func pyList(s []string) string {
	q := make([]string, len(s))
	for i, w := range s {
		q[i] = fmt.Sprintf("%q", w)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func jsonList(s []string) string { return pyList(s) }

package regex

import "testing"

func TestMakePointersIsMake(t *testing.T) {
	for _, n := range []int{0, 1, blockedMin - 1, blockedMin, blockedMin + 1, 64*100 + 7} {
		s := makePointers[[]byte](n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("makePointers(%d): len %d cap %d", n, len(s), cap(s))
		}
		for i, v := range s {
			if v != nil {
				t.Fatalf("makePointers(%d)[%d] = %q, want nil", n, i, v)
			}
		}
		if n > 0 {
			s[n-1] = []byte("last")
			if grown := append(s, nil); &grown[0] == &s[0] {
				t.Fatalf("makePointers(%d): append did not reallocate", n)
			}
		}
	}
}

// keptPointers holds the last results of BenchmarkMakePointers, so collections scan them as
// they would a result the caller is using.
var keptPointers [2][][]byte

// BenchmarkMakePointers builds what FindAllSubmatch returns for the lexer benchmark (62,400
// matches of 88 groups, 2 set each) with make and with makePointers, keeping the last two
// results reachable.
func BenchmarkMakePointers(b *testing.B) {
	const matches, groups = 62_400, 88
	hay := []byte("assign a = 1;")
	for _, way := range []struct {
		name string
		make func(n int) [][]byte
	}{
		{"make", func(n int) [][]byte { return make([][]byte, n) }},
		{"blocks", makePointers[[]byte]},
	} {
		b.Run(way.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				all := way.make(matches * groups)
				for m := range matches {
					all[m*groups] = hay[:6:6]
					all[m*groups+3] = hay[7:8:8]
				}
				keptPointers[i%2] = all
				i++
			}
			keptPointers = [2][][]byte{}
		})
	}
}

package bench

import (
	"errors"
	"slices"
	"testing"
)

// The benchmarks only mean something if every variant computes the same thing.
func TestVariantsAgree(t *testing.T) {
	check := func(name string, got, want any) {
		t.Helper()
		if !equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}

	want := Add(40, 2)
	check("add", want, int64(42))
	check("raw add", rawAdd(40, 2), want)
	check("hw add", hwAdd(40, 2), want)
	check("ser add", serAdd(40, 2), want)

	acc := NewAcc(40)
	defer acc.Close()
	racc := newRawAcc(40)
	defer racc.Free()
	check("offset", acc.Offset(2), int64(42))
	check("raw offset", racc.Offset(2), int64(42))
	check("hw offset", newHwAcc(40).Offset(2), int64(42))
	check("ser offset", newSerAcc(40).Offset(2), int64(42))

	n := CountByte(str1KiB, ' ')
	if n == 0 {
		t.Fatal("CountByte found no spaces")
	}
	rn, err := rawCountByte(str1KiB, ' ')
	check("raw count", rn, n)
	check("raw count err", err, nil)
	hn, err := hwCountByte(str1KiB, ' ')
	check("hw count", hn, n)
	check("hw count err", err, nil)
	check("ser count", serCountByte(str1KiB, ' '), n)

	sum := ByteSum(bytes64K)
	check("raw sum", rawByteSum(bytes64K), sum)
	check("hw sum", hwByteSum(bytes64K), sum)
	check("ser sum", serByteSum(bytes64K), sum)

	for _, size := range []int{smallOut, largeOut} {
		s := MakeString(uint(size))
		check("len", len(s), size)
		check("raw string", rawMakeString(size), s)
		check("hw string", hwMakeString(size), s)
		check("ser string", serMakeString(size), s)
	}

	r := Scale(rect, 2)
	check("scale", r, Rect{X: 2, Y: 4, W: 6, H: 8})
	check("raw scale", rawScale(rect, 2), r)
	check("hw scale", hwScale(rect, 2), r)
	check("ser scale", serScale(rect, 2), r)

	g := Grid(gridN)
	check("grid len", len(g), gridN)
	check("raw grid", rawGrid(gridN), g)
	check("hw grid", hwGrid(gridN), g)
	check("ser grid", serGrid(gridN), g)

	v, err := ParseDigits("1234")
	check("parse", v, uint64(1234))
	check("parse err", err, nil)
	_, err = ParseDigits(badInput)
	var pe *NotADigitError
	if !errors.As(err, &pe) || pe.At != 4 {
		t.Errorf("ParseDigits(%q) = %v, want NotADigit at 4", badInput, err)
	}
	msg := err.Error()
	_, err = rawParseDigits(badInput)
	check("raw parse msg", errMsg(err), "not a digit at 4")
	_, err = hwParseDigits(badInput)
	check("hw parse msg", errMsg(err), "not a digit at 4")
	_, err = serParseDigits(badInput)
	check("ser parse msg", errMsg(err), "not a digit at 4")
	if msg == "" {
		t.Error("empty ferrogo error message")
	}

	for _, key := range []uint64{10, missingKey} {
		v, err := Lookup(key)
		rv, rerr := rawLookup(key)
		sv, serr := serLookup(key)
		check("lookup", v, rv)
		check("ser lookup", sv, rv)
		check("lookup err", errMsg(err), errMsg(rerr))
		check("ser lookup err", errMsg(serr), errMsg(rerr))
		if (err != nil) != (key == missingKey) || (err != nil && !errors.Is(err, ErrNotFound)) {
			t.Errorf("Lookup(%d) = %v, want ErrNotFound only for the missing key", key, err)
		}
	}

	hashes := HashAll(batch)
	check("batch len", len(hashes), len(batch))
	check("hash", Hash(batch[7]), hashes[7])
	out := make([]uint64, len(batch))
	check("raw batch ok", rawHashAll(batchList, out), true)
	check("raw batch", out, hashes)
	hh, err := hwHashAll(batch)
	check("hw batch", hh, hashes)
	check("hw batch err", err, nil)
	check("ser batch", serHashAll(batch), hashes)
}

func errMsg(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []Rect:
		return slices.Equal(a, b.([]Rect))
	case []uint64:
		return slices.Equal(a, b.([]uint64))
	}
	return a == b
}

// The zero-allocation contract of the calling convention, checked where benchmarks cannot be:
// scalar, method and borrowed-input calls allocate nothing, small string results only the string.
func TestBoundaryAllocations(t *testing.T) {
	acc := NewAcc(1)
	defer acc.Close()
	cases := []struct {
		name string
		max  float64
		f    func()
	}{
		{"Add", 0, func() { Add(1, 2) }},
		{"(*Acc).Offset", 0, func() { acc.Offset(2) }},
		{"CountByte 1KiB", 0, func() { CountByte(str1KiB, ' ') }},
		{"ByteSum 64KiB", 0, func() { ByteSum(bytes64K) }},
		{"Scale", 0, func() { Scale(rect, 2) }},
		{"MakeString 16B", 1, func() { MakeString(smallOut) }},
	}
	for _, c := range cases {
		if got := testing.AllocsPerRun(100, c.f); got > c.max {
			t.Errorf("%s: %v allocs/op, want ≤ %v", c.name, got, c.max)
		}
	}
}

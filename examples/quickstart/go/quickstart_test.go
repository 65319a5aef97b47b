package quickstart_test

import (
	"errors"
	"testing"

	"github.com/ferrogo/ferrogo/examples/quickstart/go"
	"github.com/ferrogo/ferrogo/go"
)

func TestQuickstart(t *testing.T) {
	if got := quickstart.Add(2, 3); got != 5 {
		t.Errorf("Add = %d", got)
	}
	if got := quickstart.Greet("Gopher"); got != "Hello, Gopher! (from Rust)" {
		t.Errorf("Greet = %q", got)
	}
	if got := quickstart.Midpoint(quickstart.Point{X: 0, Y: 0}, quickstart.Point{X: 4, Y: 2}); got != (quickstart.Point{X: 2, Y: 1}) {
		t.Errorf("Midpoint = %+v", got)
	}
	if p, err := quickstart.ParsePort("8080"); p != 8080 || err != nil {
		t.Errorf("ParsePort(8080) = %d, %v", p, err)
	}
	if _, err := quickstart.ParsePort(""); !errors.Is(err, quickstart.ErrEmpty) {
		t.Errorf("ParsePort(\"\") error = %v, want ErrEmpty", err)
	}
	var invalid *quickstart.InvalidError
	if _, err := quickstart.ParsePort("http"); !errors.As(err, &invalid) || invalid.Port != "http" {
		t.Errorf("ParsePort(http) error = %v, want *InvalidError{Port: http}", err)
	}
}

func TestCounterAfterClose(t *testing.T) {
	c := quickstart.NewCounter(1)
	if got := c.Incr(2); got != 3 {
		t.Fatalf("Incr = %d", got)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		err, _ := recover().(error)
		if !errors.Is(err, ferrogo.ErrClosed) {
			t.Fatalf("Incr after Close panicked with %v, want ferrogo.ErrClosed", err)
		}
	}()
	c.Incr(1)
}

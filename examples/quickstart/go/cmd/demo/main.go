// Command demo calls a Rust library through the Go package ferrogo generated for it.
package main

import (
	"errors"
	"fmt"
	"sync"

	"github.com/ferrogo/ferrogo/examples/quickstart/go"
)

func main() {
	fmt.Println("quickstart.Add(2, 3) =", quickstart.Add(2, 3))
	fmt.Println(quickstart.Greet("Gopher"))
	fmt.Printf("midpoint = %+v\n", quickstart.Midpoint(quickstart.Point{X: 0, Y: 0}, quickstart.Point{X: 4, Y: 2}))

	for _, in := range []string{"8080", "", "http"} {
		port, err := quickstart.ParsePort(in)
		var invalid *quickstart.InvalidError
		switch {
		case err == nil:
			fmt.Printf("ParsePort(%q) = %d\n", in, port)
		case errors.Is(err, quickstart.ErrEmpty):
			fmt.Printf("ParsePort(%q): ErrEmpty: %v\n", in, err)
		case errors.As(err, &invalid):
			fmt.Printf("ParsePort(%q): *InvalidError{Port: %q}: %v\n", in, invalid.Port, err)
		}
	}

	c := quickstart.NewCounter(10)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				c.Incr(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("counter after 8 goroutines x 1000 increments:", c.Incr(0))
	c.Close()
	func() {
		defer func() { fmt.Println("call after Close panics with:", recover()) }()
		c.Incr(1)
	}()
}

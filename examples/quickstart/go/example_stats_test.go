package quickstart_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/ferrogo/ferrogo/examples/quickstart/go"
)

// Stats reports per-function call counters, ready for a dashboard. (Latency histograms are
// left out here only because their values vary from run to run.)
func ExampleStats() {
	before := quickstart.Stats()
	quickstart.Add(1, 2)
	quickstart.Greet("Gopher")
	quickstart.ParsePort("")
	c := quickstart.NewCounter(0)
	c.Incr(1)
	c.Close()

	// Counters are cumulative since the process started; a dashboard plots their rates.
	s := quickstart.Stats()
	for _, name := range []string{"Add", "Greet", "ParsePort", "(*Counter).Incr"} {
		f, b := s.Functions[name], before.Functions[name]
		fmt.Printf("%-16s calls=%d errors=%d bytes_in=%d bytes_out=%d\n", name,
			f.Calls-b.Calls, f.Errors-b.Errors, f.BytesIn-b.BytesIn, f.BytesOut-b.BytesOut)
	}
	live := s.Objects["Counter"].Live - before.Objects["Counter"].Live
	json.NewEncoder(os.Stdout).Encode(map[string]uint64{"Counter.live_delta": live})
	// Output:
	// Add              calls=1 errors=0 bytes_in=0 bytes_out=0
	// Greet            calls=1 errors=0 bytes_in=6 bytes_out=26
	// ParsePort        calls=1 errors=1 bytes_in=0 bytes_out=0
	// (*Counter).Incr  calls=1 errors=0 bytes_in=0 bytes_out=0
	// {"Counter.live_delta":0}
}

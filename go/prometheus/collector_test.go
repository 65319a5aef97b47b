package prometheus

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/ferrogo/ferrogo/go"
)

func TestCollectorExportsStats(t *testing.T) {
	var h ferrogo.Histogram
	h.Buckets[6] = 3 // three calls under 64 ns
	h.Buckets[10] = 1
	h.Samples, h.Total = 4, 1200*time.Nanosecond
	c := &Collector{stats: func() []ferrogo.Stats {
		return []ferrogo.Stats{{
			Package:   "demo",
			Functions: map[string]ferrogo.FuncStats{"Add": {Calls: 7, Errors: 2, Panics: 1, BytesIn: 10, Latency: h}},
			Objects:   map[string]ferrogo.ObjectStats{"Counter": {Live: 3, Leaked: 1}},
		}}
	}}
	want := `
# HELP ferrogo_calls_total Calls into Rust.
# TYPE ferrogo_calls_total counter
ferrogo_calls_total{function="Add",package="demo"} 7
# HELP ferrogo_errors_total Calls into Rust that returned an error.
# TYPE ferrogo_errors_total counter
ferrogo_errors_total{function="Add",package="demo"} 2
# HELP ferrogo_objects_live Rust objects held by Go and not yet freed.
# TYPE ferrogo_objects_live gauge
ferrogo_objects_live{package="demo",type="Counter"} 3
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "ferrogo_calls_total", "ferrogo_errors_total", "ferrogo_objects_live"); err != nil {
		t.Fatal(err)
	}
	if n := testutil.CollectAndCount(c, "ferrogo_call_duration_seconds"); n != 1 {
		t.Fatalf("histograms = %d, want 1", n)
	}
}

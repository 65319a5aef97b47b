// Package prometheus exports the statistics of ferrogo-generated packages as Prometheus metrics.
// It is a separate module so that the ferrogo runtime itself stays stdlib-only.
//
//	prometheus.MustRegister(ferrogoprom.NewCollector())
//
// Metrics (labels package and function, or package and type):
//
//	ferrogo_calls_total, ferrogo_errors_total, ferrogo_panics_total
//	ferrogo_bytes_in_total, ferrogo_bytes_out_total
//	ferrogo_call_duration_seconds (histogram of sampled calls)
//	ferrogo_objects_live, ferrogo_objects_leaked_total
package prometheus

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/ferrogo/ferrogo/go"
)

var (
	fnLabels  = []string{"package", "function"}
	objLabels = []string{"package", "type"}

	callsDesc    = prometheus.NewDesc("ferrogo_calls_total", "Calls into Rust.", fnLabels, nil)
	errorsDesc   = prometheus.NewDesc("ferrogo_errors_total", "Calls into Rust that returned an error.", fnLabels, nil)
	panicsDesc   = prometheus.NewDesc("ferrogo_panics_total", "Calls into Rust that panicked.", fnLabels, nil)
	bytesInDesc  = prometheus.NewDesc("ferrogo_bytes_in_total", "String, byte and slice bytes passed to Rust.", fnLabels, nil)
	bytesOutDesc = prometheus.NewDesc("ferrogo_bytes_out_total", "String and byte bytes returned by Rust.", fnLabels, nil)
	latencyDesc  = prometheus.NewDesc("ferrogo_call_duration_seconds", "Duration of sampled calls into Rust.", fnLabels, nil)
	liveDesc     = prometheus.NewDesc("ferrogo_objects_live", "Rust objects held by Go and not yet freed.", objLabels, nil)
	leakedDesc   = prometheus.NewDesc("ferrogo_objects_leaked_total", "Rust objects freed by the garbage collector without Close.", objLabels, nil)
)

// Collector collects the statistics of every ferrogo package registered in the process.
type Collector struct {
	stats func() []ferrogo.Stats
}

// NewCollector returns a collector of ferrogo.AllStats.
func NewCollector() *Collector { return &Collector{stats: ferrogo.AllStats} }

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{callsDesc, errorsDesc, panicsDesc, bytesInDesc, bytesOutDesc, latencyDesc, liveDesc, leakedDesc} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	for _, s := range c.stats() {
		for name, f := range s.Functions {
			counter := func(d *prometheus.Desc, v uint64) {
				ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), s.Package, name)
			}
			counter(callsDesc, f.Calls)
			counter(errorsDesc, f.Errors)
			counter(panicsDesc, f.Panics)
			counter(bytesInDesc, f.BytesIn)
			counter(bytesOutDesc, f.BytesOut)
			ch <- histogram(f.Latency, s.Package, name)
		}
		for typ, o := range s.Objects {
			ch <- prometheus.MustNewConstMetric(liveDesc, prometheus.GaugeValue, float64(o.Live), s.Package, typ)
			ch <- prometheus.MustNewConstMetric(leakedDesc, prometheus.CounterValue, float64(o.Leaked), s.Package, typ)
		}
	}
}

// histogram converts ferrogo's log2 nanosecond buckets into cumulative Prometheus buckets in
// seconds (upper bounds 2^i ns).
func histogram(h ferrogo.Histogram, labels ...string) prometheus.Metric {
	buckets := make(map[float64]uint64, len(h.Buckets)-1)
	var cum uint64
	for i, n := range h.Buckets[:len(h.Buckets)-1] {
		cum += n
		buckets[float64(uint64(1)<<uint(i))/1e9] = cum
	}
	return prometheus.MustNewConstHistogram(latencyDesc, h.Samples, h.Total.Seconds(), buckets, labels...)
}

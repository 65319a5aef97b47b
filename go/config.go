package ferrogo

import (
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
)

// PanicPolicy says what a function without an error result does when its Rust code panics.
type PanicPolicy int

const (
	// PanicRepanic re-raises the Rust panic as a Go panic carrying a *PanicError, which
	// recover can catch. This is the default.
	PanicRepanic PanicPolicy = iota
	// PanicExit logs the *PanicError with Config.Logger and exits the process with status 2,
	// as an unrecovered Go panic would, for services that prefer to crash fast.
	PanicExit
)

// Config holds the process-wide options of ferrogo-generated packages. The zero value is the
// default. Set it with Configure, early in main and before the first call into Rust: the Rust
// side reads its options on the first call.
type Config struct {
	// Panics is the panic policy of functions without an error result.
	Panics PanicPolicy
	// PrintRustPanics also prints Rust panic messages to stderr (through the previously
	// installed Rust panic hook) in addition to returning them as *PanicError.
	PrintRustPanics bool
	// MetricsSampleEvery times one call in every N per thread for the latency histograms in
	// Stats. 0 means the default (64); a negative value turns timing off.
	MetricsSampleEvery int
	// DisableStats turns the call statistics off (Stats then reports no calls, errors or
	// panics): they cost a few nanoseconds a call (docs/PERFORMANCE.md), which a service
	// making hundreds of millions of tiny calls may rather keep. Live objects and callbacks
	// are still counted.
	DisableStats bool
	// LeakStacks records where each object was created, and logs that stack when an object
	// that was never closed is freed by the garbage collector. It costs a stack walk per
	// object creation: turn it on while hunting leaks.
	LeakStacks bool
	// Logger receives leak reports and PanicExit messages. Nil means slog.Default().
	Logger *slog.Logger
	// BlockingCalls caps how many calls of functions exported with
	// #[ferrogo::export(blocking)] run in Rust at once, across all packages: each holds an OS
	// thread while it runs (cgo), so a burst of slow calls would otherwise grow the process by a
	// thread per call, and past 10,000 threads Go kills the process. Callers over the cap wait
	// as parked goroutines (or until their context is done, for functions taking one).
	// 0 means the default, 16 per GOMAXPROCS and at least 64 (read at the first blocking
	// call); a negative value means no cap. Other functions are never limited: keep long
	// calls `blocking`. See docs/OPERATIONS.md.
	BlockingCalls int
	// AsyncThreads sizes the runtime that runs Rust async functions (tokio's worker threads,
	// one runtime per Rust library that has async functions, started at its first async call).
	// Goroutines waiting for futures hold no thread. 0 means one per CPU; a library may run its
	// futures on its own runtime instead.
	AsyncThreads int
}

var config atomic.Pointer[Config]

// Configure sets the process-wide configuration. Call it before the first call into Rust.
func Configure(c Config) {
	if c.MetricsSampleEvery != 0 {
		n := c.MetricsSampleEvery
		if n < 0 {
			n = 0
		}
		os.Setenv("FERROGO_METRICS_SAMPLE", strconv.Itoa(n))
	}
	if c.DisableStats {
		os.Setenv("FERROGO_METRICS", "off")
	}
	if c.PrintRustPanics {
		os.Setenv("FERROGO_PANIC_HOOK", "chain")
	}
	if c.AsyncThreads > 0 {
		os.Setenv("FERROGO_ASYNC_THREADS", strconv.Itoa(c.AsyncThreads))
	}
	config.Store(&c)
}

// CurrentConfig returns the configuration in force.
func CurrentConfig() Config {
	if c := config.Load(); c != nil {
		return *c
	}
	return Config{}
}

func (c Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

// Raise applies the panic policy to err, the error of a call without an error result.
// Generated code calls it; it does not return.
func Raise(err error) {
	c := CurrentConfig()
	if c.Panics == PanicExit {
		c.logger().Error("ferrogo: rust call failed; exiting (ferrogo.PanicExit)", "err", err)
		os.Exit(2)
	}
	panic(err)
}

// CreationStack returns the caller's stack for leak reports, or nil unless Config.LeakStacks
// is on. Generated constructors call it.
func CreationStack() []uintptr {
	if c := config.Load(); c == nil || !c.LeakStacks {
		return nil
	}
	pcs := make([]uintptr, 32)
	return pcs[:runtime.Callers(3, pcs)]
}

// ReportLeak logs an object that was freed by the garbage collector without Close, with its
// creation stack when one was recorded. Generated cleanups call it.
func ReportLeak(pkg, typ string, stack []uintptr) {
	if stack == nil {
		return
	}
	var b strings.Builder
	frames := runtime.CallersFrames(stack)
	for {
		f, more := frames.Next()
		fmt.Fprintf(&b, "\n\t%s\n\t\t%s:%d", f.Function, f.File, f.Line)
		if !more {
			break
		}
	}
	CurrentConfig().logger().Warn("ferrogo: object was never closed; freed by the garbage collector",
		"package", pkg, "type", typ, "created", b.String())
}

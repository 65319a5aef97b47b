package ferrogo

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrClosed is the error of a call on an object after its Close.
	ErrClosed = errors.New("object is closed")
	// ErrPoisoned is the error of a call on an object whose earlier call panicked in Rust.
	ErrPoisoned = errors.New("object is poisoned by an earlier panic")
	// ErrReentrant is the error of a call that needs an object (as receiver or argument) which a
	// call enclosing it on the same goroutine already uses in a way that excludes it: Go code
	// called back from a method of the object calls a method changing it (&mut self) or
	// consuming it (self), or, during a method changing it, any method of it. Waiting would
	// never end, so the call fails at once, at any nesting depth. Nothing ran on the object: it
	// stays usable, and an enclosing method that a callback interrupts with the resulting panic
	// does not poison it. A call passing the same object twice where one use excludes the other
	// (x.Union(x), a method changing x that borrows another) fails with it too.
	ErrReentrant = errors.New("object is in use by an enclosing call on this goroutine (re-entrant use)")
	// ErrInvalidUTF8 is the error of a string argument that is not valid UTF-8, from a function
	// with an error result. A function without one reads invalid UTF-8 as a range loop does,
	// each invalid byte utf8.RuneError, instead; its documentation says which it does.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrInvalidArgument is the error of an argument Rust cannot represent, such as an unknown
	// enum value.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrInvalidResult is wrapped by the error of a call whose Rust result has no Go
	// counterpart, such as a std::time::Duration longer than time.Duration can hold or, off
	// Unix, a path that is not UTF-8: ferrogo never truncates or wraps such values.
	ErrInvalidResult = errors.New("result cannot be represented in Go")
	// ErrCanceled is wrapped by the error of a Rust call that stopped because its context was
	// canceled; the error also matches the context's own error (context.Canceled or
	// context.DeadlineExceeded).
	ErrCanceled = errors.New("canceled")
)

// PanicError is a Rust panic caught at the boundary. It carries the panic message and where in
// the Rust source the panic happened.
//
// It is also how a panic of Go code that Rust called reaches the Go caller of the Rust function,
// when that code cannot return an error (a method of a callback interface without an error
// result, or a func argument): GoCallee names that code, Message is the panic value as %v
// formats it, and Backtrace the stack of the goroutine that panicked.
type PanicError struct {
	// Func is the Go name of the called function, such as "regex.(*Regexp).Find".
	Func string
	// GoCallee is set for a Go panic: the Go code Rust called that panicked, such as
	// "Progress.OnProgress" or "func argument visit of Walk".
	GoCallee string
	// Message is the panic message (a panic with a non-string payload has a placeholder).
	Message string
	// File, Line and Column locate the panic in the Rust source, when known.
	File         string
	Line, Column int
	// Backtrace is the Rust backtrace, captured when RUST_BACKTRACE asks for one; for a Go
	// panic, the panicking goroutine's stack.
	Backtrace string
}

func (e *PanicError) Error() string {
	var b strings.Builder
	if e.GoCallee != "" {
		b.WriteString("go panic in ")
		b.WriteString(e.GoCallee)
		if e.Func != "" {
			b.WriteString(" (called from Rust by ")
			b.WriteString(e.Func)
			b.WriteString(")")
		}
		b.WriteString(": ")
		b.WriteString(e.Message)
		return b.String()
	}
	b.WriteString("rust panic")
	if e.Func != "" {
		b.WriteString(" in ")
		b.WriteString(e.Func)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	if e.File != "" {
		fmt.Fprintf(&b, " (at %s:%d:%d)", e.File, e.Line, e.Column)
	}
	return b.String()
}

// ObjectError records a call that failed because of the state of an object it was made on or
// passed: it wraps ErrClosed, ErrPoisoned or ErrReentrant.
type ObjectError struct {
	Func string // the Go method, such as "fixture.(*Counter).Incr"
	Type string // the Rust type name
	// Arg names the argument holding the object (its Rust name, with the path into a list or
	// record, such as "items[2]"); empty for the receiver.
	Arg string
	Err error
}

func (e *ObjectError) Error() string {
	msg := e.Func + ": " + e.Type + " " + e.Err.Error()
	if e.Arg != "" {
		msg = e.Func + ": argument " + e.Arg + ": " + e.Type + " " + e.Err.Error()
	}
	if e.Err == ErrPoisoned {
		// The way out is in the Rust crate: say where.
		msg += " (a method panicked in Rust; #[ferrogo::object(no_poison)] on the Rust type keeps it usable after a panic)"
	}
	return msg
}

func (e *ObjectError) Unwrap() error { return e.Err }

// ArgumentError records an argument Rust could not accept. It wraps ErrInvalidUTF8 or
// ErrInvalidArgument.
type ArgumentError struct {
	Func string // the Go function
	Arg  string // the Rust parameter name
	Err  error
	// ValidUpTo is, for ErrInvalidUTF8, the length of the valid UTF-8 prefix.
	ValidUpTo int
	// Detail says more, for ErrInvalidArgument.
	Detail string
}

func (e *ArgumentError) Error() string {
	msg := e.Func + ": argument " + e.Arg + ": " + e.Err.Error()
	switch {
	case errors.Is(e.Err, ErrInvalidUTF8):
		msg += fmt.Sprintf(" (valid up to byte %d)", e.ValidUpTo)
	case e.Detail != "":
		msg += ": " + e.Detail
	}
	return msg
}

func (e *ArgumentError) Unwrap() error { return e.Err }

// ResultError records a Rust result that Go cannot represent. It wraps ErrInvalidResult.
type ResultError struct {
	Func   string // the Go function
	Detail string // which value, and why
}

func (e *ResultError) Error() string {
	return e.Func + ": " + ErrInvalidResult.Error() + ": " + e.Detail
}

func (e *ResultError) Unwrap() error { return ErrInvalidResult }

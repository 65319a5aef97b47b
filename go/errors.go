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
	// ErrInvalidUTF8 is the error of a string argument that is not valid UTF-8 where Rust needs
	// a str.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrInvalidArgument is the error of an argument Rust cannot represent, such as an unknown
	// enum value.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrCanceled is wrapped by the error of a Rust call that stopped because its context was
	// canceled; the error also matches the context's own error (context.Canceled or
	// context.DeadlineExceeded).
	ErrCanceled = errors.New("canceled")
)

// PanicError is a Rust panic caught at the boundary. It carries the panic message and where in
// the Rust source the panic happened.
type PanicError struct {
	// Func is the Go name of the called function, such as "regex.(*Regexp).Find".
	Func string
	// Message is the panic message (a panic with a non-string payload has a placeholder).
	Message string
	// File, Line and Column locate the panic in the Rust source, when known.
	File         string
	Line, Column int
	// Backtrace is the Rust backtrace, captured when RUST_BACKTRACE asks for one.
	Backtrace string
}

func (e *PanicError) Error() string {
	var b strings.Builder
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

// ObjectError records a call that failed because of the state of the object it was made on:
// it wraps ErrClosed or ErrPoisoned.
type ObjectError struct {
	Func string // the Go method, such as "fixture.(*Counter).Incr"
	Type string // the Rust type name
	Err  error
}

func (e *ObjectError) Error() string { return e.Func + ": " + e.Type + " " + e.Err.Error() }

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

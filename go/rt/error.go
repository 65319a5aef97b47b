package rt

import (
	"sync/atomic"

	"github.com/ferrogo/ferrogo/go"
)

// Error kinds, as crates/ferrogo/src/abi.rs (ErrorKind) numbers them.
const (
	KindUser            = 0
	KindPanic           = 1
	KindInvalidUTF8     = 2
	KindClosed          = 3
	KindPoisoned        = 4
	KindInvalidArgument = 5
	KindCanceled        = 6
	KindInvalidResult   = 7
	KindGoPanic         = 8
	KindReentrant       = 9
)

// UserDecoder turns a #[ferrogo::error] variant into the package's Go error value. payload (the
// Rust Display text, then the variant's fields) aliases Rust memory, valid only during the call:
// the decoder copies what it keeps. Passing the raw bytes lets a unit variant's error be reused
// without allocating (see the generated <error>UnitOf) and a data variant's strings share one
// copy (CopyDecoder).
type UserDecoder func(variant uint32, payload []byte) error

// ErrorDone tells Rust that Go has copied an error (done points at its header's flag in C
// memory): the thread that built it frees or reuses it later, so the error path needs no second
// crossing. A static error (a unit variant's) is done already; it is only read, so that threads
// returning it do not contend on its cache line.
func ErrorDone(done *uint32) {
	if atomic.LoadUint32(done) == 0 {
		atomic.StoreUint32(done, 1)
	}
}

// DecodeError builds the Go error for an error crossing from Rust. fn is the Go name of the
// called function, for messages. The result is never nil.
func DecodeError(fn string, kind, variant uint32, data []byte, user UserDecoder) error {
	if kind == KindUser {
		if user != nil {
			if err := user(variant, data); err != nil {
				return err
			}
		}
		return &ferrogo.PanicError{Func: fn, Message: "ferrogo: unknown error variant: " + string(MessageOf(data))}
	}
	d := NewDecoder(data)
	switch kind {
	case KindPanic:
		e := &ferrogo.PanicError{Func: fn}
		e.Message = d.String()
		e.File = d.String()
		e.Line = int(d.Uint32())
		e.Column = int(d.Uint32())
		e.Backtrace = d.String()
		return e
	case KindGoPanic:
		e := &ferrogo.PanicError{Func: fn}
		e.GoCallee = d.String()
		e.Message = d.String()
		e.Backtrace = d.String()
		return e
	case KindInvalidUTF8:
		arg := d.String()
		return &ferrogo.ArgumentError{Func: fn, Arg: arg, Err: ferrogo.ErrInvalidUTF8, ValidUpTo: int(d.Uint64())}
	case KindInvalidArgument:
		arg := d.String()
		return &ferrogo.ArgumentError{Func: fn, Arg: arg, Err: ferrogo.ErrInvalidArgument, Detail: d.String()}
	case KindClosed:
		return &ferrogo.ObjectError{Func: fn, Type: d.String(), Arg: d.String(), Err: ferrogo.ErrClosed}
	case KindPoisoned:
		return &ferrogo.ObjectError{Func: fn, Type: d.String(), Arg: d.String(), Err: ferrogo.ErrPoisoned}
	case KindReentrant:
		return &ferrogo.ObjectError{Func: fn, Type: d.String(), Arg: d.String(), Err: ferrogo.ErrReentrant}
	case KindInvalidResult:
		return &ferrogo.ResultError{Func: fn, Detail: d.String()}
	case KindCanceled:
		return ferrogo.ErrCanceled
	}
	return &ferrogo.PanicError{Func: fn, Message: "ferrogo: unknown error kind from Rust"}
}

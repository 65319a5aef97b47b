package rt

import (
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
)

// UserDecoder turns a #[ferrogo::error] variant into the package's Go error value.
type UserDecoder func(variant uint32, message string, d *Decoder) error

// DecodeError builds the Go error for an error crossing from Rust. fn is the Go name of the
// called function, for messages. The result is never nil.
func DecodeError(fn string, kind, variant uint32, data []byte, user UserDecoder) error {
	d := NewDecoder(data)
	switch kind {
	case KindUser:
		msg := d.String()
		if user != nil {
			if err := user(variant, msg, d); err != nil {
				return err
			}
		}
		return &ferrogo.PanicError{Func: fn, Message: "ferrogo: unknown error variant: " + msg}
	case KindPanic:
		e := &ferrogo.PanicError{Func: fn}
		e.Message = d.String()
		e.File = d.String()
		e.Line = int(d.Uint32())
		e.Column = int(d.Uint32())
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
	case KindInvalidResult:
		return &ferrogo.ResultError{Func: fn, Detail: d.String()}
	case KindCanceled:
		return ferrogo.ErrCanceled
	}
	return &ferrogo.PanicError{Func: fn, Message: "ferrogo: unknown error kind from Rust"}
}

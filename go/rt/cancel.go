package rt

import (
	"errors"

	"github.com/ferrogo/ferrogo/go"
)

// AfterCancel is the error of a call whose context ended while it ran in Rust: the context's
// error, joined with the call's own error when that is a Rust panic. A panic must not hide
// behind the cancellation: it poisoned the object the call was made on, and the caller can
// only tell with errors.As. Other errors of such a call are dropped, as its result is.
func AfterCancel(ctxErr, err error) error {
	var pe *ferrogo.PanicError
	if errors.As(err, &pe) {
		return errors.Join(ctxErr, err)
	}
	return ctxErr
}

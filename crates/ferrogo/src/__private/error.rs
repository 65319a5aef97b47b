//! Errors on their way to Go. Details are encoded only on the error path (ABI rule 3).

use std::fmt::Display;

use crate::abi::{Encoder, ErrorKind, FfiError};

/// Why an argument could not be converted.
#[derive(Debug)]
pub enum LiftError {
    InvalidUtf8 {
        valid_up_to: usize,
    },
    /// Element `index` of a string list is not UTF-8.
    InvalidUtf8InList {
        index: usize,
        valid_up_to: usize,
    },
    Invalid(String),
    /// A field of a record argument could not be converted (`error` says why): keeps the kind,
    /// so invalid UTF-8 in a field is `ErrInvalidUTF8` in Go like in a plain argument.
    InField {
        field: &'static str,
        error: Box<LiftError>,
    },
    /// Element `index` of a list (or the value of a map entry) could not be converted.
    InElement {
        index: String,
        error: Box<LiftError>,
    },
    /// An object argument whose handle is closed (or stale): Go's `ErrClosed`, naming the
    /// argument. The string is the object's Rust type name.
    Closed(&'static str),
    /// An object argument whose earlier call panicked.
    Poisoned(&'static str),
    /// An object argument in use by an enclosing call of this thread (or by this call, as its
    /// receiver or another argument) in a way that excludes this use.
    Reentrant(&'static str),
}

/// The error as Rust code sees it (a value Go returned from a callback): the path first.
impl Display for LiftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiftError::InvalidUtf8 { valid_up_to } => {
                write!(f, "invalid UTF-8 (valid up to byte {valid_up_to})")
            }
            LiftError::InvalidUtf8InList { index, valid_up_to } => {
                write!(f, "[{index}]: invalid UTF-8 (valid up to byte {valid_up_to})")
            }
            LiftError::Invalid(msg) => f.write_str(msg),
            LiftError::InField { field, error } => write!(f, ".{field}: {error}"),
            LiftError::InElement { index, error } => write!(f, "[{index}]: {error}"),
            LiftError::Closed(ty) => write!(f, "the {ty} is closed"),
            LiftError::Poisoned(ty) => write!(f, "the {ty} is poisoned by an earlier panic"),
            LiftError::Reentrant(ty) => write!(f, "the {ty} is in use by an enclosing call"),
        }
    }
}

impl LiftError {
    /// Names the argument, for the Go error message.
    pub fn for_arg(self, arg: &'static str) -> CallError {
        CallError::Lift { arg, error: self }
    }

    /// Wraps the error of the record field `field` (the Rust field name); Go sees the argument
    /// as `arg.field`.
    pub fn in_field(self, field: &'static str) -> LiftError {
        LiftError::InField {
            field,
            error: Box::new(self),
        }
    }

    /// Wraps the error of element `index` of a list; Go sees the argument as `arg[index]`.
    pub fn in_element(self, index: impl ToString) -> LiftError {
        LiftError::InElement {
            index: index.to_string(),
            error: Box::new(self),
        }
    }

    /// Encodes the error of the argument at `path` and returns its kind.
    fn encode(self, path: &str, enc: &mut Encoder) -> ErrorKind {
        match self {
            LiftError::InvalidUtf8 { valid_up_to } => {
                enc.str(path).u64(valid_up_to as u64);
                ErrorKind::InvalidUtf8
            }
            LiftError::InvalidUtf8InList { index, valid_up_to } => {
                enc.str(&format!("{path}[{index}]")).u64(valid_up_to as u64);
                ErrorKind::InvalidUtf8
            }
            LiftError::Invalid(msg) => {
                enc.str(path).str(&msg);
                ErrorKind::InvalidArgument
            }
            LiftError::InField { field, error } => error.encode(&format!("{path}.{field}"), enc),
            LiftError::InElement { index, error } => error.encode(&format!("{path}[{index}]"), enc),
            LiftError::Closed(ty) => {
                enc.str(ty).str(path);
                ErrorKind::Closed
            }
            LiftError::Poisoned(ty) => {
                enc.str(ty).str(path);
                ErrorKind::Poisoned
            }
            LiftError::Reentrant(ty) => {
                enc.str(ty).str(path);
                ErrorKind::Reentrant
            }
        }
    }
}

/// Everything a call can fail with, other than a panic.
#[derive(Debug)]
pub enum CallError {
    Lift {
        arg: &'static str,
        error: LiftError,
    },
    /// An encoded `#[ferrogo::error]` value.
    User {
        variant: u32,
        payload: Vec<u8>,
        owned: Vec<crate::abi::Owned>,
    },
    Closed(&'static str),
    Poisoned(&'static str),
    /// The receiver is in use by an enclosing call of this thread, in a way that excludes this
    /// call (see [`LiftError::Reentrant`]).
    Reentrant(&'static str),
    /// The receiver is held by an exclusive call of another thread: Go parks the goroutine and
    /// calls again (ADR 0012). Only from shims whose Go code does (`ferrogo_syntax::Function::may_report_busy`).
    Busy,
    Canceled,
    /// A result Go cannot represent (a `Duration` beyond `time.Duration`, a path that is not
    /// UTF-8 off Unix): never wrapped or truncated silently.
    InvalidResult(String),
    /// An error built already (a panic caught while an async call's future was polled, where
    /// its location was captured).
    Built(BuiltError),
}

/// An [`FfiError`] built for Go, owned until handed over.
#[derive(Debug)]
pub struct BuiltError(pub *mut FfiError);

// SAFETY: the error is a heap value owned by whoever holds this; nothing else points at it.
unsafe impl Send for BuiltError {}

impl CallError {
    pub fn into_ffi(self) -> *mut FfiError {
        let mut enc = match self {
            // Encoded already: handed over as they are.
            CallError::User {
                variant,
                payload,
                owned,
            } => return FfiError::with_owned(ErrorKind::User, variant, payload, owned),
            CallError::Built(e) => return e.0,
            CallError::Busy => return busy_error(),
            _ => Encoder::for_error(),
        };
        let kind = match self {
            CallError::Lift { arg, error } => error.encode(arg, &mut enc),
            CallError::Closed(ty) => {
                enc.str(ty).str("");
                ErrorKind::Closed
            }
            CallError::Poisoned(ty) => {
                enc.str(ty).str("");
                ErrorKind::Poisoned
            }
            CallError::Reentrant(ty) => {
                enc.str(ty).str("");
                ErrorKind::Reentrant
            }
            CallError::InvalidResult(detail) => {
                enc.str(&detail);
                ErrorKind::InvalidResult
            }
            CallError::Canceled => ErrorKind::Canceled,
            CallError::User { .. } | CallError::Built(_) | CallError::Busy => unreachable!("returned above"),
        };
        FfiError::with_owned(kind, 0, enc.0, enc.1)
    }
}

/// The one static "busy" error: Go reads its kind and calls again, allocating nothing.
fn busy_error() -> *mut FfiError {
    static BUSY: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BUSY.get_or_init(|| FfiError::leaked(ErrorKind::Busy, 0, Vec::new()) as usize) as *mut FfiError
}

/// Implemented by `#[ferrogo::error]`: which variant a value is, and its fields. (The attribute
/// implements `Lift` too, for the errors Go code returns from callbacks.)
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a ferrogo error",
    label = "used as the error type of an exported function",
    note = "add `#[ferrogo::error]` to the enum `{Self}` (and implement `Display`, e.g. with thiserror)"
)]
pub trait ErrorEnum: Display {
    /// Writes the variant's fields (in declaration order) and returns its index.
    fn encode_variant(self, enc: &mut Encoder) -> u32;

    /// The static error of this value's variant, if it is a unit variant (see [`UnitCache`]),
    /// and the variant's index.
    fn unit_cache(&self) -> Option<(&'static UnitCache, u32)> {
        None
    }
}

/// The error a unit variant returns, built once: errors are a hot path in Go (`ErrNotFound` from
/// a lookup), and a unit variant's `Display` text rarely changes. Each return still formats the
/// text (comparing it as it is written, without a buffer); a different text takes the usual path.
/// A variant whose `Display` is a literal (thiserror's `#[error("not found")]`, see
/// [`UnitCache::constant`]) is checked once and never formatted again.
pub struct UnitCache {
    /// The message, the static error, and whether the message is known constant.
    cell: std::sync::OnceLock<(Box<str>, usize, bool)>,
    constant: Option<&'static str>,
}

impl UnitCache {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> UnitCache {
        UnitCache {
            cell: std::sync::OnceLock::new(),
            constant: None,
        }
    }

    /// For a variant whose `Display` the macro saw to be the literal `text`; if the first
    /// formatting says otherwise, the variant is compared on every return like any other.
    pub const fn constant(text: &'static str) -> UnitCache {
        UnitCache {
            cell: std::sync::OnceLock::new(),
            constant: Some(text),
        }
    }

    /// The static error of variant `variant` whose message is `e`'s `Display`, if it has one.
    fn get(&self, e: &impl Display, variant: u32) -> Option<*mut FfiError> {
        let (msg, err, constant) = match self.cell.get() {
            Some(cached) => cached,
            None => {
                let text = e.to_string();
                let mut enc = Encoder::default();
                enc.str(&text);
                self.cell.get_or_init(|| {
                    let err = FfiError::leaked(ErrorKind::User, variant, enc.0);
                    let constant = self.constant == Some(text.as_str());
                    (text.into(), err as usize, constant)
                })
            }
        };
        (*constant || displays_as(e, msg)).then_some(*err as *mut FfiError)
    }
}

/// Whether `v`'s `Display` text is `expected`, compared piece by piece as it is written.
fn displays_as(v: &impl Display, expected: &str) -> bool {
    struct Compare<'a>(&'a str);
    impl std::fmt::Write for Compare<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 = self.0.strip_prefix(s).ok_or(std::fmt::Error)?;
            Ok(())
        }
    }
    let mut rest = Compare(expected);
    std::fmt::write(&mut rest, format_args!("{v}")).is_ok() && rest.0.is_empty()
}

/// Encodes a user error: the `Display` message first, then the variant's fields.
pub fn user_error<E: ErrorEnum>(e: E) -> CallError {
    if let Some((cache, variant)) = e.unit_cache() {
        if let Some(err) = cache.get(&e, variant) {
            return CallError::Built(BuiltError(err));
        }
    }
    let mut enc = Encoder::for_error();
    enc.display(&e);
    let variant = e.encode_variant(&mut enc);
    CallError::User {
        variant,
        payload: enc.0,
        owned: enc.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A `Display` whose text the test changes.
    struct Text<'a>(&'a Cell<&'static str>);

    impl Display for Text<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0.get())
        }
    }

    #[test]
    fn a_unit_error_is_reused_only_while_its_text_is_the_same() {
        static CACHE: UnitCache = UnitCache::new();
        let text = Cell::new("not found");
        let first = CACHE.get(&Text(&text), 3).expect("built on first use");
        assert_eq!(CACHE.get(&Text(&text), 3), Some(first));
        text.set("not found: other text");
        assert_eq!(
            CACHE.get(&Text(&text), 3),
            None,
            "a changed text takes the usual path"
        );
        // SAFETY: the static error is never freed.
        assert_eq!(unsafe { (*first).variant }, 3);
    }

    #[test]
    fn a_constant_that_is_not_the_display_text_is_compared_like_any_other() {
        static WRONG: UnitCache = UnitCache::constant("what the attribute said");
        let text = Cell::new("what Display says");
        assert!(WRONG.get(&Text(&text), 0).is_some());
        text.set("something else");
        assert_eq!(WRONG.get(&Text(&text), 0), None);

        static RIGHT: UnitCache = UnitCache::constant("not found");
        let text = Cell::new("not found");
        let e = RIGHT.get(&Text(&text), 0);
        text.set("never formatted again");
        assert_eq!(
            RIGHT.get(&Text(&text), 0),
            e,
            "a verified constant skips formatting"
        );
    }
}

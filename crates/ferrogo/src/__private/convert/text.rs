//! Go strings as Rust text. A Go string may hold any bytes; a Rust `str` must be UTF-8.
//!
//! Valid input costs what it always did: checked, then borrowed (a `String` copies it), with no
//! look at anything but the bytes. What happens to invalid input depends on the call (ADR 0016):
//! - a function with an `error` result in Go reports it (`ErrInvalidUTF8`, naming the argument);
//! - one without reads it as Go does (`for range`, `[]rune(s)`): each invalid byte is U+FFFD.
//!   Its shim enters a [`Utf8Scope`] while it lifts its arguments; the scope owns the repaired
//!   text a borrowed `&str` points into, so only invalid input is copied.
//!
//! Paths are the exception to U+FFFD: on Unix, Go's `os` package hands a file name to the system
//! byte for byte, so a lossy call gets the bytes unchanged (an `OsStr`), never a different name.

use std::borrow::Cow;
use std::cell::Cell;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use crate::__private::error::LiftError;

thread_local! {
    /// The scope of the call lifting its arguments on this thread now, if that call reads
    /// invalid UTF-8 as Go does; null otherwise (invalid UTF-8 is then an error).
    static LOSSY: Cell<*const Utf8Scope> = const { Cell::new(std::ptr::null()) };
}

/// The text a call repaired, kept until the call returns: a `&str` argument made from invalid
/// input borrows from here. Declared by the shim before its arguments are lifted, so it outlives
/// every value lifted in it. One word, null until something is repaired: declaring and
/// dropping a scope that repairs nothing (the common case) is a store and a test.
pub struct Utf8Scope {
    // Boxed so that the empty scope is one null word (a `Vec` is three).
    #[allow(clippy::box_collection)]
    repaired: Cell<Option<Box<Vec<Box<str>>>>>,
}

/// Text a call repaired, kept by the lazy iterator that may borrow it until the loop ends.
// Only kept, never read: the iterator's borrows point into it.
#[allow(dead_code, clippy::box_collection)]
pub struct RepairedText(Box<Vec<Box<str>>>);

impl Utf8Scope {
    #[allow(clippy::new_without_default)]
    #[inline]
    pub const fn new() -> Utf8Scope {
        Utf8Scope {
            repaired: Cell::new(None),
        }
    }

    /// What the scope repaired, to keep beyond the call: a lazy iterator's arguments are read
    /// after the call returns, and a repaired one points into this (ADR 0014, 0016).
    pub fn into_repaired(self) -> Option<RepairedText> {
        self.repaired.take().map(RepairedText)
    }

    /// Keeps `text` until the scope is dropped; returns where it is.
    fn keep(&self, text: Box<str>) -> *const str {
        let at: *const str = &*text;
        let mut all = self.repaired.take().unwrap_or_default();
        all.push(text);
        self.repaired.set(Some(all));
        at
    }

    #[cfg(test)]
    fn kept(&self) -> usize {
        let all = self.repaired.take();
        let n = all.as_ref().map_or(0, |v| v.len());
        self.repaired.set(all);
        n
    }

    /// Reads invalid UTF-8 as Go does until the guard is dropped (after the arguments are
    /// lifted: the function body, and Go code it calls, run outside it).
    #[inline]
    pub fn enter(&self) -> Lossy<'_> {
        Lossy {
            previous: LOSSY.replace(self),
            _scope: PhantomData,
        }
    }
}

/// While alive, invalid UTF-8 lifted on this thread is repaired into its scope.
pub struct Lossy<'s> {
    previous: *const Utf8Scope,
    _scope: PhantomData<&'s Utf8Scope>,
}

impl Drop for Lossy<'_> {
    #[inline]
    fn drop(&mut self) {
        LOSSY.set(self.previous);
    }
}

/// Leaves any scope for the duration of `f`: Rust calling into Go, whose calls back into Rust
/// choose their own reading.
pub(crate) fn outside_scope<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(*const Utf8Scope);
    impl Drop for Restore {
        fn drop(&mut self) {
            LOSSY.set(self.0);
        }
    }
    let _restore = Restore(LOSSY.replace(std::ptr::null()));
    f()
}

/// The current lossy scope, if any.
fn scope<'s>() -> Option<&'s Utf8Scope> {
    let scope = LOSSY.get();
    // SAFETY: the pointer is set only by `Utf8Scope::enter`, whose guard resets it before the
    // scope (which it borrows) can be dropped; callers use the reference during the lift only.
    (!scope.is_null()).then(|| unsafe { &*scope })
}

fn strict_error(e: std::str::Utf8Error) -> LiftError {
    LiftError::InvalidUtf8 {
        valid_up_to: e.valid_up_to(),
    }
}

/// `b` as Go reads it: each byte that is not part of a valid UTF-8 sequence is U+FFFD.
///
/// Go's decoder (`utf8.DecodeRune`) consumes one byte of an invalid sequence at a time, and
/// every byte after the first of a maximal invalid subpart is a lone continuation byte, so
/// each byte of each invalid chunk (Rust's maximal subparts) is one U+FFFD. Rust's
/// `from_utf8_lossy` and Go's `strings.ToValidUTF8` differ: one U+FFFD per chunk or per run.
pub(crate) fn repair(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len() + 8);
    for chunk in b.utf8_chunks() {
        out.push_str(chunk.valid());
        for _ in chunk.invalid() {
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }
    out
}

/// Borrowed text (`&str`): the bytes themselves, or their repair kept in the scope.
#[inline]
pub(crate) fn str(b: &[u8]) -> Result<&str, LiftError> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s),
        Err(e) => repaired_str(b, e),
    }
}

#[cold]
fn repaired_str(b: &[u8], e: std::str::Utf8Error) -> Result<&str, LiftError> {
    let scope = scope().ok_or_else(|| strict_error(e))?;
    let text = scope.keep(repair(b).into_boxed_str());
    // SAFETY: a box's contents do not move when the box does, and the scope frees them only
    // when it is dropped, after the call whose arguments borrow from it (the lifetime of `b`,
    // Go memory valid for the call).
    Ok(unsafe { &*text })
}

/// Owned text (`String`): copied, repaired while copying when invalid.
#[inline]
pub(crate) fn string(b: &[u8]) -> Result<String, LiftError> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => repaired_string(b, e),
    }
}

#[cold]
fn repaired_string(b: &[u8], e: std::str::Utf8Error) -> Result<String, LiftError> {
    scope().map(|_| repair(b)).ok_or_else(|| strict_error(e))
}

/// `Cow<str>`: borrowed when valid, the owned repair otherwise.
#[inline]
pub(crate) fn cow(b: &[u8]) -> Result<Cow<'_, str>, LiftError> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => repaired_string(b, e).map(Cow::Owned),
    }
}

/// A borrowed path: the bytes themselves on Unix (as Go's `os` passes them), else as `&str`.
#[inline]
pub(crate) fn path(b: &[u8]) -> Result<&Path, LiftError> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Path::new(s)),
        Err(e) => repaired_path(b, e),
    }
}

#[cold]
fn repaired_path(b: &[u8], e: std::str::Utf8Error) -> Result<&Path, LiftError> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        scope()
            .map(|_| Path::new(std::ffi::OsStr::from_bytes(b)))
            .ok_or_else(|| strict_error(e))
    }
    #[cfg(not(unix))]
    {
        // Go converts a name to UTF-16 for the system by runes: each invalid byte is U+FFFD.
        repaired_str(b, e).map(Path::new)
    }
}

/// An owned path (see [`path`]).
pub(crate) fn path_buf(b: &[u8]) -> Result<PathBuf, LiftError> {
    path(b).map(Path::to_path_buf)
}

/// Whether the text lifted from `b` is not `b` itself: repairing makes it longer (each invalid
/// byte becomes the 3 bytes of U+FFFD).
pub(crate) fn was_repaired(b: &[u8], text: &str) -> bool {
    text.len() != b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Go's `string([]rune(s))` for each input, computed with Go 1.26 (`go run` of a loop
    /// printing `%q`), the cases the issue names among them.
    const GO: &[(&[u8], &str)] = &[
        (b"a\xffb", "a\u{FFFD}b"),
        (b"\xff", "\u{FFFD}"),
        (b"\xc0\x80", "\u{FFFD}\u{FFFD}"),             // overlong NUL
        (b"\xed\xa0\x80", "\u{FFFD}\u{FFFD}\u{FFFD}"), // a surrogate encoded in UTF-8
        (b"\xf4\x90\x80\x80", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), // above U+10FFFF
        (b"\xe2\x82", "\u{FFFD}\u{FFFD}"),             // "€" cut at the end
        (b"\xe2\x82a", "\u{FFFD}\u{FFFD}a"),           // cut inside
        (b"\xf0\x9f\x98", "\u{FFFD}\u{FFFD}\u{FFFD}"), // "😀" cut
        (b"\x80\x80", "\u{FFFD}\u{FFFD}"),             // lone continuation bytes
        (b"\xef\xbf\xbd", "\u{FFFD}"),                 // U+FFFD itself, valid
        (b"h\xc3\xa9\xc3", "h\u{e9}\u{FFFD}"),
    ];

    #[test]
    fn repair_reads_each_invalid_byte_as_go_does() {
        for (input, want) in GO {
            assert_eq!(repair(input), *want, "{input:?}");
            assert_eq!(was_repaired(input, want), std::str::from_utf8(input).is_err());
        }
    }

    #[test]
    fn outside_a_scope_invalid_text_is_an_error_with_its_valid_prefix() {
        assert!(matches!(
            str(b"ok\xffno"),
            Err(LiftError::InvalidUtf8 { valid_up_to: 2 })
        ));
        assert!(string(b"\xc3").is_err());
        assert!(cow(b"\xc3").is_err());
        assert!(path(b"/tmp/\xff").is_err());
        assert_eq!(str(b"fine").unwrap(), "fine");
    }

    #[test]
    fn a_scope_repairs_into_memory_it_owns_and_valid_text_stays_borrowed() {
        let valid = "grüße".as_bytes();
        let invalid = b"a\xffb".as_slice();
        let scope = Utf8Scope::new();
        let lossy = scope.enter();
        let borrowed = str(valid).unwrap();
        assert_eq!(borrowed.as_ptr(), valid.as_ptr(), "valid input is not copied");
        let fixed = str(invalid).unwrap();
        let owned = string(invalid).unwrap();
        assert!(matches!(cow(valid).unwrap(), Cow::Borrowed(_)));
        assert_eq!(cow(invalid).unwrap(), "a\u{FFFD}b");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = path(b"/tmp/\xff").unwrap();
            assert_eq!(p.as_os_str().as_bytes(), b"/tmp/\xff", "paths keep their bytes");
            assert_eq!(path_buf(b"/tmp/\xff").unwrap(), p);
        }
        drop(lossy);
        assert_eq!((fixed, owned.as_str()), ("a\u{FFFD}b", "a\u{FFFD}b"));
        assert_eq!(scope.kept(), 1, "only the &str was kept");
        assert!(str(invalid).is_err(), "the guard ended the scope");
    }

    #[test]
    fn scopes_nest_and_go_calls_leave_them() {
        let outer = Utf8Scope::new();
        let _lossy = outer.enter();
        outside_scope(|| assert!(str(b"\xff").is_err()));
        {
            let inner = Utf8Scope::new();
            let _lossy = inner.enter();
            assert_eq!(str(b"\xff").unwrap(), "\u{FFFD}");
            assert_eq!(inner.kept(), 1);
        }
        assert_eq!(str(b"\xfe").unwrap(), "\u{FFFD}");
        assert_eq!(outer.kept(), 1);
    }
}

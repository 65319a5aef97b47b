//! Standard types with a natural Go counterpart: `char` (`rune`), `Ordering` (`int`, as
//! `cmp.Compare` returns), `Duration` (`time.Duration`), `SystemTime` (`time.Time`), paths
//! (`string`) and `Cow<str>` (`string`). Values out of the other side's range are errors, never
//! wrapped or truncated. (`Box<T>`, also Go's `T`, is in `recursion.rs`.)

use std::borrow::Cow;
use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::lists::ListElem;
use super::{bytes, text, Lift, Lower};
use crate::__private::error::LiftError;
use crate::abi::{FfiSlice, FfiTime, FfiVec};

// SAFETY: plain value; invalid scalar values are rejected.
unsafe impl Lift for char {
    type Abi = u32;
    unsafe fn lift(abi: u32) -> Result<char, LiftError> {
        char::from_u32(abi).ok_or_else(|| {
            LiftError::Invalid(format!("{abi:#x} is not a Unicode scalar value (a valid rune)"))
        })
    }
}
// SAFETY: nothing is allocated.
unsafe impl Lower for char {
    type Abi = u32;
    fn lower(self) -> u32 {
        u32::from(self)
    }
}
// SAFETY: a plain 4-byte value (Go's `rune` has its layout).
unsafe impl ListElem for char {}

// SAFETY: plain value; anything but -1, 0 and +1 is rejected.
unsafe impl Lift for Ordering {
    type Abi = i64;
    unsafe fn lift(abi: i64) -> Result<Ordering, LiftError> {
        match abi {
            -1 => Ok(Ordering::Less),
            0 => Ok(Ordering::Equal),
            1 => Ok(Ordering::Greater),
            other => Err(LiftError::Invalid(format!(
                "{other} is not an ordering (want -1, 0 or +1)"
            ))),
        }
    }
}
// SAFETY: nothing is allocated.
unsafe impl Lower for Ordering {
    type Abi = i64;
    fn lower(self) -> i64 {
        self as i64
    }
}
// SAFETY: a plain value.
unsafe impl ListElem for Ordering {}

// SAFETY: plain value (Go's `time.Duration`, nanoseconds); negative durations are rejected.
unsafe impl Lift for Duration {
    type Abi = i64;
    unsafe fn lift(abi: i64) -> Result<Duration, LiftError> {
        u64::try_from(abi).map(Duration::from_nanos).map_err(|_| {
            LiftError::Invalid(format!(
                "negative duration {abi}ns: std::time::Duration is never negative"
            ))
        })
    }
}
// SAFETY: nothing is allocated.
unsafe impl Lower for Duration {
    type Abi = i64;
    fn lower(self) -> i64 {
        // `check` refused durations beyond i64 nanoseconds.
        i64::try_from(self.as_nanos()).unwrap_or(i64::MAX)
    }
    const CHECKED: bool = true;
    fn check(&self) -> Result<(), String> {
        i64::try_from(self.as_nanos())
            .map(|_| ())
            .map_err(|_| format!("{self:?} is longer than a time.Duration can hold (about 292 years)"))
    }
}
// SAFETY: a plain value (Go's `time.Duration` has its layout).
unsafe impl ListElem for Duration {}

// SAFETY: plain value; times SystemTime cannot represent are rejected.
unsafe impl Lift for SystemTime {
    type Abi = FfiTime;
    unsafe fn lift(abi: FfiTime) -> Result<SystemTime, LiftError> {
        let out_of_range = || {
            LiftError::Invalid(format!(
                "time {}s{:+}ns from 1970 is out of std::time::SystemTime's range",
                abi.secs, abi.nanos
            ))
        };
        if abi.nanos >= 1_000_000_000 {
            return Err(out_of_range());
        }
        let whole = Duration::from_secs(abi.secs.unsigned_abs());
        let base = if abi.secs >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        base.and_then(|t| t.checked_add(Duration::from_nanos(u64::from(abi.nanos))))
            .ok_or_else(out_of_range)
    }
}

/// Seconds and nanoseconds since 1970, as `time.Unix` takes them; `None` beyond i64 seconds.
fn unix(t: &SystemTime) -> Option<FfiTime> {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => Some(FfiTime {
            secs: i64::try_from(d.as_secs()).ok()?,
            nanos: d.subsec_nanos(),
        }),
        Err(before) => {
            let d = before.duration();
            let secs = i64::try_from(d.as_secs()).ok()?;
            Some(match d.subsec_nanos() {
                0 => FfiTime {
                    secs: -secs,
                    nanos: 0,
                },
                n => FfiTime {
                    secs: -secs - 1,
                    nanos: 1_000_000_000 - n,
                },
            })
        }
    }
}

// SAFETY: nothing is allocated.
unsafe impl Lower for SystemTime {
    type Abi = FfiTime;
    fn lower(self) -> FfiTime {
        // `check` refused times beyond i64 seconds.
        unix(&self).unwrap_or(FfiTime { secs: 0, nanos: 0 })
    }
    const CHECKED: bool = true;
    fn check(&self) -> Result<(), String> {
        unix(self)
            .map(|_| ())
            .ok_or_else(|| format!("{self:?} is too far from 1970 for time.Time"))
    }
}
// SAFETY: a plain value.
unsafe impl ListElem for SystemTime {}

// SAFETY: as `&str` (paths cross as Go strings; see `text::path`).
unsafe impl<'a> Lift for &'a Path {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    #[inline]
    unsafe fn lift(abi: FfiSlice) -> Result<&'a Path, LiftError> {
        // SAFETY: forwarded from the caller.
        text::path(unsafe { bytes(abi) })
    }
}
// SAFETY: as `String`.
unsafe impl Lift for PathBuf {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    #[inline]
    unsafe fn lift(abi: FfiSlice) -> Result<PathBuf, LiftError> {
        // SAFETY: forwarded from the caller.
        text::path_buf(unsafe { bytes(abi) })
    }
}
// SAFETY: as `String` (a path's bytes, see `path_bytes`); `check` refused the paths it cannot
// represent.
unsafe impl Lower for PathBuf {
    type Abi = FfiVec;
    fn byte_len(abi: &FfiVec) -> usize {
        abi.len
    }
    fn lower(self) -> FfiVec {
        FfiVec::from_vec(path_bytes(self).unwrap_or_default())
    }
    unsafe fn free(abi: FfiVec) {
        // SAFETY: `abi` came from `FfiVec::from_vec` of a `Vec<u8>`, as a `String`'s does.
        unsafe { String::free(abi) }
    }
    const CHECKED: bool = cfg!(not(unix));
    fn check(&self) -> Result<(), String> {
        // A record's check asks every field, whatever CHECKED says: on Unix any path crosses.
        if cfg!(unix) {
            return Ok(());
        }
        match self.to_str() {
            Some(_) => Ok(()),
            None => Err(format!("path {self:?} is not UTF-8, so it cannot be a Go string")),
        }
    }
}

/// The Go string of a path: its bytes on Unix, where Go's `os` package gives file names as they
/// are (valid UTF-8 or not, as `os.ReadDir` does); elsewhere its UTF-8, if it has one.
fn path_bytes(path: PathBuf) -> Option<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(path.into_os_string().into_vec())
    }
    #[cfg(not(unix))]
    {
        path.into_os_string().into_string().ok().map(String::into_bytes)
    }
}

// SAFETY: borrows like `&str`.
unsafe impl<'a> Lift for Cow<'a, str> {
    type Abi = FfiSlice;
    fn byte_len(abi: &FfiSlice) -> usize {
        abi.len
    }
    #[inline]
    unsafe fn lift(abi: FfiSlice) -> Result<Cow<'a, str>, LiftError> {
        // SAFETY: forwarded from the caller.
        text::cow(unsafe { bytes(abi) })
    }
}
// SAFETY: as `String`.
unsafe impl Lower for Cow<'_, str> {
    type Abi = FfiVec;
    fn byte_len(abi: &FfiVec) -> usize {
        abi.len
    }
    fn lower(self) -> FfiVec {
        self.into_owned().lower()
    }
    unsafe fn free(abi: FfiVec) {
        // SAFETY: `abi` came from `String::lower`.
        unsafe { String::free(abi) }
    }
}

//! `HashMap` and `BTreeMap`: Go's `map[K]V`, crossing as an array of (key, value) entries in one
//! go. Go builds the array for arguments; Rust builds it for results and Go copies it into a map.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::hash::Hash;

use super::lists::{read_list, ListElem};
use super::{Lift, Lower};
use crate::__private::error::LiftError;
use crate::abi::{FfiList, FfiTuple2, FfiVec};

type Entry<K, V> = FfiTuple2<<K as Lift>::Abi, <V as Lift>::Abi>;
type OutEntry<K, V> = FfiTuple2<<K as Lower>::Abi, <V as Lower>::Abi>;

/// Lifts each entry Go passed; an error names the entry by its key (`arg["name"]`).
///
/// Keys Go passed with invalid UTF-8, read as Go reads them (U+FFFD), may become equal to each
/// other or to a valid key, and Go ranges over a map in random order, so last-one-wins would be
/// random. They are inserted after the others, in the order of their bytes, and an entry is
/// never replaced (Go's keys are distinct): a key Go passed as it is wins, then the one whose
/// bytes sort first.
///
/// # Safety
/// `abi` is a list of entries Go keeps alive for the call.
unsafe fn lift_entries<K: Lift + Debug, V: Lift>(
    abi: FfiList,
    mut insert: impl FnMut(K, V),
) -> Result<(), LiftError> {
    let mut repaired: Vec<(&[u8], K, V)> = Vec::new();
    // SAFETY: forwarded from the caller.
    for (i, entry) in unsafe { read_list::<Entry<K, V>>(abi) }?.iter().enumerate() {
        // SAFETY: Go built each entry from a key and a value of these types.
        let key = unsafe { K::lift(entry.f0) }.map_err(|e| e.in_element(format!("key {i}")))?;
        // SAFETY: as above.
        let value = unsafe { V::lift(entry.f1) }.map_err(|e| e.in_element(format!("{key:?}")))?;
        // SAFETY: `key` was lifted from `entry.f0`, which Go keeps alive for the call.
        match unsafe { K::repaired_from(&entry.f0, &key) } {
            Some(bytes) => repaired.push((bytes, key, value)),
            None => insert(key, value),
        }
    }
    repaired.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (_, key, value) in repaired {
        insert(key, value);
    }
    Ok(())
}

fn lower_entries<K: Lower, V: Lower>(entries: impl Iterator<Item = (K, V)>) -> FfiVec {
    FfiVec::from_vec(
        entries
            .map(|(k, v)| FfiTuple2 {
                f0: k.lower(),
                f1: v.lower(),
            })
            .collect::<Vec<OutEntry<K, V>>>(),
    )
}

/// # Safety
/// `abi` came from `lower_entries::<K, V>`.
unsafe fn free_entries<K: Lower, V: Lower>(abi: FfiVec) {
    // SAFETY: forwarded from the caller.
    for entry in unsafe { abi.into_vec::<OutEntry<K, V>>() } {
        // SAFETY: each half came from its own `lower`.
        unsafe {
            K::free(entry.f0);
            V::free(entry.f1);
        }
    }
}

fn check_entries<'a, K: Lower + Debug + 'a, V: Lower + 'a>(
    mut entries: impl Iterator<Item = (&'a K, &'a V)>,
) -> Result<(), String> {
    entries.try_for_each(|(k, v)| {
        k.check()?;
        v.check().map_err(|e| format!("[{k:?}]: {e}"))
    })
}

macro_rules! map {
    ($map:ident, $($bound:path),*) => {
        // SAFETY: reads the entries Go passed; see `lift_entries`.
        unsafe impl<K: Lift + Debug $(+ $bound)*, V: Lift> Lift for $map<K, V> {
            type Abi = FfiList;
            fn byte_len(abi: &FfiList) -> usize {
                abi.size
            }
            unsafe fn lift(abi: FfiList) -> Result<Self, LiftError> {
                let mut map = $map::new();
                // SAFETY: forwarded from the caller.
                unsafe { lift_entries(abi, |k, v| { map.entry(k).or_insert(v); }) }?;
                Ok(map)
            }
        }

        // SAFETY: `free` frees each entry and the array, as `lower` built them.
        unsafe impl<K: Lower + Debug, V: Lower> Lower for $map<K, V> {
            type Abi = FfiVec;
            fn byte_len(abi: &FfiVec) -> usize {
                abi.len * std::mem::size_of::<OutEntry<K, V>>()
            }
            fn lower(self) -> FfiVec {
                lower_entries(self.into_iter())
            }
            unsafe fn free(abi: FfiVec) {
                // SAFETY: `abi` came from `lower`.
                unsafe { free_entries::<K, V>(abi) }
            }
            const CHECKED: bool = K::CHECKED || V::CHECKED;
            fn check(&self) -> Result<(), String> {
                check_entries(self.iter())
            }
        }

        // SAFETY: a map crosses as a list descriptor, a plain C value.
        unsafe impl<K: Lift + Debug $(+ $bound)*, V: Lift> ListElem for $map<K, V> {}
    };
}

map!(HashMap, Eq, Hash);
map!(BTreeMap, Ord);

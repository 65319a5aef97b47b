//! The ABI checksum: one function over the IR, used by the macro (compiled into the library) and by
//! the generator (compiled into the Go package's `init`). A mismatch means the library and the Go
//! package were built from different APIs.

use crate::ir::{Docs, Item};
use crate::ABI_VERSION;

/// Checksum of one item's ABI-relevant shape: Rust names, types, variants, method signatures
/// and ferrogo's own contract version. Documentation, deprecations, Go names and `no_fuzz` do not count:
/// they never reach the C boundary, and the generator resolves some Go names from the whole
/// crate (a constructor is named after its object's Go name), which the macro, seeing one item,
/// cannot.
pub fn abi_hash(item: &Item) -> u64 {
    let mut item = item.clone();
    strip_go_only(&mut item);
    let json = serde_json::to_string(&item).expect("IR serializes");
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, &ABI_VERSION.to_le_bytes());
    hash = fnv1a(hash, json.as_bytes());
    hash
}

/// A checksum of arbitrary bytes (FNV-1a, 64 bit): the same function as the ABI hash, for
/// content that is not IR (the static library `ferrogo build` records in the Go package).
pub fn content_hash(bytes: &[u8]) -> u64 {
    fnv1a(0xcbf2_9ce4_8422_2325, bytes)
}

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn strip_go_only(item: &mut Item) {
    let clear = |d: &mut Docs, go: &mut String| {
        *d = Docs::default();
        go.clear();
    };
    let clear_fn = |f: &mut crate::ir::Function| {
        clear(&mut f.docs, &mut f.go_name);
        f.no_fuzz = false;
    };
    match item {
        Item::Function(f) => clear_fn(f),
        Item::Custom(c) => c.docs = Docs::default(),
        Item::Record(r) => {
            clear(&mut r.docs, &mut r.go_name);
            for f in &mut r.fields {
                clear(&mut f.docs, &mut f.go_name);
            }
        }
        Item::Enum(e) => {
            clear(&mut e.docs, &mut e.go_name);
            for v in &mut e.variants {
                clear(&mut v.docs, &mut v.go_name);
            }
        }
        Item::Error(e) => {
            clear(&mut e.docs, &mut e.go_name);
            for v in &mut e.variants {
                clear(&mut v.docs, &mut v.go_name);
                for f in &mut v.fields {
                    clear(&mut f.docs, &mut f.go_name);
                }
            }
        }
        Item::Object(o) => clear(&mut o.docs, &mut o.go_name),
        Item::Impl(i) => i.functions.iter_mut().for_each(clear_fn),
        Item::Callback(c) => {
            clear(&mut c.docs, &mut c.go_name);
            for m in &mut c.methods {
                clear(&mut m.docs, &mut m.go_name);
            }
        }
    }
}

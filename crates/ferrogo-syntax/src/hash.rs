//! The ABI checksum: one function over the IR, used by the macro (compiled into the library) and by
//! the generator (compiled into the Go package's `init`). A mismatch means the library and the Go
//! package were built from different APIs.

use crate::ir::{Docs, Item};
use crate::ABI_VERSION;

/// Checksum of one item's ABI-relevant shape: names, types, variants, method signatures and
/// ferrogo's own contract version. Documentation and deprecations do not count.
pub fn abi_hash(item: &Item) -> u64 {
    let mut item = item.clone();
    strip_docs(&mut item);
    let json = serde_json::to_string(&item).expect("IR serializes");
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, &ABI_VERSION.to_le_bytes());
    hash = fnv1a(hash, json.as_bytes());
    hash
}

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn strip_docs(item: &mut Item) {
    let clear = |d: &mut Docs| *d = Docs::default();
    match item {
        Item::Function(f) => clear(&mut f.docs),
        Item::Record(r) => {
            clear(&mut r.docs);
            r.fields.iter_mut().for_each(|f| clear(&mut f.docs));
        }
        Item::Enum(e) => {
            clear(&mut e.docs);
            e.variants.iter_mut().for_each(|v| clear(&mut v.docs));
        }
        Item::Error(e) => {
            clear(&mut e.docs);
            for v in &mut e.variants {
                clear(&mut v.docs);
                v.fields.iter_mut().for_each(|f| clear(&mut f.docs));
            }
        }
        Item::Object(o) => clear(&mut o.docs),
        Item::Impl(i) => i.functions.iter_mut().for_each(|f| clear(&mut f.docs)),
    }
}

//! The runtime's boundary paths without Go: result buffers lowered and freed, arguments lifted
//! from raw memory (including invalid UTF-8 and lists), errors built and freed, panics caught
//! with payloads of every kind. `tests/valgrind.sh` runs these under memcheck, so a wrong length,
//! a double free or a leak on any of these paths fails CI.

use super::convert::{Lift, Lower};
use super::error::{CallError, LiftError};
use super::trampoline::guarded;
use crate::abi::{ErrorKind, FfiList, FfiSlice, FfiVec, GoSlice};

fn slice(b: &[u8]) -> FfiSlice {
    FfiSlice {
        ptr: b.as_ptr(),
        len: b.len(),
    }
}

/// Frees a returned error the way Go does (through its own `free` pointer).
fn free_error(e: *mut crate::abi::FfiError) -> (u32, usize) {
    assert!(!e.is_null());
    // SAFETY: `e` came from FfiError::new and is freed once, here.
    unsafe {
        let kind_len = ((*e).kind, (*e).len);
        crate::abi::FfiError::free(e);
        kind_len
    }
}

#[test]
fn results_are_lowered_and_freed() {
    for n in [0usize, 1, 255, 256, 100_000] {
        let s: String = "é".repeat(n);
        let abi: FfiVec = s.clone().lower();
        assert_eq!(abi.len, s.len());
        // SAFETY: `abi` came from `lower`, freed once.
        unsafe { String::free(abi) };

        let strings: Vec<String> = (0..n.min(300)).map(|i| i.to_string()).collect();
        let abi = strings.lower();
        // SAFETY: as above; frees every element, then the array.
        unsafe { <Vec<String>>::free(abi) };
    }
}

#[test]
fn arguments_are_lifted_from_raw_memory() {
    let text = "grüße".as_bytes();
    // SAFETY: `slice` describes live memory for the call.
    let s = unsafe { <&str>::lift(slice(text)) }.unwrap();
    assert_eq!(s, "grüße");
    // SAFETY: as above.
    let owned = unsafe { String::lift(slice(text)) }.unwrap();
    assert_eq!(owned, "grüße");
    // Invalid UTF-8 is an error, never a str.
    // SAFETY: as above.
    assert!(unsafe { <&str>::lift(slice(b"ok\xff")) }.is_err());
    // Empty and null are the empty slice.
    let null = FfiSlice {
        ptr: std::ptr::null(),
        len: 0,
    };
    // SAFETY: a null pointer with length 0 is Go's nil slice.
    assert_eq!(unsafe { <&[u8]>::lift(null) }.unwrap(), b"");

    // Go passes its slice's backing array: string headers for []string, slice headers for
    // [][]byte.
    let string_header = |s: &[u8]| FfiSlice {
        ptr: s.as_ptr(),
        len: s.len(),
    };
    let list_of = |headers: &[FfiSlice], size| FfiList {
        items: headers.as_ptr() as usize,
        n: headers.len(),
        size,
    };
    let elements = [&b"one"[..], b"two", b"three"];
    let strings: Vec<FfiSlice> = elements.iter().map(|e| string_header(e)).collect();
    let list = list_of(&strings, 11);
    assert_eq!(<Vec<&str> as Lift>::byte_len(&list), 11);
    // SAFETY: `strings` and the elements they point at are alive.
    let items = unsafe { <Vec<&str>>::lift(list) }.unwrap();
    assert_eq!(items, ["one", "two", "three"]);
    let slices: Vec<GoSlice> = elements
        .iter()
        .map(|e| GoSlice {
            ptr: e.as_ptr(),
            len: e.len(),
            cap: e.len() + 8,
        })
        .collect();
    let byte_list = FfiList {
        items: slices.as_ptr() as usize,
        n: slices.len(),
        size: 11,
    };
    // SAFETY: `slices` and the elements they point at are alive.
    let owned = unsafe { <Vec<Vec<u8>>>::lift(byte_list) }.unwrap();
    assert_eq!(owned, [&b"one"[..], b"two", b"three"]);

    // Each element is checked: "é" cut in two makes two invalid elements; the first is named.
    // Go's nil and empty elements (null pointer, length 0) are empty strings.
    let cut = "aé".as_bytes(); // 61 C3 A9
    let null = FfiSlice {
        ptr: std::ptr::null(),
        len: 0,
    };
    for (headers, bad_index) in [
        (
            vec![
                string_header(&cut[..1]),
                string_header(&cut[1..2]),
                string_header(&cut[2..]),
            ],
            1,
        ),
        (vec![string_header(&cut[..2]), string_header(&cut[2..])], 0),
        (vec![null, string_header(&cut[..0]), string_header(cut)], 99),
    ] {
        // SAFETY: `headers` and `cut` are alive; a null header has length 0.
        match unsafe { <Vec<&str>>::lift(list_of(&headers, 3)) } {
            Ok(items) => assert!(bad_index == 99 && items == ["", "", "aé"], "{items:?}"),
            Err(LiftError::InvalidUtf8InList { index, .. }) => assert_eq!(index, bad_index),
            Err(e) => panic!("{e:?}"),
        }
    }

    // An empty list may come without an array.
    let empty = FfiList {
        items: 0,
        n: 0,
        size: 0,
    };
    // SAFETY: nothing is read.
    assert!(unsafe { <Vec<&[u8]>>::lift(empty) }.unwrap().is_empty());
}

/// Invalid UTF-8 read as Go does (a call without an error result): every kind of text argument
/// is repaired into memory the scope or the value owns, and valid text stays borrowed. Under
/// valgrind a repair read past its input, or kept after its scope, fails.
#[test]
fn invalid_utf8_is_repaired_within_a_scope() {
    use super::convert::Utf8Scope;
    use std::borrow::Cow;
    use std::collections::{BTreeMap, HashMap};

    // A cut "€" (one maximal invalid subpart of two bytes: two U+FFFD for Go, one for Rust's
    // from_utf8_lossy), a surrogate's encoding, a byte never in UTF-8.
    let bad = b"a\xe2\x82b\xed\xa0\x80\xff";
    let fixed = "a\u{FFFD}\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}";
    let scope = Utf8Scope::new();
    let lossy = scope.enter();
    // SAFETY: every slice below describes live memory for the test, which outlives the scope.
    unsafe {
        assert_eq!(<&str>::lift(slice(bad)).unwrap(), fixed);
        assert_eq!(String::lift(slice(bad)).unwrap(), fixed);
        assert!(matches!(<Cow<str>>::lift(slice(bad)).unwrap(), Cow::Owned(s) if s == fixed));
        let good = "grüße".as_bytes();
        assert_eq!(<&str>::lift(slice(good)).unwrap().as_ptr(), good.as_ptr());

        let headers = [slice(b"ok"), slice(bad), slice(&bad[..3])];
        let list = FfiList {
            items: headers.as_ptr() as usize,
            n: headers.len(),
            size: 0,
        };
        let cut = "a\u{FFFD}\u{FFFD}";
        assert_eq!(<Vec<&str>>::lift(list).unwrap(), ["ok", fixed, cut]);
        assert_eq!(<Vec<String>>::lift(list).unwrap(), ["ok", fixed, cut]);

        // Keys that become equal: the valid one wins, then the smallest bytes, whatever the
        // order Go passed them in.
        let entries = |keys: &[&[u8]]| -> Vec<crate::abi::FfiTuple2<FfiSlice, u32>> {
            keys.iter()
                .enumerate()
                .map(|(i, k)| crate::abi::FfiTuple2 {
                    f0: slice(k),
                    f1: i as u32,
                })
                .collect()
        };
        let map_of = |e: &[crate::abi::FfiTuple2<FfiSlice, u32>]| FfiList {
            items: e.as_ptr() as usize,
            n: e.len(),
            size: 0,
        };
        let e = entries(&[b"k\xff", "k\u{FFFD}".as_bytes(), b"k\xfe"]);
        let m = <HashMap<String, u32>>::lift(map_of(&e)).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m["k\u{FFFD}"], 1, "the key Go passed as it is");
        let e = entries(&[b"k\xff", b"k\xfe", b"j"]);
        let m = <BTreeMap<&str, u32>>::lift(map_of(&e)).unwrap();
        assert_eq!(m.into_iter().collect::<Vec<_>>(), [("j", 2), ("k\u{FFFD}", 1)]);
    }
    drop(lossy);
    drop(scope);
    // SAFETY: as above.
    assert!(
        unsafe { <&str>::lift(slice(bad)) }.is_err(),
        "strict again outside the scope"
    );
}

#[test]
fn errors_are_built_and_freed() {
    let ret = guarded::<u64>(|| Err(CallError::Closed("Counter")));
    assert_eq!(free_error(ret.err).0, ErrorKind::Closed as u32);
    let ret = guarded::<u64>(|| {
        Err(CallError::User {
            variant: 1,
            payload: vec![7; 1000],
            owned: Vec::new(),
        })
    });
    assert_eq!(free_error(ret.err), (ErrorKind::User as u32, 1000));
    // A lowered field the payload points at is freed with the error (valgrind checks the
    // strings inside it are too).
    let ret = guarded::<u64>(|| {
        let mut enc = crate::abi::Encoder::default();
        enc.lowered(vec!["a".to_string(), "bc".to_string()]);
        Err(CallError::User {
            variant: 2,
            payload: enc.0,
            owned: enc.1,
        })
    });
    assert_eq!(free_error(ret.err), (ErrorKind::User as u32, 8));
    let ret = guarded::<u64>(|| Ok(5));
    assert!(ret.err.is_null());
}

#[test]
fn panics_of_every_payload_are_caught() {
    struct Bomb;
    impl Drop for Bomb {
        fn drop(&mut self) {
            panic!("second panic while dropping the payload");
        }
    }
    let payloads: Vec<Box<dyn Fn() + Sync>> = vec![
        Box::new(|| panic!("a &str")),
        Box::new(|| panic!("a {}", "String")),
        Box::new(|| std::panic::panic_any(42u64)),
        Box::new(|| std::panic::panic_any(Bomb)),
    ];
    for p in &payloads {
        let ret = guarded::<u8>(|| {
            p();
            Ok(0)
        });
        let (kind, len) = free_error(ret.err);
        assert_eq!(kind, ErrorKind::Panic as u32);
        assert!(len > 0);
    }
}

/// Decodes the message, file and line of a panic error, then frees it.
fn panic_location(e: *mut crate::abi::FfiError) -> (String, String, u32) {
    assert!(!e.is_null());
    // SAFETY: `e` came from FfiError::new; `data`/`len` describe its payload, alive until freed.
    let data = unsafe { std::slice::from_raw_parts((*e).data, (*e).len) }.to_vec();
    free_error(e);
    let mut at = 0;
    let u32_at = |at: &mut usize| {
        let v = u32::from_le_bytes(data[*at..*at + 4].try_into().unwrap());
        *at += 4;
        v
    };
    let n = u32_at(&mut at) as usize;
    let message = String::from_utf8(data[at..at + n].to_vec()).unwrap();
    at += n;
    let n = u32_at(&mut at) as usize;
    let file = String::from_utf8(data[at..at + n].to_vec()).unwrap();
    at += n;
    (message, file, u32_at(&mut at))
}

#[test]
fn a_panicking_payload_drop_keeps_the_original_location() {
    struct Bomb;
    impl Drop for Bomb {
        fn drop(&mut self) {
            panic!("second panic while dropping the payload");
        }
    }
    let line = line!() + 2;
    let ret = guarded::<u8>(|| {
        std::panic::panic_any(Bomb);
    });
    let (message, file, got) = panic_location(ret.err);
    assert!(message.contains("not a string"), "{message}");
    assert!(file.ends_with("boundary_tests.rs"), "{file}");
    assert_eq!(
        got, line,
        "the location of the Drop's panic replaced the original one"
    );

    // The next panic reports its own location, nothing left over from the Drop's panic.
    let line = line!() + 1;
    let ret = guarded::<u8>(|| panic!("plain"));
    assert_eq!(panic_location(ret.err), ("plain".into(), file, line));
}

#[test]
fn a_resumed_panic_reports_its_own_location_or_none() {
    // The library caught an earlier panic, then raises a different payload without a hook run:
    // the earlier location must not be reported for it.
    let ret = guarded::<u8>(|| {
        let _ = std::panic::catch_unwind(|| panic!("caught by the library"));
        std::panic::resume_unwind(Box::new("raised later"))
    });
    let (message, file, line) = panic_location(ret.err);
    assert_eq!((message.as_str(), file.as_str(), line), ("raised later", "", 0));

    // Re-raising the caught payload itself: the location is that of the panic that unwinds.
    let line = line!() + 2;
    let ret = guarded::<u8>(|| {
        let payload = std::panic::catch_unwind(|| panic!("re-raised")).unwrap_err();
        std::panic::resume_unwind(payload)
    });
    let (message, file, got) = panic_location(ret.err);
    assert_eq!(message, "re-raised");
    assert!(file.ends_with("boundary_tests.rs"), "{file}");
    assert_eq!(got, line);
}

#[test]
fn an_object_whose_drop_panics_is_released_without_unwinding_or_leaking() {
    use super::registry::Registry;
    struct Fragile(#[allow(dead_code)] Vec<u8>);
    impl Drop for Fragile {
        fn drop(&mut self) {
            // A payload that panics again when dropped, the worst case for the collector; sized,
            // so that leaking its box would show under valgrind.
            struct Bomb(#[allow(dead_code)] [u8; 64]);
            impl Drop for Bomb {
                fn drop(&mut self) {
                    panic!("and again");
                }
            }
            std::panic::panic_any(Bomb([0; 64]));
        }
    }
    static R: Registry<Fragile> = Registry::new();
    for _ in 0..3 {
        let h = R.insert(Fragile(vec![0; 1000]));
        let ret = guarded::<u8>(|| Ok(u8::from(R.release(h))));
        assert!(ret.err.is_null());
        // SAFETY: `err` is null, so `value` is initialized.
        assert_eq!(unsafe { ret.value.assume_init() }, 1);
    }
    assert_eq!(R.live(), 0);
}

#[test]
fn field_errors_keep_their_kind_and_name_the_field() {
    /// The kind and the argument path of a lift error, as Go decodes them.
    fn encoded(e: LiftError) -> (u32, String) {
        let ret = guarded::<u8>(|| Err(e.for_arg("item")));
        let err = ret.err;
        assert!(!err.is_null());
        // SAFETY: `err` came from FfiError::new; its payload starts with the path string.
        let data = unsafe { std::slice::from_raw_parts((*err).data, (*err).len) }.to_vec();
        let kind = free_error(err).0;
        let n = u32::from_le_bytes(data[..4].try_into().unwrap()) as usize;
        (kind, String::from_utf8(data[4..4 + n].to_vec()).unwrap())
    }
    let utf8 = ErrorKind::InvalidUtf8 as u32;
    let utf8_field = LiftError::InvalidUtf8 { valid_up_to: 3 }.in_field("label");
    assert_eq!(encoded(utf8_field), (utf8, "item.label".into()));
    let in_list = LiftError::InvalidUtf8InList {
        index: 1,
        valid_up_to: 0,
    };
    assert_eq!(encoded(in_list.in_field("tags")), (utf8, "item.tags[1]".into()));
    let nested = LiftError::InvalidUtf8 { valid_up_to: 0 }
        .in_field("name")
        .in_field("owner");
    assert_eq!(encoded(nested), (utf8, "item.owner.name".into()));
    let invalid = LiftError::Invalid("unknown enum value 7".into()).in_field("shape");
    assert_eq!(
        encoded(invalid),
        (ErrorKind::InvalidArgument as u32, "item.shape".into())
    );
}

//! What a lazy iterator may borrow from its call (ADR 0014). An `impl Iterator` result runs after
//! the call that made it, chunk by chunk, so Rust may read the arguments it borrowed until Go's
//! range loop ends. Go keeps them alive (and in place) until then, and gives each loop its own
//! copy of memory Go code could change meanwhile; arguments it cannot keep that way are refused.

use crate::ir::{CallbackHolder, Type};

/// How Go keeps an argument of a function whose iterator may borrow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Rust copies it during the call (`String`, `Vec<u8>`, numbers, records, ...): nothing to
    /// keep.
    Owned,
    /// Go memory nothing can change (a `string`'s bytes): kept alive until the loop ends.
    Alive,
    /// Go memory Go code could change while the loop runs (a `[]byte`, a slice of numbers, a
    /// `[]string`'s elements, the string a `*string` points to): each loop copies it first and
    /// keeps the copy alive, so Rust never sees a change and nothing it reads is collected.
    Copied,
}

const HELD_FOR_THE_CALL: &str = "a lazy iterator cannot borrow a record or object argument, which the call holds only while it runs: take a record by value and move it into the iterator; for an object, make the iterator a `&self` method of it (the loop holds its object); or return an iterator that owns its data (`impl Iterator<Item = T> + 'static`)";

const CALLBACK_REF: &str = "a lazy iterator cannot borrow a Go value passed as `&dyn Trait`, which is valid only during the call: take `Box<dyn Trait>` or `Arc<dyn Trait>` and move it into the iterator";

const NESTED: &str = "a lazy iterator may borrow `&str`, `&Path`, `Cow<str>`, `&[u8]`, `&[T]`, `Vec<&str>`, `Vec<&[u8]>` and an `Option` of a string or bytes, which Go keeps until its loop ends; inside other types take owned values (`String`, `Vec<u8>`), which Rust copies during the call";

/// How `ty` is kept when the function's lazy iterator may borrow it, or why it cannot be.
pub fn kept(ty: &Type) -> Result<Kept, &'static str> {
    let callback_ref = |t: &Type| {
        matches!(
            t,
            Type::Callback {
                holder: CallbackHolder::Ref,
                ..
            }
        )
    };
    match ty {
        Type::Str | Type::Path | Type::CowStr => Ok(Kept::Alive),
        Type::Bytes | Type::Slice(_) => Ok(Kept::Copied),
        Type::Vec(t) if matches!(**t, Type::Str | Type::Bytes) => Ok(Kept::Copied),
        Type::Option(t) if matches!(**t, Type::Str | Type::Path | Type::CowStr | Type::Bytes) => {
            Ok(Kept::Copied)
        }
        Type::Ref(_) => Err(HELD_FOR_THE_CALL),
        Type::Vec(t) | Type::Option(t) if matches!(**t, Type::Ref(_)) => Err(HELD_FOR_THE_CALL),
        t if callback_ref(t) => Err(CALLBACK_REF),
        Type::Option(t) if callback_ref(t) => Err(CALLBACK_REF),
        t if contains_borrow(t) => Err(NESTED),
        _ => Ok(Kept::Owned),
    }
}

/// Whether Rust's value of an argument of type `ty` borrows Go memory or something the call
/// holds (rather than owning a copy), anywhere inside it.
pub fn contains_borrow(ty: &Type) -> bool {
    match ty {
        Type::Str | Type::Bytes | Type::Path | Type::CowStr | Type::Slice(_) | Type::Ref(_) => true,
        Type::Callback { holder, .. } => *holder == CallbackHolder::Ref,
        Type::Vec(t) | Type::Option(t) | Type::Boxed(t) => contains_borrow(t),
        Type::Map { key, value, .. } => contains_borrow(key) || contains_borrow(value),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(t: Type) -> Box<Type> {
        Box::new(t)
    }

    #[test]
    fn strings_are_kept_alive_and_changeable_memory_copied() {
        assert_eq!(kept(&Type::Str), Ok(Kept::Alive));
        assert_eq!(kept(&Type::CowStr), Ok(Kept::Alive));
        assert_eq!(kept(&Type::Bytes), Ok(Kept::Copied));
        assert_eq!(kept(&Type::Slice(boxed(Type::I64))), Ok(Kept::Copied));
        assert_eq!(kept(&Type::Vec(boxed(Type::Str))), Ok(Kept::Copied));
        assert_eq!(kept(&Type::Vec(boxed(Type::Bytes))), Ok(Kept::Copied));
        assert_eq!(kept(&Type::Option(boxed(Type::Str))), Ok(Kept::Copied));
        assert_eq!(kept(&Type::Option(boxed(Type::Bytes))), Ok(Kept::Copied));
    }

    #[test]
    fn owned_values_need_nothing() {
        for ty in [
            Type::String,
            Type::ByteVec,
            Type::I64,
            Type::Vec(boxed(Type::String)),
            Type::Vec(boxed(Type::I64)),
            Type::Named("Point".into()),
            Type::Option(boxed(Type::String)),
        ] {
            assert_eq!(kept(&ty), Ok(Kept::Owned), "{ty:?}");
        }
    }

    #[test]
    fn what_the_call_holds_and_nested_borrows_are_refused() {
        let point = || boxed(Type::Named("Point".into()));
        for ty in [
            Type::Ref(point()),
            Type::Option(boxed(Type::Ref(point()))),
            Type::Vec(boxed(Type::Ref(point()))),
            Type::Callback {
                name: "Progress".into(),
                holder: CallbackHolder::Ref,
            },
            Type::Vec(boxed(Type::Vec(boxed(Type::Str)))),
            Type::Vec(boxed(Type::Option(boxed(Type::Str)))),
            Type::Map {
                key: boxed(Type::Str),
                value: boxed(Type::I64),
                ordered: false,
            },
            Type::Map {
                key: boxed(Type::String),
                value: boxed(Type::Bytes),
                ordered: true,
            },
            Type::Boxed(boxed(Type::Str)),
        ] {
            assert!(kept(&ty).is_err(), "{ty:?} accepted");
        }
        let boxed_callback = Type::Callback {
            name: "Progress".into(),
            holder: CallbackHolder::Boxed,
        };
        assert_eq!(kept(&boxed_callback), Ok(Kept::Owned));
    }
}

//! The intermediate representation: what a Rust crate exports to Go.
//!
//! This is the one description of the bridged API. The proc-macro builds it for one item at a time
//! (to emit shims and checksums); the generator builds it for the whole crate (to write Go). Both go
//! through [`crate::parse`], so they cannot disagree. It serializes to JSON for `ferrogo ir` and
//! `ferrogo check`.

use serde::{Deserialize, Serialize};

/// A whole crate's exported API (the generator's view).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crate {
    /// The library's Rust crate name (`CARGO_CRATE_NAME`: dashes become underscores).
    pub name: String,
    /// ferrogo's contract version the crate was read with (see [`crate::ABI_VERSION`]).
    pub abi_version: u32,
    pub items: Vec<Item>,
}

/// One annotated Rust item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Item {
    Function(Function),
    Record(Record),
    Enum(Enum),
    Error(ErrorEnum),
    Object(Object),
    Impl(Impl),
    Custom(Custom),
    Callback(Callback),
}

/// Go-facing documentation and deprecation shared by every named thing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Docs {
    /// Rust doc comment lines, without the leading `///` and one space.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deprecation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An exported function: free function, constructor or method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Function {
    /// Rust identifier.
    pub name: String,
    /// Go identifier (may be unexported when the author renames it to lower case).
    pub go_name: String,
    pub docs: Docs,
    pub kind: FnKind,
    pub args: Vec<Arg>,
    pub ret: Return,
    /// `#[ferrogo::export(fallible)]`: an infallible Rust fn gets an `error` result in Go instead of
    /// re-raising panics as Go panics.
    #[serde(default)]
    pub fallible: bool,
    /// `#[ferrogo::export(blocking)]`: long or blocking work; Go calls wait for a slot when
    /// `ferrogo.Config.BlockingCalls` caps them. Left out of the JSON when false, so snapshots
    /// and ABI hashes of other functions do not change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blocking: bool,
    /// `#[ferrogo(no_fuzz)]`: `ferrogo build --fuzz` writes no target for it (it waits for
    /// something, or sizes an allocation from its input). Go-only: not part of the ABI hash.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_fuzz: bool,
    /// `async fn`: Go blocks its goroutine (not a thread) until the future completes; the Go
    /// function takes a `context.Context` (canceling it drops the future) and returns an error.
    #[serde(default, rename = "async", skip_serializing_if = "std::ops::Not::not")]
    pub is_async: bool,
    /// The result is a lazy iterator that may borrow from the call (an `impl Iterator` not
    /// bounded by `'static`, of a function taking arguments Rust borrows or of a `&self`
    /// method): Go keeps those arguments alive and unchanged until its range loop ends, and the
    /// iterator holds its object (ADR 0014). Left out of the JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub borrows: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FnKind {
    Free,
    /// `#[ferrogo::constructor]` in an impl of `object`; returns `Self` or `Result<Self, E>`.
    Constructor {
        object: String,
    },
    /// A method of `object` (an object, or a record whose methods take a Go value receiver).
    Method {
        object: String,
        #[serde(default, skip_serializing_if = "Receiver::is_shared")]
        receiver: Receiver,
    },
}

/// How a method takes its receiver.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    /// `&self`.
    #[default]
    Shared,
    /// `&mut self`: the call holds the object exclusively.
    Exclusive,
    /// `self`: the call consumes the object (Go's handle is closed by it).
    Owned,
}

impl Receiver {
    pub fn is_shared(&self) -> bool {
        *self == Receiver::Shared
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Arg {
    pub name: String,
    pub ty: Type,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Return {
    pub ok: Type,
    /// The `E` of `Result<T, E>`: the name of a `#[ferrogo::error]` enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub err: Option<String>,
}

impl Function {
    /// Whether the Go function has an `error` result.
    pub fn returns_error(&self) -> bool {
        self.fallible || self.ret.err.is_some() || self.cancelable() || self.is_async
    }

    /// Whether the shim takes a caller-provided scratch buffer for its result: `String` and
    /// `Vec<u8>` results that fit are copied there and freed in the same call, so Go needs no
    /// second crossing to free them.
    pub fn uses_scratch(&self) -> bool {
        !self.is_async && matches!(self.ret.ok, Type::String | Type::ByteVec)
    }

    /// The item type when the function returns `ferrogo::Iter<T>`.
    pub fn iter_item(&self) -> Option<&Type> {
        match &self.ret.ok {
            Type::Iter(item) => Some(item),
            _ => None,
        }
    }

    /// Whether invalid UTF-8 in its arguments is read as Go reads it (each invalid byte is
    /// U+FFFD; on Unix a path keeps its bytes) rather than reported as `ErrInvalidUTF8`: a Go
    /// function without an `error` result has no way to report it (ADR 0016). `strict_utf8`
    /// gives a function an `error` result, and with it this reading.
    pub fn lossy_utf8(&self) -> bool {
        !self.returns_error()
    }

    /// Whether the function takes a `ferrogo::Cancel` (a Go `context.Context`).
    pub fn cancelable(&self) -> bool {
        self.args.iter().any(|a| a.ty == Type::Cancel)
    }

    /// Whether the method's shim answers "busy" at once, instead of waiting, when an exclusive
    /// call of another thread holds its receiver, so that Go parks the goroutine and calls again
    /// (ADR 0012). The macro and the generator both ask this, so they never disagree. Not for
    /// async methods and lazy iterators (their receiver is held beyond the call), nor for a
    /// method taking a Go callback or func: Rust adopts those before it reaches the receiver, so
    /// a second call would pass handles the first released.
    pub fn may_report_busy(&self) -> bool {
        matches!(self.kind, FnKind::Method { .. })
            && !self.is_async
            && self.iter_item().is_none()
            && !self
                .args
                .iter()
                .any(|a| matches!(a.ty, Type::Callback { .. } | Type::Closure { .. }))
    }

    /// The object this function belongs to, if it is a method or constructor.
    pub fn object(&self) -> Option<&str> {
        match &self.kind {
            FnKind::Free => None,
            FnKind::Constructor { object } | FnKind::Method { object, .. } => Some(object),
        }
    }
}

/// The types that can cross the boundary. Named types are resolved against the crate by the
/// generator, and through traits implemented by their own attribute in the macro.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    Unit,
    Bool,
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
    F32,
    F64,
    /// `&str`: borrowed Go string, valid for the call.
    Str,
    /// `String`: owned (copied on the way in).
    String,
    /// `&[u8]`: borrowed Go bytes, valid for the call.
    Bytes,
    /// `Vec<u8>`.
    ByteVec,
    /// `&[T]` of a number type (not `u8`, which is [`Type::Bytes`]): borrowed Go slice.
    Slice(Box<Type>),
    /// `Vec<T>`. As an argument, `T` is a string, byte or number type (a list Go passes in one go).
    Vec(Box<Type>),
    Option(Box<Type>),
    /// `ferrogo::Iter<T>` (results only): Go gets `iter.Seq[T]`, or `iter.Seq2[T, error]` when
    /// the function can fail.
    Iter(Box<Type>),
    /// A record, enum, error or object of this crate.
    Named(String),
    /// `ferrogo::Cancel`: a cancellation token; the Go function takes a `context.Context`.
    Cancel,
    /// `&T` (arguments): a record borrowed by the call (copied in like a value) or an object
    /// (its handle; the call holds the object). `T` is a `Named` type.
    Ref(Box<Type>),
    /// `HashMap<K, V>` or, `ordered`, `BTreeMap<K, V>`: Go's `map[K]V`.
    Map {
        key: Box<Type>,
        value: Box<Type>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        ordered: bool,
    },
    /// A tuple result `(A, B, ...)`: Go's multiple results.
    Tuple(Vec<Type>),
    /// `char`: Go's `rune`.
    Char,
    /// `std::cmp::Ordering`: Go's `int` (-1, 0, +1, as `cmp.Compare`).
    Ordering,
    /// `std::time::Duration`: Go's `time.Duration`.
    Duration,
    /// `std::time::SystemTime`: Go's `time.Time`.
    SystemTime,
    /// `PathBuf`: an owned path, a UTF-8 Go `string`.
    PathBuf,
    /// `&Path` (arguments): a borrowed path, a Go `string`.
    Path,
    /// `Box<T>`: Go's `T`.
    Boxed(Box<Type>),
    /// `Cow<'_, str>`: Go's `string`.
    CowStr,
    /// `std::ops::Range<T>` or, `inclusive`, `RangeInclusive<T>` of an integer `T`: Go's
    /// `ferrogo.Range[T]` / `ferrogo.RangeInclusive[T]` (`Start`, `End`).
    Range {
        bound: Box<Type>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        inclusive: bool,
    },
    /// `Box<dyn T>`, `Arc<dyn T>` or `&dyn T` of a `#[ferrogo::callback]` trait `T` (arguments):
    /// a Go value implementing the interface, which Rust may keep and call from any thread.
    Callback {
        name: String,
        holder: CallbackHolder,
    },
    /// `impl Fn(A, B) -> R`, `&dyn Fn(A, B) -> R`, `impl FnMut(A)` or `&mut dyn FnMut(A)`
    /// (arguments): a Go `func(A, B) R`, callable only during the call.
    Closure {
        args: Vec<Type>,
        ret: Box<Type>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        mutable: bool,
    },
}

/// How a function holds a callback value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackHolder {
    /// `Box<dyn T>`: owned; Rust may keep it.
    Boxed,
    /// `Arc<dyn T>`: shared; Rust may keep it.
    Arc,
    /// `&dyn T`: borrowed for the call.
    Ref,
}

impl Type {
    /// The type with `Box` and `&` removed: what Go sees.
    pub fn unboxed(&self) -> &Type {
        match self {
            Type::Boxed(t) | Type::Ref(t) => t.unboxed(),
            t => t,
        }
    }

    /// Whether a record or enum stands behind a `Vec`, a map or a `Box` in this type: where a
    /// type can hold itself, since Rust needs such an indirection in every cycle of types.
    pub fn holds_named_indirectly(&self) -> bool {
        match self {
            Type::Vec(t) | Type::Slice(t) | Type::Boxed(t) => t.mentions_named(),
            Type::Map { value, .. } => value.mentions_named(),
            Type::Option(t) | Type::Ref(t) => t.holds_named_indirectly(),
            _ => false,
        }
    }

    /// Whether a named type (a record, enum, object or custom type) appears in this type.
    pub fn mentions_named(&self) -> bool {
        match self {
            Type::Named(_) => true,
            Type::Vec(t)
            | Type::Slice(t)
            | Type::Option(t)
            | Type::Iter(t)
            | Type::Boxed(t)
            | Type::Ref(t) => t.mentions_named(),
            Type::Map { key, value, .. } => key.mentions_named() || value.mentions_named(),
            Type::Tuple(items) => items.iter().any(Type::mentions_named),
            _ => false,
        }
    }

    /// Whether an argument of this type may carry Go text that Rust reads as UTF-8: strings,
    /// paths, and named types (a record, sum type or custom type may hold strings) at any depth.
    pub fn may_hold_text(&self) -> bool {
        match self {
            Type::Str | Type::String | Type::Path | Type::PathBuf | Type::CowStr | Type::Named(_) => true,
            Type::Vec(t) | Type::Option(t) | Type::Boxed(t) | Type::Ref(t) => t.may_hold_text(),
            Type::Map { key, value, .. } => key.may_hold_text() || value.may_hold_text(),
            _ => false,
        }
    }

    /// A fixed-size value with no owned memory.
    /// Whether this is an integer type (a range's bound).
    pub fn is_integer(&self) -> bool {
        use Type::*;
        matches!(self, I8 | I16 | I32 | I64 | Isize | U8 | U16 | U32 | U64 | Usize)
    }

    pub fn is_scalar(&self) -> bool {
        use Type::*;
        matches!(
            self,
            Bool | I8 | I16 | I32 | I64 | Isize | U8 | U16 | U32 | U64 | Usize | F32 | F64
        )
    }
}

/// `#[ferrogo::record]` struct: plain data copied by value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    pub fields: Vec<Field>,
    /// Std traits that give the Go type methods (`String`, `Equal`, ...): derived or declared in
    /// the attribute. Left out of the JSON when empty, so other types' hashes do not change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<crate::stdtraits::StdTrait>,
    /// The traits of `traits` declared in the attribute (the others are derived): a derived
    /// trait's method yields to a method of the author's with its Go name, a declared one is
    /// refused (ADR 0019). The generator's only: not in the JSON, not in the ABI hash.
    #[serde(skip)]
    pub declared_traits: Vec<crate::stdtraits::StdTrait>,
}

impl Record {
    /// Whether a value of this record may hold values of its own type (through other types,
    /// perhaps): its conversions count the levels of nesting, which have a limit.
    pub fn can_nest(&self) -> bool {
        self.fields.iter().any(|f| f.ty.holds_named_indirectly())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    pub ty: Type,
}

/// `#[ferrogo::record]` on an enum: a C-like enum is Go `type X int32` with constants; an enum
/// with data (any variant with fields) is a sealed Go interface with one struct per variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Enum {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    pub variants: Vec<EnumVariant>,
}

impl Enum {
    /// Whether any variant carries data (a sum type, not a C-like enum).
    pub fn has_data(&self) -> bool {
        self.variants.iter().any(|v| !v.fields.is_empty())
    }

    /// As [`Record::can_nest`].
    pub fn can_nest(&self) -> bool {
        self.variants
            .iter()
            .flat_map(|v| &v.fields)
            .any(|f| f.ty.holds_named_indirectly())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumVariant {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    /// The discriminant of a C-like enum; the variant's index in an enum with data.
    pub value: i32,
    /// The variant's fields (an enum with data); tuple fields are named `_0`, `_1`, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Whether the fields were written as a tuple (`Delete(usize)`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tuple: bool,
}

/// `#[ferrogo::error]` enum: unit variants become sentinel errors, data variants error structs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnum {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    pub variants: Vec<ErrorVariant>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorVariant {
    pub name: String,
    /// Go name of the sentinel (`ErrEmpty`) or struct type (`InvalidError`).
    pub go_name: String,
    pub docs: Docs,
    /// Empty for unit variants. Tuple fields are named `_0`, `_1`, ...
    pub fields: Vec<Field>,
    /// Whether the variant was written with tuple fields (`Io(String)`).
    #[serde(default)]
    pub tuple: bool,
}

/// `#[ferrogo::object]` struct: Go holds it by handle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Object {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    /// A method panic poisons the object (later calls fail with `ErrPoisoned`). Opt out with
    /// `#[ferrogo::object(no_poison)]`.
    pub poison: bool,
    /// Std traits that give the Go type methods (`String`, `Equal`, ...): derived or declared in
    /// the attribute. Left out of the JSON when empty, so other types' hashes do not change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<crate::stdtraits::StdTrait>,
    /// The traits of `traits` declared in the attribute (the others are derived): a derived
    /// trait's method yields to a method of the author's with its Go name, a declared one is
    /// refused (ADR 0019). The generator's only: not in the JSON, not in the ABI hash.
    #[serde(skip)]
    pub declared_traits: Vec<crate::stdtraits::StdTrait>,
}

/// `#[ferrogo::custom(Builtin)]`: a type of this crate (a newtype, say) that crosses as a builtin
/// type, converted with `TryFrom<Builtin>` (Go to Rust; a failure is an error naming the value)
/// and `Builtin: From<T>` (Rust to Go). Go sees the builtin type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Custom {
    pub name: String,
    pub docs: Docs,
    pub builtin: Type,
}

/// `#[ferrogo::callback] trait T: Send + Sync { ... }`: implemented in Go (an interface), called
/// by Rust through a proxy holding the Go value's handle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Callback {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    pub methods: Vec<CallbackMethod>,
}

/// A method of a callback trait (`&self`): Rust's arguments go to Go, Go's result comes back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallbackMethod {
    pub name: String,
    pub go_name: String,
    pub docs: Docs,
    pub args: Vec<Arg>,
    pub ret: Return,
}

/// `#[ferrogo::export] impl Object { ... }`: constructors and methods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Impl {
    pub object: String,
    pub functions: Vec<Function>,
}

impl Crate {
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.items.iter().flat_map(|item| match item {
            Item::Function(f) => std::slice::from_ref(f).iter(),
            Item::Impl(i) => i.functions.iter(),
            _ => [].iter(),
        })
    }

    pub fn record(&self, name: &str) -> Option<&Record> {
        self.items.iter().find_map(|i| match i {
            Item::Record(r) if r.name == name => Some(r),
            _ => None,
        })
    }

    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.items.iter().find_map(|i| match i {
            Item::Enum(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    pub fn error(&self, name: &str) -> Option<&ErrorEnum> {
        self.items.iter().find_map(|i| match i {
            Item::Error(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    pub fn custom(&self, name: &str) -> Option<&Custom> {
        self.items.iter().find_map(|i| match i {
            Item::Custom(c) if c.name == name => Some(c),
            _ => None,
        })
    }

    pub fn callback(&self, name: &str) -> Option<&Callback> {
        self.items.iter().find_map(|i| match i {
            Item::Callback(c) if c.name == name => Some(c),
            _ => None,
        })
    }

    pub fn callbacks(&self) -> impl Iterator<Item = &Callback> {
        self.items.iter().filter_map(|i| match i {
            Item::Callback(c) => Some(c),
            _ => None,
        })
    }

    pub fn object(&self, name: &str) -> Option<&Object> {
        self.items.iter().find_map(|i| match i {
            Item::Object(o) if o.name == name => Some(o),
            _ => None,
        })
    }
}

//! Arguments Go's fuzzer cannot generate itself (records, sum types, C-like enums, lists, maps,
//! times, ...): a fuzz target taking them receives the fuzzer's bytes and builds each argument
//! from an `rt.FuzzSource`, through one generated function per composite type. Invalid values
//! are built on purpose (enum numbers no variant has, nil sum-type values, negative durations,
//! invalid UTF-8 and runes): rejecting them with an error is the contract being fuzzed.

use std::collections::BTreeMap;

use ferrogo_syntax::ir::{Crate, Type};

use crate::types::{go_type, is_nilable, key, named, Named};
use crate::writer::Writer;

/// Whether a value of `ty` can be built from fuzz bytes: anything but objects (they come from
/// constructors), contexts and iterators.
pub fn buildable(krate: &Crate, ty: &Type) -> bool {
    buildable_unless(krate, ty, &mut Vec::new())
}

/// `buildable`, where the types in `seen` (being examined further up) count as buildable: a
/// recursive type is as buildable as the rest of its fields.
fn buildable_unless<'a>(krate: &'a Crate, ty: &'a Type, seen: &mut Vec<&'a str>) -> bool {
    match ty {
        Type::Unit | Type::Cancel | Type::Iter(_) | Type::Tuple(_) => false,
        // Go code: the fuzz target has no value to pass.
        Type::Callback { .. } | Type::Closure { .. } => false,
        Type::Vec(t) | Type::Slice(t) | Type::Option(t) | Type::Boxed(t) | Type::Ref(t) => {
            buildable_unless(krate, t, seen)
        }
        Type::Map { key, value, .. } => {
            buildable_unless(krate, key, seen) && buildable_unless(krate, value, seen)
        }
        Type::Named(n) if seen.contains(&n.as_str()) => true,
        Type::Named(n) => {
            seen.push(n);
            let fields: Vec<&Type> = match named(krate, n) {
                Named::Object(_) => return false,
                Named::Enum(_) => return true,
                Named::Record(r) => r.fields.iter().map(|f| &f.ty).collect(),
                Named::Sum(e) => e.variants.iter().flat_map(|v| &v.fields).map(|f| &f.ty).collect(),
            };
            fields.into_iter().all(|t| buildable_unless(krate, t, seen))
        }
        _ => true,
    }
}

/// The builder functions a fuzz file needs, by name.
#[derive(Default)]
pub struct Builders {
    funcs: BTreeMap<String, String>,
    /// Some builder uses package time.
    pub uses_time: bool,
}

impl Builders {
    /// A Go expression building a `ty` from `src` (a `*rt.FuzzSource`).
    pub fn build(&mut self, krate: &Crate, ty: &Type) -> String {
        match ty {
            Type::Bool => "src.Bool()".into(),
            Type::U64 => "src.Uint64()".into(),
            Type::I64 => "src.Int64()".into(),
            Type::F64 => "src.Float64()".into(),
            Type::F32 => "float32(src.Float64())".into(),
            Type::I8
            | Type::I16
            | Type::I32
            | Type::Isize
            | Type::U8
            | Type::U16
            | Type::U32
            | Type::Usize => {
                format!("{}(src.Uint64())", go_type(krate, ty))
            }
            // Surrogates and values beyond U+10FFFF too.
            Type::Char => "rune(src.Uint64())".into(),
            // -1, 0 and +1 among numbers Rust must refuse.
            Type::Ordering => "int(int8(src.Byte()))".into(),
            Type::Duration => {
                self.uses_time = true;
                "time.Duration(src.Int64())".into()
            }
            Type::SystemTime => {
                self.uses_time = true;
                "time.Unix(src.Int64(), src.Int64())".into()
            }
            Type::Str | Type::String | Type::PathBuf | Type::Path | Type::CowStr => "src.String()".into(),
            Type::Bytes | Type::ByteVec => "src.Bytes()".into(),
            Type::Boxed(t) | Type::Ref(t) => self.build(krate, t),
            // Any bounds, `Start > End` among them (an empty range).
            Type::Range { bound, .. } => {
                let (start, end) = (self.build(krate, bound), self.build(krate, bound));
                format!("{}{{Start: {start}, End: {end}}}", go_type(krate, ty))
            }
            // A sum type's builder returns nil (None) itself.
            Type::Option(t) if is_nilable(krate, t) => self.build(krate, t),
            Type::Named(n) if matches!(named(krate, n), Named::Enum(_)) => {
                // Mostly numbers no variant has: Rust must refuse them.
                format!("{}(int8(src.Byte()))", go_type(krate, ty))
            }
            _ => {
                let name = format!("fuzz{}", key(ty));
                if !self.funcs.contains_key(&name) {
                    self.funcs.insert(name.clone(), String::new()); // recursive types end here
                    let body = self.function(krate, ty, &name);
                    self.funcs.insert(name.clone(), body);
                }
                format!("{name}(src)")
            }
        }
    }

    fn function(&mut self, krate: &Crate, ty: &Type, name: &str) -> String {
        let go = go_type(krate, ty);
        let mut w = Writer::default();
        w.line(format!("func {name}(src *rt.FuzzSource) {go} {{"));
        match ty {
            Type::Vec(t) | Type::Slice(t) => {
                let elem = self.build(krate, t);
                w.line("n := src.Len()");
                w.line("if n == 0 {");
                w.line("return nil");
                w.line("}");
                w.line(format!("v := make({go}, n)"));
                w.line("for i := range v {");
                w.line(format!("v[i] = {elem}"));
                w.line("}");
                w.line("return v");
            }
            Type::Option(t) => {
                let value = self.build(krate, t);
                w.line("if src.Done() || !src.Bool() {");
                w.line("return nil");
                w.line("}");
                w.line(format!("v := {value}"));
                w.line("return &v");
            }
            Type::Map { key, value, .. } => {
                let (k, v) = (self.build(krate, key), self.build(krate, value));
                w.line("n := src.Len()");
                w.line("if n == 0 {");
                w.line("return nil");
                w.line("}");
                w.line(format!("m := make({go}, n)"));
                w.line("for range n {");
                w.line(format!("m[{k}] = {v}"));
                w.line("}");
                w.line("return m");
            }
            Type::Named(n) => match named(krate, n) {
                Named::Record(r) => {
                    w.line("src.Enter()");
                    w.line("defer src.Leave()");
                    w.line(format!("var v {go}"));
                    for f in &r.fields {
                        w.line(format!("v.{} = {}", f.go_name, self.build(krate, &f.ty)));
                    }
                    w.line("return v");
                }
                Named::Sum(e) => {
                    // One more choice than variants: nil, which Rust must refuse where a value
                    // is required.
                    w.line("if src.Done() {");
                    w.line("return nil");
                    w.line("}");
                    w.line("src.Enter()");
                    w.line("defer src.Leave()");
                    w.line(format!("switch src.Choose({}) {{", e.variants.len() + 1));
                    for (i, v) in e.variants.iter().enumerate() {
                        w.line(format!("case {i}:"));
                        w.line(format!("var x {}", v.go_name));
                        for f in &v.fields {
                            w.line(format!("x.{} = {}", f.go_name, self.build(krate, &f.ty)));
                        }
                        w.line("return x");
                    }
                    w.line("}");
                    w.line("return nil");
                }
                Named::Enum(_) | Named::Object(_) => unreachable!("built inline or not buildable"),
            },
            other => unreachable!("{other:?} is built inline"),
        }
        w.line("}");
        w.finish()
    }

    /// The builder functions, in name order.
    pub fn write(self, w: &mut Writer) {
        for (_, body) in self.funcs {
            w.raw(body.trim_end());
            w.blank();
        }
    }
}

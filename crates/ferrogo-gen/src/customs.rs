//! `#[ferrogo::custom(Builtin)]` types cross as their builtin type, so the generator writes Go
//! for a copy of the crate in which every use of one is its builtin type. (The ABI checksums
//! still come from the crate as written, as the macro computes them.)

use ferrogo_syntax::ir::{Crate, Field, Item, Type};

/// `krate` with every custom type replaced by its builtin type.
pub fn resolve(krate: &Crate) -> Crate {
    let customs: Vec<(String, Type)> = krate
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Custom(c) => Some((c.name.clone(), c.builtin.clone())),
            _ => None,
        })
        .collect();
    let mut out = krate.clone();
    if customs.is_empty() {
        return out;
    }
    let fix = |t: &mut Type| replace(t, &customs);
    let fix_fields = |fields: &mut [Field]| fields.iter_mut().for_each(|f| fix(&mut f.ty));
    for item in &mut out.items {
        match item {
            Item::Function(f) => {
                f.args.iter_mut().for_each(|a| fix(&mut a.ty));
                fix(&mut f.ret.ok);
            }
            Item::Impl(i) => {
                for f in &mut i.functions {
                    f.args.iter_mut().for_each(|a| fix(&mut a.ty));
                    fix(&mut f.ret.ok);
                }
            }
            Item::Record(r) => fix_fields(&mut r.fields),
            Item::Enum(e) => e.variants.iter_mut().for_each(|v| fix_fields(&mut v.fields)),
            Item::Error(e) => e.variants.iter_mut().for_each(|v| fix_fields(&mut v.fields)),
            Item::Callback(c) => {
                for m in &mut c.methods {
                    m.args.iter_mut().for_each(|a| fix(&mut a.ty));
                    fix(&mut m.ret.ok);
                }
            }
            Item::Object(_) | Item::Custom(_) => {}
        }
    }
    out
}

fn replace(ty: &mut Type, customs: &[(String, Type)]) {
    match ty {
        Type::Named(n) => {
            if let Some((_, builtin)) = customs.iter().find(|(c, _)| c == n) {
                *ty = builtin.clone();
            }
        }
        Type::Ref(t) => {
            replace(t, customs);
            // `&Url` of a custom type is a borrowed copy of its builtin value.
            if !matches!(**t, Type::Named(_)) {
                *ty = (**t).clone();
            }
        }
        Type::Vec(t) | Type::Slice(t) | Type::Option(t) | Type::Iter(t) | Type::Boxed(t) => {
            replace(t, customs)
        }
        Type::Map { key, value, .. } => {
            replace(key, customs);
            replace(value, customs);
        }
        Type::Tuple(items) => items.iter_mut().for_each(|t| replace(t, customs)),
        Type::Closure { args, ret, .. } => {
            args.iter_mut().for_each(|t| replace(t, customs));
            replace(ret, customs);
        }
        _ => {}
    }
}
